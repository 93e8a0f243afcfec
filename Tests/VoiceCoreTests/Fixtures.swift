import VoiceCore

func ms(_ value: Int64) -> Instant { .millis(value) }

/// A mic-sized chunk known only by its summary, with chosen frame energies: the VAD reads nothing else.
func chunk(_ energies: [UInt32], tag: UInt64 = 0) -> AudioChunk {
    var fingerprint = Digest64()
    for energy in energies { fingerprint.writeVarint(UInt64(energy)) }
    fingerprint.writeVarint(tag)
    return AudioChunk(sampleCount: energies.count * AudioFormat.frameSamples, fingerprint: fingerprint.value,
                      frameEnergies: energies)
}

let quietFrame: UInt32 = 10_000
let loudFrame: UInt32 = 4_000_000
let silence = chunk(Array(repeating: quietFrame, count: 5))
let speech = chunk(Array(repeating: loudFrame, count: 5))

/// Response audio of `millis` milliseconds.
func responseChunk(millis: Int, tag: UInt64) -> AudioChunk {
    chunk(Array(repeating: 1_000_000, count: millis / 20), tag: tag)
}

/// A client that has connected and been welcomed into session 9 at t=100 ms.
func readyClient(pipeline: Pipeline = .v2, seed: UInt64 = 7) -> ClientAgent {
    var client = ClientAgent(config: ClientConfig(pipeline: pipeline), seed: seed)
    _ = client.handle(.callStarted, at: ms(0))
    _ = client.handle(.connected, at: ms(50))
    _ = client.handle(.received(.welcome(sessionID: 9, resumeToken: 10, lastReceivedSeq: 0, resumed: false)),
                      at: ms(100))
    return client
}

/// A server with an admitted session for "u" at t=10 ms.
func activeServer(pipeline: Pipeline = .v2, seed: UInt64 = 1) -> ServerSession {
    var server = ServerSession(seed: seed)
    _ = server.handle(.clientConnected, at: ms(0))
    _ = server.handle(.received(.hello(userID: "u", pipeline: pipeline)), at: ms(0))
    _ = server.handle(.admission(.granted), at: ms(10))
    return server
}

/// Captures `count` mic chunks of `audio`, one per 100 ms from `start`, and returns all actions.
func capture(_ client: inout ClientAgent, _ audio: AudioChunk, count: Int, from start: Int64) -> [ClientAction] {
    var actions: [ClientAction] = []
    for index in 0..<count {
        actions += client.handle(.micCaptured(audio), at: ms(start + Int64(index) * 100))
    }
    return actions
}
