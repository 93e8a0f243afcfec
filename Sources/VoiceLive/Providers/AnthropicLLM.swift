import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import ProviderWire
import VoiceCore

/// The Anthropic Messages API, streaming: one HTTP request per `.start`, cancelled by `.cancel`.
///
/// The body is read as server-sent events through `SSEParser` and
/// `AnthropicStreamAssembler`. An HTTP error (429, 529, …) becomes `.failed` with the status
/// in its reason; retrying is the core's decision. V1 (`stream: false`) is streamed too and
/// reported as one token holding the whole reply, then `.done`.
final class AnthropicLLM: Sendable {
    private let endpoint: ProviderEndpoints.Endpoint
    private let settings: ProviderSettings
    private let client: HTTPClient
    private let gate: EventGate
    private let logger: Logger
    private let requests = NIOLockedValueBox<[(id: UInt32, task: Task<Void, Never>)]>([])
    /// Largest error body read from a failed response.
    static let errorBodyBytesMax = 64 * 1024
    /// Longest a request may take, first byte to last.
    static let requestTimeout = TimeAmount.seconds(120)

    init(endpoint: ProviderEndpoints.Endpoint, settings: ProviderSettings, client: HTTPClient, gate: EventGate,
         logger: Logger) {
        self.endpoint = endpoint
        self.settings = settings
        self.client = client
        self.gate = gate
        self.logger = logger
    }

    func handle(_ command: LLMCommand) {
        switch command {
        case .start(let requestID, let history, let stream):
            let body = AnthropicRequest(
                model: settings.anthropicModel, maxTokens: settings.maxTokens, system: settings.systemPrompt,
                messages: history
            ).body
            var request = HTTPClientRequest(url: endpoint.baseURL.trimmingTrailingSlashes + AnthropicRequest.path)
            request.method = .POST
            for header in AnthropicRequest.headers(apiKey: endpoint.apiKey) {
                request.headers.add(name: header.name, value: header.value)
            }
            request.body = .bytes(ByteBuffer(string: body))
            let (client, gate, logger) = (client, gate, logger)
            let task = Task {
                await AnthropicLLM.run(
                    request, requestID: requestID, streamed: stream, client: client, gate: gate, logger: logger)
            }
            requests.withLockedValue { $0.append((requestID, task)) }
            task.onEnd { [weak self] in self?.forget(requestID) }
        case .cancel(let requestID):
            let cancelled = requests.withLockedValue { list in
                let matching = list.filter { $0.id == requestID }
                list.removeAll { $0.id == requestID }
                return matching
            }
            for request in cancelled { request.task.cancel() }
        }
    }

    func shutdown() async {
        let all = requests.withLockedValue { list in
            defer { list.removeAll() }
            return list
        }
        for request in all { request.task.cancel() }
        for request in all { await request.task.value }
    }

    private func forget(_ requestID: UInt32) {
        requests.withLockedValue { $0.removeAll { $0.id == requestID } }
    }

    private static func run(
        _ request: HTTPClientRequest, requestID: UInt32, streamed: Bool, client: HTTPClient, gate: EventGate,
        logger: Logger
    ) async {
        var assembler = AnthropicStreamAssembler(requestID: requestID)
        var parser = SSEParser()
        var wholeReply = ""
        func report(_ events: [LLMEvent]) {
            guard !Task.isCancelled else { return }
            if streamed {
                gate.emit(events.map { .llm($0) })
                return
            }
            // V1: the reply arrives whole.
            for event in events {
                switch event {
                case .token(_, let text): wholeReply += text
                case .done:
                    gate.emit([.llm(.token(requestID: requestID, text: wholeReply)), .llm(event)])
                case .failed: gate.emit([.llm(event)])
                }
            }
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: requestTimeout, logger: logger)
        } catch {
            report(assembler.requestFailed("\(error)"))
            return
        }
        let requestHeader = response.headers.first(name: "request-id")
        /// Names the request once: at `message_start`, or at once for a refusal (429/529 carry a request-id too).
        func identify() {
            let ids = [("message.id", assembler.messageID), ("request-id", requestHeader)].compactMap { name, value in
                value.map { (name: name, value: $0) }
            }
            guard !ids.isEmpty, !Task.isCancelled else { return }
            gate.identify(ProviderRequestID(provider: .anthropic, served: "llm request \(requestID)", ids: ids))
        }
        guard response.status == .ok else {
            identify()
            let body = (try? await response.body.collect(upTo: errorBodyBytesMax)) ?? ByteBuffer()
            report(assembler.httpFailure(status: Int(response.status.code), body: body.readableBytesView))
            return
        }
        var identified = false
        do {
            for try await buffer in response.body {
                for event in try parser.feed(buffer.readableBytesView) {
                    report(assembler.consume(try AnthropicStreamEvent(decoding: event)))
                    if !identified && assembler.messageID != nil {
                        identified = true
                        identify()
                    }
                }
                if assembler.isFinished { return }
            }
            report(assembler.endOfStream())
        } catch let error as ProviderWireError {
            report(assembler.malformed(error))
        } catch {
            report(assembler.endOfStream(error: "\(error)"))
        }
    }
}

extension Task where Success == Void, Failure == Never {
    /// Runs `body` once the task has finished.
    func onEnd(_ body: @escaping @Sendable () -> Void) {
        Task<Void, Never> {
            await self.value
            body()
        }
    }
}

extension String {
    /// The string without trailing slashes (base URLs with or without one).
    var trimmingTrailingSlashes: String {
        var text = Substring(self)
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}
