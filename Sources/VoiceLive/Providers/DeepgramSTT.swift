import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import ProviderWire
import VoiceCore

/// Deepgram live streaming over a WebSocket: one stream at a time, opened by `.open`.
///
/// Mic audio goes as binary PCM16 frames, `.keepalive` as `KeepAlive`, `.close` as
/// `CloseStream` (Deepgram flushes, sends `Metadata` and closes). Results pass through
/// `DeepgramTranscriptAssembler`. A failed connect or an error close is reported as
/// `.closed(error:)`; reopening is the core's decision. V1 REST transcription is not
/// offered live: `.transcribe` fails at once, naming why.
final class DeepgramSTT: Sendable {
    private enum Outbound: Sendable {
        case audio([UInt8])
        case control(DeepgramControl)
    }

    private struct Connection: Sendable {
        let outbound: AsyncStream<Outbound>.Continuation
        let task: Task<Void, Never>
    }

    private let endpoint: ProviderEndpoints.Endpoint
    private let options: DeepgramStreamOptions
    private let maxFrameBytes: Int
    private let gate: EventGate
    private let logger: Logger
    private let connection = NIOLockedValueBox<Connection?>(nil)

    init(endpoint: ProviderEndpoints.Endpoint, options: DeepgramStreamOptions, maxFrameBytes: Int,
         gate: EventGate, logger: Logger) {
        self.endpoint = endpoint
        self.options = options
        self.maxFrameBytes = maxFrameBytes
        self.gate = gate
        self.logger = logger
    }

    /// Carries out one command without waiting.
    func handle(_ command: STTCommand) {
        switch command {
        case .open:
            open()
        case .audio(_, let chunk):
            send(.audio(PCM16LE.bytes(chunk.samples)))
        case .keepalive:
            send(.control(.keepAlive))
        case .close:
            let current = connection.withLockedValue { current in
                defer { current = nil }
                return current
            }
            current?.outbound.yield(.control(.closeStream))
            current?.outbound.finish()
        case .transcribe(let requestID, _, _):
            gate.emit([.stt(.failed(requestID: requestID, reason: "deepgram: V1 REST transcription is not offered by the live adapters"))])
        }
    }

    /// Closes the stream without waiting for Deepgram and waits for its task to end.
    func shutdown() async {
        let current = connection.withLockedValue { current in
            defer { current = nil }
            return current
        }
        current?.outbound.finish()
        current?.task.cancel()
        await current?.task.value
    }

    private func send(_ item: Outbound) {
        connection.withLockedValue { _ = $0?.outbound.yield(item) }
    }

    private func open() {
        let (stream, continuation) = AsyncStream<Outbound>.makeStream()
        let url = options.url(base: endpoint.baseURL)
        var headers = HTTPFields()
        headers[.authorization] = "Token \(endpoint.apiKey)"
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: maxFrameBytes, additionalHeaders: headers, closeTimeout: .seconds(2))
        let gate = gate
        let logger = logger
        let task = Task {
            await DeepgramSTT.run(url: url, configuration: configuration, outbound: stream, gate: gate, logger: logger)
        }
        let previous = connection.withLockedValue { current in
            defer { current = Connection(outbound: continuation, task: task) }
            return current
        }
        // A new `.open` replaces a stream still open: Deepgram flushes the old one.
        previous?.outbound.yield(.control(.closeStream))
        previous?.outbound.finish()
    }

    private static func run(
        url: String, configuration: WebSocketClientConfiguration, outbound stream: AsyncStream<Outbound>,
        gate: EventGate, logger: Logger
    ) async {
        let assembler = NIOLockedValueBox(DeepgramTranscriptAssembler())
        do {
            let close = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                inbound, outbound, _ in
                gate.emit([.stt(.opened)])
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        for await item in stream {
                            switch item {
                            case .audio(let bytes): try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                            case .control(let control): try await outbound.write(.text(control.encoded))
                            }
                        }
                        return false
                    }
                    group.addTask {
                        var identified = false
                        for try await message in inbound.messages(maxSize: configuration.maxFrameSize) {
                            guard case .text(let text) = message else { continue }
                            let events: [STTEvent]
                            do {
                                let decoded = try DeepgramMessage(decoding: text)
                                if !identified, let requestID = decoded.requestID {
                                    identified = true
                                    gate.identify(ProviderRequestID(
                                        provider: .deepgram, served: "stt stream", ids: [("request_id", requestID)]))
                                }
                                events = assembler.withLockedValue { $0.consume(decoded) }
                            } catch {
                                events = assembler.withLockedValue { $0.closed(code: nil, reason: "\(error)") }
                                gate.emit(events.map { .stt($0) })
                                try await outbound.close(.unacceptableData, reason: "undecodable message")
                                return true
                            }
                            gate.emit(events.map { .stt($0) })
                        }
                        return true
                    }
                    // The stream ends when Deepgram closes; the writer may finish first (after
                    // `CloseStream`) and must not end the connection.
                    while let readerDone = try await group.next() {
                        if readerDone {
                            group.cancelAll()
                            break
                        }
                    }
                }
            }
            let code = close.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }
            gate.emit(assembler.withLockedValue { $0.closed(code: code, reason: close?.reason) }.map { .stt($0) })
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            gate.emit(assembler.withLockedValue { $0.closed(code: nil, reason: "\(error)") }.map { .stt($0) })
        }
    }
}

extension DeepgramMessage {
    /// The stream's `request_id`, carried by results and by the closing `Metadata`.
    fileprivate var requestID: String? {
        switch self {
        case .results(let results): results.requestID
        case .metadata(let metadata): metadata.requestID
        case .utteranceEnd, .speechStarted, .error, .unknown: nil
        }
    }
}
