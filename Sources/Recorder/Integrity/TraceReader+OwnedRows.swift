extension TraceReader {
    /// The rowids of `table`'s rows that session `id` owns, in `orderBy` order (found through the
    /// table's index).
    func ownedRowIDs(_ table: String, session id: Int64, orderBy: String) throws(TraceError) -> [Int64] {
        try query("SELECT rowid FROM \(table) WHERE session_id = ? ORDER BY \(orderBy)", [.integer(id)]) {
            $0.int64(at: 0)
        }
    }

    /// A statement that reads one row of `table` by rowid: its checksummed `columns`, then
    /// `row_checksum`, then `extra` (e.g. payloads).
    ///
    /// Rows are found through an index but read by rowid on purpose: when a query reads a row
    /// through an index, SQLite takes the indexed columns from the index, so damage to the table's
    /// own copy of them would never reach the checksum.
    func rowByID(_ table: String, _ columns: [String], extra: String = "") throws(TraceError) -> SQLiteStatement {
        try prepare("SELECT \(TraceColumns.select(columns))\(extra.isEmpty ? "" : ", " + extra) FROM \(table) WHERE rowid = ?")
    }

    /// Positions `statement` (from `rowByID`) on row `rowid`, which session `id` must own.
    func seek(_ statement: SQLiteStatement, rowid: Int64, table: String, session id: Int64) throws(TraceError) {
        do {
            try statement.reset()
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        statement.bind([.integer(rowid)])
        guard try step(statement) else {
            throw .fileCorrupt(path: path, reason: "the index of \(table) lists row \(rowid), which is not in the table")
        }
        guard statement.int64(at: 0) == id else {
            throw .fileCorrupt(
                path: path,
                reason: "the index of \(table) lists row \(rowid) under session \(id), the row says "
                    + "session \(statement.int64(at: 0))")
        }
    }

    /// The rows of `table` that session `id` owns, in `orderBy` order, each read by rowid and
    /// mapped by `map` (which checks the row).
    func ownedRows<Row>(
        _ table: String, _ columns: [String], session id: Int64, orderBy: String,
        _ map: (SQLiteStatement, Int64) throws(TraceError) -> Row
    ) throws(TraceError) -> [Row] {
        let rowids = try ownedRowIDs(table, session: id, orderBy: orderBy)
        let statement = try rowByID(table, columns)
        var rows: [Row] = []
        for rowid in rowids {
            try seek(statement, rowid: rowid, table: table, session: id)
            rows.append(try map(statement, rowid))
        }
        return rows
    }
}
