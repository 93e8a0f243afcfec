import VoiceCore

/// A moment defined by something the simulation observes rather than by a clock time:
/// "200 ms after the second time TTS audio first arrives for a reply".
///
/// Incident scenarios written with triggers keep their meaning when the seed changes: the
/// simulator resolves each trigger from the events of the run it is in, so the fault or
/// utterance lands at the same point of the conversation whatever the latencies drawn.
/// A trigger whose event never happens (often enough) never fires.
public struct EventTrigger: Equatable, Sendable {
    /// What the simulation watches for.
    public var event: Event
    /// How long after the event the trigger fires (never before it: the past cannot change).
    public var offsetMicros: Int64
    /// Which matching event counts, 1 for the first.
    public var occurrence: Int
    /// Only events of this user's calls count; nil for every user's. Utterances always watch
    /// their own call.
    public var userID: String?

    public init(after event: Event, offsetMicros: Int64 = 0, occurrence: Int = 1, userID: String? = nil) {
        precondition(offsetMicros >= 0, "trigger offset \(offsetMicros) < 0")
        precondition(occurrence >= 1, "trigger occurrence \(occurrence) < 1")
        self.event = event
        self.offsetMicros = offsetMicros
        self.occurrence = occurrence
        self.userID = userID
    }
}

extension EventTrigger {
    /// Events a trigger can follow, by the names scenario files use.
    public enum Event: String, CaseIterable, Equatable, Sendable {
        /// The server tells the client a reply starts.
        case responseStart
        /// The server starts an LLM request (speculative starts and retries count too).
        case llmStart
        /// The first TTS audio of a reply reaches the server.
        case firstTTSAudio
        /// A reply starts playing on the caller's speaker.
        case playbackStart
        /// A later connection of the call opens at the server: the client is back.
        case reconnect
        /// The server's resume grace period runs out and the session ends.
        case graceExpiry
    }
}

extension EventTrigger: CustomStringConvertible {
    /// `firstTTSAudio#2+200ms` (user-restricted triggers add `@user`).
    public var description: String {
        "\(event.rawValue)#\(occurrence)+\(offsetMicros / 1_000)ms" + (userID.map { "@\($0)" } ?? "")
    }
}
