#!/bin/sh
# pg.sh - a throwaway PostgreSQL server for tests: its own data directory, a Unix socket only.
#
#   pg.sh start DIR   initdb DIR/data (UTF8, locale C.UTF-8, trust auth) and start a server
#                     listening on DIR/.s.PGSQL.$PORT only; writes DIR/env and prints it.
#   pg.sh stop DIR    stop that server (fast shutdown) and wait for it; a no-op if not running.
#
# Use from a test:  D=$(mktemp -d /tmp/dccpg.XXXXXX); trap 'sh tests/pg/pg.sh stop "$D"; rm -rf "$D"' EXIT
#                   sh tests/pg/pg.sh start "$D" >/dev/null && . "$D/env" && psql -c 'select 1'
#
# Works as root on a fresh Debian machine after `apt-get install postgresql`: the Debian cluster
# is neither needed nor touched. initdb refuses to run as root, so as root the server runs as the
# `postgres` user (created by the package) and DIR is handed to it; as anyone else it runs as
# the caller. Settings trade durability for speed (fsync=off): the data is thrown away anyway.
set -eu

PORT=${DCC_PG_PORT:-54329} # only names the socket file: no TCP listener is opened

usage() { echo "usage: pg.sh start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
[ -d "$2" ] || { echo "pg.sh: $2: no such directory" >&2; exit 2; }
DIR=$(cd "$2" && pwd)
# The server user may not be able to enter the caller's directory (a checkout under /root).
cd "$DIR"

# The newest installed server's binaries (Debian keeps them off PATH).
find_bin() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
    b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$b" ] && [ -x "$b/initdb" ]; then echo "$b"; return; fi
    b=$(command -v initdb 2>/dev/null || true)
    if [ -n "$b" ]; then dirname "$b"; return; fi
    echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 3
}
BIN=$(find_bin)

# as_owner CMD...: run CMD as the user that owns the server.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "pg.sh: running as root needs a 'postgres' user" >&2; exit 3; }
    if command -v runuser >/dev/null 2>&1; then
        as_owner() { runuser -u postgres -- "$@"; }
    else
        as_owner() {
            q=""
            for w in "$@"; do q="$q '$(printf '%s' "$w" | sed "s/'/'\\\\''/g")'"; done
            su postgres -s /bin/sh -c "$q"
        }
    fi
else
    as_owner() { "$@"; }
fi

case $cmd in
start)
    # A socket path longer than sun_path (108 bytes) makes the server fail obscurely.
    sock="$DIR/.s.PGSQL.$PORT"
    [ ${#sock} -lt 100 ] || { echo "pg.sh: $DIR is too long for a Unix socket path; use mktemp -d /tmp/..." >&2; exit 2; }
    [ ! -e "$DIR/data/postmaster.pid" ] || { echo "pg.sh: a server already uses $DIR" >&2; exit 2; }
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$DIR"
        as_owner test -w "$DIR" -a -x "$DIR" ||
            { echo "pg.sh: user postgres cannot reach $DIR (a parent directory is not searchable)" >&2; exit 2; }
    fi
    # C.UTF-8 is built into glibc (Debian 12+), so no locale package is needed.
    if ! as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth=trust --no-sync >"$DIR/initdb.log" 2>&1; then
        cat "$DIR/initdb.log" >&2
        echo "pg.sh: initdb failed" >&2
        exit 1
    fi
    # listen_addresses='' : no TCP at all; the socket lives in DIR, readable only by whoever can
    # reach DIR (trust auth is safe only because of that).
    if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -s \
        -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -c port=$PORT \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
            -c shared_buffers=16MB -c max_connections=20 -c dynamic_shared_memory_type=mmap" \
        start; then
        cat "$DIR/server.log" >&2 || true
        echo "pg.sh: server did not start" >&2
        exit 1
    fi
    # psql and the other clients read these; PGUSER matters when the caller is root.
    printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=postgres\nPGDATABASE=postgres\nexport PGHOST PGPORT PGUSER PGDATABASE\n' \
        "$DIR" "$PORT" >"$DIR/env"
    [ "$(id -u)" = 0 ] && chmod 755 "$DIR" # root's clients connect through the socket too
    echo "pg.sh: server running ($("$BIN/postgres" --version)); to connect:"
    echo "  . $DIR/env    # or: PGHOST=$DIR PGPORT=$PORT PGUSER=postgres psql"
    ;;
stop)
    if [ -f "$DIR/data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 -s stop
    fi
    ;;
*) usage ;;
esac
