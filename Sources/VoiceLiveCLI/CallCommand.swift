import ArgumentParser
import CLISupport
import Foundation
import Recorder
import VoiceCore
import VoiceLive
import VoiceSim

struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Place a live call: a voice-core client on the wall clock, talking to voicesim serve.",
        discussion: """
            The mic is paced in real time in 100 ms chunks from a 16 kHz mono PCM16 WAV (--wav) or from \
            synthetic speech (--say, repeatable: each utterance waits for the previous answer). Speech that \
            overlaps playback barges in through the client's VAD; a lost connection is retried with the \
            core's backoff and its 5 s replay buffer. A WAV's transcript, one utterance per line, is read \
            from the same path with .txt instead of .wav when it exists.

            Exit 0 when the call ended normally, 1 when it failed or never reached a session (refused, \
            or the server unreachable until --max-seconds).
            """
    )

    @Option(help: "The server, e.g. ws://127.0.0.1:8080/api/voice-v2")
    var url: String

    @Option(help: "16 kHz mono PCM16 WAV to speak into the mic.")
    var wav: String?

    @Option(help: "Say this (synthetic speech); repeat for several turns.")
    var say: [String] = []

    @Option(help: "Write what was played to this 16 kHz WAV.")
    var out: String?

    @Option(help: "Record the client's session into this SQLite trace.")
    var record: String?

    @Option(help: "Audio in the trace: full or hash.")
    var audio: AudioModeArgument = .full

    @Option(help: "The server's token (default: VOICESIM_TOKEN).")
    var token: String?

    @Option(help: "The caller's user id (the daily cap counts per user).")
    var user = "caller"

    @Option(help: "Hang up after this many seconds whatever happens.")
    var maxSeconds: Int64 = 120

    @Option(help: "The client's seed (backoff jitter); random when omitted.")
    var seed: UInt64?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard (wav == nil) != say.isEmpty else { throw ValidationError("Give exactly one of --wav and --say.") }
        guard maxSeconds >= 1 else { throw ValidationError("--max-seconds must be positive.") }
        guard url.hasPrefix("ws://") || url.hasPrefix("wss://") else {
            throw ValidationError("--url must start with ws:// or wss:// (got \(url)).")
        }
    }

    func run() async throws {
        let mic: MicInput
        if let wav {
            do {
                mic = .samples(try WAVFile.read(path: wav), said: CallCommand.sidecarTranscript(wav))
            } catch {
                printError("error: \(error)")
                throw VoiceSimExit.badInput
            }
        } else {
            mic = .script(CallCommand.script(say), seed: seed ?? 1)
        }
        let log: @Sendable (String) -> Void = { printError($0) }
        let traces = record.map { TraceStore(path: $0, audio: audio.mode, report: log) }
        var client = ClientConfig()
        client.userID = user
        let options = CallOptions(
            url: url, token: token ?? ProcessInfo.processInfo.environment["VOICESIM_TOKEN"], mic: mic, client: client,
            seed: seed ?? UInt64.random(in: 0...UInt64.max), traces: traces, maxMicros: maxSeconds * 1_000_000, log: log)
        let report = await LiveCall.run(options)
        if let out {
            do {
                try WAVFile.write(report.heardAudio, path: out)
            } catch {
                printError("error: \(out): cannot write the WAV: \(error.localizedDescription)")
                throw VoiceSimExit.badInput
            }
        }
        print(json ? CallCommand.json(report).rendered() : CallCommand.table(report))
        if report.finalState != "ended" || !report.welcomed {
            printError("error: the call \(report.welcomed ? "failed" : "never reached a session") (state \(report.finalState))")
            throw VoiceSimExit.failure
        }
    }

    /// `--say` texts: the first after half a second, each next one after the previous answer.
    static func script(_ texts: [String]) -> UserScript {
        var utterances: [UserScript.Utterance] = []
        for (index, text) in texts.enumerated() {
            utterances.append(.init(text, start: index == 0 ? .at(.millis(500)) : .afterReply(pauseMicros: 800_000)))
        }
        return UserScript(id: "caller", utterances: utterances)
    }

    static func sidecarTranscript(_ wav: String) -> [String] {
        let url = URL(fileURLWithPath: wav)
        let sidecar = url.deletingPathExtension().appendingPathExtension("txt")
        guard let text = try? String(contentsOf: sidecar, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func json(_ report: CallReport) -> JSONValue {
        let turns = report.turns.map { turn -> JSONValue in
            .object([
                ("said", turn.said.map { .string($0) } ?? .null), ("heard", .string(turn.heard)),
                ("answer", turn.answer.map { .string($0) } ?? .null),
                ("voiceToVoiceMs", turn.voiceToVoiceMillis.map { .int($0) } ?? .null),
                ("playedMs", .int(turn.playedMillis)), ("interrupted", .bool(turn.interrupted)),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("turns", .array(turns)), ("reconnects", .int(Int64(report.reconnectAttempts))),
            ("resumes", .int(Int64(report.resumes))), ("interruptions", .int(Int64(report.bargeIns))),
            ("lostAudioMs", .int(report.lostAudioMillis)), ("chunksReplayed", .int(Int64(report.chunksReplayed))),
            ("finalState", .string(report.finalState)), ("durationMs", .int(report.durationMillis)),
            ("serverErrors", .array(report.serverErrors.map { .string($0) })),
            ("digest", .string(hex16(report.finalDigest))),
        ]
        if let trace = report.trace {
            fields.append(("trace", .object([("path", .string(trace.path)), ("session", .int(trace.session))])))
        }
        return .object(fields)
    }

    static func table(_ report: CallReport) -> String {
        var lines = ["turn  voice→voice  played  interrupted  said / heard / answer"]
        for (index, turn) in report.turns.enumerated() {
            let latency = turn.voiceToVoiceMillis.map { "\($0) ms" } ?? "—"
            lines.append(
                "\(pad(String(index + 1), 4))  \(pad(latency, 11))  \(pad("\(turn.playedMillis) ms", 6))  "
                    + "\(pad(turn.interrupted ? "yes" : "no", 11))  said: \(turn.said ?? "?")")
            lines.append(String(repeating: " ", count: 42) + "heard: \(turn.heard)")
            if let answer = turn.answer { lines.append(String(repeating: " ", count: 42) + "answer: \(answer)") }
        }
        lines.append(
            "reconnects \(report.reconnectAttempts), resumes \(report.resumes), interruptions \(report.bargeIns), "
                + "lost audio \(report.lostAudioMillis) ms, state \(report.finalState), \(report.durationMillis) ms")
        for error in report.serverErrors { lines.append("server error: \(error)") }
        if let trace = report.trace { lines.append("recorded: \(trace.path) session \(trace.session)") }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
