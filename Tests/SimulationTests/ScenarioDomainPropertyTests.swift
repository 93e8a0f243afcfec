import Testing
import VoiceCore

@testable import VoiceSim

/// Every numeric field of a scenario file, with its documented domain (README "Field domains"):
/// random extreme values, inside and outside the domains, are either refused at load with a
/// `ScenarioError` or load and run without trapping.
@Suite("Scenario field domains")
struct ScenarioDomainPropertyTests {
    /// A numeric field: where it goes in the document and its inclusive domain.
    struct Field {
        let path: [String]
        let min: Int64
        let max: Int64
    }

    static let day30: Int64 = 30 * 24 * 3_600 * 1_000
    static let ppm: Int64 = 1_000_000

    static let fields: [Field] = {
        var fields: [Field] = [
            Field(path: ["durationMs"], min: 1, max: 86_400_000),
            Field(path: ["users", "0", "wordsPerMinute"], min: 40, max: 400),
            Field(path: ["users", "0", "pitchHz"], min: 50, max: 1_000),
            Field(path: ["users", "0", "noiseAmplitude"], min: 0, max: 32_767),
            Field(path: ["users", "0", "replyTimeoutMs"], min: 1, max: day30),
            Field(path: ["users", "0", "coughsAtMs", "0"], min: 0, max: day30),
            Field(path: ["users", "0", "utterances", "0", "atMs"], min: 0, max: day30),
            Field(path: ["users", "0", "utterances", "1", "bargeInMs"], min: 0, max: day30),
            Field(path: ["users", "0", "utterances", "1", "coughAfterReplyStartsMs"], min: 0, max: day30),
            Field(path: ["users", "0", "utterances", "2", "afterReplyMs"], min: 0, max: day30),
            Field(path: ["users", "0", "utterances", "3", "afterPreviousMs"], min: 0, max: day30),
            Field(path: ["network", "up", "baseLatencyMs"], min: 0, max: day30),
            Field(path: ["network", "up", "bandwidthBytesPerSecond"], min: 0, max: 1_000_000_000_000),
            Field(path: ["network", "up", "lossPpm"], min: 0, max: ppm),
            Field(path: ["network", "up", "retransmitMs"], min: 0, max: day30),
            Field(path: ["network", "up", "jitter", "maxMs"], min: 0, max: day30),
            Field(path: ["network", "down", "baseLatencyMs"], min: 0, max: day30),
            Field(path: ["network", "down", "bandwidthBytesPerSecond"], min: 0, max: 1_000_000_000_000),
            Field(path: ["network", "down", "lossPpm"], min: 0, max: ppm),
            Field(path: ["network", "down", "retransmitMs"], min: 0, max: day30),
            Field(path: ["network", "down", "jitter", "meanMs"], min: 0, max: day30),
            Field(path: ["network", "down", "jitter", "tailPpm"], min: 0, max: ppm),
            Field(path: ["network", "down", "jitter", "tailMaxMs"], min: 0, max: day30),
            Field(path: ["server", "coldStartMs"], min: 0, max: day30),
            Field(path: ["server", "resumeGraceMs"], min: 0, max: day30),
            Field(path: ["server", "dailyCallsMax"], min: 0, max: 1_000_000),
            Field(path: ["providers", "stt", "partialIntervalMs"], min: 0, max: day30),
            Field(path: ["providers", "stt", "endpointingMs"], min: 0, max: day30),
            Field(path: ["providers", "stt", "wordErrorPpm"], min: 0, max: ppm),
            Field(path: ["providers", "stt", "finalCorrectionPpm"], min: 0, max: ppm),
            Field(path: ["providers", "stt", "idleTimeoutMs"], min: 1, max: day30),
            Field(path: ["providers", "llm", "tokensPerSecondMin"], min: 1, max: 10_000),
            Field(path: ["providers", "llm", "tokensPerSecondMax"], min: 1, max: 10_000),
            Field(path: ["providers", "llm", "replyWordsMin"], min: 1, max: 2_000),
            Field(path: ["providers", "llm", "replyWordsMax"], min: 1, max: 2_000),
            Field(path: ["providers", "llm", "serverErrorPpm"], min: 0, max: ppm),
            Field(path: ["providers", "llm", "slowTokensPpm"], min: 0, max: ppm),
            Field(path: ["providers", "llm", "slowTokenFactor"], min: 1, max: 1_000),
            Field(path: ["providers", "llm", "systemPromptTokens"], min: 0, max: 1_000_000),
            Field(path: ["providers", "tts", "charactersPerSecond"], min: 1, max: 1_000),
            Field(path: ["providers", "tts", "synthesisMsPerAudioSecond"], min: 0, max: day30),
            Field(path: ["providers", "tts", "chunkMs"], min: 20, max: 10_000),
            Field(path: ["providers", "tts", "pitchHz"], min: 50, max: 1_000),
        ]
        let latencies = [["stt", "openLatency"], ["stt", "partialLatency"], ["stt", "finalDelay"], ["stt", "restLatency"],
                         ["stt", "failureLatency"], ["llm", "timeToFirstToken"], ["llm", "restLatency"],
                         ["llm", "failureLatency"], ["tts", "firstAudio"], ["tts", "restLatency"], ["tts", "failureLatency"]]
        for latency in latencies {
            fields.append(Field(path: ["providers"] + latency + ["meanMs"], min: 0, max: day30))
            fields.append(Field(path: ["providers"] + latency + ["jitterMs"], min: 0, max: day30))
            fields.append(Field(path: ["providers"] + latency + ["tailPpm"], min: 0, max: ppm))
            fields.append(Field(path: ["providers"] + latency + ["tailMaxMs"], min: 0, max: day30))
        }
        for (index, extra) in ["extraMs", "lossPpm", "delayMs", "extraMs", "maxDelayMs", "extraMs"].enumerated() {
            fields.append(Field(path: ["faults", String(index), "startMs"], min: 0, max: day30))
            fields.append(Field(path: ["faults", String(index), "durationMs"], min: 1, max: day30))
            fields.append(Field(path: ["faults", String(index), extra], min: 0, max: extra == "lossPpm" ? ppm : day30))
        }
        return fields
    }()

    /// The document every draw starts from: one of each structure the fields above need.
    static func skeleton() -> [String: Any] {
        [
            "name": "extremes", "durationMs": 3_000,
            "users": [[
                "coughsAtMs": [500],
                "utterances": [
                    ["text": "hello there", "atMs": 100], ["text": "wait", "bargeInMs": 300],
                    ["text": "and then", "afterReplyMs": 50], ["text": "ok", "afterPreviousMs": 10],
                ],
            ]],
            "network": ["up": ["jitter": ["kind": "uniform", "maxMs": 5]],
                        "down": ["jitter": ["kind": "longTail", "meanMs": 5, "tailPpm": 100, "tailMaxMs": 50]]],
            "providers": [
                "stt": ["openLatency": ["meanMs": 300], "partialLatency": ["meanMs": 300], "finalDelay": ["meanMs": 300],
                        "restLatency": ["meanMs": 300], "failureLatency": ["meanMs": 300]],
                "llm": ["timeToFirstToken": ["meanMs": 300], "restLatency": ["meanMs": 300],
                        "failureLatency": ["meanMs": 300]],
                "tts": ["firstAudio": ["meanMs": 300], "restLatency": ["meanMs": 300], "failureLatency": ["meanMs": 300]],
            ],
            "faults": [
                ["kind": "latencySpike", "startMs": 100, "durationMs": 100, "extraMs": 10],
                ["kind": "loss", "startMs": 100, "durationMs": 100, "lossPpm": 10],
                ["kind": "coldStart", "startMs": 100, "durationMs": 100, "delayMs": 10],
                ["kind": "providerSlow", "provider": "llm", "startMs": 100, "durationMs": 100, "extraMs": 10],
                ["kind": "reorder", "startMs": 100, "durationMs": 100, "maxDelayMs": 10],
                ["kind": "lateDelivery", "startMs": 100, "durationMs": 100, "extraMs": 10],
            ],
        ]
    }

    /// A value for `field`: its edges, just past them, 64-bit extremes, or a random in-domain
    /// value; only the edges and in-domain values when `inDomainOnly`.
    static func draw(_ field: Field, inDomainOnly: Bool, _ prng: inout PRNG) -> (text: String, inDomain: Bool) {
        let value: Int64
        let choice: UInt64 = inDomainOnly ? [0, 1, 7][Int(prng.below(3))] : prng.below(9)
        switch choice {
        case 0: value = field.min
        case 1, 2: value = field.max
        case 3: value = field.min - 1
        case 4: value = field.max + 1
        case 5: value = prng.below(2) == 0 ? .max : .min
        case 6: return (prng.below(2) == 0 ? "9223372036854775808" : "-9223372036854775809", false)
        default: value = prng.inRange(field.min, field.max)
        }
        return (String(value), value >= field.min && value <= field.max)
    }

    @Test("Random extreme values in every numeric field are refused at load or run without trapping")
    func extremesNeverTrap() throws {
        var prng = PRNG(seed: 0xD0_4A15)
        var ran = 0
        var refused = 0
        for _ in 0..<300 {
            var document: Any = Self.skeleton()
            var outOfDomain: [String] = []
            // Most draws change a few fields, some change all of them. One field out of its
            // domain refuses the whole document, so half the documents stay inside every domain
            // and change fewer fields: those must load (bar rules between two fields) and run.
            let inDomainOnly = prng.below(2) == 0
            let everyField = !inDomainOnly && prng.below(4) == 0
            for field in Self.fields where everyField || prng.below(inDomainOnly ? 16 : 8) == 0 {
                let (text, inDomain) = Self.draw(field, inDomainOnly: inDomainOnly, &prng)
                document = Self.setting(document, field.path[...], to: RawNumber(text: text))
                if !inDomain { outOfDomain.append(Self.errorPath(field.path)) }
            }
            let yaml = Self.yaml(document)
            do {
                var scenario = try Scenario.parse(yaml, fileName: "extremes.yaml")
                #expect(outOfDomain.isEmpty, "accepted out-of-domain \(outOfDomain) in\n\(yaml)")
                // A short run: every value takes part, the run stays fast.
                scenario.durationMicros = min(scenario.durationMicros, 3_000_000)
                var simulation = Simulation(scenario: scenario)
                let result = simulation.run()
                #expect(result.simulatedMicros <= scenario.durationMicros + Simulation.drainMicros)
                ran += 1
            } catch {
                refused += 1
                // In-domain values may still break a rule between two fields (jitter above its mean…).
                let isCrossField = error.reason.contains("must") || error.reason.contains("is below")
                #expect(outOfDomain.contains(error.path) || isCrossField, "\(error) for\n\(yaml)")
            }
        }
        #expect(ran > 30 && refused > 30, "ran \(ran), refused \(refused)")
    }

    /// `users.0.utterances.1.bargeInMs` → `users[0].utterances[1].bargeInMs`.
    static func errorPath(_ path: [String]) -> String {
        var out = ""
        for part in path {
            if Int(part) != nil { out += "[\(part)]" } else { out += out.isEmpty ? part : ".\(part)" }
        }
        return out
    }

    struct RawNumber { let text: String }

    static func setting(_ node: Any, _ path: ArraySlice<String>, to value: RawNumber) -> Any {
        guard let key = path.first else { return value }
        if var list = node as? [Any], let index = Int(key) {
            list[index] = setting(list[index], path.dropFirst(), to: value)
            return list
        }
        var object = node as? [String: Any] ?? [:]
        object[key] = setting(object[key] ?? [String: Any](), path.dropFirst(), to: value)
        return object
    }

    /// Flow-style YAML with keys sorted, so a draw gives the same text every time.
    static func yaml(_ node: Any) -> String {
        switch node {
        case let number as RawNumber: return number.text
        case let number as Int: return String(number)
        case let text as String: return "\"\(text)\""
        case let list as [Any]: return "[" + list.map(yaml).joined(separator: ", ") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\($0): \(yaml(object[$0]!))" }.joined(separator: ", ") + "}"
        default: return "\(node)"
        }
    }
}
