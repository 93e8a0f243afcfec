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
    /// Table indices of the record's chunks in value order, found before any is encoded: a
    /// reference is a distance from the table's newest entry once the whole record's new
    /// chunks are in (the reader adds them all before decoding any value).
    var references: [Int] = []
    var referencesUsed = 0
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
        -> (record: [UInt8], sides: [[UInt8]], audio: [[UInt8]])
    {
        newChunks.removeAll(keepingCapacity: true)
        newAudio.removeAll()
        body.removeAll()
        references.removeAll(keepingCapacity: true)
        referencesUsed = 0
        var context = contexts[Int(input.lane)]
        defer { contexts[Int(input.lane)] = context }
        switch (input, output) {
        case (.client(_, let event), .client(let actions)):
            register(event)
            for action in actions { register(action) }
            appendValue(context.transform(event, now: time, .encode))
            body.writeVarint(UInt64(actions.count))
            for action in actions { appendValue(context.transform(action, now: time, .encode)) }
        case (.server(_, let event), .server(let actions)):
            register(event)
            for action in actions { register(action) }
            appendValue(context.transform(event, now: time, .encode))
            body.writeVarint(UInt64(actions.count))
            for action in actions { appendValue(context.transform(action, now: time, .encode)) }
        case (.client, .server), (.server, .client):
            preconditionFailure("\(input) produced \(output): output of the other machine")
        }
        var record = ByteWriter(capacity: body.bytes.count + 16)
        switch input {
        case .client(let lane, _):
            record.write(EventRecord.clientMachine)
            record.writeVarint(UInt64(lane))
        case .server(let lane, _):
            record.write(EventRecord.serverMachine)
            record.writeVarint(UInt64(lane))
        }
        record.writeVarint(UInt64(newChunks.count))
        body.bytes.withUnsafeBytes { record.write(bytes: $0) }
        guard !newChunks.isEmpty else { return (record.bytes, [], newAudio) }
        var summaries = SummaryColumnsWriter(chunkCount: newChunks.count)
        for chunk in newChunks { summaries.write(chunk) }
        return (record.bytes, summaries.finish(), newAudio)
    }

    private mutating func register<Value: AudioCarrying>(_ value: Value) {
        guard let chunk = value.audioChunk else { return }
        references.append(tableIndex(of: chunk, energies: value.carriesMicAudio))
    }

    private mutating func appendValue<Value: AudioCarrying>(_ value: Value) {
        guard value.audioChunk != nil else {
            value.encode(to: &body, audio: .summary)
            return
        }
        let index = references[referencesUsed]
        referencesUsed += 1
        value.replacingAudio(with: .placeholder(distance: summaries.count - 1 - index)).encode(
            to: &body, audio: .summary)
    }

    /// The chunk's table index, adding it (and its samples, in full audio) when new. A mic
    /// chunk (`energies`) needs an entry with its energies; any other chunk, one without.
    private mutating func tableIndex(of chunk: AudioChunk, energies: Bool) -> Int {
        // 32-bit fingerprints may collide within a session: a chunk the VAD reads is the same
        // entry only with the same energies, so replay's VAD sees exactly what was recorded.
        if let index = indexByFingerprint[chunk.fingerprint], summaries[index] == chunk,
            energies ? summaries[index].hasEnergies && summaries[index].frameEnergies == chunk.frameEnergies
                : true
        {
            return index
        }
        // Mic chunks are always summarised; a recorder never sees one restored without
        // energies (the decoder refuses such a trace).
        precondition(!energies || chunk.hasEnergies, "mic \(chunk) has no energies")
        let index = summaries.count
        let summary = AudioChunk(
            sampleCount: chunk.sampleCount, fingerprint: chunk.fingerprint,
            frameEnergies: energies ? chunk.frameEnergies : [])
        summaries.append(summary)
        indexByFingerprint[chunk.fingerprint] = index
        newChunks.append(summary)
        if storesSamples {
            // A chunk known only by its summary (e.g. restored from a hash-only trace) has no
            // samples to keep: its entry is empty, and reading it back gives the summary alone.
            newAudio.append(chunk.hasSamples ? PCMPacking.pack(chunk.samples) : [])
        }
        return index
    }
}
