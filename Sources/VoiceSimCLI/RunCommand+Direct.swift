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
        var values: [String: String] = [:]
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--json":
                guard !json else { return nil }
                json = true
            case "--log":
                guard !log else { return nil }
                log = true
            case "--seed", "--timeline", "--record", "--audio", "--max-mb":
                guard values[argument] == nil, let value = rest.popFirst(), isPlainValue(value) else { return nil }
                values[argument] = value
            default:
                guard scenario == nil, isPlainValue(argument) else { return nil }
                scenario = argument
            }
        }
        guard let scenario else { return nil }
        var options = ScenarioOptions()
        options.scenario = scenario
        options.seed = values["--seed"]
        var run = RunCommand()
        run.options = options
        run.json = json
        run.log = log
        run.timeline = values["--timeline"]
        run.record = values["--record"]
        run.audio = .full
        run.maxMb = nil
        if let audio = values["--audio"] {
            guard let mode = AudioModeArgument(argument: audio) else { return nil }
            run.audio = mode
        }
        if let maxMb = values["--max-mb"] {
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
