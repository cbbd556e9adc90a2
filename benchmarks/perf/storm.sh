#!/bin/bash
# Restart storm: the load begins the moment a freshly started server's UDP socket binds, as when every
# client whose renewal failed during an outage retries at once. Not a test: nothing here asserts a time.
#
# Usage (root): benchmarks/perf/storm.sh [--servers "kea leasehold"] [--rate 6000] [--window 10]
#               [--leases "0 1000000"] [--clients 65000] [--lease-time 3600] [--pin] [--jfr]
#               [--dist DIR] [--out DIR]
#
# For each lease count and each server (alternating), the server is started fresh from exec with that
# many leases on file (a journal written by Leasehold's own store for Leasehold, a generated memfile for
# Kea, both in 10.0.0.0/12, which both servers also declare) and its namespace's UDP port 67 is polled
# every 20 ms; the moment it is bound, perfdhcp (as a relay, -g single) offers --rate DORA/s for
# --window seconds (the cold window), then again at once for another --window seconds (the warm window).
# Reported per window: completed DORA/s, drops (DISCOVERs sent that got no ACK), the server's socket
# drops, and seconds from exec to the bound socket. --jfr records the first 30 s of each Leasehold JVM
# with Java Flight Recorder (profile settings) into OUT for `jfr print` / `jfr summary`.
# Namespaces and addressing as run.sh (198.18.0.0/16, one namespace pair per server).
# Results: OUT/storm.md and OUT/storm.csv plus raw files (default OUT=/tmp/leasehold-perf/storm-<timestamp>).
set -uo pipefail
ORIG_ARGS=("$@")
source "$(dirname "$0")/lib.sh"

servers="kea leasehold" rate=6000 window=10 lease_counts="0 1000000" clients=65000 lease_time=3600
kea_socket=udp jfr=0 PIN=0
dist="$(cd "$PERF_DIR/../.." && pwd)/karaf-assembly/target/assembly"
out=/tmp/leasehold-perf/storm-$(date +%Y%m%d-%H%M%S)
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers=$2; shift 2;;
    --rate) rate=$2; shift 2;;
    --window) window=$2; shift 2;;
    --leases) lease_counts=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --lease-time) lease_time=$2; shift 2;;
    --pin) PIN=1; shift;;
    --jfr) jfr=1; shift;;
    --dist) dist=$2; shift 2;;
    --out) out=$2; shift 2;;
    -h|--help) sed -n '2,20p' "$0"; exit 0;;
    *) die "unknown argument $1 (see --help)";;
  esac
done
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, port 67)"
mkdir -p "$out"; out=$(cd "$out" && pwd)
echo "benchmarks/perf/storm.sh$(printf ' %q' "${ORIG_ARGS[@]}")" > "$out/command.txt"
tag=lht$$
all_ns=""; for s in $servers; do all_ns="$all_ns $(srv_ns "$s") $(cli_ns "$s")"; done
cleanup() {
  trap - EXIT INT TERM
  # shellcheck disable=SC2086
  kill_ns $all_ns
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null
  rm -rf "/tmp/$tag"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM
# shellcheck disable=SC2086
WATCHDOG=$(start_watchdog 5400 $all_ns)
mkdir -p "/tmp/$tag"
log "results in $out"
for s in $servers; do make_pair "$(srv_ns "$s")" "$(cli_ns "$s")" || die "namespace setup failed"; done

# bound_after NAME T0 -> seconds from T0 (date +%s.%N) until a socket in the server's namespace is bound
# to UDP 67, polled every 20 ms (or "none" after 300 s)
bound_after() {
  local ns i; ns=$(srv_ns "$1")
  for ((i = 0; i < 15000; i++)); do
    if nsx "$ns" ss -Hlun "sport = :67" 2>/dev/null | grep -q .; then
      awk -v a="$2" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; return 0
    fi
    sleep 0.02
  done
  echo none; return 1
}

# window NAME FILE -> "acks_per_s,drop_pct,server_socket_drops" for one perfdhcp run of --window seconds
window() {
  local s=$1 f=$2 sb0 sb1
  sb0=$(udp_rcvbuf_errors "$(srv_ns "$s")")
  nsx "$(cli_ns "$s")" timeout $((window + 30)) $(generator_cpus) perfdhcp -4 -g single -l $RELAY_IP -r "$rate" \
    -R "$clients" -p "$window" -W 1000000 $SRV_IP > "$f" 2>&1
  sb1=$(udp_rcvbuf_errors "$(srv_ns "$s")")
  awk -v d="$window" -v sb=$((sb1 - sb0)) '
    /^\*\*\*Statistics for: DISCOVER-OFFER/ { sec = "do" } /^\*\*\*Statistics for: REQUEST-ACK/ { sec = "ra" }
    /^sent packets:/ { sent[sec] = $3 } /^received packets:/ { recv[sec] = $3 }
    END { drop = sent["do"] > 0 ? 100 * (sent["do"] - recv["ra"]) / sent["do"] : 100; if (drop < 0) drop = 0
          printf "%.0f,%.2f,%d", recv["ra"] / d, drop, sb }' "$f"
}

echo "server,leases,bound_s,cold_acks_s,cold_drop_pct,cold_socket_drops,warm_acks_s,warm_drop_pct,warm_socket_drops" > "$out/storm.csv"
for n in $lease_counts; do
  if [ "$n" != 0 ]; then
    [ -d "/tmp/$tag/journal-$n" ] || { log "writing $n leases for Leasehold"; lease_scale "/tmp/$tag/journal-$n" "$n" 0 > "$out/store-$n.txt" 2>&1 || die "LeaseScale failed"; }
    [ -f "/tmp/$tag/kea-$n.csv" ] || { log "writing $n leases for Kea"; kea_csv "/tmp/$tag/kea-$n.csv" "$n"; }
  fi
  for s in $servers; do
    stop_server "$s"
    export BENCH_KEEP=0
    if [ "$n" = 0 ]; then unset BENCH_PRELOAD BENCH_BIG_SUBNET
    else
      export BENCH_BIG_SUBNET=1
      case $s in kea) export BENCH_PRELOAD=/tmp/$tag/kea-$n.csv;; leasehold) export BENCH_PRELOAD=/tmp/$tag/journal-$n;; esac
    fi
    if [ "$s" = leasehold ] && [ "$jfr" = 1 ]; then
      export EXTRA_JAVA_OPTS="-XX:StartFlightRecording=duration=30s,settings=profile,filename=$out/leasehold-$n.jfr"
    else unset EXTRA_JAVA_OPTS; fi
    t0=$(date +%s.%N)
    launch_server "$s"
    bound=$(bound_after "$s" "$t0") || { tail -20 "$out/server-$s.log" >&2; die "$s never bound udp/67"; }
    cold=$(window "$s" "$out/perfdhcp-$s-$n-cold.txt")
    warm=$(window "$s" "$out/perfdhcp-$s-$n-warm.txt")
    log "$s with $n leases: bound after ${bound}s; cold $cold; warm $warm (acks/s,drop%,socket drops)"
    echo "$s,$n,$bound,$cold,$warm" >> "$out/storm.csv"
    stop_server "$s"; save_logs "$s"
    unset BENCH_KEEP BENCH_PRELOAD BENCH_BIG_SUBNET EXTRA_JAVA_OPTS
  done
done

{
  echo "### Restart storm: $rate DORA/s offered from the moment UDP 67 binds, ${window} s windows"
  echo
  echo "| server | leases on file | socket bound after exec | first ${window} s: DORA/s, drops (socket drops) | next ${window} s |"
  echo "|---|---:|---:|---:|---:|"
  awk -F, 'NR > 1 { printf "| %s | %s | %s s | %s/s, %s%% (%s) | %s/s, %s%% (%s) |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$out/storm.csv"
  echo
  echo "- command: \`$(cat "$out/command.txt")\`"
  echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/storm.md"
cat "$out/storm.md"
