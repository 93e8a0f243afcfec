import VoiceCore

/// The bytes of one trace record: a machine input and the actions it produced.
///
///     byte    machine: 1 client, 2 server
///     varint  lane
///     varint  audio chunks first seen in this record, n
///     bytes   the event, canonical `.summary` encoding, after `RecordContext`'s transform
///     varint  action count, then each action, likewise
///
/// The n new chunks' summaries go to the chunk's side columns (`TraceWriter.append`), laid out
/// by `SummaryPacking`: fingerprints, sample counts and energy bit lengths, the 8 bits below
/// each energy's leading one. Fingerprints are incompressible and energies are noisy numbers;
/// kept apart from each other and from the records, each compresses as well as it can. Only
/// mic chunks keep their energies (`carriesMicAudio`): the client's VAD reads them, and
/// nothing reads those of reply audio.
///
/// Audio is stored once per session. Every chunk gets an index in a per-session table, in the
/// order chunks are first seen, and both writer and reader grow the table as records go by. An
/// event or action that carries a chunk is encoded with a placeholder in its place: a chunk of
/// 0 samples whose fingerprint is the distance back from the newest table entry, counted once
/// the record's new chunks are in (0: the newest).
/// The same mic chunk appears as `micCaptured`, in the client's `send`, in the server's
/// `received` and in its `stt` command; a TTS chunk in `tts`, `send`, `received` and `play`:
/// each costs its summary once and a short reference after, and references are mostly 0 or 1,
/// which deflate compresses to almost nothing.
///
/// A full-audio session also stores each new chunk's samples as an audio entry of the record
/// (`PCMPacking`), beside the records, so replay never reads them.
enum EventRecord {
    static let clientMachine: UInt8 = 1
    static let serverMachine: UInt8 = 2
    /// Record times a reader accepts: machines add durations (below 2⁴⁰ µs) to them, which
    /// must never overflow.
    static let timeMicrosRange: ClosedRange<Int64> = 0...(1 << 60)
    /// Actions one input may produce, as a decoder accepts them.
    static let actionsMax = 1 << 16
}

/// A chunk of 0 samples standing for the table entry `distance` back from the newest.
extension AudioChunk {
    static func placeholder(distance: Int) -> AudioChunk {
        AudioChunk(sampleCount: 0, fingerprint: UInt64(distance), frameEnergies: [])
    }
}

/// A value that may carry one audio chunk, replaceable for recording.
protocol AudioCarrying: CanonicalCodable {
    var audioChunk: AudioChunk? { get }
    /// Whether the chunk is mic audio, whose frame energies the client's VAD reads (and so
    /// replay, timelines and `fidelity` on a server's trace), so a trace keeps them.
    var carriesMicAudio: Bool { get }
    func replacingAudio(with chunk: AudioChunk) -> Self
}

extension ClientEvent: AudioCarrying {}
extension ServerEvent: AudioCarrying {}
extension ClientAction: AudioCarrying {}
extension ServerAction: AudioCarrying {}
