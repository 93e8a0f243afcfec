import VoiceCore

// One line of text per message and action: the same text the page's `Core.describeAction`
// and self-test write, so the two sides are compared line by line.
extension BrowserVectors {
    static func describe(_ message: ClientMessage) -> String {
        switch message {
        case .hello(let userID, let pipeline, let lastAckedSeq): "hello(\(userID),\(pipeline.rawValue),\(lastAckedSeq))"
        case .resume(let sessionID, let resumeToken, let lastAckedSeq): "resume(\(sessionID),\(resumeToken),\(lastAckedSeq))"
        case .audio(let seq, let chunk): "audio(\(seq),\(chunk.sampleCount))"
        case .commit(let lastSeq): "commit(\(lastSeq))"
        case .interrupt(let responseID, let playedMillis): "interrupt(\(responseID),\(playedMillis))"
        case .played(let responseID, let playedMillis): "played(\(responseID),\(playedMillis))"
        case .ping(let nonce): "ping(\(nonce))"
        case .bye: "bye"
        }
    }

    static func describe(_ message: ServerMessage) -> String {
        switch message {
        case .welcome(let sessionID, let resumeToken, let lastReceivedSeq, let resumed):
            "welcome(\(sessionID),\(resumeToken),\(lastReceivedSeq),\(resumed))"
        case .partialTranscript(let text): "partialTranscript(\(text))"
        case .finalTranscript(let text): "finalTranscript(\(text))"
        case .responseStart(let responseID): "responseStart(\(responseID))"
        case .responseAudio(let responseID, let chunk):
            "responseAudio(\(responseID),[\(chunk.samples.map(String.init).joined(separator: " "))])"
        case .responseEnd(let responseID, let cancelled): "responseEnd(\(responseID),\(cancelled))"
        case .state(let state): "state(\(state.rawValue))"
        case .ack(let seq): "ack(\(seq))"
        case .pong(let nonce): "pong(\(nonce))"
        case .error(let code, let message): "error(\(code.rawValue),\(message))"
        }
    }

    static func describe(_ action: ClientAction) -> String {
        switch action {
        case .connect: "connect"
        case .disconnect: "disconnect"
        case .send(let message): "send " + describe(message)
        case .play(let responseID, let chunk): "play(\(responseID),\(chunk.sampleCount))"
        case .stopPlayback(let responseID): "stopPlayback(\(responseID))"
        case .setTimer(let timer, let at): "setTimer(\(name(timer)),\(at.micros))"
        case .cancelTimer(let timer): "cancelTimer(\(name(timer)))"
        case .showState(let state): "showState(\(state))"
        }
    }

    static func name(_ timer: ClientTimer) -> String {
        switch timer {
        case .reconnectBackoff: "reconnectBackoff"
        case .connectTimeout: "connectTimeout"
        case .keepalive: "keepalive"
        case .playbackChunkEnd: "playbackChunkEnd"
        case .playbackIdle: "playbackIdle"
        }
    }

    static func name(_ reason: DisconnectReason) -> String {
        switch reason {
        case .closedByPeer: "closedByPeer"
        case .networkError: "networkError"
        case .timedOut: "timedOut"
        case .refused: "refused"
        }
    }

    /// A client message as the page builds it: 64-bit ids as decimal strings, audio as base64 PCM.
    static func json(_ message: ClientMessage) -> [String: Any] {
        switch message {
        case .hello(let userID, let pipeline, let lastAckedSeq):
            ["kind": "hello", "userID": userID, "pipeline": Int(pipeline.rawValue), "lastAckedSeq": lastAckedSeq]
        case .resume(let sessionID, let resumeToken, let lastAckedSeq):
            ["kind": "resume", "sessionID": String(sessionID), "resumeToken": String(resumeToken), "lastAckedSeq": lastAckedSeq]
        case .audio(let seq, let chunk): ["kind": "audio", "seq": seq, "samples": base64(chunk.samples)]
        case .commit(let lastSeq): ["kind": "commit", "lastSeq": lastSeq]
        case .interrupt(let responseID, let playedMillis):
            ["kind": "interrupt", "responseID": responseID, "playedMillis": playedMillis]
        case .played(let responseID, let playedMillis): ["kind": "played", "responseID": responseID, "playedMillis": playedMillis]
        case .ping(let nonce): ["kind": "ping", "nonce": nonce]
        case .bye: ["kind": "bye"]
        }
    }

    /// A client event for the page's agent; server messages travel as wire frames.
    static func json(_ event: ClientEvent) -> [String: Any] {
        switch event {
        case .callStarted: ["kind": "callStarted"]
        case .callEnded: ["kind": "callEnded"]
        case .connected: ["kind": "connected"]
        case .disconnected(let reason): ["kind": "disconnected", "reason": name(reason)]
        case .received(let message): ["kind": "received", "frame": hex(WireFrame.encode(message))]
        case .micCaptured(let chunk): ["kind": "micCaptured", "samples": base64(chunk.samples)]
        case .timerFired(let timer): ["kind": "timerFired", "timer": name(timer)]
        }
    }
}
