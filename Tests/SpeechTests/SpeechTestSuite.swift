import Testing

/// Every speech test, one at a time: decoding and synthesis take whole cores for seconds, and
/// the real-time call (`SpeechCallTests`) must not share them with the rest. CI runs this
/// target on its own, after the live tests.
@Suite(.serialized)
enum SpeechTestSuite {}
