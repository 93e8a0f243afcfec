/// Every stored property in declaration order; `Int64`s zig-zag, latencies as a
/// varint count then signed varints.
extension SessionUsage: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeString(userID)
        sink.writeVarint(sessionID)
        pipeline.encode(to: &sink, audio: audio)
        sink.writeSignedVarint(sttMicros)
        sink.writeVarint(llmInputTokens)
        sink.writeVarint(llmOutputTokens)
        sink.writeVarint(ttsCharacters)
        sink.writeString(sttModel)
        sink.writeString(llmModel)
        sink.writeString(ttsModel)
        sink.writeVarint(UInt64(turns))
        sink.writeVarint(UInt64(interruptions))
        precondition(turnLatencyMicros.count <= CanonicalLimits.turnLatenciesMax,
                     "\(turnLatencyMicros.count) turn latencies is over turnLatenciesMax")
        sink.writeCount(turnLatencyMicros.count)
        for latency in turnLatencyMicros { sink.writeSignedVarint(latency) }
        sink.writeSignedVarint(lostAudioMicros)
        sink.writeVarint(UInt64(duplicateChunks))
        sink.writeVarint(UInt64(resumes))
        sink.writeSignedVarint(replyAudioDroppedMicros)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(SessionUsage.self, "SessionUsage", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        let userID = try reader.readString("userID")
        let sessionID = try reader.readVarint("sessionID")
        let pipeline: Pipeline = try reader.readRawEnum("pipeline")
        let sttMicros = try reader.readSignedVarint("sttMicros")
        let llmInputTokens = try reader.readVarint("llmInputTokens")
        let llmOutputTokens = try reader.readVarint("llmOutputTokens")
        let ttsCharacters = try reader.readVarint("ttsCharacters")
        let models = try ProviderModels(stt: reader.readString("sttModel"), llm: reader.readString("llmModel"),
                                        tts: reader.readString("ttsModel"))
        self.init(userID: userID, sessionID: sessionID, pipeline: pipeline, models: models)
        self.sttMicros = sttMicros
        self.llmInputTokens = llmInputTokens
        self.llmOutputTokens = llmOutputTokens
        self.ttsCharacters = ttsCharacters
        turns = try reader.readVarint("turns", as: UInt32.self)
        interruptions = try reader.readVarint("interruptions", as: UInt32.self)
        let latencyCount = try reader.readCount("turnLatencyMicros.count", limit: CanonicalLimits.turnLatenciesMax)
        var latencies: [Int64] = []
        latencies.reserveCapacity(latencyCount)
        for _ in 0..<latencyCount { latencies.append(try reader.readSignedVarint("turnLatencyMicros")) }
        turnLatencyMicros = latencies
        lostAudioMicros = try reader.readSignedVarint("lostAudioMicros")
        duplicateChunks = try reader.readVarint("duplicateChunks", as: UInt32.self)
        resumes = try reader.readVarint("resumes", as: UInt32.self)
        replyAudioDroppedMicros = try reader.readSignedVarint("replyAudioDroppedMicros")
    }
}

/// The three model names: stt, llm, tts.
extension ProviderModels: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeString(stt)
        sink.writeString(llm)
        sink.writeString(tts)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ProviderModels.self, "ProviderModels", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try ProviderModels(stt: reader.readString("stt"), llm: reader.readString("llm"),
                                  tts: reader.readString("tts"))
    }
}
