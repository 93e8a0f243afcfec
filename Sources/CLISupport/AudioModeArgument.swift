import ArgumentParser
import Recorder

/// `--audio full|hash`.
package enum AudioModeArgument: String, ExpressibleByArgument, CaseIterable {
    case full
    case hash

    package var mode: SessionRecorder.AudioMode {
        switch self {
        case .full: .full
        case .hash: .hash
        }
    }
}
