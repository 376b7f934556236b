#!/usr/bin/env bash
# Nightly benchmark: a full run over a generated history, then a nightly run of NIGHT new
# articles of which 5% are copies of history articles, for each history size; then maintain.
# The history runs up to the day before the night (2017-01-01 to 2023-12-27, landing folder
# date=2023-12-27) and the night is 2023-12-28, in the history's last week and month: the night
# updates trend rows that exist, as a real night does, rather than adding periods of its own.
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
HISTORY_DAY=2023-12-27 NIGHT_DAY=2023-12-28
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
  # The summary's "stage seconds" table: "ingest 18.2, stories 17.2, ..."
  stages=$(awk '/^  stage +seconds$/ {f = 1; next}
    f && /^  [a-z]+ +[0-9.]+$/ {printf "%s%s %s", (n++ ? ", " : ""), $1, $2; next}
    f {exit}' "$WORK/$label-$history.log")
  printf '{"commit":"%s","run":"%s","history":%s,"night":%s,"wall_seconds":%.1f,"stage_seconds":"%s"}\n' \
    "${BUILD_COMMIT:-$COMMIT}" "$label" "$history" "$NIGHT" "$seconds" "$stages" | tee -a "$RESULTS"
}

merge_metrics() { # output, history: what the night's MERGEs read and rewrote (from the Delta log)
  local out="$1" history="$2"
  python3 - "$out" "$history" "${BUILD_COMMIT:-$COMMIT}" "$NIGHT" <<'PY' | tee -a "$RESULTS"
import glob, json, os, sys
out, history, commit, night = sys.argv[1:]
for table in ("term_trends", "actor_comentions_by_period"):
    merge = None
    for f in sorted(glob.glob(os.path.join(out, table, "_delta_log", "*.json"))):
        for line in open(f):
            info = json.loads(line).get("commitInfo")
            if info and info.get("operation") == "MERGE":
                merge = info["operationMetrics"]
    if merge:
        keys = ("numTargetFilesRemoved", "numTargetRowsCopied", "numTargetRowsUpdated", "numTargetRowsInserted")
        print(json.dumps({"commit": commit, "run": "nightly-merge", "table": table, "history": int(history),
                          "night": int(night), **{k: int(merge[k]) for k in keys}}))
PY
}

for history in $HISTORIES; do
  landing="$WORK/landing-$history"
  out="$WORK/out-$history"
  rm -rf "$landing" "$out"
  "$ROOT/jobs/parley" generate --articles "$history" --seed 1 --start-date 2017-01-01 \
    --end-date "$HISTORY_DAY" --output "$landing/date=$HISTORY_DAY" >/dev/null 2>&1
  night="$landing/date=$NIGHT_DAY"
  "$ROOT/jobs/parley" generate --articles $((NIGHT * 95 / 100)) --seed 2 --start-date "$NIGHT_DAY" \
    --end-date "$NIGHT_DAY" --output "$night" >/dev/null 2>&1
  # 5% copies: history articles delivered again (the same text), which the night counts as duplicates.
  head -n $((NIGHT * 5 / 100)) "$landing/date=$HISTORY_DAY/articles-00000.jsonl" > "$night/redelivered.jsonl"
  timed run "$history" run --input "$landing/date=$HISTORY_DAY" --output "$out"
  timed nightly "$history" nightly --date "$NIGHT_DAY" --input "$landing" --output "$out"
  merge_metrics "$out" "$history"
  timed maintain "$history" maintain --output "$out"
done
if [[ -n "$COMPARE" ]]; then
  largest=$(echo $HISTORIES | tr ' ' '\n' | sort -n | tail -n 1)
  rm -rf "$WORK/out-before" "$WORK/out-after"
  BUILD="$COMPARE" BUILD_COMMIT="$(git -C "$COMPARE" describe --always --dirty --abbrev=40)" \
    timed run-before "$largest" run --input "$WORK/landing-$largest/date=$HISTORY_DAY" --output "$WORK/out-before"
  timed run-after "$largest" run --input "$WORK/landing-$largest/date=$HISTORY_DAY" --output "$WORK/out-after"
fi
echo "results: $RESULTS"
