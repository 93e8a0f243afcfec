import NIOConcurrencyHelpers
import VoiceCore

/// The one way provider events reach a session's sink: closed by `shutdown`, after which
/// nothing gets through, even from a task that has not noticed its cancellation yet.
final class EventGate: Sendable {
    private let sink: ProviderEventSink
    private let requestIDs: ProviderRequestIDSink
    private let isOpen = NIOLockedValueBox(true)

    init(sink: @escaping ProviderEventSink, requestIDs: @escaping ProviderRequestIDSink = { _ in }) {
        self.sink = sink
        self.requestIDs = requestIDs
    }

    /// Reports a provider's ids for what it served, unless the gate is closed.
    func identify(_ id: ProviderRequestID) {
        isOpen.withLockedValue { open in
            guard open else { return }
            requestIDs(id)
        }
    }

    /// Delivers `events` unless the gate is closed; the lock is held while the sink runs,
    /// so `close()` returns only after any delivery in progress.
    func emit(_ events: [ServerEvent]) {
        guard !events.isEmpty else { return }
        isOpen.withLockedValue { open in
            guard open else { return }
            for event in events { sink(event) }
        }
    }

    func close() {
        isOpen.withLockedValue { $0 = false }
    }
}
