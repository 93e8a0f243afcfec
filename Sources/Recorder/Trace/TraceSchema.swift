/// The on-disk layout of a VoiceSim trace: one SQLite database holding many sessions.
///
/// Plain SQLite on purpose: rotated traces can be shipped anywhere and inspected with the
/// `sqlite3` CLI or ATTACHed together, with no tool of ours. Payloads are the only opaque part.
///
/// A chunk's `payload` is a zlib stream (RFC 1950) whose inflated bytes (`raw_size` of them) are
/// its records laid out in columns, so deflate sees like next to like:
///
///     varint  side column count S (0...sideColumnsMax)
///     varint  byte length of the two times columns, of the records column, of each side column
///     times   per record, its time in µs less the time `RecordTimeModel` predicts from the
///             chunk's earlier records, zig-zagged (the first record: 0), laid out by
///             `TimeResidualPacking` in two columns: bit lengths, then the bits themselves
///     records per record, a varint length then the record (an event encoded by a later layer)
///     sides   S columns of bytes a record layer put beside its records (opaque here)
///
/// `checksum` is the CRC-32 of the stored (compressed) `payload`, so damage is found before
/// inflating and any tool can verify a file without zlib framing knowledge; the zlib stream's
/// own Adler-32 then covers the inflated bytes.
///
/// A chunk may also carry audio entries (full-audio sessions keep their PCM there): numbered
/// per session from `first_audio_index`, `audio_count` of them, each framed as a varint length
/// then its bytes, zlib-compressed into `audio_payload` (CRC-32 in `audio_checksum`). The audio
/// columns come last in the row so reading events never touches them: replay does not need
/// samples, and skipping them keeps a full-audio replay as fast as a hash-only one.
///
/// `lanes` holds each session's lane setups (canonical `LaneSetup` bytes), so replay can
/// rebuild the machines that were recorded.
///
/// Every stored byte is covered by a checksum that readers verify: each row's `row_checksum` is
/// the CRC-32 of its other columns (`RowChecksum`, column order in `TraceColumns`), payloads are
/// covered by their own CRC-32 columns, and a session row counts its chunks, events, audio
/// entries, lanes, marks and checkpoints, so a row that goes missing is noticed as well. What is
/// left (free pages, SQLite's own structure) is for `PRAGMA integrity_check`, which
/// `TraceVerifier` runs.
public enum TraceSchema {
    /// Stored in `PRAGMA user_version` and in each session row. Bump on any incompatible change.
    ///
    /// 2: audio entries in chunks, audio totals in sessions, the `lanes` table.
    /// 3: chunk payloads laid out in columns (times, records, side columns).
    /// 4: checkpoints hold the lane's client and server state digests; the core's records
    ///    changed (the `played` message, new timers, config and usage fields).
    /// 5: every row of every table carries a `row_checksum` (see `RowChecksum`); sessions count
    ///    their lanes, marks and checkpoints, so a missing row is found too.
    /// 6: audio summaries in four side columns, energies split into bit length, high and low
    ///    bits (`SummaryPacking`); record times predicted per class of record (`RecordTimeModel`).
    /// 7: the canonical audio summary (records, digests) is sample count and fingerprint only;
    ///    frame energies, kept to 9 significant bits, are stored for mic chunks alone, in three
    ///    side columns (`SummaryPacking`); fingerprints have 32 bits. Digests changed with it.
    ///    Record times in two columns (`TimeResidualPacking`). New files have 1 KiB pages.
    public static let version: Int32 = 7

    /// SQLite's page size for new trace files (`TraceSchema.openForWriting`).
    static let pageBytes = 1_024

    /// Stored in `PRAGMA application_id`: "VSM1" in ASCII, so a trace is recognizable as such.
    public static let applicationID: Int32 = 0x5653_4D31

    /// The largest record `TraceWriter.append` accepts (also ByteReader's length limit).
    public static let recordBytesMax = 16 << 20

    /// The largest `raw_size` a reader will inflate. A chunk holds at most the size target plus
    /// one record, so anything above this is corruption, refused before allocating.
    public static let chunkRawBytesMax = 64 << 20

    /// The largest `audio_raw_size` a reader will inflate (same reasoning as `chunkRawBytesMax`).
    public static let chunkAudioRawBytesMax = 64 << 20

    /// Side columns a chunk may have (see `TraceWriter.append`).
    public static let sideColumnsMax = 8

    /// The most lanes a session may have (replay builds every lane's machines up front).
    public static let lanesMax = 4_096

    /// The statements that create an empty trace (run inside one transaction).
    static let createStatements: [String] = [
        """
        CREATE TABLE sessions (
            id              INTEGER PRIMARY KEY,
            origin          TEXT    NOT NULL CHECK (origin IN ('sim', 'live')),
            scenario_name   TEXT,
            scenario_text   TEXT,
            seed            INTEGER,           -- the UInt64 seed's bit pattern (printf('%016x', seed) shows it)
            code_version    TEXT    NOT NULL,
            schema_version  INTEGER NOT NULL,
            started_us      INTEGER NOT NULL,
            ended_us        INTEGER,           -- NULL: the writer never finished (crash or still recording)
            pipeline        TEXT    NOT NULL,
            audio_mode      TEXT    NOT NULL CHECK (audio_mode IN ('full', 'hash')),
            event_count     INTEGER NOT NULL DEFAULT 0,  -- records in committed chunks
            chunk_count     INTEGER NOT NULL DEFAULT 0,  -- committed chunks, indices 0..<chunk_count
            final_digest    TEXT    CHECK (final_digest IS NULL OR (length(final_digest) = 16
                                           AND final_digest NOT GLOB '*[^0-9a-f]*')),
            turns           INTEGER,
            mean_latency_ms REAL,
            p95_latency_ms  REAL,
            interruptions   INTEGER,
            reconnects      INTEGER,
            lost_audio_ms   INTEGER,
            cost_usd        REAL,
            metadata        TEXT    CHECK (metadata IS NULL OR json_valid(metadata)),
            raw_bytes       INTEGER NOT NULL DEFAULT 0,  -- sum of chunks.raw_size
            stored_bytes    INTEGER NOT NULL DEFAULT 0,  -- sum of length(chunks.payload)
            audio_count     INTEGER NOT NULL DEFAULT 0,  -- sum of chunks.audio_count
            audio_raw_bytes INTEGER NOT NULL DEFAULT 0,  -- sum of chunks.audio_raw_size
            audio_stored_bytes INTEGER NOT NULL DEFAULT 0, -- sum of length(chunks.audio_payload)
            lane_count      INTEGER NOT NULL,            -- rows in lanes
            mark_count      INTEGER NOT NULL DEFAULT 0,  -- committed rows in marks
            checkpoint_count INTEGER NOT NULL DEFAULT 0, -- committed rows in checkpoints
            row_checksum    INTEGER NOT NULL             -- CRC-32 of the columns above (RowChecksum)
        )
        """,
        """
        CREATE TABLE chunks (
            session_id        INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            chunk_index       INTEGER NOT NULL,
            first_time_us     INTEGER NOT NULL,
            last_time_us      INTEGER NOT NULL,
            first_event_index INTEGER NOT NULL,
            event_count       INTEGER NOT NULL,
            raw_size          INTEGER NOT NULL,
            payload           BLOB    NOT NULL,  -- zlib stream of length-prefixed records
            checksum          INTEGER NOT NULL,  -- CRC-32 of payload
            first_audio_index INTEGER NOT NULL,
            audio_count       INTEGER NOT NULL,
            audio_raw_size    INTEGER NOT NULL,
            audio_checksum    INTEGER,           -- CRC-32 of audio_payload; NULL when audio_count is 0
            row_checksum      INTEGER NOT NULL,  -- CRC-32 of the columns above but payload (RowChecksum)
            audio_payload     BLOB,              -- zlib stream of length-prefixed audio entries
            PRIMARY KEY (session_id, chunk_index)
        )
        """,
        """
        CREATE TABLE marks (
            session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            time_us     INTEGER NOT NULL,
            event_index INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            label       TEXT    NOT NULL,
            row_checksum INTEGER NOT NULL  -- CRC-32 of the columns above (RowChecksum)
        )
        """,
        "CREATE INDEX marks_by_session_time ON marks (session_id, time_us)",
        """
        CREATE TABLE checkpoints (
            session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            event_index INTEGER NOT NULL,
            time_us     INTEGER NOT NULL,
            digest      TEXT    NOT NULL CHECK (length(digest) = 16),  -- the lane's action digest
            client_state TEXT   CHECK (client_state IS NULL OR length(client_state) = 16),
            server_state TEXT   CHECK (server_state IS NULL OR length(server_state) = 16),
            row_checksum INTEGER NOT NULL,  -- CRC-32 of the columns above (RowChecksum)
            PRIMARY KEY (session_id, event_index)
        )
        """,
        """
        CREATE TABLE lanes (
            session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            lane        INTEGER NOT NULL,  -- 0..<lane count, the MachineInput lane number
            setup       BLOB    NOT NULL,  -- canonical LaneSetup bytes
            row_checksum INTEGER NOT NULL,  -- CRC-32 of the columns above (RowChecksum)
            PRIMARY KEY (session_id, lane)
        )
        """,
    ]
}
