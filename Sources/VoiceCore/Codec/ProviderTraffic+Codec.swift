// Provider commands and events: tag byte, then the case's fields in declaration
// order. Tags are part of the trace format: never renumber, only add.

private enum STTCommandTag: UInt8 { case open = 1, audio = 2, keepalive = 3, close = 4, transcribe = 5 }
private enum STTEventTag: UInt8 {
    case opened = 1, partial = 2, final = 3, speechEnded = 4, closed = 5, transcript = 6, failed = 7
}
private enum LLMCommandTag: UInt8 { case start = 1, cancel = 2 }
private enum LLMEventTag: UInt8 { case token = 1, done = 2, failed = 3 }
private enum TTSCommandTag: UInt8 { case start = 1, text = 2, flush = 3, cancel = 4, synthesize = 5 }
private enum TTSEventTag: UInt8 { case audio = 1, done = 2, failed = 3 }

/// Role byte, then text.
extension ConversationTurn: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        role.encode(to: &sink, audio: audio)
        sink.writeString(text)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ConversationTurn.self, "ConversationTurn", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try ConversationTurn(role: reader.readRawEnum("role"), text: reader.readString("text"))
    }
}

extension STTCommand: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .open:
            sink.write(STTCommandTag.open.rawValue)
        case .audio(let seq, let chunk):
            sink.write(STTCommandTag.audio.rawValue)
            sink.writeVarint(seq)
            chunk.encode(to: &sink, audio: audio)
        case .keepalive:
            sink.write(STTCommandTag.keepalive.rawValue)
        case .close:
            sink.write(STTCommandTag.close.rawValue)
        case .transcribe(let requestID, let firstSeq, let lastSeq):
            sink.write(STTCommandTag.transcribe.rawValue)
            sink.writeVarint(UInt64(requestID))
            sink.writeVarint(firstSeq)
            sink.writeVarint(lastSeq)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(STTCommand.self, "STTCommand", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: STTCommandTag.self) {
        case .open:
            self = .open
        case .audio:
            self = try .audio(seq: reader.readVarint("audio.seq"),
                              chunk: reader.read(AudioChunk.self, "audio.chunk", audio: audio))
        case .keepalive:
            self = .keepalive
        case .close:
            self = .close
        case .transcribe:
            self = try .transcribe(requestID: reader.readVarint("transcribe.requestID", as: UInt32.self),
                                   firstSeq: reader.readVarint("transcribe.firstSeq"),
                                   lastSeq: reader.readVarint("transcribe.lastSeq"))
        }
    }
}

/// `closed(error:)` writes a presence byte (0 or 1), then the string when present.
extension STTEvent: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .opened:
            sink.write(STTEventTag.opened.rawValue)
        case .partial(let text):
            sink.write(STTEventTag.partial.rawValue)
            sink.writeString(text)
        case .final(let text):
            sink.write(STTEventTag.final.rawValue)
            sink.writeString(text)
        case .speechEnded:
            sink.write(STTEventTag.speechEnded.rawValue)
        case .closed(let error):
            sink.write(STTEventTag.closed.rawValue)
            sink.writeBool(error != nil)
            if let error { sink.writeString(error) }
        case .transcript(let requestID, let text):
            sink.write(STTEventTag.transcript.rawValue)
            sink.writeVarint(UInt64(requestID))
            sink.writeString(text)
        case .failed(let requestID, let reason):
            sink.write(STTEventTag.failed.rawValue)
            sink.writeVarint(UInt64(requestID))
            sink.writeString(reason)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(STTEvent.self, "STTEvent", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: STTEventTag.self) {
        case .opened:
            self = .opened
        case .partial:
            self = try .partial(reader.readString("partial.text"))
        case .final:
            self = try .final(reader.readString("final.text"))
        case .speechEnded:
            self = .speechEnded
        case .closed:
            let hasError = try reader.readBool("closed.error.present")
            self = .closed(error: hasError ? try reader.readString("closed.error") : nil)
        case .transcript:
            self = try .transcript(requestID: reader.readVarint("transcript.requestID", as: UInt32.self),
                                   text: reader.readString("transcript.text"))
        case .failed:
            self = try .failed(requestID: reader.readVarint("failed.requestID", as: UInt32.self),
                               reason: reader.readString("failed.reason"))
        }
    }
}

/// `start` writes the history as a varint count, then each turn.
extension LLMCommand: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .start(let requestID, let history, let stream):
            sink.write(LLMCommandTag.start.rawValue)
            sink.writeVarint(UInt64(requestID))
            precondition(history.count <= CanonicalLimits.historyTurnsMax,
                         "history of \(history.count) turns is over historyTurnsMax")
            sink.writeCount(history.count)
            for turn in history { turn.encode(to: &sink, audio: audio) }
            sink.writeBool(stream)
        case .cancel(let requestID):
            sink.write(LLMCommandTag.cancel.rawValue)
            sink.writeVarint(UInt64(requestID))
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(LLMCommand.self, "LLMCommand", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: LLMCommandTag.self) {
        case .start:
            let requestID = try reader.readVarint("start.requestID", as: UInt32.self)
            let count = try reader.readCount("start.history.count", limit: CanonicalLimits.historyTurnsMax)
            var history: [ConversationTurn] = []
            history.reserveCapacity(count)
            for _ in 0..<count {
                history.append(try reader.read(ConversationTurn.self, "start.history", audio: audio))
            }
            self = try .start(requestID: requestID, history: history, stream: reader.readBool("start.stream"))
        case .cancel:
            self = try .cancel(requestID: reader.readVarint("cancel.requestID", as: UInt32.self))
        }
    }
}

extension LLMEvent: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .token(let requestID, let text):
            sink.write(LLMEventTag.token.rawValue)
            sink.writeVarint(UInt64(requestID))
            sink.writeString(text)
        case .done(let requestID, let inputTokens, let outputTokens):
            sink.write(LLMEventTag.done.rawValue)
            sink.writeVarint(UInt64(requestID))
            sink.writeVarint(UInt64(inputTokens))
            sink.writeVarint(UInt64(outputTokens))
        case .failed(let requestID, let reason):
            sink.write(LLMEventTag.failed.rawValue)
            sink.writeVarint(UInt64(requestID))
            sink.writeString(reason)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(LLMEvent.self, "LLMEvent", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: LLMEventTag.self) {
        case .token:
            self = try .token(requestID: reader.readVarint("token.requestID", as: UInt32.self),
                              text: reader.readString("token.text"))
        case .done:
            self = try .done(requestID: reader.readVarint("done.requestID", as: UInt32.self),
                             inputTokens: reader.readVarint("done.inputTokens", as: UInt32.self),
                             outputTokens: reader.readVarint("done.outputTokens", as: UInt32.self))
        case .failed:
            self = try .failed(requestID: reader.readVarint("failed.requestID", as: UInt32.self),
                               reason: reader.readString("failed.reason"))
        }
    }
}

extension TTSCommand: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .start(let responseID):
            sink.write(TTSCommandTag.start.rawValue)
            sink.writeVarint(UInt64(responseID))
        case .text(let responseID, let text):
            sink.write(TTSCommandTag.text.rawValue)
            sink.writeVarint(UInt64(responseID))
            sink.writeString(text)
        case .flush(let responseID):
            sink.write(TTSCommandTag.flush.rawValue)
            sink.writeVarint(UInt64(responseID))
        case .cancel(let responseID):
            sink.write(TTSCommandTag.cancel.rawValue)
            sink.writeVarint(UInt64(responseID))
        case .synthesize(let responseID, let text):
            sink.write(TTSCommandTag.synthesize.rawValue)
            sink.writeVarint(UInt64(responseID))
            sink.writeString(text)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(TTSCommand.self, "TTSCommand", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: TTSCommandTag.self) {
        case .start:
            self = try .start(responseID: reader.readVarint("start.responseID", as: UInt32.self))
        case .text:
            self = try .text(responseID: reader.readVarint("text.responseID", as: UInt32.self),
                             text: reader.readString("text.text"))
        case .flush:
            self = try .flush(responseID: reader.readVarint("flush.responseID", as: UInt32.self))
        case .cancel:
            self = try .cancel(responseID: reader.readVarint("cancel.responseID", as: UInt32.self))
        case .synthesize:
            self = try .synthesize(responseID: reader.readVarint("synthesize.responseID", as: UInt32.self),
                                   text: reader.readString("synthesize.text"))
        }
    }
}

extension TTSEvent: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .audio(let responseID, let chunk, let textEnd):
            sink.write(TTSEventTag.audio.rawValue)
            sink.writeVarint(UInt64(responseID))
            chunk.encode(to: &sink, audio: audio)
            sink.writeVarint(UInt64(textEnd))
        case .done(let responseID):
            sink.write(TTSEventTag.done.rawValue)
            sink.writeVarint(UInt64(responseID))
        case .failed(let responseID, let reason):
            sink.write(TTSEventTag.failed.rawValue)
            sink.writeVarint(UInt64(responseID))
            sink.writeString(reason)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(TTSEvent.self, "TTSEvent", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: TTSEventTag.self) {
        case .audio:
            self = try .audio(responseID: reader.readVarint("audio.responseID", as: UInt32.self),
                              chunk: reader.read(AudioChunk.self, "audio.chunk", audio: audio),
                              textEnd: reader.readVarint("audio.textEnd", as: UInt32.self))
        case .done:
            self = try .done(responseID: reader.readVarint("done.responseID", as: UInt32.self))
        case .failed:
            self = try .failed(responseID: reader.readVarint("failed.responseID", as: UInt32.self),
                               reason: reader.readString("failed.reason"))
        }
    }
}
