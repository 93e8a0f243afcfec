// Client events and actions: tag byte, then the case's fields in declaration
// order. Tags are part of the trace and digest formats: never renumber, only add.

private enum ClientEventTag: UInt8 {
    case callStarted = 1, callEnded = 2, connected = 3, disconnected = 4, received = 5, micCaptured = 6
    case timerFired = 7
}

private enum ClientActionTag: UInt8 {
    case connect = 1, disconnect = 2, send = 3, play = 4, stopPlayback = 5, setTimer = 6, cancelTimer = 7
    case showState = 8
}

extension ClientEvent: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .callStarted:
            sink.write(ClientEventTag.callStarted.rawValue)
        case .callEnded:
            sink.write(ClientEventTag.callEnded.rawValue)
        case .connected:
            sink.write(ClientEventTag.connected.rawValue)
        case .disconnected(let reason):
            sink.write(ClientEventTag.disconnected.rawValue)
            reason.encode(to: &sink, audio: audio)
        case .received(let message):
            sink.write(ClientEventTag.received.rawValue)
            message.encode(to: &sink, audio: audio)
        case .micCaptured(let chunk):
            sink.write(ClientEventTag.micCaptured.rawValue)
            chunk.encode(to: &sink, audio: audio)
        case .timerFired(let timer):
            sink.write(ClientEventTag.timerFired.rawValue)
            timer.encode(to: &sink, audio: audio)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ClientEvent.self, "ClientEvent", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: ClientEventTag.self) {
        case .callStarted:
            self = .callStarted
        case .callEnded:
            self = .callEnded
        case .connected:
            self = .connected
        case .disconnected:
            self = try .disconnected(reader.readRawEnum("disconnected.reason"))
        case .received:
            self = try .received(reader.read(ServerMessage.self, "received", audio: audio))
        case .micCaptured:
            self = try .micCaptured(reader.read(AudioChunk.self, "micCaptured", audio: audio))
        case .timerFired:
            self = try .timerFired(reader.readRawEnum("timerFired"))
        }
    }
}

extension ClientAction: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .connect:
            sink.write(ClientActionTag.connect.rawValue)
        case .disconnect:
            sink.write(ClientActionTag.disconnect.rawValue)
        case .send(let message):
            sink.write(ClientActionTag.send.rawValue)
            message.encode(to: &sink, audio: audio)
        case .play(let responseID, let chunk):
            sink.write(ClientActionTag.play.rawValue)
            sink.writeVarint(UInt64(responseID))
            chunk.encode(to: &sink, audio: audio)
        case .stopPlayback(let responseID):
            sink.write(ClientActionTag.stopPlayback.rawValue)
            sink.writeVarint(UInt64(responseID))
        case .setTimer(let timer, let deadline):
            sink.write(ClientActionTag.setTimer.rawValue)
            timer.encode(to: &sink, audio: audio)
            sink.writeInstant(deadline)
        case .cancelTimer(let timer):
            sink.write(ClientActionTag.cancelTimer.rawValue)
            timer.encode(to: &sink, audio: audio)
        case .showState(let state):
            sink.write(ClientActionTag.showState.rawValue)
            state.encode(to: &sink, audio: audio)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ClientAction.self, "ClientAction", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: ClientActionTag.self) {
        case .connect:
            self = .connect
        case .disconnect:
            self = .disconnect
        case .send:
            self = try .send(reader.read(ClientMessage.self, "send", audio: audio))
        case .play:
            self = try .play(responseID: reader.readVarint("play.responseID", as: UInt32.self),
                             chunk: reader.read(AudioChunk.self, "play.chunk", audio: audio))
        case .stopPlayback:
            self = try .stopPlayback(responseID: reader.readVarint("stopPlayback.responseID", as: UInt32.self))
        case .setTimer:
            self = try .setTimer(reader.readRawEnum("setTimer.timer"), at: reader.readInstant("setTimer.at"))
        case .cancelTimer:
            self = try .cancelTimer(reader.readRawEnum("cancelTimer.timer"))
        case .showState:
            self = try .showState(reader.readRawEnum("showState"))
        }
    }
}
