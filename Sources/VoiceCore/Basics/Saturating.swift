// Inlinable: the simulator sums with them on every step, and a `package` function's body is not
// offered to other modules' optimizer as a public one's is (cross-module optimization).
extension Int64 {
    /// `self + other`, clamped to the representable range: counters fed by a peer's numbers saturate, never trap.
    @inlinable package func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self * other`, clamped to the representable range.
    @inlinable package func multipliedSaturating(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
