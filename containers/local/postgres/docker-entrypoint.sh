#!/usr/bin/env bash
# Entrypoint of dbaas-local/postgres:15, written for this project after the documented interface of the
# official postgres image: on the first start (empty $PGDATA) it runs initdb for POSTGRES_USER with
# POSTGRES_PASSWORD, creates POSTGRES_DB, runs /docker-entrypoint-initdb.d/*; then it runs postgres.
set -Eeuo pipefail

# VAR or VAR_FILE (the official image's Docker-secrets convention)
file_env() {
  local var=$1 file_var=${1}_FILE def=${2:-} val
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    echo >&2 "error: both $var and $file_var are set (but are exclusive)"; exit 1
  fi
  val=$def
  if [ -n "${!var:-}" ]; then val=${!var}; elif [ -n "${!file_var:-}" ]; then val=$(<"${!file_var}"); fi
  export "$var"="$val"
  unset "$file_var"
}

setup_env() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  export POSTGRES_HOST_AUTH_METHOD
  : "${PGDATA:=/var/lib/postgresql/data}"
  export PGDATA
  DATABASE_ALREADY_EXISTS=
  [ -s "$PGDATA/PG_VERSION" ] && DATABASE_ALREADY_EXISTS=true
  return 0
}

# as root: make the directories the server needs and hand them to the postgres user
create_dirs() {
  local user_id; user_id=$(id -u)
  mkdir -p "$PGDATA"
  chmod 00700 "$PGDATA" || :
  mkdir -p /var/run/postgresql || :
  chmod 03775 /var/run/postgresql || :
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
    mkdir -p "$POSTGRES_INITDB_WALDIR"
    [ "$user_id" = 0 ] && find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres '{}' +
    chmod 700 "$POSTGRES_INITDB_WALDIR"
  fi
  if [ "$user_id" = 0 ]; then
    find "$PGDATA" \! -user postgres -exec chown postgres '{}' +
    find /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
  fi
}

check_password() {
  [ -n "$DATABASE_ALREADY_EXISTS" ] && return 0
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    cat >&2 <<'MSG'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.
MSG
    exit 1
  fi
  if [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then
    echo >&2 "WARNING: POSTGRES_HOST_AUTH_METHOD=trust: every connection is allowed without a password."
  fi
}

init_database_dir() {
  local args=(--username="$POSTGRES_USER" --auth-local=trust) pwdir=
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    # TCP connections, loopback included, need the password (containers here share the host's network)
    pwdir=$(mktemp -d)
    (umask 077; printf '%s\n' "$POSTGRES_PASSWORD" >"$pwdir/pw")
    args+=(--auth-host="$POSTGRES_HOST_AUTH_METHOD" --pwfile="$pwdir/pw")
  else
    args+=(--auth-host=trust)
  fi
  [ -n "${POSTGRES_INITDB_WALDIR:-}" ] && args+=(--waldir="$POSTGRES_INITDB_WALDIR")
  # POSTGRES_INITDB_ARGS is a string of options, split like the shell would
  eval 'initdb "${args[@]}" '"${POSTGRES_INITDB_ARGS:-}"
  [ -z "$pwdir" ] || rm -rf "$pwdir"
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"
}

temp_server_start() {
  # only the Unix socket while the init scripts run
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start >/dev/null
}

temp_server_stop() { pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null; }

psql_init() { psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"; }

setup_db() {
  local exists
  exists=$(POSTGRES_DB= psql_init --dbname postgres --set db="$POSTGRES_DB" --tuples-only <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")
  if [ -z "$(echo "$exists" | tr -d '[:space:]')" ]; then
    psql_init --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";' >/dev/null
    echo "created database $POSTGRES_DB"
  fi
}

process_init_files() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then echo "running $f"; "$f"; else echo "sourcing $f"; . "$f"; fi ;;
      *.sql) echo "running $f"; psql_init --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | psql_init --dbname "$POSTGRES_DB" ;;
      *) echo "ignoring $f" ;;
    esac
  done
}

# true when the arguments only ask for help or a version: no initialisation then
want_help() {
  local arg
  for arg; do
    case "$arg" in -'?'|--help|--describe-config|-V|--version) return 0 ;; esac
  done
  return 1
}

main() {
  # "docker run image -c foo=bar" means "postgres -c foo=bar"
  if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi

  if [ "$1" = postgres ] && ! want_help "$@"; then
    setup_env
    create_dirs
    if [ "$(id -u)" = 0 ]; then
      # the official image uses gosu; setpriv (util-linux) does the same
      exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
    fi
    if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
      check_password
      init_database_dir
      export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
      temp_server_start
      setup_db
      process_init_files
      temp_server_stop
      unset PGPASSWORD
      echo
      echo 'PostgreSQL init process complete; ready for start up.'
      echo
    else
      echo
      echo 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
      echo
    fi
  fi
  exec "$@"
}

main "$@"
