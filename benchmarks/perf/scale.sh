#!/bin/bash
# Scale benchmark: many leases, a filling pool, a churning lease file, a restart.
#
# Usage (root): benchmarks/perf/scale.sh [--parts "store curve churn restart"] [--servers "kea leasehold"]
#               [--leases 1000000] [--store-churn 3000000] [--curve-rate 400] [--churn-rate 400]
#               [--churn-seconds 120] [--lease-time 3600] [--dist DIR] [--out DIR]
#
#   store   In one JVM with -Xmx512m, Leasehold's lease store (the class the server runs) takes
#           --leases ACTIVE leases: heap used after a full GC, journal size, reopen (replay) time,
#           then --store-churn renewals with the journal's size sampled (compaction bounds it).
#           Addresses 10.0.0.0/12 are data only: nothing is sent to them.
#   curve   Allocation cost while the 65,275-address pool fills from empty to 99%: chunks of 1% of
#           the pool, each a perfdhcp run of brand-new clients at --curve-rate; per chunk the
#           DISCOVER->OFFER and REQUEST->ACK percentiles and server CPU per DORA. Servers alternate
#           chunk by chunk, after a 20 s warm-up of renewals by 50 clients.
#   churn   Lease-file size under sustained churn: perfdhcp at --churn-rate for --churn-seconds with
#           65,000 clients (renewals and new leases), the lease file's size sampled every 10 s.
#   restart Restart-to-serving with --leases leases on file: the store part's journal for Leasehold,
#           a generated memfile CSV for Kea (both servers also declare 10.0.0.0/12 to hold them).
#           Time from exec to the first completed DORA on first start and on restart, the JVM's
#           heap used after GC (jcmd) and Kea's RSS. Also the same with no leases, for reference.
# Namespaces and addressing as run.sh (198.18.0.0/16, one namespace pair per server).
# Results: OUT/scale.md plus raw files (default OUT=/tmp/leasehold-perf/scale-<timestamp>).
set -uo pipefail
ORIG_ARGS=("$@")
source "$(dirname "$0")/lib.sh"

parts="store curve churn restart" servers="kea leasehold" leases=1000000 store_churn=3000000
curve_rate=400 churn_rate=400 churn_seconds=120 lease_time=3600 kea_socket=udp clients=65000
dist="$(cd "$PERF_DIR/../.." && pwd)/karaf-assembly/target/assembly"
out=/tmp/leasehold-perf/scale-$(date +%Y%m%d-%H%M%S)
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts=$2; shift 2;;
    --servers) servers=$2; shift 2;;
    --leases) leases=$2; shift 2;;
    --store-churn) store_churn=$2; shift 2;;
    --curve-rate) curve_rate=$2; shift 2;;
    --churn-rate) churn_rate=$2; shift 2;;
    --churn-seconds) churn_seconds=$2; shift 2;;
    --lease-time) lease_time=$2; shift 2;;
    --dist) dist=$2; shift 2;;
    --out) out=$2; shift 2;;
    -h|--help) sed -n '2,23p' "$0"; exit 0;;
    *) die "unknown argument $1 (see --help)";;
  esac
done
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, port 67)"
mkdir -p "$out"; out=$(cd "$out" && pwd)
echo "benchmarks/perf/scale.sh$(printf ' %q' "${ORIG_ARGS[@]}")" > "$out/command.txt"
tag=lhs$$
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
WATCHDOG=$(start_watchdog 3600 $all_ns)
mkdir -p "/tmp/$tag"
log "results in $out"
for s in $servers; do make_pair "$(srv_ns "$s")" "$(cli_ns "$s")" || die "namespace setup failed"; done
report="$out/scale.md"; : > "$report"

# ---------------------------------------------------------------------------------------------
part_store() {
  log "store: $leases leases, $store_churn renewals, -Xmx512m"
  lease_scale "/tmp/$tag/journal" "$leases" "$store_churn" > "$out/store.txt" 2> "$out/store.err" \
    || log "LeaseScale failed: $(tail -3 "$out/store.err")"
  {
    echo "### Lease store with $leases active leases (one JVM, -Xmx512m)"
    echo
    echo '```'; cat "$out/store.txt"; echo '```'
    echo
  } >> "$report"
}

# ---------------------------------------------------------------------------------------------
part_curve() {
  local chunk=$((POOL_SIZE / 100)) i s f c0 c1 acks lat_do lat_ra
  declare -A cum
  echo "server,chunk,fill_pct,acks,do_p50_ms,do_p99_ms,ra_p50_ms,ra_p99_ms,cpu_us_per_dora" > "$out/curve.csv"
  for s in $servers; do stop_server "$s"; start_server "$s"; cum[$s]=0; done
  # warm-up without filling the pool: 20 s of renewals by 50 clients (a JVM compiles its hot path)
  for s in $servers; do
    nsx "$(cli_ns "$s")" timeout 60 perfdhcp -4 -g single -l $RELAY_IP -r "$curve_rate" -R 50 -p 20 -W 500000 \
      -b mac=02:30:00:00:00:00 $SRV_IP > "$out/curve-warmup-$s.txt" 2>&1
  done
  log "curve: 99 chunks of $chunk new clients at $curve_rate/s"
  for i in $(seq 1 99); do
    for s in $servers; do
      f="$out/curve-$s-$i.txt"
      c0=$(ns_cpu_ticks "$(srv_ns "$s")")
      nsx "$(cli_ns "$s")" timeout 60 perfdhcp -4 -g single -l $RELAY_IP -r "$curve_rate" -n "$chunk" -R 16000000 \
        -s $((i * 7919 + 17)) -b mac=02:20:00:00:00:00 -W 500000 -x t $SRV_IP > "$f" 2>&1
      c1=$(ns_cpu_ticks "$(srv_ns "$s")")
      acks=$(awk '/Statistics for: REQUEST-ACK/{s=1} s && /^received packets:/{print $3; exit}' "$f")
      cum[$s]=$(( ${cum[$s]} + ${acks:-0} ))
      lat_do=$("$PERF_DIR/percentiles.sh" "$f" DISCOVER-OFFER); lat_ra=$("$PERF_DIR/percentiles.sh" "$f" REQUEST-ACK)
      awk -v s="$s" -v i="$i" -v cum="${cum[$s]}" -v n="$POOL_SIZE" -v a="${acks:-0}" -v d="$lat_do" -v r="$lat_ra" \
          -v c="$((c1 - c0))" -v tck="$(getconf CLK_TCK)" \
          'BEGIN { printf "%s,%d,%.1f,%d,%s,%s,%s\n", s, i, 100 * cum / n, a, d, r, (a > 0 ? sprintf("%.0f", 1e6 * c / tck / a) : "NA") }' \
        >> "$out/curve.csv"
      rm -f "$f"
    done
  done
  {
    echo "### Allocation cost while the pool fills (65,275 addresses, chunks of $chunk new clients at $curve_rate/s)"
    echo
    echo "| server | fill % | D→O p50 / p99 ms | R→A p50 / p99 ms | CPU µs per DORA |"
    echo "|---|---:|---:|---:|---:|"
    awk -F, 'NR > 1 && ($2 == 1 || $2 % 10 == 0 || $2 == 99) { printf "| %s | %s | %s / %s | %s / %s | %s |\n", $1, $3, $5, $6, $7, $8, $9 }' "$out/curve.csv"
    echo
    echo "Flatness (mean of chunks 95-99 over mean of chunks 1-5):"
    echo
    for s in $servers; do
      awk -F, -v s="$s" '$1 == s && $2 <= 5 { a += $5; ac += $9; n++ } $1 == s && $2 >= 95 { b += $5; bc += $9; m++ }
        END { if (n && m) printf "- %s: D→O p50 %.2f×, CPU per DORA %.2f×\n", s, (b / m) / (a / n), (ac ? (bc / m) / (ac / n) : 0) }' "$out/curve.csv"
    done
    echo
  } >> "$report"
}

# ---------------------------------------------------------------------------------------------
lease_file_bytes() {  # NAME -> bytes of the server's lease file(s)
  case $1 in
    kea) cat /tmp/$tag/kea/kea-leases4.csv* 2>/dev/null | wc -c;;
    leasehold) cat /tmp/$tag/leasehold/data/leasehold/leases.journal* 2>/dev/null | wc -c;;
  esac
}
part_churn() {
  local s t pids=()
  echo "server,second,lease_file_bytes" > "$out/churn.csv"
  for s in $servers; do stop_server "$s"; start_server "$s"; done
  log "churn: ${churn_seconds}s at $churn_rate/s, $clients clients, both servers at once"
  for s in $servers; do
    nsx "$(cli_ns "$s")" timeout $((churn_seconds + 60)) perfdhcp -4 -g single -l $RELAY_IP -r "$churn_rate" \
      -R "$clients" -p "$churn_seconds" -W 1000000 $SRV_IP > "$out/churn-$s.txt" 2>&1 &
    pids+=($!)
  done
  for ((t = 0; t <= churn_seconds + 10; t += 10)); do
    for s in $servers; do echo "$s,$t,$(lease_file_bytes "$s")" >> "$out/churn.csv"; done
    sleep 10
  done
  wait "${pids[@]}"
  {
    echo "### Lease file under churn ($churn_rate DORA/s offered to each server at once for ${churn_seconds}s, $clients clients)"
    echo
    local mid=$(( churn_seconds / 20 * 10 ))
    echo "| server | ACKs | file bytes at ${mid} s | at end | bytes per ACK |"
    echo "|---|---:|---:|---:|---:|"
    for s in $servers; do
      local acks; acks=$(awk '/Statistics for: REQUEST-ACK/{s=1} s && /^received packets:/{print $3; exit}' "$out/churn-$s.txt")
      awk -F, -v s="$s" -v a="${acks:-0}" -v mid="$mid" '$1 == s && $2 == mid { m = $3 } $1 == s { e = $3 }
        END { printf "| %s | %d | %d | %d | %.0f |\n", s, a, m, e, (a ? e / a : 0) }' "$out/churn.csv"
    done
    echo
  } >> "$report"
}

# ---------------------------------------------------------------------------------------------
memory_of() {  # NAME -> heap used after GC (JVM, via jcmd) or RSS (anything else), in MiB
  local p pid=""; for p in $(ip netns pids "$(srv_ns "$1")"); do pid=$p; [ "$(cat /proc/$p/comm)" = java ] && break; done
  [ -n "$pid" ] || { echo NA; return; }
  if [ "$(cat /proc/$pid/comm)" = java ]; then
    jcmd "$pid" GC.run >/dev/null 2>&1
    jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "heap %d MiB\n", v / 1024; exit } }'
  else
    awk '/VmRSS/ { printf "RSS %d MiB\n", $2 / 1024 }' "/proc/$pid/status"
  fi
}
timed_start() {  # NAME -> seconds from launch to the first completed DORA (or "none")
  local t0 t1; t0=$(date +%s.%N)
  launch_server "$1"
  # probe only once the socket is bound (a cheap ss poll until then): every perfdhcp probe costs
  # a tenth of a second of CPU that a starting server on a small box would otherwise have
  if wait_udp "$(srv_ns "$1")" 67 300 && serving "$1" 300; then t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'; else echo none; fi
}
part_restart() {
  local s n first again mem
  [ -d "/tmp/$tag/journal" ] || { log "restart: no journal from the store part, running it"; part_store; }
  kea_csv "/tmp/$tag/kea-1m.csv" "$leases"
  {
    echo "### Start and restart to serving (seconds from exec to the first completed DORA)"
    echo
    echo "| server | leases on file | first start s | restart s | memory while serving |"
    echo "|---|---:|---:|---:|---:|"
  } >> "$report"
  for n in 0 "$leases"; do
    for s in $servers; do
      stop_server "$s"
      if [ "$n" = 0 ]; then unset BENCH_PRELOAD BENCH_BIG_SUBNET
      else
        export BENCH_BIG_SUBNET=1
        case $s in kea) export BENCH_PRELOAD=/tmp/$tag/kea-1m.csv;; leasehold) export BENCH_PRELOAD=/tmp/$tag/journal;; esac
      fi
      export BENCH_KEEP=0; first=$(timed_start "$s")
      mem=$(memory_of "$s")
      stop_server "$s"
      export BENCH_KEEP=1; again=$(timed_start "$s")
      log "restart: $s with $n leases: first start ${first}s, restart ${again}s, $mem"
      echo "| $s | $n | $first | $again | $mem |" >> "$report"
      unset BENCH_KEEP BENCH_PRELOAD BENCH_BIG_SUBNET
    done
  done
  echo >> "$report"
}

for p in $parts; do "part_$p"; done
{ echo "- command: \`$(cat "$out/command.txt")\`"; echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"; } >> "$report"
cat "$report"
