extension BrowserPage {
    /// The page's runtime (`App`): WebSocket, timers, AudioWorklets and the UI, driven by the agent's actions.
    static let appScript = #"""
// The page's runtime: carries out the agent's actions (socket, timers, speaker, UI) and feeds
// it what happens (mic chunks, frames, socket events, timers), exactly as the Swift live
// client does; the agent decides everything. ?autorun=1&seconds=N starts the call at load,
// hangs up after N seconds and POSTs what happened to /browser/results (the end-to-end test).
const App = (() => {
  const params = new URLSearchParams(location.search);
  const $ = id => document.getElementById(id);
  const errors = [];
  window.addEventListener('error', e => errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', e => errors.push(String(e.reason)));

  let agent = null, socket = null, context = null, playback = null, micStream = null, t0 = 0;
  const timers = new Map();
  const run = { speech: [], states: [], turns: [], reports: [], bargeIns: [], finals: [], partials: 0, chunksCaptured: 0,
    framesSent: 0, framesReceived: 0, played: 0, hangingUp: false, stops: [], serverErrors: [], sessionID: null };

  const now = () => Math.round((performance.now() - t0) * 1000);

  function randomSeed() {
    const words = crypto.getRandomValues(new Uint32Array(2));
    return (BigInt(words[0]) << 32n) | BigInt(words[1]);
  }

  function phrases() { return $('phrases').value.split('\n').map(s => s.trim()).filter(s => s.length > 0); }

  function socketURL() {
    // Percent-encoded (not URLSearchParams' '+' for spaces, which the server reads literally).
    const items = [`token=${encodeURIComponent(params.get('token') || '')}`]
      .concat(phrases().map(phrase => `phrase=${encodeURIComponent(phrase)}`));
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/api/voice-v2?${items.join('&')}`;
  }

  function dispatch(event) {
    if (!agent) return;
    const at = now();
    const before = agent.metrics.voiceToVoiceMicros.length;
    const wasInSpeech = agent.vad.inSpeech;
    const actions = agent.handle(event, at);
    if (agent.vad.inSpeech !== wasInSpeech) run.speech.push({ atMs: Math.round(at / 1000), inSpeech: agent.vad.inSpeech });
    for (const action of actions) perform(action, at);
    if (agent.metrics.voiceToVoiceMicros.length > before) {
      const turn = run.turns.find(t => t.responseID !== null && t.voiceToVoiceMs === null);
      if (turn) turn.voiceToVoiceMs = Math.round(agent.metrics.voiceToVoiceMicros[before] / 1000);
      renderTurns();
    }
  }

  function perform(action, at) {
    switch (action.kind) {
      case 'connect': openSocket(); break;
      case 'disconnect': {
        const closing = socket;
        socket = null;
        if (closing) closing.close(1000, 'client');
        break;
      }
      case 'send':
        if (socket && socket.readyState === WebSocket.OPEN) {
          socket.send(Wire.encodeClient(Core.toWire(action.message)));
          run.framesSent += 1;
        }
        noteSent(action.message);
        break;
      case 'play': {
        const floats = new Float32Array(action.chunk.samples.length);
        for (let i = 0; i < floats.length; i++) floats[i] = action.chunk.samples[i];
        if (playback) playback.port.postMessage({ type: 'play', samples: floats }, [floats.buffer]);
        run.played += 1;
        const turn = run.turns.find(t => t.responseID === action.responseID)
          || run.turns.find(t => t.responseID === null);
        if (turn) turn.responseID = action.responseID;
        break;
      }
      case 'stopPlayback':
        if (playback) playback.port.postMessage({ type: 'stop', at: performance.now() });
        run.stops.push({ responseID: action.responseID, atMs: Math.round(at / 1000) });
        break;
      case 'setTimer': {
        clearTimeout(timers.get(action.timer));
        timers.set(action.timer, setTimeout(() => {
          timers.delete(action.timer);
          dispatch({ kind: 'timerFired', timer: action.timer });
        }, Math.max(0, (action.at - now()) / 1000)));
        break;
      }
      case 'cancelTimer':
        clearTimeout(timers.get(action.timer));
        timers.delete(action.timer);
        break;
      case 'showState':
        run.states.push({ atMs: Math.round(at / 1000), state: action.state });
        showState(action.state);
        break;
    }
  }

  function noteSent(message) {
    if (message.kind !== 'interrupt' && message.kind !== 'played') return;
    run.reports.push(`${message.kind}(${message.responseID},${message.playedMillis})`);
    const turn = run.turns.find(t => t.responseID === message.responseID);
    if (turn) {
      turn.playedMillis = message.playedMillis;
      turn.interrupted = message.kind === 'interrupt';
      turn.end = message.kind === 'interrupt' ? 'barge-in' : (run.hangingUp ? 'hang-up' : 'played');
    }
    if (message.kind === 'interrupt') run.bargeIns.push({ responseID: message.responseID, playedMillis: message.playedMillis,
      silentAfterMs: null, droppedSamples: null });
    renderTurns();
  }

  function openSocket() {
    const ws = new WebSocket(socketURL());
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => { if (ws === socket) dispatch({ kind: 'connected' }); };
    ws.onmessage = event => {
      if (ws !== socket) return;
      let message;
      try {
        message = Wire.decodeServer(new Uint8Array(event.data));
      } catch (error) {
        errors.push(`bad frame from the server: ${error.message}`);
        return;
      }
      run.framesReceived += 1;
      noteReceived(message);
      dispatch({ kind: 'received', message: Core.fromWire(message) });
    };
    ws.onclose = event => {
      if (ws !== socket) return;
      socket = null;
      dispatch({ kind: 'disconnected', reason: event.code === 1000 || event.code === 1001 ? 'closedByPeer' : 'networkError' });
    };
  }

  function noteReceived(message) {
    switch (message.kind) {
      case 'welcome': run.sessionID = message.sessionID.toString(16); break;
      case 'partialTranscript': run.partials += 1; $('partial').textContent = message.text; break;
      case 'finalTranscript':
        run.finals.push(message.text);
        $('partial').textContent = '';
        if (message.text.length > 0) {
          run.turns.push({ said: message.text, responseID: null, voiceToVoiceMs: null, playedMillis: null, interrupted: false,
            end: null });
          renderTurns();
        }
        break;
      case 'error': run.serverErrors.push(message.message); $('error').textContent = message.message; break;
      default: break;
    }
  }

  function showState(state) {
    const label = { idle: 'Idle', connecting: 'Connecting…', listening: 'Listening', thinking: 'Thinking…',
      speaking: 'Speaking', reconnecting: 'Reconnecting…', failed: 'Connection failed', ended: 'Call ended' }[state];
    const badge = $('state');
    badge.textContent = label;
    badge.dataset.state = state;
  }

  function renderTurns() {
    const rows = run.turns.map((t, i) => `<tr><td>${i + 1}</td><td>${escape(t.said)}</td><td>${t.responseID ?? '—'}</td>`
      + `<td>${t.voiceToVoiceMs === null ? '—' : t.voiceToVoiceMs + ' ms'}</td>`
      + `<td>${t.playedMillis === null ? '—' : t.playedMillis + ' ms'}${t.end && t.end !== 'played' ? ` (${t.end})` : ''}</td></tr>`);
    $('turns').innerHTML = rows.join('');
    $('stats').textContent = `chunks sent ${run.chunksCaptured} · barge-ins ${agent ? agent.metrics.bargeIns : 0}`
      + ` · reconnects ${agent ? agent.metrics.disconnects : 0}`;
  }

  function escape(text) {
    return text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  async function start() {
    $('start').disabled = true;
    $('hangup').disabled = false;
    const aec = params.get('aec') !== '0';
    context = new AudioContext();
    await context.audioWorklet.addModule('/browser/worklets.js');
    micStream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: aec, noiseSuppression: false, autoGainControl: false, channelCount: 1 } });
    const source = context.createMediaStreamSource(micStream);
    // Connected to the destination (it outputs silence) so the graph pulls it in every browser.
    const capture = new AudioWorkletNode(context, 'voicesim-capture');
    playback = new AudioWorkletNode(context, 'voicesim-playback', { numberOfInputs: 0, outputChannelCount: [1] });
    playback.connect(context.destination);
    playback.port.onmessage = event => {
      if (event.data.type !== 'silent') return;
      const pending = run.bargeIns.find(b => b.silentAfterMs === null);
      if (pending) { pending.silentAfterMs = Math.round(performance.now() - event.data.at); pending.droppedSamples = event.data.dropped; }
    };
    capture.port.onmessage = event => {
      run.chunksCaptured += 1;
      dispatch({ kind: 'micCaptured', chunk: Core.makeChunk(event.data) });
    };
    source.connect(capture);
    capture.connect(context.destination);
    await context.resume();
    const seed = params.has('seed') ? BigInt(params.get('seed')) : randomSeed();
    agent = new Core.ClientAgent({ userID: params.get('user') || 'browser' }, seed);
    t0 = performance.now();
    dispatch({ kind: 'callStarted' });
  }

  function hangUp() {
    run.hangingUp = true;
    dispatch({ kind: 'callEnded' });
    $('hangup').disabled = true;
    if (micStream) for (const track of micStream.getTracks()) track.stop();
  }

  function results() {
    return { sampleRate: context ? context.sampleRate : null, sessionID: run.sessionID, speech: run.speech, states: run.states, turns: run.turns,
      reports: run.reports, bargeIns: run.bargeIns, stops: run.stops, finals: run.finals, partials: run.partials,
      chunksCaptured: run.chunksCaptured, framesSent: run.framesSent, framesReceived: run.framesReceived,
      chunksPlayed: run.played, serverErrors: run.serverErrors, errors,
      metrics: agent ? Object.assign({}, agent.metrics) : null };
  }

  async function autorun() {
    const seconds = Number(params.get('seconds') || '20');
    try {
      await start();
      await new Promise(resolve => setTimeout(resolve, seconds * 1000));
      hangUp();
      await new Promise(resolve => setTimeout(resolve, 300));
    } catch (error) {
      errors.push(`autorun: ${error}`);
    }
    const body = JSON.stringify(results(), (key, value) => typeof value === 'bigint' ? value.toString() : value);
    await fetch(`/browser/results?token=${encodeURIComponent(params.get('token') || '')}`, { method: 'POST', body });
    document.body.dataset.done = '1';
  }

  function init() {
    $('phrases').value = params.getAll('phrase').join('\n');
    $('start').onclick = () => start().catch(error => { $('error').textContent = String(error); });
    $('hangup').onclick = hangUp;
    if (!params.get('token')) $('error').textContent = 'Add ?token=… (the server\'s VOICESIM_TOKEN) to this page\'s address.';
    // The end-to-end test screenshots the page once its results are in: this image holds the
    // load event (and so Chromium's --screenshot) until the server has them.
    if (params.get('hold') === '1') {
      const hold = new Image(1, 1);
      hold.alt = '';
      hold.src = `/browser/hold?token=${encodeURIComponent(params.get('token') || '')}`;
      document.body.appendChild(hold);
    }
    if (params.get('autorun') === '1') autorun();
  }

  return { init, results };
})();
"""#
}
