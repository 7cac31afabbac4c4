#!/usr/bin/env bash
# The audio anchor of ../shared/bench/anchors (N band-limited saws through resonant low-passes,
# each cutoff swept by its own LFO; 60 s, 48 kHz, stereo, 16-bit WAV) rendered offline by
# `weft render --audio` (bench/programs/audio_anchor_N.weft) and, in the same script, interleaved
# run by run, by whichever anchors are installed: Csound (ksmps 64), scsynth NRT and Faust (C++
# through g++ -O3, the anchors' own harness). The anchors' files are copied from
# ../shared/bench/anchors into a scratch folder, as run_all.sh does. Every engine runs on one
# thread. Prints per N the median wall time and CPU time (user + sys) of each engine, its
# realtime factor (60 s / median wall time), weft's ratio to Csound, and the RMS and peak of each
# WAV (anchors/common/rms.py) so that all engines are seen to make comparable sound.
# Installs nothing; what is missing is skipped (the apt-get line is printed).
# Usage: bench/audio_anchors.sh [BUILD_DIR]   (default: build; needs BUILD_DIR/weft)
#        REPS=5 NS="16 64" DURATION=60 bench/audio_anchors.sh build-abench
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
case "$BUILD" in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac
ANCHORS="$ROOT/../shared/bench/anchors"
REPS="${REPS:-5}"
NS="${NS:-16 64}"
DURATION="${DURATION:-60}"
WEFT="$BUILD/weft"
if [ ! -x "$WEFT" ]; then
  echo "no $WEFT: build it first (ninja -C $BUILD weft)"
  exit 2
fi
for t in python3 g++; do
  command -v "$t" >/dev/null || { echo "missing $t"; exit 2; }
done
WORK="$(mktemp -d /tmp/weft-audio-anchors.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$ANCHORS"/common "$ANCHORS"/csound "$ANCHORS"/sc "$ANCHORS"/faust "$WORK"/
mkdir -p "$WORK/weft"
cd "$WORK" || exit 2

have_csound=0 have_sc=0 have_faust=0
command -v csound >/dev/null && have_csound=1
command -v scsynth >/dev/null && have_sc=1
command -v faust >/dev/null && [ -f /usr/include/faust/dsp/dsp.h ] && have_faust=1
missing=()
[ $have_csound = 1 ] || missing+=(csound)
[ $have_sc = 1 ] || missing+=(supercollider-server)
[ $have_faust = 1 ] || missing+=(faust)
if [ ${#missing[@]} -gt 0 ]; then
  echo "skipping ${missing[*]}: apt-get install -y --no-install-recommends ${missing[*]}"
fi

# run NAME N DIR CMD...: one timed run (wall and the child's user + sys CPU time, in seconds),
# appended to times.txt as "NAME N wall cpu".
cat > timer.py <<'PY'
import os, resource, subprocess, sys, time
name, n, cwd, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
t0 = time.perf_counter()
rc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
if rc != 0:
    sys.exit(f"{name} N={n}: exit status {rc}: {' '.join(cmd)}")
with open("times.txt", "a") as f:
    f.write(f"{name} {n} {wall:.4f} {ru.ru_utime + ru.ru_stime:.4f}\n")
PY
: > times.txt
run() { python3 timer.py "$@" || exit 1; }

echo "== audio anchor: N saws -> resonant low-pass with LFO cutoff, ${DURATION} s, 48 kHz stereo" \
  "16-bit, offline, one thread; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   weft $("$WEFT" --version 2>&1 | head -1) ($WEFT)"
# (stdin from /dev/null: `csound --version` otherwise waits on it, spinning)
[ $have_csound = 1 ] && echo "   $(timeout 10 csound --version < /dev/null 2>&1 | grep -m1 -o 'Csound version.*')"
[ $have_sc = 1 ] && echo "   $(timeout 10 scsynth -v < /dev/null 2>&1 | head -1)"
[ $have_faust = 1 ] && echo "   $(faust --version < /dev/null | head -1); $(g++ --version | head -1)"

for N in $NS; do
  # Prepare every engine's patch for N (not timed).
  program="$ROOT/bench/programs/audio_anchor_$N.weft"
  if [ ! -f "$program" ]; then # the committed files are N = 16 and 64; others differ in the bound
    sed -e "s/N = 16 voices/N = $N voices/" -e "s/(0 to 15)/(0 to $((N - 1)))/" \
      "$ROOT/bench/programs/audio_anchor_16.weft" > "weft/audio_anchor_$N.weft"
    program="$WORK/weft/audio_anchor_$N.weft"
  fi
  engines=(weft)
  if [ $have_csound = 1 ]; then
    python3 csound/mkcsd.py "$N" "csound/synth$N.csd"
    # the anchor renders 60 s (its score); other durations: rewrite the notes' length
    sed -i "s/^i 1 0 60 /i 1 0 $DURATION /" "csound/synth$N.csd"
    engines+=(csound)
  fi
  if [ $have_sc = 1 ]; then
    (cd sc && python3 mkscore.py "$N" "$DURATION" > /dev/null)
    engines+=(scsynth)
  fi
  if [ $have_faust = 1 ]; then
    (cd faust && sed "s/@N@/$N/" synth.dsp.in > "synth$N.dsp" &&
      faust -lang cpp -cn Synth "synth$N.dsp" -o synth_gen.cpp &&
      g++ -O3 -march=native -ffast-math -o "synth_bench$N" harness.cpp) || exit 1
    engines+=(faust)
  fi
  # Interleaved: each repetition runs every engine once, starting one engine later each time.
  for rep in $(seq "$REPS"); do
    for k in $(seq 0 $((${#engines[@]} - 1))); do
      e="${engines[$(((k + rep) % ${#engines[@]}))]}"
      case "$e" in
        weft) run weft "$N" "$WORK/weft" "$WEFT" render "$program" --audio weft_out.wav \
          --duration "$DURATION" ;;
        csound) run csound "$N" "$WORK/csound" csound "synth$N.csd" ;;
        scsynth) run scsynth "$N" "$WORK/sc" scsynth -N score.osc _ sc_out.wav 48000 WAV int16 \
          -o 2 -i 0 ;;
        faust) run faust "$N" "$WORK/faust" "./synth_bench$N" "$DURATION" ;;
      esac
    done
  done
  python3 - "$N" "$DURATION" "${engines[@]}" <<'PY'
import statistics, subprocess, sys
n, duration, engines = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
runs = {}
for line in open("times.txt"):
    name, nn, wall, cpu = line.split()
    if nn == n:
        runs.setdefault(name, []).append((float(wall), float(cpu)))
wav = {"weft": "weft/weft_out.wav", "csound": "csound/csound_out.wav", "scsynth": "sc/sc_out.wav",
       "faust": "faust/faust_out.wav"}
label = {"weft": "weft (per sample)", "csound": "Csound (ksmps 64)", "scsynth": "scsynth NRT (64)",
         "faust": "Faust g++ -O3 (per sample)"}
med = {e: (statistics.median(w for w, _ in runs[e]), statistics.median(c for _, c in runs[e]))
       for e in engines}
print(f"-- N = {n}: median of {len(runs['weft'])} runs; realtime = {duration:g} s / time")
print(f"   {'engine':28s} {'wall s':>8s} {'realtime':>9s} {'CPU s':>8s} {'realtime':>9s}"
      f" {'rms':>7s} {'peak':>7s}   wall times")
rms = {}
for e in engines:
    out = subprocess.run(["python3", "common/rms.py", wav[e]], capture_output=True, text=True).stdout
    fields = dict(f.split("=") for f in out.split() if "=" in f)
    rms[e] = float(fields.get("rms", "nan"))
    w, c = med[e]
    print(f"   {label[e]:28s} {w:8.3f} {duration / w:8.1f}x {c:8.3f} {duration / c:8.1f}x"
          f" {rms[e]:7.4f} {float(fields.get('peak', 'nan')):7.4f}   "
          + " ".join(f"{x:.2f}" for x, _ in runs[e]))
if "csound" in med:
    print(f"   weft / Csound realtime factor: {med['csound'][0] / med['weft'][0]:.2f} (wall),"
          f" {med['csound'][1] / med['weft'][1]:.2f} (CPU)   (target: >= 1.00)")
for e in engines:
    if e != "weft":
        r = rms[e] / rms["weft"]
        note = "comparable" if 0.8 <= r <= 1.25 else "differs (the engine's own saw/filter gain)"
        print(f"   rms {e} / weft: {r:.2f}  {note}")
PY
done
