import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ProviderWire
import VoiceCore
import VoiceSim

/// An Anthropic Messages server (`POST /v1/messages`, streaming) that answers with the
/// simulator's `LLMModel`.
///
/// It checks `x-api-key` and `anthropic-version`, reads the body with `AnthropicRequest`,
/// and streams `message_start`, `content_block_start`, `ping`, one `text_delta` per model
/// token at the model's time (time to first token, then the profile's token rate),
/// `content_block_stop`, `message_delta` (output tokens) and `message_stop`. The reply and
/// its timing are a pure function of the seed and the conversation (the model is seeded
/// with both), so a retry of the same request gets the same answer. Faults: HTTP 529/429
/// refusals and an `error` event mid-stream, by request number.
struct LLMStandIn: Sendable {
    let configuration: StandInConfiguration
    let log: StandInLog
    private let requests = NIOLockedValueBox(0)
    static let bodyBytesMax = 1 << 20

    init(configuration: StandInConfiguration, log: StandInLog) {
        self.configuration = configuration
        self.log = log
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post(RouterPath(AnthropicRequest.path)) { request, _ -> Response in
            try await answer(request)
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        let arrived = ContinuousClock.now
        var request = request
        guard let key = request.headers[HTTPField.Name("x-api-key")!], !key.isEmpty else {
            return Self.error(401, type: "authentication_error", message: "x-api-key header is required")
        }
        guard request.headers[HTTPField.Name("anthropic-version")!] != nil else {
            return Self.error(400, type: "invalid_request_error", message: "anthropic-version header is required")
        }
        let number = requests.withLockedValue { count in
            count += 1
            return count
        }
        if let status = configuration.llm.refusal(number) {
            log.append(.llmRequest(request: number, status: status), at: arrived)
            return status == 529
                ? Self.error(529, type: "overloaded_error", message: "Overloaded")
                : Self.error(429, type: "rate_limit_error", message: "Number of requests has exceeded your rate limit")
        }
        let parsed: AnthropicRequest
        do {
            let body = try await request.collectBody(upTo: Self.bodyBytesMax)
            parsed = try AnthropicRequest(decodingBody: body.readableBytesView)
        } catch {
            log.append(.llmRequest(request: number, status: 400), at: arrived)
            return Self.error(400, type: "invalid_request_error", message: "\(error)")
        }
        guard parsed.stream else {
            log.append(.llmRequest(request: number, status: 400), at: arrived)
            return Self.error(400, type: "invalid_request_error", message: "the stand-in answers streaming requests only")
        }
        let conversation = parsed.messages.map { "\($0.role.rawValue):\($0.text)" }.joined(separator: "\n")
        var model = LLMModel(
            profile: configuration.profiles.llm, prng: PRNG(seed: StandInSeed.mix(configuration.seed, conversation)))
        let events = model.handle(
            .start(requestID: UInt32(truncatingIfNeeded: number), history: parsed.messages, stream: true), at: .zero,
            faults: .none)
        if case .failed(_, let reason)? = events.first?.event {
            log.append(.llmRequest(request: number, status: 500), at: arrived)
            return Self.error(500, type: "api_error", message: reason)
        }
        log.append(.llmRequest(request: number, status: 200), at: arrived)
        let messageID = "msg_" + StandInSeed.hex(StandInSeed.mix(configuration.seed, conversation))
        let errorAfter = configuration.llm.errorMidStream.first { $0.request == number }?.afterTokens
        let started = ContinuousClock.now
        let log = log
        let headers: HTTPFields = [.contentType: "text/event-stream", HTTPField.Name("request-id")!: "req_" + StandInSeed.hex(UInt64(number))]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var tokens = 0
                var ending = StandInEvent.Ending.clientClosed
                defer { log.append(.llmEnded(request: number, ending, tokens: tokens)) }
                func write(_ event: AnthropicStreamEvent) async throws {
                    try await writer.write(ByteBuffer(string: event.sseEvent.encoded))
                }
                let inputTokens = events.compactMap { entry -> UInt32? in
                    if case .done(_, let input, _) = entry.event { return input } else { return nil }
                }.first ?? 0
                try await write(.messageStart(id: messageID, model: parsed.model, inputTokens: inputTokens, outputTokens: 1))
                try await write(.contentBlockStart(index: 0))
                try await write(.ping)
                for (at, event) in events {
                    try await Task.sleep(until: started + .microseconds(at.micros), clock: .continuous)
                    switch event {
                    case .token(_, let text):
                        if tokens == errorAfter {
                            try await write(.error(AnthropicError(type: "overloaded_error", message: "Overloaded")))
                            ending = .fault("error mid-stream")
                            try await writer.finish(nil)
                            return
                        }
                        try await write(.textDelta(index: 0, text: text))
                        tokens += 1
                    case .done(_, _, let output):
                        try await write(.contentBlockStop(index: 0))
                        try await write(.messageDelta(stopReason: "end_turn", outputTokens: output))
                        try await write(.messageStop)
                        ending = .completed
                    case .failed(_, let reason):
                        try await write(.error(AnthropicError(type: "api_error", message: reason)))
                        ending = .fault(reason)
                    }
                }
                try await writer.finish(nil)
            })
    }

    /// An error response in the API's shape.
    static func error(_ status: Int, type: String, message: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: AnthropicError(type: type, message: message).body)))
    }
}
