import ArgumentParser
import CLISupport
import Recorder

struct ExportAudioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-audio",
        abstract: "Write what the user said and heard in a session as a 16 kHz PCM16 WAV file.",
        discussion: """
            mic: what the user said (captured mic audio at its capture times); played: what the user heard \
            (played chunks, cut where a barge-in stopped them); both: stereo, mic left, played right. \
            Needs a trace recorded with --audio full; a hash-only trace is refused. Exit 0 on success, \
            2 on a bad trace, a hash-only session or an unwritable output.
            """
    )

    enum Track: String, ExpressibleByArgument, CaseIterable {
        case mic, played, both
    }

    @OptionGroup var trace: TraceOptions

    @Option(help: "mic, played or both (stereo).")
    var track: Track = .both

    @Option(help: "The call lane (one per user).")
    var lane: UInt32 = 0

    @Option(help: "The WAV file to write.")
    var out: String

    func run() throws {
        let reader = try trace.open()
        let tracks = try orBadInput { () throws(DebugError) in
            let session = try reader.chooseSession(trace.session)
            return try reader.audioTracks(session: session.id, lane: lane)
        }
        let channels: [[Int16]]
        switch track {
        case .mic: channels = [tracks.mic]
        case .played: channels = [tracks.played]
        case .both: channels = [tracks.mic, tracks.played]
        }
        try writeBytes(WAVFile.bytes(channels: channels), to: out)
        let seconds = Double(tracks.sampleCount) / 16_000
        printError("wrote \(out): \(channels.count) channel(s), \(tracks.sampleCount) samples (\(seconds) s)")
    }
}
