import ArgumentParser

extension RunCommand {
    /// `run …` parsed with `run` as the root, or nil for anything else, including every
    /// argument list that would not parse cleanly (help, completion requests, errors).
    ///
    /// Parsing under `voicesim` builds the argument set of the root and of the completion-script
    /// pseudo-commands by reflection before reaching `run`, whose first look-ups of protocol
    /// conformances each scan the static binary's whole conformance table: about 13 M
    /// instructions, more than a `run` of a short scenario. The caller falls back to the full
    /// parse whenever this gives nil, so every message, usage text and exit code still comes from
    /// there, naming `voicesim run`.
    static func parsedDirectly(_ arguments: [String]) -> RunCommand? {
        guard arguments.first == configuration.commandName else { return nil }
        return (try? parseAsRoot(Array(arguments.dropFirst()))) as? RunCommand
    }
}
