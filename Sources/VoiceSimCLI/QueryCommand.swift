import ArgumentParser
import CLISupport
import Recorder
import VoiceSim

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Read-only SQL over one or more trace files at once.",
        discussion: """
            The files are attached read-only as t0, t1, …; the views sessions, marks, checkpoints, lanes \
            and chunks union them all, with a leading `trace` column naming the file (see README, \
            "Querying traces"). A statement that would write is refused. Example:
              voicesim query a.sqlite b.sqlite "select trace, id from sessions where interruptions > 0 and p95_latency_ms > 3000"
            Exit 0 on success, 2 on a bad trace, bad SQL or a refused write.
            """
    )

    @Argument(help: "One or more trace files, then the SQL statement (last).")
    var arguments: [String]

    @Flag(help: "Print the rows as a JSON array of objects.")
    var json = false

    func validate() throws {
        guard arguments.count >= 2 else { throw ValidationError("give at least one trace file and then the SQL.") }
    }

    func run() throws {
        let paths = Array(arguments.dropLast())
        let sql = arguments.last!
        let result = try orBadInput { () throws(DebugError) in try TraceQuery(paths: paths).run(sql) }
        if json {
            let rows = result.rows.map { row in
                JSONValue.object(zip(result.columns, row).map { ($0, Self.json($1)) })
            }
            print(JSONValue.array(rows).rendered())
        } else {
            print(result.table)
        }
    }

    static func json(_ value: SQLiteValue) -> JSONValue {
        switch value {
        case .integer(let number): .int(number)
        case .real(let number): .number(number, decimals: 6)
        case .text(let text): .string(text)
        case .blob(let bytes): .string(bytes.map { String($0, radix: 16) }.joined())
        case .null: .null
        }
    }
}
