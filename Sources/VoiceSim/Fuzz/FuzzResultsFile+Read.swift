import Recorder

extension FuzzResultsFile {
    /// Reads a results file written by `write`; a file that is missing, not SQLite, or not a
    /// results file of this schema is refused with an error naming it.
    public static func read(_ path: String) throws(FuzzResultsError) -> FuzzResults {
        do {
            let database = try SQLiteDatabase(path: path, flags: .readOnly)
            let application = try database.integer("PRAGMA application_id")
            guard application == applicationID else {
                throw FuzzResultsError.notResults(path: path, reason: "its application_id is \(application)")
            }
            let version = try database.integer("PRAGMA user_version")
            guard version == schemaVersion else {
                throw FuzzResultsError.notResults(
                    path: path, reason: "schema version \(version); this voicesim reads version \(schemaVersion)")
            }
            return try database.transaction(.deferred) { () throws(SQLiteError) in
                FuzzResults(
                    campaign: try readCampaign(database), shards: try readShards(database, path: path),
                    seeds: try readSeeds(database))
            }
        } catch let error as FuzzResultsError {
            throw error
        } catch let error as SQLiteError {
            throw .sqlite(path: path, error)
        } catch {
            throw .notResults(path: path, reason: "\(error)")
        }
    }

    private static func readCampaign(_ database: SQLiteDatabase) throws(SQLiteError) -> [FuzzCampaignParameter] {
        let rows = try database.prepare("SELECT key, value FROM campaign ORDER BY key")
        var parameters: [FuzzCampaignParameter] = []
        while try rows.step() == .row {
            parameters.append(FuzzCampaignParameter(rows.string(at: 0) ?? "", rows.string(at: 1) ?? ""))
        }
        return parameters
    }

    private static func readShards(_ database: SQLiteDatabase, path: String) throws(SQLiteError) -> [FuzzShardRun] {
        let rows = try database.prepare(
            "SELECT shard_index, shard_count, seeds_run, wall_seconds, jobs, complete FROM shards ORDER BY shard_index")
        var shards: [FuzzShardRun] = []
        while try rows.step() == .row {
            let index = Int(rows.int64(at: 0))
            let count = Int(rows.int64(at: 1))
            guard count >= 1 && index >= 0 && index < count else {
                throw SQLiteError(code: 11, message: "shard \(index)/\(count) is not a shard", sql: rows.sql)
            }
            shards.append(FuzzShardRun(
                shard: FuzzShard(index: index, count: count), seedsRun: Int(rows.int64(at: 2)),
                wallSeconds: rows.double(at: 3), jobs: Int(rows.int64(at: 4)), isComplete: rows.int64(at: 5) != 0))
        }
        return shards
    }

    private static func readSeeds(_ database: SQLiteDatabase) throws(SQLiteError) -> [FuzzSeedRecord] {
        let lines = try readLines(database)
        let rows = try database.prepare("""
            SELECT s.seed_index, s.seed, s.digest, s.kind, f.safety, f.scenario, f.fault_count, f.kept_faults,
                   f.repro, f.shrunk_yaml, f.seed_index IS NOT NULL
            FROM seeds s LEFT JOIN failures f ON f.seed_index = s.seed_index ORDER BY s.seed_index
            """)
        var seeds: [FuzzSeedRecord] = []
        while try rows.step() == .row {
            let index = Int(rows.int64(at: 0))
            let seedText = rows.string(at: 1) ?? ""
            guard seedText.hasPrefix("0x"), let seed = UInt64(seedText.dropFirst(2), radix: 16) else {
                throw SQLiteError(code: 11, message: "seed position \(index): bad seed '\(seedText)'", sql: rows.sql)
            }
            var failure: FuzzFailureRecord?
            if rows.int64(at: 10) != 0 {
                failure = FuzzFailureRecord(
                    kindName: rows.string(at: 3) ?? "", isSafety: rows.int64(at: 4) != 0,
                    failures: lines[LineKey(index: index, list: "failure")] ?? [],
                    scenarioDescription: rows.string(at: 5) ?? "", faultCount: Int(rows.int64(at: 6)),
                    keptFaults: rows.string(at: 7).map { $0.split(separator: ",").compactMap { Int($0) } },
                    shrunkFaultLines: lines[LineKey(index: index, list: "shrunkFault")] ?? [],
                    repro: rows.string(at: 8) ?? "", shrunkYAML: rows.string(at: 9) ?? "")
            }
            seeds.append(FuzzSeedRecord(index: index, seed: seed, digestHex: rows.string(at: 2) ?? "", failure: failure))
        }
        return seeds
    }

    private struct LineKey: Hashable {
        var index: Int
        var list: String
    }

    /// Every failure's lines, in order (the query sorts them; the dictionary is only looked up).
    private static func readLines(_ database: SQLiteDatabase) throws(SQLiteError) -> [LineKey: [String]] {
        let rows = try database.prepare(
            "SELECT seed_index, list, line FROM failure_lines ORDER BY seed_index, list, ordinal")
        var lines: [LineKey: [String]] = [:]
        while try rows.step() == .row {
            lines[LineKey(index: Int(rows.int64(at: 0)), list: rows.string(at: 1) ?? ""), default: []]
                .append(rows.string(at: 2) ?? "")
        }
        return lines
    }
}
