import VoiceCore

extension Simulation {
    /// Builds lane `index`: every component gets its own PRNG stream forked from the run's seed,
    /// so adding draws to one component never shifts another.
    static func makeLane(index: Int, script: UserScript, call: (start: Instant, end: Instant), scenario: Scenario,
                         plantedBugs: PlantedBugs, random: inout PRNG) -> Lane {
        var clientConfig = ClientConfig(userID: script.id, pipeline: scenario.pipeline)
        clientConfig.connectTimeoutMicros = max(clientConfig.connectTimeoutMicros, scenario.server.coldStartMicros * 2)
        clientConfig.plantedBugs = plantedBugs
        var serverConfig = ServerConfig(resumeGraceMicros: scenario.server.resumeGraceMicros,
                                        llmSystemPromptTokens: scenario.providers.llm.systemPromptTokens)
        serverConfig.plantedBugs = plantedBugs
        let setup = LaneSetup(client: clientConfig, clientSeed: random.next(), server: serverConfig,
                              serverSeed: random.next())
        return Lane(
            index: index,
            callStart: call.start,
            callEnd: call.end,
            setup: setup,
            machines: setup.makeMachines(),
            user: SimUser(script: script, seed: random.next(), origin: call.start),
            uplink: Link(profile: scenario.network.up, prng: random.fork()),
            downlink: Link(profile: scenario.network.down, prng: random.fork()),
            stt: STTModel(profile: scenario.providers.stt, prng: random.fork(), micStart: call.start),
            llm: LLMModel(profile: scenario.providers.llm, prng: random.fork()),
            tts: TTSModel(profile: scenario.providers.tts, prng: random.fork()),
            oracle: LaneOracle(lane: index, pipeline: scenario.pipeline, client: clientConfig,
                               awaitingMax: serverConfig.unconfirmedRepliesMax,
                               expectedMicChunks: Int(call.end.micros(since: call.start) / AudioFormat.micChunkMicros) + 1)
        )
    }
}
