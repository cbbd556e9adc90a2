#!/bin/bash
# Foreground Kea DHCPv4 for the benchmark; run it INSIDE the server namespace.
# Usage: servers/kea.sh WORKDIR LEASE_TIME POOL_FIRST POOL_LAST [udp|raw]
# Memfile lease database with persist=true (every lease is appended to WORKDIR/kea-leases4.csv),
# single-threaded (Kea 2.2's default), logging at WARN so logging costs nothing.
# Environment: BENCH_KEEP=1 keeps WORKDIR (a restart on the previous lease file);
# BENCH_BIG_SUBNET=1 also declares subnet 10.0.0.0/12 (id 2; never on the wire, it only holds
# preloaded leases); BENCH_PRELOAD=FILE starts from that lease file; BENCH_KEA_CONF=FILE is the
# configuration, with @WORKDIR@ replaced (pair.sh: an HA peer).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
wd=$1 lt=$2 first=$3 last=$4 socket=${5:-udp}
case "$wd" in /tmp/*) ;; *) echo "workdir must be under /tmp" >&2; exit 2;; esac
if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$wd"; fi
mkdir -p "$wd"
[ -n "${BENCH_PRELOAD:-}" ] && cp "$BENCH_PRELOAD" "$wd/kea-leases4.csv"
big=""
[ "${BENCH_BIG_SUBNET:-0}" = 1 ] && big=',{ "id": 2, "subnet": "10.0.0.0/12", "pools": [ { "pool": "10.0.0.1 - 10.15.255.254" } ] }'
sed -e "s|@WORKDIR@|$wd|g" -e "s|@LEASE_TIME@|$lt|g" -e "s|@POOL_FIRST@|$first|g" \
    -e "s|@POOL_LAST@|$last|g" -e "s|@SOCKET@|$socket|g" -e "s|@EXTRA_SUBNETS@|$big|g" \
    "${BENCH_KEA_CONF:-$here/conf/kea-dhcp4.json.in}" > "$wd/kea-dhcp4.json"
export KEA_PIDFILE_DIR="$wd" KEA_LOCKFILE_DIR="$wd"
kea-dhcp4 -t "$wd/kea-dhcp4.json" >/dev/null || { echo "kea config test failed" >&2; exit 2; }
exec kea-dhcp4 -c "$wd/kea-dhcp4.json" -p 67
