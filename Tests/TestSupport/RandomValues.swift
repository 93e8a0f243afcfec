import VoiceCore

/// Seeded generators for every event and action, leaning towards edges (empty strings and
/// arrays, varint boundaries, multi-byte UTF-8, chunk sizes around the 20 ms frame).
///
/// Shared by the property and recorder tests. With `reusesChunks`, a third of the chunks
/// are ones used before (the recorder's per-session audio table); with `summaryOnlyChunks`,
/// some are known only by their summary (as replayed from a hash-only trace).
package struct RandomValues {
    package var prng: PRNG

    package init(seed: UInt64, reusesChunks: Bool = false, summaryOnlyChunks: Bool = false) {
        prng = PRNG(seed: seed)
        self.reusesChunks = reusesChunks
        self.summaryOnlyChunks = summaryOnlyChunks
    }

    package mutating func below(_ bound: Int) -> Int { Int(prng.below(UInt64(bound))) }

    package mutating func bool() -> Bool { prng.below(2) == 1 }

    package mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// Small values, varint boundaries and full-width values, about a third each.
    package mutating func uint64() -> UInt64 {
        switch prng.below(3) {
        case 0: return prng.below(300)
        case 1:
            let edge: UInt64 = 1 << (7 * (1 + prng.below(9)))
            return edge &+ UInt64(bitPattern: prng.inRange(-2, 1))
        default: return prng.next()
        }
    }

    package mutating func uint32() -> UInt32 { UInt32(truncatingIfNeeded: uint64()) }

    package mutating func int64() -> Int64 {
        switch prng.below(3) {
        case 0: return prng.inRange(-300, 300)
        case 1: return pick([Int64.min, Int64.max, -1, 0, 1, -64, 63, 64, -65])
        default: return Int64(bitPattern: prng.next())
        }
    }

    package mutating func instant() -> Instant { Instant(micros: int64()) }

    package static let pieces = ["", "a", "book", " ", "table for two", "é", "ü", "中文", "🎤", "\u{0}", "\n", "ñandú"]

    package mutating func string() -> String {
        var text = ""
        for _ in 0..<below(5) { text += pick(RandomValues.pieces) }
        return text
    }

    package mutating func samples(count: Int) -> [Int16] {
        var samples = [Int16](repeating: 0, count: count)
        let loud = bool()
        for index in 0..<count {
            samples[index] = loud ? Int16(truncatingIfNeeded: prng.next()) : Int16(prng.inRange(-40, 40))
        }
        return samples
    }

    /// Chunks made so far, oldest first.
    package private(set) var chunks: [AudioChunk] = []
    package var reusesChunks: Bool
    package var summaryOnlyChunks: Bool

    /// Sizes around frame boundaries, the mic chunk size, and sometimes empty; a third of the
    /// time a chunk already used, and sometimes one known only by its summary.
    package mutating func chunk() -> AudioChunk {
        if reusesChunks && !chunks.isEmpty && below(3) == 0 { return pick(chunks) }
        let count = pick([0, 1, 3, 4, 5, 319, 320, 321, 640, 1_600, below(400)])
        var chunk = AudioChunk(samples: samples(count: count))
        if summaryOnlyChunks && below(8) == 0 {
            chunk = AudioChunk(
                sampleCount: chunk.sampleCount, fingerprint: chunk.fingerprint,
                frameEnergies: chunk.frameEnergies)
        }
        chunks.append(chunk)
        return chunk
    }

    package mutating func pipeline() -> Pipeline { pick(Pipeline.allCases) }
    package mutating func conversationState() -> ConversationState { pick(ConversationState.allCases) }
    package mutating func serverErrorCode() -> ServerErrorCode { pick(ServerErrorCode.allCases) }
    package mutating func disconnectReason() -> DisconnectReason { pick(DisconnectReason.allCases) }
    package mutating func clientTimer() -> ClientTimer { pick(ClientTimer.allCases) }
    package mutating func clientState() -> ClientState { pick(ClientState.allCases) }
    package mutating func serverTimer() -> ServerTimer { pick(ServerTimer.allCases) }

    package mutating func clientMessage() -> ClientMessage {
        switch below(8) {
        case 0: return .hello(userID: string(), pipeline: pipeline())
        case 1: return .resume(sessionID: uint64(), resumeToken: uint64(), lastAckedSeq: uint64())
        case 2: return .audio(seq: uint64(), chunk: chunk())
        case 3: return .commit(lastSeq: uint64())
        case 4: return .interrupt(responseID: uint32(), playedMillis: uint32())
        case 5: return .ping(nonce: uint64())
        case 6: return .played(responseID: uint32(), playedMillis: uint32())
        default: return .bye
        }
    }

    package mutating func serverMessage() -> ServerMessage {
        switch below(10) {
        case 0: return .welcome(sessionID: uint64(), resumeToken: uint64(), lastReceivedSeq: uint64(), resumed: bool())
        case 1: return .partialTranscript(string())
        case 2: return .finalTranscript(string())
        case 3: return .responseStart(responseID: uint32())
        case 4: return .responseAudio(responseID: uint32(), chunk: chunk())
        case 5: return .responseEnd(responseID: uint32(), cancelled: bool())
        case 6: return .state(conversationState())
        case 7: return .ack(seq: uint64())
        case 8: return .pong(nonce: uint64())
        default: return .error(code: serverErrorCode(), message: string())
        }
    }

    package mutating func conversationTurn() -> ConversationTurn {
        ConversationTurn(role: bool() ? .user : .assistant, text: string())
    }

    package mutating func sttCommand() -> STTCommand {
        switch below(5) {
        case 0: return .open
        case 1: return .audio(seq: uint64(), chunk: chunk())
        case 2: return .keepalive
        case 3: return .close
        default: return .transcribe(requestID: uint32(), firstSeq: uint64(), lastSeq: uint64())
        }
    }

    package mutating func sttEvent() -> STTEvent {
        switch below(7) {
        case 0: return .opened
        case 1: return .partial(string())
        case 2: return .final(string())
        case 3: return .speechEnded
        case 4: return .closed(error: bool() ? string() : nil)
        case 5: return .transcript(requestID: uint32(), text: string())
        default: return .failed(requestID: uint32(), reason: string())
        }
    }

    package mutating func llmCommand() -> LLMCommand {
        if bool() { return .cancel(requestID: uint32()) }
        var history: [ConversationTurn] = []
        for _ in 0..<below(6) { history.append(conversationTurn()) }
        return .start(requestID: uint32(), history: history, stream: bool())
    }

    package mutating func llmEvent() -> LLMEvent {
        switch below(3) {
        case 0: return .token(requestID: uint32(), text: string())
        case 1: return .done(requestID: uint32(), inputTokens: uint32(), outputTokens: uint32())
        default: return .failed(requestID: uint32(), reason: string())
        }
    }

    package mutating func ttsCommand() -> TTSCommand {
        switch below(5) {
        case 0: return .start(responseID: uint32())
        case 1: return .text(responseID: uint32(), text: string())
        case 2: return .flush(responseID: uint32())
        case 3: return .cancel(responseID: uint32())
        default: return .synthesize(responseID: uint32(), text: string())
        }
    }

    package mutating func ttsEvent() -> TTSEvent {
        switch below(3) {
        case 0: return .audio(responseID: uint32(), chunk: chunk(), textEnd: uint32())
        case 1: return .done(responseID: uint32())
        default: return .failed(responseID: uint32(), reason: string())
        }
    }

    package mutating func clientEvent() -> ClientEvent {
        switch below(7) {
        case 0: return .callStarted
        case 1: return .callEnded
        case 2: return .connected
        case 3: return .disconnected(disconnectReason())
        case 4: return .received(serverMessage())
        case 5: return .micCaptured(chunk())
        default: return .timerFired(clientTimer())
        }
    }

    package mutating func clientAction() -> ClientAction {
        switch below(8) {
        case 0: return .connect
        case 1: return .disconnect
        case 2: return .send(clientMessage())
        case 3: return .play(responseID: uint32(), chunk: chunk())
        case 4: return .stopPlayback(responseID: uint32())
        case 5: return .setTimer(clientTimer(), at: instant())
        case 6: return .cancelTimer(clientTimer())
        default: return .showState(clientState())
        }
    }

    package mutating func admission() -> Admission { bool() ? .granted : .refused(reason: string()) }

    package mutating func serverEvent() -> ServerEvent {
        switch below(8) {
        case 0: return .clientConnected
        case 1: return .clientDisconnected
        case 2: return .received(clientMessage())
        case 3: return .admission(admission())
        case 4: return .stt(sttEvent())
        case 5: return .llm(llmEvent())
        case 6: return .tts(ttsEvent())
        default: return .timerFired(serverTimer())
        }
    }

    package mutating func serverAction() -> ServerAction {
        switch below(9) {
        case 0: return .send(serverMessage())
        case 1: return .closeConnection
        case 2: return .requestAdmission(userID: string(), pipeline: pipeline())
        case 3: return .stt(sttCommand())
        case 4: return .llm(llmCommand())
        case 5: return .tts(ttsCommand())
        case 6: return .setTimer(serverTimer(), at: instant())
        case 7: return .cancelTimer(serverTimer())
        default: return .sessionEnded(usage: sessionUsage())
        }
    }

    package mutating func providerModels() -> ProviderModels {
        ProviderModels(stt: string(), llm: string(), tts: string())
    }

    package mutating func sessionUsage() -> SessionUsage {
        var usage = SessionUsage(
            userID: string(), sessionID: uint64(), pipeline: pipeline(),
            models: providerModels())
        usage.sttMicros = int64()
        usage.llmInputTokens = uint64()
        usage.llmOutputTokens = uint64()
        usage.ttsCharacters = uint64()
        usage.turns = uint32()
        usage.interruptions = uint32()
        for _ in 0..<below(5) { usage.turnLatencyMicros.append(int64()) }
        usage.lostAudioMicros = int64()
        usage.duplicateChunks = uint32()
        usage.resumes = uint32()
        return usage
    }
}
