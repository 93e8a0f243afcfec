import VoiceCore

// Where audio sits in events and actions. Each value carries at most one chunk; a trace
// stores every distinct chunk once per session and puts a reference in its place
// (see `EventRecord`). The switches list every case, so a new case that carries audio
// cannot be forgotten here without the compiler saying so.

// Whether the chunk a value carries is mic audio (uplink), whose frame energies the client's
// VAD reads and a trace keeps; reply audio (downlink) is read by nothing but its sample count.

extension ClientEvent {
    var carriesMicAudio: Bool {
        switch self {
        case .micCaptured: true
        case .received, .callStarted, .callEnded, .connected, .disconnected, .timerFired: false
        }
    }

    /// The chunk this event carries, if any.
    var audioChunk: AudioChunk? {
        switch self {
        case .micCaptured(let chunk): chunk
        case .received(let message): message.audioChunk
        case .callStarted, .callEnded, .connected, .disconnected, .timerFired: nil
        }
    }

    /// `self` with its chunk replaced by `chunk` (unchanged when it carries none).
    func replacingAudio(with chunk: AudioChunk) -> ClientEvent {
        switch self {
        case .micCaptured: .micCaptured(chunk)
        case .received(let message): .received(message.replacingAudio(with: chunk))
        case .callStarted, .callEnded, .connected, .disconnected, .timerFired: self
        }
    }
}

extension ServerEvent {
    var carriesMicAudio: Bool {
        switch self {
        case .received(let message): message.audioChunk != nil
        case .clientConnected, .clientDisconnected, .admission, .stt, .llm, .tts, .timerFired: false
        }
    }

    var audioChunk: AudioChunk? {
        switch self {
        case .received(let message): message.audioChunk
        case .tts(.audio(_, let chunk, _)): chunk
        case .clientConnected, .clientDisconnected, .admission, .stt, .llm, .tts, .timerFired: nil
        }
    }

    func replacingAudio(with chunk: AudioChunk) -> ServerEvent {
        switch self {
        case .received(let message): .received(message.replacingAudio(with: chunk))
        case .tts(.audio(let responseID, _, let textEnd)):
            .tts(.audio(responseID: responseID, chunk: chunk, textEnd: textEnd))
        case .clientConnected, .clientDisconnected, .admission, .stt, .llm, .tts, .timerFired: self
        }
    }
}

extension ClientAction {
    var carriesMicAudio: Bool {
        switch self {
        case .send(let message): message.audioChunk != nil
        case .connect, .disconnect, .play, .stopPlayback, .setTimer, .cancelTimer, .showState: false
        }
    }

    var audioChunk: AudioChunk? {
        switch self {
        case .send(let message): message.audioChunk
        case .play(_, let chunk): chunk
        case .connect, .disconnect, .stopPlayback, .setTimer, .cancelTimer, .showState: nil
        }
    }

    func replacingAudio(with chunk: AudioChunk) -> ClientAction {
        switch self {
        case .send(let message): .send(message.replacingAudio(with: chunk))
        case .play(let responseID, _): .play(responseID: responseID, chunk: chunk)
        case .connect, .disconnect, .stopPlayback, .setTimer, .cancelTimer, .showState: self
        }
    }
}

extension ServerAction {
    var carriesMicAudio: Bool {
        switch self {
        case .stt(.audio): true
        case .send, .closeConnection, .requestAdmission, .stt, .llm, .tts, .setTimer, .cancelTimer, .sessionEnded:
            false
        }
    }

    var audioChunk: AudioChunk? {
        switch self {
        case .send(let message): message.audioChunk
        case .stt(.audio(_, let chunk)): chunk
        case .closeConnection, .requestAdmission, .stt, .llm, .tts, .setTimer, .cancelTimer, .sessionEnded: nil
        }
    }

    func replacingAudio(with chunk: AudioChunk) -> ServerAction {
        switch self {
        case .send(let message): .send(message.replacingAudio(with: chunk))
        case .stt(.audio(let seq, _)): .stt(.audio(seq: seq, chunk: chunk))
        case .closeConnection, .requestAdmission, .stt, .llm, .tts, .setTimer, .cancelTimer, .sessionEnded: self
        }
    }
}

extension ClientMessage {
    var audioChunk: AudioChunk? {
        switch self {
        case .audio(_, let chunk): chunk
        case .hello, .resume, .commit, .interrupt, .played, .ping, .bye: nil
        }
    }

    func replacingAudio(with chunk: AudioChunk) -> ClientMessage {
        switch self {
        case .audio(let seq, _): .audio(seq: seq, chunk: chunk)
        case .hello, .resume, .commit, .interrupt, .played, .ping, .bye: self
        }
    }
}

extension ServerMessage {
    var audioChunk: AudioChunk? {
        switch self {
        case .responseAudio(_, let chunk): chunk
        case .welcome, .partialTranscript, .finalTranscript, .responseStart, .responseEnd, .state, .ack, .pong,
            .error:
            nil
        }
    }

    func replacingAudio(with chunk: AudioChunk) -> ServerMessage {
        switch self {
        case .responseAudio(let responseID, _): .responseAudio(responseID: responseID, chunk: chunk)
        case .welcome, .partialTranscript, .finalTranscript, .responseStart, .responseEnd, .state, .ack, .pong,
            .error:
            self
        }
    }
}
