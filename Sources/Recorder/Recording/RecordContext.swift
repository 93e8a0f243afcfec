import VoiceCore

/// Per-lane state that makes records small: fields that follow a pattern are stored as their
/// difference from what the lane's previous values predict, so deflate sees constants instead
/// of counters.
///
/// - Sequence numbers (mic chunks, acks, STT chunks, commits): the difference from the lane's
///   previous sequence number, zig-zagged (a chunk's `seq` recurs in the client's send, the
///   server's receive, its STT command and its ack: each becomes 0 or ±1).
/// - Timer deadlines: relative to the record's time (a playback timer is always +100 ms).
/// - TTS `textEnd`: the difference from the lane's previous one.
///
/// The transform is applied to the event and then to each action, in order, by the writer
/// (`.encode`) and inverted in the same order by the reader (`.decode`), so both sides hold the
/// same state at every value. Wrapping arithmetic: any stored value decodes, none traps.
struct RecordContext {
    enum Direction {
        case encode
        case decode
    }

    var seqReference: UInt64 = 0
    var textEndReference: UInt32 = 0
}

extension RecordContext {
    mutating func transform(_ event: ClientEvent, now: Instant, _ direction: Direction) -> ClientEvent {
        switch event {
        case .received(let message): .received(transform(message, direction))
        case .callStarted, .callEnded, .connected, .disconnected, .micCaptured, .timerFired: event
        }
    }

    mutating func transform(_ action: ClientAction, now: Instant, _ direction: Direction) -> ClientAction {
        switch action {
        case .send(let message): .send(transform(message, direction))
        case .setTimer(let timer, let deadline): .setTimer(timer, at: Self.relative(deadline, now, direction))
        case .connect, .disconnect, .play, .stopPlayback, .cancelTimer, .showState: action
        }
    }

    mutating func transform(_ event: ServerEvent, now: Instant, _ direction: Direction) -> ServerEvent {
        switch event {
        case .received(let message):
            return .received(transform(message, direction))
        case .tts(.audio(let responseID, let chunk, let textEnd)):
            return .tts(.audio(responseID: responseID, chunk: chunk, textEnd: self.textEnd(textEnd, direction)))
        case .clientConnected, .clientDisconnected, .admission, .stt, .llm, .tts, .timerFired:
            return event
        }
    }

    mutating func transform(_ action: ServerAction, now: Instant, _ direction: Direction) -> ServerAction {
        switch action {
        case .send(let message): .send(transform(message, direction))
        case .stt(.audio(let seq, let chunk)): .stt(.audio(seq: self.seq(seq, direction), chunk: chunk))
        case .setTimer(let timer, let deadline): .setTimer(timer, at: Self.relative(deadline, now, direction))
        case .closeConnection, .requestAdmission, .stt, .llm, .tts, .cancelTimer, .sessionEnded: action
        }
    }

    private mutating func transform(_ message: ClientMessage, _ direction: Direction) -> ClientMessage {
        switch message {
        case .audio(let seq, let chunk): .audio(seq: self.seq(seq, direction), chunk: chunk)
        case .commit(let lastSeq): .commit(lastSeq: seq(lastSeq, direction))
        case .hello, .resume, .interrupt, .played, .ping, .bye: message
        }
    }

    private mutating func transform(_ message: ServerMessage, _ direction: Direction) -> ServerMessage {
        switch message {
        case .ack(let seq): .ack(seq: self.seq(seq, direction))
        case .welcome, .partialTranscript, .finalTranscript, .responseStart, .responseAudio, .responseEnd, .state,
            .pong, .error:
            message
        }
    }

    private mutating func seq(_ value: UInt64, _ direction: Direction) -> UInt64 {
        switch direction {
        case .encode:
            let difference = Int64(bitPattern: value &- seqReference)
            seqReference = value
            return UInt64(bitPattern: (difference &<< 1) ^ (difference >> 63))
        case .decode:
            let difference = Int64(bitPattern: value >> 1) ^ (0 &- Int64(bitPattern: value & 1))
            seqReference = seqReference &+ UInt64(bitPattern: difference)
            return seqReference
        }
    }

    private mutating func textEnd(_ value: UInt32, _ direction: Direction) -> UInt32 {
        switch direction {
        case .encode:
            let difference = Int32(bitPattern: value &- textEndReference)
            textEndReference = value
            return UInt32(bitPattern: (difference &<< 1) ^ (difference >> 31))
        case .decode:
            let difference = Int32(bitPattern: value >> 1) ^ (0 &- Int32(bitPattern: value & 1))
            textEndReference = textEndReference &+ UInt32(bitPattern: difference)
            return textEndReference
        }
    }

    private static func relative(_ deadline: Instant, _ now: Instant, _ direction: Direction) -> Instant {
        switch direction {
        case .encode: Instant(micros: deadline.micros &- now.micros)
        case .decode: Instant(micros: deadline.micros &+ now.micros)
        }
    }
}
