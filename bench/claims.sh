#!/usr/bin/env bash
# Claim intake benchmark: how many cluster claims per second Orion accepts, beside pgbench running the same statements
# as one transaction on the same PostgreSQL (the ceiling), in one run, everything on loopback.
#
#   bench/claims.sh        (from anywhere in a clone; Debian, JDK 21+; installs wrk and pgbench when missing)
#
# Starts embedded PostgreSQL, an embedded Kafka broker and Orion alone from its jar (io.dbaas.local.ClaimsBenchFixture),
# with a tenant account and a region large enough for every claim; then measures, in rounds
# (Orion, pgbench, Orion with Idempotency-Key, pgbench with the idempotency row, …), medians reported:
#   (a) Orion: wrk POSTing /v1/clusters claims with unique names; every answer must be 202, or the run fails
#   (b) pgbench: bench/claims.pgbench, with as many clients as Orion's connection pool has connections
#   (c) (a) with a unique Idempotency-Key per request      (d) (b) with the idempotency row
#   (e) the latency of Orion's claims paced at half of (a)'s rate
# and Orion's resident memory at idle and right after the load. Before the runs it counts, with pg_stat_statements,
# the statements per claim of Orion and of pgbench, so that a change to Orion's claim path shows.
#
# Tunables (environment): BENCH_SECONDS (per run, default 10), BENCH_WARMUP_SECONDS (per warm-up run, default 10; the warm-up lasts until Orion's CPU per claim stops falling),
# BENCH_REPEATS (rounds, default 3), BENCH_CONNECTIONS (wrk, default 20: twice the pool), BENCH_PACED_CONNECTIONS (default 16),
# BENCH_PORT_BASE (default 18180), BENCH_MAX_CLAIMS (what the region is sized for, default 1000000),
# BENCH_ORION_JAR (another Orion jar than the workspace's, e.g. a copy of an earlier build to compare with),
# BENCH_KEEP_CLUSTERS=1 (do not empty the region between runs), BENCH_ORION_OPTS (more JVM options for Orion, space-separated), BENCH_JFR (a file: Orion runs with a flight
# recording, written there when the script stops it), BENCH_SKIP_BUILD=1 (use the jars and classes already built).
set -euo pipefail

BENCH_NAME=claims-bench
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}"
REPEATS="${BENCH_REPEATS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-20}"
CONNECTIONS_PACED="${BENCH_PACED_CONNECTIONS:-16}"
PORT_BASE="${BENCH_PORT_BASE:-18180}"
MAX_CLAIMS="${BENCH_MAX_CLAIMS:-1000000}"
JFR_FILE="${BENCH_JFR:-}"
read -r -a EXTRA_ORION_OPTS <<<"${BENCH_ORION_OPTS:-}"
ORION_PORT=$PORT_BASE
ORION_MANAGEMENT_PORT=$((PORT_BASE + 1))
CLOCK_TICKS="$(getconf CLK_TCK)"
JAR="${BENCH_ORION_JAR:-$ROOT/orion-api/target/orion-api.jar}"
RUNS=0 # wrk runs so far: part of every claim's name, which must be unique
# How many claims of each side the statement count looks at.
COUNTED_CLAIMS=20

# wrk and pgbench come from Debian (pgbench with the PostgreSQL 15 server package); installed only when missing.
require_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  { command -v pgbench && command -v psql; } >/dev/null 2>&1 || missing+=(postgresql-15 postgresql-client-15)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# PostgreSQL, Kafka and Orion; Orion with the full JIT, as its container image runs it (the local launcher keeps
# Orion to the quick-starting C1 compiler, which would measure start-up settings instead of the service).
start_fixture() {
  local options=(-XX:TieredStopAtLevel=4 "${EXTRA_ORION_OPTS[@]}")
  # Written when the JVM exits (the fixture stops Orion with SIGTERM, which runs the shutdown hooks).
  [[ -z "$JFR_FILE" ]] || options+=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_FILE")
  spawn "$WORK/fixture.log" "$JAVA" -Xmx512m -cp "$CLASSPATH_BENCH" io.dbaas.local.ClaimsBenchFixture \
    "$WORK" "$JAR" "$MAX_CLAIMS" "$ORION_PORT" "$ORION_MANAGEMENT_PORT" "${options[@]}"
  FIXTURE_PID=$SPAWNED
  wait_until 240 "PostgreSQL, Kafka and Orion starting (see $WORK/fixture.log, $WORK/orion.log)" \
    test -f "$WORK/orion-ready"
  ORION_PID="$(cat "$WORK/orion.pid")"
  TOKEN="$(cat "$WORK/tenant-token")"
  read -r PG_PORT PG_USER PG_DATABASE <"$WORK/postgres"
  # The server's process id is the first line of postmaster.pid in its data directory.
  POSTMASTER_PID="$(head -1 "$(sql -c 'show data_directory')/postmaster.pid")"
  local metrics
  metrics="$(curl -fsS "http://127.0.0.1:$ORION_MANAGEMENT_PORT/actuator/prometheus")"
  POOL="$(awk '/^hikaricp_connections_max/ { printf "%d", $2; exit }' <<<"$metrics")"
  [[ -n "$POOL" ]] || die "Orion's metrics name no connection pool size (hikaricp_connections_max)"
}

sql() { PGPASSWORD="" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -qtAX -v ON_ERROR_STOP=1 "$@"; }

# One claim with curl, outside wrk; fails the script unless Orion answers 202.
claim_once() {
  local name=$1 key=${2:-} status
  local headers=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
  [[ -z "$key" ]] || headers+=(-H "Idempotency-Key: $key")
  status="$(curl -sS -o "$WORK/last-claim.json" -w '%{http_code}' "${headers[@]}" \
    -d "{\"name\":\"$name\",\"engine\":\"qdrant\",\"nodes\":1,\"cpu\":\"250m\",\"memory\":\"512Mi\",\"disk\":\"1Gi\",\"provider\":\"minikube\",\"region\":\"local\"}" \
    "http://127.0.0.1:$ORION_PORT/v1/clusters")"
  [[ $status == 202 ]] || die "Orion answered $status to a claim: $(head -c 400 "$WORK/last-claim.json")"
}

# What pgbench needs from a real claim: the tenant's ids, a command and an answer exactly as Orion wrote them.
pgbench_variables() {
  claim_once "first" "first"
  local credential account
  read -r credential account <<<"$(sql -F' ' -c "select c.id, c.account_id from credentials c
    join accounts a on a.id = c.account_id where a.name = 'claims-bench' and c.role = 'ADMIN'")"
  PGBENCH_VARIABLES=(-D "account_id=$account" -D "credential_id=$credential" -D provider=minikube -D region=local
    -D "payload=$(sql -c "select encode(payload, 'hex') from outbox_messages order by sequence desc limit 1")"
    -D "response_body=$(sql -c "select response_body from idempotency_keys where idempotency_key = 'first'")")
}

# Statements per claim as pg_stat_statements counts them (every statement and BEGIN/COMMIT, Orion's outbox relay
# included), after $COUNTED_CLAIMS claims one after the other; the statements themselves go to $WORK/statements-<name>.
count_statements() {
  local name=$1
  shift
  sql -c "select pg_stat_statements_reset()" >/dev/null
  "$@"
  sleep 1 # Orion's relay publishes the last commands
  sql -c "select calls, query from pg_stat_statements where query not like '%pg_stat_statements%'
    and query not like 'SET %' order by calls desc" >"$WORK/statements-$name.txt"
  printf -v "STATEMENTS_$name" '%s' "$(sql -c "select round(sum(calls)::numeric / $COUNTED_CLAIMS, 1)
    from pg_stat_statements where query not like '%pg_stat_statements%' and query not like 'SET %'")"
}

# orion_claims <label> [key]: $COUNTED_CLAIMS claims one after the other, each with its own Idempotency-Key if asked.
orion_claims() {
  local i
  for i in $(seq "$COUNTED_CLAIMS"); do claim_once "count-$1-$i" ${2:+"count-$1-$i"}; done
}

pgbench_claims() { run_pgbench_raw "$1" -c 1 -t "$COUNTED_CLAIMS" >/dev/null; }

run_pgbench_raw() {
  local idempotent=$1
  shift
  PGPASSWORD="" pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -n -M prepared -f "$BENCH/claims.pgbench" \
    -D "idempotent=$idempotent" "${PGBENCH_VARIABLES[@]}" "$@" "$PG_DATABASE"
}

# run_orion <name> <idempotent 0|1> <delay-ms> [connections]: one wrk run; "claims/s p50 p99" as RESULT_<name>.
run_orion() {
  local name=$1 idempotent=$2 delay=$3 connections=${4:-$CONNECTIONS}
  local output line
  RUNS=$((RUNS + 1))
  output="$(BENCH_TOKEN="$TOKEN" BENCH_RUN="r$RUNS" BENCH_IDEMPOTENT="$idempotent" BENCH_DELAY_MS="$delay" \
    wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" --timeout 30s -s "$BENCH/claims.lua" "http://127.0.0.1:$ORION_PORT/")"
  echo "$output" >"$WORK/wrk-$name.txt"
  line="$(grep '^RESULT' <<<"$output")" || die "wrk printed no result for $name (see $WORK/wrk-$name.txt)"
  local refused socket_errors
  refused="$(sed -E 's/.*not_202=([0-9]+).*/\1/' <<<"$line")"
  socket_errors="$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")"
  if ((refused + socket_errors > 0)) && [[ "${WARMING_UP:-0}" == 1 ]]; then
    # A cold JVM on a busy machine may keep claims waiting for a connection longer than Orion's 2 s (503): not a
    # measurement yet, so said and tolerated; from the first measured run on, it fails the run.
    log "warning: $name (warm-up): $refused answers were not 202, $socket_errors socket errors;" \
      "the first: $(grep '^FIRST_REFUSAL' <<<"$output" || true)"
  else
    ((refused == 0)) || die "$name: $refused answers were not 202; the first: $(grep '^FIRST_REFUSAL' <<<"$output")"
    ((socket_errors == 0)) || die "$name: $socket_errors socket errors (time-outs or resets; see $WORK/wrk-$name.txt)"
  fi
  printf -v "RESULT_$name" '%s' "$(sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \2 \3/' <<<"$line")"
  log "$name: $(sed -E 's/^RESULT //' <<<"$line")"
}

# run_pgbench <name> <idempotent 0|1>: one pgbench run with Orion's pool size in clients; "tps p50 p99" as RESULT_<name>,
# the latencies from pgbench's per-transaction log (microseconds, third column).
run_pgbench() {
  local name=$1 idempotent=$2 output tps failed
  rm -f "$WORK/pgbench-$name".*
  output="$(cd "$WORK" && run_pgbench_raw "$idempotent" -c "$POOL" -j 2 -T "$SECONDS_PER_RUN" \
    -l --log-prefix="pgbench-$name" 2>&1)" || die "pgbench failed in $name: $output"
  echo "$output" >"$WORK/pgbench-$name.txt"
  failed="$(awk '/number of failed transactions/ { print $5 }' <<<"$output")"
  [[ -z "$failed" || "$failed" == 0 ]] || die "$name: $failed pgbench transactions failed (see $WORK/pgbench-$name.txt)"
  tps="$(awk '/^tps = / { print $3 }' <<<"$output")"
  local latencies="$WORK/pgbench-$name.latencies"
  cat "$WORK/pgbench-$name".[0-9]* | awk '{ print $3 / 1000 }' >"$latencies"
  printf -v "RESULT_$name" '%s %s %s' "$tps" "$(percentile 50 <"$latencies")" "$(percentile 99 <"$latencies")"
  rm -f "$WORK/pgbench-$name".[0-9]* "$latencies"
  local r="RESULT_$name"
  log "$name: ${!r} (transactions/s p50_ms p99_ms)"
}

field() { cut -d' ' -f"$2" <<<"$1"; }

# Every claim sums the allocations of all clusters of its region (see docs/benchmarks/claims.md), so its cost grows
# with the clusters earlier runs left there: without this, a run's figures would depend on how many ran before it
# (the warm-up alone leaves over ten thousand). So each run starts from an empty region: the benchmark's clusters and
# what hangs off them are removed, the accounts, credentials, regions and capacities kept. BENCH_KEEP_CLUSTERS=1 keeps
# them, to see the growth.
reset_claims() {
  [[ "${BENCH_KEEP_CLUSTERS:-0}" != 1 ]] || return 0
  # Orion's outbox relay may still be publishing the last run's commands: a deadlock or a lock time-out then makes
  # the truncation give way, and it is tried again.
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    sql -c "set client_min_messages = warning" -c "set lock_timeout = '2s'" \
      -c "truncate clusters, operations, resource_claims, outbox_messages, idempotency_keys, audit_events cascade" \
      >/dev/null 2>"$WORK/truncate.err" && return
    sleep 1
  done
  die "could not empty the region between runs: $(cat "$WORK/truncate.err")"
}

# CPU ticks used so far by Orion, and by PostgreSQL (the server, its live backends and those that ended).
orion_ticks() { cpu_ticks_with_children "$ORION_PID"; }
postgres_ticks() { cpu_ticks_with_children "$POSTMASTER_PID" $(pgrep -P "$POSTMASTER_PID" || true); }

# measure_cpu <name> <command...>: runs the command and stores, as CPU_<name>, the CPU time Orion and PostgreSQL used
# per claim during it, in µs ("orion postgres"), the claims counted from the clusters table. CPU time depends much less
# on what else runs on this shared machine than claims/s do: a diagnostic beside the verdicts.
measure_cpu() {
  local name=$1
  shift
  local orion0 postgres0 claims0 orion1 postgres1 claims1
  reset_claims
  claims0="$(sql -c "select count(*) from clusters")"
  orion0="$(orion_ticks)"
  postgres0="$(postgres_ticks)"
  "$@"
  orion1="$(orion_ticks)"
  postgres1="$(postgres_ticks)"
  claims1="$(sql -c "select count(*) from clusters")"
  ((claims1 - claims0 <= ${MOST_CLAIMS:-0})) || MOST_CLAIMS=$((claims1 - claims0))
  printf -v "CPU_$name" '%s' "$(awk -v o0="$orion0" -v o1="$orion1" -v p0="$postgres0" -v p1="$postgres1" \
    -v c="$((claims1 - claims0))" -v hz="$CLOCK_TICKS" 'BEGIN { printf "%.0f %.0f", (o1 - o0) * 1e6 / hz / c, (p1 - p0) * 1e6 / hz / c }')"
}

# median_of <name>: RESULT_<name> from the runs <name>_1 … <name>_$REPEATS, each field its median.
median_of() {
  local name=$1 i f v values result=""
  for f in 1 2 3; do
    values="$(for i in $(seq "$REPEATS"); do v="RESULT_${name}_$i"; field "${!v}" "$f"; done | median)"
    result="${result:+$result }$values"
  done
  printf -v "RESULT_$name" '%s' "$result"
  result=""
  for f in 1 2; do
    values="$(for i in $(seq "$REPEATS"); do v="CPU_${name}_$i"; field "${!v}" "$f"; done | median)"
    result="${result:+$result }$values"
  done
  printf -v "CPU_$name" '%s' "$result"
}

# The pause per connection that paces $CONNECTIONS_PACED connections at about $1 claims/s in total; wrk's delay()
# waits after each answer, so the rate reached is a little lower (the report shows it).
pacing_delay_ms() {
  awk -v rate="$1" -v c="$CONNECTIONS_PACED" 'BEGIN { d = c * 1000 / rate; printf "%d", (d < 1 ? 1 : d + 0.5) }'
}

# The JIT needs many claims before Orion's claim path is compiled, and on 2 cores its compiler threads compete with
# the load: in a profile taken after two 10 s warm-up runs, the C2 compiler threads still used over a third of Orion's
# CPU time during the measured runs. So the warm-up goes on, round after round (one run of each variant, not
# reported), until Orion's CPU time per claim (its compiler threads included) stops falling by more than 5 %, for at
# least two and at most eight rounds.
warm_up() {
  local round previous="" current saved=$SECONDS_PER_RUN
  SECONDS_PER_RUN=$WARMUP_SECONDS
  WARMING_UP=1
  for round in 1 2 3 4 5 6 7 8; do
    log "warming up Orion (JIT), round $round; not reported"
    measure_cpu warmup run_orion "warmup_$round" 0 0
    reset_claims
    run_orion "warmup_idempotent_$round" 1 0
    current="$(field "$CPU_warmup" 1)"
    log "warm-up round $round: Orion used $current µs of CPU per claim"
    if [[ -n "$previous" ]] && awk -v c="$current" -v p="$previous" 'BEGIN { exit !(c > 0.95 * p) }'; then
      SECONDS_PER_RUN=$saved
      WARMING_UP=0
      return
    fi
    previous="$current"
  done
  SECONDS_PER_RUN=$saved
  WARMING_UP=0
  log "warning: Orion's CPU per claim was still falling after the last warm-up round"
}

report() {
  echo
  machine
  echo "wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'), $(pgbench --version); PostgreSQL $(sql -c 'show server_version')" \
    "(embedded: fsync off, synchronous_commit off, for both sides)"
  echo "runs: ${SECONDS_PER_RUN}s each, median of $REPEATS, alternating; wrk -t2 -c$CONNECTIONS (paced: -c$CONNECTIONS_PACED);" \
    "pgbench -M prepared -c$POOL -j2 (Orion's pool: $POOL connections); all on loopback"
  if [[ "${BENCH_KEEP_CLUSTERS:-0}" == 1 ]]; then
    echo "clusters kept from run to run (BENCH_KEEP_CLUSTERS=1): $(sql -c "select count(*) from clusters") at the end"
  else
    echo "every run starts from an empty region (the benchmark's clusters removed in between); the largest run added" \
      "$MOST_CLAIMS claims"
  fi
  echo "statements per claim (pg_stat_statements, BEGIN/COMMIT included): Orion $STATEMENTS_orion ($STATEMENTS_orion_idempotent" \
    "with Idempotency-Key; its outbox relay's included), pgbench $STATEMENTS_pgbench ($STATEMENTS_pgbench_idempotent)"
  echo
  printf '%-52s %12s %10s %10s %22s\n' "run" "claims/s" "p50 ms" "p99 ms" "CPU µs/claim: Orion+PG"
  local name label
  for name in orion pgbench orion_idempotent pgbench_idempotent paced; do
    case $name in
      orion) label="(a) Orion, no Idempotency-Key" ;;
      pgbench) label="(b) pgbench, same statements, one transaction" ;;
      orion_idempotent) label="(c) Orion, unique Idempotency-Key" ;;
      pgbench_idempotent) label="(d) pgbench, with the idempotency row" ;;
      paced) label="(e) Orion, no key, paced at ~half of (a)" ;;
    esac
    local r="RESULT_$name"
    local c="CPU_$name"
    printf '%-52s %12.0f %10.2f %10.2f %22s\n' "$label" "$(field "${!r}" 1)" "$(field "${!r}" 2)" "$(field "${!r}" 3)" \
      "$(field "${!c}" 1) + $(field "${!c}" 2)"
  done
  echo
  echo "Orion resident memory: $RSS_IDLE MiB at idle, $RSS_LOADED MiB right after the load"
  echo
  local plain idempotent
  plain="$(ratio "$(field "$RESULT_orion" 1)" "$(field "$RESULT_pgbench" 1)")"
  idempotent="$(ratio "$(field "$RESULT_orion_idempotent" 1)" "$(field "$RESULT_pgbench_idempotent" 1)")"
  printf '%-56s %10s %10s  %s\n' "target" "measured" "target" "verdict"
  printf '%-56s %10s %10s  %s (aim 0.5)\n' "Orion / pgbench, no Idempotency-Key (a / b)" "$plain" ">= 0.3" \
    "$(verdict "$plain" ">=" 0.3)"
  printf '%-56s %10s %10s  %s (aim 0.5)\n' "Orion / pgbench, with Idempotency-Key (c / d)" "$idempotent" ">= 0.3" \
    "$(verdict "$idempotent" ">=" 0.3)"
  printf '%-56s %7s ms %10s\n' "p99 of a claim at ~half of Orion's maximum rate (e)" "$(field "$RESULT_paced" 3)" "(reported)"
  echo
  echo "Shared 2-core machines are noisy: compare the ratios of one run, and repeat a run before believing a verdict."
}

main() {
  require_tools
  find_java
  reactor_build local-control-plane
  log "work directory: $WORK"
  start_fixture
  pgbench_variables
  sleep 5
  RSS_IDLE="$(rss_mib "$ORION_PID")"

  log "counting the statements of $COUNTED_CLAIMS claims on each side"
  count_statements orion orion_claims plain
  count_statements orion_idempotent orion_claims idempotent key
  count_statements pgbench pgbench_claims 0
  count_statements pgbench_idempotent pgbench_claims 1

  warm_up
  local round

  # Alternating, so that what else the machine does, and the tables growing run after run, meet both sides alike.
  for round in $(seq "$REPEATS"); do
    measure_cpu "orion_$round" run_orion "orion_$round" 0 0
    measure_cpu "pgbench_$round" run_pgbench "pgbench_$round" 0
    measure_cpu "orion_idempotent_$round" run_orion "orion_idempotent_$round" 1 0
    measure_cpu "pgbench_idempotent_$round" run_pgbench "pgbench_idempotent_$round" 1
  done
  RSS_LOADED="$(rss_mib "$ORION_PID")"
  median_of orion
  median_of pgbench
  median_of orion_idempotent
  median_of pgbench_idempotent

  local half delay
  half="$(awk -v r="$(field "$RESULT_orion" 1)" 'BEGIN { printf "%d", r / 2 }')"
  ((half > 0)) || die "Orion's rate was too low to pace at half of it"
  delay="$(pacing_delay_ms "$half")"
  log "pacing at about $half claims/s ($CONNECTIONS_PACED connections, ${delay} ms pause each)"
  for round in $(seq "$REPEATS"); do
    measure_cpu "paced_$round" run_orion "paced_$round" 0 "$delay" "$CONNECTIONS_PACED"
  done
  median_of paced

  report
}

main "$@"
