/// Prices in integer micro-dollars, so money never rounds differently on two machines.
///
/// The seed's formula: STT $0.0125/min, LLM $3/M input and $15/M output tokens,
/// TTS $0.030 per 1K characters.
public struct CostRates: Equatable, Sendable {
    public var sttMicroUSDPerMinute: Int64
    public var llmInputMicroUSDPerMillionTokens: Int64
    public var llmOutputMicroUSDPerMillionTokens: Int64
    public var ttsMicroUSDPerThousandCharacters: Int64

    public init(sttMicroUSDPerMinute: Int64, llmInputMicroUSDPerMillionTokens: Int64,
                llmOutputMicroUSDPerMillionTokens: Int64, ttsMicroUSDPerThousandCharacters: Int64) {
        self.sttMicroUSDPerMinute = sttMicroUSDPerMinute
        self.llmInputMicroUSDPerMillionTokens = llmInputMicroUSDPerMillionTokens
        self.llmOutputMicroUSDPerMillionTokens = llmOutputMicroUSDPerMillionTokens
        self.ttsMicroUSDPerThousandCharacters = ttsMicroUSDPerThousandCharacters
    }

    public static let seed = CostRates(
        sttMicroUSDPerMinute: 12_500,
        llmInputMicroUSDPerMillionTokens: 3_000_000,
        llmOutputMicroUSDPerMillionTokens: 15_000_000,
        ttsMicroUSDPerThousandCharacters: 30_000
    )
}

extension CostRates {
    /// Each term is rounded half up to a whole micro-dollar, then summed.
    public func costMicroUSD(_ usage: SessionUsage) -> Int64 {
        costMicroUSD(sttMicros: usage.sttMicros, llmInputTokens: usage.llmInputTokens,
                     llmOutputTokens: usage.llmOutputTokens, ttsCharacters: usage.ttsCharacters)
    }

    public func costMicroUSD(sttMicros: Int64, llmInputTokens: UInt64, llmOutputTokens: UInt64,
                             ttsCharacters: UInt64) -> Int64 {
        let stt = divideRounded(sttMicros * sttMicroUSDPerMinute, 60_000_000)
        let input = divideRounded(Int64(llmInputTokens) * llmInputMicroUSDPerMillionTokens, 1_000_000)
        let output = divideRounded(Int64(llmOutputTokens) * llmOutputMicroUSDPerMillionTokens, 1_000_000)
        let tts = divideRounded(Int64(ttsCharacters) * ttsMicroUSDPerThousandCharacters, 1_000)
        return stt + input + output + tts
    }

    private func divideRounded(_ value: Int64, _ divisor: Int64) -> Int64 { (value + divisor / 2) / divisor }
}

/// `$0.245000` from micro-dollars, exact.
public func formatUSD(microUSD: Int64) -> String {
    let sign = microUSD < 0 ? "-" : ""
    let magnitude = microUSD.magnitude
    let fraction = String(magnitude % 1_000_000)
    return "\(sign)$\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
}
