#!/usr/bin/env bash
# A throwaway Spark standalone cluster on 127.0.0.1 for development and tests: one master and N
# workers started from the Spark jars on the Maven classpath (no Spark distribution), each worker
# with its own cores and memory, so executors run in JVMs of their own as on a real cluster.
#
#   jobs/cluster.sh start            start the master and the workers, wait until all registered
#   jobs/cluster.sh status           the master URL and which recorded processes are alive
#   jobs/cluster.sh pids             one line per process: ROLE PID (master, worker-N, and
#                                    worker-N-executor for each executor JVM a worker runs)
#   jobs/cluster.sh submit ARGS...   jobs/parley --master spark://127.0.0.1:PORT ARGS...
#   jobs/cluster.sh stop             stop exactly the processes start started, executors included
#
# Settings (environment): PARLEY_CLUSTER_DIR (state, logs, work dirs; default target/cluster),
# PARLEY_CLUSTER_PORT (7077), PARLEY_CLUSTER_WORKERS (2), PARLEY_WORKER_CORES (1),
# PARLEY_WORKER_MEMORY (3g: what executors may use on a worker), PARLEY_EXECUTOR_MEMORY (2g).
# The web UIs bind to 127.0.0.1 on free ports; their addresses are in the logs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${PARLEY_CLUSTER_DIR:-$ROOT/target/cluster}"
PORT="${PARLEY_CLUSTER_PORT:-7077}"
WORKERS="${PARLEY_CLUSTER_WORKERS:-2}"
WORKER_CORES="${PARLEY_WORKER_CORES:-1}"
WORKER_MEMORY="${PARLEY_WORKER_MEMORY:-3g}"
EXECUTOR_MEMORY="${PARLEY_EXECUTOR_MEMORY:-2g}"
MASTER_URL="spark://127.0.0.1:$PORT"
PIDS="$STATE/pids"
export SPARK_LOCAL_IP=127.0.0.1 # RPC and web UIs on loopback only

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

# A recorded PID still names the process we started (not a reused PID): its command line names
# the Spark class it runs.
alive() { # pid, class
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$2"
}

executors_of() { # worker pid
  pgrep -P "$1" -f CoarseGrainedExecutorBackend || true
}

recorded() { # prints "role pid class" lines of the started processes
  [[ -f "$PIDS" ]] && cat "$PIDS"
  return 0
}

wait_for() { # log file, pattern, seconds, what
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    if grep -q -- "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "jobs/cluster.sh: $4 did not start within $3 s; see $1" >&2
  return 1
}

start() {
  if [[ -f "$PIDS" ]]; then
    local role pid class
    while read -r role pid class; do
      if alive "$pid" "$class"; then
        echo "jobs/cluster.sh: a cluster is already running ($role PID $pid, $MASTER_URL);" \
          "run 'jobs/cluster.sh stop' first" >&2
        exit 1
      fi
    done < "$PIDS"
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "jobs/cluster.sh: port $PORT on 127.0.0.1 is in use; set PARLEY_CLUSTER_PORT" >&2
    exit 1
  fi
  local cp
  cp=$("$ROOT/jobs/parley" classpath)
  rm -rf "$STATE"
  mkdir -p "$STATE/logs" "$STATE/spark-home/jars"
  # Workers launch executors with SPARK_HOME/jars/* as their classpath: the same jars, linked.
  local jar
  IFS=: read -r -a jars <<< "$cp"
  for jar in "${jars[@]}"; do ln -sf "$jar" "$STATE/spark-home/jars/"; done
  local opts=()
  while IFS= read -r line; do [[ -n "$line" ]] && opts+=("$line"); done < "$ROOT/jobs/jvm-options"
  : > "$PIDS"
  # The daemons log with Spark's defaults (INFO, to their log files): start waits for their lines.

  java -Xmx512m "${opts[@]}" -cp "$cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$STATE/logs/master.log" 2>&1 &
  echo "master $! deploy.master.Master" >> "$PIDS"
  if ! wait_for "$STATE/logs/master.log" "I have been elected leader" 60 "the master"; then
    stop; exit 1
  fi
  local i
  for ((i = 1; i <= WORKERS; i++)); do
    mkdir -p "$STATE/worker-$i"
    SPARK_HOME="$STATE/spark-home" SPARK_SCALA_VERSION=2.13 \
      java -Xmx512m "${opts[@]}" -cp "$cp" org.apache.spark.deploy.worker.Worker "$MASTER_URL" \
      --host 127.0.0.1 --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port 0 \
      --work-dir "$STATE/worker-$i" > "$STATE/logs/worker-$i.log" 2>&1 &
    echo "worker-$i $! deploy.worker.Worker" >> "$PIDS"
  done
  for ((i = 1; i <= WORKERS; i++)); do
    if ! wait_for "$STATE/logs/worker-$i.log" "Successfully registered with master" 60 "worker-$i"; then
      stop; exit 1
    fi
  done
  echo "$MASTER_URL: $WORKERS workers of $WORKER_CORES core(s) and $WORKER_MEMORY; logs in $STATE/logs"
}

pids() {
  local role pid class e
  while read -r role pid class; do
    alive "$pid" "$class" || continue
    echo "$role $pid"
    if [[ "$role" == worker-* ]]; then
      for e in $(executors_of "$pid"); do echo "$role-executor $e"; done
    fi
  done < <(recorded)
}

status() {
  if [[ ! -s "$PIDS" ]]; then
    echo "no cluster started from $STATE"
    return 1
  fi
  local role pid class up=0
  while read -r role pid class; do
    if alive "$pid" "$class"; then echo "$role $pid running"; up=$((up + 1)); else echo "$role $pid gone"; fi
  done < <(recorded)
  echo "$MASTER_URL"
  [[ $up -gt 0 ]]
}

stop() {
  local role pid class victims=()
  # Executors first (children of the workers), so none outlives its worker.
  while read -r role pid class; do
    alive "$pid" "$class" || continue
    if [[ "$role" == worker-* ]]; then victims+=($(executors_of "$pid")); fi
    victims+=("$pid")
  done < <(recorded)
  # An executor whose worker was killed exits by itself soon; one still running is found by its
  # working directory, which its worker made under the state folder.
  local proc
  for proc in /proc/[0-9]*; do
    if [[ "$(readlink "$proc/cwd" 2>/dev/null)" == "$STATE"/worker-* ]] \
      && tr '\0' ' ' < "$proc/cmdline" 2>/dev/null | grep -q CoarseGrainedExecutorBackend; then
      victims+=("${proc#/proc/}")
    fi
  done
  if [[ ${#victims[@]} -gt 0 ]]; then
    kill -TERM "${victims[@]}" 2>/dev/null || true
    local i left
    for ((i = 0; i < 40; i++)); do
      left=()
      for pid in "${victims[@]}"; do [[ -d "/proc/$pid" ]] && left+=("$pid"); done
      [[ ${#left[@]} -eq 0 ]] && break
      sleep 0.5
    done
    if [[ ${#left[@]} -gt 0 ]]; then kill -KILL "${left[@]}" 2>/dev/null || true; fi
  fi
  rm -f "$PIDS"
  echo "stopped ${#victims[@]} process(es)"
}

submit() {
  if ! status > /dev/null; then
    echo "jobs/cluster.sh: no cluster running; run 'jobs/cluster.sh start' first" >&2
    exit 1
  fi
  exec "$ROOT/jobs/parley" --master "$MASTER_URL" --properties-file "$ROOT/conf/cluster.properties" \
    --conf "spark.executor.memory=$EXECUTOR_MEMORY" "$@"
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  pids) pids ;;
  submit) shift; submit "$@" ;;
  stop) stop ;;
  *) usage ;;
esac
