/// Fingerprint → position of the first chunk with it, for `MicLedger`.
///
/// Why not a `Dictionary`: the keys are already 64-bit hashes of audio, so hashing them again
/// (SipHash, on every mic chunk, several times) is wasted work, and an `Int` per value doubles
/// the memory a call's ledger holds. This is open addressing with linear probing over 32-bit
/// slots holding position + 1 (0: empty), kept at most half full. Lookups only; never iterated.
struct FingerprintIndex {
    private var slots: [UInt32] = []
    private var count = 0

    /// Makes room for `capacity` fingerprints without growing.
    mutating func reserveCapacity(_ capacity: Int, fingerprints: (Int) -> UInt64) {
        guard capacity * 2 > slots.count else { return }
        rebuild(slotCount: FingerprintIndex.slotCount(for: capacity), fingerprints: fingerprints)
    }

    /// The position stored for `fingerprint`, if any; `fingerprints(i)` reads the fingerprint
    /// at position `i`.
    /// - Complexity: O(1) expected.
    func position(of fingerprint: UInt64, fingerprints: (Int) -> UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if fingerprints(position) == fingerprint { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `position` for `fingerprint` unless a position is stored for it already.
    /// - Complexity: O(1) expected (amortized, with growth).
    mutating func insertIfAbsent(_ fingerprint: UInt64, position: Int, fingerprints: (Int) -> UInt64) {
        precondition(position >= 0 && position < Int(UInt32.max), "FingerprintIndex position \(position)")
        if (count + 1) * 2 > slots.count {
            rebuild(slotCount: FingerprintIndex.slotCount(for: count + 1), fingerprints: fingerprints)
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while slots[slot] != 0 {
            if fingerprints(Int(slots[slot]) - 1) == fingerprint { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt32(position + 1)
        count += 1
    }

    /// Slots for `capacity` entries at most half full: a power of two, at least 16.
    private static func slotCount(for capacity: Int) -> Int {
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount *= 2 }
        return slotCount
    }

    /// Moves every entry into `slotCount` slots.
    private mutating func rebuild(slotCount: Int, fingerprints: (Int) -> UInt64) {
        let old = slots
        slots = [UInt32](repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for stored in old where stored != 0 {
            var slot = Int(truncatingIfNeeded: fingerprints(Int(stored) - 1)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }
}
