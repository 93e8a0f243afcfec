/// What browser pages posted to `/browser/results` (the end-to-end test's page, run with
/// `?autorun=1`), for the test to read back.
///
/// Only the latest post is kept, and each is at most `bytesMax`: the endpoint takes a token,
/// but it must not become a way to fill the server's memory.
final class BrowserResults: Sendable {
    static let bytesMax = 1 << 20
    /// A hold is answered after this much waiting even without results, so a page that failed
    /// to post still finishes loading (and its screenshot shows why).
    static let holdMillisMax = 120_000
    static let holdPollMillis = 50

    private let state = Locked<String?>(nil)

    var latest: String? { state.withLock { $0 } }

    func post(_ body: String) {
        state.withLock { $0 = body }
    }

    /// Returns once results have been posted, or after `holdMillisMax`.
    func hold() async {
        var waited = 0
        while latest == nil && waited < BrowserResults.holdMillisMax {
            try? await Task.sleep(for: .milliseconds(BrowserResults.holdPollMillis))
            waited += BrowserResults.holdPollMillis
        }
    }
}
