import Recorder

/// Why a fuzz results file could not be written, read or merged; each case names the file.
public enum FuzzResultsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be created, renamed or opened (the system's reason).
    case file(path: String, reason: String)
    /// SQLite failed on the file.
    case sqlite(path: String, SQLiteError)
    /// The file is a database but not a results file of this format.
    case notResults(path: String, reason: String)
    /// Two inputs come from different campaigns (or builds).
    case differentCampaign(path: String, key: String, value: String, expected: String, firstPath: String)
    /// Two inputs split the campaign into different numbers of shards.
    case differentShardCount(path: String, count: Int, expected: Int, firstPath: String)
    /// The same shard appears in two inputs.
    case overlappingShard(shard: FuzzShard, paths: [String])
    /// Shards of the campaign that no input holds.
    case missingShards(indices: [Int], count: Int)
    /// An input holds a seed outside its shard, or one already merged.
    case misplacedSeed(path: String, index: Int, reason: String)
    /// Nothing to merge.
    case noInputs

    public var description: String {
        switch self {
        case .file(let path, let reason): "\(path): \(reason)"
        case .sqlite(let path, let error): "\(path): \(error)"
        case .notResults(let path, let reason): "\(path) is not a voicesim fuzz results file: \(reason)"
        case .differentCampaign(let path, let key, let value, let expected, let firstPath):
            "\(path) is from a different campaign than \(firstPath): \(key) is \(value), not \(expected)"
        case .differentShardCount(let path, let count, let expected, let firstPath):
            "\(path) splits the campaign into \(count) shards, but \(firstPath) into \(expected)"
        case .overlappingShard(let shard, let paths):
            "overlapping shards: shard \(shard) is in both \(paths.joined(separator: " and "))"
        case .missingShards(let indices, let count):
            "missing shards: \(indices.map { "\($0)/\(count)" }.joined(separator: ", ")) "
                + "(\(indices.count) of \(count) not given)"
        case .misplacedSeed(let path, let index, let reason): "\(path): seed position \(index) \(reason)"
        case .noInputs: "no results files to merge"
        }
    }
}
