#!/usr/bin/env bash
# Installs and starts a Docker engine and builds the local stand-in base images the tests need
# (no container registry is reachable on the build machines). See containers/README.md.
#
# Usage: containers/local-images.sh [engine|images|check|clean|all]...   (default: all = engine images)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/containers/local
OUT=${LOCAL_IMAGES_DIR:-$ROOT/target/containers}
# Debian's CLI, the one that matches Debian's engine (20.10, API 1.41); see README.md.
DOCKER=${DOCKER:-/usr/bin/docker}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
LABEL=org.dbaas.local.inputs

# the repository part of the names can be changed (for example to build a second set beside the first)
PREFIX=${LOCAL_IMAGES_PREFIX:-dbaas-local}
IMG_BASE=$PREFIX/debian:bookworm-minbase
IMG_JRE=$PREFIX/jre:25
IMG_PG=$PREFIX/postgres:15
IMG_KAFKA=$PREFIX/kafka:4.1.1
KAFKA_VERSION=4.1.1

export DEBIAN_FRONTEND=noninteractive
unset DOCKER_HOST
mkdir -p "$OUT"

log() { printf '[local-images] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
timed() {
  local s; s=$(now_ms)
  "$@"
  log "TIME $(( $(now_ms) - s )) ms: $*"
}

# ---------------------------------------------------------------------------------------------- engine
have_packages() {
  [ -x /usr/bin/docker ] && command -v dockerd >/dev/null && command -v docker-compose >/dev/null \
    && command -v debootstrap >/dev/null
}

install_packages() {
  have_packages && return 0
  [ "$(id -u)" = 0 ] || die "installing packages needs root"
  local pkgs=(docker.io docker-compose debootstrap)
  log "apt-get install ${pkgs[*]}"
  if ! apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >"$OUT/apt.log" 2>&1; then
    # stale or missing package lists; some extra sources may be unreachable, which apt only warns about
    apt-get update -qq >>"$OUT/apt.log" 2>&1 || true
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >>"$OUT/apt.log" 2>&1 \
      || { tail -20 "$OUT/apt.log" >&2; die "apt-get install failed (log: $OUT/apt.log)"; }
  fi
}

engine() {
  install_packages
  if "$DOCKER" info >/dev/null 2>&1; then
    log "engine already running: $("$DOCKER" version --format '{{.Server.Version}}')"
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "starting dockerd needs root"
  log "starting dockerd (no bridge, no iptables: containers use the host network)"
  # setsid: the engine outlives this script and whatever process group ran it
  setsid nohup dockerd --host unix:///var/run/docker.sock --bridge=none --iptables=false \
    >"$OUT/dockerd.log" 2>&1 </dev/null &
  echo $! >"$OUT/dockerd.pid"
  local i
  for i in $(seq 1 120); do
    if "$DOCKER" info >/dev/null 2>&1; then
      log "engine up after $((i / 2)) s: $("$DOCKER" version --format 'server {{.Server.Version}} (API {{.Server.APIVersion}})')"
      return 0
    fi
    kill -0 "$(cat "$OUT/dockerd.pid")" 2>/dev/null || { tail -20 "$OUT/dockerd.log" >&2; die "dockerd exited"; }
    sleep 0.5
  done
  tail -20 "$OUT/dockerd.log" >&2
  die "dockerd did not answer within 60 s (log: $OUT/dockerd.log)"
}

clean() {
  local pidfile=$OUT/dockerd.pid pid i
  if [ ! -f "$pidfile" ]; then log "no dockerd started by this script"; return 0; fi
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping dockerd (pid $pid)"
    kill "$pid"
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "dockerd still running, sending SIGKILL"; kill -9 "$pid"; }
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------------------------------------- images
# Bump when the way the script assembles images changes (it is part of every image's input hash).
IMAGES_REVISION=1

sha() { sha256sum | cut -c1-16; }
# hash of every file under a directory (names and contents)
dir_hash() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha; }
image_id() { "$DOCKER" image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
image_label() { "$DOCKER" image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }

# stage <name>: a fresh build context under target/ from containers/local/<name>
stage() {
  local ctx=$OUT/build/$1
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp -a "$SRC/$1/." "$ctx/"
  echo "$ctx"
}

# build_image <tag> <input hash> <context> [docker build args...]: builds only when the label differs
build_image() {
  local tag=$1 hash=$2 ctx=$3; shift 3
  if [ "$(image_label "$tag")" = "$hash" ]; then
    log "$tag is up to date ($hash)"
    return 0
  fi
  log "building $tag ($hash)"
  local previous; previous=$(image_id "$tag")
  # Debian's engine has no BuildKit: the classic builder; no bridge, hence the host network
  DOCKER_BUILDKIT=0 "$DOCKER" build --network=host --label "$LABEL=$hash" -t "$tag" -f "$ctx/Containerfile" "$@" "$ctx" \
    >"$OUT/build-${tag//[\/:]/_}.log" 2>&1 \
    || { tail -30 "$OUT/build-${tag//[\/:]/_}.log" >&2; die "docker build of $tag failed (log: $OUT/build-${tag//[\/:]/_}.log)"; }
  log "built $tag: $("$DOCKER" image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
  # the image this one replaces, unless a container or another tag still uses it
  if [ -n "$previous" ] && [ "$previous" != "$(image_id "$tag")" ]; then
    "$DOCKER" rmi "$previous" >/dev/null 2>&1 || true
  fi
}

# Debian bookworm, debootstrap --variant=minbase, apt caches removed; the tarball is cached under target/
ROOTFS_TAR=$OUT/rootfs-bookworm-minbase.tar
rootfs() {
  [ -s "$ROOTFS_TAR" ] && [ -s "$ROOTFS_TAR.sha256" ] && return 0
  command -v debootstrap >/dev/null || die "debootstrap is missing: run '$0 engine' first"
  local dir=$OUT/rootfs.tmp
  rm -rf "$dir"
  log "debootstrap --variant=minbase $SUITE from $MIRROR"
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$dir" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 \
    || { tail -20 "$OUT/debootstrap.log" >&2; die "debootstrap failed (log: $OUT/debootstrap.log)"; }
  # what the slim Debian images do: no recommends, no docs or man pages from later installs
  cat >"$dir/etc/apt/apt.conf.d/90local-images" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
APT
  cat >"$dir/etc/dpkg/dpkg.cfg.d/90local-images-nodoc" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
DPKG
  cat >"$dir/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
SOURCES
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin "$dir"/var/lib/apt/lists/* \
    "$dir"/var/log/* "$dir"/usr/share/man/* "$dir"/usr/share/info/*
  find "$dir/usr/share/doc" -type f ! -name copyright -delete
  tar --numeric-owner -C "$dir" -cf "$ROOTFS_TAR.tmp" .
  rm -rf "$dir"
  sha256sum <"$ROOTFS_TAR.tmp" | sha >"$ROOTFS_TAR.sha256"
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  log "root filesystem: $(du -h "$ROOTFS_TAR" | cut -f1)"
}

base_image() {
  rootfs
  local hash; hash=$(cat "$ROOTFS_TAR.sha256")
  if [ "$(image_label "$IMG_BASE")" = "$hash" ]; then log "$IMG_BASE is up to date ($hash)"; return 0; fi
  log "importing $IMG_BASE"
  "$DOCKER" import --change "LABEL $LABEL=$hash" --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' \
    "$ROOTFS_TAR" "$IMG_BASE" >/dev/null
}

# the jlinked runtime, cached under target/ with the hash of its inputs
JRE_DIR=$OUT/jre-25
jre_runtime() {
  local java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} modules hash
  [ -x "$java_home/bin/jlink" ] || die "no jlink in JAVA_HOME=$java_home (needs a JDK 25)"
  "$java_home/bin/java" -version 2>&1 | grep -q 'version "25' || die "JAVA_HOME=$java_home is not a JDK 25"
  modules=$(grep -v '^\s*#' "$SRC/jre/modules.txt" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
  local opts=(--include-locales=en,en-US --strip-debug --no-man-pages --no-header-files --compress=zip-6)
  hash=$( { cat "$java_home/release"; echo "$modules ${opts[*]}"; echo "$IMAGES_REVISION"; } | sha)
  if [ -f "$JRE_DIR/.inputs" ] && [ "$(cat "$JRE_DIR/.inputs")" = "$hash" ]; then return 0; fi
  log "jlink $modules"
  rm -rf "$JRE_DIR"
  # Temurin 25 ships no jmods/: jlink links from the run-time image itself (JEP 493)
  "$java_home/bin/jlink" --add-modules "$modules" "${opts[@]}" --output "$JRE_DIR" >"$OUT/jlink.log" 2>&1 \
    || { cat "$OUT/jlink.log" >&2; die "jlink failed"; }
  echo "$hash" >"$JRE_DIR/.inputs"
  log "runtime: $(du -sh "$JRE_DIR" | cut -f1)"
}

JRE_TAR=$OUT/jre-25.tar
jre_image() {
  jre_runtime
  local ctx hash java_version
  java_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JRE_DIR/release")
  hash=$( { dir_hash "$SRC/jre"; cat "$JRE_DIR/.inputs"; image_id "$IMG_BASE"; echo "$IMAGES_REVISION"; } | sha)
  if [ "$(image_label "$IMG_JRE")" != "$hash" ]; then
    ctx=$(stage jre)
    cp -al "$JRE_DIR" "$ctx/jre" 2>/dev/null || cp -a "$JRE_DIR" "$ctx/jre"
    rm -f "$ctx/jre/.inputs"
    build_image "$IMG_JRE" "$hash" "$ctx" --build-arg "BASE_IMAGE=$IMG_BASE" --build-arg "JAVA_VERSION=jdk-$java_version"
  else
    log "$IMG_JRE is up to date ($hash)"
  fi
  # the tarball Jib builds from (tar://...), rewritten only when the image changed
  local id; id=$(image_id "$IMG_JRE")
  if [ ! -s "$JRE_TAR" ] || [ "$(cat "$JRE_TAR.id" 2>/dev/null)" != "$id" ]; then
    log "docker save $IMG_JRE -> $JRE_TAR"
    "$DOCKER" save -o "$JRE_TAR.tmp" "$IMG_JRE"
    chmod 644 "$JRE_TAR.tmp"; mv "$JRE_TAR.tmp" "$JRE_TAR"
    echo "$id" >"$JRE_TAR.id"
  fi
}

postgres_image() {
  base_image
  local hash
  hash=$( { dir_hash "$SRC/postgres"; image_id "$IMG_BASE"; echo "$IMAGES_REVISION"; } | sha)
  [ "$(image_label "$IMG_PG")" = "$hash" ] && { log "$IMG_PG is up to date ($hash)"; return 0; }
  build_image "$IMG_PG" "$hash" "$(stage postgres)" --build-arg "BASE_IMAGE=$IMG_BASE"
}

# Kafka's jars from Maven Central, copied by the project's Maven wrapper; cached under target/
KAFKA_LIBS=$OUT/kafka-libs
kafka_libs() {
  local pom=$SRC/kafka/kafka-libs.pom.xml hash
  hash=$(sha <"$pom")
  if [ -f "$KAFKA_LIBS/.inputs" ] && [ "$(cat "$KAFKA_LIBS/.inputs")" = "$hash" ]; then return 0; fi
  log "fetching the Kafka $KAFKA_VERSION jars with Maven"
  rm -rf "$KAFKA_LIBS"
  (
    export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    "$ROOT/mvnw" --batch-mode --no-transfer-progress -q -f "$pom" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"
  ) >"$OUT/kafka-libs.log" 2>&1 || { tail -30 "$OUT/kafka-libs.log" >&2; die "fetching the Kafka jars failed"; }
  [ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ] || die "no kafka_2.13-$KAFKA_VERSION.jar in $KAFKA_LIBS"
  echo "$hash" >"$KAFKA_LIBS/.inputs"
  log "Kafka jars: $(du -sh "$KAFKA_LIBS" | cut -f1)"
}

kafka_image() {
  jre_image
  kafka_libs
  local hash ctx
  hash=$( { dir_hash "$SRC/kafka"; image_id "$IMG_JRE"; echo "$IMAGES_REVISION"; } | sha)
  [ "$(image_label "$IMG_KAFKA")" = "$hash" ] && { log "$IMG_KAFKA is up to date ($hash)"; return 0; }
  ctx=$(stage kafka)
  mkdir -p "$ctx/libs"
  cp -al "$KAFKA_LIBS"/*.jar "$ctx/libs/" 2>/dev/null || cp -a "$KAFKA_LIBS"/*.jar "$ctx/libs/"
  build_image "$IMG_KAFKA" "$hash" "$ctx" --build-arg "BASE_IMAGE=$IMG_JRE"
}

images() {
  engine_ready
  timed base_image
  timed jre_image
  timed postgres_image
  timed kafka_image
  "$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep "^$PREFIX/" | sort >&2
}

engine_ready() { "$DOCKER" info >/dev/null 2>&1 || die "no Docker engine: run '$0 engine' first"; }

# ---------------------------------------------------------------------------------------------- check
# Starts each image the way a compose file written for the public image would (host network, loopback ports,
# configuration through command/env only) and checks the interface. Ports: CHECK_PG_PORT, CHECK_KAFKA_PORT,
# CHECK_KAFKA_CONTROLLER_PORT.
CHECK_PG_PORT=${CHECK_PG_PORT:-15432}
CHECK_KAFKA_PORT=${CHECK_KAFKA_PORT:-19092}
CHECK_KAFKA_CONTROLLER_PORT=${CHECK_KAFKA_CONTROLLER_PORT:-19093}
CHECK_PREFIX=local-images-check
CHECK_FAILURES=0

ok() { printf '[check] ok   %s\n' "$*" >&2; }
fail() { printf '[check] FAIL %s\n' "$*" >&2; CHECK_FAILURES=$((CHECK_FAILURES + 1)); }
# expect <description> <command...>
expect() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for <seconds> <command...>: prints how long it took
wait_for() {
  local limit=$1 start; shift
  start=$(now_ms)
  while ! "$@" >/dev/null 2>&1; do
    if [ $(( $(now_ms) - start )) -ge $((limit * 1000)) ]; then return 1; fi
    sleep 0.3
  done
  echo "$(( $(now_ms) - start )) ms"
}

check_rm() { "$DOCKER" rm -f -v "$@" >/dev/null 2>&1 || true; }

# timed_stop <container>: docker stop, then the time it took and the exit code
timed_stop() {
  local s; s=$(now_ms)
  "$DOCKER" stop -t 10 "$1" >/dev/null
  STOP_MS=$(( $(now_ms) - s ))
  STOP_CODE=$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$1")
}

check_postgres() {
  local c=$CHECK_PREFIX-postgres p=$CHECK_PG_PORT t
  local run=("$DOCKER" run -d --network=host -e POSTGRES_USER=orion -e POSTGRES_PASSWORD=s3cret -e POSTGRES_DB=oriondb)
  local sql=("$DOCKER" exec -e PGPASSWORD=s3cret "$c" psql -h 127.0.0.1 -p "$p" -U orion -d oriondb -v ON_ERROR_STOP=1 -tAc)
  check_rm "$c" "$c-nopw"
  port_free "$p" || { fail "postgres: port $p is in use"; return; }

  # without a password and without trust the official image refuses to initialise
  "$DOCKER" run --name "$c-nopw" --network=host "$IMG_PG" postgres -c port="$p" -c listen_addresses=127.0.0.1 \
    >"$OUT/check-postgres-nopw.log" 2>&1 && fail "postgres: started without POSTGRES_PASSWORD" \
    || { grep -q 'superuser password is not specified' "$OUT/check-postgres-nopw.log" \
         && ok "postgres: refuses to initialise without POSTGRES_PASSWORD" \
         || fail "postgres: no password, but not the expected error (see $OUT/check-postgres-nopw.log)"; }
  check_rm "$c-nopw"

  "${run[@]}" --name "$c" "$IMG_PG" postgres -c port="$p" -c listen_addresses=127.0.0.1 >/dev/null
  if t=$(wait_for 60 "$DOCKER" exec "$c" pg_isready -q -h 127.0.0.1 -p "$p" -U orion -d oriondb); then
    ok "postgres: first start (initdb) ready on 127.0.0.1:$p in $t"
  else
    fail "postgres: not ready within 60 s"; "$DOCKER" logs "$c" 2>&1 | tail -20 >&2; check_rm "$c"; return
  fi
  expect "postgres: psql as POSTGRES_USER into POSTGRES_DB with the password" \
    test "$("${sql[@]}" 'SELECT current_user || '"'/'"' || current_database()')" = orion/oriondb
  expect "postgres: a table written" "${sql[@]}" "CREATE TABLE kept(v text); INSERT INTO kept VALUES ('survives restart')"
  if "$DOCKER" exec -e PGPASSWORD=wrong "$c" psql -h 127.0.0.1 -p "$p" -U orion -d oriondb -tAc 'SELECT 1' \
       >"$OUT/check-postgres-wrongpw.log" 2>&1; then
    fail "postgres: a wrong password was accepted"
  else
    grep -q 'password authentication failed' "$OUT/check-postgres-wrongpw.log" \
      && ok "postgres: a wrong password is refused (scram-sha-256 over TCP, loopback included)" \
      || fail "postgres: wrong password, unexpected error (see $OUT/check-postgres-wrongpw.log)"
  fi
  expect "postgres: the server runs as uid 999" test "$("$DOCKER" exec "$c" stat -c %u /proc/1)" = 999
  expect "postgres: PGDATA is /var/lib/postgresql/data" "$DOCKER" exec "$c" test -s /var/lib/postgresql/data/PG_VERSION
  expect "postgres: listen_addresses='*' by default" \
    "$DOCKER" exec "$c" grep -q "^listen_addresses = '\*'" /var/lib/postgresql/data/postgresql.conf

  "$DOCKER" restart -t 10 "$c" >/dev/null
  if t=$(wait_for 60 "$DOCKER" exec "$c" pg_isready -q -h 127.0.0.1 -p "$p"); then
    ok "postgres: ready again after docker restart in $t"
  else
    fail "postgres: not ready after restart"
  fi
  expect "postgres: the data survived the restart" test "$("${sql[@]}" 'SELECT v FROM kept')" = 'survives restart'
  expect "postgres: no second initdb on restart" \
    test "$("$DOCKER" logs "$c" 2>&1 | grep -c 'init process complete')" = 1

  timed_stop "$c"
  if [ "$STOP_MS" -lt 10000 ] && [ "$STOP_CODE" = 0 ]; then
    ok "postgres: docker stop in $STOP_MS ms, exit code 0 (SIGINT: fast shutdown)"
  else
    fail "postgres: docker stop took $STOP_MS ms, exit code $STOP_CODE"
  fi
  check_rm "$c"
}

# kafka_ready <container> <bootstrap> <starts>: the log shows the nth start and kafka-broker-api-versions.sh answers
# (the tool itself takes seconds to give up on a broker that is not there yet, hence the log first)
kafka_ready() {
  [ "$("$DOCKER" logs "$1" 2>&1 | grep -c 'Kafka Server started')" -ge "$3" ] &&
    "$DOCKER" exec "$1" /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$2"
}

check_kafka() {
  local c=$CHECK_PREFIX-kafka p=$CHECK_KAFKA_PORT cp=$CHECK_KAFKA_CONTROLLER_PORT t topic=local-images-check
  local bs=127.0.0.1:$p
  check_rm "$c"
  port_free "$p" || { fail "kafka: port $p is in use"; return; }
  port_free "$cp" || { fail "kafka: port $cp is in use"; return; }

  # configured through KAFKA_* variables only, like a compose file for apache/kafka
  "$DOCKER" run -d --name "$c" --network=host \
    -e CLUSTER_ID=4L6g3nShT-eMCtK--YY8sw \
    -e KAFKA_NODE_ID=1 \
    -e KAFKA_PROCESS_ROLES=broker,controller \
    -e KAFKA_LISTENERS="PLAINTEXT://127.0.0.1:$p,CONTROLLER://127.0.0.1:$cp" \
    -e KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://127.0.0.1:$p" \
    -e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER \
    -e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT \
    -e KAFKA_CONTROLLER_QUORUM_VOTERS="1@127.0.0.1:$cp" \
    -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 \
    -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
    -e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 \
    -e KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR=1 \
    -e KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR=1 \
    -e KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0 \
    -e KAFKA_NUM_PARTITIONS=3 \
    "$IMG_KAFKA" >/dev/null
  if t=$(wait_for 90 kafka_ready "$c" "$bs" 1); then
    ok "kafka: first start (format) answers kafka-broker-api-versions.sh on $bs in $t"
  else
    fail "kafka: not ready within 90 s"; "$DOCKER" logs "$c" 2>&1 | tail -30 >&2; check_rm "$c"; return
  fi
  expect "kafka: KAFKA_CONTROLLER_QUORUM_VOTERS became controller.quorum.voters" \
    "$DOCKER" exec "$c" grep -qx "controller.quorum.voters=1@127.0.0.1:$cp" /opt/kafka/config/server.properties
  expect "kafka: KAFKA_NUM_PARTITIONS became num.partitions" \
    "$DOCKER" exec "$c" grep -qx "num.partitions=3" /opt/kafka/config/server.properties
  expect "kafka: the broker runs as uid 1000 (appuser)" test "$("$DOCKER" exec "$c" stat -c %u /proc/1)" = 1000
  expect "kafka: the cluster id is CLUSTER_ID" \
    "$DOCKER" exec "$c" grep -qx "cluster.id=4L6g3nShT-eMCtK--YY8sw" /var/lib/kafka/data/meta.properties
  expect "kafka: kafka-topics.sh --create" \
    "$DOCKER" exec "$c" /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bs" --create --topic "$topic" --partitions 1
  expect "kafka: a record produced with kafka-console-producer.sh" \
    bash -c "echo kept-record | '$DOCKER' exec -i '$c' /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server '$bs' --topic '$topic'"

  "$DOCKER" restart -t 10 "$c" >/dev/null
  if t=$(wait_for 90 kafka_ready "$c" "$bs" 2); then
    ok "kafka: ready again after docker restart in $t"
  else
    fail "kafka: not ready after restart"
  fi
  expect "kafka: storage formatted on the first start only" \
    test "$("$DOCKER" logs "$c" 2>&1 | grep -c '===> Formatting')" = 1
  expect "kafka: the topic survived the restart" \
    bash -c "'$DOCKER' exec '$c' /opt/kafka/bin/kafka-topics.sh --bootstrap-server '$bs' --list | grep -qx '$topic'"
  expect "kafka: the record survived the restart" \
    bash -c "'$DOCKER' exec '$c' /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server '$bs' --topic '$topic' \
      --from-beginning --max-messages 1 --timeout-ms 30000 2>/dev/null | grep -qx kept-record"

  timed_stop "$c"
  if [ "$STOP_MS" -lt 10000 ] && { [ "$STOP_CODE" = 0 ] || [ "$STOP_CODE" = 143 ]; } \
     && "$DOCKER" logs "$c" 2>&1 | tail -5 | grep -Eq 'App info kafka.server for [0-9]+ unregistered'; then
    ok "kafka: docker stop in $STOP_MS ms, exit code $STOP_CODE after a controlled shutdown"
  else
    fail "kafka: docker stop took $STOP_MS ms, exit code $STOP_CODE"
  fi
  check_rm "$c"
}

check_jre() {
  expect "jre: java on PATH is /opt/java/openjdk/bin/java, JAVA_HOME=/opt/java/openjdk" \
    test "$("$DOCKER" run --rm --network=host "$IMG_JRE" bash -c 'echo $(command -v java) $JAVA_HOME')" \
      = "/opt/java/openjdk/bin/java /opt/java/openjdk"
  expect "jre: Java 25 with CDS" bash -c "'$DOCKER' run --rm --network=host '$IMG_JRE' java -Xshare:on -version 2>&1 | grep -q 'version \"25'"
  expect "jre: TLS trust store and a TLS context" \
    "$DOCKER" run --rm --network=host "$IMG_JRE" java -Djavax.net.debug= -XshowSettings:security:tls -version
  expect "jre: $JRE_TAR loads as a docker save tarball" tar -tf "$JRE_TAR" manifest.json
}

check() {
  engine_ready
  local img
  for img in "$IMG_JRE" "$IMG_PG" "$IMG_KAFKA"; do
    [ -n "$(image_id "$img")" ] || die "$img is missing: run '$0 images' first"
  done
  trap 'check_rm $CHECK_PREFIX-postgres $CHECK_PREFIX-postgres-nopw $CHECK_PREFIX-kafka' EXIT
  timed check_jre
  timed check_postgres
  timed check_kafka
  if [ "$CHECK_FAILURES" -gt 0 ]; then die "$CHECK_FAILURES check(s) failed"; fi
  log "all checks passed"
}

all() { timed engine; timed images; }

main() {
  [ $# -gt 0 ] || set -- all
  local cmd
  for cmd in "$@"; do
    case $cmd in
      engine|images|check|clean|all) timed "$cmd" ;;
      # single steps, for working on one image: base_image jre_image postgres_image kafka_image ...
      *_image|rootfs|jre_runtime|kafka_libs) engine_ready; timed "$cmd" ;;
      *) die "unknown subcommand: $cmd (engine|images|check|clean|all)" ;;
    esac
  done
}

main "$@"
