import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ProviderWire
import VoiceCore
import VoiceSim

/// An ElevenLabs stream-input server (`/v1/text-to-speech/{voice}/stream-input`) that speaks
/// with the simulator's `TTSModel`.
///
/// It checks the `xi-api-key` header and `output_format=pcm_16000`, takes BOS, text chunks
/// and EOS, and sends each audio chunk the model makes at the time the model says, as base64
/// PCM with an alignment: the characters between the previous chunk's `textEnd` and this
/// one's, spread evenly over the chunk. EOS makes the model flush; `isFinal` follows the
/// last chunk, then a 1000 close. A `flush` only marks the text so far: the model already
/// speaks every word that a space completes. A client that closes before that close (before
/// EOS, or after it while audio is still due) is logged as a cancel. The model is seeded with the stand-in's seed and the first text received.
struct TTSStandIn: Sendable {
    let configuration: StandInConfiguration
    let log: StandInLog
    private let streams = NIOLockedValueBox(0)

    init(configuration: StandInConfiguration, log: StandInLog) {
        self.configuration = configuration
        self.log = log
    }

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.ws(
            "/v1/text-to-speech/:voice/stream-input",
            shouldUpgrade: { request, _ in
                guard let key = request.headers[HTTPField.Name(ElevenLabsStreamOptions.apiKeyHeader)!], !key.isEmpty else {
                    throw HTTPError(.unauthorized, message: "missing xi-api-key")
                }
                let options = try Self.options(request)
                guard options.outputFormat == ElevenLabsStreamOptions.pcm16000 else {
                    throw HTTPError(.badRequest, message: "the stand-in speaks pcm_16000 only, not \(options.outputFormat)")
                }
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                let options = try Self.options(context.request)
                let number = streams.withLockedValue { count in
                    count += 1
                    return count
                }
                try await serve(stream: number, options: options, inbound: inbound, outbound: outbound)
            })
    }

    private static func options(_ request: Request) throws -> ElevenLabsStreamOptions {
        do {
            let query = try URLQuery(parsing: Substring(request.uri.query ?? ""), provider: .elevenlabs)
            return try ElevenLabsStreamOptions(path: request.uri.path, query: query)
        } catch {
            throw HTTPError(.badRequest, message: "\(error)")
        }
    }

    /// A response being spoken: the model, the text received and what alignment has covered.
    private struct Speech {
        var model: TTSModel
        var text: [UInt8] = []
        var alignedEnd = 0
        var audioMessages = 0
    }

    private func serve(
        stream number: Int, options: ElevenLabsStreamOptions, inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter
    ) async throws {
        log.append(.ttsOpened(stream: number, voiceID: options.voiceID))
        let closeAfter = configuration.tts.closeWith1011.first { $0.stream == number }?.afterAudioMessages
        let errorAfter = configuration.tts.errorMidStream.first { $0.stream == number }?.afterAudioMessages
        let sender = ScheduledSender()
        let opened = ContinuousClock.now
        var speech: Speech?
        var ending: StandInEvent.Ending?
        var isFirst = true

        func elapsed() -> Instant { Instant(micros: (ContinuousClock.now - opened).micros) }
        /// Queues the model's events; false once the stream has ended (a fault or the end).
        func send(_ events: [(at: Instant, event: TTSEvent)]) -> Bool {
            for (at, event) in events {
                let due = opened + .microseconds(at.micros)
                switch event {
                case .audio(_, let chunk, let textEnd):
                    guard var current = speech else { return false }
                    let covered = current.text[current.alignedEnd..<Int(textEnd)]
                    current.alignedEnd = Int(textEnd)
                    current.audioMessages += 1
                    speech = current
                    let alignment = Self.alignment(String(decoding: covered, as: UTF8.self), micros: chunk.durationMicros)
                    sender.send(.text(ElevenLabsServerMessage.audio(samples: chunk.samples, alignment: alignment).encoded), at: due)
                    if current.audioMessages == errorAfter {
                        ending = .fault("error message")
                        sender.send(.text(ElevenLabsServerMessage.error("stand-in fault: generation failed").encoded), at: due)
                        sender.send(.close(.unexpectedServerError, reason: "generation failed"), at: due)
                        return false
                    }
                    if current.audioMessages == closeAfter {
                        ending = .fault("close 1011")
                        sender.send(.close(.unexpectedServerError, reason: "stand-in fault: internal error"), at: due)
                        return false
                    }
                case .done:
                    ending = .completed
                    sender.send(.text(ElevenLabsServerMessage.final.encoded), at: due)
                    sender.send(.close(.normalClosure, reason: ""), at: due)
                    return false
                case .failed(_, let reason):
                    ending = .fault(reason)
                    sender.send(.text(ElevenLabsServerMessage.error(reason).encoded), at: due)
                    sender.send(.close(.unexpectedServerError, reason: reason), at: due)
                    return false
                }
            }
            return true
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sender.run(outbound) }
            reading: for try await message in inbound.messages(maxSize: configuration.maxFrameBytes) {
                guard case .text(let text) = message, ending == nil else { continue }
                let decoded: ElevenLabsClientMessage
                do {
                    decoded = try ElevenLabsClientMessage(decoding: text, isFirst: isFirst)
                } catch {
                    ending = .fault("bad message")
                    sender.send(.text(ElevenLabsServerMessage.error("\(error)").encoded), at: .now)
                    sender.send(.close(.policyViolation, reason: "invalid message"), at: .now)
                    break reading
                }
                isFirst = false
                switch decoded {
                case .beginOfStream:
                    continue reading
                case .text(let chunk, let flush):
                    if flush && chunk.allSatisfy({ $0 == " " }) { continue reading }
                    if speech == nil {
                        var model = TTSModel(
                            profile: configuration.profiles.tts, prng: PRNG(seed: StandInSeed.mix(configuration.seed, chunk)))
                        _ = model.handle(.start(responseID: 1), at: elapsed(), faults: .none)
                        speech = Speech(model: model)
                    }
                    speech?.text.append(contentsOf: chunk.utf8)
                    let events = speech?.model.handle(.text(responseID: 1, text: chunk), at: elapsed(), faults: .none) ?? []
                    if !send(events) { break reading }
                case .endOfStream:
                    guard speech != nil else {
                        ending = .completed
                        sender.send(.text(ElevenLabsServerMessage.final.encoded), at: .now)
                        sender.send(.close(.normalClosure, reason: ""), at: .now)
                        continue reading
                    }
                    let events = speech?.model.handle(.flush(responseID: 1), at: elapsed(), faults: .none) ?? []
                    _ = send(events)
                    // Reading on until the client's close shows whether it heard the end or
                    // cancelled (closed) while audio was still due.
                    continue reading
                }
            }
            if ending == nil || (ending == .completed && !sender.reachedClose) {
                // The client went away (a cancel): nothing queued can reach it.
                ending = .clientClosed
            } else {
                sender.finish()
                _ = try? await group.next()
            }
            group.cancelAll()
        }
        log.append(.ttsEnded(stream: number, ending ?? .clientClosed, textBytes: speech?.text.count ?? 0))
    }

    /// The alignment of `text` spoken over `micros`: characters evenly spaced.
    static func alignment(_ text: String, micros: Int64) -> ElevenLabsAlignment? {
        let chars = text.map(String.init)
        guard !chars.isEmpty else { return nil }
        let totalMillis = Int(micros / 1_000)
        let starts = chars.indices.map { $0 * totalMillis / chars.count }
        let durations = chars.indices.map { ($0 + 1) * totalMillis / chars.count - $0 * totalMillis / chars.count }
        return ElevenLabsAlignment(chars: chars, charStartTimesMs: starts, charDurationsMs: durations)
    }
}

extension Duration {
    /// Whole microseconds.
    var micros: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
