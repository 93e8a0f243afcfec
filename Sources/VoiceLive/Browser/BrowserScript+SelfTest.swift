extension BrowserPage {
    /// Runs the Swift-generated vectors through the page's codec, VAD, backoff and agent (`SelfTest`).
    static let selfTestScript = #"""
// Runs the vectors the Swift tests generate (window.VOICESIM_VECTORS) through this page's
// codec, VAD, backoff and agent, and writes what they produced into #selftest as JSON; the
// Swift test compares it with what the Swift core produced.
const SelfTest = (() => {
  const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  const unhex = text => Uint8Array.from(text.match(/../g) || [], h => parseInt(h, 16));
  const samples = b64 => {
    const raw = atob(b64), out = new Int16Array(raw.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = (raw.charCodeAt(2 * i + 1) << 24 >> 16) | raw.charCodeAt(2 * i);
    return out;
  };
  const fromJSON = m => {
    const copy = Object.assign({}, m);
    if (m.kind === 'resume') { copy.sessionID = BigInt(m.sessionID); copy.resumeToken = BigInt(m.resumeToken); }
    if (m.kind === 'audio') copy.samples = samples(m.samples);
    return copy;
  };
  const describeClient = m => m.kind === 'audio'
    ? `audio(${m.seq},${m.samples.length})` : Core.describeAction({ kind: 'send', message: m }).slice(5);
  const describeServer = m => {
    switch (m.kind) {
      case 'welcome': return `welcome(${m.sessionID},${m.resumeToken},${m.lastReceivedSeq},${m.resumed})`;
      case 'partialTranscript': case 'finalTranscript': return `${m.kind}(${m.text})`;
      case 'responseStart': return `responseStart(${m.responseID})`;
      case 'responseAudio': return `responseAudio(${m.responseID},[${Array.from(m.samples).join(' ')}])`;
      case 'responseEnd': return `responseEnd(${m.responseID},${m.cancelled})`;
      case 'state': return `state(${m.state})`;
      case 'ack': return `ack(${m.seq})`;
      case 'pong': return `pong(${m.nonce})`;
      case 'error': return `error(${m.code},${m.message})`;
    }
  };
  const attempt = f => { try { return f(); } catch (error) { return `threw ${error.kind || error.name}: ${error.message}`; } };

  function agentEvent(e) {
    switch (e.kind) {
      case 'received': return { kind: 'received', message: Core.fromWire(Wire.decodeServer(unhex(e.frame))) };
      case 'micCaptured': return { kind: 'micCaptured', chunk: Core.makeChunk(samples(e.samples)) };
      default: return e;
    }
  }

  function run(v) {
    const out = {};
    out.clientFrames = v.clientFrames.map(f => attempt(() => hex(Wire.encodeClient(fromJSON(f.message)))));
    out.clientDecoded = v.clientFrames.map(f => attempt(() => describeClient(Wire.decodeClient(unhex(f.hex)))));
    out.serverDecoded = v.serverFrames.map(f => attempt(() => describeServer(Wire.decodeServer(unhex(f.hex)))));
    out.serverReencoded = v.serverFrames.map(f => attempt(() => hex(Wire.encodeServer(Wire.decodeServer(unhex(f.hex))))));
    out.badFrames = v.badFrames.map(f => {
      try { Wire.decodeServer(unhex(f.hex)); return 'accepted'; } catch (error) { return error.kind || `threw ${error}`; }
    });
    const vad = new Core.EnergyVAD();
    out.energies = [];
    out.transitions = [];
    v.vad.chunks.forEach((b64, index) => {
      const energies = Core.frameEnergies(samples(b64));
      out.energies.push(energies);
      for (const t of vad.process(energies, v.vad.chunkEnds[index])) out.transitions.push(`${t.kind}(${t.at})`);
    });
    out.backoff = v.backoff.map(b => {
      const random = new Core.PRNG(BigInt(b.seed));
      const delays = [];
      for (let attempt = 1; attempt <= b.delays.length; attempt++) delays.push(Core.delayMicros(Core.defaultBackoff, attempt, random));
      const raw = new Core.PRNG(BigInt(b.seed));
      return { delays, next: [raw.next(), raw.next(), raw.next()].map(String) };
    });
    out.agents = v.agents.map(script => {
      const agent = new Core.ClientAgent({}, BigInt(script.seed));
      return script.steps.map(step => attempt(() => agent.handle(agentEvent(step.event), step.at).map(Core.describeAction)));
    });
    return out;
  }

  return { run, hex, unhex };
})();
"""#
}
