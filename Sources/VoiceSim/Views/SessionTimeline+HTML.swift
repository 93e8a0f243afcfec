import VoiceCore

extension SessionTimeline {
    /// One self-contained HTML page (inline CSS and JavaScript, no network fetches): swim lanes
    /// per call lane, a voice-to-voice bar per turn, clickable marks with details, waveforms
    /// when the session has full audio, zoom (wheel, buttons) and pan (drag).
    public var html: String {
        let title = "voicesim timeline — session \(session)" + (scenarioName.map { " (\($0))" } ?? "")
        var escapedTitle = ""
        for character in title {
            switch character {
            case "<": escapedTitle += "&lt;"
            case ">": escapedTitle += "&gt;"
            case "&": escapedTitle += "&amp;"
            default: escapedTitle.append(character)
            }
        }
        return TimelineHTMLTemplate.page(title: escapedTitle, data: Self.scriptSafe(htmlData.rendered(indent: nil)))
    }

    /// The data the page's script draws, compact: arrays rather than objects per item.
    var htmlData: JSONValue {
        func int(_ value: Int64) -> JSONValue { .int(value) }
        let tracks = TimelineTrack.allCases
        return .object([
            ("title", .string("session \(session)" + (scenarioName.map { " · \($0)" } ?? "") + " · \(origin)")),
            ("end", int(end.micros)),
            ("lanes", int(Int64(laneCount))),
            ("tracks", .array(tracks.map { .string($0.rawValue) })),
            (
                "spans",
                .array(
                    spans.map {
                        .array([
                            int(Int64($0.lane)), int(Int64($0.track.order)), int($0.start.micros), int($0.end.micros),
                            .string($0.style.rawValue), .string($0.name),
                        ])
                    })
            ),
            (
                "moments",
                .array(
                    moments.map {
                        .array([
                            int(Int64($0.lane)), int(Int64($0.track.order)), int($0.at.micros), .string($0.side.rawValue),
                            .string($0.text), .string($0.highlight?.rawValue ?? ""), int($0.eventIndex),
                            .bool($0.significant),
                        ])
                    })
            ),
            (
                "delays",
                .array(
                    delays.map {
                        .array([
                            int(Int64($0.lane)), int(Int64($0.track.order)), int($0.sentAt.micros), int($0.delayMicros),
                        ])
                    })
            ),
            (
                "turns",
                .array(
                    turns.map {
                        .array([
                            int(Int64($0.lane)), int(Int64($0.number)), int($0.speechStart.micros),
                            int($0.speechEnd.micros), $0.firstPlay.map { int($0.micros) } ?? .null,
                            .bool($0.interrupted), .string($0.text),
                        ])
                    })
            ),
            (
                "waves",
                .array(
                    waveforms.map {
                        .array([
                            int(Int64($0.lane)), int(Int64($0.track.order)), int($0.bucketMicros),
                            .array($0.peaks.map { int(Int64($0) * 100 / Int64(Int16.max)) }),
                        ])
                    })
            ),
        ])
    }

    /// JSON made safe inside a `<script>` element: no `</` or `<!` sequences.
    static func scriptSafe(_ json: String) -> String {
        json.replacing("</", with: "<\\/").replacing("<!", with: "<\\u0021")
    }
}
