import Foundation
import Testing
import VoiceCore
import VoiceLive

/// The browser page's JavaScript port of the client core against the Swift core: the Swift
/// side writes vectors (`BrowserVectors`) to a JSON file, headless Chromium runs them through
/// the page's own scripts, and every byte, energy, decision, delay and action must match.
@Suite("Browser client")
struct BrowserClientTests {
    static let chromium = "/usr/bin/chromium"

    @Test("The page's codec, VAD, backoff and agent produce what the Swift core produces",
          .enabled(if: FileManager.default.isExecutableFile(atPath: chromium), "chromium is not installed"))
    func pageMatchesCore() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("browser-selftest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let vectors = BrowserVectors.make()
        let json = String(decoding: try JSONSerialization.data(withJSONObject: vectors, options: [.sortedKeys]), as: UTF8.self)
        try json.write(to: work.appendingPathComponent("vectors.json"), atomically: true, encoding: .utf8)
        let page = work.appendingPathComponent("selftest.html")
        try BrowserPage.selfTest(vectorsJSON: json).write(to: page, atomically: true, encoding: .utf8)

        let profile = work.appendingPathComponent("profile")
        let written = try await offThePool { try Self.runSelfTest(page: page, profile: profile) }
        let output = try written.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        try #require(output != nil, "the self-test page wrote no results (a script error?)")
        let result = output ?? [:]

        let clientFrames = vectors["clientFrames"] as? [[String: Any]] ?? []
        #expect(result["clientFrames"] as? [String] == clientFrames.map { $0["hex"] as? String ?? "" })
        #expect(result["clientDecoded"] as? [String] == clientFrames.map { $0["description"] as? String ?? "" })
        let serverFrames = vectors["serverFrames"] as? [[String: Any]] ?? []
        #expect(result["serverDecoded"] as? [String] == serverFrames.map { $0["description"] as? String ?? "" })
        #expect(result["serverReencoded"] as? [String] == serverFrames.map { $0["hex"] as? String ?? "" })
        let badFrames = vectors["badFrames"] as? [[String: Any]] ?? []
        #expect(result["badFrames"] as? [String] == badFrames.map { $0["error"] as? String ?? "" })

        let vad = vectors["vad"] as? [String: Any] ?? [:]
        #expect(result["energies"] as? [[Int]] == (vad["energies"] as? [[UInt32]])?.map { $0.map(Int.init) })
        #expect(result["transitions"] as? [String] == vad["transitions"] as? [String])

        let backoff = vectors["backoff"] as? [[String: Any]] ?? []
        let pageBackoff = result["backoff"] as? [[String: Any]] ?? []
        #expect(pageBackoff.map { ($0["delays"] as? [Int]) ?? [] } == backoff.map { ($0["delays"] as? [Int64] ?? []).map(Int.init) })
        #expect(pageBackoff.map { ($0["next"] as? [String]) ?? [] } == backoff.map { $0["next"] as? [String] ?? [] })

        let agents = vectors["agents"] as? [[String: Any]] ?? []
        let pageAgents = result["agents"] as? [[Any]] ?? []
        #expect(pageAgents.count == agents.count)
        for (script, pageSteps) in zip(agents, pageAgents) {
            let steps = script["steps"] as? [[String: Any]] ?? []
            #expect(pageSteps.count == steps.count, "\(script["name"] ?? "")")
            for (index, (step, pageStep)) in zip(steps, pageSteps).enumerated() {
                let expected = step["actions"] as? [String] ?? []
                let actual = pageStep as? [String]
                guard actual == expected else {
                    let name = script["name"] as? String ?? ""
                    let at = step["at"] as? Int64 ?? -1
                    let event = String(describing: step["event"] ?? "")
                    Issue.record("\(name) step \(index) at \(at) µs, \(event): the page answered \(String(describing: pageStep)), the core \(expected)")
                    break
                }
            }
        }
    }

    @Test("The vectors cover every message kind, both VAD transitions and a barge-in, a resume and giving up")
    func vectorsCoverTheProtocol() throws {
        let vectors = BrowserVectors.make()
        let client = (vectors["clientFrames"] as? [[String: Any]] ?? []).compactMap { ($0["message"] as? [String: Any])?["kind"] as? String }
        #expect(Set(client) == ["hello", "resume", "audio", "commit", "interrupt", "played", "ping", "bye"])
        let server = (vectors["serverFrames"] as? [[String: Any]] ?? []).compactMap { ($0["description"] as? String)?.prefix { $0 != "(" } }
        #expect(Set(server.map(String.init)) == ["welcome", "partialTranscript", "finalTranscript", "responseStart",
                                                  "responseAudio", "responseEnd", "state", "ack", "pong", "error"])
        let errors = Set((vectors["badFrames"] as? [[String: Any]] ?? []).compactMap { $0["error"] as? String })
        #expect(errors == ["truncatedHeader", "badMagic", "unsupportedVersion", "wrongDirection", "oversized",
                           "lengthMismatch", "malformedPayload"])
        let transitions = (vectors["vad"] as? [String: Any])?["transitions"] as? [String] ?? []
        #expect(transitions.filter { $0.hasPrefix("speechStarted") }.count == 4)
        #expect(transitions.filter { $0.hasPrefix("speechEnded") }.count == 4)
        let actions = (vectors["agents"] as? [[String: Any]] ?? []).flatMap { ($0["steps"] as? [[String: Any]] ?? []).flatMap { $0["actions"] as? [String] ?? [] } }
        #expect(actions.contains { $0.hasPrefix("send interrupt(2,") })
        #expect(actions.contains { $0.hasPrefix("stopPlayback(2)") })
        #expect(actions.contains { $0.hasPrefix("send played(1,") })
        #expect(actions.contains { $0.hasPrefix("send resume(") })
        #expect(actions.filter { $0.hasPrefix("send played(") }.count > 5, "reports re-sent after the resume")
        #expect(actions.contains("showState(reconnecting)"))
        #expect(actions.contains("showState(failed)"))
    }

    /// Loads `page` in headless Chromium and returns the JSON it wrote into `#selftest`.
    static func runSelfTest(page: URL, profile: URL) throws -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                             "--user-data-dir=\(profile.path)", "--dump-dom", page.absoluteString]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let start = dom.range(of: "<pre id=\"selftest\">"),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex),
              let data = Data(base64Encoded: String(dom[start.upperBound..<end.lowerBound])) else { return nil }
        return data
    }
}
