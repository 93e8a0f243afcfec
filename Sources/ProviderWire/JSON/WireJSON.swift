import Foundation

/// JSON in and out of the providers' text frames and bodies.
///
/// Encoding sorts keys, so a stand-in's messages are the same bytes on every run (the
/// providers' own key order is not part of their protocols). Decoding maps Foundation's
/// errors to `ProviderWireError` with the path of the bad field.
package enum WireJSON {
    /// Compact JSON of `value`, keys sorted, slashes unescaped.
    package static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // Our message types hold strings, numbers and arrays only: encoding cannot fail.
            preconditionFailure("encoding \(Value.self): \(error)")
        }
    }

    /// Decodes `what` (named in errors, e.g. "Results message") from UTF-8 JSON bytes.
    package static func decode<Value: Decodable>(
        _ type: Value.Type, from bytes: some Collection<UInt8>, provider: ProviderWireError.Provider, what: String
    ) throws(ProviderWireError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ProviderWireError(provider, "\(what): \(describe(error))")
        } catch {
            throw ProviderWireError(provider, "\(what): \(error)")
        }
    }

    /// Decodes `what` from a text frame.
    package static func decode<Value: Decodable>(
        _ type: Value.Type, from text: String, provider: ProviderWireError.Provider, what: String
    ) throws(ProviderWireError) -> Value {
        try decode(type, from: Array(text.utf8), provider: provider, what: what)
    }

    /// "field `channel.alternatives[0].transcript` is missing" and the like.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "field `\(path(context.codingPath + [key]))` is missing"
        case .typeMismatch(let type, let context):
            return "field `\(path(context.codingPath))` is not \(article(type))"
        case .valueNotFound(let type, let context):
            return "field `\(path(context.codingPath))` is null, expected \(article(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "field `\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    static func article(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Double.Type, is Int.Type, is UInt32.Type, is Int64.Type: "a number"
        default: "a \(type)"
        }
    }
}

/// A coding key made at run time: for objects whose keys vary (ElevenLabs' alignment).
struct DynamicKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
