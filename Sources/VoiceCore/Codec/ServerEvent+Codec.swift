// Server events and actions: tag byte, then the case's fields in declaration
// order. Tags are part of the trace and digest formats: never renumber, only add.

private enum AdmissionTag: UInt8 { case granted = 1, refused = 2 }

private enum ServerEventTag: UInt8 {
    case clientConnected = 1, clientDisconnected = 2, received = 3, admission = 4, stt = 5, llm = 6, tts = 7
    case timerFired = 8
}

private enum ServerActionTag: UInt8 {
    case send = 1, closeConnection = 2, requestAdmission = 3, stt = 4, llm = 5, tts = 6, setTimer = 7
    case cancelTimer = 8, sessionEnded = 9
}

extension Admission: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .granted:
            sink.write(AdmissionTag.granted.rawValue)
        case .refused(let reason):
            sink.write(AdmissionTag.refused.rawValue)
            sink.writeString(reason)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(Admission.self, "Admission", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: AdmissionTag.self) {
        case .granted: self = .granted
        case .refused: self = try .refused(reason: reader.readString("refused.reason"))
        }
    }
}

extension ServerEvent: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .clientConnected:
            sink.write(ServerEventTag.clientConnected.rawValue)
        case .clientDisconnected:
            sink.write(ServerEventTag.clientDisconnected.rawValue)
        case .received(let message):
            sink.write(ServerEventTag.received.rawValue)
            message.encode(to: &sink, audio: audio)
        case .admission(let admission):
            sink.write(ServerEventTag.admission.rawValue)
            admission.encode(to: &sink, audio: audio)
        case .stt(let event):
            sink.write(ServerEventTag.stt.rawValue)
            event.encode(to: &sink, audio: audio)
        case .llm(let event):
            sink.write(ServerEventTag.llm.rawValue)
            event.encode(to: &sink, audio: audio)
        case .tts(let event):
            sink.write(ServerEventTag.tts.rawValue)
            event.encode(to: &sink, audio: audio)
        case .timerFired(let timer):
            sink.write(ServerEventTag.timerFired.rawValue)
            timer.encode(to: &sink, audio: audio)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ServerEvent.self, "ServerEvent", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: ServerEventTag.self) {
        case .clientConnected:
            self = .clientConnected
        case .clientDisconnected:
            self = .clientDisconnected
        case .received:
            self = try .received(reader.read(ClientMessage.self, "received", audio: audio))
        case .admission:
            self = try .admission(reader.read(Admission.self, "admission", audio: audio))
        case .stt:
            self = try .stt(reader.read(STTEvent.self, "stt", audio: audio))
        case .llm:
            self = try .llm(reader.read(LLMEvent.self, "llm", audio: audio))
        case .tts:
            self = try .tts(reader.read(TTSEvent.self, "tts", audio: audio))
        case .timerFired:
            self = try .timerFired(reader.readRawEnum("timerFired"))
        }
    }
}

extension ServerAction: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        switch self {
        case .send(let message):
            sink.write(ServerActionTag.send.rawValue)
            message.encode(to: &sink, audio: audio)
        case .closeConnection:
            sink.write(ServerActionTag.closeConnection.rawValue)
        case .requestAdmission(let userID, let pipeline):
            sink.write(ServerActionTag.requestAdmission.rawValue)
            sink.writeString(userID)
            pipeline.encode(to: &sink, audio: audio)
        case .stt(let command):
            sink.write(ServerActionTag.stt.rawValue)
            command.encode(to: &sink, audio: audio)
        case .llm(let command):
            sink.write(ServerActionTag.llm.rawValue)
            command.encode(to: &sink, audio: audio)
        case .tts(let command):
            sink.write(ServerActionTag.tts.rawValue)
            command.encode(to: &sink, audio: audio)
        case .setTimer(let timer, let deadline):
            sink.write(ServerActionTag.setTimer.rawValue)
            timer.encode(to: &sink, audio: audio)
            sink.writeInstant(deadline)
        case .cancelTimer(let timer):
            sink.write(ServerActionTag.cancelTimer.rawValue)
            timer.encode(to: &sink, audio: audio)
        case .sessionEnded(let usage):
            sink.write(ServerActionTag.sessionEnded.rawValue)
            usage.encode(to: &sink, audio: audio)
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(ServerAction.self, "ServerAction", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        switch try reader.readRawEnum("tag", as: ServerActionTag.self) {
        case .send:
            self = try .send(reader.read(ServerMessage.self, "send", audio: audio))
        case .closeConnection:
            self = .closeConnection
        case .requestAdmission:
            self = try .requestAdmission(userID: reader.readString("requestAdmission.userID"),
                                         pipeline: reader.readRawEnum("requestAdmission.pipeline"))
        case .stt:
            self = try .stt(reader.read(STTCommand.self, "stt", audio: audio))
        case .llm:
            self = try .llm(reader.read(LLMCommand.self, "llm", audio: audio))
        case .tts:
            self = try .tts(reader.read(TTSCommand.self, "tts", audio: audio))
        case .setTimer:
            self = try .setTimer(reader.readRawEnum("setTimer.timer"), at: reader.readInstant("setTimer.at"))
        case .cancelTimer:
            self = try .cancelTimer(reader.readRawEnum("cancelTimer.timer"))
        case .sessionEnded:
            self = try .sessionEnded(usage: reader.read(SessionUsage.self, "sessionEnded.usage", audio: audio))
        }
    }
}
