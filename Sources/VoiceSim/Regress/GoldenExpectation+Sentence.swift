/// The sentences expectations are written in (see `GoldenExpectation.forms` for the list).
extension GoldenExpectation {
    /// One accepted sentence shape: a pattern (case-insensitive, whole sentence) and how its
    /// captures become an expectation.
    struct Form: Sendable {
        let pattern: String
        /// Shown when a sentence matches no form.
        let example: String
        let build: @Sendable ([Substring]) -> GoldenExpectation?
    }

    private static let quantity = #"([0-9]+(?:\.[0-9]+)?) ?(ms|s)"#
    private static let tolerance = #"± ?([0-9]+(?:\.[0-9]+)?) ?%"#
    private static let dollars = #"\$([0-9]+(?:\.[0-9]+)?)"#

    static let forms: [Form] = [
        Form(pattern: "playback stops within \(quantity) of speech onset",
             example: "playback stops within 20 ms of speech onset") { c in
            micros(c[0], c[1]).map { .playbackStopsAfterOnset(withinMicros: $0) }
        },
        Form(pattern: "barge-in stops playback within \(quantity)", example: "barge-in stops playback within 400 ms") {
            c in micros(c[0], c[1]).map { .bargeInStop(.atMost($0)) }
        },
        Form(pattern: "barge-in stops playback after \(quantity) \(tolerance)",
             example: "barge-in stops playback after 300 ms ± 10 %") { c in
            pinned(micros(c[0], c[1]), c[2]).map { .bargeInStop($0) }
        },
        Form(pattern: #"(?:(no)|exactly ([0-9]+)|at least ([0-9]+)) (interruption|reconnect|refusal|latency spike)s?"#,
             example: "exactly 1 interruption | no reconnect | at least 1 latency spike | exactly 1 refusal") { c in
            let count: Count
            if !c[0].isEmpty {
                count = .exactly(0)
            } else if let exactly = Int(c[1]) {
                count = .exactly(exactly)
            } else if let atLeast = Int(c[2]) {
                count = .atLeast(atLeast)
            } else {
                return nil
            }
            switch c[3].lowercased() {
            case "interruption": return .interruptions(count)
            case "reconnect": return .reconnects(count)
            case "refusal": return .refusals(count)
            default: return .latencySpikes(count)
            }
        },
        Form(pattern: "history holds only played text", example: "history holds only played text") { _ in
            .historyHoldsOnlyPlayedText
        },
        Form(pattern: "no mic audio lost", example: "no mic audio lost") { _ in .noMicAudioLost },
        Form(pattern: "lost mic audio is counted as a gap", example: "lost mic audio is counted as a gap") { _ in
            .lostAudioCounted
        },
        Form(pattern: "at most \(quantity) of mic audio lost", example: "at most 2 s of mic audio lost") { c in
            micros(c[0], c[1]).map { .lostAudio(.atMost($0)) }
        },
        Form(pattern: "\(quantity) \(tolerance) of mic audio lost", example: "1200 ms ± 10 % of mic audio lost") { c in
            pinned(micros(c[0], c[1]), c[2]).map { .lostAudio($0) }
        },
        Form(pattern: "turn ([0-9]+) answered within \(quantity)", example: "turn 2 answered within 2 s") { c in
            guard let turn = Int(c[0]), turn >= 1 else { return nil }
            return micros(c[1], c[2]).map { .turnAnswered(turn: turn, .atMost($0)) }
        },
        Form(pattern: "turn ([0-9]+) answered in \(quantity) \(tolerance)",
             example: "turn 2 answered in 1650 ms ± 10 %") { c in
            guard let turn = Int(c[0]), turn >= 1 else { return nil }
            return pinned(micros(c[1], c[2]), c[3]).map { .turnAnswered(turn: turn, $0) }
        },
        Form(pattern: "every turn answered", example: "every turn answered") { _ in .everyTurnAnswered },
        Form(pattern: "(?:every turn|turn ([0-9]+)) answered or told the provider failed",
             example: "every turn answered or told the provider failed | turn 7 answered or told the provider failed") { c in
            if c[0].isEmpty { return .answeredOrProviderFailed(turn: nil) }
            guard let turn = Int(c[0]), turn >= 1 else { return nil }
            return .answeredOrProviderFailed(turn: turn)
        },
        Form(pattern: "every reconnect within \(quantity)", example: "every reconnect within 3 s") { c in
            micros(c[0], c[1]).map { .longestReconnect(.atMost($0)) }
        },
        Form(pattern: "longest reconnect \(quantity) \(tolerance)", example: "longest reconnect 1200 ms ± 10 %") { c in
            pinned(micros(c[0], c[1]), c[2]).map { .longestReconnect($0) }
        },
        Form(pattern: "unacknowledged mic audio replayed after each reconnect",
             example: "unacknowledged mic audio replayed after each reconnect") { _ in .unacknowledgedAudioReplayed },
        Form(pattern: "STT stream reopened after each disconnect", example: "STT stream reopened after each disconnect") {
            _ in .sttReopened
        },
        Form(pattern: "cost at most \(dollars)", example: "cost at most $0.05") { c in
            decimal(c[0], scale: 1_000_000).map { .cost(.atMost($0)) }
        },
        Form(pattern: "cost \(dollars) \(tolerance)", example: "cost $0.012345 ± 1 %") { c in
            pinned(decimal(c[0], scale: 1_000_000), c[1]).map { .cost($0) }
        },
        Form(pattern: "no invariant failures?", example: "no invariant failure") { _ in .noInvariantFailure },
    ]

    /// The expectation a sentence states, or nil when it matches no form (see `forms`).
    public init?(sentence: String) {
        let text = sentence.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for form in Self.forms {
            guard let regex = try? Regex("^(?:\(form.pattern))$").ignoresCase(),
                let match = try? regex.wholeMatch(in: text)
            else { continue }
            let captures = match.output.dropFirst().map { $0.substring ?? "" }
            if let expectation = form.build(Array(captures)) {
                self = expectation
                return
            }
        }
        return nil
    }

    /// Every accepted sentence shape, one example each: for error messages and `--help`.
    public static var sentenceExamples: [String] { forms.map(\.example) }

    /// The canonical sentence of a pin (what `--update` writes); nil for guards, whose
    /// sentences stay as written.
    public var pinSentence: String? {
        switch self {
        case .bargeInStop(.pinned(let value, let tolerance)):
            "barge-in stops playback after \(Self.millis(value)) ms ± \(Self.percent(tolerance)) %"
        case .lostAudio(.pinned(let value, let tolerance)):
            "\(Self.millis(value)) ms ± \(Self.percent(tolerance)) % of mic audio lost"
        case .turnAnswered(let turn, .pinned(let value, let tolerance)):
            "turn \(turn) answered in \(Self.millis(value)) ms ± \(Self.percent(tolerance)) %"
        case .longestReconnect(.pinned(let value, let tolerance)):
            "longest reconnect \(Self.millis(value)) ms ± \(Self.percent(tolerance)) %"
        case .cost(.pinned(let value, let tolerance)):
            "cost $\(Self.fixed(value, scale: 1_000_000)) ± \(Self.percent(tolerance)) %"
        default:
            nil
        }
    }
}

extension GoldenExpectation {
    /// `text` (digits, optionally a fraction) times `scale`, exactly; fraction digits beyond
    /// the scale are refused rather than rounded.
    static func decimal(_ text: Substring, scale: Int64) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]) else { return nil }
        let digits = String(scale).count - 1
        var fraction: Int64 = 0
        if parts.count == 2 {
            let written = parts[1]
            guard written.count <= digits, let value = Int64(written) else { return nil }
            fraction = value * Int64(pow10(digits - written.count))
        }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        return overflow ? nil : scaled + fraction
    }

    static func micros(_ number: Substring, _ unit: Substring) -> Int64? {
        decimal(number, scale: unit.lowercased() == "s" ? 1_000_000 : 1_000)
    }

    static func pinned(_ value: Int64?, _ tolerance: Substring) -> Bound? {
        guard let value, let basisPoints = decimal(tolerance, scale: 100) else { return nil }
        return .pinned(value, toleranceBasisPoints: basisPoints)
    }

    private static func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { total, _ in total * 10 } }

    /// Microseconds as whole milliseconds, rounded half up.
    static func millis(_ micros: Int64) -> Int64 { (micros + 500) / 1_000 }

    static func percent(_ basisPoints: Int64) -> String { fixed(basisPoints, scale: 100) }

    /// `value / scale` in decimal, without trailing zeros ("0.012345", "1", "2.5").
    static func fixed(_ value: Int64, scale: Int64) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = String(magnitude % UInt64(scale))
        let digits = String(scale).count - 1
        fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
