#!/usr/bin/env bash
# Installs the server packages into a clean Debian 12 chroot and starts the server as its systemd
# unit would, the way piuparts checks a package: mmdebstrap builds a minimal bookworm with
# PostgreSQL (from the Debian archive), then inside it
#   1. the cluster starts (socket only), shop-server and shop-sandbox install with apt: the
#      postinst must create the shop user, /etc/shop/shop-server.ini and the role and database;
#   2. the unit's ExecStartPre (migrate) and ExecStart (serve) run as its User, and the server must
#      answer /health/ready; shop-sandbox must answer --help;
#   3. shop-server is purged: its files go, the database and /etc/shop stay.
# Needs root and the Debian archive. Usage: install-in-chroot.sh BUILD_DIR [CACHE_DIR]
# CACHE_DIR keeps the downloaded .debs between runs (default BUILD_DIR/packaging-cache).
set -euo pipefail
build=$(cd "$1" && pwd)
cache=${2:-$build/packaging-cache}
[ "$(id -u)" = 0 ] || { echo "needs root (mmdebstrap, chroot)"; exit 1; }
command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing: scripts/install-deps installs it"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"

cpack --config "$build/CPackConfig.cmake" -B "$work/debs" -D CPACK_COMPONENTS_ALL="server;sandbox" \
    >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
ls "$work"/debs/shop-server_*.deb "$work"/debs/shop-sandbox_*.deb >/dev/null

port=$((20000 + RANDOM % 20000))
cat >"$work/inside.sh" <<INSIDE
#!/bin/sh
set -eu
say() { echo "--- \$*"; }
# Whatever happens, nothing may keep running in the chroot (mmdebstrap unmounts it afterwards).
stop_all() {
    start-stop-daemon --stop --quiet --pidfile /tmp/shop-server.pid --retry 10 2>/dev/null || true
    pg_ctlcluster 15 main stop 2>/dev/null || true
}
trap stop_all EXIT
say "PostgreSQL: socket only, so that nothing on the host's ports is touched"
echo "listen_addresses = ''" >>/etc/postgresql/15/main/postgresql.conf
pg_ctlcluster 15 main start
say "apt install shop-server shop-sandbox"
apt-get install -y --no-install-recommends /tmp/debs/shop-server_*.deb /tmp/debs/shop-sandbox_*.deb \
    >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
grep '^shop-server:' /tmp/apt.log
getent passwd shop >/dev/null || { echo "FAIL: no shop user"; exit 1; }
test -f /etc/shop/shop-server.ini || { echo "FAIL: no /etc/shop/shop-server.ini"; exit 1; }
[ "\$(stat -c '%U:%G %a' /etc/shop/shop-server.ini)" = "root:shop 640" ] ||
    { echo "FAIL: /etc/shop/shop-server.ini is \$(stat -c '%U:%G %a' /etc/shop/shop-server.ini)"; exit 1; }
runuser -u postgres -- psql -XtAc "SELECT datname FROM pg_database WHERE datname = 'shop'" | grep -qx shop ||
    { echo "FAIL: the postinst created no database"; exit 1; }
say "the unit's commands as its user"
unit=/usr/lib/systemd/system/shop-server.service
user=\$(sed -n 's/^User=//p' \$unit)
pre=\$(sed -n 's/^ExecStartPre=//p' \$unit)
start=\$(sed -n 's/^ExecStart=//p' \$unit)
runuser -u "\$user" -- \$pre
# As systemd would run ExecStart: in the background as the unit's user, stopped by its pid.
set -- \$start
program=\$1
shift
SHOP_HTTP_PORT=$port start-stop-daemon --start --background --chuid "\$user" \\
    --make-pidfile --pidfile /tmp/shop-server.pid --output /tmp/serve.log --exec "\$program" -- "\$@"
ready=
for i in \$(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/tmp/ready.json 2>/dev/null; then ready=1; break; fi
    sleep 0.2
done
[ -n "\$ready" ] || { cat /tmp/serve.log; echo "FAIL: the server did not become ready"; exit 1; }
cat /tmp/ready.json; echo
start-stop-daemon --stop --pidfile /tmp/shop-server.pid --retry 10
shop-sandbox --help >/dev/null || { echo "FAIL: shop-sandbox does not run"; exit 1; }
say "apt purge shop-server"
apt-get purge -y shop-server >/tmp/purge.log 2>&1 || { cat /tmp/purge.log; exit 1; }
test ! -e /usr/bin/shop-server || { echo "FAIL: /usr/bin/shop-server left behind"; exit 1; }
runuser -u postgres -- psql -XtAc "SELECT count(*) FROM pg_database WHERE datname = 'shop'" | grep -qx 1 ||
    { echo "FAIL: the purge dropped the database"; exit 1; }
say "ok"
INSIDE
chmod +x "$work/inside.sh"

# The chroot: bookworm with PostgreSQL and curl; the packages' own dependencies come with apt
# inside. The hooks copy the packages in, keep the apt cache, and run the checks.
mmdebstrap --variant=apt --include=postgresql,curl,ca-certificates \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
    --setup-hook="sync-in '$cache' /var/cache/apt/archives" \
    --essential-hook='echo "Binary::apt::APT::Keep-Downloaded-Packages \"true\";" >"$1/etc/apt/apt.conf.d/99keep"' \
    --customize-hook="copy-in '$work/debs' /tmp" \
    --customize-hook="copy-in '$work/inside.sh' /tmp" \
    --customize-hook='chroot "$1" /tmp/inside.sh' \
    --customize-hook="sync-out /var/cache/apt/archives '$cache'" \
    bookworm "$work/rootfs" http://deb.debian.org/debian 2>"$work/mmdebstrap.log" ||
    { tail -n 40 "$work/mmdebstrap.log"; echo "FAIL: the chroot install failed"; exit 1; }
grep -E '^(---|shop-server:|\{)' "$work/mmdebstrap.log" || true
echo "install in a clean bookworm chroot: ok"
