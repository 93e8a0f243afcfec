/// Which pipeline a session runs: the sequential V1 or the streaming V2.
public enum Pipeline: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case v1 = 1
    case v2 = 2

    public var description: String { self == .v1 ? "v1" : "v2" }
}

/// What the browser sends over `/api/voice-v2`.
public enum ClientMessage: Equatable, Sendable {
    /// Opens a new session. `lastAckedSeq`: the highest mic seq an earlier session of the call
    /// acknowledged (0 on a new call); audio after it that never reaches the new session is a
    /// counted gap, even audio the client dropped before any session existed.
    case hello(userID: String, pipeline: Pipeline, lastAckedSeq: UInt64 = 0)
    /// Re-attaches to a session after a reconnect.
    case resume(sessionID: UInt64, resumeToken: UInt64, lastAckedSeq: UInt64)
    /// One mic chunk; `seq` starts at 1 and rises by one per chunk for the whole session.
    case audio(seq: UInt64, chunk: AudioChunk)
    /// V1 only: the user finished an utterance whose last chunk is `lastSeq`.
    case commit(lastSeq: UInt64)
    /// Barge-in: the user spoke over response `responseID` after `playedMillis` of it played.
    case interrupt(responseID: UInt32, playedMillis: UInt32)
    /// Playback of response `responseID` ended without a barge-in after `playedMillis` of it
    /// played (it finished, the server cancelled it, or its audio stopped coming): what the user
    /// heard. Re-sent after a resume; the server ignores a report it already has.
    case played(responseID: UInt32, playedMillis: UInt32)
    case ping(nonce: UInt64)
    case bye
}
