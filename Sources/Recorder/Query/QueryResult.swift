/// The rows a `TraceQuery` returned, with their column names.
public struct QueryResult: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[SQLiteValue]]

    public init(columns: [String], rows: [[SQLiteValue]]) {
        self.columns = columns
        self.rows = rows
    }
}

extension QueryResult {
    /// Rows as an aligned text table, a header line first; blobs show as their size.
    public var table: String {
        let cells = rows.map { $0.map(Self.text) }
        var widths = columns.map(\.count)
        for row in cells { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                index == values.count - 1 ? value : value + String(repeating: " ", count: widths[index] - value.count)
            }.joined(separator: "  ")
        }
        var lines = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        lines += cells.map(line)
        return lines.joined(separator: "\n")
    }

    static func text(_ value: SQLiteValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let bytes): "<\(bytes.count) bytes>"
        case .null: "NULL"
        }
    }
}
