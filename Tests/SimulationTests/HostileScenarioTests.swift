import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Hostile scenario files")
struct HostileScenarioTests {
    static func error(_ text: String, fileName: String = "bad.yaml") -> ScenarioError? {
        ScenarioParsingTests.error(text, fileName: fileName)
    }

    static let minimalJSON = """
        {
          "name": "tiny",
          "durationMs": 10000,
          "users": [{"utterances": [{"text": "hello", "atMs": 500}]}]
        }
        """

    @Test("A 342-byte alias bomb is refused at its first anchor, before any alias is expanded")
    func aliasBomb() {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (level, previous) in zip("bcdefghi", "abcdefgh") {
            bomb += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        // 9^9 "lol"s once expanded: visiting them would take minutes and gigabytes.
        let error = Self.error(bomb)
        #expect(error?.reason.contains("anchors and aliases are not supported") == true, "\(String(describing: error))")
        #expect(error?.line == 1)
        let aliasOnly = ScenarioParsingTests.minimal.replacingOccurrences(of: "text: \"hello\"", with: "text: &t \"hello\"")
        #expect(Self.error(aliasOnly)?.line == 5)
    }

    @Test("YAML 1.1 base-60 and octal numbers are refused with a hint; quoted, they are text")
    func yaml11Numbers() throws {
        let sexagesimal = Self.error(ScenarioParsingTests.minimal.replacingOccurrences(of: "atMs: 500", with: "atMs: 1:30"))
        #expect(sexagesimal?.reason.contains("base-60") == true, "\(String(describing: sexagesimal))")
        #expect(sexagesimal?.reason.contains("90") == true)
        #expect(sexagesimal?.line == 6)
        let octal = Self.error(ScenarioParsingTests.minimal.replacingOccurrences(of: "atMs: 500", with: "atMs: 0777"))
        #expect(octal?.reason.contains("leading zero") == true, "\(String(describing: octal))")
        let binary = Self.error(ScenarioParsingTests.minimal.replacingOccurrences(of: "atMs: 500", with: "atMs: 0b101"))
        #expect(binary?.reason.contains("binary") == true, "\(String(describing: binary))")
        let quoted = try Scenario.parse(ScenarioParsingTests.minimal.replacingOccurrences(of: "\"hello\"", with: "\"1:30\""))
        #expect(quoted.users[0].utterances[0].text == "1:30")
        let plainZero = try Scenario.parse(ScenarioParsingTests.minimal.replacingOccurrences(of: "atMs: 500", with: "atMs: 0"))
        #expect(plainZero.users[0].utterances[0].start == .at(Instant(micros: 0)))
    }

    @Test("JSON: duplicate keys and trailing commas are refused with their line")
    func strictJSON() throws {
        #expect(try Scenario.parse(Self.minimalJSON, fileName: "ok.json").name == "tiny")
        let duplicate = Self.error(
            Self.minimalJSON.replacingOccurrences(of: "\"durationMs\": 10000,", with: "\"durationMs\": 10000,\n\"name\": \"again\","),
            fileName: "x.json")
        #expect(duplicate?.reason == "invalid JSON: duplicate key \"name\" (first on line 2)", "\(String(describing: duplicate))")
        #expect(duplicate?.line == 4)
        let objectComma = Self.error(Self.minimalJSON.replacingOccurrences(of: "500}]}]", with: "500,}]}]"), fileName: "x.json")
        #expect(objectComma?.reason == "invalid JSON: trailing comma before '}'")
        #expect(objectComma?.line == 4)
        let listComma = Self.error(Self.minimalJSON.replacingOccurrences(of: "500}]}]", with: "500}]},]"), fileName: "x.json")
        #expect(listComma?.reason == "invalid JSON: trailing comma before ']'")
        let trailing = Self.error(Self.minimalJSON + "\n}", fileName: "x.json")
        #expect(trailing?.line == 6)
        let deep = Self.error(String(repeating: "[", count: 100_000), fileName: "x.json")
        #expect(deep?.reason.contains("nested deeper") == true)
    }

    @Test("JSON: an integer of 2^63 or more is refused as written, never wrapped negative; field errors have lines")
    func hugeJSONIntegers() {
        let huge = Self.error(
            Self.minimalJSON.replacingOccurrences(of: "10000", with: "9223372036854775808"), fileName: "x.json")
        #expect(huge?.path == "durationMs")
        #expect(huge?.reason == "expected a positive integer (milliseconds), found 9223372036854775808")
        #expect(huge?.line == 3)
        let seed = Self.error(
            Self.minimalJSON.replacingOccurrences(of: "\"name\": \"tiny\",", with: "\"name\": \"tiny\", \"seed\": 18446744073709551616,"),
            fileName: "x.json")
        #expect(seed?.path == "seed")
        #expect(seed?.reason.hasSuffix("found 18446744073709551616") == true, "\(String(describing: seed))")
    }

    @Test("Sizes past the documented limits are refused at the field, with its line")
    func limits() {
        let longRun = Self.error(ScenarioParsingTests.minimal.replacingOccurrences(of: "durationMs: 10000", with: "durationMs: 86400001"))
        #expect(longRun?.path == "durationMs")
        #expect(longRun?.line == 2)
        #expect(throws: Never.self) {
            try Scenario.parse(ScenarioParsingTests.minimal.replacingOccurrences(of: "durationMs: 10000", with: "durationMs: 86400000"))
        }
        let user = "  - utterances: [{text: hi, atMs: 1}]\n"
        let crowd = "name: crowd\ndurationMs: 1000\nusers:\n" + String(repeating: user, count: ScenarioLimits.usersMax + 1)
        let tooMany = Self.error(crowd)
        #expect(tooMany?.path == "users")
        #expect(tooMany?.reason == "at most 1000 entries, found 1001")
        let chatter = "name: chatter\ndurationMs: 1000\nusers:\n  - utterances:\n"
            + String(repeating: "      - {text: hi, afterPreviousMs: 1}\n", count: ScenarioLimits.utterancesPerUserMax + 1)
        #expect(Self.error(chatter)?.path == "users[0].utterances")
        let essay = ScenarioParsingTests.minimal.replacingOccurrences(
            of: "\"hello\"", with: "\"" + String(repeating: "a", count: ScenarioLimits.utteranceTextBytesMax + 1) + "\"")
        #expect(Self.error(essay)?.path == "users[0].utterances[0].text")
    }

    @Test("bandwidthBytesPerSecond: Int64.max is refused in a file, and cannot trap a link built in code")
    func bandwidthOverflow() {
        let file = Self.error(ScenarioParsingTests.minimal + "\nnetwork: {up: {bandwidthBytesPerSecond: 9223372036854775807}}\n")
        #expect(file?.path == "network.up.bandwidthBytesPerSecond")
        #expect(file?.line == 7)
        var link = Link(profile: LinkProfile(bandwidthBytesPerSecond: .max, retransmitMicros: .max), prng: PRNG(seed: 1))
        for sent in [Instant(micros: 0), Instant(micros: .max - 10)] {
            guard case .deliverAt(let time) = link.deliveryTime(sentAt: sent, bytes: Int(Int32.max), faults: .none) else {
                Issue.record("expected a delivery")
                continue
            }
            #expect(time >= sent)
        }
    }
}
