import VoiceCore

/// One reply as the simulation saw it across both machines: what the server sent, what
/// reached the client and what it played, what the LLM streamed, and what went wrong.
public struct ResponseRecord: Equatable, Sendable {
    public var lane: Int
    public var responseID: UInt32
    /// `.llm(.start)` commands for it (the first attempt and every retry).
    public var llmAttempts = 0
    /// LLM tokens the server received for it, over all attempts.
    public var tokensStreamed = 0
    /// Input and output tokens the LLM reported on `done`.
    public var inputTokensReported = 0
    public var outputTokensReported = 0
    public var chunksSent = 0
    public var chunksReceived = 0
    public var chunksPlayed = 0
    /// Cancelled because the final transcript differed from the partial it started on.
    public var speculativeRestart = false
    /// Errors the server sent the client while this reply was current.
    public var errors: [String] = []

    public init(lane: Int, responseID: UInt32) {
        self.lane = lane
        self.responseID = responseID
    }
}

/// An error message the server sent a client (refusals included).
public struct ClientErrorRecord: Equatable, Sendable {
    public var lane: Int
    public var time: Instant
    public var code: ServerErrorCode
    public var message: String
}

extension ServerErrorCode {
    /// The name used in reports.
    public var name: String {
        switch self {
        case .badRequest: "bad_request"
        case .sessionUnknown: "session_unknown"
        case .refused: "refused"
        case .providerFailed: "provider_failed"
        case .protocolViolation: "protocol_violation"
        }
    }
}

extension Lane {
    /// The record of `responseID`, created on first use (records stay in creation order).
    mutating func withResponse(_ responseID: UInt32, _ change: (inout ResponseRecord) -> Void) {
        if let index = responseRecords.lastIndex(where: { $0.responseID == responseID }) {
            change(&responseRecords[index])
        } else {
            var record = ResponseRecord(lane: index, responseID: responseID)
            change(&record)
            responseRecords.append(record)
        }
    }
}
