#!/usr/bin/env bash
# Pattern query throughput, weft beside Strudel in the same run (issue 8, item 6): runs the
# anchor bench (ONLY=patterns bash ../shared/bench/anchors/run_all.sh: @strudel/core 1.2.6 under
# Node) and build-bench/bench/weft_pattern_bench, then prints events/s of both and the ratio per
# pattern. Event counts must agree (the same queries produce the same number of events).
#
#   bench/pattern_anchors.sh [BUILD_DIR]    # default build (WEFT_BENCH is ON by default)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
case "$BUILD" in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac
ANCHORS="$ROOT/../shared/bench/anchors"
BENCH="$BUILD/bench/weft_pattern_bench"
[ -x "$BENCH" ] || { echo "no $BENCH: build it first (ninja -C $BUILD weft_pattern_bench)"; exit 2; }

strudel="$(ONLY=patterns REPS=1 bash "$ANCHORS/run_all.sh")"
weft="$("$BENCH")"
echo "$strudel"
echo "== weft $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "$weft"

# Strudel prints each measurement twice (a warm-up pass, then a second): take the best.
python3 - "$strudel" "$weft" <<'PY'
import re, sys
strudel, weft = sys.argv[1], sys.argv[2]
def windows(text, name):
    best = None
    for m in re.finditer(re.escape(name) + r"[^:]*: .*?-> (\d+) haps in ([\d.]+) ms = (\d+) haps/s", text):
        haps, rate = int(m.group(1)), float(m.group(3))
        if best is None or rate > best[1]: best = (haps, rate)
    return best
def stack_strudel(text):
    rates = [(int(n), int(n) / float(ms) * 1000) for ms, n in
             re.findall(r"firstCycle\(\): ([\d.]+) ms per call \((\d+) haps\)", text)]
    return max(rates, key=lambda r: r[1]) if rates else None
def stack_weft(text):
    m = re.search(r"first cycle: ([\d.]+) ms per call \((\d+) haps\)", text)
    return (int(m.group(2)), int(m.group(2)) / float(m.group(1)) * 1000) if m else None
rows = [("drums mini", windows(strudel, "drums mini"), windows(weft, "drums mini")),
        ("melody (Strudel: .fast(2).rev(); weft: [..]*2)", windows(strudel, "melody mini fast"),
         windows(weft, "melody mini fast")),
        ("stack(8x64).fast(64), first cycle", stack_strudel(strudel), stack_weft(weft))]
print("== ratio (events/s, weft / Strudel)")
status = 0
for name, s, w in rows:
    if not s or not w:
        print(f"{name}: missing figures"); status = 1; continue
    note = "" if s[0] == w[0] else f"   EVENT COUNTS DIFFER ({s[0]} vs {w[0]})"
    if note: status = 1
    print(f"{name:45s} Strudel {s[1]:>12,.0f}   weft {w[1]:>12,.0f}   {w[1] / s[1]:6.1f}x{note}")
sys.exit(status)
PY
