#!/usr/bin/env bash
# Memory and start-up benchmark: each service against the smallest Spring Boot application of its stack, one run.
#
#   bench/footprint.sh      (from anywhere in a clone; Linux with /proc, JDK 21+; nothing else to install)
#
# Builds the services and the two reference applications (bench/reference-servlet: Spring MVC on Tomcat + Actuator,
# the stack of Orion and Nebula; bench/reference-reactive: WebFlux on Reactor Netty + Actuator, GateKeeper's), then
# FootprintBench (test scope of local-control-plane) starts an embedded PostgreSQL, a KRaft broker and a Kubernetes
# mock server, and starts, one at a time and in rounds (reference-servlet, Orion, Nebula, reference-reactive,
# GateKeeper, again …), each from its jar as the local run starts it (ServiceProcess: same JDK, same JVM options):
#   start-up: from starting the process to /actuator/health answering 200 UP (polled every 50 ms)
#   memory:   resident set (VmRSS) after the process has been idle for a while
# and last the local run itself, `java -jar local-control-plane.jar` as ./run-local starts it, at idle: the launcher
# (which holds the Kafka broker) and the three services it starts.
# Tunables (environment): BENCH_STARTS (measured starts of each, default 3; medians are reported), BENCH_IDLE_SECONDS
# (default 10), BENCH_WARMUP (unreported starts of each before, default 1: applies the database migrations once and
# brings every jar into the page cache, for all alike), BENCH_RUN_LOCAL (0 skips the local run's total, which needs
# the README's ports 8000, 8080, 8081, 9000 and 9080 free), BENCH_SKIP_BUILD=1 (only compile, when the jars are built).
set -euo pipefail

BENCH_NAME=footprint-bench
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
STARTS="${BENCH_STARTS:-3}"
IDLE_SECONDS="${BENCH_IDLE_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-1}"
RUN_LOCAL="${BENCH_RUN_LOCAL:-1}"
MEMORY_TARGET=1.5
START_TARGET=2
SERVLET_REFERENCE="$BENCH/reference-servlet/target/reference-servlet.jar"
REACTIVE_REFERENCE="$BENCH/reference-reactive/target/reference-reactive.jar"

# The three service jars and the launcher (local-control-plane needs them all), the harness's classpath, and the
# reference applications, which only the profile bench of the root pom builds.
build() {
  reactor_build local-control-plane
  log "building the reference applications (./mvnw -P bench)"
  (cd "$ROOT" && ./mvnw -B -q -P bench -pl bench/reference-servlet,bench/reference-reactive -DskipTests package) >&2
}

measure_services() {
  log "starting each service and reference $STARTS times (+$WARMUP warm-up), ${IDLE_SECONDS}s idle each; minutes"
  "$JAVA" -Xmx512m -cp "$CLASSPATH_BENCH" io.dbaas.local.FootprintBench \
    "$ROOT" "$SERVLET_REFERENCE" "$REACTIVE_REFERENCE" "$WORK" "$STARTS" "$IDLE_SECONDS" "$WARMUP" \
    2> >(tee "$WORK/harness.log" | grep --line-buffered '^\[footprint\]' >&2) >"$WORK/harness.out" ||
    die "the measurement failed (its log: $WORK/harness.log; the services' logs: $WORK/logs)"
}

# column_median <name> <column>: the median of one column of the results file (2 = start ms, 3 = resident MiB, ...).
column_median() {
  awk -v n="$1" -v c="$2" '$1 == n { print $(c + 1) }' "$WORK/footprint.txt" | median
}

# The README's ports: the launcher uses them as they are, so it cannot run beside something holding one of them.
ports_free() {
  local port
  for port in 8000 8080 8081 9000 9080; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      log "port $port is in use"
      return 1
    fi
  done
}

# ./run-local without its build: the launcher jar, with DBAAS_HOME at the clone and no JVM option, as it runs it.
measure_local_run() {
  LOCAL_RUN=""
  if [[ "$RUN_LOCAL" != 1 ]]; then
    return
  fi
  if ! ports_free; then
    log "the local run's total is skipped: it needs the ports 8000, 8080, 8081, 9000 and 9080"
    return
  fi
  log "starting the local run (java -jar local-control-plane.jar, as ./run-local does)"
  (cd "$ROOT" && DBAAS_HOME="$ROOT" exec "$JAVA" -jar "$ROOT/local-control-plane/target/local-control-plane.jar") \
    >"$WORK/local-run.log" 2>&1 &
  local launcher=$!
  PIDS+=("$launcher")
  wait_until 300 "the local run being up" grep -q 'The control plane is up' "$WORK/local-run.log"
  sleep "$IDLE_SECONDS"
  local pid total line=""
  total="$(rss_mib "$launcher")"
  line="launcher $(rss_mib "$launcher")"
  for pid in $(pgrep -P "$launcher" -x java || true); do
    total=$((total + $(rss_mib "$pid")))
    line="$line, $(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -oE '[a-z-]+\.jar' | sed 's/\.jar//') $(rss_mib "$pid")"
  done
  LOCAL_RUN="$total MiB in $((1 + $(pgrep -c -P "$launcher" -x java || true))) JVMs ($line MiB)"
  kill "$launcher"
  wait "$launcher" 2>/dev/null || true
}

report() {
  echo
  machine
  echo "runs: $STARTS starts of each (medians), after $WARMUP warm-up start(s); resident memory after ${IDLE_SECONDS}s idle;"
  echo "  every JVM started as the local run starts the services (ServiceProcess: $(grep -oE '"-X[^"]+"' \
    "$ROOT/local-control-plane/src/main/java/io/dbaas/local/ServiceProcess.java" | tr -d '"' | tr '\n' ' ')-jar)"
  echo
  printf '%-20s %12s %12s %9s %8s %10s %10s %10s\n' "process" "start-up ms" "resident MiB" "classes" "threads" \
    "heap MiB" "start ×ref" "memory ×ref"
  local name reference start rss
  for name in reference-servlet orion nebula reference-reactive gatekeeper; do
    case $name in
      orion | nebula) reference=reference-servlet ;;
      gatekeeper) reference=reference-reactive ;;
      *) reference="" ;;
    esac
    start="$(column_median "$name" 2)"
    rss="$(column_median "$name" 3)"
    local start_ratio="" rss_ratio=""
    if [[ -n "$reference" ]]; then
      start_ratio="$(ratio "$start" "$(column_median "$reference" 2)")x"
      rss_ratio="$(ratio "$rss" "$(column_median "$reference" 3)")x"
      printf -v "START_RATIO_$name" '%s' "${start_ratio%x}"
      printf -v "RSS_RATIO_$name" '%s' "${rss_ratio%x}"
    fi
    printf '%-20s %12.0f %12.0f %9.0f %8.0f %10.0f %10s %10s\n' "$name" "$start" "$rss" \
      "$(column_median "$name" 4)" "$(column_median "$name" 5)" "$(column_median "$name" 6)" "$start_ratio" "$rss_ratio"
  done
  echo "(classes: loaded and not unloaded; heap: committed, young + old generation; both from jcmd PerfCounter.print)"
  echo
  if [[ -n "$LOCAL_RUN" ]]; then
    echo "local run at idle (./run-local's launcher and the services it started): $LOCAL_RUN"
  else
    echo "local run at idle: not measured (BENCH_RUN_LOCAL=0, or its ports were in use)"
  fi
  echo
  printf '%-46s %10s %10s  %s\n' "target" "measured" "target" "verdict"
  local label
  for name in orion nebula gatekeeper; do
    case $name in
      orion) label="Orion" ;;
      nebula) label="Nebula" ;;
      gatekeeper) label="GateKeeper" ;;
    esac
    local rss_var="RSS_RATIO_$name" start_var="START_RATIO_$name"
    printf '%-46s %10s %10s  %s\n' "$label resident memory / reference" "${!rss_var}" "<= $MEMORY_TARGET" \
      "$(verdict "${!rss_var}" "<=" "$MEMORY_TARGET")"
    printf '%-46s %10s %10s  %s\n' "$label start-up / reference" "${!start_var}" "<= $START_TARGET" \
      "$(verdict "${!start_var}" "<=" "$START_TARGET")"
  done
  echo
  echo "Shared 2-core machines are noisy: compare the ratios of one run, and repeat a run before believing a verdict."
}

main() {
  find_java
  build
  log "work directory: $WORK"
  measure_services
  measure_local_run
  report
}

main "$@"
