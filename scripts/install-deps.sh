#!/usr/bin/env bash
# Installs every Debian package the build, the tests, the fuzzer and the benchmarks need.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev clang-format
  libfmt-dev libcli11-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  graphviz
  libpng-dev libjpeg-dev
  libsndfile1-dev libsamplerate0-dev librtaudio-dev libasound2-dev libjack-jackd2-dev jackd2
  ffmpeg
  libglfw3-dev libgl-dev libgl1-mesa-dri xvfb xauth
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive # also answers jackd2's realtime-priority question (no)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
