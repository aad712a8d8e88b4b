#!/usr/bin/env bash
# GateKeeper benchmark: one run, everything on loopback, figures side by side.
#
#   bench/run.sh            (from anywhere in a clone; Debian, JDK 21+; installs wrk and nginx when missing)
#
# Starts nginx (a static JSON upstream, and a reverse proxy to it), an embedded Kafka broker publishing
# ClusterProvisioned events, and the packaged GateKeeper jar; then measures with wrk:
#   (a) the upstream directly          (b) nginx proxying it           (c) GateKeeper with a valid derived key
#   (d) the cost of authentication, measured in isolation (see docs/benchmarks/gatekeeper.md for why)
#   (e) GateKeeper with 10,000 clusters in its directory instead of 1
#   (f) GateKeeper's added p99 latency at half its maximum rate (paced load)
# Everything started here is stopped on exit. Tunables (environment): BENCH_SECONDS (per run, default 10),
# BENCH_CONNECTIONS (default 64), BENCH_REPEATS (runs per measurement, whose medians are reported; default 3), BENCH_CLUSTERS (default 10000), BENCH_PORT_BASE (default 18080), BENCH_JFR (a file:
# GateKeeper then runs with a Java Flight Recorder profile, written there when the script stops it), BENCH_JAR (another
# GateKeeper jar than the workspace's, e.g. a copy of an earlier build to compare with), BENCH_GATEKEEPER_OPTS (more JVM
# options for GateKeeper, space-separated, to try a setting before changing the product).
set -euo pipefail

BENCH_NAME=gatekeeper-bench
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
REPEATS="${BENCH_REPEATS:-3}"
CLUSTERS="${BENCH_CLUSTERS:-10000}"
PORT_BASE="${BENCH_PORT_BASE:-18080}"
JFR_FILE="${BENCH_JFR:-}"
read -r -a GATEKEEPER_OPTS <<<"${BENCH_GATEKEEPER_OPTS:-}"
CLOCK_TICKS="$(getconf CLK_TCK)"
UPSTREAM_PORT=$((PORT_BASE + 1))
PROXY_PORT=$((PORT_BASE + 2))
GATEKEEPER_PORT=$((PORT_BASE + 3))
MANAGEMENT_PORT=$((PORT_BASE + 4))
DOMAIN="dbaas.localhost"
JAR="${BENCH_JAR:-$ROOT/gatekeeper-proxy/target/gatekeeper-proxy.jar}"

# wrk and nginx come from Debian; install them only when missing (needs root or sudo).
require_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The Debian package starts a system nginx on port 80; this benchmark uses its own instance and never touches it.
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
}

# The jar, and the test classpath for the Kafka fixture (embedded broker, event publisher, key-check timing).
build() {
  reactor_build gatekeeper-proxy
  CLASSPATH_FIXTURE="$CLASSPATH_BENCH"
}

start_nginx() {
  mkdir -p "$WORK"/nginx-{client-body,proxy,fastcgi,uwsgi,scgi}
  sed -e "s|@WORK@|$WORK|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" \
    "$BENCH/nginx.conf.template" >"$WORK/nginx.conf"
  "$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" &
  NGINX_PID=$!
  PIDS+=($NGINX_PID)
  wait_until 10 "nginx listening" curl -fsS "http://127.0.0.1:$PROXY_PORT/"
}

# The broker and the first (benchmark) cluster; more clusters are published on request, later.
start_fixture() {
  KEY_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
  "$JAVA" -Xmx512m -cp "$CLASSPATH_FIXTURE" io.dbaas.gatekeeper.bench.BenchFixture \
    "$WORK" "$KEY_ENCRYPTION_KEY" "$UPSTREAM_PORT" "$DOMAIN" >"$WORK/fixture.log" 2>&1 &
  PIDS+=($!)
  wait_until 120 "the Kafka fixture starting" test -f "$WORK/cluster"
  read -r CLUSTER_HOST API_KEY <"$WORK/cluster"
}

# The packaged jar, as the rest of the control plane starts it. The per-key rate limit (default 1,000/s) is raised
# so that the benchmark measures the proxy, not the limiter; the limiter still runs on every request.
start_gatekeeper() {
  local profiling=()
  # Written when the JVM exits (cleanup stops it with SIGTERM, which runs the shutdown hooks).
  [[ -z "$JFR_FILE" ]] || profiling=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_FILE")
  DBAAS_KEY_ENCRYPTION_KEY="$KEY_ENCRYPTION_KEY" "$JAVA" -Xms512m -Xmx512m "${GATEKEEPER_OPTS[@]}" "${profiling[@]}" \
    -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$GATEKEEPER_PORT" \
    --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
    --gatekeeper.domain="$DOMAIN" \
    --spring.kafka.bootstrap-servers="$(cat "$WORK/bootstrap")" \
    --gatekeeper.abuse.requests-per-key=1000000000 \
    >"$WORK/gatekeeper.log" 2>&1 &
  GATEKEEPER_PID=$!
  PIDS+=($GATEKEEPER_PID)
  wait_until 120 "GateKeeper healthy" curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health"
  wait_until 60 "GateKeeper routing the benchmark cluster" routes "$CLUSTER_HOST" "$API_KEY"
}

routes() {
  curl -fsS -o /dev/null -H "Host: $1" -H "api-key: $2" "http://127.0.0.1:$GATEKEEPER_PORT/"
}

# Publishes the other clusters and waits until GateKeeper routes the last one (one partition: all earlier too).
add_clusters() {
  echo "$((CLUSTERS - 1))" >"$WORK/publish-more"
  wait_until 180 "the fixture publishing $CLUSTERS clusters" test -f "$WORK/last-cluster"
  local last_host last_key
  read -r last_host last_key <"$WORK/last-cluster"
  wait_until 180 "GateKeeper routing all $CLUSTERS clusters" routes "$last_host" "$last_key"
}

# CPU time (user + system, in clock ticks) the given processes have used so far; nginx counts with its workers.
cpu_ticks() {
  local pid total=0 stat fields
  for pid in "$@"; do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    # Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 12th, 13th.
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }

# run_wrk <name> <port> <host> <api-key> <delay-ms> [connections]: one wrk run; stores "rps p50 p99" as RESULT_<name>
# and the CPU time nginx (all its processes) and GateKeeper used per request during it, in µs, as CPU_<name>.
run_wrk() {
  local name=$1 port=$2 host=$3 key=$4 delay=$5 connections=${6:-$CONNECTIONS}
  local output nginx_before gatekeeper_before nginx_after gatekeeper_after
  nginx_before="$(cpu_ticks $(nginx_pids))"
  gatekeeper_before="$(cpu_ticks "$GATEKEEPER_PID")"
  output="$(BENCH_HOST="$host" BENCH_API_KEY="$key" BENCH_DELAY_MS="$delay" \
    wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" -s "$BENCH/wrk.lua" "http://127.0.0.1:$port/")"
  nginx_after="$(cpu_ticks $(nginx_pids))"
  gatekeeper_after="$(cpu_ticks "$GATEKEEPER_PID")"
  echo "$output" >"$WORK/wrk-$name.txt"
  local line
  line="$(grep '^RESULT' <<<"$output")" || die "wrk printed no result for $name"
  local non2xx socket_errors
  non2xx="$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$line")"
  socket_errors="$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")"
  ((non2xx == 0)) || die "$name: $non2xx answers were not 2xx (see $WORK/wrk-$name.txt)"
  ((socket_errors == 0)) || log "warning: $name had $socket_errors socket errors"
  printf -v "RESULT_$name" '%s' "$(sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \2 \3/' <<<"$line")"
  log "$name: $(sed -E 's/^RESULT //' <<<"$line")"
  local requests
  requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")"
  printf -v "CPU_$name" '%s' "$(awk -v n0="$nginx_before" -v n1="$nginx_after" -v g0="$gatekeeper_before" \
    -v g1="$gatekeeper_after" -v hz="$CLOCK_TICKS" -v r="$requests" \
    'BEGIN { printf "%.1f %.1f", (n1 - n0) * 1e6 / hz / r, (g1 - g0) * 1e6 / hz / r }')"
}

# The pause per connection that paces $CONNECTIONS_PACED connections at about $1 requests/s in total.
# wrk's delay() waits after each answer, so the real rate is a little lower; the report shows the rate reached.
pacing_delay_ms() {
  awk -v rate="$1" -v c="$CONNECTIONS_PACED" 'BEGIN { d = c * 1000 / rate; printf "%d", (d < 1 ? 1 : d + 0.5) }'
}

field() { cut -d' ' -f"$2" <<<"$1"; }

# median_of <name>: RESULT_<name> and CPU_<name> from the runs <name>_1 … <name>_$REPEATS, each field its median.
median_of() {
  local name=$1 i f values result="" cpu=""
  for f in 1 2 3; do
    values="$(for i in $(seq "$REPEATS"); do v="RESULT_${name}_$i"; field "${!v}" "$f"; done | median)"
    result="${result:+$result }$values"
  done
  for f in 1 2; do
    values="$(for i in $(seq "$REPEATS"); do v="CPU_${name}_$i"; field "${!v}" "$f"; done | median)"
    cpu="${cpu:+$cpu }$values"
  done
  printf -v "RESULT_$name" '%s' "$result"
  printf -v "CPU_$name" '%s' "$cpu"
}

# The JIT needs many requests before GateKeeper's request path is compiled, and on a busy machine its compiler threads
# get little CPU: a cold (c) would make (e), measured later, look faster than it is. So the warm-up goes on, run after
# run (not reported), until GateKeeper's CPU time per request (its compiler threads included) stops falling by more than
# 5 %, for at least two and at most eight runs.
warm_up() {
  local round previous=""
  for round in 1 2 3 4 5 6 7 8; do
    log "warming up GateKeeper (JIT), run $round; not reported"
    run_wrk warmup "$GATEKEEPER_PORT" "$CLUSTER_HOST" "$API_KEY" 0
    local current
    current="$(field "$CPU_warmup" 2)"
    log "warm-up run $round: GateKeeper used $current µs of CPU per request"
    if [[ -n "$previous" ]] && awk -v c="$current" -v p="$previous" 'BEGIN { exit !(c > 0.95 * p) }'; then
      return
    fi
    previous="$current"
  done
  log "warning: GateKeeper's CPU per request was still falling after the last warm-up run"
}

report() {
  local direct=$RESULT_direct nginx=$RESULT_nginx auth=$RESULT_gatekeeper_1 many=$RESULT_gatekeeper_many
  local gk_rps nginx_rps auth_share many_cost added_p99
  gk_rps="$(field "$auth" 1)"
  nginx_rps="$(field "$nginx" 1)"
  # Authentication's share of GateKeeper's CPU time per request: both are CPU time (KeyCheckCost counts its thread's),
  # so neither counts the moments GateKeeper or the measuring thread waited for a core on this shared machine.
  auth_share="$(awk -v ns="$AUTH_NS" -v us="$(field "$CPU_gatekeeper_1" 2)" 'BEGIN { printf "%.4f", ns / (us * 1000) }')"
  many_cost="$(awk -v one="$gk_rps" -v many="$(field "$many" 1)" 'BEGIN { printf "%.4f", (one - many) / one }')"
  added_p99="$(awk -v gk="$(field "$RESULT_paced_gatekeeper" 3)" -v up="$(field "$RESULT_paced_direct" 3)" \
    'BEGIN { printf "%.3f", gk - up }')"

  echo
  machine
  echo "wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'); GateKeeper resident memory after the runs: $(rss_mib "$GATEKEEPER_PID") MiB"
  echo "runs: ${SECONDS_PER_RUN}s each, median of $REPEATS, wrk -t2 -c$CONNECTIONS (paced runs: -c$CONNECTIONS_PACED), all on loopback"
  echo
  printf '%-46s %12s %10s %10s %12s\n' "run" "requests/s" "p50 ms" "p99 ms" "vs nginx"
  local name label
  for name in direct nginx gatekeeper_1 gatekeeper_many; do
    case $name in
      direct) label="(a) upstream directly" ;;
      nginx) label="(b) nginx reverse proxy" ;;
      gatekeeper_1) label="(c) GateKeeper, valid key, 1 cluster" ;;
      gatekeeper_many) label="(e) GateKeeper, valid key, $CLUSTERS clusters" ;;
    esac
    local r="RESULT_$name"
    printf '%-46s %12.0f %10.3f %10.3f %11.2fx\n' "$label" "$(field "${!r}" 1)" "$(field "${!r}" 2)" \
      "$(field "${!r}" 3)" "$(ratio "$(field "${!r}" 1)" "$nginx_rps")"
  done
  printf '%-46s %12.0f %10.3f %10.3f\n' "(f) upstream directly, paced" "$(field "$RESULT_paced_direct" 1)" \
    "$(field "$RESULT_paced_direct" 2)" "$(field "$RESULT_paced_direct" 3)"
  printf '%-46s %12.0f %10.3f %10.3f\n' "(f) GateKeeper, paced at ~half of (c)" "$(field "$RESULT_paced_gatekeeper" 1)" \
    "$(field "$RESULT_paced_gatekeeper" 2)" "$(field "$RESULT_paced_gatekeeper" 3)"
  echo
  printf '(d) authentication alone (key check + per-key bucket): %s ns of CPU per request (key check alone: %s ns)\n' \
    "$AUTH_NS" "$KEY_CHECK_NS"
  echo
  # CPU time per request depends much less on what else runs on the machine than requests/s do: a diagnostic
  # beside the verdicts (never one of them). nginx's proxying cost is (b) minus what its upstream server used in (a).
  local nginx_proxy_us gatekeeper_us
  nginx_proxy_us="$(awk -v b="$(field "$CPU_nginx" 1)" -v a="$(field "$CPU_direct" 1)" 'BEGIN { printf "%.1f", b - a }')"
  gatekeeper_us="$(field "$CPU_gatekeeper_1" 2)"
  printf 'CPU per request: nginx proxying %s µs (upstream alone %s µs), GateKeeper %s µs in (c), %s µs in (e);\n' \
    "$nginx_proxy_us" "$(field "$CPU_direct" 1)" "$gatekeeper_us" "$(field "$CPU_gatekeeper_many" 2)"
  printf '  nginx CPU / GateKeeper CPU per request: %s (the throughput ratio if both had the same CPU)\n' \
    "$(ratio "$nginx_proxy_us" "$gatekeeper_us")"
  echo
  printf '%-62s %10s %10s  %s\n' "target" "measured" "target" "verdict"
  local throughput
  throughput="$(ratio "$gk_rps" "$nginx_rps")"
  printf '%-62s %10s %10s  %s\n' "GateKeeper throughput / nginx throughput" "$throughput" ">= 0.35" \
    "$(verdict "$throughput" ">=" 0.35)"
  printf '%-62s %9.2f%% %10s  %s\n' "auth share of GateKeeper's CPU per request (d / CPU in c)" \
    "$(awk -v s="$auth_share" 'BEGIN { print s * 100 }')" "<= 5%" "$(verdict "$auth_share" "<=" 0.05)"
  printf '%-62s %9.2f%% %10s  %s\n' "throughput lost with $CLUSTERS clusters ((c - e) / c)" \
    "$(awk -v s="$many_cost" 'BEGIN { print s * 100 }')" "<= 5%" "$(verdict "$many_cost" "<=" 0.05)"
  printf '%-62s %8s ms %10s  %s\n' "added p99 at ~half max rate (f: GateKeeper - direct)" "$added_p99" "<= 2 ms" \
    "$(verdict "$added_p99" "<=" 2)"
  echo
  echo "Shared 2-core machines are noisy: compare the ratios of one run, and repeat a run before believing a verdict."
}

# What every measurement needs before GateKeeper starts: the tools, a JDK, the jar, the upstream and the Kafka fixture.
start_bench() {
  require_tools
  find_java
  build
  log "work directory: $WORK"
  start_nginx
  start_fixture
}

main() {
  start_bench
  start_gatekeeper

  log "measuring authentication alone"
  local costs
  costs="$("$JAVA" -cp "$CLASSPATH_FIXTURE" io.dbaas.gatekeeper.bench.KeyCheckCost)"
  AUTH_NS="$(sed -E 's/.*ns_per_auth=([0-9]+).*/\1/' <<<"$costs")"
  KEY_CHECK_NS="$(sed -E 's/.*ns_per_key_check=([0-9]+).*/\1/' <<<"$costs")"

  warm_up
  # In rounds (a, b, c, a, b, c, …), so that what else the machine does meets all three alike; medians are reported.
  local round
  for round in $(seq "$REPEATS"); do
    run_wrk "direct_$round" "$UPSTREAM_PORT" "" "" 0
    run_wrk "nginx_$round" "$PROXY_PORT" "" "" 0
    run_wrk "gatekeeper_1_$round" "$GATEKEEPER_PORT" "$CLUSTER_HOST" "$API_KEY" 0
  done
  median_of direct
  median_of nginx
  median_of gatekeeper_1

  log "publishing $((CLUSTERS - 1)) more clusters"
  add_clusters
  # Waiting for the last cluster sends GateKeeper requests for hosts it does not know yet (404s) and runs its event
  # consumer hard: the JIT throws away code of the request path compiled for (c)'s traffic alone (about 80
  # deoptimizations in a profiled run) and recompiles it during the next run. Warm up again, so that (e) measures ten
  # thousand clusters in the directory rather than the JIT at work.
  warm_up
  for round in $(seq "$REPEATS"); do
    run_wrk "gatekeeper_many_$round" "$GATEKEEPER_PORT" "$CLUSTER_HOST" "$API_KEY" 0
  done
  median_of gatekeeper_many

  # Half of GateKeeper's maximum, measured in (c); the same pace against the upstream gives the baseline latency.
  CONNECTIONS_PACED=16
  local half delay
  half="$(awk -v r="$(field "$RESULT_gatekeeper_1" 1)" 'BEGIN { printf "%d", r / 2 }')"
  delay="$(pacing_delay_ms "$half")"
  log "pacing at about $half requests/s ($CONNECTIONS_PACED connections, ${delay} ms pause each)"
  for round in $(seq "$REPEATS"); do
    run_wrk "paced_direct_$round" "$UPSTREAM_PORT" "" "" "$delay" "$CONNECTIONS_PACED"
    run_wrk "paced_gatekeeper_$round" "$GATEKEEPER_PORT" "$CLUSTER_HOST" "$API_KEY" "$delay" "$CONNECTIONS_PACED"
  done
  median_of paced_direct
  median_of paced_gatekeeper

  report
}

# Sourced by bench/compare.sh for its functions; run, it measures.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
