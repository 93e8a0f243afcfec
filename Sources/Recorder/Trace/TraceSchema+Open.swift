import CSQLite

extension TraceSchema {
    /// Opens the trace at `path` for reading; it must exist and be a trace of this version.
    ///
    /// Always read-only (`SQLITE_OPEN_READONLY`), and leaving nothing behind where it can:
    /// - With no `-wal` beside the file, no writer is active and every commit is in the file
    ///   itself, so it is opened `immutable=1`: SQLite then takes no locks and creates no
    ///   `-wal`/`-shm`. (A writer that starts meanwhile and checkpoints into the file during a
    ///   long read can make a read fail a check: an error, never wrong data.)
    /// - With a `-wal`, a writer may be recording, so it is opened as a WAL reader to see its
    ///   commits. If that cannot work because the directory is not writable (SQLite cannot make
    ///   the `-shm` it needs), it falls back to `immutable=1`, which reads what the file itself
    ///   holds (commits still only in the `-wal` are not seen).
    static func openForReading(path: String) throws(TraceError) -> SQLiteDatabase {
        let immutable: SQLiteOpenFlags = [.readOnly, .uri]
        let uri = SQLiteDatabase.fileURI(path, ["mode=ro", "immutable=1"])
        guard SQLiteDatabase.fileExists(path) else {
            throw .cannotOpen(path: path, reason: "no such file")
        }
        if !SQLiteDatabase.fileExists(path + "-wal") {
            let database = try open(path: uri, flags: immutable, shownAs: path)
            try validate(database)
            return database
        }
        let database = try open(path: path, flags: .readOnly, shownAs: path)
        do {
            _ = try database.integer("SELECT count(*) FROM sqlite_schema")
        } catch where error.primaryCode == SQLITE_CANTOPEN || error.primaryCode == SQLITE_READONLY {
            let fallback = try open(path: uri, flags: immutable, shownAs: path)
            try validate(fallback)
            return fallback
        } catch {
            // Anything else (not a database, corrupt) is reported by validation, with its path.
        }
        try validate(database)
        return database
    }

    /// Opens the trace at `path` for writing, creating it if the file is new or empty.
    ///
    /// A file that exists but is not an empty database is never modified unless it is a trace
    /// of this version: validation reads the header before anything is written.
    ///
    /// A new file is created private, mode 0600 whatever the umask (traces hold voices), and
    /// SQLite gives its `-wal` and `-shm` the same mode. An existing file keeps its mode.
    static func openForWriting(path: String) throws(TraceError) -> SQLiteDatabase {
        let created = FileSystemPath.withCString(path) { csqlite_create_private_file($0) }
        guard created == 0 else {
            throw .cannotOpen(path: path, reason: "cannot create it: \(String(cString: strerror(created)))")
        }
        let database = try open(path: path, flags: [.readWrite, .create], shownAs: path)
        let isEmpty: Bool
        do {
            isEmpty = try isEmptyDatabase(database)
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        if !isEmpty {
            try validate(database)
        }
        do {
            // The page size before WAL (which fixes it) and before any table. 1 KiB pages, as
            // small as the chunks' overflow chains allow without slowing them: a hash-only trace's
            // ten small tables and last pages then waste 1 KiB each, not 4 (a 10-minute call's
            // trace: a tenth smaller).
            if isEmpty { try database.execute("PRAGMA page_size = \(TraceSchema.pageBytes)") }
            // WAL before creating: journal_mode cannot change inside the creating transaction.
            try database.enableWAL()
            if isEmpty {
                try create(database)
            }
            // NORMAL is safe in WAL mode: a process crash never loses a commit (the OS holds
            // the WAL); only a power loss can drop the last commits, never corrupting the file.
            try database.execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        return database
    }

    /// Opens `path` (a file path or URI); errors name the file as `shown`.
    private static func open(path: String, flags: SQLiteOpenFlags, shownAs shown: String)
        throws(TraceError) -> SQLiteDatabase
    {
        do {
            return try SQLiteDatabase(path: path, flags: flags, displayPath: shown)
        } catch {
            throw TraceError(error, path: shown, database: nil)
        }
    }

    /// Checks the header of an existing file: application id, then schema version.
    private static func validate(_ database: SQLiteDatabase) throws(TraceError) {
        let path = database.path
        let found: (applicationID: Int32, userVersion: Int32)
        do {
            found = (try database.applicationID, try database.userVersion)
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        guard found.applicationID == applicationID else {
            throw .notATrace(
                path: path,
                reason: "application_id is \(hex8(UInt32(bitPattern: found.applicationID))), "
                    + "expected \(hex8(UInt32(bitPattern: applicationID)))")
        }
        guard found.userVersion == version else {
            throw .schemaVersion(path: path, found: found.userVersion, expected: version)
        }
        let objects: [SchemaObject]
        do {
            objects = try Self.objects(of: database)
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        if let difference = schemaDifference(objects) {
            throw .schemaMismatch(path: path, reason: difference)
        }
    }

    /// A brand-new file: no application id, no version, no tables.
    private static func isEmptyDatabase(_ database: SQLiteDatabase) throws(SQLiteError) -> Bool {
        // The first read is what detects a non-SQLite file (SQLITE_NOTADB), before any write.
        let applicationID = try database.applicationID
        let userVersion = try database.userVersion
        let objects = try database.integer("SELECT count(*) FROM sqlite_schema")
        return applicationID == 0 && userVersion == 0 && objects == 0
    }

    /// Creates the tables and stamps the header, all in one transaction, so a crash while
    /// creating leaves an empty file rather than a half-made trace.
    private static func create(_ database: SQLiteDatabase) throws(SQLiteError) {
        try database.transaction(.immediate) { () throws(SQLiteError) in
            // Another writer may have created the schema between our check and our lock.
            guard try database.integer("SELECT count(*) FROM sqlite_schema") == 0 else { return }
            for statement in createStatements {
                try database.execute(statement)
            }
            // Both pragmas write page 1 and are part of the transaction.
            try database.setApplicationID(applicationID)
            try database.setUserVersion(version)
        }
        // If another writer won the race, its file must still be a trace of our version.
        try requireStamped(database)
    }

    private static func requireStamped(_ database: SQLiteDatabase) throws(SQLiteError) {
        guard try database.applicationID == applicationID, try database.userVersion == version else {
            throw SQLiteError(code: SQLITE_ERROR, message: "schema was created by someone else", sql: nil)
        }
    }
}
