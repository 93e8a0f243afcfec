import VoiceCore

/// Decodes a session's records in order (see `EventRecord`), growing its audio table.
///
/// Everything is checked: a record that passed its chunk's checksum can still be wrong (a
/// recorder bug, or damage given a fresh checksum), and it must give `.recordCorrupt`, never a
/// trap or a machine fed nonsense.
struct EventRecordDecoder {
    let session: Int64
    let laneCount: Int
    /// Summaries of every chunk seen so far, by table index.
    private(set) var audio: [AudioChunk] = []
    /// One per lane.
    var contexts: [RecordContext]
    /// The current chunk's side columns: the summaries of the chunks its records add (`SummaryPacking`).
    var summaries = SummaryColumnsReader([])
    /// The chunk being decoded, for errors about its side columns.
    var chunkIndex: Int64 = -1

    init(session: Int64, laneCount: Int) {
        self.session = session
        self.laneCount = laneCount
        contexts = Array(repeating: RecordContext(), count: laneCount)
    }
}

extension EventRecordDecoder {
    /// Starts decoding the records of `chunk` (the session's next chunk).
    mutating func begin(_ chunk: TraceChunk) throws(TraceError) {
        guard chunk.sides.count == 0 || chunk.sides.count == SummaryPacking.columnCount else {
            throw .chunkCorrupt(
                session: session, chunk: chunk.index,
                reason: "\(chunk.sides.count) side columns, expected 0 or \(SummaryPacking.columnCount)")
        }
        chunkIndex = chunk.index
        summaries = SummaryColumnsReader(chunk.sides)
    }

    /// After the chunk's last record: its side columns must be used up.
    func end() throws(TraceError) {
        guard summaries.isAtEnd else {
            throw .chunkCorrupt(
                session: session, chunk: chunkIndex,
                reason: "\(summaries.remaining) side column bytes no record refers to")
        }
    }

    /// The event of `record`, which must be the session's next record.
    mutating func decode(_ record: TraceRecord) throws(TraceError) -> RecordedEvent {
        guard EventRecord.timeMicrosRange.contains(record.time.micros) else {
            throw corrupt(record, "time \(record.time) is outside \(EventRecord.timeMicrosRange) µs")
        }
        var reader = ByteReader(record.bytes)
        do {
            let (input, output) = try decodeFields(&reader, now: record.time)
            try reader.expectEnd("record")
            return RecordedEvent(index: record.index, time: record.time, input: input, output: output)
        } catch {
            throw corrupt(record, error.description)
        }
    }

    private mutating func decodeFields(_ reader: inout ByteReader, now: Instant) throws(DecodeError)
        -> (MachineInput, MachineOutput)
    {
        let machine = try reader.readByte("machine")
        let lane = try reader.readVarint("lane", as: UInt32.self)
        guard Int(lane) < laneCount else {
            throw reader.error("lane", .valueOutOfRange("lane \(lane) of a session with \(laneCount) lanes"))
        }
        let newCount = try reader.readVarint("new audio count")
        guard newCount <= UInt64(summaries.chunksLeft) else {
            throw reader.error(
                "new audio count",
                .valueOutOfRange("\(newCount) new chunks, \(summaries.chunksLeft) in the side columns"))
        }
        if newCount > 0 { audio += try summaries.read(Int(newCount)) }
        var context = contexts[Int(lane)]
        defer { contexts[Int(lane)] = context }
        switch machine {
        case EventRecord.clientMachine:
            let event = context.transform(try read(&reader) as ClientEvent, now: now, .decode)
            let count = try reader.readLength("action count", limit: UInt64(EventRecord.actionsMax))
            var actions: [ClientAction] = []
            actions.reserveCapacity(count)
            for _ in 0..<count { actions.append(context.transform(try read(&reader), now: now, .decode)) }
            return (.client(lane: lane, event), .client(actions))
        case EventRecord.serverMachine:
            let event = context.transform(try read(&reader) as ServerEvent, now: now, .decode)
            let count = try reader.readLength("action count", limit: UInt64(EventRecord.actionsMax))
            var actions: [ServerAction] = []
            actions.reserveCapacity(count)
            for _ in 0..<count { actions.append(context.transform(try read(&reader), now: now, .decode)) }
            return (.server(lane: lane, event), .server(actions))
        default:
            throw DecodeError(context: "machine", offset: 0, reason: .unknownTag(machine))
        }
    }

    /// One value, its placeholder (if any) replaced by the table's chunk.
    private func read<Value: AudioCarrying>(_ reader: inout ByteReader) throws(DecodeError) -> Value {
        let value = try Value(from: &reader, audio: .summary)
        guard let placeholder = value.audioChunk else { return value }
        let distance = placeholder.fingerprint
        guard placeholder.sampleCount == 0, distance < UInt64(audio.count) else {
            throw reader.error(
                "\(Value.self) audio reference",
                .valueOutOfRange("\(placeholder) is not a reference into a table of \(audio.count) chunks"))
        }
        let chunk = audio[audio.count - 1 - Int(distance)]
        guard chunk.hasEnergies || !value.carriesMicAudio else {
            throw reader.error(
                "\(Value.self) audio reference",
                .valueOutOfRange("mic \(chunk) but the trace kept no energies for it"))
        }
        return value.replacingAudio(with: chunk)
    }

    private func corrupt(_ record: TraceRecord, _ reason: String) -> TraceError {
        .recordCorrupt(session: session, eventIndex: record.index, reason: reason)
    }
}
