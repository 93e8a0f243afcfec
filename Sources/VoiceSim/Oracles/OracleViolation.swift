import VoiceCore

/// One breach an oracle saw: which oracle, when, in which lane, and what it saw.
public struct OracleViolation: Equatable, Sendable, CustomStringConvertible {
    public var kind: OracleKind
    public var lane: Int
    public var at: Instant
    public var detail: String

    public var description: String { "\(at) lane \(lane): oracle \(kind.rawValue): \(detail)" }
}

/// The breaches of one lane, at most `perKindMax` described per kind (the rest only counted),
/// so a run that breaks an oracle on every chunk still reports in bounded space.
struct OracleLog {
    static let perKindMax = 3
    private(set) var violations: [OracleViolation] = []
    private(set) var counts: [Int] = Array(repeating: 0, count: OracleKind.allCases.count)

    mutating func record(_ kind: OracleKind, lane: Int, at time: Instant, _ detail: @autoclosure () -> String) {
        let index = OracleKind.allCases.firstIndex(of: kind) ?? 0
        counts[index] += 1
        guard counts[index] <= OracleLog.perKindMax else { return }
        violations.append(OracleViolation(kind: kind, lane: lane, at: time, detail: detail()))
    }

    /// `n more` lines for kinds that hit the cap, so the report shows the true count.
    var overflowNotes: [String] {
        var notes: [String] = []
        for (index, count) in counts.enumerated() where count > OracleLog.perKindMax {
            notes.append("oracle \(OracleKind.allCases[index].rawValue): \(count - OracleLog.perKindMax) more")
        }
        return notes
    }
}
