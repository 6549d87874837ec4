#!/usr/bin/env bash
# Stage times of the build with the caches (the build CI and `make site` run) at the sizes given, on the
# synthetic projects `invoke bench-build` left in .cache/bench/build-bench/: each built twice, the first run
# only filling the caches.  Prints each stage line of `build --timings` and GNU time's wall time and peak.
#     bash bench/cached_stages.sh 10000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
bench=.cache/bench/build-bench
for size in "$@"; do
  test -d "$bench/root-$size" || { echo "no $bench/root-$size: run invoke bench-build --sizes $size first" >&2; exit 1; }
  for run in fill measure; do
    output=$(mktemp -d)
    /usr/bin/time -f "TIME %e s %M KB" .venv/bin/python -m pipeline --root "$bench/root-$size" build \
      --output "$output/site" --as-of 2026-11-22 --no-history --timings \
      --cache "$bench/caches-$size/build" --pdf-cache "$bench/caches-$size/pdf" 2>&1 |
      grep -E "阶段|TIME" | sed "s/^/$size $run: /"
    rm -rf "$output"
  done
done
