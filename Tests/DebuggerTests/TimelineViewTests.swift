import Foundation
import Recorder
import Testing
import VoiceCore
import VoiceSim

@Suite("timeline views of a recorded trace")
struct TimelineViewTests {
    let traces = RecordedTraces.shared

    func timeline(waveforms: Bool = false) throws -> SessionTimeline {
        try SessionTimeline.load(TraceReader(path: traces.bargeIn), session: nil, waveforms: waveforms)
    }

    @Test("the text timeline names the interruption at the time the trace marks it")
    func textNamesInterruption() throws {
        let reader = try TraceReader(path: traces.bargeIn)
        let mark = try #require(try reader.marks(session: 1).first { $0.kind == .interruption })
        let millis = mark.time.micros / 1_000
        let time = "\(millis / 1_000).\(String(format: "%03d", millis % 1_000))s"
        let lines = try timeline().text.split(separator: "\n")
        let line = try #require(lines.first { $0.contains("[INTERRUPTION]") })
        #expect(line.hasPrefix(String(repeating: " ", count: 10 - time.count) + time + "  client"))
        #expect(lines.filter { $0.contains("[TURN]") }.count == 4)
    }

    @Test("the turns joined from the trace agree with the simulator's own measurements")
    func turnsMatchSimulation() throws {
        var simulation = Simulation(scenario: BuiltinScenarios.named("v2-barge-in")!)
        let result = simulation.run()
        let turns = try timeline().turns
        #expect(turns.count == result.turns.count)
        for (derived, truth) in zip(turns, result.turns) {
            // The VAD ends speech at the last voiced 20 ms frame; ground truth is the last word's end.
            #expect(abs(derived.speechEnd.micros - truth.speechEndAt.micros) <= 40_000)
            #expect(derived.firstPlay == truth.firstPlayAt && derived.interrupted == truth.interrupted)
        }
    }

    @Test("the Perfetto JSON parses and has one track per component in every lane")
    func perfettoTracks() throws {
        let json = try timeline().perfetto.rendered(indent: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let threads = events.filter { $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(threads == TimelineTrack.allCases.map(\.rawValue))
        let spans = events.filter { $0["ph"] as? String == "X" }
        let spanTracks = Set(spans.compactMap { $0["tid"] as? Int })
        for track in [TimelineTrack.mic, .clientState, .stt, .llm, .tts, .playback] {
            #expect(spanTracks.contains(TimelineTrack.allCases.firstIndex(of: track)!), "no span on \(track)")
        }
        #expect(events.contains { $0["ph"] as? String == "C" && ($0["name"] as? String)?.hasPrefix("uplink") == true })
    }

    @Test("the HTML page has every lane, content on each, waveforms, and no external URL")
    func htmlSelfContained() throws {
        let view = try timeline(waveforms: true)
        let html = view.html
        for track in TimelineTrack.allCases { #expect(html.contains("\"\(track.rawValue)\"")) }
        for track in TimelineTrack.allCases where track != .marks && track != .turns {
            let used = view.spans.contains { $0.track == track } || view.moments.contains { $0.track == track }
            #expect(used, "nothing on the \(track.rawValue) lane")
        }
        #expect(view.waveforms.count == 2 && view.waveforms.allSatisfy { $0.peaks.contains { $0 > 1_000 } })
        #expect(!html.contains("http://") && !html.contains("https://"))
        let attribute = try Regex(#"(?i)\b(src|href)\s*=\s*["']?\s*(//|[a-z]+:)"#)
        #expect(html.firstMatch(of: attribute) == nil)
        #expect(!html.contains("<script src") && !html.contains("<link"))
        #expect(html.contains("data-render=\"pending\""))
    }

    @Test(
        "headless Chromium renders the HTML without errors",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "chromium is not installed"))
    func chromiumRenders() throws {
        let page = traces.path("timeline.html")
        try SessionTimeline.load(TraceReader(path: traces.bargeIn), session: nil, waveforms: true).html
            .write(toFile: page, atomically: true, encoding: .utf8)
        let profile = traces.path("chromium-profile")
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/chromium"),
            ["--headless", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--user-data-dir=\(profile)",
             "--enable-logging=stderr", "--v=0", "--dump-dom", "file://\(page)"])
        #expect(result.output.contains("data-render=\"ok\""), "the page did not finish drawing")
        #expect(!result.error.contains("Uncaught"), "console error: \(result.error)")
    }
}
