import VoiceCore

// Readable forms of inputs and actions for reports: Swift's own descriptions without the
// module prefixes; audio shows as `audio(1600 samples, #fingerprint)`.

/// `String(describing:)` without `VoiceCore.` prefixes.
func readable(_ value: some Any) -> String {
    String(describing: value).replacing("VoiceCore.", with: "")
}

extension MachineInput {
    /// `lane 0 client <- micCaptured(audio(1600 samples, #…))`.
    public var readableDescription: String {
        switch self {
        case .client(let lane, let event): "lane \(lane) client <- \(readable(event))"
        case .server(let lane, let event): "lane \(lane) server <- \(readable(event))"
        }
    }
}

extension MachineOutput {
    /// Each action, readable, in order.
    public var describedActions: [String] {
        switch self {
        case .client(let actions): actions.map(readable)
        case .server(let actions): actions.map(readable)
        }
    }
}
