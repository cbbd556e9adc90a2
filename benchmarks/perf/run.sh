#!/bin/bash
# DHCPv4 throughput benchmark: Kea (memfile, persist=true) against Leasehold, in one run.
#
# Usage (root): benchmarks/perf/run.sh [--rates "250 500 750 ..."] [--duration 20]
#               [--servers "kea leasehold"] [--passes 1] [--clients 65000] [--warmup 20]
#               [--lease-time 3600] [--kea-socket udp|raw] [--dist DIR] [--out DIR] [--no-half]
#               [--no-durability] [--pin] [--timestamps] [--latency wire|ts|ts+wire]
#
# Each server gets its own pair of network namespaces joined by one veth: the server on
# 198.18.0.1/16, perfdhcp (Kea's load generator, Debian package kea-admin) on 198.18.0.2/16 acting
# as a relay agent (giaddr), so every DISCOVER/REQUEST is unicast and the server answers to
# 198.18.0.2:67. Both servers get the same subnet (198.18.0.0/16), pool (198.18.1.0-198.18.255.250,
# 65,275 addresses) and lease time. Both stay up for the whole run; the rate steps alternate between
# them (kea@r1, leasehold@r1, kea@r2, ...) so machine noise spreads over both alike.
#
# Per rate step: perfdhcp -4 -g single -l 198.18.0.2 -r RATE -R CLIENTS -p DURATION -W 1000000.
# Reported: DISCOVERs sent/s (did the generator keep up), ACKs/s, drops (DISCOVERs without their
# ACK), mean and max of DISCOVER->OFFER and REQUEST->ACK, server CPU (every process in the server's
# namespace), CPU per completed DORA and UDP receive-buffer drops on each side. A server stops
# stepping once it drops more than 10%.
# Then (unless --no-half) one latency step for each server at half of Leasehold's top rate, its
# p50/p99 taken on the wire (tcpdump on the generator's interface, kernel timestamps, paired by
# transaction id; --latency ts: perfdhcp's own per-exchange timestamps instead, ts+wire: both, the
# wire's in the table), and (unless --no-durability) a short run under `strace -c` counting
# fsync-family calls per ACK.
# --timestamps: take -x t in the rate steps too (p50/p99 at every step). It costs the generator about
# half its rate on a 2-core machine, which then caps what either server can show.
# Results: OUT/steps.csv, OUT/summary.md (default OUT=/tmp/leasehold-perf/<timestamp>).
# --pin: perfdhcp on the last CPU, every server on the others (taskset), for both servers alike.
# A benchmark, not a test: on a shared box only ratios measured within one run mean anything.
set -uo pipefail
ORIG_ARGS=("$@")
source "$(dirname "$0")/lib.sh"

rates="250 500 750 1000 1500 2000 3000 4000 5000 6000 8000 10000 12000 15000 20000" dur=20 servers="kea leasehold"
passes=1 clients=65000 warmup=20 lease_time=3600 kea_socket=udp half=1 durability=1 ts="" latency=wire
dist="$(cd "$PERF_DIR/../.." && pwd)/karaf-assembly/target/assembly"
out=/tmp/leasehold-perf/$(date +%Y%m%d-%H%M%S)

while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates=$2; shift 2;;
    --duration) dur=$2; shift 2;;
    --servers) servers=$2; shift 2;;
    --passes) passes=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --lease-time) lease_time=$2; shift 2;;
    --kea-socket) kea_socket=$2; shift 2;;
    --dist) dist=$2; shift 2;;
    --out) out=$2; shift 2;;
    --no-half) half=0; shift;;
    --no-durability) durability=0; shift;;
    --pin) PIN=1; shift;;
    --timestamps) ts=ts; shift;;
    --latency) latency=$2; shift 2;;
    -h|--help) sed -n '2,30p' "$0"; exit 0;;
    *) die "unknown argument $1 (see --help)";;
  esac
done
case $latency in wire|ts|ts+wire) ;; *) die "--latency takes wire, ts or ts+wire";; esac
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, port 67)"
for t in perfdhcp ip ss tcpdump java; do command -v $t >/dev/null || die "$t not found"; done
rates=$(tr ' ' '\n' <<<"$rates" | grep . | sort -n | tr '\n' ' ')
for s in $servers; do
  case $s in
    kea) command -v kea-dhcp4 >/dev/null || die "kea-dhcp4 not found (apt-get install kea-dhcp4-server)";;
    leasehold) [ -x "$dist/bin/karaf" ] || die "no distribution at $dist (mvn -B install -DskipTests)";;
    *) die "unknown server $s (kea, leasehold)";;
  esac
done
mkdir -p "$out"; out=$(cd "$out" && pwd)
echo "benchmarks/perf/run.sh$(printf ' %q' "${ORIG_ARGS[@]}")" > "$out/command.txt"
tag=lhb$$
all_ns=""; for s in $servers; do all_ns="$all_ns $(srv_ns "$s") $(cli_ns "$s")"; done

cleanup() {
  trap - EXIT INT TERM
  log "cleaning up namespaces:$all_ns"
  # shellcheck disable=SC2086
  kill_ns $all_ns
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null
  rm -rf "/tmp/$tag"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM
nsteps=$(( $(wc -w <<<"$rates") * passes + 2 ))
# shellcheck disable=SC2086
WATCHDOG=$(start_watchdog $(( 600 + nsteps * $(wc -w <<<"$servers") * (dur + 15) )) $all_ns)

machine() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- cores: $(nproc) x $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), RAM $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "- kernel: $(uname -sr)"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- kea: $(kea-dhcp4 -v 2>/dev/null) ($(dpkg-query -W -f '${Package} ${Version}' kea-dhcp4-server 2>/dev/null)), perfdhcp from $(dpkg-query -W -f '${Package} ${Version}' kea-admin 2>/dev/null)"
  echo "- leasehold: $(git -C "$PERF_DIR" log -1 --format='%h %s' 2>/dev/null | cut -c1-72)"
  echo "- lease files: $(df -T /tmp | awk 'NR==2{print $2" on "$1}')"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- CPU placement: $([ "${PIN:-0}" = 1 ] && echo "pinned: servers $(server_cpus), perfdhcp $(generator_cpus)" || echo "not pinned")"
}
machine > "$out/machine.md"
log "results in $out"

echo "$HDR" > "$out/steps.csv"
for s in $servers; do
  make_pair "$(srv_ns "$s")" "$(cli_ns "$s")" || die "namespace setup failed"
  log "starting $s"; start_server "$s"
done
first_rate=${rates%% *}
for s in $servers; do
  log "warm-up $s: ${warmup}s at $first_rate/s (not recorded)"
  [ "$warmup" -gt 0 ] && step "$s" warmup "$first_rate" "$warmup" >/dev/null
done
sed -i '/,warmup,/d' "$out/steps.csv"
echo "$HDR"
for ((p = 1; p <= passes; p++)); do
  active=" $servers "
  for r in $rates; do
    for s in $active; do
      row=$(step "$s" "pass$p" "$r" "$dur" $ts); echo "$row"
      drop=$(cut -d, -f7 <<<"$row")
      awk -v x="${drop:-100}" 'BEGIN{exit !(x > 10)}' && { log "$s drops ${drop}% at $r/s: no higher rates"; active=${active/ $s / }; }
    done
    [ -n "${active// /}" ] || break
  done
done

top_rate() {  # NAME -> highest offered rate with drops <= 1% (over all passes)
  awk -F, -v s="$1" '$1==s && $2 ~ /^pass/ && $7 <= 1 { if ($3 > m) m = $3 } END { print m+0 }' "$out/steps.csv"
}
if [ $half = 1 ] && [[ " $servers " == *" leasehold "* ]]; then
  h=$(( $(top_rate leasehold) / 2 ))
  if [ "$h" -gt 0 ]; then
    for s in $servers; do step "$s" half "$h" "$dur" "$latency"; done
  fi
fi
if [ $durability = 1 ]; then
  for s in $servers; do "$PERF_DIR/durability.sh" "$(srv_ns "$s")" "$(cli_ns "$s")" "$s" "$out" || log "durability check failed for $s"; done
fi
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.md"
"$PERF_DIR/summary.sh" "$out" > "$out/summary.md"
cat "$out/summary.md"
