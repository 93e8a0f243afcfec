import ArgumentParser
import CLISupport
import Recorder
import VoiceSim

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Show what happened in a recorded session: text, a self-contained HTML page, or Perfetto JSON.",
        discussion: """
            text: one line per significant event (time, side, what happened); turns, interruptions, \
            reconnects, gaps, errors and latency spikes are tagged in capitals. html: swim lanes, \
            voice-to-voice bars, clickable marks, waveforms (full-audio traces), zoom and pan; no network \
            fetches. perfetto: Chrome trace-event JSON for ui.perfetto.dev, one track per component.
            Exit 0 on success, 2 on a bad trace, session or output path.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, html, perfetto
    }

    @OptionGroup var trace: TraceOptions

    @Option(help: "text, html or perfetto.")
    var format: Format = .text

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let reader = try trace.open()
        let progress = ProgressBar("timeline")
        let timeline = try orBadInput { () throws(DebugError) in
            try SessionTimeline.load(reader, session: trace.session, waveforms: format == .html,
                                     progress: progress.update)
        }
        progress.finish()
        let rendered: String
        switch format {
        case .text: rendered = sanitizedForTerminal(timeline.text, keepingNewlines: true) + "\n"
        case .html: rendered = timeline.html
        case .perfetto: rendered = timeline.perfetto.rendered(indent: nil) + "\n"
        }
        if let out {
            try FileHandleLite.writeFile(rendered, to: out)
        } else {
            print(rendered, terminator: "")
        }
    }
}
