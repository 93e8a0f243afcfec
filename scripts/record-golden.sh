#!/usr/bin/env bash
# Re-records the golden traces in traces/ from their built-in scenarios.
# Run it only when a change to the voice core's behaviour is intended: the golden-trace
# test replays these sessions and fails on the first action that differs.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product voicesim >/dev/null
voicesim=.build/debug/voicesim
golden=traces/golden.sqlite
rm -f "$golden" "$golden-wal" "$golden-shm"
for scenario in v2-barge-in v2-flaky-network v2-cold-start v1-nominal; do
    "$voicesim" scenarios "$scenario" > "traces/$scenario.yaml"
    "$voicesim" run "traces/$scenario.yaml" --record "$golden" --audio hash >/dev/null
done
"$voicesim" inspect "$golden" | head -n 3
