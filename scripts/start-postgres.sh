#!/usr/bin/env bash
# Makes sure a PostgreSQL server runs on this machine for the tests, and prints its connection
# string. On a fresh Debian machine as root it installs the Debian package and starts the default
# cluster; elsewhere it expects a server and says what is missing.
set -euo pipefail

PGPORT="${SIGNUPEMAIL_TEST_PGPORT:-5432}"
PGUSER_NAME="signupemail"
PGPASSWORD_VALUE="signupemail-test"
PGDATABASE_NAME="signupemail_test"

log() { echo "[postgres] $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and this is not root: install the 'postgresql' package, or set SIGNUPEMAIL_TEST_POSTGRES."
    exit 1
  fi
  log "installing the Debian 'postgresql' package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main -p "$PGPORT" >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi

port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
as_postgres() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }

for _ in $(seq 1 50); do
  if as_postgres -c 'select 1' >/dev/null 2>&1; then break; fi
  sleep 0.2
done

if [ "$(as_postgres -c "select 1 from pg_roles where rolname = '$PGUSER_NAME'")" != "1" ]; then
  as_postgres -c "create role $PGUSER_NAME login createdb password '$PGPASSWORD_VALUE'" >&2
fi
# Tests drop their scratch databases WITH (FORCE), which must terminate every session in them,
# autovacuum workers included: only roles with pg_signal_backend may (else 42501, a flaky clean-up).
as_postgres -c "grant pg_signal_backend to $PGUSER_NAME" >&2
if [ "$(as_postgres -c "select 1 from pg_database where datname = '$PGDATABASE_NAME'")" != "1" ]; then
  as_postgres -c "create database $PGDATABASE_NAME owner $PGUSER_NAME" >&2
fi

echo "Host=127.0.0.1;Port=$port;Username=$PGUSER_NAME;Password=$PGPASSWORD_VALUE;Database=$PGDATABASE_NAME;Maximum Pool Size=50"
