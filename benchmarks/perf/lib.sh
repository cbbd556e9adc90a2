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
