#!/bin/bash
# Foreground Leasehold for the benchmark; run it INSIDE the server namespace.
# Usage: servers/leasehold.sh WORKDIR DISTRIBUTION LEASE_TIME POOL_FIRST POOL_LAST
# Copies the built distribution (karaf-assembly/target/assembly) to WORKDIR, points it at the
# namespace's address on the DHCP ports, writes a dhcpd.conf with the same subnet, pool and lease
# time as the Kea side, and execs `bin/karaf run` (KARAF_EXEC=exec: the JVM is this process).
# Environment: BENCH_KEEP=1 restarts the copy already in WORKDIR (same lease journal);
# BENCH_BIG_SUBNET=1 also declares subnet 10.0.0.0/12 (never on the wire, it only holds preloaded
# leases); BENCH_PRELOAD=DIR starts from that lease journal directory; JAVA_MAX_MEM as Karaf's;
# BENCH_DHCPD_PREPEND=FILE puts FILE's statements before the subnet (ddns.sh: DDNS on);
# BENCH_BOOT_FEATURES="f1 f2" boots those features too (ddns.sh: leasehold-ddns);
# BENCH_LISTEN=ADDRESS listens there instead of 198.18.0.1; BENCH_DHCPD_CONF=FILE is the dhcpd.conf,
# used as it is (pair.sh: a failover pair); BENCH_CORE_EXTRA="key = value" adds a line to
# etc/org.leasehold.core.cfg (e.g. shedDiscoversAfter = 0).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
wd=$1 dist=$2 lt=$3 first=$4 last=$5
case "$wd" in /tmp/*) ;; *) echo "workdir must be under /tmp" >&2; exit 2;; esac
if [ "${BENCH_KEEP:-0}" != 1 ] || [ ! -x "$wd/bin/karaf" ]; then
  [ -x "$dist/bin/karaf" ] || { echo "no distribution at $dist (build it: mvn -B -o install -DskipTests)" >&2; exit 2; }
  rm -rf "$wd"; mkdir -p "$wd"
  cp -a "$dist/." "$wd/"
  rm -rf "$wd/data"
  cat > "$wd/etc/org.leasehold.core.cfg" <<CFG
# Benchmark: the server namespace's address on the DHCP ports.
listen = ${BENCH_LISTEN:-198.18.0.1}
port = 67
clientPort = 68
configFile = etc/dhcpd.conf
leaseDir = ${BENCH_LEASE_DIR:-data/leasehold}
${BENCH_CORE_EXTRA:-}
CFG
  big=""
  [ "${BENCH_BIG_SUBNET:-0}" = 1 ] && big='subnet 10.0.0.0 netmask 255.240.0.0 { range 10.0.0.1 10.15.255.254; }'
  sed -e "s|@LEASE_TIME@|$lt|g" -e "s|@POOL_FIRST@|$first|g" -e "s|@POOL_LAST@|$last|g" \
      -e "s|@EXTRA_SUBNETS@|$big|g" "$here/conf/dhcpd.conf.in" > "$wd/etc/dhcpd.conf"
  [ -n "${BENCH_DHCPD_CONF:-}" ] && cp "$BENCH_DHCPD_CONF" "$wd/etc/dhcpd.conf"
  if [ -n "${BENCH_DHCPD_PREPEND:-}" ]; then
    cat "$BENCH_DHCPD_PREPEND" "$wd/etc/dhcpd.conf" > "$wd/etc/dhcpd.conf.new" && mv "$wd/etc/dhcpd.conf.new" "$wd/etc/dhcpd.conf"
  fi
  for f in ${BENCH_BOOT_FEATURES:-}; do
    awk -v f="$f" '{ print } /^    leasehold-core\// { print "    " f ", \\" }' "$wd/etc/org.apache.karaf.features.cfg" \
      > "$wd/etc/features.cfg.new" && mv "$wd/etc/features.cfg.new" "$wd/etc/org.apache.karaf.features.cfg"
  done
  if [ -n "${BENCH_PRELOAD:-}" ]; then mkdir -p "$wd/data/leasehold"; cp -a "$BENCH_PRELOAD/." "$wd/data/leasehold/"; fi
fi
export KARAF_EXEC=exec
cd "$wd"
exec bin/karaf run
