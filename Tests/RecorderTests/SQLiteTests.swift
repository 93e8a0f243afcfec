import Recorder
import Testing

@Suite("SQLite layer")
struct SQLiteTests {
    @Test("statements bind, step and read back every storage class")
    func bindAndRead() throws {
        let directory = TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path("t.db"), flags: [.readWrite, .create])
        try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let insert = try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.run([.integer(-5), .real(2.5), .text("héllo"), .blob([0, 1, 255]), .null])
        try insert.run([.integer(Int64.max), .real(0), .text(""), .blob([]), .text("x")])
        #expect(database.lastInsertRowID == 2)
        let select = try database.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
        #expect(try select.step() == .row)
        #expect(select.int64(at: 0) == -5 && select.double(at: 1) == 2.5 && select.string(at: 2) == "héllo")
        #expect(select.blob(at: 3) == [0, 1, 255] && select.isNull(at: 4) && select.string(at: 4) == nil)
        #expect(try select.step() == .row)
        #expect(select.int64(at: 0) == Int64.max && select.blob(at: 3) == [] && !select.isNull(at: 3))
        #expect(try select.step() == .done)
    }

    @Test("a throwing transaction body rolls back")
    func rollback() throws {
        let directory = TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path("t.db"), flags: [.readWrite, .create])
        try database.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        #expect(throws: SQLiteError.self) {
            try database.transaction { () throws(SQLiteError) in
                try database.execute("INSERT INTO t VALUES (1)")
                try database.execute("INSERT INTO t VALUES (NULL)")
            }
        }
        #expect(try database.integer("SELECT count(*) FROM t") == 0)
        #expect(database.isAutocommit)
        try database.transaction { () throws(SQLiteError) in try database.execute("INSERT INTO t VALUES (2)") }
        #expect(try database.integer("SELECT count(*) FROM t") == 1)
    }

    @Test("errors carry code, SQLite's message and the SQL in one line")
    func errorDescription() throws {
        let directory = TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path("t.db"), flags: [.readWrite, .create])
        let error = #expect(throws: SQLiteError.self) { try database.execute("SELECT * FROM missing") }
        #expect(
            error?.description == "SQLite error 1: no such table: missing - while executing `SELECT * FROM missing`")
        #expect(throws: SQLiteError.self) { try database.prepare("SELECT 1; SELECT 2") }
        #expect(throws: SQLiteError.self) {
            try SQLiteDatabase(path: directory.path("absent.db"), flags: .readOnly)
        }
    }

    @Test("user_version and application_id read back what was set")
    func pragmas() throws {
        let directory = TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path("t.db"), flags: [.readWrite, .create])
        try database.setUserVersion(42)
        try database.setApplicationID(-7)
        #expect(try database.userVersion == 42)
        #expect(try database.applicationID == -7)
        try database.enableWAL()
        #expect(try database.text("PRAGMA journal_mode") == "wal")
    }
}
