import VoiceCore

/// Encodes records (see `EventRecord`) for one session, keeping its audio table.
struct EventRecordEncoder {
    let storesSamples: Bool
    /// One per lane.
    var contexts: [RecordContext]
    /// Fingerprint → index of the newest table entry with that fingerprint.
    var indexByFingerprint: [UInt64: Int] = [:]
    /// Summaries of the table's chunks, to tell a fingerprint collision from a repeat.
    var summaries: [AudioChunk] = []
    /// New chunks of the record being encoded, and their packed samples (full audio).
    var newChunks: [AudioChunk] = []
    var newAudio: [[UInt8]] = []
    /// Reused between records.
    var body = ByteWriter(capacity: 1_024)

    init(storesSamples: Bool, laneCount: Int) {
        self.storesSamples = storesSamples
        contexts = Array(repeating: RecordContext(), count: laneCount)
    }
}

extension EventRecordEncoder {
    /// The record for `input` and `output`, and the audio entries to store with it.
    /// - Complexity: O(size of the input and actions), plus O(samples) per new chunk in full audio.
    /// `input.lane` must be below the lane count.
    mutating func encode(_ input: MachineInput, _ output: MachineOutput, at time: Instant)
        -> (record: [UInt8], audio: [[UInt8]])
    {
        newChunks.removeAll(keepingCapacity: true)
        newAudio.removeAll()
        body.removeAll()
        var context = contexts[Int(input.lane)]
        defer { contexts[Int(input.lane)] = context }
        switch (input, output) {
        case (.client(_, let event), .client(let actions)):
            appendValue(context.transform(event, now: time, .encode))
            body.writeVarint(UInt64(actions.count))
            for action in actions { appendValue(context.transform(action, now: time, .encode)) }
        case (.server(_, let event), .server(let actions)):
            appendValue(context.transform(event, now: time, .encode))
            body.writeVarint(UInt64(actions.count))
            for action in actions { appendValue(context.transform(action, now: time, .encode)) }
        case (.client, .server), (.server, .client):
            preconditionFailure("\(input) produced \(output): output of the other machine")
        }
        var record = ByteWriter(capacity: body.bytes.count + 16 + 40 * newChunks.count)
        switch input {
        case .client(let lane, _):
            record.write(EventRecord.clientMachine)
            record.writeVarint(UInt64(lane))
        case .server(let lane, _):
            record.write(EventRecord.serverMachine)
            record.writeVarint(UInt64(lane))
        }
        record.writeVarint(UInt64(newChunks.count))
        for chunk in newChunks { Self.writeSummary(chunk, to: &record) }
        body.bytes.withUnsafeBytes { record.write(bytes: $0) }
        return (record.bytes, newAudio)
    }

    private mutating func appendValue<Value: AudioCarrying>(_ value: Value) {
        guard let chunk = value.audioChunk else {
            value.encode(to: &body, audio: .summary)
            return
        }
        let index = tableIndex(of: chunk)
        value.replacingAudio(with: .placeholder(distance: summaries.count - 1 - index)).encode(to: &body, audio: .summary)
    }

    /// The chunk's table index, adding it (and its samples, in full audio) when new.
    private mutating func tableIndex(of chunk: AudioChunk) -> Int {
        if let index = indexByFingerprint[chunk.fingerprint], summaries[index] == chunk { return index }
        let index = summaries.count
        summaries.append(AudioChunk(
            sampleCount: chunk.sampleCount, fingerprint: chunk.fingerprint, frameEnergies: chunk.frameEnergies))
        indexByFingerprint[chunk.fingerprint] = index
        newChunks.append(chunk)
        if storesSamples {
            // A chunk known only by its summary (e.g. restored from a hash-only trace) has no
            // samples to keep: its entry is empty, and reading it back gives the summary alone.
            newAudio.append(chunk.hasSamples ? PCMPacking.pack(chunk.samples) : [])
        }
        return index
    }

    static func writeSummary(_ chunk: AudioChunk, to sink: inout ByteWriter) {
        // The reader refuses larger chunks, so writing one is our bug (as for the canonical codec).
        precondition(chunk.sampleCount <= AudioFormat.chunkSamplesMax, "\(chunk) is over AudioFormat.chunkSamplesMax")
        sink.writeVarint(UInt64(chunk.sampleCount))
        sink.writeUInt64(chunk.fingerprint)
        for energy in chunk.frameEnergies { sink.writeVarint(UInt64(energy)) }
    }
}
