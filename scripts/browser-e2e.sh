#!/usr/bin/env bash
# The browser client end to end, in headless Chromium: `voicesim serve --providers local
# --record` on 127.0.0.1, a fake microphone playing a WAV spoken by espeak-ng, the page at /
# running itself (?autorun=1) and POSTing what happened to /browser/results. Checks that a turn
# completes, that a barge-in stops playback, that the server recorded the interruption and that
# its trace of the browser's session replays identically; saves a screenshot of the finished
# page and prints its path. Exit 0 on success, 1 on a failed check, 2 when a tool is missing.
# Needs chromium, espeak-ng, sox, curl, python3. Usage: scripts/browser-e2e.sh [out-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/.build/browser-e2e}" && cd "${1:-$root/.build/browser-e2e}" && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
for tool in chromium espeak-ng sox curl python3; do
    command -v "$tool" >/dev/null || { echo "browser-e2e: $tool is not installed" >&2; exit 2; }
done
started=$(date +%s)

voicesim="$root/.build/debug/voicesim"
# CI has just built everything (swift build --build-tests); elsewhere, BROWSER_E2E_BUILD=1 or a
# missing binary builds both executables first.
if [ "${BROWSER_E2E_BUILD:-0}" = 1 ] || [ ! -x "$voicesim" ] || [ ! -x "$root/.build/debug/voicesim-live" ]; then
    echo "== build"
    (cd "$root" && swift build --product voicesim-live 2>&1 | tail -n 1 && swift build --product voicesim 2>&1 | tail -n 1)
fi

# The user: asks, listens to the whole answer, asks again, then talks over the second answer.
# The local STT stand-in hears the k-th utterance as the k-th declared phrase (the page passes
# its ?phrase= items on), so the WAV's utterances and the phrases are in the same order.
phrases=("what is the weather like today" "tell me a joke" "stop please")
gaps=(0.5 14 3.5 4)
echo "== speech: ${phrases[*]}"
i=0
parts=()
for phrase in "${phrases[@]}"; do
    sox -n -r 16000 -c 1 -b 16 "$work/gap$i.wav" trim 0 "${gaps[$i]}"
    espeak-ng -v en-us -s 150 -w "$work/raw$i.wav" "$phrase"
    sox "$work/raw$i.wav" -r 16000 -c 1 -b 16 "$work/say$i.wav" gain -n -3
    parts+=("$work/gap$i.wav" "$work/say$i.wav")
    i=$((i + 1))
done
sox -n -r 16000 -c 1 -b 16 "$work/gap$i.wav" trim 0 "${gaps[$i]}"
sox "${parts[@]}" "$work/gap$i.wav" "$work/user.wav"
seconds=$(python3 -c "import sys; print(int(float(sys.argv[1])) + 2)" "$(soxi -D "$work/user.wav")")
echo "   $work/user.wav: $(soxi -D "$work/user.wav") s; the page hangs up after $seconds s"

echo "== serve"
token="e2e-$(date +%s%N)"
VOICESIM_TOKEN="$token" "$voicesim" serve --port 0 --providers local --record "$work/server.sqlite" \
    >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*ws://127.0.0.1:\([0-9]*\)/api/voice-v2.*|\1|p' "$work/serve.out" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { echo "FAIL: serve did not start: $(cat "$work/serve.err")" >&2; exit 1; }
query="token=$token&autorun=1&hold=1&aec=0&seconds=$seconds&seed=1"
for phrase in "${phrases[@]}"; do query="$query&phrase=${phrase// /+}"; done
url="http://127.0.0.1:$port/?$query"
echo "   $url"

echo "== chromium"
shot="$out/browser-e2e.png"
rm -f "$shot"
# --screenshot fires at the load event, which the page's /browser/hold image delays until the
# results are posted; Chromium then exits by itself.
timeout $((seconds + 60)) chromium --headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu \
    --user-data-dir="$work/profile" --use-fake-ui-for-media-stream --use-fake-device-for-media-stream \
    --use-file-for-fake-audio-capture="$work/user.wav%noloop" --autoplay-policy=no-user-gesture-required \
    --window-size=1200,900 --screenshot="$shot" "$url" >"$work/chromium.log" 2>&1 || {
    echo "FAIL: chromium did not finish (exit $?); its log: $work/chromium.log" >&2
    tail -n 20 "$work/chromium.log" >&2
    exit 1
}
curl -sf "http://127.0.0.1:$port/browser/results?token=$token" >"$out/results.json" || {
    echo "FAIL: the page posted no results" >&2
    exit 1
}
kill -INT "$server_pid"
wait "$server_pid" || true
server_pid=""

echo "== checks"
python3 - "$out/results.json" "${phrases[@]}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
phrases = sys.argv[2:]
failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: failures.append(what)
check(not results["errors"], f"no script errors {results['errors']}")
check(results["chunksCaptured"] >= 50, f"the mic delivered {results['chunksCaptured']} chunks of 100 ms")
turns = results["turns"]
for t in turns:
    print(f"     turn: said {t['said']!r} reply {t['responseID']} voice-to-voice {t['voiceToVoiceMs']} ms "
          f"heard {t['playedMillis']} ms, ended by {t['end']}")
check([t["said"] for t in turns] == phrases, f"the server heard the three utterances {[t['said'] for t in turns]}")
completed = [t for t in turns if t["end"] == "played" and t["voiceToVoiceMs"] is not None and (t["playedMillis"] or 0) > 1000]
check(len(completed) >= 1, "a turn completed: its answer started and played to the end")
barge = [b for b in results["bargeIns"] if b["playedMillis"] > 0]
check(len(barge) >= 1, f"the user barged in on a playing answer {results['bargeIns']}")
check(any(b["silentAfterMs"] is not None and b["silentAfterMs"] <= 250 for b in barge),
      "the barge-in stopped playback (the speaker was silent within 250 ms)")
states = [s["state"] for s in results["states"]]
check("speaking" in states and states[-1] == "ended", f"states shown {states}")
sys.exit(1 if failures else 0)
PY
interruptions=$("$voicesim" query "$work/server.sqlite" "select coalesce(sum(interruptions), 0) as n from sessions" --json \
    | python3 -c "import json, sys; print(json.load(sys.stdin)[0]['n'])")
echo "     server trace: $interruptions interruption(s)"
[ "${interruptions:-0}" -ge 1 ] 2>/dev/null || { echo "FAIL: the server's trace records no interruption" >&2; exit 1; }
if "$voicesim" replay "$work/server.sqlite" >"$work/replay.out" 2>&1; then
    echo "ok   the server's trace of the browser session replays identically"
else
    echo "FAIL: replay diverged:" >&2
    cat "$work/replay.out" >&2
    exit 1
fi
[ -s "$shot" ] || { echo "FAIL: no screenshot" >&2; exit 1; }
echo "ok: browser end to end in $(( $(date +%s) - started )) s; screenshot: $shot; results: $out/results.json"
