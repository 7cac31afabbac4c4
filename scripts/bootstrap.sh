#!/usr/bin/env bash
# The README's first command: install dependencies, build, and run the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
echo "--- weft check examples/gradient.weft"
build/weft check examples/gradient.weft
echo "--- weft graph examples/gradient.weft"
build/weft graph examples/gradient.weft
echo "--- weft render examples/gradient.weft -o build/gradient.png"
build/weft render examples/gradient.weft -o build/gradient.png
