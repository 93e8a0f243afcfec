import VoiceCore

/// Prints a value's stored properties, recursively, one per line, deterministically: sets and
/// dictionaries are sorted by their printed form, so equal states print the same text in
/// every process (Swift's hash order differs per process).
enum StateDump {
    static func text(of value: Any, name: String) -> String {
        var lines: [String] = []
        write(value, label: name, depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    /// Deepest nesting printed; deeper values print on one line.
    static let depthMax = 12

    private static func write(_ value: Any, label: String, depth: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        let mirror = Mirror(reflecting: value)
        if let leaf = leafText(value, mirror) {
            lines.append("\(pad)\(label): \(leaf)")
            return
        }
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first?.value {
                write(wrapped, label: label, depth: depth, into: &lines)
            } else {
                lines.append("\(pad)\(label): nil")
            }
        case .collection:
            lines.append("\(pad)\(label): [\(mirror.children.count)]")
            for (index, child) in mirror.children.enumerated() {
                write(child.value, label: "[\(index)]", depth: depth + 1, into: &lines)
            }
        case .set, .dictionary:
            let entries = mirror.children.map { oneLine($0.value) }.sorted()
            lines.append("\(pad)\(label): {\(entries.count)}")
            for entry in entries { lines.append("\(pad)  \(entry)") }
        case .struct, .class, .tuple:
            if mirror.children.isEmpty || depth >= depthMax {
                lines.append("\(pad)\(label): \(oneLine(value))")
                return
            }
            lines.append("\(pad)\(label):")
            for (index, child) in mirror.children.enumerated() {
                write(child.value, label: child.label ?? ".\(index)", depth: depth + 1, into: &lines)
            }
        case .enum, .foreignReference, nil:
            lines.append("\(pad)\(label): \(oneLine(value))")
        @unknown default:
            lines.append("\(pad)\(label): \(oneLine(value))")
        }
    }

    /// Values printed whole: scalars, strings, times, audio summaries.
    private static func leafText(_ value: Any, _ mirror: Mirror) -> String? {
        switch value {
        case let text as String: return "\"\(text)\""
        case let chunk as AudioChunk: return chunk.description
        case let instant as Instant: return instant.description
        case is Bool, is Int, is Int8, is Int16, is Int32, is Int64, is UInt, is UInt8, is UInt16, is UInt32,
            is UInt64, is Double:
            return String(describing: value)
        default: return nil
        }
    }

    /// A nested value on one line; dictionaries and sets inside are printed sorted.
    private static func oneLine(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if let leaf = leafText(value, mirror) { return leaf }
        switch mirror.displayStyle {
        case .set, .dictionary:
            return "{" + mirror.children.map { oneLine($0.value) }.sorted().joined(separator: ", ") + "}"
        case .collection:
            return "[" + mirror.children.map { oneLine($0.value) }.joined(separator: ", ") + "]"
        case .optional:
            return mirror.children.first.map { oneLine($0.value) } ?? "nil"
        case .struct, .class, .tuple:
            return "(" + mirror.children.enumerated().map { index, child in
                "\(child.label ?? ".\(index)"): \(oneLine(child.value))"
            }.joined(separator: ", ") + ")"
        case .enum:
            guard let payload = mirror.children.first else { return readable(value) }
            return "\(payload.label ?? "case")(\(oneLine(payload.value)))"
        case .foreignReference, nil:
            return readable(value)
        @unknown default:
            return readable(value)
        }
    }
}
