import Recorder
import VoiceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fuzz results as a plain SQLite file, one per shard, so a fleet needs no service of ours:
/// each pod writes its file, `voicesim fuzz merge` combines them, `voicesim query` (or sqlite3)
/// reads them.
///
/// Tables: `campaign(key, value)`, `shards(shard_index, shard_count, seeds_run, wall_seconds,
/// jobs, complete)`, `seeds(seed_index, seed, digest, kind)` (kind NULL when the seed passed),
/// `failures(seed_index, safety, scenario, fault_count, kept_faults, repro, shrunk_yaml)` and
/// `failure_lines(seed_index, list, ordinal, line)` (list `failure` or `shrunkFault`).
public enum FuzzResultsFile {
    /// `PRAGMA application_id` of a results file: "VSFZ".
    static let applicationID: Int64 = 0x5653_465A
    /// `PRAGMA user_version`: the schema version.
    static let schemaVersion: Int64 = 1

    static let schema = """
        CREATE TABLE campaign (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE shards (
            shard_index INTEGER PRIMARY KEY, shard_count INTEGER NOT NULL, seeds_run INTEGER NOT NULL,
            wall_seconds REAL NOT NULL, jobs INTEGER NOT NULL, complete INTEGER NOT NULL);
        CREATE TABLE seeds (seed_index INTEGER PRIMARY KEY, seed TEXT NOT NULL, digest TEXT NOT NULL, kind TEXT);
        CREATE TABLE failures (
            seed_index INTEGER PRIMARY KEY REFERENCES seeds(seed_index), safety INTEGER NOT NULL,
            scenario TEXT NOT NULL, fault_count INTEGER NOT NULL, kept_faults TEXT, repro TEXT NOT NULL,
            shrunk_yaml TEXT NOT NULL);
        CREATE TABLE failure_lines (
            seed_index INTEGER NOT NULL REFERENCES failures(seed_index),
            list TEXT NOT NULL CHECK (list IN ('failure', 'shrunkFault')), ordinal INTEGER NOT NULL,
            line TEXT NOT NULL, PRIMARY KEY (seed_index, list, ordinal)) WITHOUT ROWID;
        """

    /// Writes `results` to `path`, replacing any file there, readable by its owner only (0600).
    ///
    /// The file appears whole or not at all: it is written beside `path` and renamed over it,
    /// so a pod killed mid-write leaves no half file for `merge` to trip on.
    public static func write(_ results: FuzzResults, to path: String) throws(FuzzResultsError) {
        let partial = path + ".partial"
        for suffix in ["", "-journal"] { unlink(partial + suffix) }
        let descriptor = open(partial, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw .file(path: partial, reason: String(cString: strerror(errno))) }
        close(descriptor)
        do {
            try fill(partial, with: results)
        } catch {
            unlink(partial)
            throw error
        }
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw .file(path: path, reason: reason)
        }
    }

    private static func fill(_ path: String, with results: FuzzResults) throws(FuzzResultsError) {
        do {
            let database = try SQLiteDatabase(path: path, flags: [.readWrite])
            try database.execute("PRAGMA application_id = \(applicationID); PRAGMA user_version = \(schemaVersion);")
            try database.transaction { () throws(SQLiteError) in
                try database.execute(schema)
                let campaign = try database.prepare("INSERT INTO campaign VALUES (?, ?)")
                for parameter in results.campaign {
                    try campaign.run([.text(parameter.key), .text(parameter.value)])
                }
                let shards = try database.prepare("INSERT INTO shards VALUES (?, ?, ?, ?, ?, ?)")
                for run in results.shards {
                    try shards.run([
                        .integer(Int64(run.shard.index)), .integer(Int64(run.shard.count)),
                        .integer(Int64(run.seedsRun)), .real(run.wallSeconds), .integer(Int64(run.jobs)),
                        .integer(run.isComplete ? 1 : 0),
                    ])
                }
                try insertSeeds(results.seeds, into: database)
            }
        } catch {
            throw .sqlite(path: path, error)
        }
    }

    private static func insertSeeds(_ seeds: [FuzzSeedRecord], into database: SQLiteDatabase) throws(SQLiteError) {
        let seedRow = try database.prepare("INSERT INTO seeds VALUES (?, ?, ?, ?)")
        let failureRow = try database.prepare("INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?)")
        let lineRow = try database.prepare("INSERT INTO failure_lines VALUES (?, ?, ?, ?)")
        for record in seeds {
            let index = SQLiteValue.integer(Int64(record.index))
            try seedRow.run([index, .text("0x" + hex16(record.seed)), .text(record.digestHex),
                             .text(record.failure?.kindName)])
            guard let failure = record.failure else { continue }
            try failureRow.run([
                index, .integer(failure.isSafety ? 1 : 0), .text(failure.scenarioDescription),
                .integer(Int64(failure.faultCount)),
                .text(failure.keptFaults.map { $0.map(String.init).joined(separator: ",") }),
                .text(failure.repro), .text(failure.shrunkYAML),
            ])
            for (list, lines) in [("failure", failure.failures), ("shrunkFault", failure.shrunkFaultLines)] {
                for (ordinal, line) in lines.enumerated() {
                    try lineRow.run([index, .text(list), .integer(Int64(ordinal)), .text(line)])
                }
            }
        }
    }
}
