import VoiceCore

/// The records of the chunk being filled, already framed as they will be stored (see
/// `TraceSchema` for the framing), so flushing is one deflate call with no copy.
struct ChunkBuilder {
    var raw: ByteWriter
    var firstTime: Instant
    var lastTime: Instant
    var recordCount: Int64
    /// The chunk's audio entries, each framed as a varint length then its bytes.
    var audio: ByteWriter
    var audioCount: Int64

    init(capacity: Int) {
        raw = ByteWriter(capacity: capacity)
        firstTime = .zero
        lastTime = .zero
        recordCount = 0
        audio = ByteWriter(capacity: 0)
        audioCount = 0
    }
}

extension ChunkBuilder {
    var isEmpty: Bool { recordCount == 0 }

    /// Framed bytes so far (the chunk's future `raw_size`).
    var rawSize: Int { raw.bytes.count }

    /// Framed audio bytes so far (the chunk's future `audio_raw_size`).
    var audioRawSize: Int { audio.bytes.count }

    /// Trace time the chunk covers so far.
    var spanMicros: Int64 { lastTime.micros(since: firstTime) }

    /// Frames `record` at `time`, which must not be before the previous record's time.
    mutating func append(_ record: [UInt8], at time: Instant) {
        if isEmpty {
            firstTime = time
            lastTime = time
        }
        precondition(time >= lastTime, "record at \(time) is before the previous one at \(lastTime)")
        raw.writeVarint(UInt64(time.micros(since: lastTime)))
        raw.writeBytes(record)
        lastTime = time
        recordCount += 1
    }

    /// Frames one audio entry.
    mutating func appendAudio(_ entry: [UInt8]) {
        audio.writeBytes(entry)
        audioCount += 1
    }

    /// Empties the builder, keeping its buffers for the next chunk.
    mutating func removeAll() {
        raw.removeAll()
        recordCount = 0
        audio.removeAll()
        audioCount = 0
    }
}
