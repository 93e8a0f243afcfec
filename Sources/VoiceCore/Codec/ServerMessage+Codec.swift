/// Tag byte, then the case's fields in declaration order. Tags are part of the
/// wire and trace formats: never renumber, only add.
private enum ServerMessageTag: UInt8 {
    case welcome = 1
    case partialTranscript = 2
    case finalTranscript = 3
    case responseStart = 4
    case responseAudio = 5
    case responseEnd = 6
    case state = 7
    case ack = 8
    case pong = 9
    case error = 10
}

extension ServerMessage: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .welcome(let sessionID, let resumeToken, let lastReceivedSeq, let resumed):
            sink.write(ServerMessageTag.welcome.rawValue)
            sink.writeVarint(sessionID)
            sink.writeVarint(resumeToken)
            sink.writeVarint(lastReceivedSeq)
            sink.writeBool(resumed)
        case .partialTranscript(let text):
            sink.write(ServerMessageTag.partialTranscript.rawValue)
            sink.writeString(text)
        case .finalTranscript(let text):
            sink.write(ServerMessageTag.finalTranscript.rawValue)
            sink.writeString(text)
        case .responseStart(let responseID):
            sink.write(ServerMessageTag.responseStart.rawValue)
            sink.writeVarint(UInt64(responseID))
        case .responseAudio(let responseID, let chunk):
            sink.write(ServerMessageTag.responseAudio.rawValue)
            sink.writeVarint(UInt64(responseID))
            chunk.encode(to: &sink, audio: audio)
        case .responseEnd(let responseID, let cancelled):
            sink.write(ServerMessageTag.responseEnd.rawValue)
            sink.writeVarint(UInt64(responseID))
            sink.writeBool(cancelled)
        case .state(let state):
            sink.write(ServerMessageTag.state.rawValue)
            state.encode(to: &sink, audio: audio)
        case .ack(let seq):
            sink.write(ServerMessageTag.ack.rawValue)
            sink.writeVarint(seq)
        case .pong(let nonce):
            sink.write(ServerMessageTag.pong.rawValue)
            sink.writeVarint(nonce)
        case .error(let code, let message):
            sink.write(ServerMessageTag.error.rawValue)
            code.encode(to: &sink, audio: audio)
            sink.writeString(message)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ServerMessage.self, "ServerMessage", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: ServerMessageTag.self) {
        case .welcome:
            self = try .welcome(sessionID: reader.readVarint("welcome.sessionID"),
                                resumeToken: reader.readVarint("welcome.resumeToken"),
                                lastReceivedSeq: reader.readVarint("welcome.lastReceivedSeq"),
                                resumed: reader.readBool("welcome.resumed"))
        case .partialTranscript:
            self = try .partialTranscript(reader.readString("partialTranscript.text"))
        case .finalTranscript:
            self = try .finalTranscript(reader.readString("finalTranscript.text"))
        case .responseStart:
            self = try .responseStart(responseID: reader.readVarint("responseStart.responseID", as: UInt32.self))
        case .responseAudio:
            self = try .responseAudio(responseID: reader.readVarint("responseAudio.responseID", as: UInt32.self),
                                      chunk: reader.read(AudioChunk.self, "responseAudio.chunk", audio: audio))
        case .responseEnd:
            self = try .responseEnd(responseID: reader.readVarint("responseEnd.responseID", as: UInt32.self),
                                    cancelled: reader.readBool("responseEnd.cancelled"))
        case .state:
            self = try .state(reader.readRawEnum("state"))
        case .ack:
            self = try .ack(seq: reader.readVarint("ack.seq"))
        case .pong:
            self = try .pong(nonce: reader.readVarint("pong.nonce"))
        case .error:
            self = try .error(code: reader.readRawEnum("error.code"), message: reader.readString("error.message"))
        }
    }
}
