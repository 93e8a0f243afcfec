/// A reply's alignment (cumulative audio duration → UTF-8 bytes of its text spoken by then),
/// which only ever grows at its end, and which notes on the way in any point that goes backwards.
///
/// The invariant check runs after every step and used to walk every point of the reply, so a
/// reply delivered at once (V1) cost the square of its chunk count. Checking each point against
/// the one before as it is appended finds the same points: a track starts empty and `append` is
/// the only way to change `points` (its setter is private), so every point in any track was
/// checked on the step that appended it and never changes after. (The one writer in the core is
/// `Response.appendAudio`, one point per TTS chunk.)
package struct AlignmentTrack: Equatable, Sendable {
    /// Every point, oldest first.
    package private(set) var points: [AlignmentPoint] = []
    /// Points that went backwards from the one before them, in audio or text, oldest first;
    /// empty while the alignment is sound.
    package private(set) var backwardPoints: [AlignmentPoint] = []

    package init() {}

    /// The point the reply has reached; (0, 0) before its first.
    package var last: AlignmentPoint { points.last ?? AlignmentPoint(audioEndMicros: 0, textEnd: 0) }

    /// Appends `point`, noting it if it goes backwards from the last one.
    /// - Complexity: amortized O(1)
    package mutating func append(_ point: AlignmentPoint) {
        let previous = last
        if point.audioEndMicros < previous.audioEndMicros || point.textEnd < previous.textEnd {
            backwardPoints.append(point)
        }
        points.append(point)
    }
}
