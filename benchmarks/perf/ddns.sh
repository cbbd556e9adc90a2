#!/bin/bash
# What DDNS costs the DHCP path: Leasehold with DDNS off against Leasehold with DDNS on, in one run.
#
# Usage (root): benchmarks/perf/ddns.sh [--rates "1000 2000 4000 6000"] [--duration 20] [--clients 65000]
#               [--dist DIR] [--out DIR]
#
# Two Leasehold copies, each in its own pair of namespaces as run.sh sets them up (server 198.18.0.1,
# perfdhcp as a relay on 198.18.0.2), the same subnet, pool and lease time. The second copy boots
# leasehold-ddns with ddns-update-style standard, secure-ddns, and two TSIG-signed zones on a BIND
# named in a namespace of its own (198.19.0.2, a veth to the server's 198.19.0.1; 198.18.0.0/15
# only). The rate steps alternate between the two copies. perfdhcp sends the same host name (option
# 12, "bench") for every client (it cannot vary one per client): the first client's name is added,
# every later one is an RFC 4703 conflict; either way each grant costs named two signed UPDATEs
# (add, then take-over with the DHCID prerequisite, or add then PTR) and Leasehold one extra journal
# record (the outcome in the lease's variables).
# Reported per step: ACKs/s for both copies and their ratio, and for the DDNS copy the DNS jobs
# finished per second during the step (each = 2 UPDATEs answered by named), the queue left at its end
# and the jobs not queued because the queue (10,000) was full.
# Results: OUT/steps.csv (run.sh's columns), OUT/ddns.csv, OUT/ddns.md (default /tmp/leasehold-perf/ddns-<time>).
# A benchmark, not a test: on a shared box only the ratio within one run means anything.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

rates="1000 2000 4000 6000" dur=20 clients=65000 lease_time=3600 kea_socket=udp
dist="$(cd "$PERF_DIR/../.." && pwd)/karaf-assembly/target/assembly"
out=/tmp/leasehold-perf/ddns-$(date +%Y%m%d-%H%M%S)
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates=$2; shift 2;;
    --duration) dur=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --dist) dist=$2; shift 2;;
    --out) out=$2; shift 2;;
    -h|--help) sed -n '2,22p' "$0"; exit 0;;
    *) die "unknown argument $1 (see --help)";;
  esac
done
[ "$(id -u)" = 0 ] || die "needs root (namespaces)"
for t in perfdhcp named dig; do command -v "$t" >/dev/null || die "$t is not installed (kea-admin, bind9, bind9-dnsutils)"; done
[ -x "$dist/bin/karaf" ] || die "no distribution at $dist (mvn -B -o install -DskipTests)"

tag=lhd$$
OFF=leasehold ON=leasehold-ddns DNS_NS=$tag-dns DNS_IP=198.19.0.2 UP_IP=198.19.0.1
KEY_SECRET=jV8UBoRLHfFrX01ZiojHlZuhgyrT3K1MGmwPxHt6364=
mkdir -p "$out" "/tmp/$tag"
all_ns=("$(srv_ns $OFF)" "$(cli_ns $OFF)" "$(srv_ns $ON)" "$(cli_ns $ON)" "$DNS_NS")
cleanup() {
  trap - EXIT INT TERM
  save_logs $OFF; save_logs $ON
  cp "/tmp/$tag/named/named.log" "$out/" 2>/dev/null
  kill_ns "${all_ns[@]}"
  [ -n "${wdog:-}" ] && kill "$wdog" 2>/dev/null
  rm -rf "/tmp/$tag"
}
trap cleanup EXIT; trap 'exit 130' INT TERM
wdog=$(start_watchdog $(( 600 + ${#rates} * dur * 4 )) "${all_ns[@]}")

make_pair "$(srv_ns $OFF)" "$(cli_ns $OFF)" || die "namespaces"
make_pair "$(srv_ns $ON)" "$(cli_ns $ON)" || die "namespaces"
ip netns add "$DNS_NS" && nsx "$DNS_NS" ip link set lo up
ip link add up0 netns "$(srv_ns $ON)" type veth peer name dns0 netns "$DNS_NS" || die "dns veth"
nsx "$(srv_ns $ON)" ip addr add $UP_IP/30 dev up0; nsx "$(srv_ns $ON)" ip link set up0 up
nsx "$DNS_NS" ip addr add $DNS_IP/30 dev dns0; nsx "$DNS_NS" ip link set dns0 up

# named: TSIG-only updates for the forward zone and the pool's reverse zone
nd=/tmp/$tag/named; mkdir -p "$nd"
{
  printf 'key "dhcp-update" { algorithm hmac-sha256; secret "%s"; };\n' "$KEY_SECRET"
  printf 'options { directory "%s"; pid-file "%s/named.pid"; session-keyfile "%s/session.key";\n' "$nd" "$nd" "$nd"
  printf '  managed-keys-directory "%s"; listen-on port 53 { %s; }; listen-on-v6 { none; };\n' "$nd" "$DNS_IP"
  printf '  recursion no; dnssec-validation no; notify no; allow-transfer { none; }; };\ncontrols { };\n'
  printf 'logging { channel w { file "%s/named.log"; severity warning; }; category default { w; };\n' "$nd"
  printf '  category update { null; }; category update-security { null; }; };\n'
  for z in example.test 18.198.in-addr.arpa; do
    printf 'zone "%s" { type primary; file "%s/%s.db"; allow-update { key "dhcp-update"; }; };\n' "$z" "$nd" "$z"
    printf '$TTL 300\n@ IN SOA ns.example.test. hostmaster.example.test. ( 1 3600 600 86400 300 )\n@ IN NS ns.example.test.\n' > "$nd/$z.db"
  done
} > "$nd/named.conf"
echo "ns IN A $DNS_IP" >> "$nd/example.test.db"
setsid ip netns exec "$DNS_NS" named -f -4 -n 1 -c "$nd/named.conf" > "$nd/named.out" 2>&1 < /dev/null &
for _ in $(seq 50); do nsx "$DNS_NS" dig +time=1 +tries=1 @$DNS_IP example.test SOA +short 2>/dev/null | grep -q ns. && break; sleep 0.2; done
nsx "$DNS_NS" dig +time=1 +tries=1 @$DNS_IP example.test SOA +short | grep -q ns. || die "named did not start: $(tail -5 "$nd/named.out")"

cat > "/tmp/$tag/ddns.conf" <<EOF
ddns-update-style standard;
secure-ddns true;
ddns-domainname "example.test.";
key dhcp-update { algorithm hmac-sha256; secret "$KEY_SECRET"; };
zone example.test. { primary $DNS_IP; key dhcp-update; }
zone 18.198.in-addr.arpa. { primary $DNS_IP; key dhcp-update; }
EOF

log "starting $OFF and $ON"
start_server $OFF
export BENCH_DHCPD_PREPEND=/tmp/$tag/ddns.conf BENCH_BOOT_FEATURES=leasehold-ddns
launch_ddns() {
  setsid $(server_cpus) ip netns exec "$(srv_ns $ON)" "$PERF_DIR/servers/leasehold.sh" "/tmp/$tag/$ON" "$dist" \
    "$lease_time" $POOL_FIRST $POOL_LAST >> "$out/server-$ON.log" 2>&1 < /dev/null &
  disown $! 2>/dev/null
}
launch_ddns
unset BENCH_DHCPD_PREPEND BENCH_BOOT_FEATURES
wait_udp "$(srv_ns $ON)" 67 120 || die "$ON does not listen on udp/67"
serving $ON 60 || die "$ON answers no relayed DORA"

# console of the DDNS copy: its dhcp:ddns-status totals
ddns_status() {
  local h=/tmp/$tag/$ON
  echo "dhcp:ddns-status" | nsx "$(srv_ns $ON)" "$h/bin/client" -h 127.0.0.1 -u admin -p "$(cat "$h/etc/admin.password")" -b 2>/dev/null
}
field() { awk -v k="$1" '$1 == k && $2 == "=" { print $3; exit }'; }
for _ in $(seq 120); do ddns_status | grep -q "style = standard" && break; sleep 1; done
ddns_status | grep -q "style = standard" || die "$ON: DDNS is not on: $(ddns_status)"

# perfdhcp: option 12 "bench" for every client (both copies get the same traffic)
PERFDHCP_EXTRA="-o 12,62656e6368"

echo "rate,acks_off,acks_on,ratio,dns_jobs_s,queued_end,overflowed" > "$out/ddns.csv"
for r in $rates; do
  row_off=$(step $OFF rate "$r" "$dur")
  s0=$(ddns_status); t0=$(date +%s.%N)
  row_on=$(step $ON rate "$r" "$dur")
  s1=$(ddns_status); t1=$(date +%s.%N)
  j0=$(( $(field added <<<"$s0") + $(field conflicts <<<"$s0") ))
  j1=$(( $(field added <<<"$s1") + $(field conflicts <<<"$s1") ))
  a_off=$(cut -d, -f6 <<<"$row_off"); a_on=$(cut -d, -f6 <<<"$row_on")
  awk -v r="$r" -v a="$a_off" -v b="$a_on" -v j=$((j1 - j0)) -v t0="$t0" -v t1="$t1" -v q="$(field queued <<<"$s1")" \
      -v o="$(field overflowed <<<"$s1")" \
      'BEGIN { printf "%s,%s,%s,%.3f,%.0f,%s,%s\n", r, a, b, (a > 0 ? b / a : 0), j / (t1 - t0), q, o }' | tee -a "$out/ddns.csv"
done

{
  echo "# DDNS on against off ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${dur} s steps, $clients clients)"
  echo
  echo "| offered DORA/s | ACKs/s DDNS off | ACKs/s DDNS on | on/off | DNS jobs/s (2 UPDATEs each) | queued at step end | not queued (full) |"
  echo "|---|---|---|---|---|---|---|"
  tail -n +2 "$out/ddns.csv" | awk -F, '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }'
} > "$out/ddns.md"
cat "$out/ddns.md"
