import VoiceCore

/// A change to the voice core's configuration, applied to every lane's setup wherever the
/// regression suite builds machines: when it replays a golden session and when it re-runs the
/// golden's scenario.
///
/// This is how a test asks "what if the core were tuned differently?" without editing the
/// core: a copy of each lane's `ClientConfig`/`ServerConfig` is changed, the goldens are
/// replayed and re-simulated with it, and the suite reports which goldens notice.
///
///     let deafer = CoreChange("VAD threshold ×4") { $0.client.vad.thresholdEnergy *= 4 }
public struct CoreChange: Sendable {
    /// Shown in reports ("replayed with VAD threshold ×4").
    public var name: String
    public var adjust: @Sendable (inout LaneSetup) -> Void

    public init(_ name: String, adjust: @escaping @Sendable (inout LaneSetup) -> Void) {
        self.name = name
        self.adjust = adjust
    }

    /// The core as built: nothing changed.
    public static let none = CoreChange("the current core") { _ in }
}

extension CoreChange {
    /// `setup` with this change applied.
    public func applied(to setup: LaneSetup) -> LaneSetup {
        var changed = setup
        adjust(&changed)
        return changed
    }
}
