import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Testing
import VoiceCore
import VoiceLive
import VoiceSim

/// Hostile and broken peers: each is refused or closed with its own code while the server
/// and the other sessions carry on.
@Suite("live server security and limits")
struct SecurityTests {
    static let logger: Logger = {
        var logger = Logger(label: "voicesim.tests")
        logger.logLevel = .critical
        return logger
    }()

    @Test("a connection without the token is refused before any session exists (HTTP 401, no upgrade)")
    func noToken() async throws {
        let directory = TemporaryDirectory()
        let state = try SessionStateStore(path: directory.path("state.sqlite"), now: 1_000_000, notify: { _ in })
        let server = try await TestServer.start(state: state)
        var upgradeError: (any Error)?
        do {
            try await WebSocketClient.connect(url: server.url, logger: SecurityTests.logger) { _, outbound, _ in
                try await outbound.write(.binary(ByteBuffer(bytes: WireFrame.encode(ClientMessage.hello(
                    userID: "intruder", pipeline: .v2)))))
            }
        } catch {
            upgradeError = error
        }
        #expect((upgradeError as? WebSocketClientError) == .webSocketUpgradeFailed)
        let wrong = try await SecurityTests.httpStatus("http://127.0.0.1:\(server.port)/api/voice-v2?token=wrong")
        #expect(wrong == 401)
        let health = try await SecurityTests.httpStatus("http://127.0.0.1:\(server.port)/health")
        #expect(health == 200)
        #expect(server.server.sessionCount == 0)
        #expect(await state.snapshot(userID: "intruder").callsToday == 0)
        try await server.stop()
    }

    @Test("an oversized frame, a garbage frame and a flood are each closed with an error while a healthy call finishes its turn")
    func badPeers() async throws {
        let speech = TestSpeech([("are you still there", 300)], durationMs: 4_000)
        let server = try await TestServer.start(
            limits: ServerLimits(messagesPerSecondMax: 100))
        let url = server.url + "?token=\(TestServer.token)"
        async let healthy = server.call(speech.mic, maxSeconds: 15)
        async let garbage = SecurityTests.closeCode(url) { outbound in
            try await outbound.write(.binary(ByteBuffer(bytes: Array("GET / HTTP/1.1 garbage".utf8))))
        }
        async let oversized = SecurityTests.closeCode(url) { outbound in
            let bytes = [UInt8](repeating: 0x41, count: WireFrame.headerBytes + WireFrame.payloadBytesMax + 1)
            try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
        }
        async let flood = SecurityTests.closeCode(url) { outbound in
            try await outbound.write(.binary(ByteBuffer(bytes: WireFrame.encode(ClientMessage.hello(
                userID: "flooder", pipeline: .v2)))))
            for nonce in 0..<1_000 {
                try await outbound.write(.binary(ByteBuffer(bytes: WireFrame.encode(ClientMessage.ping(nonce: UInt64(nonce))))))
            }
        }
        let closes = await (garbage: garbage, oversized: oversized, flood: flood)
        #expect(closes.garbage?.code == .protocolError)
        #expect(closes.garbage?.reason?.contains("protocol error") == true, "\(String(describing: closes.garbage?.reason))")
        #expect(closes.oversized?.code == .messageTooLarge)
        #expect(closes.flood?.code == .policyViolation)
        #expect(closes.flood?.reason?.contains("flood") == true)
        let report = await healthy
        #expect(report.turns.map(\.heard) == speech.texts)
        #expect(report.turns.first?.voiceToVoiceMillis != nil)
        #expect(report.finalState == "ended")
        try await server.stop()
    }

    @Test("the concurrent-session and call-length limits close with 1013 and 1008, each with its reason")
    func sessionLimits() async throws {
        let server = try await TestServer.start(
            limits: ServerLimits(sessionsMax: 1, sessionMicrosMax: 1_500_000))
        let url = server.url + "?token=\(TestServer.token)"
        let hello = WireFrame.encode(ClientMessage.hello(userID: "first", pipeline: .v2))
        async let first = SecurityTests.closeCode(url) { outbound in
            try await outbound.write(.binary(ByteBuffer(bytes: hello)))
        }
        try await Task.sleep(for: .milliseconds(300))
        let second = await SecurityTests.closeCode(url) { outbound in
            try await outbound.write(.binary(ByteBuffer(bytes: hello)))
        }
        #expect(second?.code == .unknown(1013) && second?.reason?.contains("busy") == true, "\(String(describing: second))")
        let held = await first
        #expect(held?.code == .policyViolation && held?.reason?.contains("session length") == true, "\(String(describing: held))")
        try await server.stop()
    }

    /// Connects with the token, runs `send`, reads until the server closes; the close frame.
    static func closeCode(
        _ url: String, send: @escaping @Sendable (WebSocketOutboundWriter) async throws -> Void
    ) async -> (code: WebSocketErrorCode, reason: String?)? {
        do {
            let frame = try await WebSocketClient.connect(
                url: url, configuration: .init(maxFrameSize: 4 << 20), logger: logger
            ) { inbound, outbound, _ in
                try? await send(outbound)
                for try await _ in inbound.messages(maxSize: 4 << 20) {}
            }
            return frame.map { ($0.closeCode, $0.reason) }
        } catch {
            return nil
        }
    }

    static func httpStatus(_ url: String) async throws -> UInt {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        return response.status.code
    }
}
