#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Computes independent values on several threads and hands them back in index order, so
/// what a caller prints or stores does not depend on how many threads ran or which finished
/// first.
///
/// Why threads and not processes: each value (a fuzz seed's simulation) is a pure function of
/// its index, so nothing is shared but the result slots, and one process keeps one exit code
/// and one output stream. Plain pthreads rather than Foundation's `Thread` keep Foundation off
/// the command line's start-up path.
package enum OrderedParallelMap {
    /// Runs `compute(i)` for `i` in `0..<count` on `jobs` threads and calls `deliver(i, value)`
    /// on the calling thread for `i = 0, 1, 2, …` in order, as soon as each value and all values
    /// before it are ready. When `deliver` returns false, no further index is started or
    /// delivered: the delivered prefix is the same for every `jobs`.
    ///
    /// `jobs == 1` computes on the calling thread, one index at a time.
    package static func run<Value: Sendable>(
        count: Int, jobs: Int, compute: @escaping @Sendable (Int) -> Value, deliver: (Int, Value) -> Bool
    ) {
        precondition(count >= 0 && jobs >= 1, "count \(count), jobs \(jobs)")
        guard jobs > 1 && count > 1 else {
            for index in 0..<count where !deliver(index, compute(index)) { return }
            return
        }
        let board = ResultBoard<Value>(count: count, compute: compute)
        var threads: [pthread_t] = []
        for _ in 0..<min(jobs, count) {
            threads.append(startThread(board))
        }
        var index = 0
        while index < count {
            let value = board.waitForResult(at: index)
            guard deliver(index, value) else {
                board.stopStarting(after: index)
                break
            }
            index += 1
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// The processors this process may run on (its default number of jobs).
    package static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    private static func startThread(_ worker: some ResultBoardWorker) -> pthread_t {
        let context = Unmanaged.passRetained(worker as AnyObject).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let code = pthread_create(&thread, nil, { context in
            // Balances the passRetained above: the thread owns one reference while it works.
            let worker = Unmanaged<AnyObject>.fromOpaque(context!).takeRetainedValue()
            (worker as! any ResultBoardWorker).work()
            return nil
        }, context)
        // Running out of threads is not something a fuzz campaign can work around.
        precondition(code == 0, "pthread_create failed: \(String(cString: strerror(code)))")
        #if canImport(Glibc)
        return thread
        #else
        return thread!
        #endif
    }
}

/// What a worker thread runs: claim the next index, compute it, post the result, repeat.
private protocol ResultBoardWorker: AnyObject {
    func work()
}

/// The shared state of one `OrderedParallelMap.run`: the next index to claim, the index past
/// which nothing starts, and one slot per result. Every field is read and written under
/// `mutex`; `ready` is signalled whenever a slot fills.
private final class ResultBoard<Value: Sendable>: ResultBoardWorker, @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let ready = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let compute: @Sendable (Int) -> Value
    private var slots: [Value?]
    private var nextIndex = 0
    private var endIndex: Int

    init(count: Int, compute: @escaping @Sendable (Int) -> Value) {
        self.compute = compute
        slots = Array(repeating: nil, count: count)
        endIndex = count
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(ready, nil)
    }

    deinit {
        pthread_cond_destroy(ready)
        pthread_mutex_destroy(mutex)
        ready.deallocate()
        mutex.deallocate()
    }

    func work() {
        while let index = claim() {
            let value = compute(index)
            pthread_mutex_lock(mutex)
            slots[index] = value
            pthread_cond_broadcast(ready)
            pthread_mutex_unlock(mutex)
        }
    }

    /// Blocks until the value at `index` is computed, and takes it out of its slot.
    func waitForResult(at index: Int) -> Value {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let value = slots[index] {
                slots[index] = nil
                return value
            }
            pthread_cond_wait(ready, mutex)
        }
    }

    /// No index after `index` starts from now on; those already running finish unread.
    func stopStarting(after index: Int) {
        pthread_mutex_lock(mutex)
        endIndex = min(endIndex, index + 1)
        pthread_mutex_unlock(mutex)
    }

    private func claim() -> Int? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard nextIndex < endIndex else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}
