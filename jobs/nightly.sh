#!/usr/bin/env bash
# The nightly job, for cron or any scheduler: adds what arrived in LANDING/date=DATE/ to the
# tables in OUTPUT (jobs/parley nightly), retries a failed night a bounded number of times, and
# compacts and vacuums the tables once a week (jobs/parley maintain). One log file per run.
#
# Usage: jobs/nightly.sh --input LANDING --output OUTPUT [--date YYYY-MM-DD] [--config FILE]
#   --date       the night to process (default: yesterday, UTC)
# Environment:
#   PARLEY_LOG_DIR         where run logs go (default OUTPUT/_parley/logs if local, else ./logs)
#   PARLEY_RETRIES         extra attempts after a failed run (default 2); a locked output (exit 3)
#                          and a usage error (exit 2) are not retried
#   PARLEY_RETRY_WAIT      seconds between attempts (default 300)
#   PARLEY_MAINTAIN_DAY    ISO weekday (1 = Monday ... 7 = Sunday) of the weekly maintain (default 7)
# Spark options for jobs/parley (--master, --conf, --driver-memory) go in PARLEY_SPARK_OPTS.
# Exit code: that of the last nightly attempt (0 success, 1 failed, 2 usage, 3 locked), or
# maintain's when the night succeeded and maintain failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="" OUTPUT="" DATE="" CONFIG=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --input) INPUT="${2:?--input needs the landing folder}"; shift 2 ;;
    --output) OUTPUT="${2:?--output needs the output folder}"; shift 2 ;;
    --date) DATE="${2:?--date needs YYYY-MM-DD}"; shift 2 ;;
    --config) CONFIG=(--config "${2:?--config needs a file}"); shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "nightly.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$INPUT" || -z "$OUTPUT" ]]; then
  echo "nightly.sh: --input LANDING and --output OUTPUT are required (see --help)" >&2
  exit 2
fi
DATE="${DATE:-$(date -u -d yesterday +%F)}"
if ! [[ "$DATE" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "nightly.sh: --date takes YYYY-MM-DD, got '$DATE'" >&2
  exit 2
fi
RETRIES="${PARLEY_RETRIES:-2}"
WAIT="${PARLEY_RETRY_WAIT:-300}"
MAINTAIN_DAY="${PARLEY_MAINTAIN_DAY:-7}"
if [[ -n "${PARLEY_LOG_DIR:-}" ]]; then
  LOG_DIR="$PARLEY_LOG_DIR"
elif [[ "$OUTPUT" != *://* ]]; then
  LOG_DIR="$OUTPUT/_parley/logs"
else
  LOG_DIR="$PWD/logs"
fi
mkdir -p "$LOG_DIR"
read -r -a SPARK_OPTS <<< "${PARLEY_SPARK_OPTS:-}"

run_logged() { # name, then the jobs/parley arguments; returns jobs/parley's exit code
  local name="$1"; shift
  local log
  log="$LOG_DIR/$(date -u +%Y%m%dT%H%M%SZ)-$name.log"
  echo "nightly.sh: $name: jobs/parley $* (log $log)"
  "$ROOT/jobs/parley" "${SPARK_OPTS[@]}" "$@" >"$log" 2>&1
  local code=$?
  echo "nightly.sh: $name: exit $code"
  [[ $code -ne 0 ]] && tail -n 5 "$log" | sed 's/^/  | /'
  return $code
}

attempt=0
while true; do
  run_logged "nightly-$DATE" nightly --date "$DATE" --input "$INPUT" --output "$OUTPUT" "${CONFIG[@]}"
  code=$?
  # 2 (usage) and 3 (locked) would fail the same way again; a failed run (1) may be transient,
  # and the next attempt first restores what it left.
  if [[ $code -ne 1 || $attempt -ge $RETRIES ]]; then
    break
  fi
  attempt=$((attempt + 1))
  echo "nightly.sh: retry $attempt of $RETRIES in $WAIT s"
  sleep "$WAIT"
done
if [[ $code -ne 0 ]]; then
  exit $code
fi
if [[ "$(date -u +%u)" == "$MAINTAIN_DAY" ]]; then
  run_logged maintain maintain --output "$OUTPUT" "${CONFIG[@]}" || exit $?
fi
exit 0
