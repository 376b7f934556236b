#!/usr/bin/env bash
# Nightly benchmark: a full run over a generated history, then a nightly run of NIGHT new
# articles of which 5% are copies of history articles, for each history size; then maintain.
# Every run goes through jobs/parley (the packaged jar, local mode), one after the other, and its
# wall time is taken from the runs table's stage seconds and from the clock around the process.
#
# Usage: jobs/bench-nightly.sh [--work DIR] [--histories "10000 100000"] [--night 1000]
#                               [--compare-build DIR]
# --compare-build DIR: afterwards, the full run over the largest history again with the build
# checked out in DIR (e.g. a git worktree of a commit before a change), then with this one, one
# after the other on the same input: e.g. the cost of writing Delta tables instead of Parquet.
# Writes one JSON line per run to jobs/bench-results/nightly-<UTC time>.jsonl; see BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK=/tmp/bench-nightly HISTORIES="10000 100000" NIGHT=1000 COMPARE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) WORK="$2"; shift 2 ;;
    --histories) HISTORIES="$2"; shift 2 ;;
    --night) NIGHT="$2"; shift 2 ;;
    --compare-build) COMPARE="$2"; shift 2 ;;
    *) echo "bench-nightly.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
export PARLEY_DRIVER_MEMORY="${PARLEY_DRIVER_MEMORY:-4g}"
RESULTS="$ROOT/jobs/bench-results/nightly-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
COMMIT="$(git -C "$ROOT" describe --always --dirty --abbrev=40 2>/dev/null || echo unknown)"
mkdir -p "$WORK"

timed() { # label, history, then jobs/parley arguments (BUILD: the checkout whose launcher runs)
  local label="$1" history="$2"; shift 2
  local start end build="${BUILD:-$ROOT}"
  start=$(date +%s.%N)
  (cd "$build" && jobs/parley "$@") > "$WORK/$label-$history.log" 2>&1
  end=$(date +%s.%N)
  local seconds
  seconds=$(echo "$end - $start" | bc)
  local stages
  stages=$(grep -m1 '^seconds:' "$WORK/$label-$history.log" | sed 's/^seconds: //' || true)
  printf '{"commit":"%s","run":"%s","history":%s,"night":%s,"wall_seconds":%.1f,"stage_seconds":"%s"}\n' \
    "${BUILD_COMMIT:-$COMMIT}" "$label" "$history" "$NIGHT" "$seconds" "$stages" | tee -a "$RESULTS"
}

for history in $HISTORIES; do
  landing="$WORK/landing-$history"
  out="$WORK/out-$history"
  rm -rf "$landing" "$out"
  "$ROOT/jobs/parley" generate --articles "$history" --seed 1 --output "$landing/date=2024-01-01" >/dev/null 2>&1
  night="$landing/date=2024-01-02"
  "$ROOT/jobs/parley" generate --articles $((NIGHT * 95 / 100)) --seed 2 --start-date 2024-01-02 \
    --end-date 2024-01-02 --output "$night" >/dev/null 2>&1
  # 5% copies: history articles delivered again (the same text), which the night counts as duplicates.
  head -n $((NIGHT * 5 / 100)) "$landing/date=2024-01-01/articles-00000.jsonl" > "$night/redelivered.jsonl"
  timed run "$history" run --input "$landing/date=2024-01-01" --output "$out"
  timed nightly "$history" nightly --date 2024-01-02 --input "$landing" --output "$out"
  timed maintain "$history" maintain --output "$out"
done
if [[ -n "$COMPARE" ]]; then
  largest=$(echo $HISTORIES | tr ' ' '\n' | sort -n | tail -n 1)
  rm -rf "$WORK/out-before" "$WORK/out-after"
  BUILD="$COMPARE" BUILD_COMMIT="$(git -C "$COMPARE" describe --always --dirty --abbrev=40)" \
    timed run-before "$largest" run --input "$WORK/landing-$largest/date=2024-01-01" --output "$WORK/out-before"
  timed run-after "$largest" run --input "$WORK/landing-$largest/date=2024-01-01" --output "$WORK/out-after"
fi
echo "results: $RESULTS"
