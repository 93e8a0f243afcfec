/// Known bugs that can be planted in the core, to prove that the simulator's oracles find
/// what they claim to (mutation testing). Only tests and `voicesim fuzz --planted NAME`
/// switch them on; they are not part of any config's canonical encoding, so a trace never
/// records them.
package enum PlantedBug: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    /// The client does not re-send its replay buffer after a reconnect.
    case replayNotResent = 0
    /// A barge-in cancels the LLM but leaves the TTS stream running.
    case ttsNotCancelledOnBargeIn = 1
    /// The server forwards mic chunks it already has (no de-duplication by seq).
    case dedupOff = 2
    /// Tokens of cancelled LLM requests are not billed.
    case cancelledTokensNotBilled = 3
    /// The keepalive timer survives a lost connection.
    case keepaliveSurvivesReconnect = 4
    /// A barge-in keeps the whole reply in history, heard or not.
    case historyKeepsUnplayedText = 5
    /// The client reports a barge-in but keeps playing the reply.
    case bargeInKeepsPlaying = 6
    /// A resume does not cancel the grace timer, which later ends the live session.
    case graceNotCancelledOnResume = 7
    /// Reply audio the client reports as not played is not counted as dropped.
    case unplayedReplyNotCounted = 8
    /// The client gives up reconnecting after half the attempts its policy allows.
    case givesUpEarly = 9

    package var description: String {
        switch self {
        case .replayNotResent: "replayNotResent"
        case .ttsNotCancelledOnBargeIn: "ttsNotCancelledOnBargeIn"
        case .dedupOff: "dedupOff"
        case .cancelledTokensNotBilled: "cancelledTokensNotBilled"
        case .keepaliveSurvivesReconnect: "keepaliveSurvivesReconnect"
        case .historyKeepsUnplayedText: "historyKeepsUnplayedText"
        case .bargeInKeepsPlaying: "bargeInKeepsPlaying"
        case .graceNotCancelledOnResume: "graceNotCancelledOnResume"
        case .unplayedReplyNotCounted: "unplayedReplyNotCounted"
        case .givesUpEarly: "givesUpEarly"
        }
    }

    /// The bug named `name` (as `description` spells it), if any.
    package init?(name: String) {
        guard let bug = PlantedBug.allCases.first(where: { $0.description == name }) else { return nil }
        self = bug
    }
}

/// A set of planted bugs; empty in every production configuration.
package struct PlantedBugs: Equatable, Sendable {
    private var bits: UInt32 = 0

    package init(_ bugs: [PlantedBug] = []) {
        for bug in bugs { bits |= 1 << UInt32(bug.rawValue) }
    }

    @inlinable
    package func contains(_ bug: PlantedBug) -> Bool { bits & (1 << UInt32(bug.rawValue)) != 0 }

    package var isEmpty: Bool { bits == 0 }
}
