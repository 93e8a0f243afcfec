import ArgumentParser
import Recorder

/// `--audio full|hash`.
enum AudioModeArgument: String, ExpressibleByArgument, CaseIterable {
    case full
    case hash

    var mode: SessionRecorder.AudioMode {
        switch self {
        case .full: .full
        case .hash: .hash
        }
    }
}
