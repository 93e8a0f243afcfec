import CSQLite

extension TraceSchema {
    /// Opens the trace at `path` for reading; it must exist and be a trace of this version.
    static func openForReading(path: String) throws(TraceError) -> SQLiteDatabase {
        let database = try open(path: path, flags: .readOnly)
        try validate(database)
        return database
    }

    /// Opens the trace at `path` for writing, creating it if the file is new or empty.
    ///
    /// A file that exists but is not an empty database is never modified unless it is a trace
    /// of this version: validation reads the header before anything is written.
    static func openForWriting(path: String) throws(TraceError) -> SQLiteDatabase {
        let database = try open(path: path, flags: [.readWrite, .create])
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

    private static func open(path: String, flags: SQLiteOpenFlags) throws(TraceError) -> SQLiteDatabase {
        do {
            return try SQLiteDatabase(path: path, flags: flags)
        } catch {
            throw TraceError(error, path: path, database: nil)
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
