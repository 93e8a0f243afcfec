/// JSGF grammars for pocketsphinx, built from text.
///
/// Words are lowercased and reduced to letters, digits and apostrophes (the dictionary's
/// spelling); words the dictionary lacks are left out, because one unknown word makes
/// pocketsphinx refuse the whole grammar.
enum PhraseGrammar {
    /// The words of `text` as the dictionary spells them.
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "-" }).map { word in
            String(word.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "'" })
        }.filter { !$0.isEmpty }
    }

    /// One phrase per utterance; nil when no phrase has a known word.
    static func phrases(_ phrases: [String], isKnown: (String) -> Bool) -> String? {
        var alternatives: [String] = []
        for phrase in phrases {
            let known = words(phrase).filter(isKnown)
            let alternative = known.joined(separator: " ")
            if !known.isEmpty && !alternatives.contains(alternative) { alternatives.append(alternative) }
        }
        guard !alternatives.isEmpty else { return nil }
        return header + "public <utterance> = " + alternatives.map { "( \($0) )" }.joined(separator: " | ") + ";\n"
    }

    /// Any sequence of the words; nil when none is known.
    static func wordLoop(_ vocabulary: [String], isKnown: (String) -> Bool) -> String? {
        var known: [String] = []
        for word in vocabulary.flatMap(words) where isKnown(word) && !known.contains(word) { known.append(word) }
        guard !known.isEmpty else { return nil }
        return header + "public <utterance> = <word>+;\n<word> = " + known.joined(separator: " | ") + ";\n"
    }

    private static let header = "#JSGF V1.0;\ngrammar voicesim;\n"
}
