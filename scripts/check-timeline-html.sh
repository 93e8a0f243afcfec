#!/usr/bin/env bash
# Renders `voicesim timeline --format html` of a built-in scenario in headless Chromium and
# fails on console errors or a page that did not finish drawing. Needs `chromium`
# (apt-get install -y chromium). Usage: scripts/check-timeline-html.sh [scenario] [screenshot.png]
set -euo pipefail
scenario="${1:-v2-barge-in}"
shot="${2:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
voicesim="$root/.build/debug/voicesim"
[ -x "$voicesim" ] || (cd "$root" && swift build --product voicesim >/dev/null)
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
"$voicesim" run "$scenario" --record "$work/trace.sqlite" --audio full >/dev/null 2>&1
"$voicesim" timeline "$work/trace.sqlite" --format html --out "$work/timeline.html"
flags=(--headless --no-sandbox --disable-dev-shm-usage --disable-gpu)
chromium "${flags[@]}" --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
    --dump-dom "file://$work/timeline.html" >"$work/dom.html" 2>"$work/console.log" || true
if grep -E "Uncaught|CONSOLE.*(Error|error)" "$work/console.log"; then
    echo "FAIL: console errors (above)" >&2
    exit 1
fi
if ! grep -q 'data-render="ok"' "$work/dom.html"; then
    echo "FAIL: the page did not finish drawing: $(grep -o '<body[^>]*>' "$work/dom.html" || echo 'no body')" >&2
    exit 1
fi
if [ -n "$shot" ]; then
    chromium "${flags[@]}" --user-data-dir="$work/profile2" --screenshot="$(realpath "$shot")" \
        --window-size=1400,900 "file://$work/timeline.html" 2>/dev/null
fi
echo "ok: $scenario timeline renders in $(chromium --version) without console errors"
