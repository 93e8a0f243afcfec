/// Tag byte, then the case's fields in declaration order. Tags are part of the
/// wire and trace formats: never renumber, only add.
private enum ClientMessageTag: UInt8 {
    case hello = 1
    case resume = 2
    case audio = 3
    case commit = 4
    case interrupt = 5
    case ping = 6
    case bye = 7
    case played = 8
    /// `hello` with the client's last acknowledged seq; tag 1 (without it) still decodes, as 0.
    case helloAcked = 9
}

extension ClientMessage: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .hello(let userID, let pipeline, let lastAckedSeq):
            sink.write(ClientMessageTag.helloAcked.rawValue)
            sink.writeString(userID)
            pipeline.encode(to: &sink, audio: audio)
            sink.writeVarint(lastAckedSeq)
        case .resume(let sessionID, let resumeToken, let lastAckedSeq):
            sink.write(ClientMessageTag.resume.rawValue)
            sink.writeVarint(sessionID)
            sink.writeVarint(resumeToken)
            sink.writeVarint(lastAckedSeq)
        case .audio(let seq, let chunk):
            sink.write(ClientMessageTag.audio.rawValue)
            sink.writeVarint(seq)
            chunk.encode(to: &sink, audio: audio)
        case .commit(let lastSeq):
            sink.write(ClientMessageTag.commit.rawValue)
            sink.writeVarint(lastSeq)
        case .interrupt(let responseID, let playedMillis):
            sink.write(ClientMessageTag.interrupt.rawValue)
            sink.writeVarint(UInt64(responseID))
            sink.writeVarint(UInt64(playedMillis))
        case .played(let responseID, let playedMillis):
            sink.write(ClientMessageTag.played.rawValue)
            sink.writeVarint(UInt64(responseID))
            sink.writeVarint(UInt64(playedMillis))
        case .ping(let nonce):
            sink.write(ClientMessageTag.ping.rawValue)
            sink.writeVarint(nonce)
        case .bye:
            sink.write(ClientMessageTag.bye.rawValue)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ClientMessage.self, "ClientMessage", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: ClientMessageTag.self) {
        case .hello:
            self = try .hello(userID: reader.readString("hello.userID"),
                              pipeline: reader.readRawEnum("hello.pipeline"))
        case .helloAcked:
            self = try .hello(userID: reader.readString("hello.userID"),
                              pipeline: reader.readRawEnum("hello.pipeline"),
                              lastAckedSeq: reader.readVarint("hello.lastAckedSeq"))
        case .resume:
            self = try .resume(sessionID: reader.readVarint("resume.sessionID"),
                               resumeToken: reader.readVarint("resume.resumeToken"),
                               lastAckedSeq: reader.readVarint("resume.lastAckedSeq"))
        case .audio:
            self = try .audio(seq: reader.readVarint("audio.seq"),
                              chunk: reader.read(AudioChunk.self, "audio.chunk", audio: audio))
        case .commit:
            self = try .commit(lastSeq: reader.readVarint("commit.lastSeq"))
        case .interrupt:
            self = try .interrupt(responseID: reader.readVarint("interrupt.responseID", as: UInt32.self),
                                  playedMillis: reader.readVarint("interrupt.playedMillis", as: UInt32.self))
        case .played:
            self = try .played(responseID: reader.readVarint("played.responseID", as: UInt32.self),
                               playedMillis: reader.readVarint("played.playedMillis", as: UInt32.self))
        case .ping:
            self = try .ping(nonce: reader.readVarint("ping.nonce"))
        case .bye:
            self = .bye
        }
    }
}
