# Shared shell functions: a private PostgreSQL cluster (and later other services) for the run and
# test commands. Source this file; nothing here touches the system's own database cluster.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# Runs a command as the postgres OS user when we are root (PostgreSQL refuses to run as root),
# from / because the current folder may be one that user cannot enter (a checkout under /root).
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# pg_cluster_dir DIR: prints the folder to keep a long-lived cluster in; DIR (such as var/pg in
# the checkout) unless we are root and the postgres user cannot pass through DIR's parents (a
# checkout under /root, which is mode 700). Then the cluster lives in
# /var/lib/shop-dev/<hash of DIR>/pg, owned by postgres, and DIR becomes a symbolic link to it, so
# the data stays with the checkout across runs and deleting DIR still starts over. A cluster
# already in DIR moves there. Says on stderr where the data is when it is not in DIR.
PG_SHARED_ROOT=${PG_SHARED_ROOT:-/var/lib/shop-dev}
pg_cluster_dir() {
    local want=$1
    if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$(dirname "$want")"; then
        if [ -L "$want" ]; then readlink -f "$want"; else echo "$want"; fi
        return 0
    fi
    if [ -L "$want" ]; then
        # An earlier run put the cluster outside the checkout.
        readlink -f "$want"
        return 0
    fi
    local home
    home="$PG_SHARED_ROOT/$(printf '%s' "$want" | sha256sum | cut -c1-16)"
    if [ -f "$want/PG_VERSION" ]; then
        # A cluster made while postgres could pass through (chmod o+x on the parents): keep it.
        [ -e "$home/pg" ] && { echo "both $want and $home/pg hold a cluster; delete one" >&2; return 1; }
        mkdir -p "$home"
        mv "$want" "$home/pg"
        echo "moved the PostgreSQL cluster from $want to $home/pg" >&2
    else
        if [ -d "$want" ]; then
            rmdir "$want" 2>/dev/null || { echo "$want is in the way: not a cluster, not empty" >&2; return 1; }
        fi
        if [ -e "$home/pg" ]; then
            # The link was deleted (var/ removed to start over): so is the old cluster.
            pg_stop "$home/pg"
            rm -rf "$home/pg" "$home/pg.initdb.log"
            echo "$want was deleted: starting over with a new cluster" >&2
        fi
        mkdir -p "$home"
    fi
    chmod 755 "$PG_SHARED_ROOT" "$home"
    printf '%s\n' "PostgreSQL cluster of the Shop checkout whose $want links here." \
        "Delete that link (or its var/ folder) and run scripts/run again to start over." >"$home/README"
    ln -sfn "$home/pg" "$want"
    echo "PostgreSQL keeps its data in $home/pg ($want links there): the 'postgres' user cannot" \
        "pass through the parents of $(dirname "$want")." >&2
    echo "$home/pg"
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
            echo "folder is not searchable by others (for example /root is mode 700). Pick the" >&2
            echo "folder with pg_cluster_dir, or a TMPDIR such as /tmp for the test services." >&2
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

# redis_start DIR PORT: a private redis-server with its files (pid, log, socket) in DIR, in the
# background, no persistence (a cache and rate-limit counters: nothing to keep). PORT 0: no TCP,
# only the unix socket DIR/redis.sock; otherwise 127.0.0.1:PORT. Waits until it answers PING.
redis_start() {
    local dir=$1 port=$2
    mkdir -p "$dir"
    redis_stop "$dir"
    local listen=(--port "$port" --bind 127.0.0.1)
    [ "$port" = 0 ] && listen=(--port 0 --unixsocket "$dir/redis.sock" --unixsocketperm 700)
    redis-server --daemonize yes --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
        --save '' --appendonly no "${listen[@]}" >/dev/null ||
        { tail -n 20 "$dir/redis.log" >&2 2>/dev/null; return 1; }
    local ping=(redis-cli -p "$port")
    [ "$port" = 0 ] && ping=(redis-cli -s "$dir/redis.sock")
    for _ in $(seq 1 100); do
        [ "$("${ping[@]}" ping 2>/dev/null)" = PONG ] && return 0
        sleep 0.1
    done
    echo "redis-server did not start; see $dir/redis.log" >&2
    return 1
}

# redis_stop DIR: stops the redis-server started by redis_start DIR (if it runs).
redis_stop() {
    local dir=$1 pid
    [ -f "$dir/redis.pid" ] || return 0
    pid=$(cat "$dir/redis.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$dir/redis.pid"
}

# redis_url DIR PORT: the SHOP_REDIS_URL of the server redis_start DIR PORT started.
redis_url() {
    if [ "$2" = 0 ]; then echo "unix://$1/redis.sock?db=0"; else echo "redis://127.0.0.1:$2/0"; fi
}
