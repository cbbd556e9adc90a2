#!/bin/bash
# Failover pair benchmark: a Leasehold pair (draft-12 failover, split 128, load balancing) against a
# Kea 2.2 pair (HA hook, load-balancing mode, memfile persist=true, HA+MT with its dedicated HTTP
# listener), in one run, same generator.
#
# Usage (root): benchmarks/perf/pair.sh [--rates "500 1000 2000 ..."] [--duration 20] [--clients 65000]
#               [--pairs "kea leasehold"] [--warmup 10] [--lease-time 3600] [--dist DIR] [--out DIR]
#
# Each pair gets its own LAN: a bridge namespace, two server namespaces (198.18.0.1 and 198.18.0.3
# on srv0) and a generator namespace (198.18.0.2 on cli0). perfdhcp runs as a directly attached
# client population (-B: broadcast flag), so every DISCOVER and REQUEST reaches both servers and
# each server answers the clients its hash buckets give it (RFC 3074 on both sides). Steps alternate
# between the pairs (kea@r1, leasehold@r1, kea@r2, ...). Reported per step as run.sh does, with CPU
# summed over both servers of the pair; after the run, each Leasehold server's binding-update counters
# (sent, acknowledged, unacked, queued: every ACK was fsynced locally before it left; the partner's
# acknowledgement is what these count).
# Results: OUT/steps.csv, OUT/summary.md, OUT/failover-*.txt (default OUT=/tmp/leasehold-perf/pair-<ts>).
# A benchmark, not a test: on a shared box only ratios measured within one run mean anything.
set -uo pipefail
ORIG_ARGS=("$@")
source "$(dirname "$0")/lib.sh"

rates="500 1000 2000 3000 4000 6000 8000 10000" dur=20 pairs="kea leasehold" clients=65000 warmup=10 lease_time=3600
dist="$(cd "$PERF_DIR/../.." && pwd)/karaf-assembly/target/assembly"
out=/tmp/leasehold-perf/pair-$(date +%Y%m%d-%H%M%S)
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates=$2; shift 2;;
    --duration) dur=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --pairs) pairs=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --lease-time) lease_time=$2; shift 2;;
    --dist) dist=$2; shift 2;;
    --out) out=$2; shift 2;;
    -h|--help) sed -n '2,20p' "$0"; exit 0;;
    *) die "unknown argument $1 (see --help)";;
  esac
done
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, port 67)"
for t in perfdhcp ip ss curl java; do command -v $t >/dev/null || die "$t not found"; done
HOOKS=$(dirname "$(find /usr/lib -name libdhcp_ha.so 2>/dev/null | head -1)")
for p in $pairs; do
  case $p in
    kea) [ -f "$HOOKS/libdhcp_ha.so" ] || die "Kea's HA hook not found (apt-get install kea-dhcp4-server)";;
    leasehold) [ -x "$dist/bin/karaf" ] || die "no distribution at $dist (mvn -B install -DskipTests)";;
    *) die "unknown pair $p (kea, leasehold)";;
  esac
done
mkdir -p "$out"; out=$(cd "$out" && pwd)
echo "benchmarks/perf/pair.sh$(printf ' %q' "${ORIG_ARGS[@]}")" > "$out/command.txt"
tag=lhp$$
A_IP=198.18.0.1 B_IP=198.18.0.3
ns_of() { echo "$tag-$1-$2"; }   # PAIR l|a|b|c
all_ns=""; for p in $pairs; do for x in l a b c; do all_ns="$all_ns $(ns_of "$p" $x)"; done; done
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
WATCHDOG=$(start_watchdog $(( 900 + $(wc -w <<<"$rates") * 2 * (dur + 15) )) $all_ns)

# make_lan PAIR: the bridge and three namespaces plugged into it.
make_lan() {
  local p=$1 l ns x
  l=$(ns_of "$p" l)
  for x in l a b c; do
    ns=$(ns_of "$p" $x); ip netns add "$ns" || return 1
    nsx "$ns" ip link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  nsx "$l" ip link add br0 type bridge stp_state 0 forward_delay 0; nsx "$l" ip link set br0 up
  for x in a:srv0:$A_IP b:srv0:$B_IP c:cli0:$RELAY_IP; do
    IFS=: read -r side ifn addr <<<"$x"; ns=$(ns_of "$p" "$side")
    ip link add "$ifn" netns "$ns" type veth peer name "p-$side" netns "$l" || return 1
    nsx "$l" ip link set "p-$side" master br0 up
    nsx "$ns" ip addr add "$addr/16" dev "$ifn"; nsx "$ns" ip link set "$ifn" up
    nsx "$ns" ethtool -K "$ifn" tx off >/dev/null 2>&1 || true
    nsx "$l" ethtool -K "p-$side" tx off >/dev/null 2>&1 || true
  done
}

leasehold_conf() {  # primary|secondary ME PEER
  local lb=""; [ "$1" = primary ] && lb=$'  mclt 3600;\n  split 128;'
  cat <<CONF
authoritative;
default-lease-time $lease_time;
max-lease-time $lease_time;
option domain-name "bench.leasehold.test";
failover peer "bench" {
  $1;
  address $2;
  port $([ "$1" = primary ] && echo 647 || echo 847);
  peer address $3;
  peer port $([ "$1" = primary ] && echo 847 || echo 647);
  max-response-delay 30;
  max-unacked-updates 100;
  load balance max seconds 3;
$lb
}
subnet 198.18.0.0 netmask 255.255.0.0 {
  option routers 198.18.0.1;
  pool {
    failover peer "bench";
    range $POOL_FIRST $POOL_LAST;
  }
}
CONF
}

start_side() {  # PAIR a|b
  local p=$1 side=$2 ns wd role me peer; ns=$(ns_of "$p" "$side"); wd=/tmp/$tag/$p-$side
  mkdir -p "/tmp/$tag"
  if [ "$side" = a ]; then role=primary me=$A_IP peer=$B_IP; else role=secondary me=$B_IP peer=$A_IP; fi
  case $p in
    kea)
      sed -e "s|@THIS@|kea-$side|g" -e "s|@HOOKS@|$HOOKS|g" "$PERF_DIR/conf/kea-ha.json.in" > "/tmp/$tag/kea-$side.json"
      BENCH_KEA_CONF=/tmp/$tag/kea-$side.json setsid ip netns exec "$ns" "$PERF_DIR/servers/kea.sh" "$wd" "$lease_time" \
        $POOL_FIRST $POOL_LAST raw >> "$out/server-$p-$side.log" 2>&1 < /dev/null & ;;
    leasehold)
      leasehold_conf $role $me $peer > "/tmp/$tag/dhcpd-$side.conf"
      BENCH_LISTEN=srv0 BENCH_DHCPD_CONF=/tmp/$tag/dhcpd-$side.conf BENCH_BOOT_FEATURES=leasehold-failover \
        setsid ip netns exec "$ns" "$PERF_DIR/servers/leasehold.sh" "$wd" "$dist" "$lease_time" $POOL_FIRST $POOL_LAST \
        >> "$out/server-$p-$side.log" 2>&1 < /dev/null & ;;
  esac
  disown $! 2>/dev/null
}

# failover_status PAIR SIDE: Leasehold's dhcp:failover-status through the console, inside the namespace.
failover_status() {
  local h=/tmp/$tag/$1-$2
  [ -f "$h/etc/admin.password" ] || return 1
  echo "dhcp:failover-status" | nsx "$(ns_of "$1" "$2")" "$h/bin/client" -h 127.0.0.1 -u admin \
    -p "$(cat "$h/etc/admin.password")" -r 3 -b 2>/dev/null
}

# ready PAIR: both servers serving their share (Kea: load-balancing; Leasehold: NORMAL, pools balanced).
ready() {
  local p=$1 side st
  for side in a b; do
    case $p in
      kea)
        st=$(nsx "$(ns_of kea "$side")" curl -s -m 3 -X POST -H 'Content-Type: application/json' \
          -d '{"command": "ha-heartbeat", "service": ["dhcp4"]}' "http://$([ $side = a ] && echo $A_IP || echo $B_IP):8001/")
        grep -q '"state": "load-balancing"' <<<"$st" || return 1 ;;
      leasehold)
        st=$(failover_status leasehold "$side") || return 1
        grep -Eq 'bench\.state +normal' <<<"$st" && grep -Eq 'bench\.partner-state +normal' <<<"$st" \
          && grep -Eq 'bench\.updates-queued +0$' <<<"$st" && grep -Eq 'bench\.updates-unacked +0$' <<<"$st" || return 1 ;;
    esac
  done
}

# pair_step PAIR PHASE RATE SECONDS -> one CSV row (run.sh's columns; CPU of both servers).
pair_step() {
  local p=$1 phase=$2 r=$3 d=$4 c f c0 c1 t0 t1 sb0 sb1 cb0 cb1
  c=$(ns_of "$p" c); f="$out/perfdhcp-$p-$phase-$r.txt"
  sleep 2
  sb0=$(( $(udp_rcvbuf_errors "$(ns_of "$p" a)") + $(udp_rcvbuf_errors "$(ns_of "$p" b)") )); cb0=$(udp_rcvbuf_errors "$c")
  c0=$(( $(ns_cpu_ticks "$(ns_of "$p" a)") + $(ns_cpu_ticks "$(ns_of "$p" b)") )); t0=$(date +%s.%N)
  nsx "$c" timeout $((d + 30)) perfdhcp -4 -g single -l cli0 -B -r "$r" -R "$clients" -p "$d" -W 1000000 > "$f" 2>&1
  c1=$(( $(ns_cpu_ticks "$(ns_of "$p" a)") + $(ns_cpu_ticks "$(ns_of "$p" b)") )); t1=$(date +%s.%N)
  sb1=$(( $(udp_rcvbuf_errors "$(ns_of "$p" a)") + $(udp_rcvbuf_errors "$(ns_of "$p" b)") )); cb1=$(udp_rcvbuf_errors "$c")
  awk -v s="$p-pair" -v sb=$((sb1 - sb0)) -v cb=$((cb1 - cb0)) -v ph="$phase" -v r="$r" -v d="$d" -v c0="$c0" -v c1="$c1" \
      -v t0="$t0" -v t1="$t1" -v tck="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v do_lat=NA,NA \
      -v ra_lat=NA,NA -v ra_max="" -f "$PERF_DIR/step.awk" "$f" | tee -a "$out/steps.csv"
}

{
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- kea: $(kea-dhcp4 -v 2>/dev/null), HA hook $HOOKS/libdhcp_ha.so; leasehold: $(git -C "$PERF_DIR" log -1 --format='%h' 2>/dev/null)"
} > "$out/machine.md"
log "results in $out"
echo "$HDR" > "$out/steps.csv"
for p in $pairs; do
  make_lan "$p" || die "namespace setup failed for $p"
  start_side "$p" a; start_side "$p" b
done
for p in $pairs; do
  end=$(( $(date +%s) + 300 ))
  until ready "$p"; do
    [ "$(date +%s)" -lt "$end" ] || { tail -5 "$out"/server-"$p"-*.log >&2; die "$p pair not serving within 300 s"; }
    sleep 1
  done
  log "$p pair serving; warm-up ${warmup}s at ${rates%% *}/s (not recorded)"
  [ "$warmup" -gt 0 ] && pair_step "$p" warmup "${rates%% *}" "$warmup" >/dev/null
done
sed -i '/,warmup,/d' "$out/steps.csv"
echo "$HDR"
active=" $pairs "
for r in $rates; do
  for p in $active; do
    row=$(pair_step "$p" pass1 "$r" "$dur"); echo "$row"
    drop=$(cut -d, -f7 <<<"$row")
    awk -v x="${drop:-100}" 'BEGIN{exit !(x > 10)}' && { log "$p drops ${drop}% at $r/s: no higher rates"; active=${active/ $p / }; }
  done
  [ -n "${active// /}" ] || break
done
if [[ " $pairs " == *" leasehold "* ]]; then
  for side in a b; do failover_status leasehold $side > "$out/failover-$side.txt"; done
fi
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.md"
"$PERF_DIR/summary.sh" "$out" > "$out/summary.md"
cat "$out/summary.md"
