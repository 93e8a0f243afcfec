import VoiceCore

/// One field of a profile in scenario files, declared once: its name, its bounds, how a
/// file's value is read into the profile and how the profile's value is written back.
///
/// The decoder and the YAML writer both walk a profile's table (`STTProfile.scenarioFields`,
/// `LinkProfile.scenarioFields`, …) in table order, so a field cannot be readable yet never
/// written, or written under another name.
struct ProfileField<Profile> {
    let name: String
    /// A file must give the field ("missing required field" otherwise).
    let required: Bool
    /// Reads the file's value at `path` into the profile.
    let decode: (inout Profile, ScenarioNode, String) throws(ScenarioError) -> Void
    /// The profile's value as the file writes it.
    let encode: (Profile) -> String
    /// True when the writer must write the field; by default when it (or a field written with
    /// it) differs from the default profile.
    let isWritten: (_ profile: Profile, _ defaults: Profile) -> Bool
}

extension ProfileField {
    /// A field held at `keyPath`. `partner` is written whenever this one is and the other way
    /// round, for pairs checked against each other (a minimum and a maximum). `writtenWhen`
    /// replaces the default rule (written where it differs from the default profile), e.g.
    /// with `ProfileField.always` for a field every written object spells out.
    static func field<Value: Equatable>(
        _ name: String, _ keyPath: WritableKeyPath<Profile, Value>,
        read: @escaping (ScenarioNode, String) throws(ScenarioError) -> Value,
        write: @escaping (Value) -> String,
        required: Bool = false,
        writtenWith partner: WritableKeyPath<Profile, Value>? = nil,
        writtenWhen: ((_ profile: Profile, _ defaults: Profile) -> Bool)? = nil
    ) -> ProfileField {
        ProfileField(
            name: name, required: required,
            decode: { profile, node, path throws(ScenarioError) in profile[keyPath: keyPath] = try read(node, path) },
            encode: { write($0[keyPath: keyPath]) },
            isWritten: writtenWhen ?? { profile, defaults in
                profile[keyPath: keyPath] != defaults[keyPath: keyPath]
                    || partner.map { profile[keyPath: $0] != defaults[keyPath: $0] } == true
            })
    }

    /// The rule of a field written whenever its object is.
    static func always(_ profile: Profile, _ defaults: Profile) -> Bool { true }

    /// `{meanMs, jitterMs, tailPpm, tailMaxMs}`.
    static func latency(_ name: String, _ keyPath: WritableKeyPath<Profile, LatencyDistribution>) -> ProfileField {
        field(name, keyPath, read: Scenario.decodeLatency, write: YAMLText.latency)
    }

    /// A `…Ms` field held in microseconds.
    static func millis(
        _ name: String, _ keyPath: WritableKeyPath<Profile, Int64>, positive: Bool = false, required: Bool = false,
        writtenWhen: ((_ profile: Profile, _ defaults: Profile) -> Bool)? = nil
    ) -> ProfileField {
        let read: (ScenarioNode, String) throws(ScenarioError) -> Int64 = { node, path throws(ScenarioError) in
            positive ? try ScenarioFields.positiveDurationMicros(node, path) : try ScenarioFields.durationMicros(node, path)
        }
        return field(name, keyPath, read: read, write: YAMLText.millis, required: required, writtenWhen: writtenWhen)
    }

    /// A `…Ppm` field.
    static func ppm(_ name: String, _ keyPath: WritableKeyPath<Profile, Ratio>) -> ProfileField {
        field(name, keyPath, read: ScenarioFields.ppm, write: YAMLText.ppm)
    }

    /// An integer in `bounds` as the file writes it, held multiplied by `scale` (1 000 for a
    /// `…Ms` field held in microseconds); `unit` goes into the error message.
    static func integer<Value: BinaryInteger & Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Profile, Value>, _ bounds: ClosedRange<Int64>, unit: String = "",
        scale: Int64 = 1, writtenWith partner: WritableKeyPath<Profile, Value>? = nil
    ) -> ProfileField {
        let expected = "an integer from \(bounds.lowerBound) to \(bounds.upperBound)" + (unit.isEmpty ? "" : " (\(unit))")
        return field(
            name, keyPath,
            read: { node, path throws(ScenarioError) in
                Value(try ScenarioFields.integer(node, path, min: bounds.lowerBound, max: bounds.upperBound,
                                                 expected: expected) * scale)
            },
            write: { String(Int64($0) / scale) }, writtenWith: partner)
    }
}

extension ScenarioFields {
    /// Reads every field of `table` the object has into `profile` (absent ones keep its value).
    mutating func read<Profile>(_ table: [ProfileField<Profile>], into profile: inout Profile) throws(ScenarioError) {
        for field in table {
            let found: Void? = try optional(field.name) { node, path throws(ScenarioError) in
                try field.decode(&profile, node, path)
            }
            if field.required && found == nil {
                throw ScenarioError(path: path(of: field.name), reason: "missing required field", line: line)
            }
        }
    }
}

extension YAMLText {
    /// `name: value` for each field of `table` that must be written, in table order.
    static func pairs<Profile>(_ profile: Profile, defaults: Profile, _ table: [ProfileField<Profile>])
        -> [(String, String)]
    {
        table.filter { $0.isWritten(profile, defaults) }.map { ($0.name, $0.encode(profile)) }
    }
}
