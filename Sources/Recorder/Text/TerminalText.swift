/// `text` with every control character (C0, DEL, C1, and the bidirectional overrides that can
/// reorder what a terminal shows) replaced by a visible escape such as `\n`, `\t` or `\u{1B}`, so
/// a scenario name or label from a file cannot move the cursor, recolour, or forge lines. A byte
/// of a file name that is not UTF-8 (see `FileSystemPath`) is shown as `\xNN`.
///
/// For one-line fields a newline in a name is shown as `\n`, never printed; `keepingNewlines`
/// is for text we laid out ourselves, whose line breaks are ours.
/// - Complexity: O(`text.count`)
package func sanitizedForTerminal(_ text: String, keepingNewlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: isUnsafeForTerminal) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
        guard isUnsafeForTerminal(scalar), !(keepingNewlines && scalar == "\n") else {
            out.unicodeScalars.append(scalar)
            continue
        }
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            out += FileSystemPath.shownByte(scalar) ?? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
    return out
}

private func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    // Bidirectional embeddings, overrides and isolates ("Trojan Source").
    case 0x202A...0x202E, 0x2066...0x2069: true
    case FileSystemPath.escapes: true
    default: false
    }
}
