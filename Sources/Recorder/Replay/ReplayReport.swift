import VoiceCore

/// What replaying one session found.
public struct ReplayReport: Equatable, Sendable {
    public var session: Int64
    /// Events fed to the machines (up to the divergence, or all of them).
    public var eventsReplayed: Int64
    /// Events the session holds.
    public var eventsRecorded: Int64
    public var chunksRead: Int64
    /// Checkpoints whose digest was compared and matched.
    public var checkpointsMatched: Int
    /// Time of the last replayed event.
    public var lastTime: Instant
    /// Every lane's digests folded (`SessionRecorder.finalDigest(of:)`) where the replay stopped.
    public var finalDigest: UInt64
    /// The recorded final digest; nil when the recording never finished.
    public var recordedFinalDigest: UInt64?
    /// False when the recording did not finish (it crashed, or is still running): the replay
    /// covered its committed events only.
    public var recordingFinished: Bool
    /// nil when the replay was identical.
    public var divergence: Divergence?

    public init(
        session: Int64, eventsReplayed: Int64, eventsRecorded: Int64, chunksRead: Int64, checkpointsMatched: Int,
        lastTime: Instant, finalDigest: UInt64, recordedFinalDigest: UInt64?, recordingFinished: Bool,
        divergence: Divergence?
    ) {
        self.session = session
        self.eventsReplayed = eventsReplayed
        self.eventsRecorded = eventsRecorded
        self.chunksRead = chunksRead
        self.checkpointsMatched = checkpointsMatched
        self.lastTime = lastTime
        self.finalDigest = finalDigest
        self.recordedFinalDigest = recordedFinalDigest
        self.recordingFinished = recordingFinished
        self.divergence = divergence
    }
}

extension ReplayReport {
    /// No divergence, and the final digest matches the recorded one when there is one.
    public var isIdentical: Bool { divergence == nil && (recordedFinalDigest ?? finalDigest) == finalDigest }
}
