import VoiceCore

/// The V1/V2 feature flag: a sticky per-user assignment from a hash of the flag's name and
/// the user id, the way flag services bucket users, so a user stays on one arm for every
/// call and raising the share only moves users from V1 to V2.
public struct FeatureFlag: Equatable, Sendable {
    /// Salts the hash: two flags bucket the same users independently.
    public var name: String
    /// Share of users on V2.
    public var v2Share: Ratio

    public init(name: String = "voice-v2", v2Share: Ratio = .ppm(100_000)) {
        self.name = name
        self.v2Share = v2Share
    }
}

extension FeatureFlag {
    static let buckets: UInt64 = 1_000_000

    /// The user's bucket in `0..<1_000_000`: FNV-1a over "name/userID", never `Hasher`
    /// (seeded per process).
    public func bucket(userID: String) -> UInt64 {
        var digest = Digest64()
        for byte in "\(name)/\(userID)".utf8 { digest.write(byte) }
        var mixer = SplitMix64(seed: digest.value)
        return mixer.next() % FeatureFlag.buckets
    }

    /// The arm the user is on: V2 when the bucket falls inside the V2 share.
    public func pipeline(userID: String) -> Pipeline {
        let threshold = v2Share.numerator.multipliedFullWidth(by: FeatureFlag.buckets).low / v2Share.denominator
        return bucket(userID: userID) < threshold ? .v2 : .v1
    }
}
