import Recorder
import VoiceCore

extension SimulationResult {
    /// The `--json` object: stable keys in a fixed order.
    public var json: JSONValue {
        let breakdown = breakdownMeansMicros
        var pairs: [(String, JSONValue)] = [
            ("scenario", .string(scenario)),
            ("seed", .int(Int64(bitPattern: seed))),
            ("pipeline", .string(pipeline.description)),
            ("digest", .string(digestHex)),
            ("simulatedSeconds", .number(Double(simulatedMicros) / 1_000_000, decimals: 3)),
            ("wallSeconds", .number(wallSeconds, decimals: 4)),
            ("events", .int(Int64(events))),
            ("turns", .int(Int64(turns.count))),
            ("answeredTurns", .int(Int64(answeredTurns))),
            ("latencyMs", voiceToVoice.json),
            ("breakdownMs", .object([
                ("coldStart", millis(breakdown.coldStart)), ("stt", millis(breakdown.stt)),
                ("llmTtfb", millis(breakdown.llmFirstToken)), ("ttsFirstAudio", millis(breakdown.ttsFirstAudio)),
            ])),
            ("interruptions", .int(Int64(interruptions))),
            ("reconnects", .int(Int64(reconnects))),
            ("lostAudioMs", .int(lostAudioMicros / 1_000)),
            ("replyAudioDroppedMs", .int(replyAudioDroppedMicros / 1_000)),
            ("refusals", .int(Int64(refusals))),
            ("errors", .array(clientErrors.map(\.json))),
            ("costUsd", .number(Double(costMicroUSD) / 1_000_000, decimals: 6)),
            ("invariantViolations", .array(invariantViolations.map { .string($0) })),
            ("perTurn", .array(turns.map(\.json))),
            ("responses", .array(responses.map(\.json))),
        ]
        // Only scenarios with event-relative faults get the key: other reports stay as they were.
        if !triggeredFaults.isEmpty {
            pairs.append(("triggeredFaults", .array(triggeredFaults.map { triggered in
                .object([
                    ("fault", .string(triggered.fault.description)),
                    ("firedAtMs", triggered.firedAt.map { millis($0.micros) } ?? .null),
                ])
            })))
        }
        return .object(pairs)
    }

    /// The human report: a per-turn table, then totals.
    public var text: String {
        var lines: [String] = []
        lines.append("scenario \(sanitizedForTerminal(scenario))  seed \(seed)  pipeline \(pipeline)  digest \(digestHex)")
        lines.append("simulated \(seconds(simulatedMicros)) s in \(formatFixed(wallSeconds, decimals: 3)) s wall, \(events) events")
        lines.append("")
        let header = ["#", "user said", "heard", "cold", "stt", "llm", "tts", "v2v", "note"]
        var rows: [[String]] = []
        for (index, turn) in turns.enumerated() {
            rows.append([
                String(index + 1), clip(sanitizedForTerminal(turn.userText), 34),
                clip(sanitizedForTerminal(turn.heardText ?? "—"), 34),
                turn.llmStartAt == nil ? "—" : ms(turn.coldStartMicros), ms(turn.sttMicros), ms(turn.llmFirstTokenMicros), ms(turn.ttsFirstAudioMicros), ms(turn.voiceToVoiceMicros),
                turn.interrupted ? "barge-in" : (turn.firstPlayAt == nil ? "no answer" : ""),
            ])
        }
        lines += Table(header: header, rows: rows).lines
        let stats = voiceToVoice
        lines.append("")
        lines.append("voice-to-voice ms: mean \(ms(stats.meanMicros))  p50 \(ms(stats.p50Micros))  "
            + "p95 \(ms(stats.p95Micros))  max \(ms(stats.maxMicros))  (\(answeredTurns)/\(turns.count) answered)")
        let breakdown = breakdownMeansMicros
        lines.append("mean breakdown ms: cold start \(ms(breakdown.coldStart))  stt \(ms(breakdown.stt))  "
            + "llm ttfb \(ms(breakdown.llmFirstToken))  tts first audio \(ms(breakdown.ttsFirstAudio))")
        lines.append("interruptions \(interruptions)  reconnects \(reconnects)  lost audio \(lostAudioMicros / 1_000) ms  "
            + "reply audio dropped \(replyAudioDroppedMicros / 1_000) ms  cost \(formatUSD(microUSD: costMicroUSD))")
        if !clientErrors.isEmpty {
            lines.append("errors sent to clients (\(clientErrors.count), \(refusals) refusals):")
            lines += clientErrors.prefix(20).map {
                "  \($0.time) lane \($0.lane) \($0.code.name): \(sanitizedForTerminal($0.message))"
            }
        }
        for triggered in triggeredFaults {
            let outcome = triggered.firedAt.map { "fired at \($0)" } ?? "never fired (its event did not come)"
            lines.append("triggered fault \(triggered.fault): \(outcome)")
        }
        for notice in notices { lines.append("notice: \(notice)") }
        if invariantViolations.isEmpty {
            lines.append("invariants: all held")
        } else {
            lines.append("invariant violations (\(invariantViolations.count)):")
            lines += invariantViolations.prefix(20).map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private func millis(_ micros: Int64) -> JSONValue { .number(Double(micros) / 1_000, decimals: 1) }
    private func seconds(_ micros: Int64) -> String { formatFixed(Double(micros) / 1_000_000, decimals: 1) }
}

extension ClientErrorRecord {
    var json: JSONValue {
        .object([
            ("lane", .int(Int64(lane))), ("timeMs", .number(Double(time.micros) / 1_000, decimals: 1)),
            ("code", .string(code.name)), ("message", .string(message)),
        ])
    }
}

extension ResponseRecord {
    var json: JSONValue {
        .object([
            ("lane", .int(Int64(lane))), ("responseId", .int(Int64(responseID))),
            ("llmAttempts", .int(Int64(llmAttempts))), ("tokensStreamed", .int(Int64(tokensStreamed))),
            ("inputTokensReported", .int(Int64(inputTokensReported))),
            ("outputTokensReported", .int(Int64(outputTokensReported))),
            ("chunksSent", .int(Int64(chunksSent))), ("chunksReceived", .int(Int64(chunksReceived))),
            ("chunksPlayed", .int(Int64(chunksPlayed))), ("speculativeRestart", .bool(speculativeRestart)),
            ("errors", .array(errors.map { .string($0) })),
        ])
    }
}

extension TurnRecord {
    var json: JSONValue {
        func millis(_ micros: Int64?) -> JSONValue { micros.map { .number(Double($0) / 1_000, decimals: 1) } ?? .null }
        return .object([
            ("lane", .int(Int64(lane))),
            ("userSaid", .string(userText)),
            ("heard", heardText.map { .string($0) } ?? .null),
            ("speechEndMs", .number(Double(speechEndAt.micros) / 1_000, decimals: 1)),
            ("coldStartMs", llmStartAt == nil ? .null : millis(coldStartMicros)),
            ("sttMs", millis(sttMicros)),
            ("llmTtfbMs", millis(llmFirstTokenMicros)),
            ("ttsFirstAudioMs", millis(ttsFirstAudioMicros)),
            ("voiceToVoiceMs", millis(voiceToVoiceMicros)),
            ("interrupted", .bool(interrupted)),
        ])
    }
}

func ms(_ micros: Int64?) -> String {
    guard let micros else { return "—" }
    return String(micros / 1_000)
}

func clip(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
}

/// Left-aligned text columns, as wide as their widest cell.
public struct Table {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public var lines: [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (index, cell) in cells.enumerated() {
                let padded = index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                out += (index == 0 ? "" : "  ") + padded
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}
