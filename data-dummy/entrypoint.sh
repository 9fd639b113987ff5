#!/bin/bash
# Prepares the embedded PostgreSQL the way Payram's image does, then hands PID 1 to supervisord.
set -Eeuo pipefail

readonly pgdata=/var/lib/payram/db/postgres
readonly socket_dir=/var/run/postgresql

fail() {
  echo "payram-entrypoint: $*" >&2
  exit 1
}

as_postgres() { runuser -u postgres -- "$@"; }

export POSTGRES_HOST="${POSTGRES_HOST:-localhost}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_DB="${POSTGRES_DB:-payram}"
export POSTGRES_USER="${POSTGRES_USER:-payram}"
export POSTGRES_SSLMODE="${POSTGRES_SSLMODE:-disable}"
[[ -n "${POSTGRES_PASSWORD:-}" ]] || fail 'POSTGRES_PASSWORD is required'
[[ "$POSTGRES_USER" != postgres ]] || fail 'POSTGRES_USER must not be the superuser "postgres"'

write_hba() {
  cat >"$pgdata/pg_hba.conf" <<'HBA'
# Trust only the superuser on the local socket (docker exec); everything else needs a password.
local   all   postgres                  trust
local   all   all                       scram-sha-256
host    all   all        127.0.0.1/32   scram-sha-256
host    all   all        ::1/128        scram-sha-256
HBA
}

# The password travels through the environment into psql's \getenv, never through argv; terse
# errors here and log_min_error_statement below keep the statement out of any log.
create_role_and_database() {
  as_postgres psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 \
    --host="$socket_dir" --username=postgres --dbname=postgres <<'SQL'
\set VERBOSITY terse
\getenv role POSTGRES_USER
\getenv password POSTGRES_PASSWORD
\getenv db POSTGRES_DB
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
SQL
}

start_local_server() {
  as_postgres pg_ctl --pgdata="$pgdata" --wait --silent \
    -o "-c listen_addresses='' -c unix_socket_directories=$socket_dir" \
    -o "-c log_min_error_statement=panic" start
}

# A half-initialised cluster would be taken for a real one on the next start: wipe it.
discard_failed_init() {
  as_postgres pg_ctl --pgdata="$pgdata" --mode=immediate stop >/dev/null 2>&1 || true
  find "$pgdata" -mindepth 1 -delete
  echo "payram-entrypoint: initialisation failed; $pgdata emptied again" >&2
}

init_cluster() {
  echo "payram-entrypoint: initialising PostgreSQL in $pgdata"
  trap discard_failed_init ERR
  as_postgres initdb --pgdata="$pgdata" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  write_hba
  start_local_server
  create_role_and_database
  as_postgres pg_ctl --pgdata="$pgdata" --wait --silent --mode=fast stop
  trap - ERR
}

mkdir -p "$pgdata" "$socket_dir"
if [[ ! -s "$pgdata/PG_VERSION" && -n "$(ls -A "$pgdata")" ]]; then
  fail "$pgdata holds files but no PostgreSQL cluster; refusing to touch it"
fi
chown -R postgres:postgres "$pgdata" "$socket_dir"
chmod 0700 "$pgdata"
[[ -s "$pgdata/PG_VERSION" ]] || init_cluster

exec supervisord --nodaemon --configuration /etc/supervisor/supervisord.conf
