#!/usr/bin/env bash
# The visual anchor of ../shared/bench/anchors (Hydra's osc -> kaleid -> rotate at 1280x720 on the
# CPU) run in one script beside the same patch in WEFT, so the figures share the machine's state:
#   Mesa llvmpipe GLSL through EGL (anchors/egl), Halide 14 JIT serial and parallel+vectorised
#   (anchors/halide), and weft (bench/programs/hydra.weft through build/bench/weft_render_bench).
# Usage: bench/visual_anchors.sh [BUILD_DIR]   (default: build; needs WEFT_BENCH=ON there)
# Needs libegl-dev libgles-dev for llvmpipe and libhalide14-0-dev for Halide; skips what is missing.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
ANCHORS="$ROOT/../shared/bench/anchors"
WORK="$(mktemp -d /tmp/weft-visual-anchors.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

echo "== visual anchor: osc(20, 0.1, 0.8).kaleid(5).rotate(0.8, 0.1), 1280x720, $(nproc) cores"
if [ -f /usr/include/EGL/egl.h ] && [ -f /usr/include/GLES3/gl3.h ]; then
  (cd "$WORK" && gcc -O2 "$ANCHORS/egl/eglbench.c" -o eglbench -lEGL -lGLESv2 && ./eglbench) |
    grep -E "llvmpipe"
else
  echo "llvmpipe: skipped (apt-get install libegl-dev libgles-dev)"
fi
if [ -f /usr/include/halide14/Halide.h ]; then
  (cd "$WORK" && g++ -O2 -std=c++17 -I/usr/include/halide14 "$ANCHORS/halide/hbench.cpp" \
    -o hbench -lHalide14 -lpthread -ldl && ./hbench sched) | grep -E "^halide"
else
  echo "halide: skipped (apt-get install libhalide14-0-dev)"
fi
"$BUILD/bench/weft_render_bench" --benchmark_filter='hydra|Hydra' 2>/dev/null |
  sed -n '/^program/,$p'
