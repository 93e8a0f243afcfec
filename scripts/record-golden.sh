#!/usr/bin/env bash
# Re-records the golden traces in traces/golden: first the scenario files printed from
# built-ins are printed again (a golden whose expectations file names `builtin: NAME`), then
# `voicesim regress --update` re-records every golden that does not pass (a diverged, stale or
# unreadable one, e.g. after a trace schema change) and re-pins its measurements. It refuses a
# golden whose new behaviour breaks a guarded expectation; fix the core or the expectation.
# Run it only when a change of behaviour is intended, and say in the commit what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product voicesim >/dev/null
voicesim=.build/debug/voicesim
for expect in traces/golden/*.expect.yaml; do
    builtin=$(sed -n 's/^builtin: *//p' "$expect")
    if [ -n "$builtin" ]; then
        "$voicesim" scenarios "$builtin" > "traces/golden/$builtin.yaml"
    fi
done
"$voicesim" regress traces/golden --update
