import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import ProviderWire
import VoiceCore

/// ElevenLabs stream-input synthesis: one WebSocket per response.
///
/// `.start` opens the socket and sends BOS; `.text` goes through `ElevenLabsTextChunker`
/// (chunks end with a space); `.flush` sends the rest with `flush: true`, then EOS, after
/// which ElevenLabs sends the last audio and `isFinal`. `.cancel` closes the socket at once
/// (1000, "cancelled"), before or after EOS, while audio is still due: the provider sees the
/// cancel. Audio and alignment pass
/// through `ElevenLabsAudioAssembler`. V1 `.synthesize` is a start, the whole text and a flush.
final class ElevenLabsTTS: Sendable {
    private enum Outbound: Sendable {
        case message(ElevenLabsClientMessage)
        case cancel
    }

    /// One response's socket; `assembler` is shared with the socket's reader.
    private final class Stream: Sendable {
        let responseID: UInt32
        let outbound: AsyncStream<Outbound>.Continuation
        let assembler: NIOLockedValueBox<ElevenLabsAudioAssembler>
        let chunker = NIOLockedValueBox(ElevenLabsTextChunker())
        let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

        init(responseID: UInt32, outbound: AsyncStream<Outbound>.Continuation) {
            self.responseID = responseID
            self.outbound = outbound
            assembler = NIOLockedValueBox(ElevenLabsAudioAssembler(responseID: responseID))
        }
    }

    private let endpoint: ProviderEndpoints.Endpoint
    private let options: ElevenLabsStreamOptions
    private let maxFrameBytes: Int
    private let gate: EventGate
    private let logger: Logger
    private let streams = NIOLockedValueBox<[Stream]>([])

    init(endpoint: ProviderEndpoints.Endpoint, options: ElevenLabsStreamOptions, maxFrameBytes: Int, gate: EventGate,
         logger: Logger) {
        self.endpoint = endpoint
        self.options = options
        self.maxFrameBytes = maxFrameBytes
        self.gate = gate
        self.logger = logger
    }

    func handle(_ command: TTSCommand) {
        switch command {
        case .start(let responseID):
            start(responseID)
        case .text(let responseID, let text):
            guard let stream = stream(responseID) else { return }
            stream.assembler.withLockedValue { $0.noteSent(text) }
            if let chunk = stream.chunker.withLockedValue({ $0.add(text) }) {
                stream.outbound.yield(.message(.text(chunk, flush: false)))
            }
        case .flush(let responseID):
            guard let stream = stream(responseID) else { return }
            let rest = stream.chunker.withLockedValue { $0.flush() }
            stream.outbound.yield(.message(rest.map { .text($0, flush: true) } ?? .flush))
            stream.outbound.yield(.message(.endOfStream))
            // The outbound stays open: a barge-in after EOS must still reach ElevenLabs as a
            // close, or it would go on synthesising (and billing) audio nobody will play.
        case .cancel(let responseID):
            guard let stream = remove(responseID) else { return }
            // The response is over for the core: nothing of it may be reported any more.
            stream.assembler.withLockedValue { $0.cancel() }
            stream.outbound.yield(.cancel)
            stream.outbound.finish()
        case .synthesize(let responseID, let text):
            handle(.start(responseID: responseID))
            handle(.text(responseID: responseID, text: text))
            handle(.flush(responseID: responseID))
        }
    }

    func shutdown() async {
        let all = streams.withLockedValue { list in
            defer { list.removeAll() }
            return list
        }
        for stream in all {
            stream.outbound.finish()
            stream.task.withLockedValue { $0?.cancel() }
        }
        for stream in all { await stream.task.withLockedValue { $0 }?.value }
    }

    private func stream(_ responseID: UInt32) -> Stream? {
        streams.withLockedValue { list in list.first { $0.responseID == responseID } }
    }

    private func remove(_ responseID: UInt32) -> Stream? {
        streams.withLockedValue { list in
            guard let index = list.firstIndex(where: { $0.responseID == responseID }) else { return nil }
            return list.remove(at: index)
        }
    }

    private func start(_ responseID: UInt32) {
        if let old = remove(responseID) {
            old.outbound.yield(.cancel)
            old.outbound.finish()
        }
        let (outboundStream, continuation) = AsyncStream<Outbound>.makeStream()
        let stream = Stream(responseID: responseID, outbound: continuation)
        continuation.yield(.message(.beginOfStream(ElevenLabsVoiceSettings())))
        var headers = HTTPFields()
        headers[HTTPField.Name(ElevenLabsStreamOptions.apiKeyHeader)!] = endpoint.apiKey
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: maxFrameBytes, additionalHeaders: headers, closeTimeout: .seconds(2))
        let url = options.url(base: endpoint.baseURL)
        let (gate, logger) = (gate, logger)
        streams.withLockedValue { $0.append(stream) }
        let task = Task {
            await ElevenLabsTTS.run(
                url: url, configuration: configuration, outbound: outboundStream, stream: stream, gate: gate,
                logger: logger)
            self.streams.withLockedValue { $0.removeAll { $0 === stream } }
        }
        stream.task.withLockedValue { $0 = task }
    }

    private static func run(
        url: String, configuration: WebSocketClientConfiguration, outbound outboundStream: AsyncStream<Outbound>,
        stream: Stream, gate: EventGate, logger: Logger
    ) async {
        @Sendable func report(_ events: [TTSEvent]) { gate.emit(events.map { .tts($0) }) }
        do {
            let close = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        for await item in outboundStream {
                            switch item {
                            case .message(let message): try await outbound.write(.text(message.encoded))
                            case .cancel:
                                try await outbound.close(.normalClosure, reason: "cancelled")
                                return false
                            }
                        }
                        return false
                    }
                    group.addTask {
                        for try await message in inbound.messages(maxSize: configuration.maxFrameSize) {
                            guard case .text(let text) = message else { continue }
                            do {
                                let decoded = try ElevenLabsServerMessage(decoding: text)
                                report(stream.assembler.withLockedValue { $0.consume(decoded) })
                            } catch let error as ProviderWireError {
                                report(stream.assembler.withLockedValue { $0.malformed(error) })
                                try await outbound.close(.unacceptableData, reason: "undecodable message")
                                return true
                            }
                        }
                        return true
                    }
                    while let readerDone = try await group.next() {
                        if readerDone {
                            group.cancelAll()
                            break
                        }
                    }
                }
            }
            let code = close.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }
            report(stream.assembler.withLockedValue { $0.closed(code: code, reason: close?.reason) })
        } catch {
            if Task.isCancelled { return }
            report(stream.assembler.withLockedValue { $0.closed(code: nil, reason: "\(error)") })
        }
    }
}
