#!/usr/bin/env bash
# Runs every built-in scenario in a debug and a release build and checks the digests match:
# the determinism contract says optimisation level must not change a single action.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product voicesim >/dev/null
swift build -c release --product voicesim >/dev/null
debug=.build/debug/voicesim
release=.build/release/voicesim

failed=0
for scenario in $("$debug" scenarios | awk 'NR > 2 { print $1 }'); do
    for seed in 1 2; do
        a=$("$debug" run "$scenario" --seed "$seed" --json | grep '"digest"')
        b=$("$release" run "$scenario" --seed "$seed" --json | grep '"digest"')
        if [ "$a" = "$b" ]; then
            echo "same   $scenario seed $seed $a"
        else
            echo "DIFFER $scenario seed $seed debug $a release $b"
            failed=1
        fi
    done
done
exit $failed
