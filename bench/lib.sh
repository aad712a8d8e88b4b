#!/usr/bin/env bash
# What every benchmark script shares: logging, a JDK, the reactor build, waiting, medians, ratios and verdicts, the
# machine line of a report, and stopping what a script started. Sourced, never run.
#
# A script sets BENCH_NAME before sourcing this file; it starts processes with `spawn` (or adds their pids to PIDS),
# which are all stopped on exit, and writes its files under $WORK (kept when the script fails).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$(mktemp -d -t "${BENCH_NAME:-bench}.XXXXXX")"
PIDS=()

log() { printf '[%s] %s\n' "${BENCH_NAME:-bench}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Stops what the script started, by process id only, and keeps the logs when something went wrong.
bench_cleanup() {
  local status=$?
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ $status -eq 0 ]]; then
    rm -rf "$WORK"
  else
    log "logs kept in $WORK"
  fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# A JDK 21 or newer, found as ./run-local and .ci/run find it; JAVA is its java.
find_java() {
  # shellcheck source=../scripts/use-jdk.sh
  source "$ROOT/scripts/use-jdk.sh"
  JAVA="$JAVA_HOME/bin/java"
}

# reactor_build <module> [goal...]: packages <module> and everything it needs (tests skipped) through the reactor, so a
# fresh clone that never installed its modules into ~/.m2 builds; writes the module's test classpath (its
# dependencies, not its own classes) to $WORK/classpath.txt and sets CLASSPATH_BENCH to its test and main classes
# followed by that classpath. With BENCH_SKIP_BUILD=1 the packaging is skipped (the classpath is still written).
reactor_build() {
  local module=$1
  local classpath_file="$WORK/classpath.txt"
  local goals=(package)
  [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]] || goals=(test-compile)
  log "building $module and what it needs (./mvnw ${goals[*]}, tests skipped; minutes on a fresh clone)"
  (cd "$ROOT" && ./mvnw -B -q -pl "$module" -am -DskipTests "${goals[@]}" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file") >&2
  CLASSPATH_BENCH="$ROOT/$module/target/test-classes:$ROOT/$module/target/classes:$(cat "$classpath_file")"
}

# spawn <log-file> <command...>: starts a process in the background, remembered for the cleanup; its pid in SPAWNED.
spawn() {
  local log_file=$1
  shift
  "$@" >"$log_file" 2>&1 &
  SPAWNED=$!
  PIDS+=("$SPAWNED")
}

# wait_until <seconds> <what> <command...>: polls the command until it succeeds, or gives up naming <what>.
wait_until() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what did not happen within ${limit}s (logs: $WORK)"
    sleep 0.5
  done
}

# Resident memory of a process in MiB (VmRSS), or 0 once it is gone.
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024; found = 1 } END { if (!found) print 0 }' "/proc/$1/status" 2>/dev/null || echo 0; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The value at a percentile (nearest rank) of the numbers on standard input: percentile 99 < numbers.
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; print v[r] }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "NOT met" }'; }

# The machine a report was measured on, and how busy it was: a load average above the core count means other work
# shared the cores with the runs.
machine() {
  printf 'machine: %s cores (nproc), %s, %s memory; %s; %s\n' \
    "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" \
    "$(free -h | awk '/^Mem:/ { print $2 }')" \
    "$(uname -sr)" \
    "$("${JAVA:-java}" -version 2>&1 | head -1)"
  echo "load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
}

# CPU time (user + system, in clock ticks) the given processes have used so far, with that of their children which
# have ended (a PostgreSQL server's finished backends, for instance). Shared by the benchmarks that compare CPU per
# request.
cpu_ticks_with_children() {
  local pid total=0 stat fields
  for pid in "$@"; do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    # Fields after the command name, which is in parentheses and may contain spaces: utime, stime, cutime, cstime are
    # the 14th to 17th fields of the line, the 12th to 15th after the name.
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12] + fields[13] + fields[14]))
  done
  echo "$total"
}
