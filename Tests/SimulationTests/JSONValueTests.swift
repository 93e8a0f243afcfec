import Testing

@testable import VoiceSim

@Suite("JSON rendering")
struct JSONValueTests {
    @Test("Strings escape quotes, backslashes and control characters, and keep everything else as written")
    func escaping() {
        let text = "plain \"quoted\" back\\slash\nline\rreturn\ttab \u{01}\u{1F}\u{7F} é 😀 \u{2028}end"
        let expected = #""plain \"quoted\" back\\slash\nline\rreturn\ttab \u0001\u001f"# + "\u{7F} é 😀 \u{2028}end\""
        #expect(JSONValue.string(text).rendered() == expected)
        #expect(JSONValue.string("").rendered() == "\"\"")
        #expect(JSONValue.string("\"").rendered() == #""\"""#)
        #expect(JSONValue.string("\u{0}x\u{0}").rendered() == #""\u0000x\u0000""#)
        #expect(JSONValue.object([("a\"b\n", .int(1))]).rendered(indent: nil) == #"{"a\"b\n":1}"#)
    }

    @Test("Pretty and compact layouts, empty containers on one line")
    func layout() {
        let value = JSONValue.object([
            ("list", .array([.int(1), .array([]), .object([("x", .null)])])),
            ("empty", .object([])),
            ("number", .number(1.25, decimals: 1)),
            ("flag", .bool(false)),
        ])
        #expect(value.rendered(indent: nil) == #"{"list":[1,[],{"x":null}],"empty":{},"number":1.3,"flag":false}"#)
        #expect(
            value.rendered() == """
                {
                  "list": [
                    1,
                    [],
                    {
                      "x": null
                    }
                  ],
                  "empty": {},
                  "number": 1.3,
                  "flag": false
                }
                """)
    }
}
