import VoiceCore

/// Iterates a session's recorded events in order, decoding and verifying as it goes (one
/// chunk in memory at a time). After an error, or after the end, `next()` returns nil.
///
/// Audio entries are never read: events carry audio summaries, which is all the core needs.
public final class RecordedEventCursor {
    public let session: TraceSession
    let chunks: TraceChunkCursor
    var decoder: EventRecordDecoder
    var records: [TraceRecord] = []
    var position = 0
    /// Chunks read so far.
    public private(set) var chunkCount: Int64 = 0

    init(reader: TraceReader, session id: Int64) throws(TraceError) {
        session = try reader.session(id: id)
        chunks = try reader.chunks(session: id)
        decoder = EventRecordDecoder(session: id, laneCount: session.header.lanes.count)
    }
}

extension RecordedEventCursor {
    /// The next event, or nil after the last one.
    /// - Complexity: amortised O(size of the event); a chunk read, verified and inflated every
    ///   few thousand events.
    public func next() throws(TraceError) -> RecordedEvent? {
        while position == records.count {
            if chunkCount > 0 { try decoder.end() }
            guard let chunk = try chunks.next() else { return nil }
            try decoder.begin(chunk)
            chunkCount += 1
            records = chunk.records
            position = 0
        }
        defer { position += 1 }
        return try decoder.decode(records[position])
    }

    /// Every remaining event.
    public func all() throws(TraceError) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        while let event = try next() { events.append(event) }
        return events
    }
}

extension TraceReader {
    /// A cursor over the session's decoded events. Throws `.sessionNotFound`, or a session
    /// error for a damaged session row or lane setups.
    public func events(session id: Int64) throws(TraceError) -> RecordedEventCursor {
        try RecordedEventCursor(reader: self, session: id)
    }
}

// Holds a cursor of a connection that is not Sendable.
@available(*, unavailable)
extension RecordedEventCursor: Sendable {}
