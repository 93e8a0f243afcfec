// Configs and lane setups: every stored property in declaration order, so a trace can
// rebuild exactly the machines it recorded. Integers are signed varints (an `Int` or
// `Int64` out of range still encodes; the decoder is what refuses it), seeds are fixed
// 8 bytes (they are uniformly random, a varint would only grow them).
//
// Decoding checks every value a machine relies on: a config read from a damaged or
// hostile trace must give a `DecodeError`, never reach a precondition (`BackoffPolicy`),
// an allocation sized by the input (`ReplayBuffer` slots) or an overflowing `Instant`.

extension CanonicalLimits {
    /// Longest duration a decoded config may hold (2⁴⁰ µs ≈ 12.7 days): added to any time
    /// below 2⁶² it cannot overflow an `Instant`.
    public static let configMicrosMax: Int64 = 1 << 40
    /// Longest mic replay buffer a decoded `ClientConfig` may ask for (ten minutes, 6,000 slots
    /// allocated up front: a hostile trace's many lanes must not add up to gigabytes).
    public static let replayBufferMicrosMax: Int64 = 600_000_000
    /// Largest count (attempts, frames, messages) a decoded config may hold.
    public static let configCountMax = 1_000_000
}

extension ByteReader {
    /// A signed varint in `range`, else `.valueOutOfRange`.
    mutating func readSigned(_ context: String, in range: ClosedRange<Int64>) throws(DecodeError) -> Int64 {
        let start = offset
        let value = try readSignedVarint(context)
        guard range.contains(value) else {
            throw DecodeError(context: context, offset: start, reason: .valueOutOfRange("\(value) outside \(range)"))
        }
        return value
    }

    /// A duration in `0...configMicrosMax`.
    mutating func readConfigMicros(_ context: String) throws(DecodeError) -> Int64 {
        try readSigned(context, in: 0...CanonicalLimits.configMicrosMax)
    }

    /// A count in `minimum...configCountMax`.
    mutating func readConfigCount(_ context: String, minimum: Int = 0) throws(DecodeError) -> Int {
        Int(try readSigned(context, in: Int64(minimum)...Int64(CanonicalLimits.configCountMax)))
    }
}

/// baseMicros, factor, capMicros, attemptsMax. Decoding enforces the initializer's
/// preconditions (and bounds them) instead of trapping.
extension BackoffPolicy: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeSignedVarint(baseMicros)
        sink.writeSignedVarint(factor)
        sink.writeSignedVarint(capMicros)
        sink.writeSignedVarint(Int64(attemptsMax))
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(BackoffPolicy.self, "BackoffPolicy", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        let baseMicros = try reader.readSigned("baseMicros", in: 1...CanonicalLimits.configMicrosMax)
        let factor = try reader.readSigned("factor", in: 1...Int64(CanonicalLimits.configCountMax))
        let capMicros = try reader.readSigned("capMicros", in: baseMicros...CanonicalLimits.configMicrosMax)
        let attemptsMax = try reader.readConfigCount("attemptsMax", minimum: 1)
        self.init(baseMicros: baseMicros, factor: factor, capMicros: capMicros, attemptsMax: attemptsMax)
    }
}

/// thresholdEnergy (varint), speechFramesMin, gapFramesMax, hangoverFrames.
extension VADConfig: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeVarint(UInt64(thresholdEnergy))
        sink.writeSignedVarint(Int64(speechFramesMin))
        sink.writeSignedVarint(Int64(gapFramesMax))
        sink.writeSignedVarint(Int64(hangoverFrames))
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(VADConfig.self, "VADConfig", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self.init(
            thresholdEnergy: try reader.readVarint("thresholdEnergy", as: UInt32.self),
            speechFramesMin: try reader.readConfigCount("speechFramesMin"),
            gapFramesMax: try reader.readConfigCount("gapFramesMax"),
            hangoverFrames: try reader.readConfigCount("hangoverFrames"))
    }
}

/// userID, pipeline, backoff, connectTimeoutMicros, keepaliveIntervalMicros,
/// livenessTimeoutMicros, replayBufferMicros, playbackIdleMicros, vad.
extension ClientConfig: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeString(userID)
        pipeline.encode(to: &sink, audio: audio)
        backoff.encode(to: &sink, audio: audio)
        sink.writeSignedVarint(connectTimeoutMicros)
        sink.writeSignedVarint(keepaliveIntervalMicros)
        sink.writeSignedVarint(livenessTimeoutMicros)
        sink.writeSignedVarint(replayBufferMicros)
        sink.writeSignedVarint(playbackIdleMicros)
        vad.encode(to: &sink, audio: audio)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ClientConfig.self, "ClientConfig", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self.init(
            userID: try reader.readString("userID"),
            pipeline: try reader.readRawEnum("pipeline"),
            backoff: try reader.read(BackoffPolicy.self, "backoff", audio: audio),
            connectTimeoutMicros: try reader.readConfigMicros("connectTimeoutMicros"),
            keepaliveIntervalMicros: try reader.readConfigMicros("keepaliveIntervalMicros"),
            livenessTimeoutMicros: try reader.readConfigMicros("livenessTimeoutMicros"),
            replayBufferMicros: try reader.readSigned(
                "replayBufferMicros", in: 0...CanonicalLimits.replayBufferMicrosMax),
            playbackIdleMicros: try reader.readConfigMicros("playbackIdleMicros"),
            vad: try reader.read(VADConfig.self, "vad", audio: audio))
    }
}

/// resumeGraceMicros, speculativeHoldMicros, sttKeepaliveIntervalMicros,
/// llmFirstTokenTimeoutMicros, llmAttemptsMax, llmRetryDelayMicrosBase, llmRetryDelayMicrosMax,
/// llmSystemPromptTokens, outboxMessagesMax, historyTurnsMax, unconfirmedRepliesMax, models.
extension ServerConfig: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeSignedVarint(resumeGraceMicros)
        sink.writeSignedVarint(speculativeHoldMicros)
        sink.writeSignedVarint(sttKeepaliveIntervalMicros)
        sink.writeSignedVarint(llmFirstTokenTimeoutMicros)
        sink.writeSignedVarint(Int64(llmAttemptsMax))
        sink.writeSignedVarint(llmRetryDelayMicrosBase)
        sink.writeSignedVarint(llmRetryDelayMicrosMax)
        sink.writeVarint(UInt64(llmSystemPromptTokens))
        sink.writeSignedVarint(Int64(outboxMessagesMax))
        sink.writeSignedVarint(Int64(historyTurnsMax))
        sink.writeSignedVarint(Int64(unconfirmedRepliesMax))
        models.encode(to: &sink, audio: audio)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ServerConfig.self, "ServerConfig", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        let resumeGraceMicros = try reader.readConfigMicros("resumeGraceMicros")
        let speculativeHoldMicros = try reader.readConfigMicros("speculativeHoldMicros")
        let sttKeepaliveIntervalMicros = try reader.readConfigMicros("sttKeepaliveIntervalMicros")
        let llmFirstTokenTimeoutMicros = try reader.readConfigMicros("llmFirstTokenTimeoutMicros")
        let llmAttemptsMax = try reader.readConfigCount("llmAttemptsMax")
        let retryBase = try reader.readSigned("llmRetryDelayMicrosBase", in: 1...CanonicalLimits.configMicrosMax)
        let retryMax = try reader.readSigned("llmRetryDelayMicrosMax", in: retryBase...CanonicalLimits.configMicrosMax)
        self.init(
            resumeGraceMicros: resumeGraceMicros,
            speculativeHoldMicros: speculativeHoldMicros,
            sttKeepaliveIntervalMicros: sttKeepaliveIntervalMicros,
            llmFirstTokenTimeoutMicros: llmFirstTokenTimeoutMicros,
            llmAttemptsMax: llmAttemptsMax,
            llmRetryDelayMicrosBase: retryBase,
            llmRetryDelayMicrosMax: retryMax,
            llmSystemPromptTokens: try reader.readVarint("llmSystemPromptTokens", as: UInt32.self),
            outboxMessagesMax: try reader.readConfigCount("outboxMessagesMax"),
            historyTurnsMax: Int(
                try reader.readSigned(
                    "historyTurnsMax", in: 0...Int64(CanonicalLimits.historyTurnsMax))),
            unconfirmedRepliesMax: try reader.readConfigCount("unconfirmedRepliesMax"),
            models: try reader.read(ProviderModels.self, "models", audio: audio))
    }
}

/// client, clientSeed (8 bytes), server, serverSeed (8 bytes).
extension LaneSetup: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        client.encode(to: &sink, audio: audio)
        sink.writeUInt64(clientSeed)
        server.encode(to: &sink, audio: audio)
        sink.writeUInt64(serverSeed)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(LaneSetup.self, "LaneSetup", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self.init(
            client: try reader.read(ClientConfig.self, "client", audio: audio),
            clientSeed: try reader.readUInt64("clientSeed"),
            server: try reader.read(ServerConfig.self, "server", audio: audio),
            serverSeed: try reader.readUInt64("serverSeed"))
    }
}
