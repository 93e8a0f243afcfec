import Testing
import Yams

@testable import VoiceSim

@Suite("YAML 1.1 scalars resolved by hand, as Yams' regular expressions resolve them")
struct YAML11ResolverTests {
    /// Every alternative of every rule in Yams' `Resolver.default`, and the near misses at
    /// each of their edges.
    static let written = [
        "yes", "Yes", "YES", "yEs", "no", "No", "NO", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE",
        "on", "On", "ON", "oN", "off", "Off", "OFF", "y", "n", "yes please", " yes", "yes ",
        "", "~", "~~", "null", "Null", "NULL", "nULL", "nil", "None",
        "0", "-0", "+0", "00", "0_", "07", "08", "017", "0777", "0o17", "0o", "0o8", "-0o17", "0b101", "0b", "0b2",
        "-0b1", "0x1F", "0x1f", "-0x1F", "+0x1F", "0x", "0xg", "0x_1", "0X1F", "1_000", "1__", "_1", "+12", "-12",
        "12a", "1:30", "1:60", "1:5", "1:05", "1:5:7", "190:20:30", "1:", ":30", "01:30", "-1:30", "1:30:",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999",
        "1.5", "1.", ".5", "._", ".", "..5", "1.5.5", "0.5", "00.5", "01.5", "1_0.5_", "-1.5", "+1.5", "1e5",
        "1e+5", "1E-5", "1.5e3", "1.5e", "1.5e+", "e5", ".5e+3", ".5e3", ".5E-3", "-.5", "+.5", "1:30.5",
        "1:30.", "-1:30.5", "1:3a.5", "1:30.5.5", "1:70.5", ".inf", ".Inf", ".INF", ".iNf", "-.inf", "+.inf",
        "inf", ".nan", ".NaN", ".NAN", "-.nan", "+.nan", "nan",
        "<<", "=", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "abc",
        "١٢٣", "v2-nominal", "hello world", "12\n", "12\r\n", "yes\u{2028}", "\n", "~\u{85}", "12\n\n", "1.5\u{0C}",
        "12\n\u{301}",
    ]

    /// Every string of up to three characters over the characters the rules turn on.
    static let generated: [String] = {
        let alphabet: [String] = ["0", "1", "6", "b", "o", "x", "e", ".", ":", "_", "+", "-", "n", "f", "~"]
        var strings = alphabet
        var previous = alphabet
        for _ in 2...3 {
            previous = previous.flatMap { prefix in alphabet.map { prefix + $0 } }
            strings += previous
        }
        return strings
    }()

    /// What Yams' default resolver says, with the tags a scenario reads as text folded into `str`.
    static func yamsTag(_ text: String) -> Yams.Tag.Name {
        let tag = Resolver.default.resolveTag(of: Node(text))
        return [.merge, .timestamp, .value].contains(tag) ? .str : tag
    }

    @Test("Every form, and every short string of the characters involved, gets Yams' tag")
    func tagsMatchYams() {
        var disagreements: [String] = []
        for text in Self.written + Self.generated where YAML11Resolver.tag(ofPlain: text) != Self.yamsTag(text) {
            disagreements.append("\(text.debugDescription): \(YAML11Resolver.tag(ofPlain: text).rawValue) "
                + "but Yams \(Self.yamsTag(text).rawValue)")
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        // The generated strings reach every tag, so a resolver that said `str` to all would fail.
        let tags = Set(Self.generated.map(YAML11Resolver.tag(ofPlain:)))
        #expect(tags == [.bool, .int, .float, .null, .str])
    }

    @Test("Integers have Yams' values, overflow included, except the base-60 ones refused before")
    func integersMatchYams() {
        var disagreements: [String] = []
        var checked = 0
        for text in Self.written + Self.generated
        where YAML11Resolver.tag(ofPlain: text) == .int && YAML11Number.hint(text) == nil {
            checked += 1
            let yams = Int.construct(from: Node.Scalar(text, .implicit, .plain)).map(Int64.init)
            let mine = YAML11Resolver.integer(ofPlain: text)
            if mine != yams { disagreements.append("\(text.debugDescription): \(String(describing: mine)) but Yams \(String(describing: yams))") }
        }
        #expect(checked > 50, "only \(checked) integers checked")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    /// The value `text` gets as the value of a key in a YAML document, described by kind.
    static func value(_ text: String) throws -> String {
        let node = try ScenarioNode.parseYAML("key: \(text)\n")
        guard case .object(let pairs) = node.value, let value = pairs.first?.value.value else { return "not an object" }
        switch value {
        case .null: return "null"
        case .bool(let flag): return "bool \(flag)"
        case .integer(let number): return "integer \(number)"
        case .number(let written): return "number \(written)"
        case .string(let string): return "string \(string)"
        case .array: return "array"
        case .object: return "object"
        }
    }

    @Test("Scenario values: YAML 1.1 booleans, nulls and numbers; quoted or tagged text stays text")
    func scenarioValues() throws {
        let expected: [(String, String)] = [
            ("yes", "bool true"), ("No", "bool false"), ("on", "bool true"), ("OFF", "bool false"),
            ("true", "bool true"), ("False", "bool false"), ("~", "null"), ("null", "null"), ("", "null"),
            ("0", "integer 0"), ("1_000", "integer 1000"), ("0x1F", "integer 31"), ("-0x1F", "integer -31"),
            ("0o17", "integer 15"), ("+12", "integer 12"), ("-12", "integer -12"),
            ("9223372036854775807", "integer 9223372036854775807"),
            ("9223372036854775808", "number 9223372036854775808"), ("-0", "number -0"),
            ("1.5", "number 1.5"), ("1e5", "number 1e5"), (".inf", "number .inf"), ("-.inf", "number -.inf"),
            (".nan", "number .nan"), ("1_0.5", "number 1_0.5"),
            ("\"123\"", "string 123"), ("'yes'", "string yes"), ("\"~\"", "string ~"), ("!!str 12", "string 12"),
            ("!!str yes", "string yes"), ("!!int 12", "integer 12"), ("!!bool yes", "bool true"),
            ("!!null ''", "null"), ("<<", "string <<"), ("2001-12-14", "string 2001-12-14"), ("yes please", "string yes please"),
            ("v2-nominal", "string v2-nominal"), ("|\n  12\n", "string 12\n"),
        ]
        for (written, value) in expected {
            #expect(try Self.value(written) == value, "\(written)")
        }
    }

    @Test("Plain numbers YAML 1.1 reads differently from YAML 1.2 are still refused with a hint")
    func refusedNumbers() {
        for written in ["0777", "08", "0_1", "0b101", "-0b1", "1:30", "1:30.5"] {
            #expect(throws: ScenarioError.self, "\(written)") { try Self.value(written) }
        }
    }

    @Test("Keys stay text; a key written twice is refused, but not keys YAML 1.1 tells apart")
    func keys() throws {
        let node = try ScenarioNode.parseYAML("yes: 1\n12: 2\n~: 3\n")
        guard case .object(let pairs) = node.value else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.map(\.key) == ["yes", "12", "~"])
        #expect(throws: ScenarioError.self) { try ScenarioNode.parseYAML("a: 1\nb: 2\na: 3\n") }
        // A bool and a string to YAML 1.1, as they were before the resolver was by hand.
        let twoKeys = try ScenarioNode.parseYAML("yes: 1\n\"yes\": 2\n")
        guard case .object(let both) = twoKeys.value else {
            Issue.record("not an object")
            return
        }
        #expect(both.map(\.key) == ["yes", "yes"])
        // A message that quotes a key's nodes names the tags Yams' default resolver gives them.
        do {
            _ = try ScenarioNode.parseYAML("? [1, a]\n: 3\n")
            Issue.record("a list as a key was accepted")
        } catch {
            #expect(error.reason.hasPrefix("keys must be plain names, found sequence("))
            #expect(error.reason.contains("string: \"1\", tag: tag:yaml.org,2002:int"), "\(error.reason)")
            #expect(error.reason.contains("string: \"a\", tag: tag:yaml.org,2002:str"), "\(error.reason)")
        }
    }
}
