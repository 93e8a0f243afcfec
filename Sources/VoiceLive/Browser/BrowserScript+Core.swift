extension BrowserPage {
    /// The client core in JavaScript (`Core`): frame energies, `EnergyVAD`, `PRNG`, `BackoffPolicy`,
    /// `ReplayBuffer` and `ClientAgent`, ported line for line so the page decides exactly as the Swift client.
    static let coreScript = #"""
// The client side of the voice core, ported from VoiceCore (Audio/EnergyVAD, Basics/PRNG,
// Client/*): frame energies, the energy VAD, xoshiro256** with SplitMix64 seeding, backoff
// with full jitter, the 5 s replay buffer and ClientAgent itself. Times are integer
// microseconds (Number); decisions use integers only, as in Swift. The self-test checks all
// of it against vectors the Swift tests generate.
const Core = (() => {
  const FRAME_SAMPLES = 320, FRAME_MICROS = 20000, CHUNK_MICROS = 100000, SAMPLE_RATE = 16000;
  const M64 = 0xFFFFFFFFFFFFFFFFn;
  const TIMERS = ['reconnectBackoff', 'connectTimeout', 'keepalive', 'playbackChunkEnd', 'playbackIdle'];
  const SERVER_STATES = [null, 'listening', 'thinking', 'speaking', 'reconnecting'];
  const ERROR_CODES = [null, 'badRequest', 'sessionUnknown', 'refused', 'providerFailed', 'protocolViolation'];

  const micros = samples => Math.floor(samples * 1000000 / SAMPLE_RATE);

  /// An energy rounded down to 9 significant bits, as AudioChunk.keptPrecision.
  function keptPrecision(energy) {
    const dropped = Math.max(0, 32 - Math.clz32(energy) - 9);
    return Math.floor(energy / 2 ** dropped) * 2 ** dropped;
  }

  /// Mean square of each 20 ms frame (the last may be partial), as AudioChunk.summarize.
  function frameEnergies(samples) {
    const energies = [];
    for (let start = 0; start < samples.length; start += FRAME_SAMPLES) {
      const end = Math.min(start + FRAME_SAMPLES, samples.length);
      let sum = 0;
      for (let i = start; i < end; i++) sum += samples[i] * samples[i];
      energies.push(keptPrecision(Math.floor(sum / (end - start))));
    }
    return energies;
  }

  function makeChunk(samples) {
    return { samples, sampleCount: samples.length, frameEnergies: frameEnergies(samples), durationMicros: micros(samples.length) };
  }

  class SplitMix64 {
    constructor(seed) { this.state = BigInt.asUintN(64, BigInt(seed)); }
    next() {
      this.state = (this.state + 0x9E3779B97F4A7C15n) & M64;
      let z = this.state;
      z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & M64;
      z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & M64;
      return z ^ (z >> 31n);
    }
  }

  const rotl = (x, k) => ((x << k) | (x >> (64n - k))) & M64;

  /// xoshiro256**, with Lemire's bounded draw.
  class PRNG {
    constructor(seed) {
      const mixer = new SplitMix64(seed);
      this.s = [mixer.next(), mixer.next(), mixer.next(), mixer.next()];
    }
    next() {
      const s = this.s;
      const result = (rotl((s[1] * 5n) & M64, 7n) * 9n) & M64;
      const t = (s[1] << 17n) & M64;
      s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
      s[3] = rotl(s[3], 45n);
      return result;
    }
    below(bound) {
      let product = this.next() * bound;
      if ((product & M64) < bound) {
        const threshold = ((1n << 64n) - bound) % bound;
        while ((product & M64) < threshold) product = this.next() * bound;
      }
      return product >> 64n;
    }
    inRange(lower, upper) {
      const span = BigInt(upper) - BigInt(lower) + 1n;
      return Number(BigInt(lower) + this.below(span));
    }
  }

  const defaultBackoff = { baseMicros: 250000, factor: 2, capMicros: 8000000, attemptsMax: 10 };

  function ceilingMicros(policy, attempt) {
    let ceiling = policy.baseMicros;
    for (let i = 1; i < attempt; i++) {
      const next = ceiling * policy.factor;
      if (next >= policy.capMicros) return policy.capMicros;
      ceiling = next;
    }
    return Math.min(ceiling, policy.capMicros);
  }

  const delayMicros = (policy, attempt, random) => random.inRange(0, ceilingMicros(policy, attempt));

  const defaultVAD = { thresholdEnergy: 490000, speechFramesMin: 10, gapFramesMax: 4, hangoverFrames: 20 };

  class EnergyVAD {
    constructor(config = defaultVAD) {
      this.config = config;
      this.inSpeech = false; this.voicedFrames = 0; this.unvoicedRun = 0;
      this.candidateOnset = null; this.lastVoiced = null;
    }
    /// Transitions for the frames of one chunk that ended at `chunkEnd`.
    process(energies, chunkEnd) {
      const transitions = [];
      energies.forEach((energy, index) => {
        const frameEnd = chunkEnd + (index + 1 - energies.length) * FRAME_MICROS;
        const t = this.step(energy >= keptPrecision(this.config.thresholdEnergy), frameEnd);
        if (t) transitions.push(t);
      });
      return transitions;
    }
    step(voiced, frameEnd) {
      if (voiced) {
        this.unvoicedRun = 0;
        this.lastVoiced = frameEnd;
        if (this.inSpeech) return null;
        if (this.candidateOnset === null) this.candidateOnset = frameEnd;
        this.voicedFrames += 1;
        if (this.voicedFrames < this.config.speechFramesMin) return null;
        this.inSpeech = true;
        return { kind: 'speechStarted', at: this.candidateOnset };
      }
      this.unvoicedRun += 1;
      if (this.inSpeech) {
        if (this.unvoicedRun < this.config.hangoverFrames || this.lastVoiced === null) return null;
        this.inSpeech = false;
        this.voicedFrames = 0; this.candidateOnset = null;
        return { kind: 'speechEnded', at: this.lastVoiced };
      }
      if (this.unvoicedRun > this.config.gapFramesMax) { this.voicedFrames = 0; this.candidateOnset = null; }
      return null;
    }
  }

  /// The last `capacity` mic chunks, for re-sending what the server never acknowledged.
  class ReplayBuffer {
    constructor(capacity) { this.capacity = capacity; this.entries = []; this.lastAckedSeq = 0; this.evictedUnackedMicros = 0; }
    append(seq, chunk) {
      if (this.entries.length === this.capacity) {
        const oldest = this.entries.shift();
        if (oldest.seq > this.lastAckedSeq) this.evictedUnackedMicros += oldest.chunk.durationMicros;
      }
      this.entries.push({ seq, chunk });
    }
    acknowledge(seq) { this.lastAckedSeq = Math.max(this.lastAckedSeq, seq); }
    after(seq) { return this.entries.filter(e => e.seq > seq); }
  }

  const defaultConfig = {
    userID: 'user-1', pipeline: 2, backoff: defaultBackoff, connectTimeoutMicros: 10000000,
    keepaliveIntervalMicros: 2000000, livenessTimeoutMicros: 6000000, replayBufferMicros: 5000000,
    playbackIdleMicros: 500000, vad: defaultVAD,
  };
  const REPORTS_KEPT_MAX = 4;

  /// ClientAgent: handle(event, now) → actions, exactly as the Swift state machine.
  class ClientAgent {
    constructor(config, seed) {
      this.config = Object.assign({}, defaultConfig, config);
      this.connection = { kind: 'idle' };
      this.shownState = 'idle';
      this.serverState = 'listening';
      this.session = null;
      this.nextSeq = 1;
      this.replay = new ReplayBuffer(Math.max(1, Math.floor(this.config.replayBufferMicros / CHUNK_MICROS)));
      this.vad = new EnergyVAD(this.config.vad);
      this.playback = { active: null, serverEnded: false, queue: [], current: null, playedMicros: 0,
        idleSince: null, idleExpired: false, discardedThrough: 0 };
      this.pendingCommitSeq = null;
      this.reports = [];
      this.speechEndedAt = null;
      this.lastReceivedAt = 0;
      this.pingNonce = 0;
      this.metrics = { voiceToVoiceMicros: [], bargeIns: 0, disconnects: 0, reconnectAttempts: 0, resumes: 0,
        sessionRestarts: 0, chunksReplayed: 0, playedMicros: 0, responsesPlayed: 0 };
      this.random = new PRNG(seed);
    }

    handle(event, now) {
      const a = [];
      switch (event.kind) {
        case 'callStarted': this.callStarted(now, a); break;
        case 'callEnded': this.callEnded(now, a); break;
        case 'connected': this.connected(now, a); break;
        case 'disconnected': this.connectionLost(event.reason, now, a); break;
        case 'received': this.received(event.message, now, a); break;
        case 'micCaptured': this.micCaptured(event.chunk, now, a); break;
        case 'timerFired': this.timerFired(event.timer, now, a); break;
        default: throw new RangeError(`unknown client event ${event.kind}`);
      }
      return a;
    }

    show(state, a) {
      if (state === this.shownState) return;
      this.shownState = state;
      a.push({ kind: 'showState', state });
    }

    showConversationState(a) {
      if (this.connection.kind !== 'ready') return;
      const p = this.playback;
      if (p.current !== null || (p.active !== null && !p.idleExpired)) { this.show('speaking', a); return; }
      switch (this.serverState) {
        case 'listening': case 'speaking': this.show('listening', a); break;
        case 'thinking': this.show('thinking', a); break;
        case 'reconnecting': this.show('reconnecting', a); break;
      }
    }

    // Connection

    callStarted(now, a) {
      if (this.connection.kind !== 'idle') return;
      this.startConnecting(0, now, a);
      this.show('connecting', a);
    }

    startConnecting(attempt, now, a) {
      this.connection = { kind: 'connecting', attempt };
      a.push({ kind: 'connect' });
      a.push({ kind: 'setTimer', timer: 'connectTimeout', at: now + this.config.connectTimeoutMicros });
    }

    connected(now, a) {
      if (this.connection.kind !== 'connecting') return;
      this.connection = { kind: 'handshaking', attempt: this.connection.attempt };
      this.lastReceivedAt = now;
      if (this.session) {
        a.push({ kind: 'send', message: { kind: 'resume', sessionID: this.session.id, resumeToken: this.session.resumeToken,
          lastAckedSeq: this.replay.lastAckedSeq } });
      } else {
        a.push({ kind: 'send', message: { kind: 'hello', userID: this.config.userID, pipeline: this.config.pipeline,
          lastAckedSeq: this.replay.lastAckedSeq } });
      }
    }

    welcomed(m, now, a) {
      if (this.connection.kind !== 'handshaking') return;
      this.connection = { kind: 'ready' };
      this.session = { id: m.sessionID, resumeToken: m.resumeToken };
      if (m.resumed) this.metrics.resumes += 1;
      a.push({ kind: 'cancelTimer', timer: 'connectTimeout' });
      const serverHas = Math.min(m.lastReceivedSeq, this.nextSeq - 1);
      this.replay.acknowledge(serverHas);
      const unsent = this.replay.after(serverHas);
      if (m.resumed) this.metrics.chunksReplayed += unsent.length;
      for (const e of unsent) a.push({ kind: 'send', message: { kind: 'audio', seq: e.seq, chunk: e.chunk } });
      if (m.resumed) { for (const r of this.reports) a.push({ kind: 'send', message: r }); } else { this.reports = []; }
      if (this.pendingCommitSeq !== null) {
        const seq = this.pendingCommitSeq;
        this.pendingCommitSeq = null;
        a.push({ kind: 'send', message: { kind: 'commit', lastSeq: seq } });
      }
      a.push({ kind: 'setTimer', timer: 'keepalive', at: now + this.config.keepaliveIntervalMicros });
      if (!m.resumed) this.serverState = 'listening';
      this.showConversationState(a);
    }

    connectionLost(reason, now, a) {
      let attempt;
      switch (this.connection.kind) {
        case 'connecting': case 'handshaking': attempt = this.connection.attempt + 1; break;
        case 'ready': this.metrics.disconnects += 1; attempt = 1; break;
        default: return;
      }
      a.push({ kind: 'cancelTimer', timer: 'connectTimeout' });
      a.push({ kind: 'cancelTimer', timer: 'keepalive' });
      if (attempt > this.config.backoff.attemptsMax) {
        this.connection = { kind: 'failed' };
        this.stopPlayback(a);
        this.show('failed', a);
        return;
      }
      this.connection = { kind: 'waitingToRetry', attempt };
      this.metrics.reconnectAttempts += 1;
      const delay = delayMicros(this.config.backoff, attempt, this.random);
      a.push({ kind: 'setTimer', timer: 'reconnectBackoff', at: now + delay });
      this.show('reconnecting', a);
    }

    backoffElapsed(now, a) {
      if (this.connection.kind !== 'waitingToRetry') return;
      this.startConnecting(this.connection.attempt, now, a);
    }

    connectTimedOut(now, a) {
      if (this.connection.kind !== 'connecting' && this.connection.kind !== 'handshaking') return;
      a.push({ kind: 'disconnect' });
      this.connectionLost('timedOut', now, a);
    }

    keepaliveDue(now, a) {
      if (this.connection.kind !== 'ready') return;
      if (now - this.lastReceivedAt >= this.config.livenessTimeoutMicros) {
        a.push({ kind: 'disconnect' });
        this.connectionLost('timedOut', now, a);
        return;
      }
      this.pingNonce += 1;
      a.push({ kind: 'send', message: { kind: 'ping', nonce: this.pingNonce } });
      a.push({ kind: 'setTimer', timer: 'keepalive', at: now + this.config.keepaliveIntervalMicros });
    }

    // Handle

    callEnded(now, a) {
      switch (this.connection.kind) {
        case 'ready':
          this.finishActive(now, a);
          a.push({ kind: 'send', message: { kind: 'bye' } });
          a.push({ kind: 'disconnect' });
          break;
        case 'connecting': case 'handshaking': a.push({ kind: 'disconnect' }); break;
        default: break;
      }
      this.stopPlayback(a);
      for (const timer of TIMERS) a.push({ kind: 'cancelTimer', timer });
      this.connection = { kind: 'ended' };
      this.show('ended', a);
    }

    micCaptured(chunk, now, a) {
      if (this.connection.kind === 'ended' || this.connection.kind === 'failed') return;
      const seq = this.nextSeq;
      this.nextSeq += 1;
      this.replay.append(seq, chunk);
      if (this.connection.kind === 'ready') a.push({ kind: 'send', message: { kind: 'audio', seq, chunk } });
      for (const t of this.vad.process(chunk.frameEnergies, now)) {
        if (t.kind === 'speechStarted') {
          this.speechEndedAt = null;
          if (this.playback.active !== null && !this.playback.idleExpired) this.bargeIn(now, a);
        } else {
          this.speechEndedAt = t.at;
          if (this.config.pipeline === 1) this.commitUtterance(seq, a);
        }
      }
    }

    commitUtterance(seq, a) {
      if (this.connection.kind === 'ready') a.push({ kind: 'send', message: { kind: 'commit', lastSeq: seq } });
      else this.pendingCommitSeq = seq;
    }

    received(m, now, a) {
      if (this.connection.kind !== 'handshaking' && this.connection.kind !== 'ready') return;
      this.lastReceivedAt = now;
      switch (m.kind) {
        case 'welcome': this.welcomed(m, now, a); break;
        case 'partialTranscript': case 'finalTranscript': case 'pong': break;
        case 'responseStart': this.responseStarted(m.responseID, now, a); break;
        case 'responseAudio': this.responseAudio(m.responseID, m.chunk, now, a); break;
        case 'responseEnd': this.responseEnded(m.responseID, m.cancelled, now, a); break;
        case 'state':
          this.serverState = SERVER_STATES[m.state];
          this.finishIfDrained(now, a);
          this.showConversationState(a);
          break;
        case 'ack': this.replay.acknowledge(Math.min(m.seq, this.nextSeq - 1)); break;
        case 'error': this.serverError(ERROR_CODES[m.code], a); break;
      }
    }

    serverError(code, a) {
      switch (code) {
        case 'sessionUnknown':
          if (this.connection.kind !== 'handshaking') return;
          this.session = null;
          this.metrics.sessionRestarts += 1;
          a.push({ kind: 'send', message: { kind: 'hello', userID: this.config.userID, pipeline: this.config.pipeline,
          lastAckedSeq: this.replay.lastAckedSeq } });
          break;
        case 'refused':
          a.push({ kind: 'disconnect' });
          for (const timer of TIMERS) a.push({ kind: 'cancelTimer', timer });
          this.stopPlayback(a);
          this.connection = { kind: 'failed' };
          this.show('failed', a);
          break;
        default: break;
      }
    }

    timerFired(timer, now, a) {
      switch (timer) {
        case 'reconnectBackoff': this.backoffElapsed(now, a); break;
        case 'connectTimeout': this.connectTimedOut(now, a); break;
        case 'keepalive': this.keepaliveDue(now, a); break;
        case 'playbackChunkEnd': this.chunkFinishedPlaying(now, a); break;
        case 'playbackIdle': this.playbackIdled(a); break;
      }
    }

    // Barge-in

    bargeIn(now, a) {
      const p = this.playback;
      while (p.active !== null) {
        const responseID = p.active;
        const played = this.playedSoFar(now);
        this.metrics.bargeIns += 1;
        if (p.current !== null) {
          this.metrics.playedMicros += now - p.current.startedAt;
          a.push({ kind: 'stopPlayback', responseID });
          a.push({ kind: 'cancelTimer', timer: 'playbackChunkEnd' });
        }
        p.discardedThrough = Math.max(p.discardedThrough, responseID);
        this.clearActive(a);
        this.report({ kind: 'interrupt', responseID, playedMillis: Math.floor(played / 1000) }, a);
        if (p.queue.length > 0) { p.active = p.queue[0].responseID; p.serverEnded = false; }
      }
      this.showConversationState(a);
    }

    report(message, a) {
      this.reports.push(message);
      if (this.reports.length > REPORTS_KEPT_MAX) this.reports.shift();
      if (this.connection.kind === 'ready') a.push({ kind: 'send', message });
    }

    // Playback

    responseStarted(responseID, now, a) {
      if (responseID <= this.playback.discardedThrough || this.playback.active !== null) return;
      this.beginResponse(responseID, now, a);
      this.armIdle(now, a);
    }

    responseAudio(responseID, chunk, now, a) {
      const p = this.playback;
      if (responseID <= p.discardedThrough) return;
      if (p.active === null) this.beginResponse(responseID, now, a);
      if (responseID <= p.discardedThrough) return;
      p.queue.push({ responseID, chunk });
      if (p.current === null) this.playNext(now, a);
      this.armIdle(now, a);
    }

    responseEnded(responseID, cancelled, now, a) {
      const p = this.playback;
      if (responseID <= p.discardedThrough) return;
      if (cancelled) {
        p.discardedThrough = responseID;
        if (p.active === responseID) {
          this.finishActive(now, a);
        } else if (p.queue.some(q => q.responseID === responseID)) {
          p.queue = p.queue.filter(q => q.responseID !== responseID);
          this.report({ kind: 'played', responseID, playedMillis: 0 }, a);
        }
        this.showConversationState(a);
        return;
      }
      if (p.active === responseID) { p.serverEnded = true; this.finishIfDrained(now, a); }
    }

    beginResponse(responseID, now, a) {
      const p = this.playback;
      p.active = responseID; p.serverEnded = false; p.playedMicros = 0;
      if (this.vad.inSpeech) this.bargeIn(now, a);
    }

    playNext(now, a) {
      const p = this.playback;
      while (p.queue.length > 0) {
        const next = p.queue[0];
        if (p.active !== next.responseID) {
          this.finishActive(now, a);
          this.beginResponse(next.responseID, now, a);
          continue;
        }
        if (this.vad.inSpeech) { this.bargeIn(now, a); continue; }
        p.queue.shift();
        this.disarmIdle(a);
        if (p.playedMicros === 0) {
          this.metrics.responsesPlayed += 1;
          if (this.speechEndedAt !== null) {
            this.metrics.voiceToVoiceMicros.push(now - this.speechEndedAt);
            this.speechEndedAt = null;
          }
        }
        p.current = { chunk: next, startedAt: now };
        a.push({ kind: 'play', responseID: next.responseID, chunk: next.chunk });
        a.push({ kind: 'setTimer', timer: 'playbackChunkEnd', at: now + next.chunk.durationMicros });
        this.showConversationState(a);
        return;
      }
    }

    chunkFinishedPlaying(now, a) {
      const p = this.playback;
      if (p.current === null) return;
      const current = p.current;
      p.current = null;
      p.playedMicros += current.chunk.chunk.durationMicros;
      this.metrics.playedMicros += current.chunk.chunk.durationMicros;
      if (p.queue.length === 0) { this.finishIfDrained(now, a); this.armIdle(now, a); } else { this.playNext(now, a); }
    }

    finishIfDrained(now, a) {
      const p = this.playback;
      if (p.active === null || p.current !== null || p.queue.length > 0) return;
      if (!(p.serverEnded || this.serverState !== 'speaking')) return;
      this.finishActive(now, a);
      this.showConversationState(a);
    }

    finishActive(now, a) {
      const p = this.playback;
      if (p.active === null) return;
      const responseID = p.active;
      const played = this.playedSoFar(now);
      p.discardedThrough = Math.max(p.discardedThrough, responseID);
      if (p.current !== null) {
        this.metrics.playedMicros += now - p.current.startedAt;
        a.push({ kind: 'stopPlayback', responseID });
        a.push({ kind: 'cancelTimer', timer: 'playbackChunkEnd' });
      }
      this.clearActive(a);
      this.report({ kind: 'played', responseID, playedMillis: Math.floor(played / 1000) }, a);
    }

    playedSoFar(now) {
      const p = this.playback;
      return p.playedMicros + (p.current !== null ? now - p.current.startedAt : 0);
    }

    clearActive(a) {
      const p = this.playback;
      if (p.active === null) return;
      const responseID = p.active;
      this.disarmIdle(a);
      p.queue = p.queue.filter(q => q.responseID !== responseID);
      p.current = null; p.active = null; p.serverEnded = false; p.playedMicros = 0;
    }

    stopPlayback(a) {
      const p = this.playback;
      if (p.active === null) return;
      if (p.current !== null) {
        a.push({ kind: 'stopPlayback', responseID: p.active });
        a.push({ kind: 'cancelTimer', timer: 'playbackChunkEnd' });
      }
      this.clearActive(a);
      p.queue = [];
    }

    armIdle(now, a) {
      const p = this.playback;
      if (p.active === null || p.current !== null || p.idleSince !== null) return;
      p.idleSince = now; p.idleExpired = false;
      a.push({ kind: 'setTimer', timer: 'playbackIdle', at: now + this.config.playbackIdleMicros });
    }

    disarmIdle(a) {
      const p = this.playback;
      if (p.idleSince === null) return;
      if (!p.idleExpired) a.push({ kind: 'cancelTimer', timer: 'playbackIdle' });
      p.idleSince = null; p.idleExpired = false;
    }

    playbackIdled(a) {
      const p = this.playback;
      if (p.idleSince === null || p.idleExpired) return;
      p.idleExpired = true;
      this.showConversationState(a);
    }
  }

  /// One line per action, the same text the Swift vector generator writes.
  function describeMessage(m) {
    switch (m.kind) {
      case 'hello': return `hello(${m.userID},${m.pipeline},${m.lastAckedSeq})`;
      case 'resume': return `resume(${m.sessionID},${m.resumeToken},${m.lastAckedSeq})`;
      case 'audio': return `audio(${m.seq},${m.chunk.sampleCount})`;
      case 'commit': return `commit(${m.lastSeq})`;
      case 'interrupt': case 'played': return `${m.kind}(${m.responseID},${m.playedMillis})`;
      case 'ping': return `ping(${m.nonce})`;
      case 'bye': return 'bye';
    }
  }

  function describeAction(x) {
    switch (x.kind) {
      case 'connect': case 'disconnect': return x.kind;
      case 'send': return `send ${describeMessage(x.message)}`;
      case 'play': return `play(${x.responseID},${x.chunk.sampleCount})`;
      case 'stopPlayback': return `stopPlayback(${x.responseID})`;
      case 'setTimer': return `setTimer(${x.timer},${x.at})`;
      case 'cancelTimer': return `cancelTimer(${x.timer})`;
      case 'showState': return `showState(${x.state})`;
    }
  }

  /// A decoded wire message as the agent takes it (audio as a chunk).
  function fromWire(m) {
    if (m.kind === 'responseAudio') return { kind: m.kind, responseID: m.responseID, chunk: makeChunk(m.samples) };
    return m;
  }

  /// A client message as the wire encodes it (a chunk as its samples).
  function toWire(m) {
    if (m.kind === 'audio') return { kind: 'audio', seq: m.seq, samples: m.chunk.samples };
    return m;
  }

  return { FRAME_SAMPLES, CHUNK_MICROS, SAMPLE_RATE, TIMERS, frameEnergies, makeChunk, PRNG, defaultBackoff,
    ceilingMicros, delayMicros, EnergyVAD, ReplayBuffer, ClientAgent, describeAction, fromWire, toWire };
})();
"""#
}
