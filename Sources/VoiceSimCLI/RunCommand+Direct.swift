import ArgumentParser
import CLISupport

extension RunCommand {
    /// `run …` read without the argument parser, for the plain forms a script uses
    /// (`run NAME [--json] [--log] [--seed S] [--timeline F] [--record F] [--audio M] [--max-mb N]`,
    /// each at most once, every value a separate argument not starting with `-`); nil for
    /// anything else, and for arguments that fail a check, so the caller's full parse gives
    /// every message, usage text and exit code, naming `voicesim run`.
    ///
    /// The argument parser builds each command's argument set by reflection, and under
    /// `voicesim` also those of the root and of two completion-script pseudo-commands; their
    /// first protocol-conformance look-ups each scan the static binary's whole conformance
    /// table: 14.9 M instructions for `run v2-ten-minute-call --json`, 5 % of the process.
    /// The names and defaults here are the ones declared on `RunCommand` and `ScenarioOptions`;
    /// `RunDirectParsingTests` holds this to the parser for both accepted and refused forms.
    static func parsedDirectly(_ arguments: [String]) -> RunCommand? {
        guard arguments.first == configuration.commandName else { return nil }
        var scenario: String?
        var json = false
        var log = false
        var seed: String?
        var timeline: String?
        var record: String?
        var audio: String?
        var maxMb: String?
        var rest = arguments.dropFirst()
        /// Takes the next argument as the value of an option not given before.
        func value(_ slot: inout String?) -> Bool {
            guard slot == nil, let value = rest.popFirst(), isPlainValue(value) else { return false }
            slot = value
            return true
        }
        while let argument = rest.popFirst() {
            let understood: Bool
            switch argument {
            case "--json":
                understood = !json
                json = true
            case "--log":
                understood = !log
                log = true
            case "--seed": understood = value(&seed)
            case "--timeline": understood = value(&timeline)
            case "--record": understood = value(&record)
            case "--audio": understood = value(&audio)
            case "--max-mb": understood = value(&maxMb)
            default:
                understood = scenario == nil && isPlainValue(argument)
                scenario = argument
            }
            guard understood else { return nil }
        }
        guard let scenario else { return nil }
        var options = ScenarioOptions()
        options.scenario = scenario
        options.seed = seed
        var run = RunCommand()
        run.options = options
        run.json = json
        run.log = log
        run.timeline = timeline
        run.record = record
        run.audio = .full
        run.maxMb = nil
        if let audio {
            guard let mode = AudioModeArgument(argument: audio) else { return nil }
            run.audio = mode
        }
        if let maxMb {
            guard let megabytes = Int(argument: maxMb) else { return nil }
            run.maxMb = megabytes
        }
        do {
            try options.validate()
            try run.validate()
        } catch {
            return nil
        }
        return run
    }

    /// A value the parser takes as written: not empty, and not something it reads as an
    /// option (`-x`, `--x`, a negative number) or the `--` terminator.
    private static func isPlainValue(_ argument: String) -> Bool {
        !argument.isEmpty && !argument.hasPrefix("-")
    }
}
