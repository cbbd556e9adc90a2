# shellcheck shell=bash
# Helpers for the perfdhcp benchmark (sourced by run.sh). Everything the benchmark starts lives in
# network namespaces it creates itself (names carry this run's PID) and uses 198.18.0.0/15 only
# (RFC 2544 benchmarking space), so nothing here can answer on a real LAN.

PERF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRV_IP=198.18.0.1       # the server under test, inside its own namespace
RELAY_IP=198.18.0.2     # perfdhcp, acting as a relay agent (giaddr) in the client namespace
NETMASK_BITS=16

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FATAL: $*"; exit 2; }
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# make_pair SRV_NS CLI_NS: two namespaces joined by one veth (srv0 <-> cli0), server side
# 198.18.0.1/16, client side 198.18.0.2/16. TX checksum offload is turned off so every frame
# carries a real UDP checksum, as on a wire.
make_pair() {
  local s=$1 c=$2 ns
  for ns in "$s" "$c"; do
    ip netns add "$ns" || return 1
    nsx "$ns" ip link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  ip link add srv0 netns "$s" type veth peer name cli0 netns "$c" || return 1
  nsx "$s" ip addr add "$SRV_IP/$NETMASK_BITS" dev srv0
  nsx "$c" ip addr add "$RELAY_IP/$NETMASK_BITS" dev cli0
  for ns in "$s:srv0" "$c:cli0"; do
    nsx "${ns%%:*}" ip link set "${ns#*:}" up
    nsx "${ns%%:*}" ethtool -K "${ns#*:}" tx off >/dev/null 2>&1 || true
  done
  nsx "$c" ping -c1 -W2 "$SRV_IP" >/dev/null || { log "ping $c -> $s failed"; return 1; }
}

# kill_ns NS...: stop every process inside our namespaces (only ours live there), then delete them.
kill_ns() {
  local ns pids i
  for ns in "$@"; do
    ip netns list | grep -qw "^$ns" || continue
    for i in 1 2 3 4 5 6 7 8 9 10; do
      pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
      [ -n "${pids// /}" ] || break
      # shellcheck disable=SC2086
      if [ "$i" -lt 8 ]; then kill -TERM $pids 2>/dev/null; else kill -KILL $pids 2>/dev/null; fi
      sleep 0.5
    done
    ip netns del "$ns" 2>/dev/null || true
  done
}

# ns_cpu_ticks NS: utime+stime (clock ticks) of every process inside NS (the server and only it).
ns_cpu_ticks() {
  local p sum=0 t
  for p in $(ip netns pids "$1" 2>/dev/null); do
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat" 2>/dev/null) || continue
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}

# udp_rcvbuf_errors NS: datagrams the kernel dropped in NS because a UDP socket's buffer was full
# (tells a server that could not keep up from a generator that could not).
udp_rcvbuf_errors() {
  nsx "$1" awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) col[$i] = i; h = 1 } else { print $col["RcvbufErrors"]; exit } }' /proc/net/snmp
}

# wait_udp NS PORT SECONDS: wait until a socket in NS is bound to UDP PORT.
wait_udp() {
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    nsx "$1" ss -Hlun "sport = :$2" 2>/dev/null | grep -q . && return 0
    sleep 0.2
  done
  return 1
}

# start_watchdog DEADLINE_SECONDS NS...: a detached process that removes our namespaces if this
# script dies (even by SIGKILL) and stops it if it runs past the deadline. Prints its PID.
start_watchdog() {
  local secs=$1; shift
  setsid bash "$PERF_DIR/watchdog.sh" "$$" "$secs" "$@" </dev/null >/dev/null 2>&1 &
  echo $!
}

# With PIN=1 (run.sh --pin) the generator runs on the last CPU and every server on the others, so
# neither steals the other's core: perfdhcp is single-threaded and drops replies it has no CPU to
# read. Same placement for every server. Prints the taskset prefix (nothing when not pinning).
server_cpus() { [ "${PIN:-0}" = 1 ] && [ "$(nproc)" -ge 2 ] && echo "taskset -c 0-$(( $(nproc) - 2 ))"; }
generator_cpus() { [ "${PIN:-0}" = 1 ] && [ "$(nproc)" -ge 2 ] && echo "taskset -c $(( $(nproc) - 1 ))"; }

# ---- servers and steps; callers set: tag, out, dist, lease_time, kea_socket, clients ----
POOL_FIRST=198.18.1.0 POOL_LAST=198.18.255.250   # 65,275 addresses in 198.18.0.0/16
POOL_SIZE=65275
srv_ns() { echo "$tag-$1-s"; }
cli_ns() { echo "$tag-$1-c"; }

# launch_server NAME: start the server in its namespace, in the background, and return at once.
# Environment passed through to servers/*.sh: BENCH_KEEP=1 (restart on the previous run's files),
# BENCH_BIG_SUBNET=1 (also declare 10.0.0.0/12, data only), BENCH_PRELOAD (lease file / journal dir).
launch_server() {
  local s=$1 ns; ns=$(srv_ns "$1")
  local wd=/tmp/$tag/$s
  case $s in
    kea) setsid $(server_cpus) ip netns exec "$ns" "$PERF_DIR/servers/kea.sh" "$wd" "$lease_time" $POOL_FIRST $POOL_LAST "$kea_socket" \
           >> "$out/server-$s.log" 2>&1 < /dev/null & ;;
    leasehold) setsid $(server_cpus) ip netns exec "$ns" "$PERF_DIR/servers/leasehold.sh" "$wd" "$dist" "$lease_time" $POOL_FIRST $POOL_LAST \
           >> "$out/server-$s.log" 2>&1 < /dev/null & ;;
  esac
  disown $! 2>/dev/null
}

# start_server NAME: launch it and wait until it completes a DORA.
start_server() {
  local s=$1 ns; ns=$(srv_ns "$1")
  launch_server "$s"
  wait_udp "$ns" 67 120 || { tail -20 "$out/server-$s.log" >&2; save_logs "$s"; die "$s does not listen on udp/67"; }
  serving "$s" 60 || { cat "$out/probe-$s.txt" >&2; die "$s answers no relayed DORA"; }
}

# save_logs NAME: keep the server's own log files in OUT (its work folder goes with the namespaces).
save_logs() {
  [ -d "/tmp/$tag/$1/data/log" ] && cp -r "/tmp/$tag/$1/data/log" "$out/log-$1" 2>/dev/null
  return 0
}

# serving NAME SECONDS: probe with short perfdhcp runs until one DORA completes. perfdhcp's very
# first exchange goes out with xid 0 and never matches, so each probe asks for 3 and wants >= 1.
serving() {
  local s=$1 end=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    nsx "$(cli_ns "$s")" timeout 5 perfdhcp -4 -l $RELAY_IP -r 100 -n 3 -R 3 -W 300000 -d 0.3 \
      -b mac=02:00:00:00:ff:00 $SRV_IP > "$out/probe-$s.txt" 2>&1
    awk '/Statistics for: REQUEST-ACK/{s=1} s && /^received packets:/{exit !($3 > 0)}' "$out/probe-$s.txt" && return 0
    sleep 0.1
  done
  return 1
}

# stop_server NAME: SIGTERM everything in the server's namespace (SIGKILL after 5 s); keeps the namespace.
stop_server() {
  local ns pids i; ns=$(srv_ns "$1")
  for i in $(seq 12); do
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    [ -n "${pids// /}" ] || return 0
    # shellcheck disable=SC2086
    if [ "$i" -le 10 ]; then kill -TERM $pids 2>/dev/null; else kill -KILL $pids 2>/dev/null; fi
    sleep 0.5
  done
}

# step NAME PHASE RATE SECONDS [ts|wire|ts+wire] -> appends one CSV row, prints it.
# The p50/p99 columns come from one of two sources, and are NA without either:
#   ts    perfdhcp keeps and prints every exchange's timestamps (-x t). That bookkeeping costs the
#         generator about half its rate on a 2-core machine (pinned alone on a core it cannot send
#         much above 11,000 DORA/s with it, 20,000-22,000 without), and its delay in reading replies
#         counts in the latency.
#   wire  tcpdump on the generator's interface (kernel timestamps, only the first 300 bytes of each
#         frame), paired by transaction id (WireLatency.java): the latency as the wire sees it,
#         whatever the generator is doing. The capture is deleted once read.
# ts+wire takes both (the row gets the wire's; the capture log keeps perfdhcp's for comparison).
# Without either, perfdhcp's own mean and max delays are still reported. PERFDHCP_EXTRA: more
# perfdhcp arguments (ddns.sh: a host-name option).
HDR="server,phase,offered,duration_s,sent_s,acks_s,drop_pct,do_p50_ms,do_p99_ms,ra_p50_ms,ra_p99_ms,ra_max_ms,cpu_pct,cpu_us_per_dora,load1,srv_rcvbuf_drops,gen_rcvbuf_drops,do_avg_ms,ra_avg_ms"
step() {
  local s=$1 phase=$2 r=$3 d=$4 mode=${5:-} xt="" sns cns f c0 c1 t0 t1 sb0 sb1 cb0 cb1 cap="" tcpd="" do_lat ra_lat ra_max="" w i
  [[ "$mode" == *ts* ]] && xt="-x t"
  sns=$(srv_ns "$s"); cns=$(cli_ns "$s"); f="$out/perfdhcp-$s-$phase-$r.txt"
  sleep 2   # let the previous step's stragglers drain
  if [[ "$mode" == *wire* ]]; then
    cap="$out/capture-$s-$phase-$r.pcap"
    # ip netns exec execs tcpdump: $! is tcpdump itself, which writes out its buffer on SIGINT
    ip netns exec "$cns" tcpdump -Z root -i cli0 -n -s 300 -B 32768 -w "$cap" udp port 67 2> "$cap.log" &
    tcpd=$!
    for i in $(seq 50); do grep -q "listening on" "$cap.log" 2>/dev/null && break; sleep 0.1; done
  fi
  sb0=$(udp_rcvbuf_errors "$sns"); cb0=$(udp_rcvbuf_errors "$cns")
  c0=$(ns_cpu_ticks "$sns"); t0=$(date +%s.%N)
  nsx "$cns" timeout $((d + 30)) $(generator_cpus) perfdhcp -4 -g single -l $RELAY_IP -r "$r" -R "$clients" -p "$d" -W 1000000 $xt \
    ${PERFDHCP_EXTRA:-} $SRV_IP > "$f" 2>&1
  c1=$(ns_cpu_ticks "$sns"); t1=$(date +%s.%N)
  sb1=$(udp_rcvbuf_errors "$sns"); cb1=$(udp_rcvbuf_errors "$cns")
  if [ -n "$tcpd" ]; then
    kill -INT "$tcpd" 2>/dev/null; wait "$tcpd" 2>/dev/null
    w=$(java "$PERF_DIR/WireLatency.java" "$cap" 2>>"$cap.log") || w="NA,NA,NA,NA,NA,0"
    echo "wire: $w (do_p50,do_p99,ra_p50,ra_p99,ra_max ms, exchanges)" >> "$cap.log"
    [ -n "$xt" ] && echo "perfdhcp -x t: $("$PERF_DIR/percentiles.sh" "$f" DISCOVER-OFFER),$("$PERF_DIR/percentiles.sh" "$f" REQUEST-ACK) (do_p50,do_p99,ra_p50,ra_p99 ms)" >> "$cap.log"
    rm -f "$cap"
    do_lat=$(cut -d, -f1,2 <<<"$w"); ra_lat=$(cut -d, -f3,4 <<<"$w"); ra_max=$(cut -d, -f5 <<<"$w")
  else
    do_lat=$("$PERF_DIR/percentiles.sh" "$f" DISCOVER-OFFER); ra_lat=$("$PERF_DIR/percentiles.sh" "$f" REQUEST-ACK)
  fi
  awk -v s="$s" -v sb=$((sb1 - sb0)) -v cb=$((cb1 - cb0)) -v ph="$phase" -v r="$r" -v d="$d" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" \
      -v tck="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v do_lat="$do_lat" -v ra_lat="$ra_lat" -v ra_max="$ra_max" \
      -f "$PERF_DIR/step.awk" "$f" \
    | tee -a "$out/steps.csv"
}


# ---- preloaded lease files (scale.sh, storm.sh); callers set: tag, dist, lease_time ----
# store_classpath: the api and core jars the distribution runs, else the reactor's compiled classes.
store_classpath() {
  local m2=~/.m2/repository sys=$dist/system/org/leasehold cp
  cp=$(ls "$sys"/org.leasehold.api/*/*.jar "$sys"/org.leasehold.core/*/*.jar 2>/dev/null | tr '\n' ':')
  if [ -z "$cp" ] || ! unzip -l "$sys"/org.leasehold.core/*/*.jar 2>/dev/null | grep -q JournalLeaseStore; then
    cp="$PERF_DIR/../../bundles/org.leasehold.api/target/classes:$PERF_DIR/../../bundles/org.leasehold.core/target/classes:"
  fi
  echo "${cp}$(ls "$m2"/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar)"
}

# lease_scale DIR COUNT RENEWALS: Leasehold's own lease store (one JVM, -Xmx512m) writes a journal of
# COUNT active leases in 10.0.0.0/12 to DIR, then RENEWALS renewals; prints its measurements.
lease_scale() {
  local cls=/tmp/$tag/cls cp; cp=$(store_classpath)
  mkdir -p "$cls"
  javac -d "$cls" -cp "$cp" "$PERF_DIR/scale/LeaseScale.java" || die "LeaseScale does not compile against $cp"
  java -Xmx512m -cp "$cls:$cp" LeaseScale "$1" "$2" "$3" "$lease_time"
}

# kea_csv FILE COUNT: a Kea 2.2 memfile with COUNT active leases in 10.0.0.0/12 (subnet id 2).
kea_csv() {
  awk -v n="$2" -v lt="$lease_time" -v now="$(date +%s)" 'BEGIN {
    print "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context"
    for (i = 0; i < n; i++) { a = 167772161 + i
      printf "%d.%d.%d.%d,02:10:%02x:%02x:%02x:%02x,,%d,%d,2,0,0,,0,\n", int(a / 16777216), int(a / 65536) % 256, int(a / 256) % 256, a % 256,
        int(i / 16777216) % 256, int(i / 65536) % 256, int(i / 256) % 256, i % 256, lt, now + lt } }' > "$1"
}
