/// The verdict on one expectation of one session.
public struct ExpectationResult: Equatable, Sendable {
    /// The sentence as written in the expectations file: the expectation's name.
    public var sentence: String
    public var expectation: GoldenExpectation
    public var passed: Bool
    /// What the session showed, in words ("2 interruptions", "1712 ms", "response 3 kept …").
    public var found: String
    /// The measurement a pin is re-pinned to by `--update`; nil when nothing could be measured.
    public var measured: Int64?

    public init(sentence: String, expectation: GoldenExpectation, passed: Bool, found: String, measured: Int64? = nil) {
        self.sentence = sentence
        self.expectation = expectation
        self.passed = passed
        self.found = found
        self.measured = measured
    }
}

extension ExpectationResult: CustomStringConvertible {
    /// `✓ exactly 1 interruption (found 1)` or `✗ exactly 1 interruption: found 2 (responses 1, 3)`.
    public var description: String { passed ? "✓ \(sentence) (\(found))" : "✗ \(sentence): \(found)" }
}
