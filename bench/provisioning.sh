#!/usr/bin/env bash
# Provisioning benchmark: claim to Kubernetes objects, RUNNING to routed, revocation to refusal; one run, everything on
# loopback, each figure beside its floor measured in the same run.
#
#   bench/provisioning.sh      (from anywhere in a clone; Debian, JDK 21+; nothing else)
#
# Builds the services' jars through the reactor, then runs the harness (io.dbaas.local.ProvisioningBench, in the
# test sources of local-control-plane): Orion, Nebula and GateKeeper from their jars, embedded PostgreSQL, an embedded
# KRaft broker, fabric8's mock Kubernetes API server in CRUD mode with the end-to-end tests' stand-in controllers
# making clusters RUNNING, and a recording HTTPS server as the clusters. It measures:
#   (a) claim -> every object of the cluster in the API server: one claim at a time, BENCH_BURST_CLAIMS at once, and
#       one at a time again with each of BENCH_POPULATIONS clusters already watched by Nebula (all RUNNING)
#   (b) its floor: the same objects created straight into the same mock server with a fabric8 client
#   (c) RUNNING (Nebula's ClusterProvisioned) -> GateKeeper routing the cluster, for every claim of (a)
#   (d) an API key's revocation (Orion's 204) -> GateKeeper's first refusal
#   (e) their floor: a Kafka produce -> consume round trip on the same broker
#   (f) Nebula's and GateKeeper's resident memory at idle and after all of the above
# Tunables (environment): BENCH_SINGLE_CLAIMS (claims one at a time, per population; default 30), BENCH_BURST_CLAIMS
# (default 100), BENCH_POPULATIONS (clusters watched for the repeated single claims; default "100 1000"),
# BENCH_FILL_CONCURRENCY (claims in flight while filling up; default 8), BENCH_REVOCATIONS (default 30),
# BENCH_ROUND_TRIPS (Kafka round trips; default 30), BENCH_POLL_MS (how often GateKeeper is asked; default 2),
# BENCH_POPULATIONS="" measures no population, BENCH_SKIP_BUILD=1 (reuse the jars already built), BENCH_NEBULA_OPTS (JVM options for Nebula, e.g. a JFR recording:
# "-XX:StartFlightRecording=filename=/tmp/nebula.jfr").
set -euo pipefail

BENCH_NAME=provisioning-bench
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
POPULATIONS="${BENCH_POPULATIONS-100 1000}"
export BENCH_POPULATIONS="$POPULATIONS"
OUT="$WORK/figures"
mkdir -p "$OUT"

# The harness hands over twice (idle, then after the load): the script samples resident memory with rss_mib then.
sample_memory() {
  local phase=$1
  # Filling up to 1,000 clusters takes tens of minutes today (docs/benchmarks/provisioning.md), hence the patience.
  wait_until 10800 "the harness reaching '$phase'" test -f "$OUT/phase-$phase"
  while read -r service pid; do
    echo "$service $(rss_mib "$pid")" >>"$OUT/rss-$phase.txt"
  done <"$OUT/pids.txt"
  touch "$OUT/phase-$phase.done"
}

run_harness() {
  log "starting the control plane and the harness (logs: $WORK/harness.log, $OUT/logs/)"
  # As the end-to-end tests run: the Host header a client sends to its cluster's endpoint, and the mock API server
  # quiet (it logs every request through java.util.logging, which would slow it down).
  spawn "$WORK/harness.log" "$JAVA" -Xmx1g -Djdk.httpclient.allowRestrictedHeaders=host \
    -Djava.util.logging.config.file="$ROOT/local-control-plane/src/test/resources/jul-test.properties" \
    -cp "$CLASSPATH_BENCH" io.dbaas.local.ProvisioningBench "$OUT" "$ROOT"
  HARNESS_PID=$SPAWNED
  sample_memory idle
  log "measuring; progress in $WORK/harness.log"
  sample_memory loaded
  wait "$HARNESS_PID" || die "the harness failed: $(tail -20 "$WORK/harness.log")"
}

p() { percentile "$1" <"$OUT/$2.txt"; }

row() { printf '%-58s %10s %10s %10s %10s\n' "$@"; }

report() {
  local label
  echo
  echo "Provisioning benchmark ($(date -u +%Y-%m-%dT%H:%MZ)); milliseconds; ratio = measured / floor of the same run"
  echo "objects timed: $(paste -sd' ' "$OUT/objects.txt")"
  echo
  row "figure" "p50" "p99" "floor p50" "ratio p50"
  local kafka50 kafka99
  kafka50=$(p 50 reference-kafka)
  kafka99=$(p 99 reference-kafka)
  row "floor: Kafka produce -> consume round trip" "$kafka50" "$kafka99" "-" "-"
  for label in 0 $POPULATIONS; do
    [[ -f "$OUT/claim-single-$label.txt" ]] || continue
    local watched floor50
    watched=$(cat "$OUT/population-$label.txt")
    floor50=$(p 50 "reference-objects-$label")
    row "floor: same objects written straight, $watched watched" "$floor50" "$(p 99 "reference-objects-$label")" "-" "-"
    row "claim -> objects, one at a time, $watched watched" "$(p 50 "claim-single-$label")" \
      "$(p 99 "claim-single-$label")" "$floor50" "$(ratio "$(p 50 "claim-single-$label")" "$floor50")"
  done
  row "claim -> objects, $(wc -l <"$OUT/claim-burst.txt") claims at once (per claim)" "$(p 50 claim-burst)" \
    "$(p 99 claim-burst)" "$(p 50 reference-objects-0)" "$(ratio "$(p 50 claim-burst)" "$(p 50 reference-objects-0)")"
  cat "$OUT"/routing-*.txt >"$OUT/routing.txt"
  row "RUNNING -> routed at GateKeeper (every claim above)" "$(p 50 routing)" "$(p 99 routing)" "$kafka50" \
    "$(ratio "$(p 50 routing)" "$kafka50")"
  row "revocation 204 -> first refusal at GateKeeper" "$(p 50 revocation)" "$(p 99 revocation)" "$kafka50" \
    "$(ratio "$(p 50 revocation)" "$kafka50")"
  echo
  echo "resident memory (MiB)        idle    after the load"
  local service
  for service in nebula gatekeeper; do
    printf '%-28s %5s %8s\n' "$service" "$(awk -v s="$service" '$1 == s { print $2 }' "$OUT/rss-idle.txt")" \
      "$(awk -v s="$service" '$1 == s { print $2 }' "$OUT/rss-loaded.txt")"
  done

  echo
  printf '%-58s %12s %12s %10s\n' "target" "measured" "" "verdict"
  local single99 growth=""
  single99=$(p 99 claim-single-0)
  printf '%-58s %12s %12s %10s\n' "claim -> objects p99, one at a time <= 1000 ms" "$single99" "" \
    "$(verdict "$single99" "<=" 1000)"
  read -r -a populations <<<"$POPULATIONS"
  for label in "${populations[@]}"; do
    [[ -f "$OUT/claim-single-$label.txt" ]] || continue
    printf '%-58s %12s %12s %10s\n' "claim -> objects p99, $(cat "$OUT/population-$label.txt") watched <= 1000 ms" \
      "$(p 99 "claim-single-$label")" "" "$(verdict "$(p 99 "claim-single-$label")" "<=" 1000)"
  done
  if ((${#populations[@]} >= 2)); then
    local low=${populations[0]} high=${populations[-1]}
    local clusters_ratio time_ratio floor_ratio
    clusters_ratio=$(ratio "$(cat "$OUT/population-$high.txt")" "$(cat "$OUT/population-$low.txt")")
    time_ratio=$(ratio "$(p 50 "claim-single-$high")" "$(p 50 "claim-single-$low")")
    floor_ratio=$(ratio "$(p 50 "reference-objects-$high")" "$(p 50 "reference-objects-$low")")
    printf '%-58s %12s %12s %10s\n' "growth of p50, $low -> $high watched <= clusters ratio $clusters_ratio" \
      "${time_ratio}x" "(floor ${floor_ratio}x)" "$(verdict "$time_ratio" "<=" "$clusters_ratio")"
  fi
  printf '%-58s %12s %12s %10s\n' "RUNNING -> routed p99 <= 200 ms" "$(p 99 routing)" "" \
    "$(verdict "$(p 99 routing)" "<=" 200)"
  printf '%-58s %12s %12s %10s\n' "revocation -> refusal p99 <= 200 ms" "$(p 99 revocation)" "" \
    "$(verdict "$(p 99 revocation)" "<=" 200)"
  echo
  machine
}

find_java
reactor_build local-control-plane
run_harness
report
