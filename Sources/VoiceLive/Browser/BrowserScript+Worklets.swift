extension BrowserPage {
    /// The AudioWorklet processors, served at `/browser/worklets.js`: capture (downsample to 16 kHz,
    /// 100 ms chunks) and playback (progressive, stoppable at once).
    static let workletsScript = #"""
// Capture: mixes the mic to mono, averages the samples that fall into each 1/16000 s
// interval (a box low-pass, then decimation, at any context rate), and posts 100 ms chunks
// of 16 kHz PCM16. Playback: plays queued 16 kHz PCM16 at the context's rate by linear
// interpolation; 'stop' drops everything at once, and the first silent block after a stop
// is reported so the page can show how fast a barge-in silenced the speaker.
class VoiceSimCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 16000;
    this.boundary = this.step;
    this.position = 0;
    this.sum = 0;
    this.count = 0;
    this.chunk = new Int16Array(1600);
    this.filled = 0;
  }
  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const frames = channels[0].length;
    for (let i = 0; i < frames; i++) {
      let mono = 0;
      for (const channel of channels) mono += channel[i];
      this.sum += mono / channels.length;
      this.count += 1;
      this.position += 1;
      if (this.position >= this.boundary) {
        this.boundary += this.step;
        const value = Math.max(-1, Math.min(1, this.sum / this.count));
        this.chunk[this.filled++] = Math.round(value * 32767);
        this.sum = 0;
        this.count = 0;
        if (this.filled === this.chunk.length) {
          this.port.postMessage(this.chunk, [this.chunk.buffer]);
          this.chunk = new Int16Array(1600);
          this.filled = 0;
        }
      }
    }
    return true;
  }
}

class VoiceSimPlayback extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];
    this.position = 0;
    this.step = 16000 / sampleRate;
    this.stoppedAt = null;
    this.port.onmessage = event => {
      if (event.data.type === 'play') {
        this.queue.push(event.data.samples);
      } else if (event.data.type === 'stop') {
        const dropped = this.queue.reduce((n, q) => n + q.length, 0) - Math.floor(this.position);
        this.queue = [];
        this.position = 0;
        this.stoppedAt = { at: event.data.at, dropped };
      }
    };
  }
  process(inputs, outputs) {
    const out = outputs[0][0];
    let audible = false;
    for (let i = 0; i < out.length; i++) {
      while (this.queue.length > 0 && this.position >= this.queue[0].length) {
        this.position -= this.queue[0].length;
        this.queue.shift();
      }
      if (this.queue.length === 0) { out[i] = 0; continue; }
      const current = this.queue[0];
      const index = Math.floor(this.position), fraction = this.position - index;
      const next = index + 1 < current.length ? current[index + 1] : (this.queue[1] ? this.queue[1][0] : current[index]);
      out[i] = (current[index] * (1 - fraction) + next * fraction) / 32768;
      if (out[i] !== 0) audible = true;
      this.position += this.step;
    }
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    if (this.stoppedAt !== null && !audible) {
      this.port.postMessage({ type: 'silent', at: this.stoppedAt.at, dropped: this.stoppedAt.dropped, frame: currentFrame });
      this.stoppedAt = null;
    }
    return true;
  }
}

registerProcessor('voicesim-capture', VoiceSimCapture);
registerProcessor('voicesim-playback', VoiceSimPlayback);
"""#
}
