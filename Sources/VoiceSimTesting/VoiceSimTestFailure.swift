/// A failed check from `VoiceSimTesting`, thrown so that a Swift Testing `@Test` (or XCTest)
/// fails with the whole story in its message: which expectation or golden, what was found,
/// and where the replay first diverged.
///
///     @Test func bargeIn() throws {
///         try Replay.expectIdentical(trace: "traces/golden/v2-barge-in.sqlite")
///     }
///     // ✘ Test bargeIn() recorded an issue: Caught error: v2-barge-in.sqlite session 1 diverged: …
public struct VoiceSimTestFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// One line: what failed.
    public var summary: String
    /// The details under it (divergence report, failed expectations), possibly empty.
    public var details: [String]

    public init(_ summary: String, details: [String] = []) {
        self.summary = summary
        self.details = details
    }

    public var description: String { ([summary] + details.map { "  " + $0 }).joined(separator: "\n") }
}
