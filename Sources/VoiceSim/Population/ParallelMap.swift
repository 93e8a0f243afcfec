import Foundation

/// Runs independent work items on several threads and returns the results in item order,
/// so the output is the same whatever the number of threads.
///
/// Threads take the next unclaimed index from a shared counter (a slow item does not hold
/// up a whole stripe) and keep their results until the end, when they are put in order.
public enum ParallelMap {
    /// Jobs the machine can run at once.
    public static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `body(0) … body(count − 1)` on `jobs` threads; `progress` is called with the number
    /// of items done so far (from any thread, serialised).
    public static func map<T: Sendable>(
        count: Int, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil, _ body: @Sendable (Int) -> T
    ) -> [T] {
        precondition(count >= 0 && jobs >= 1, "count \(count), jobs \(jobs)")
        let shared = Shared<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(count, 1))) { _ in
            var mine: [(Int, T)] = []
            while let index = shared.claim() {
                mine.append((index, body(index)))
                if let progress { shared.finished(progress) }
            }
            shared.store(mine)
        }
        return shared.results()
    }

    /// The counter and the results, behind one lock.
    private final class Shared<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private let count: Int
        private var next = 0
        private var done = 0
        private var slots: [T?]

        init(count: Int) {
            self.count = count
            slots = Array(repeating: nil, count: count)
        }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func finished(_ progress: (Int) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            done += 1
            progress(done)
        }

        func store(_ results: [(Int, T)]) {
            lock.lock()
            defer { lock.unlock() }
            for (index, value) in results { slots[index] = value }
        }

        func results() -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { value in
                guard let value else { preconditionFailure("a parallel item produced no result") }
                return value
            }
        }
    }
}
