/// A buffer a hash-only run renders each audio chunk into before summarizing it, reused from
/// chunk to chunk so that no chunk allocates: a temporary allocation of a chunk's 3,200 bytes
/// goes to the heap on Linux (too large for the stack), about 450 instructions a chunk.
struct AudioScratch {
    private var samples: [Int16] = []
}

extension AudioScratch {
    /// Calls `body` with a buffer of `count` samples whose values are unspecified.
    /// - Complexity: O(1), or O(`count`) when it needs more room than any call before.
    mutating func withBuffer<Result>(count: Int, _ body: (UnsafeMutableBufferPointer<Int16>) -> Result) -> Result {
        if samples.count < count { samples = [Int16](repeating: 0, count: count) }
        return samples.withUnsafeMutableBufferPointer { buffer in
            body(UnsafeMutableBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
