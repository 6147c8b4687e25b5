#!/usr/bin/env bash
# A longer fuzzing campaign for one target, adding what it finds to the
# committed corpus (minimise before committing):
#   cmake -S . -B build-fuzz -G Ninja -DTENDO_FUZZ=ON -DTENDO_SANITIZE=ON \
#     -DCMAKE_C_COMPILER=clang && cmake --build build-fuzz
#   fuzz/run.sh build-fuzz/fuzz/fuzz_diary diary 600
set -euo pipefail
bin=$1 target=$2 seconds=${3:-300}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/corpus/$target"
"$bin" -max_total_time="$seconds" -timeout=5 \
  -dict="$here/$target.dict" "$here/corpus/$target"
