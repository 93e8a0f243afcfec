extension BrowserPage {
    /// The page's HTML and style; `/*WIRE*/`, `/*CORE*/` and `/*APP*/` are replaced by the scripts.
    static let pageTemplate = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>VoiceSim — talk to the pipeline</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.4rem; margin-bottom: .2rem; }
  .sub { color: #5a6477; margin-top: 0; }
  #state { display: inline-block; padding: .35rem .9rem; border-radius: 1rem; font-weight: 600; background: #e6e9ef; }
  #state[data-state="listening"] { background: #d8f3e3; color: #11643a; }
  #state[data-state="thinking"] { background: #fff1c7; color: #7a5500; }
  #state[data-state="speaking"] { background: #d9e8ff; color: #123f8c; }
  #state[data-state="reconnecting"], #state[data-state="failed"] { background: #ffdcdc; color: #8c1212; }
  button { font: inherit; padding: .4rem 1rem; margin-right: .5rem; }
  textarea { width: 100%; font: inherit; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e1e4ea; }
  #partial { color: #5a6477; font-style: italic; min-height: 1.4em; }
  #error { color: #a11; min-height: 1.4em; }
  #stats { color: #5a6477; }
</style>
</head>
<body>
<h1>VoiceSim</h1>
<p class="sub">Browser client of <code>/api/voice-v2</code>: mic at 16 kHz in 100 ms chunks, the voice core's
client (VAD barge-in, reconnect with backoff, 5 s replay buffer) in JavaScript, progressive playback.</p>
<p><span id="state" data-state="idle">Idle</span></p>
<p><button id="start">Start call</button><button id="hangup" disabled>Hang up</button></p>
<label for="phrases">What you will say, one phrase per line (the local STT stand-in hears these, in order):</label>
<textarea id="phrases" rows="3"></textarea>
<p id="partial"></p>
<table>
  <thead><tr><th>#</th><th>you said</th><th>reply</th><th>voice-to-voice</th><th>heard</th></tr></thead>
  <tbody id="turns"></tbody>
</table>
<p id="stats"></p>
<p id="error"></p>
<script>
/*WIRE*/
/*CORE*/
/*APP*/
App.init();
</script>
</body>
</html>
"""#
}
