import Recorder
import VoiceCore

extension SessionTimeline {
    /// One line per significant moment: time, side and what happened. Turns, interruptions,
    /// reconnects, gaps, errors and latency spikes carry a tag in capitals so they stand out;
    /// a summary of the turns follows.
    public var text: String {
        var lines = [
            "session \(session) (\(origin)\(scenarioName.map { ", " + sanitizedForTerminal($0) } ?? "")), "
                + "\(laneCount) lane(s), "
                + "\(Self.seconds(end)) long"
        ]
        for moment in moments where moment.significant {
            let lane = laneCount > 1 ? "lane \(moment.lane) " : ""
            let tag = moment.highlight.map { "[\($0.rawValue)] " } ?? ""
            let time = Self.seconds(moment.at)
            lines.append(
                String(repeating: " ", count: max(0, 10 - time.count)) + time + "  " + lane
                    + moment.side.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + " " + tag + moment.text)
        }
        lines.append("")
        lines.append("turns:")
        for turn in turns {
            let latency = turn.voiceToVoiceMicros.map { "voice-to-voice \(SessionTimelineBuilder.millis($0))" }
            lines.append(
                "  \(laneCount > 1 ? "lane \(turn.lane) " : "")#\(turn.number) \(Self.seconds(turn.speechStart))"
                    + "–\(Self.seconds(turn.speechEnd)) \(latency ?? "never answered")"
                    + (turn.interrupted ? ", interrupted" : "") + (turn.text.isEmpty ? "" : "  \"\(turn.text)\""))
        }
        return lines.joined(separator: "\n")
    }

    /// `12.345s`, exact to the millisecond.
    static func seconds(_ instant: Instant) -> String {
        let millis = instant.micros / 1_000
        let fraction = String(millis % 1_000)
        return "\(millis / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }
}
