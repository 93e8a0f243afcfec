/// The page around a timeline's data: inline CSS and a dependency-free canvas renderer.
///
/// The script sets `data-render="ok"` on `<body>` once it has drawn, or `data-render="error"`
/// with the message on any uncaught error, so a headless browser can check the page by
/// dumping its DOM (`scripts/check-timeline-html.sh`).
enum TimelineHTMLTemplate {
    static func page(title: String, data: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <style>
        \(css)
        </style>
        </head>
        <body data-render="pending">
        <header>
          <h1 id="title"></h1>
          <div class="controls">
            <button id="zoom-in" title="zoom in">+</button>
            <button id="zoom-out" title="zoom out">−</button>
            <button id="zoom-reset" title="show everything">fit</button>
            <span id="range"></span>
          </div>
          <div class="legend">wheel: zoom · drag: pan · click a mark, span or turn for details</div>
        </header>
        <canvas id="timeline"></canvas>
        <section id="details"><em>Click a mark, a span or a voice-to-voice bar.</em></section>
        <script type="application/json" id="timeline-data">\(data)</script>
        <script>
        \(script)
        </script>
        </body>
        </html>

        """
    }

    static let css = """
        body { margin: 0; font: 12px/1.4 system-ui, sans-serif; background: #fbfbfc; color: #222; }
        header { padding: 8px 12px; border-bottom: 1px solid #ddd; display: flex; gap: 16px; align-items: center; }
        h1 { font-size: 15px; margin: 0; }
        .controls button { font-size: 14px; min-width: 32px; }
        .legend { color: #777; }
        canvas { display: block; width: 100%; cursor: grab; }
        canvas.dragging { cursor: grabbing; }
        #details { padding: 8px 12px; border-top: 1px solid #ddd; min-height: 48px; white-space: pre-wrap;
                   font-family: ui-monospace, monospace; }
        """

    static let script = """
        "use strict";
        (function () {
          const body = document.body;
          window.addEventListener("error", function (event) {
            body.setAttribute("data-render", "error");
            body.setAttribute("data-error", String(event.message));
          });
          const data = JSON.parse(document.getElementById("timeline-data").textContent);
          const canvas = document.getElementById("timeline");
          const context = canvas.getContext("2d");
          const details = document.getElementById("details");
          document.getElementById("title").textContent = data.title;
          const labelWidth = 150, axisHeight = 24, rowHeight = 26, waveHeight = 44;
          const colors = {
            normal: "#5b8def", speech: "rgba(46,158,91,0.22)", partition: "rgba(220,40,40,0.28)", stall: "rgba(240,150,20,0.32)",
            spike: "rgba(240,200,20,0.35)", drop: "rgba(200,30,120,0.30)", fault: "rgba(130,80,200,0.28)",
            gap: "rgba(120,120,120,0.30)"
          };
          const highlightColors = { TURN: "#2e9e5b", INTERRUPTION: "#d62728", RECONNECT: "#ff7f0e", GAP: "#8c564b",
                                    ERROR: "#b00020", SPIKE: "#e6a100" };
          const shaded = { speech: 1, partition: 1, stall: 1, spike: 1, drop: 1, fault: 1, gap: 1 };
          const waveTracks = {};
          for (const wave of data.waves) { waveTracks[wave[0] + ":" + wave[1]] = wave; }
          const rows = [];
          for (let lane = 0; lane < data.lanes; lane++) {
            data.tracks.forEach(function (name, track) {
              const tall = waveTracks[lane + ":" + track] !== undefined;
              rows.push({ lane: lane, track: track, name: (data.lanes > 1 ? "lane " + lane + " " : "") + name,
                          height: tall ? waveHeight : rowHeight });
            });
          }
          let top = axisHeight;
          const rowOf = {};
          for (const row of rows) { row.top = top; top += row.height; rowOf[row.lane + ":" + row.track] = row; }
          const totalHeight = top + 8;
          const end = Math.max(data.end, 1000000);
          let view = { start: 0, end: end };
          let hits = [];

          function resize() {
            const ratio = window.devicePixelRatio || 1;
            canvas.style.height = totalHeight + "px";
            canvas.width = Math.floor(canvas.clientWidth * ratio);
            canvas.height = Math.floor(totalHeight * ratio);
            context.setTransform(ratio, 0, 0, ratio, 0, 0);
            draw();
          }
          function plotWidth() { return canvas.clientWidth - labelWidth - 8; }
          function x(micros) { return labelWidth + (micros - view.start) / (view.end - view.start) * plotWidth(); }
          function micros(px) { return view.start + (px - labelWidth) / plotWidth() * (view.end - view.start); }
          function seconds(value) { return (value / 1e6).toFixed(3) + " s"; }
          function visible(start, stop) { return stop >= view.start && start <= view.end; }

          function drawAxis() {
            const span = view.end - view.start;
            const steps = [1e3, 5e3, 1e4, 5e4, 1e5, 5e5, 1e6, 2e6, 5e6, 1e7, 3e7, 6e7, 3e8];
            let step = steps[steps.length - 1];
            for (const candidate of steps) { if (span / candidate <= 12) { step = candidate; break; } }
            context.fillStyle = "#555"; context.strokeStyle = "#e4e4e8"; context.font = "11px sans-serif";
            for (let t = Math.ceil(view.start / step) * step; t <= view.end; t += step) {
              const px = x(t);
              context.beginPath(); context.moveTo(px, axisHeight - 4); context.lineTo(px, totalHeight); context.stroke();
              context.fillText(seconds(t), px + 2, 14);
            }
          }
          function drawRows() {
            rows.forEach(function (row, index) {
              context.fillStyle = index % 2 ? "#f3f4f7" : "#ffffff";
              context.fillRect(0, row.top, canvas.clientWidth, row.height);
              context.fillStyle = "#333"; context.font = "12px sans-serif";
              context.fillText(row.name, 6, row.top + row.height / 2 + 4);
            });
          }
          function drawWaves() {
            for (const wave of data.waves) {
              const row = rowOf[wave[0] + ":" + wave[1]];
              const bucket = wave[2], peaks = wave[3];
              const middle = row.top + row.height / 2;
              context.fillStyle = wave[1] === data.tracks.indexOf("mic/VAD") ? "rgba(46,158,91,0.55)" : "rgba(91,141,239,0.55)";
              const first = Math.max(0, Math.floor(view.start / bucket)), last = Math.min(peaks.length, Math.ceil(view.end / bucket));
              const stride = Math.max(1, Math.floor((last - first) / plotWidth()));
              for (let i = first; i < last; i += stride) {
                let peak = 0;
                for (let j = i; j < Math.min(last, i + stride); j++) { peak = Math.max(peak, peaks[j]); }
                const h = peak / 100 * (row.height / 2 - 2);
                if (h > 0.2) { context.fillRect(x(i * bucket), middle - h, Math.max(1, x((i + stride) * bucket) - x(i * bucket)), 2 * h); }
              }
            }
          }
          function drawSpans() {
            for (const span of data.spans) {
              const lane = span[0], track = span[1], start = span[2], stop = span[3], style = span[4], name = span[5];
              const row = rowOf[lane + ":" + track];
              if (!row || !visible(start, stop)) { continue; }
              const left = Math.max(labelWidth, x(start)), right = Math.min(canvas.clientWidth, Math.max(x(stop), x(start) + 2));
              if (shaded[style]) {
                context.fillStyle = colors[style];
                context.fillRect(left, row.top, right - left, row.height);
              } else if (row.height === waveHeight) {
                context.fillStyle = colors[style] || colors.normal;
                context.fillRect(left, row.top + 1, right - left, 4);
              } else {
                context.fillStyle = colors[style] || colors.normal;
                context.fillRect(left, row.top + 5, right - left, row.height - 10);
                if (right - left > 40) {
                  context.save(); context.beginPath(); context.rect(left, row.top, right - left, row.height); context.clip();
                  context.fillStyle = "#fff"; context.font = "11px sans-serif";
                  context.fillText(name, left + 3, row.top + row.height / 2 + 4); context.restore();
                }
              }
              hits.push({ row: row, left: left, right: right, text: "span " + name + " (" + style + ")\\n" + seconds(start) + " – " + seconds(stop) + "  (" + ((stop - start) / 1000).toFixed(0) + " ms)" });
            }
          }
          function drawDelays() {
            for (const delay of data.delays) {
              const row = rowOf[delay[0] + ":" + delay[1]];
              if (!row || !visible(delay[2], delay[2])) { continue; }
              const h = Math.min(row.height - 4, 2 + Math.log2(1 + delay[3] / 10000) * 3);
              context.fillStyle = delay[3] > 300000 ? "#d62728" : "#7a7f8c";
              context.fillRect(x(delay[2]), row.top + row.height - 2 - h, 1, h);
            }
          }
          function drawTurns() {
            const track = data.tracks.indexOf("turns");
            for (const turn of data.turns) {
              const row = rowOf[turn[0] + ":" + track];
              const speechEnd = turn[3], play = turn[4];
              const stop = play === null ? speechEnd : play;
              if (!visible(speechEnd, stop)) { continue; }
              const latency = play === null ? null : play - speechEnd;
              context.fillStyle = latency === null ? "#999" : latency > 4e6 ? "#d62728" : latency > 2e6 ? "#e6a100" : "#2e9e5b";
              const left = x(speechEnd), right = Math.max(x(stop), left + 3);
              context.fillRect(left, row.top + 4, right - left, row.height - 8);
              context.fillStyle = "#222"; context.font = "11px sans-serif";
              const label = "#" + turn[1] + " " + (latency === null ? "unanswered" : (latency / 1000).toFixed(0) + " ms");
              context.fillText(label, right + 3, row.top + row.height / 2 + 4);
              hits.push({ row: row, left: left, right: right + 60, text: "turn " + turn[1] + (turn[6] ? ": \\"" + turn[6] + "\\"" : "") +
                "\\nspeech " + seconds(turn[2]) + " – " + seconds(speechEnd) + "\\nfirst sound of the answer " +
                (play === null ? "never" : seconds(play) + "  voice-to-voice " + (latency / 1000).toFixed(0) + " ms") +
                (turn[5] ? "\\nthe user barged in on this answer" : "") });
            }
          }
          function drawMoments() {
            for (const moment of data.moments) {
              const row = rowOf[moment[0] + ":" + moment[1]];
              if (!row || !visible(moment[2], moment[2])) { continue; }
              const px = x(moment[2]);
              const highlight = moment[5];
              if (highlight || data.tracks[moment[1]] === "marks") {
                context.fillStyle = highlightColors[highlight] || "#444";
                context.beginPath(); context.moveTo(px, row.top + 3); context.lineTo(px - 5, row.top + 12);
                context.lineTo(px + 5, row.top + 12); context.closePath(); context.fill();
                context.fillRect(px - 0.5, row.top + 12, 1, row.height - 14);
              } else {
                context.fillStyle = moment[7] ? "#333" : "#aab";
                context.fillRect(px - 0.5, row.top + (moment[7] ? 4 : 9), 1, row.height - (moment[7] ? 8 : 18));
              }
              hits.push({ row: row, left: px - 5, right: px + 5, priority: 1,
                          text: seconds(moment[2]) + "  " + moment[3] + (highlight ? "  [" + highlight + "]" : "") + "\\n" + moment[4] +
                                (moment[6] >= 0 ? "\\nevent #" + moment[6] + "  (voicesim debug: continue " + (moment[2] / 1e6).toFixed(3) + "s)" : "") });
            }
          }
          function draw() {
            hits = [];
            context.clearRect(0, 0, canvas.clientWidth, totalHeight);
            drawRows(); drawAxis(); drawWaves(); drawSpans(); drawDelays(); drawTurns(); drawMoments();
            document.getElementById("range").textContent = seconds(view.start) + " – " + seconds(view.end);
          }
          function zoom(factor, around) {
            const center = around === undefined ? (view.start + view.end) / 2 : around;
            const width = Math.min(end, Math.max(2000, (view.end - view.start) * factor));
            let start = center - (center - view.start) * width / (view.end - view.start);
            start = Math.max(0, Math.min(end - width, start));
            view = { start: start, end: start + width };
            draw();
          }
          canvas.addEventListener("wheel", function (event) {
            event.preventDefault();
            const rect = canvas.getBoundingClientRect();
            zoom(event.deltaY > 0 ? 1.25 : 0.8, micros(event.clientX - rect.left));
          }, { passive: false });
          let drag = null;
          canvas.addEventListener("mousedown", function (event) {
            drag = { x: event.clientX, start: view.start, end: view.end, moved: false }; canvas.classList.add("dragging");
          });
          window.addEventListener("mousemove", function (event) {
            if (!drag) { return; }
            const shift = (event.clientX - drag.x) / plotWidth() * (drag.end - drag.start);
            if (Math.abs(event.clientX - drag.x) > 3) { drag.moved = true; }
            const width = drag.end - drag.start;
            const start = Math.max(0, Math.min(end - width, drag.start - shift));
            view = { start: start, end: start + width }; draw();
          });
          window.addEventListener("mouseup", function (event) {
            canvas.classList.remove("dragging");
            const moved = drag && drag.moved; drag = null;
            if (moved) { return; }
            const rect = canvas.getBoundingClientRect();
            const px = event.clientX - rect.left, py = event.clientY - rect.top;
            if (px < 0 || py < 0 || px > rect.width || py > rect.height) { return; }
            let best = null;
            for (const hit of hits) {
              if (py < hit.row.top || py > hit.row.top + hit.row.height || px < hit.left || px > hit.right) { continue; }
              if (!best || (hit.priority || 0) >= (best.priority || 0)) { best = hit; }
            }
            if (best) { details.textContent = best.text; }
          });
          document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
          document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
          document.getElementById("zoom-reset").addEventListener("click", function () { view = { start: 0, end: end }; draw(); });
          window.addEventListener("resize", resize);
          resize();
          if (body.getAttribute("data-render") === "pending") { body.setAttribute("data-render", "ok"); }
        })();
        """
}
