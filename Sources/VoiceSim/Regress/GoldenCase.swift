import Foundation

/// One golden session and what it must show: `NAME.sqlite` (the recorded session) beside
/// `NAME.expect.yaml`:
///
///     description: >-
///       The caller interrupts the first answer in its first TTS frame.
///     scenario: barge-in-first-frame.yaml     # relative to this file
///     builtin: v2-barge-in                    # optional: the scenario file is this built-in, printed
///     expectations:
///       - exactly 1 interruption
///       - playback stops within 20 ms of speech onset
///       - cost $0.012345 ± 1 %
///
/// A golden recorded live (`voicesim serve --record`, origin `live`) has no scenario: it is
/// replayed bit for bit and its expectations are checked on the trace, but `--update` cannot
/// run it again (scripts/record-live-golden.sh records it anew).
public struct GoldenCase: Equatable, Sendable {
    /// One line of `expectations`: the sentence as written, and what it means.
    public struct Written: Equatable, Sendable {
        public var sentence: String
        public var expectation: GoldenExpectation
    }

    /// The file name without `.expect.yaml`: the golden's name in every report.
    public var name: String
    public var tracePath: String
    /// nil for a trace given without an expectations file beside it: replayed only.
    public var expectPath: String?
    public var description: String
    /// The scenario file the session was recorded from; nil for a live recording or a bare trace.
    public var scenarioPath: String?
    /// The built-in the scenario file was printed from (`voicesim scenarios NAME`), if any.
    public var builtin: String?
    public var expectations: [Written]
}

extension GoldenCase {
    static let expectSuffix = ".expect.yaml"

    /// The golden described by the expectations file at `path` (its trace is `NAME.sqlite` beside it).
    public static func load(expectFile path: String) throws(ScenarioError) -> GoldenCase {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(file: path, path: "", reason: "cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try parse(text, path: path)
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }

    static func parse(_ text: String, path: String) throws(ScenarioError) -> GoldenCase {
        var fields = try ScenarioFields(try ScenarioNode.parseYAML(text), path: "")
        let description = try fields.required("description", ScenarioFields.nonEmptyString)
        let scenario = try fields.optional("scenario", ScenarioFields.nonEmptyString)
        let builtin = try fields.optional("builtin", ScenarioFields.nonEmptyString)
        if builtin != nil && scenario == nil {
            throw ScenarioError(path: "builtin", reason: "a golden printed from a built-in needs its scenario file",
                                line: fields.line)
        }
        if let builtin, BuiltinScenarios.source(named: builtin) == nil {
            throw ScenarioError(path: "builtin", reason: "no built-in scenario \"\(builtin)\" (built-ins: "
                + BuiltinScenarios.names.joined(separator: ", ") + ")", line: fields.line)
        }
        let written = try fields.required("expectations") { (node, listPath) throws(ScenarioError) in
            try ScenarioFields.list(node, listPath) { (item, itemPath) throws(ScenarioError) in
                let sentence = try ScenarioFields.nonEmptyString(item, itemPath)
                guard let expectation = GoldenExpectation(sentence: sentence) else {
                    throw ScenarioError(
                        path: itemPath, reason: "no expectation reads \"\(sentence)\"; write one of: "
                            + GoldenExpectation.sentenceExamples.joined(separator: "; "), line: item.line)
                }
                return Written(sentence: sentence, expectation: expectation)
            }
        }
        guard !written.isEmpty else {
            throw ScenarioError(path: "expectations", reason: "expected at least one expectation", line: fields.line)
        }
        try fields.finish()
        let directory = (path as NSString).deletingLastPathComponent
        let name = String((path as NSString).lastPathComponent.dropLast(expectSuffix.count))
        return GoldenCase(
            name: name, tracePath: (directory as NSString).appendingPathComponent(name + ".sqlite"),
            expectPath: path, description: description,
            scenarioPath: scenario.map { (directory as NSString).appendingPathComponent($0) }, builtin: builtin,
            expectations: written)
    }

    /// A trace given on its own: replayed bit for bit, nothing else known.
    static func bare(tracePath: String) -> GoldenCase {
        let name = ((tracePath as NSString).lastPathComponent as NSString).deletingPathExtension
        return GoldenCase(name: name, tracePath: tracePath, expectPath: nil, description: "", scenarioPath: nil,
                          builtin: nil, expectations: [])
    }
}

extension GoldenCase {
    /// The goldens named by `paths`: a directory means every `*.expect.yaml` in it (by name);
    /// an `.expect.yaml` file, that golden; any other file, a trace (with its expectations
    /// when `NAME.expect.yaml` is beside it).
    public static func discover(_ paths: [String]) throws(RegressError) -> [GoldenCase] {
        var found: [GoldenCase] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .badGolden(name: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                    .filter { $0.hasSuffix(expectSuffix) }.sorted()
                guard !names.isEmpty else { throw .badGolden(name: path, reason: "no *\(expectSuffix) files in it") }
                for name in names { found.append(try loadOrFail((path as NSString).appendingPathComponent(name))) }
            } else if path.hasSuffix(expectSuffix) {
                found.append(try loadOrFail(path))
            } else {
                let expect = (path as NSString).deletingPathExtension + expectSuffix
                found.append(FileManager.default.fileExists(atPath: expect) ? try loadOrFail(expect)
                             : bare(tracePath: path))
            }
        }
        return found
    }

    private static func loadOrFail(_ path: String) throws(RegressError) -> GoldenCase {
        do {
            return try load(expectFile: path)
        } catch {
            throw .badGolden(name: path, reason: error.description)
        }
    }
}
