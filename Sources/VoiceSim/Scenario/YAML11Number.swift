import VoiceCore

/// The number forms only YAML 1.1 has, which its resolver (Yams follows it) reads as something
/// other than what most writers mean: `1:30` is base 60 (90), `0777` octal (511), `0b101`
/// binary (5). A scenario file refuses them with a hint rather than guess.
enum YAML11Number {
    /// Why `plain` (an unquoted scalar the resolver took for a number) is refused, or nil when
    /// it reads the same in YAML 1.2 and JSON.
    static func hint(_ plain: String) -> String? {
        var digits = Substring(plain)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        if digits.contains(Character(":")) {
            return "\(plain) is a YAML 1.1 base-60 number (read as \(sexagesimal(digits) ?? "a sum of sixties")); "
                + "write the value in plain digits, or quote it if it is text"
        }
        if digits.count > 1, digits.first == "0", digits.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") })
        {
            return "\(plain) has a leading zero, which YAML 1.1 reads as octal; "
                + "write it without the leading zero, or quote it if it is text"
        }
        if digits.hasPrefix("0b") {
            return "\(plain) is a YAML 1.1 binary number; write it in decimal digits"
        }
        return nil
    }

    /// `1:30` → "90", for the message; nil when it is not a plain integer form.
    private static func sexagesimal(_ digits: Substring) -> String? {
        var value: Int64 = 0
        for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
            guard let number = Int64(part.filter { $0 != "_" }) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 60)
            guard !overflow else { return nil }
            value = shifted.addingSaturating(number)
        }
        return String(value)
    }
}
