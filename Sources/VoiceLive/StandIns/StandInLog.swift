import NIOConcurrencyHelpers

/// What happened at a stand-in, as the provider would see it: streams opened and how they
/// ended, requests answered and faults injected. Tests and `voicesim providers` read it.
public enum StandInEvent: Equatable, Sendable {
    public enum Ending: Equatable, Sendable {
        /// The protocol's own end (Deepgram `CloseStream`, Anthropic `message_stop`, ElevenLabs EOS).
        case completed
        /// The client closed or dropped the connection before the end (a cancel).
        case clientClosed
        /// Deepgram's NET-0001: nothing received for the idle timeout.
        case idleTimeout
        /// A configured fault ended it.
        case fault(String)
    }

    /// A Deepgram stream opened with `keyterms` (stream numbers count from 1).
    case sttOpened(stream: Int, keyterms: [String])
    /// The recogniser finalised an utterance with `transcript`.
    case sttHeard(stream: Int, transcript: String)
    case sttEnded(stream: Int, Ending)
    /// A Messages request (numbered from 1) was answered with `status`.
    case llmRequest(request: Int, status: Int)
    case llmEnded(request: Int, Ending, tokens: Int)
    case ttsOpened(stream: Int, voiceID: String)
    /// `textBytes`: UTF-8 bytes of text received before the end.
    case ttsEnded(stream: Int, Ending, textBytes: Int)
}

/// The stand-ins' event log, safe to read from any task.
public final class StandInLog: Sendable {
    private let entries = NIOLockedValueBox<[(at: ContinuousClock.Instant, event: StandInEvent)]>([])

    public init() {}

    /// Everything so far, in the order it happened.
    public var events: [StandInEvent] { entries.withLockedValue { $0.map(\.event) } }

    /// Everything so far with the monotonic time it was logged, so a test can measure the
    /// gaps a provider saw (a retry's backoff) without trusting the client's clock.
    public var timedEvents: [(at: ContinuousClock.Instant, event: StandInEvent)] { entries.withLockedValue { $0 } }

    /// Logs `event` as of `at` (a request is logged when answered, timed when it arrived).
    func append(_ event: StandInEvent, at: ContinuousClock.Instant = .now) {
        entries.withLockedValue { $0.append((at, event)) }
    }

    /// Waits until an event matches `predicate` (checking every 5 ms), up to `timeout`;
    /// returns the first match, or nil.
    public func wait(
        timeout: Duration = .seconds(5), for predicate: @Sendable (StandInEvent) -> Bool
    ) async -> StandInEvent? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let match = events.first(where: predicate) { return match }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
