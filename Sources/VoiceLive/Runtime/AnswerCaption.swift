import Foundation

/// A piece of an answer's text, sent as a WebSocket text frame beside the protocol's binary
/// frames to a client that asked for captions (`?captions=1`): the text the server handed to
/// text-to-speech for `responseID`, in order.
///
/// The wire protocol carries only the answer's audio; captions let `voicesim call --json`
/// report what the assistant said. They never reach a core (neither side records them), so
/// traces and their replay are the same with or without them.
public struct AnswerCaption: Codable, Equatable, Sendable {
    public var responseID: UInt32
    public var text: String

    /// The query item a client adds to its URL to receive captions.
    public static let queryName = "captions"

    public init(responseID: UInt32, text: String) {
        self.responseID = responseID
        self.text = text
    }

    /// `{"responseID":…,"text":…}`.
    public var encoded: String {
        "{\"responseID\":\(responseID),\"text\":\(jsonString(text))}"
    }

    /// The caption a text frame holds; nil for any other text.
    public init?(decoding frame: String) {
        guard let caption = try? JSONDecoder().decode(AnswerCaption.self, from: Data(frame.utf8)) else { return nil }
        self = caption
    }
}
