#!/usr/bin/env bash
# Two GateKeeper builds side by side, to tell what one change buys on a machine shared with other work.
#
#   bench/compare.sh <jar-a> <jar-b>      (e.g. a copy of the jar before a change, and the jar after it)
#
# Starts nginx (upstream), the Kafka fixture and both jars at once, warms both up, then measures them in alternation
# (a, b, a, b, ...) with wrk at full rate: whatever else the machine does hits both about equally. Prints each run and
# the median requests/s and CPU time per request of each jar. Same tunables as run.sh, plus BENCH_ROUNDS (default 5)
# and BENCH_OPTS_A / BENCH_OPTS_B (JVM options of one side only: the same jar twice then compares a setting).
# Everything started here is stopped on exit.
set -euo pipefail

# shellcheck source=run.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.sh"

ROUNDS="${BENCH_ROUNDS:-5}"

# start_one <a|b> <jar> <port> <management-port>: a GateKeeper; its pid and port as PID_<a|b>, PORT_<a|b>.
start_one() {
  local options="BENCH_OPTS_${1^^}"
  read -r -a GATEKEEPER_OPTS <<<"${BENCH_GATEKEEPER_OPTS:-} ${!options:-}"
  JAR=$2 GATEKEEPER_PORT=$3 MANAGEMENT_PORT=$4 start_gatekeeper
  printf -v "PID_$1" '%s' "$GATEKEEPER_PID"
  printf -v "PORT_$1" '%s' "$3"
}

# measure <a|b> <run-name>: one full-rate wrk run against that GateKeeper, its CPU counted.
measure() {
  local pid="PID_$1" port="PORT_$1"
  GATEKEEPER_PID=${!pid} run_wrk "$2" "${!port}" "$CLUSTER_HOST" "$API_KEY" 0
}

compare_main() {
  (($# == 2)) || die "usage: bench/compare.sh <jar-a> <jar-b>"
  local jar_a jar_b
  jar_a="$(realpath "$1")"
  jar_b="$(realpath "$2")"
  start_bench
  start_one a "$jar_a" "$GATEKEEPER_PORT" "$MANAGEMENT_PORT"
  start_one b "$jar_b" $((PORT_BASE + 5)) $((PORT_BASE + 6))

  local side
  for side in a b; do
    log "warming up $side"
    GATEKEEPER_PID="$(eval echo "\$PID_$side")" GATEKEEPER_PORT="$(eval echo "\$PORT_$side")" warm_up
  done

  local round
  : >"$WORK/results"
  for round in $(seq "$ROUNDS"); do
    for side in a b; do
      measure "$side" "${side}_$round"
      local result="RESULT_${side}_$round" cpu="CPU_${side}_$round"
      echo "$side $(field "${!result}" 1) $(field "${!cpu}" 2) $(field "${!result}" 3)" >>"$WORK/results"
    done
  done

  echo
  machine
  echo "load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  echo "a: $jar_a ${BENCH_OPTS_A:-}"
  echo "b: $jar_b ${BENCH_OPTS_B:-}"
  echo "$ROUNDS rounds of ${SECONDS_PER_RUN}s per jar, alternating, wrk -t2 -c$CONNECTIONS"
  echo
  printf '%-4s %14s %18s %12s\n' "jar" "requests/s" "CPU µs/request" "p99 ms"
  for side in a b; do
    printf '%-4s %14.0f %18.1f %12.3f\n' "$side" \
      "$(awk -v s="$side" '$1 == s { print $2 }' "$WORK/results" | median)" \
      "$(awk -v s="$side" '$1 == s { print $3 }' "$WORK/results" | median)" \
      "$(awk -v s="$side" '$1 == s { print $4 }' "$WORK/results" | median)"
  done
  echo "(medians; every run:)"
  cat "$WORK/results"
}

compare_main "$@"
