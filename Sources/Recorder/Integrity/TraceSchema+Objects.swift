extension TraceSchema {
    /// One row of `sqlite_schema`: what a trace of this version holds, and nothing else.
    struct SchemaObject: Equatable, Sendable, CustomStringConvertible {
        var type: String
        var name: String
        var table: String
        var sql: String?

        var description: String { "\(type) \(name)" }
    }

    /// The objects `createStatements` make, read back from a scratch in-memory database, so the
    /// list can never drift from the statements (SQLite keeps the statements' text as given).
    static let expectedObjects: [SchemaObject] = {
        do {
            let scratch = try SQLiteDatabase(path: ":memory:", flags: [.readWrite, .create])
            for statement in createStatements { try scratch.execute(statement) }
            return try objects(of: scratch)
        } catch {
            preconditionFailure("the trace schema does not compile: \(error)")
        }
    }()

    /// The objects in `database`'s `sqlite_schema`, by name.
    static func objects(of database: SQLiteDatabase) throws(SQLiteError) -> [SchemaObject] {
        let statement = try database.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        var objects: [SchemaObject] = []
        while try statement.step() == .row {
            objects.append(
                SchemaObject(
                    type: statement.string(at: 0) ?? "", name: statement.string(at: 1) ?? "",
                    table: statement.string(at: 2) ?? "", sql: statement.string(at: 3)))
        }
        return objects
    }

    /// Why `found` is not the schema of a trace of this version, or nil when it is.
    static func schemaDifference(_ found: [SchemaObject]) -> String? {
        guard found != expectedObjects else { return nil }
        for (index, object) in expectedObjects.enumerated() {
            guard index < found.count else { return "\(object) is missing" }
            guard found[index] == object else {
                return found[index].name == object.name
                    ? "the definition of \(object) was changed" : "found \(found[index]) where \(object) belongs"
            }
        }
        return "\(found[expectedObjects.count]) does not belong in a trace"
    }
}
