/// `0x` and 8 lowercase hex digits (how checksums appear in messages).
func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}

extension UInt64 {
    /// Parses exactly 16 lowercase hex digits, the form `hex16` writes digests in.
    init?(hexDigits text: String) {
        guard text.utf8.count == 16, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
            let value = UInt64(text, radix: 16)
        else { return nil }
        self = value
    }
}
