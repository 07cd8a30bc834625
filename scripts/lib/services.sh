# Shared shell functions: a private PostgreSQL cluster (and later other services) for the run and
# test commands. Source this file; nothing here touches the system's own database cluster.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# Runs a command as the postgres OS user when we are root (PostgreSQL refuses to run as root).
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_start DATADIR PORT: creates the cluster on first use, starts it, and waits until it accepts
# connections. The unix socket lives in DATADIR/run; TCP is off. Prints nothing on success.
pg_start() {
    local data=$1 port=$2
    local run="$data/run"
    mkdir -p "$data"
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$data"
        chmod 700 "$data"
        # PostgreSQL runs as the postgres user, who must be able to reach the folder.
        if ! runuser -u postgres -- test -w "$data"; then
            echo "PostgreSQL runs as the 'postgres' user, who cannot reach $data: a parent" >&2
            echo "folder is not searchable by others (for example /root is mode 700)." >&2
            echo "Move the checkout to a folder such as /srv or /opt, or allow passing through" >&2
            echo "the parents: chmod o+x <each parent folder>." >&2
            return 1
        fi
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        as_pg_owner "$PG_BIN/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
            --no-sync >"$data.initdb.log" 2>&1 || { cat "$data.initdb.log" >&2; return 1; }
    fi
    as_pg_owner mkdir -p "$run"
    if as_pg_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        return 0
    fi
    as_pg_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/postgresql.log" -w -t 60 \
        -o "-p $port -k $run -c listen_addresses='' ${PG_EXTRA_OPTS:-}" start >/dev/null ||
        { tail -n 20 "$data/postgresql.log" >&2; return 1; }
}

# pg_stop DATADIR: fast shutdown (rolls back open transactions, keeps committed data).
pg_stop() {
    local data=$1
    [ -f "$data/PG_VERSION" ] || return 0
    as_pg_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_url DATADIR PORT DBNAME: the SHOP_DATABASE_URL for a database of that cluster.
pg_url() {
    echo "postgresql:///$3?host=$1/run&port=$2&user=postgres"
}

# pg_psql DATADIR PORT [psql args...]
pg_psql() {
    local data=$1 port=$2
    shift 2
    "$PG_BIN/psql" -h "$data/run" -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"
}
