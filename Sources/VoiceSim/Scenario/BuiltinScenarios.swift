/// The scenarios that ship with VoiceSim, as YAML in the source so `voicesim run NAME`
/// works anywhere and `voicesim` can print them as starting points for new files.
///
/// Each exercises one behaviour from the seed: the nominal streaming turn (< 2 s voice
/// to voice), the same script on the sequential V1 pipeline (≈ 8.4 s), a flaky network
/// (resets and partitions shorter than the 5 s replay buffer), barge-in (and a cough
/// that must not interrupt), a cold start, latency spikes, and a ten-minute call.
public enum BuiltinScenarios {
    /// Names and YAML sources, in presentation order.
    public static let sources: [(name: String, yaml: String)] = [
        ("v2-nominal", v2Nominal),
        ("v1-nominal", v1Nominal),
        ("v2-flaky-network", v2FlakyNetwork),
        ("v2-barge-in", v2BargeIn),
        ("v2-cold-start", v2ColdStart),
        ("v2-latency-spike", v2LatencySpike),
        ("v2-ten-minute-call", v2TenMinuteCall),
    ]

    /// The built-in names, in presentation order.
    public static var names: [String] { sources.map(\.name) }

    /// The YAML source of the built-in `name`, if there is one.
    public static func source(named name: String) -> String? {
        sources.first { $0.name == name }?.yaml
    }

    /// Every built-in, parsed.
    ///
    /// A built-in that does not parse is a bug in this file, so this stops the program.
    public static var all: [Scenario] {
        sources.map { source in
            do {
                return try Scenario.parse(source.yaml, fileName: source.name, format: .yaml)
            } catch {
                preconditionFailure("built-in scenario \(error)")
            }
        }
    }

    /// The built-in scenario `name`, parsed; nil when there is none.
    public static func named(_ name: String) -> Scenario? {
        guard let yaml = source(named: name) else { return nil }
        do {
            return try Scenario.parse(yaml, fileName: name, format: .yaml)
        } catch {
            preconditionFailure("built-in scenario \(error)")
        }
    }

    /// The three-turn dinner script shared by the nominal V1 and V2 scenarios.
    static let dinnerCaller = """
        users:
          - id: caller
            replyTimeoutMs: 45000
            utterances:
              - text: "Hi there, can you help me plan dinner for tonight?"
                atMs: 1500
              - text: "Somewhere quiet near the park would be great."
                afterReplyMs: 1200
              - text: "Perfect, please book a table for two at seven."
                afterReplyMs: 1500
        """

    static let v2Nominal = """
        name: v2-nominal
        description: >-
          Three turns on a good broadband link with healthy providers. The streaming
          pipeline should answer each turn in under 2 seconds, voice to voice.
        seed: 0x5eed0001
        durationMs: 90000
        pipeline: v2
        network:
          up: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}}
          down: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}}
        \(dinnerCaller)
        """

    static let v1Nominal = """
        name: v1-nominal
        description: >-
          The v2-nominal script on the sequential V1 pipeline (record, then REST STT
          2.6 s, LLM 3.3 s, TTS 2.0 s): about 8.4 seconds voice to voice.
        seed: 0x5eed0001
        durationMs: 150000
        pipeline: v1
        network:
          up: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}}
          down: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}}
        \(dinnerCaller)
        """

    static let v2FlakyNetwork = """
        name: v2-flaky-network
        description: >-
          A mobile caller: long-tailed jitter and 1% loss, a reset in the middle of an
          answer, partitions of 3 s and 4.5 s (inside the 5 s replay buffer), a stall and
          a burst of loss. No audio may be lost and every turn must still be answered.
        seed: 0x5eed0003
        durationMs: 150000
        pipeline: v2
        network:
          up:
            baseLatencyMs: 60
            jitter: {kind: longTail, meanMs: 15, tailPpm: 20000, tailMaxMs: 400}
            lossPpm: 10000
          down:
            baseLatencyMs: 60
            jitter: {kind: longTail, meanMs: 15, tailPpm: 20000, tailMaxMs: 400}
            lossPpm: 10000
        users:
          - id: commuter
            replyTimeoutMs: 45000
            utterances:
              - text: "Hey, what time does the next train to the airport leave?"
                atMs: 1500
              - text: "And how long does the trip take from the central station?"
                afterReplyMs: 1200
              - text: "Is there a cheaper bus that gets there before ten?"
                afterReplyMs: 1000
              - text: "Okay, remind me to leave the office at eight fifteen."
                afterReplyMs: 1500
              - text: "Thanks, and what is the weather like at the airport?"
                afterReplyMs: 1100
              - text: "Great, that is all for now."
                afterReplyMs: 1300
        faults:
          - {name: reset-mid-answer, kind: connectionReset, startMs: 12000}
          - {name: partition-3s, kind: partition, startMs: 30000, durationMs: 3000}
          - {name: stall-800ms, kind: stall, startMs: 48000, durationMs: 800}
          - {name: partition-4500ms, kind: partition, startMs: 65000, durationMs: 4500}
          - {name: loss-burst, kind: loss, startMs: 85000, durationMs: 5000, lossPpm: 200000}
          - {name: reset-while-speaking, kind: connectionReset, startMs: 100000}
        """

    static let v2BargeIn = """
        name: v2-barge-in
        description: >-
          The caller interrupts a long answer 2.5 s after it starts; the assistant must
          stop within one audio frame and keep only what was played. Later the caller
          coughs during an answer, which must not interrupt it.
        seed: 0x5eed0004
        durationMs: 120000
        pipeline: v2
        providers:
          llm: {replyWordsMin: 35, replyWordsMax: 45}
        users:
          - id: interrupter
            replyTimeoutMs: 45000
            utterances:
              - text: "Tell me everything about the weather this week."
                atMs: 1500
              - text: "Sorry, actually just tell me about tomorrow."
                bargeInMs: 2500
              - text: "Great, and what should I wear for a long walk?"
                afterReplyMs: 1200
                coughAfterReplyStartsMs: 1500
              - text: "Thanks, that is all I needed."
                afterReplyMs: 1000
        """

    static let v2ColdStart = """
        name: v2-cold-start
        description: >-
          The edge function is cold: the first connection waits 2.5 s. Later a reset
          sends the client to a new instance that is cold again for 2 s. The caller
          speaks while the server is still starting; the replay buffer must cover it.
        seed: 0x5eed0005
        durationMs: 90000
        pipeline: v2
        server:
          coldStartMs: 2500
        users:
          - id: early-bird
            utterances:
              - text: "Hello, are you there? I want to set an alarm."
                atMs: 800
              - text: "Seven in the morning, every weekday please."
                afterReplyMs: 1200
              - text: "And one more for Saturday at nine."
                afterReplyMs: 1500
        faults:
          - {name: reset-to-new-instance, kind: connectionReset, startMs: 30000}
          - {name: cold-instance, kind: coldStart, startMs: 30000, durationMs: 5000, delayMs: 2000}
        """

    static let v2LatencySpike = """
        name: v2-latency-spike
        description: >-
          A 5 s window where the network adds 1.5 s each way, then a 10 s window where
          the LLM takes 2.5 s longer to answer. Latency marks should show both, and the
          conversation must carry on.
        seed: 0x5eed0006
        durationMs: 120000
        pipeline: v2
        users:
          - id: caller
            replyTimeoutMs: 45000
            utterances:
              - text: "What is a good recipe for a quick lunch?"
                atMs: 1500
              - text: "Something without meat, please."
                afterReplyMs: 1000
              - text: "How long does that take to make?"
                afterReplyMs: 1200
              - text: "Great, and what can I drink with it?"
                afterReplyMs: 1000
              - text: "Thank you, that sounds lovely."
                afterReplyMs: 1400
        faults:
          - {name: network-spike, kind: latencySpike, startMs: 15000, durationMs: 5000, extraMs: 1500}
          - {name: slow-llm, kind: providerSlow, provider: llm, startMs: 34000, durationMs: 10000, extraMs: 3000}
        """

    static let v2TenMinuteCall = """
        name: v2-ten-minute-call
        description: >-
          Ten simulated minutes of conversation (40 turns) on a good link. The seed
          estimates $0.245 for such a call (STT for 10 minutes, 5K output tokens, 1.5K
          TTS characters); this call also pays for input tokens and speaks more.
        seed: 0x5eed0007
        durationMs: 600000
        pipeline: v2
        providers:
          llm: {replyWordsMin: 10, replyWordsMax: 30}
        users:
          - id: planner
            utterances:
              - text: "Good morning, I need help planning my week."
                atMs: 1500
              - text: "I have a dentist appointment on Tuesday at nine."
                afterReplyMs: 1400
              - text: "Can you remind me to call my sister on Wednesday?"
                afterReplyMs: 900
              - text: "What is the weather going to be like this weekend?"
                afterReplyMs: 1800
              - text: "Okay, then let's plan a picnic for Saturday afternoon."
                afterReplyMs: 1200
              - text: "Which park would you recommend near the city center?"
                afterReplyMs: 1600
              - text: "How long does it take to get there by bus?"
                afterReplyMs: 1100
              - text: "Great, what should I bring for four people?"
                afterReplyMs: 2000
              - text: "Do you think sandwiches and fruit are enough?"
                afterReplyMs: 1300
              - text: "Let's add some lemonade and a few snacks."
                afterReplyMs: 900
              - text: "Now I need to book a restaurant for Friday night."
                afterReplyMs: 1000
              - text: "Something quiet, maybe Italian, for two people."
                afterReplyMs: 1400
              - text: "Is eight o'clock too late for dinner there?"
                afterReplyMs: 900
              - text: "Fine, please book it for seven thirty instead."
                afterReplyMs: 1800
              - text: "Can you also check train tickets to the coast next month?"
                afterReplyMs: 1200
              - text: "I would like to leave early on a Friday morning."
                afterReplyMs: 1600
              - text: "What is the cheapest option that still arrives before noon?"
                afterReplyMs: 1100
              - text: "Okay, and how much would a return ticket cost?"
                afterReplyMs: 2000
              - text: "That sounds reasonable, let's keep that in mind."
                afterReplyMs: 1300
              - text: "Next, I want to start running again."
                afterReplyMs: 900
              - text: "How many times a week should a beginner run?"
                afterReplyMs: 1000
              - text: "What is a good distance to start with?"
                afterReplyMs: 1400
              - text: "Should I run in the morning or in the evening?"
                afterReplyMs: 900
              - text: "Alright, add a short run to Monday and Thursday."
                afterReplyMs: 1800
              - text: "I also need to buy a birthday present for my friend."
                afterReplyMs: 1200
              - text: "She likes books, music and long walks."
                afterReplyMs: 1600
              - text: "Can you suggest something under fifty dollars?"
                afterReplyMs: 1100
              - text: "I think the book is a nice idea."
                afterReplyMs: 2000
              - text: "Please remind me to buy it on Thursday after work."
                afterReplyMs: 1300
              - text: "By the way, how do I make a good cup of coffee?"
                afterReplyMs: 900
              - text: "How much coffee should I use per cup?"
                afterReplyMs: 1000
              - text: "Interesting, what about tea instead?"
                afterReplyMs: 1400
              - text: "Okay, let's go back to the schedule."
                afterReplyMs: 900
              - text: "Can you read me everything we planned for Friday?"
                afterReplyMs: 1800
              - text: "Move the restaurant reminder to the afternoon please."
                afterReplyMs: 1200
              - text: "What do I have on Sunday so far?"
                afterReplyMs: 1600
              - text: "Let's keep Sunday free for rest."
                afterReplyMs: 1100
              - text: "Thanks, can you summarise the whole week for me?"
                afterReplyMs: 2000
              - text: "That is perfect, thank you so much."
                afterReplyMs: 1300
              - text: "Goodbye, talk to you tomorrow."
                afterReplyMs: 900
        """
}
