extension FuzzResults {
    /// Combines the results of a campaign's shards into one, in seed order.
    ///
    /// Refuses inputs from different campaigns (any stored parameter differs), inputs that split
    /// the campaign differently, a shard given twice, a shard not given, and a seed outside its
    /// shard: a merged file always stands for exactly one whole campaign.
    public static func merged(_ inputs: [(path: String, results: FuzzResults)]) throws(FuzzResultsError) -> FuzzResults {
        guard let (firstPath, first) = inputs.first else { throw .noInputs }
        guard let count = first.shards.first?.shard.count else {
            throw .notResults(path: firstPath, reason: "it records no shard")
        }
        var owner: [Int: String] = [:]
        var shards: [FuzzShardRun] = []
        var seeds: [FuzzSeedRecord] = []
        for (path, results) in inputs {
            if results.campaign != first.campaign {
                let keys = Set(results.campaign.map(\.key) + first.campaign.map(\.key)).sorted()
                let key = keys.first { results.parameter($0) != first.parameter($0) } ?? "?"
                throw .differentCampaign(path: path, key: key, value: results.parameter(key) ?? "(none)",
                                         expected: first.parameter(key) ?? "(none)", firstPath: firstPath)
            }
            for run in results.shards {
                guard run.shard.count == count else {
                    throw .differentShardCount(path: path, count: run.shard.count, expected: count, firstPath: firstPath)
                }
                if let other = owner[run.shard.index] { throw .overlappingShard(shard: run.shard, paths: [other, path]) }
                owner[run.shard.index] = path
                shards.append(run)
            }
            let mine = Set(results.shards.map(\.shard.index))
            for record in results.seeds where !mine.contains(record.index % count) {
                throw .misplacedSeed(path: path, index: record.index, reason: "belongs to shard \(record.index % count)/\(count)")
            }
            seeds += results.seeds
        }
        let missing = (0..<count).filter { owner[$0] == nil }
        guard missing.isEmpty else { throw .missingShards(indices: missing, count: count) }
        return FuzzResults(campaign: first.campaign, shards: shards, seeds: seeds)
    }
}
