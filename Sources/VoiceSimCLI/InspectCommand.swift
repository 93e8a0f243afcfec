import ArgumentParser
import CLISupport
import Recorder
import VoiceCore
import VoiceSim

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a trace: its sessions with their summaries, marks, sizes and compression.",
        discussion: """
            Reads session rows and marks, and each session's records for its audio totals (its audio \
            payloads are CRC-checked, not decoded). Exit 0, or 2 on a file that is not a readable trace or \
            any damage found (after printing what could be read).
            """
    )

    @Argument(help: "The SQLite trace file.")
    var trace: String

    @Option(help: "Marks listed per session in the readable report (all of them with --json).")
    var marks = 50

    @Flag(help: "Print one JSON object instead of the readable report.")
    var json = false

    func validate() throws {
        guard marks >= 0 else { throw ValidationError("--marks must be at least 0.") }
    }

    func run() throws {
        let sessions: [Inspection]
        do {
            let reader = try TraceReader(path: trace)
            sessions = try reader.sessions().map { session throws(TraceError) in
                let audio = Result { () throws(TraceError) in try reader.audioTotals(session: session.id) }
                return Inspection(session: session, marks: try reader.marks(session: session.id), audio: audio)
            }
        } catch {
            // With --json, standard output is always one JSON document, an error included.
            if json {
                print(JSONValue.object([("trace", .string(trace)), ("error", .string("\(error)"))]).rendered())
            }
            printError("error: \(sanitizedForTerminal("\(error)"))")
            throw VoiceSimExit.badInput
        }
        let fileBytes = fileSize(trace) + fileSize(trace + "-wal")
        if json {
            print(
                JSONValue.object([
                    ("trace", .string(trace)), ("fileBytes", .int(fileBytes)),
                    ("schemaVersion", .int(Int64(TraceSchema.version))),
                    ("sessions", .array(sessions.map(\.json))),
                ]).rendered())
            if sessions.contains(where: { if case .failure = $0.audio { true } else { false } }) {
                throw VoiceSimExit.badInput
            }
            return
        }
        print(
            "\(sanitizedForTerminal(trace)): \(sessions.count) session\(sessions.count == 1 ? "" : "s"), "
                + "\(byteCount(fileBytes)) on disk, schema \(TraceSchema.version)"
        )
        for inspection in sessions {
            print("")
            print(inspection.text(marksLimit: marks))
        }
        if sessions.contains(where: { if case .failure = $0.audio { true } else { false } }) {
            throw VoiceSimExit.badInput
        }
    }
}

/// One session as `inspect` shows it.
struct Inspection {
    let session: TraceSession
    let marks: [TraceMark]
    /// The distinct audio its records summarise, or why they could not be read.
    let audio: Result<RecordedAudioTotals, TraceError>
}

extension Inspection {
    func text(marksLimit limit: Int) -> String {
        let header = session.header
        var lines = [
            "session \(session.id): \(header.origin.rawValue) \(header.scenarioName ?? "(no scenario)")"
                + (header.seed.map { " seed 0x\(String($0, radix: 16))" } ?? "") + ", pipeline \(header.pipeline), "
                + "\(header.lanes.count) lane\(header.lanes.count == 1 ? "" : "s"), "
                + "audio \(header.audioMode.rawValue), recorded by \(header.codeVersion)"
        ]
        if let summary = session.summary {
            // Events are timed from the session's start (0), whatever clock `started` is on (a
            // live recording's is Unix time).
            let duration = Double(summary.ended.micros) / 1_000_000
            lines.append(
                "  \(formatFixed(duration, decimals: 1)) s, \(summary.turnCount) turns, voice-to-voice mean "
                    + "\(summary.latencyMillisMean.map { formatFixed($0, decimals: 0) + " ms" } ?? "-") p95 "
                    + "\(summary.latencyMillisP95.map { formatFixed($0, decimals: 0) + " ms" } ?? "-"), "
                    + "\(summary.interruptionCount) interruptions, \(summary.reconnectCount) reconnects, "
                    + "\(summary.lostAudioMillis) ms audio lost, $\(formatFixed(summary.costUSD, decimals: 4)), "
                    + "final digest \(hex16(summary.finalDigest))")
        } else {
            lines.append("  not finished (the recorder crashed or is still recording): committed chunks only")
        }
        lines.append(
            "  \(session.eventCount) events in \(session.chunkCount) chunks: records \(byteCount(session.storedBytes)) "
                + "stored of \(byteCount(session.rawBytes)) (\(percent(session.storedBytes, of: session.rawBytes)))")
        lines.append(audioLine)
        let total = session.storedBytes + session.audioStoredBytes
        lines.append("  total \(byteCount(total)) stored" + perMinute(total))
        if !marks.isEmpty {
            lines.append("  \(marks.count) mark\(marks.count == 1 ? "" : "s"):")
            for mark in marks.prefix(limit) {
                lines.append("    \(mark.time) #\(mark.eventIndex) \(mark.kind.rawValue): \(mark.label)")
            }
            if marks.count > limit { lines.append("    … \(marks.count - limit) more (--marks N, or --json)") }
        }
        // Names, labels and versions come from the file: shown, never obeyed by the terminal.
        return sanitizedForTerminal(lines.joined(separator: "\n"), keepingNewlines: true)
    }

    /// Distinct audio and, for full audio, what its storage costs against its raw PCM.
    private var audioLine: String {
        switch audio {
        case .failure(let error):
            return "  audio: unreadable: \(error)"
        case .success(let totals):
            let seconds = formatFixed(Double(AudioFormat.micros(samples: Int(totals.samples))) / 1_000_000, decimals: 1)
            var line = "  audio: \(totals.chunks) distinct chunks, \(seconds) s (\(byteCount(totals.pcmBytes)) of PCM)"
            if session.audioCount > 0 {
                line += ", stored in \(byteCount(session.audioStoredBytes)) "
                    + "(\(percent(session.audioStoredBytes, of: totals.pcmBytes)) of the PCM)"
            } else {
                line += ", kept as summaries"
            }
            return line
        }
    }

    var json: JSONValue {
        let header = session.header
        let totals = try? audio.get()
        let stored = session.storedBytes + session.audioStoredBytes
        var pairs: [(String, JSONValue)] = [
            ("session", .int(session.id)), ("origin", .string(header.origin.rawValue)),
            ("scenario", header.scenarioName.map { .string($0) } ?? .null),
            ("seed", header.seed.map { .string("0x" + String($0, radix: 16)) } ?? .null),
            ("pipeline", .string(header.pipeline)), ("audioMode", .string(header.audioMode.rawValue)),
            ("codeVersion", .string(header.codeVersion)), ("lanes", .int(Int64(header.lanes.count))),
            ("startedMicros", .int(header.started.micros)), ("finished", .bool(session.isFinished)),
            ("events", .int(session.eventCount)), ("chunks", .int(session.chunkCount)),
            ("rawBytes", .int(session.rawBytes)), ("storedBytes", .int(session.storedBytes)),
            ("audioEntries", .int(session.audioCount)), ("audioPackedBytes", .int(session.audioRawBytes)),
            ("audioStoredBytes", .int(session.audioStoredBytes)), ("totalStoredBytes", .int(stored)),
            ("distinctAudioChunks", totals.map { .int(Int64($0.chunks)) } ?? .null),
            ("audioPCMBytes", totals.map { .int($0.pcmBytes) } ?? .null),
            // Stored bytes over what they encode: records' raw size, plus the raw PCM when it is kept.
            (
                "compressionRatio",
                .number(ratio(stored, of: session.rawBytes + (session.audioCount > 0 ? totals?.pcmBytes ?? 0 : 0)),
                        decimals: 3)
            ),
        ]
        if case .failure(let error) = audio { pairs.append(("audioError", .string(error.description))) }
        pairs.append(("summary", session.summary.map(Self.json) ?? .null))
        pairs.append(
            (
                "marks",
                .array(
                    marks.map { mark in
                        .object([
                            ("timeMicros", .int(mark.time.micros)), ("eventIndex", .int(mark.eventIndex)),
                            ("kind", .string(mark.kind.rawValue)), ("label", .string(mark.label)),
                        ])
                    })
            ))
        return .object(pairs)
    }

    static func json(_ summary: SessionSummary) -> JSONValue {
        .object([
            ("endedMicros", .int(summary.ended.micros)), ("finalDigest", .string(hex16(summary.finalDigest))),
            ("turns", .int(summary.turnCount)),
            ("latencyMillisMean", summary.latencyMillisMean.map { .number($0, decimals: 1) } ?? .null),
            ("latencyMillisP95", summary.latencyMillisP95.map { .number($0, decimals: 1) } ?? .null),
            ("interruptions", .int(summary.interruptionCount)), ("reconnects", .int(summary.reconnectCount)),
            ("lostAudioMillis", .int(summary.lostAudioMillis)), ("costUSD", .number(summary.costUSD, decimals: 6)),
        ])
    }

    private func perMinute(_ total: Int64) -> String {
        guard let ended = session.summary?.ended else { return "" }
        let minutes = Double(ended.micros) / 60_000_000
        return minutes > 0 ? ", \(byteCount(Int64(Double(total) / minutes)))/minute" : ""
    }
}

private func ratio(_ part: Int64, of whole: Int64) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

private func percent(_ part: Int64, of whole: Int64) -> String {
    whole == 0 ? "-" : formatFixed(100 * ratio(part, of: whole), decimals: 1) + "%"
}

/// `612 B`, `441.4 kB`, `17.9 MB` (decimal units).
private func byteCount(_ count: Int64) -> String {
    if count < 10_000 { return "\(count) B" }
    if count < 10_000_000 { return formatFixed(Double(count) / 1_000, decimals: 1) + " kB" }
    return formatFixed(Double(count) / 1_000_000, decimals: 1) + " MB"
}

/// The file's size in bytes, 0 when it does not exist.
private func fileSize(_ path: String) -> Int64 {
    FileIdentity.bytes(path)
}
