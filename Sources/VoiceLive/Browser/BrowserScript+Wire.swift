extension BrowserPage {
    /// The `WireFrame` codec in JavaScript (`Wire`): a port of `VoiceCore/Wire` and `VoiceCore/Codec`.
    static let wireScript = #"""
// The /api/voice-v2 WireFrame codec, a port of VoiceCore/Wire and VoiceCore/Codec (the Swift
// core is the specification; the self-test runs vectors the Swift tests generate).
// Frame: "VS" | version 1 | direction (1 client→server, 2 server→client) | payload length
// UInt32 LE | payload = tag byte, then the case's fields in declaration order. Varints are
// LEB128; 64-bit ids are BigInt, everything else a Number.
const Wire = (() => {
  const VERSION = 1, CLIENT_TO_SERVER = 1, SERVER_TO_CLIENT = 2, HEADER_BYTES = 8;
  const PAYLOAD_BYTES_MAX = 1 << 20, CHUNK_SAMPLES_MAX = 160000, LENGTH_MAX = 16 << 20;
  // `hello` is written with tag 9 (it carries lastAckedSeq); tag 1, without it, still reads as 0.
  const CLIENT_TAGS = { hello: 9, resume: 2, audio: 3, commit: 4, interrupt: 5, ping: 6, bye: 7, played: 8 };
  const SERVER_KINDS = [null, 'welcome', 'partialTranscript', 'finalTranscript', 'responseStart',
    'responseAudio', 'responseEnd', 'state', 'ack', 'pong', 'error'];
  const UINT32_MAX = 0xFFFFFFFFn, UINT64_MAX = 0xFFFFFFFFFFFFFFFFn;

  class WireError extends Error {
    constructor(kind, detail) { super(`${kind}: ${detail}`); this.kind = kind; }
  }

  class Writer {
    constructor() { this.bytes = []; }
    byte(b) { this.bytes.push(b & 0xFF); }
    varint(value) {
      let v = BigInt(value);
      if (v < 0n || v > UINT64_MAX) throw new RangeError(`varint ${value} is not a UInt64`);
      while (v >= 0x80n) { this.bytes.push(Number(v & 0x7Fn) | 0x80); v >>= 7n; }
      this.bytes.push(Number(v));
    }
    bool(b) { this.byte(b ? 1 : 0); }
    string(text) {
      const utf8 = new TextEncoder().encode(text);
      this.varint(utf8.length);
      for (const b of utf8) this.bytes.push(b);
    }
    samples(samples) {
      if (samples.length > CHUNK_SAMPLES_MAX) throw new RangeError(`chunk of ${samples.length} samples`);
      this.varint(samples.length);
      for (const s of samples) { this.bytes.push(s & 0xFF, (s >> 8) & 0xFF); }
    }
  }

  class Reader {
    constructor(bytes, offset) { this.bytes = bytes; this.offset = offset; }
    fail(context, reason) { throw new WireError('malformedPayload', `${context} at byte ${this.offset}: ${reason}`); }
    byte(context) {
      if (this.offset >= this.bytes.length) this.fail(context, 'truncated');
      return this.bytes[this.offset++];
    }
    varint(context) {
      let result = 0n, shift = 0n;
      for (;;) {
        const b = this.byte(context);
        if (shift === 63n && b > 1) this.fail(context, 'varint longer than 64 bits');
        result |= BigInt(b & 0x7F) << shift;
        if ((b & 0x80) === 0) return result;
        shift += 7n;
        if (shift > 63n) this.fail(context, 'varint longer than 64 bits');
      }
    }
    uint32(context) {
      const v = this.varint(context);
      if (v > UINT32_MAX) this.fail(context, `${v} does not fit UInt32`);
      return Number(v);
    }
    number(context) {
      const v = this.varint(context);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(context, `${v} is beyond this page's integers`);
      return Number(v);
    }
    bool(context) {
      const b = this.byte(context);
      if (b > 1) this.fail(context, `bool byte ${b}`);
      return b === 1;
    }
    rawEnum(context, max) {
      const b = this.byte(context);
      if (b < 1 || b > max) { this.offset--; this.fail(context, `unknown tag ${b}`); }
      return b;
    }
    string(context) {
      const length = this.varint(context);
      if (length > BigInt(LENGTH_MAX)) this.fail(context, `length ${length} exceeds limit`);
      const n = Number(length);
      if (this.offset + n > this.bytes.length) this.fail(context, 'truncated');
      const slice = this.bytes.subarray(this.offset, this.offset + n);
      let text;
      try { text = new TextDecoder('utf-8', { fatal: true }).decode(slice); } catch { this.fail(context, 'invalid UTF-8'); }
      this.offset += n;
      return text;
    }
    samples(context) {
      const count = this.varint(context + '.sampleCount');
      if (count > BigInt(CHUNK_SAMPLES_MAX)) this.fail(context + '.sampleCount', `length ${count} exceeds limit`);
      const n = Number(count);
      if (this.offset + 2 * n > this.bytes.length) this.fail(context + '.samples', 'truncated');
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        const lo = this.bytes[this.offset + 2 * i], hi = this.bytes[this.offset + 2 * i + 1];
        out[i] = ((hi << 24) >> 16) | lo;
      }
      this.offset += 2 * n;
      return out;
    }
  }

  function frame(direction, writePayload) {
    const w = new Writer();
    w.bytes.push(0x56, 0x53, VERSION, direction, 0, 0, 0, 0);
    writePayload(w);
    const length = w.bytes.length - HEADER_BYTES;
    if (length > PAYLOAD_BYTES_MAX) throw new RangeError(`payload of ${length} bytes`);
    for (let i = 0; i < 4; i++) w.bytes[4 + i] = (length >>> (8 * i)) & 0xFF;
    return Uint8Array.from(w.bytes);
  }

  function checkHeader(bytes, direction) {
    if (bytes.length < HEADER_BYTES) throw new WireError('truncatedHeader', `${bytes.length} bytes`);
    if (bytes[0] !== 0x56 || bytes[1] !== 0x53) throw new WireError('badMagic', `${bytes[0]} ${bytes[1]}`);
    if (bytes[2] !== VERSION) throw new WireError('unsupportedVersion', `${bytes[2]}`);
    if (bytes[3] !== direction) throw new WireError('wrongDirection', `${bytes[3]}`);
    const declared = (bytes[4] | bytes[5] << 8 | bytes[6] << 16 | bytes[7] << 24) >>> 0;
    if (declared > PAYLOAD_BYTES_MAX) throw new WireError('oversized', `${declared}`);
    if (declared !== bytes.length - HEADER_BYTES) throw new WireError('lengthMismatch', `${declared}`);
  }

  function writeClientPayload(w, m) {
    const tag = CLIENT_TAGS[m.kind];
    if (tag === undefined) throw new RangeError(`unknown client message ${m.kind}`);
    w.byte(tag);
    switch (m.kind) {
      case 'hello': w.string(m.userID); w.byte(m.pipeline); w.varint(m.lastAckedSeq); break;
      case 'resume': w.varint(m.sessionID); w.varint(m.resumeToken); w.varint(m.lastAckedSeq); break;
      case 'audio': w.varint(m.seq); w.samples(m.samples); break;
      case 'commit': w.varint(m.lastSeq); break;
      case 'interrupt': case 'played': w.varint(m.responseID); w.varint(m.playedMillis); break;
      case 'ping': w.varint(m.nonce); break;
      case 'bye': break;
    }
  }

  function writeServerPayload(w, m) {
    const tag = SERVER_KINDS.indexOf(m.kind);
    if (tag < 1) throw new RangeError(`unknown server message ${m.kind}`);
    w.byte(tag);
    switch (m.kind) {
      case 'welcome': w.varint(m.sessionID); w.varint(m.resumeToken); w.varint(m.lastReceivedSeq); w.bool(m.resumed); break;
      case 'partialTranscript': case 'finalTranscript': w.string(m.text); break;
      case 'responseStart': w.varint(m.responseID); break;
      case 'responseAudio': w.varint(m.responseID); w.samples(m.samples); break;
      case 'responseEnd': w.varint(m.responseID); w.bool(m.cancelled); break;
      case 'state': w.byte(m.state); break;
      case 'ack': w.varint(m.seq); break;
      case 'pong': w.varint(m.nonce); break;
      case 'error': w.byte(m.code); w.string(m.message); break;
    }
  }

  function readServerPayload(r) {
    const kind = SERVER_KINDS[r.rawEnum('ServerMessage.tag', 10)];
    switch (kind) {
      case 'welcome': return { kind, sessionID: r.varint('welcome.sessionID'), resumeToken: r.varint('welcome.resumeToken'),
        lastReceivedSeq: r.number('welcome.lastReceivedSeq'), resumed: r.bool('welcome.resumed') };
      case 'partialTranscript': case 'finalTranscript': return { kind, text: r.string(kind + '.text') };
      case 'responseStart': return { kind, responseID: r.uint32('responseStart.responseID') };
      case 'responseAudio': return { kind, responseID: r.uint32('responseAudio.responseID'), samples: r.samples('responseAudio.chunk') };
      case 'responseEnd': return { kind, responseID: r.uint32('responseEnd.responseID'), cancelled: r.bool('responseEnd.cancelled') };
      case 'state': return { kind, state: r.rawEnum('state', 4) };
      case 'ack': return { kind, seq: r.number('ack.seq') };
      case 'pong': return { kind, nonce: r.number('pong.nonce') };
      case 'error': return { kind, code: r.rawEnum('error.code', 5), message: r.string('error.message') };
    }
  }

  function readClientPayload(r) {
    const tag = r.rawEnum('ClientMessage.tag', 9);
    if (tag === 1) return { kind: 'hello', userID: r.string('hello.userID'), pipeline: r.rawEnum('hello.pipeline', 2), lastAckedSeq: 0 };
    const kind = Object.keys(CLIENT_TAGS).find(k => CLIENT_TAGS[k] === tag);
    switch (kind) {
      case 'hello': return { kind, userID: r.string('hello.userID'), pipeline: r.rawEnum('hello.pipeline', 2),
        lastAckedSeq: r.number('hello.lastAckedSeq') };
      case 'resume': return { kind, sessionID: r.varint('resume.sessionID'), resumeToken: r.varint('resume.resumeToken'),
        lastAckedSeq: r.number('resume.lastAckedSeq') };
      case 'audio': return { kind, seq: r.number('audio.seq'), samples: r.samples('audio.chunk') };
      case 'commit': return { kind, lastSeq: r.number('commit.lastSeq') };
      case 'interrupt': case 'played': return { kind, responseID: r.uint32(kind + '.responseID'), playedMillis: r.uint32(kind + '.playedMillis') };
      case 'ping': return { kind, nonce: r.number('ping.nonce') };
      case 'bye': return { kind };
    }
  }

  function decode(bytes, direction, readPayload) {
    checkHeader(bytes, direction);
    const r = new Reader(bytes, HEADER_BYTES);
    const message = readPayload(r);
    if (r.offset !== bytes.length) r.fail('message', `${bytes.length - r.offset} unexpected trailing bytes`);
    return message;
  }

  return {
    WireError,
    encodeClient: m => frame(CLIENT_TO_SERVER, w => writeClientPayload(w, m)),
    encodeServer: m => frame(SERVER_TO_CLIENT, w => writeServerPayload(w, m)),
    decodeServer: bytes => decode(bytes, SERVER_TO_CLIENT, readServerPayload),
    decodeClient: bytes => decode(bytes, CLIENT_TO_SERVER, readClientPayload),
  };
})();
"""#
}
