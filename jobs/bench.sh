#!/usr/bin/env bash
# Benchmark harness: runs Parley stage by stage on a corpus (or one it generates), then the baselines
# (plain Spark SQL term count, MALLET topics, a single-threaded tokenise floor) on the same corpus and
# cores, and writes one JSON result. See BENCHMARKS.md; `jobs/bench.sh --help` lists the options.
#
# Environment: PARLEY_BENCH_MEMORY (driver heap, default 4g: the issue's limit; in local mode the
# executors share it), PARLEY_BENCH_PROFILE=FILE.jfr (records a JFR profile of the whole run),
# PARLEY_BENCH_PROFILE_SETTINGS (JFR settings, default "profile"; "default" samples less, for
# multi-hour runs). The recording keeps up to 4 GB so a long run's first stages are not dropped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CLASSPATH_FILE=target/test-classpath.txt
if ! mvn -B -q -o test-compile >/dev/null 2>&1; then
  mvn -B -q test-compile >&2
fi
if [[ ! -s "$CLASSPATH_FILE" ]] || [[ pom.xml -nt "$CLASSPATH_FILE" ]]; then
  mvn -B -q dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >&2
  touch "$CLASSPATH_FILE" # the plugin leaves an unchanged file untouched
fi
PROFILE=()
if [[ -n "${PARLEY_BENCH_PROFILE:-}" ]]; then
  PROFILE=("-XX:StartFlightRecording=filename=${PARLEY_BENCH_PROFILE},settings=${PARLEY_BENCH_PROFILE_SETTINGS:-profile},maxsize=4g,dumponexit=true")
fi
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export PARLEY_GIT_COMMIT="${PARLEY_GIT_COMMIT:-$(git describe --always --dirty --abbrev=40 2>/dev/null || echo unknown)}"
exec java -Xmx"${PARLEY_BENCH_MEMORY:-4g}" @jobs/jvm-options "${PROFILE[@]}" \
  -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "target/classes:target/test-classes:$(cat "$CLASSPATH_FILE")" \
  org.parley.bench.BenchHarness "$@"
