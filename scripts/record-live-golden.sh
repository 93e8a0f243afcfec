#!/usr/bin/env bash
# Records the live golden traces/golden/live-two-turns.sqlite: `voicesim serve` with its local
# provider stand-ins on loopback, recording, and `voicesim call --say` placing a two-turn call.
# The server's trace is the golden (origin live, no scenario): `voicesim regress traces/golden`
# replays it bit for bit and checks traces/golden/live-two-turns.expect.yaml on it. `regress
# --update` cannot re-record a live session; run this script instead, then re-pin the pins in
# the expectations file from `voicesim regress traces/golden/live-two-turns.expect.yaml`.
# Run it only when a change of behaviour is intended, and say in the commit what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product voicesim-live >/dev/null
live=.build/debug/voicesim-live
name=live-two-turns
work=$(mktemp -d)
serve_pid=
cleanup() {
    if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

export VOICESIM_TOKEN=golden-token
"$live" serve --port 0 --providers local --record "$work/server.sqlite" >"$work/serve.log" 2>&1 &
serve_pid=$!
port=
for _ in $(seq 300); do
    port=$(sed -n 's|^voicesim serve: ws://127.0.0.1:\([0-9]*\)/api/voice-v2.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; echo "serve did not start" >&2; exit 1; }

"$live" call --url "ws://127.0.0.1:$port/api/voice-v2" --seed 7 --max-seconds 60 \
    --say "hello can you hear me" --say "what is the weather like today" --json >"$work/call.json"
kill -TERM "$serve_pid"
wait "$serve_pid" || true
serve_pid=

cp "$work/server.sqlite" "traces/golden/$name.sqlite"
echo "recorded traces/golden/$name.sqlite; the call:"
cat "$work/call.json"
