import Yams

/// The tag YAML 1.1 gives an untagged plain scalar: the rules of Yams' `Resolver.default`
/// (bool, int, float, null; the rest are strings to a scenario), matched by hand.
///
/// `Resolver.default` compiles seven `NSRegularExpression`s through ICU the first time it is
/// touched (8.8 M of the 19.9 M instructions `voicesim run` spent loading its scenario), and
/// matched every key and value against them again. The forms below are the
/// patterns of Yams 6.2.2, alternative by alternative; `YAML11ResolverTests` holds each one.
enum YAML11Resolver {
    /// `.bool`, `.int`, `.float`, `.null`, or `.str` for anything else (Yams' merge `<<`,
    /// value `=` and timestamps included, which a scenario reads as text anyway).
    static func tag(ofPlain written: String) -> Tag.Name {
        // ICU's `$` also matches before one line terminator that ends the text. A plain scalar
        // from libyaml never ends in one; this keeps the rules whole for any string.
        let text = written.last.map(isLineTerminator) == true ? String(written.dropLast()) : written
        switch text {
        case "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF":
            return .bool
        case "", "~", "null", "Null", "NULL":
            return .null
        default:
            let bytes = Array(text.utf8)
            if isInteger(bytes) { return .int }
            if isFloat(bytes) { return .float }
            return .str
        }
    }

    /// The value of a plain scalar that `tag(ofPlain:)` calls `.int`, as Yams' `Int.construct`
    /// reads it (underscores dropped; `0x`, `0b`, `0o` and a bare leading `0` pick the radix),
    /// without its Foundation string search; nil when it does not fit. Base-60 forms are not
    /// read: `YAML11Number` refuses them first.
    static func integer(ofPlain text: String) -> Int64? {
        let digits = text.utf8.contains(UInt8(ascii: "_")) ? String(text.filter { $0 != "_" }) : text
        if digits == "0" { return 0 }
        var body = Substring(digits)
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        guard body.first == "0" else { return Int64(digits) }
        let marker = body.dropFirst().first
        let radix = marker == "x" ? 16 : marker == "b" ? 2 : 8
        let prefixLength = marker == "x" || marker == "b" || marker == "o" ? 2 : 1
        return Int64((negative ? "-" : "") + body.dropFirst(prefixLength), radix: radix)
    }

    /// `[-+]?` then `0b[0-1_]+`, `0o?[0-7_]+`, `0`, `[1-9][0-9_]*`, `0x[0-9a-fA-F_]+`, or
    /// `[1-9][0-9_]*(:[0-5]?[0-9])+` (base 60).
    private static func isInteger(_ bytes: [UInt8]) -> Bool {
        let body = unsigned(bytes[...])
        guard let first = body.first else { return false }
        if first == UInt8(ascii: "0") {
            let rest = body.dropFirst()
            if rest.isEmpty { return true }
            if rest.first == UInt8(ascii: "b") { return isRun(rest.dropFirst(), of: isBinaryDigit) }
            if rest.first == UInt8(ascii: "x") { return isRun(rest.dropFirst(), of: isHexDigit) }
            if rest.first == UInt8(ascii: "o") { return isRun(rest.dropFirst(), of: isOctalDigit) }
            return isRun(rest, of: isOctalDigit)
        }
        guard isDigit(first) else { return false }
        let parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        return isDigitsOrUnderscores(parts[0].dropFirst()) && parts.dropFirst().allSatisfy(isSexagesimalDigit)
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`,
    /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*` (base 60), `[-+]?\.(inf|Inf|INF)` or
    /// `\.(nan|NaN|NAN)`.
    private static func isFloat(_ bytes: [UInt8]) -> Bool {
        let dot = UInt8(ascii: ".")
        if bytes.first == dot {
            let fraction = bytes.dropFirst()
            if ["nan", "NaN", "NAN", "inf", "Inf", "INF"].contains(where: { fraction.elementsEqual($0.utf8) }) {
                return true
            }
            let (digits, exponent) = splitExponent(fraction)
            return isRun(digits, of: isDigitOrUnderscore) && (exponent.map(isSignedExponent) ?? true)
        }
        let body = unsigned(bytes[...])
        if body.first == dot {
            return ["inf", "Inf", "INF"].contains(where: { body.dropFirst().elementsEqual($0.utf8) })
        }
        guard let first = body.first, isDigit(first) else { return false }
        let parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        if parts.count > 1 {
            guard isDigitsOrUnderscores(parts[0].dropFirst()), let last = parts.last,
                let lastDot = last.firstIndex(of: dot)
            else { return false }
            return parts.dropFirst().dropLast().allSatisfy(isSexagesimalDigit)
                && isSexagesimalDigit(last[..<lastDot]) && isDigitsOrUnderscores(last[(lastDot + 1)...])
        }
        let (mantissa, exponent) = splitExponent(body)
        if let exponent, !isOptionallySignedExponent(exponent) { return false }
        guard let dotIndex = mantissa.firstIndex(of: dot) else { return isDigitsOrUnderscores(mantissa) }
        return isDigitsOrUnderscores(mantissa[..<dotIndex]) && isDigitsOrUnderscores(mantissa[(dotIndex + 1)...])
    }

    /// The text without one leading sign.
    private static func unsigned(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes
    }

    /// The part before the first `e`/`E` and the part after it (nil when there is none).
    private static func splitExponent(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
        guard let marker = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            return (bytes, nil)
        }
        return (bytes[..<marker], bytes[(marker + 1)...])
    }

    /// `[-+][0-9]+`.
    private static func isSignedExponent(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? isRun(bytes.dropFirst(), of: isDigit) : false
    }

    /// `[-+]?[0-9]+`.
    private static func isOptionallySignedExponent(_ bytes: ArraySlice<UInt8>) -> Bool {
        isRun(unsigned(bytes), of: isDigit)
    }

    /// `[0-5]?[0-9]`: one place of a base-60 number.
    private static func isSexagesimalDigit(_ bytes: ArraySlice<UInt8>) -> Bool {
        switch bytes.count {
        case 1: isDigit(bytes[bytes.startIndex])
        case 2: (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(bytes[bytes.startIndex]) && isDigit(bytes[bytes.startIndex + 1])
        default: false
        }
    }

    /// `[0-9_]*`.
    private static func isDigitsOrUnderscores(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy(isDigitOrUnderscore)
    }

    /// One or more bytes, all of one class.
    private static func isRun(_ bytes: ArraySlice<UInt8>, of isMember: (UInt8) -> Bool) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isMember)
    }

    /// A line terminator to ICU: LF, VT, FF, CR, CR LF, NEL, LS, PS.
    private static func isLineTerminator(_ character: Character) -> Bool {
        ["\n", "\u{0B}", "\u{0C}", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(character)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isDigitOrUnderscore(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: "_") }

    private static func isBinaryDigit(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") || byte == UInt8(ascii: "_")
    }

    private static func isOctalDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigitOrUnderscore(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
