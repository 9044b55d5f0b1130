#!/bin/sh
# Brings up the PostgreSQL that mitra-store's tests use, on a Debian machine
# with the `postgresql` package installed (this script installs nothing):
#
#   - starts cluster 15/main if it is not running (creating it first if the
#     package left none),
#   - creates the role `mitra` (password `mitra`, may create databases) and
#     the database `mitra_test` owned by it, if they are missing.
#
# Idempotent: run it as often as you like, as root (the server runs as the
# `postgres` user) or as `postgres` itself. Afterwards the tests reach the
# database at the default URL of `mitra_store::testing`:
#
#   postgres://mitra:mitra@127.0.0.1:5432/mitra_test
#
# (set MITRA_TEST_POSTGRES to use another one). Usage:
#
#   crates/mitra-store/tests/postgres-up.sh && cargo test -p mitra-store
#
# PG_VERSION and PG_CLUSTER choose another cluster (default 15 and main).
set -eu

version=${PG_VERSION:-15}
cluster=${PG_CLUSTER:-main}

# Runs a command as the `postgres` user.
as_postgres() {
    if [ "$(id -un)" = postgres ]; then
        "$@"
    elif [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        echo "postgres-up.sh: run me as root or as postgres" >&2
        exit 1
    fi
}

if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    echo "postgres-up.sh: creating cluster $version/$cluster"
    pg_createcluster "$version" "$cluster"
fi

if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c && $4 ~ /online/ { up = 1 } END { exit !up }'; then
    echo "postgres-up.sh: starting cluster $version/$cluster"
    pg_ctlcluster "$version" "$cluster" start
fi

port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')
tries=0
until pg_isready -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 30 ]; then
        echo "postgres-up.sh: the server on port $port does not answer" >&2
        exit 1
    fi
    sleep 1
done

psql_postgres() {
    as_postgres psql -p "$port" -X -q -v ON_ERROR_STOP=1 "$@"
}

if [ "$(psql_postgres -tA -c "SELECT 1 FROM pg_roles WHERE rolname = 'mitra'")" != 1 ]; then
    echo "postgres-up.sh: creating role mitra"
    psql_postgres -c "CREATE ROLE mitra LOGIN PASSWORD 'mitra' CREATEDB"
fi

if [ "$(psql_postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = 'mitra_test'")" != 1 ]; then
    echo "postgres-up.sh: creating database mitra_test"
    as_postgres createdb -p "$port" -O mitra mitra_test
fi

echo "postgres-up.sh: PostgreSQL $version/$cluster is up on port $port; postgres://mitra:mitra@127.0.0.1:$port/mitra_test"
