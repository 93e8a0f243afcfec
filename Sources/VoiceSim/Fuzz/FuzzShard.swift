/// One of `count` disjoint slices of a fuzz campaign: the positions `i` with `i % count == index`.
///
/// A Kubernetes Indexed Job runs shard `JOB_COMPLETION_INDEX` of `completions` in each pod.
public struct FuzzShard: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// The whole campaign as one shard.
    public static let whole = FuzzShard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    /// Parses `i/N` with `0 <= i < N`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0,
            index < count
        else { return nil }
        self.init(index: index, count: count)
    }

    /// `i/N`.
    public var description: String { "\(index)/\(count)" }
}
