import Foundation
import ProviderWire
import Testing
import VoiceCore

/// A streamed reply in the shape the Messages API sends (docs' example, two deltas).
private let streamFixture = """
    event: message_start
    data: {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message",\
    "role":"assistant","content":[],"model":"claude-haiku-4-5","stop_reason":null,"stop_sequence":null,\
    "usage":{"input_tokens":472,"output_tokens":1}}}

    event: content_block_start
    data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

    event: ping
    data: {"type": "ping"}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Sure, a table"}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" for two — at séven."}}

    event: content_block_stop
    data: {"type":"content_block_stop","index":0}

    event: message_delta
    data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}}

    event: message_stop
    data: {"type":"message_stop"}


    """

private func parseWhole(_ text: String) throws -> [SSEEvent] {
    var parser = SSEParser()
    return try parser.feed(Array(text.utf8))
}

@Suite("Anthropic Messages streaming codec")
struct AnthropicCodecTests {
    @Test("The request body holds model, max_tokens, the system prompt and the history, streaming")
    func requestBody() throws {
        let history = [
            ConversationTurn(role: .user, text: "Book a table"), ConversationTurn(role: .assistant, text: ""),
            ConversationTurn(role: .assistant, text: "For how many?"), ConversationTurn(role: .user, text: "Two \"people\""),
        ]
        let request = AnthropicRequest(model: "claude-haiku-4-5", maxTokens: 300, system: "Be brief.", messages: history)
        #expect(
            request.body
                == #"{"max_tokens":300,"messages":[{"content":"Book a table","role":"user"},"#
                + #"{"content":"For how many?","role":"assistant"},{"content":"Two \"people\"","role":"user"}],"#
                + #""model":"claude-haiku-4-5","stream":true,"system":"Be brief."}"#)
        #expect(try AnthropicRequest(decodingBody: Array(request.body.utf8)) == request)
        #expect(
            AnthropicRequest.headers(apiKey: "k").map(\.name)
                == ["x-api-key", "anthropic-version", "content-type", "accept"])
    }

    @Test("A body with content blocks reads as their text; a bad role is named")
    func requestBodyBlocks() throws {
        let body = #"""
            {"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":[\#
            {"type":"text","text":"Hello "},{"type":"image","source":{}},{"type":"text","text":"there"}]}]}
            """#
        let request = try AnthropicRequest(decodingBody: Array(body.utf8))
        #expect(request.messages == [ConversationTurn(role: .user, text: "Hello there")])
        #expect(request.system == nil && request.stream)
        #expect(throws: ProviderWireError(.anthropic, "request body: messages[0].role `system` is not user or assistant")) {
            try AnthropicRequest(decodingBody: Array(#"{"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]}"#.utf8))
        }
        #expect(throws: ProviderWireError(.anthropic, "request body: field `max_tokens` is missing")) {
            try AnthropicRequest(decodingBody: Array(#"{"model":"m","messages":[]}"#.utf8))
        }
    }

    @Test("The SSE parser gives the same events whatever byte the input is split at")
    func sseSplitAtEveryByte() throws {
        let bytes = Array(streamFixture.utf8)
        let whole = try parseWhole(streamFixture)
        #expect(whole.count == 8)
        #expect(whole.map(\.name) == [
            "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop",
        ])
        for split in 0...bytes.count {
            var parser = SSEParser()
            let events = try parser.feed(bytes[..<split]) + parser.feed(bytes[split...])
            #expect(events == whole, "split at byte \(split)")
            #expect(!parser.hasPartialEvent)
        }
        var byteByByte = SSEParser()
        var events: [SSEEvent] = []
        for byte in bytes { events += try byteByByte.feed([byte]) }
        #expect(events == whole)
    }

    @Test("CRLF and CR line endings, comments, multi-line data, a BOM and an unterminated event")
    func sseLineRules() throws {
        let crlf = "\u{FEFF}: comment\r\nevent: a\r\ndata: one\r\ndata:two\r\n\r\nevent: b\rdata: x\r\rdata: lost"
        let expected = [SSEEvent(name: "a", data: "one\ntwo"), SSEEvent(name: "b", data: "x")]
        let bytes = Array(crlf.utf8)
        for split in 0...bytes.count {
            var parser = SSEParser()
            let events = try parser.feed(bytes[..<split]) + parser.feed(bytes[split...])
            #expect(events == expected, "split at byte \(split)")
            #expect(parser.hasPartialEvent)
        }
        #expect(try parseWhole("event: empty\n\n").isEmpty)
        #expect(SSEEvent(name: "x", data: "1\n2").encoded == "event: x\ndata: 1\ndata: 2\n\n")
    }

    @Test("A streamed reply becomes tokens, then done with input usage and the last cumulative output usage")
    func streamToEvents() throws {
        var assembler = AnthropicStreamAssembler(requestID: 7)
        let events = try parseWhole(streamFixture).flatMap { assembler.consume(try AnthropicStreamEvent(decoding: $0)) }
        #expect(
            events == [
                .token(requestID: 7, text: "Sure, a table"), .token(requestID: 7, text: " for two — at séven."),
                .done(requestID: 7, inputTokens: 472, outputTokens: 12),
            ])
        #expect(assembler.messageID == "msg_01XFDUDYJgAACzvnptvVoYEL")
        #expect(assembler.endOfStream().isEmpty)
    }

    @Test("An error event inside a 200 response fails the request with its type, and nothing follows")
    func midStreamError() throws {
        let text = streamFixture.replacingOccurrences(
            of: "event: content_block_stop",
            with: "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\nevent: content_block_stop")
        var assembler = AnthropicStreamAssembler(requestID: 3)
        let events = try parseWhole(text).flatMap { assembler.consume(try AnthropicStreamEvent(decoding: $0)) }
        #expect(
            events == [
                .token(requestID: 3, text: "Sure, a table"), .token(requestID: 3, text: " for two — at séven."),
                .failed(requestID: 3, reason: "anthropic: mid-stream overloaded_error: Overloaded"),
            ])
    }

    @Test("HTTP 529 and 429 fail with the status and the error body; a stream cut short fails")
    func httpErrors() {
        var overloaded = AnthropicStreamAssembler(requestID: 1)
        let body = AnthropicError(type: "overloaded_error", message: "Overloaded").body
        #expect(body == #"{"error":{"message":"Overloaded","type":"overloaded_error"},"type":"error"}"#)
        #expect(
            overloaded.httpFailure(status: 529, body: Array(body.utf8))
                == [.failed(requestID: 1, reason: "anthropic: HTTP 529 overloaded_error: Overloaded")])
        var limited = AnthropicStreamAssembler(requestID: 2)
        #expect(
            limited.httpFailure(status: 429, body: Array("<html>too many</html>".utf8))
                == [.failed(requestID: 2, reason: "anthropic: HTTP 429")])
        var cut = AnthropicStreamAssembler(requestID: 4)
        _ = cut.consume(.textDelta(index: 0, text: "Hi"))
        #expect(
            cut.endOfStream(error: "connection reset")
                == [.failed(requestID: 4, reason: "anthropic: stream ended before message_stop (connection reset)")])
    }

    @Test("Every event survives the server-side encoder; unknown events and deltas are kept apart")
    func encoderRoundTrip() throws {
        let events: [AnthropicStreamEvent] = [
            .messageStart(id: "msg_1", model: "m", inputTokens: 10, outputTokens: 1), .contentBlockStart(index: 0),
            .ping, .textDelta(index: 0, text: "a \"quoted\"\nline"), .otherDelta(index: 1, type: "thinking_delta"),
            .contentBlockStop(index: 0), .messageDelta(stopReason: "end_turn", outputTokens: 9),
            .messageDelta(stopReason: nil, outputTokens: 2), .messageStop,
            .error(AnthropicError(type: "api_error", message: "boom")), .unknown(name: "future_event"),
        ]
        let text = events.map(\.sseEvent.encoded).joined()
        let decoded = try parseWhole(text).map { try AnthropicStreamEvent(decoding: $0) }
        #expect(decoded == events)
    }

    @Test("Broken events name what is wrong")
    func badEvents() {
        #expect(throws: ProviderWireError(.anthropic, "content_block_delta event: field `delta.text` is missing")) {
            try AnthropicStreamEvent(
                decoding: SSEEvent(name: "content_block_delta", data: #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta"}}"#))
        }
        #expect(throws: ProviderWireError(.anthropic, "message_start event: field `message` is missing")) {
            try AnthropicStreamEvent(decoding: SSEEvent(name: "message_start", data: #"{"type":"message_start"}"#))
        }
        #expect(throws: ProviderWireError(.anthropic, "message event: not valid JSON")) {
            try AnthropicStreamEvent(decoding: SSEEvent(name: nil, data: "nope"))
        }
    }
}
