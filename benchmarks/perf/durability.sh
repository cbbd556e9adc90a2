#!/bin/bash
# durability.sh SRV_NS CLI_NS NAME OUT: a short low-rate run (500 DORA/s for 5 s) with every thread
# of the server under `strace -c`, counting the write and fsync-family system calls it makes per
# ACK. Appends "NAME,acks,fsync_calls,fdatasync_calls,write_calls" to OUT/durability.csv.
# strace slows the server down: these runs are not rate measurements.
source "$(dirname "$0")/lib.sh"
sns=$1 cns=$2 name=$3 out=$4
command -v strace >/dev/null || { log "strace not installed: no durability check"; exit 1; }
args=()
for p in $(ip netns pids "$sns"); do
  for t in /proc/"$p"/task/*; do args+=(-p "${t##*/}"); done
done
[ ${#args[@]} -gt 0 ] || exit 1
st="$out/strace-$name.txt" f="$out/perfdhcp-$name-durability.txt"
strace -f -c -e trace=fsync,fdatasync,sync_file_range,msync,write,pwrite64,writev,pwritev -o "$st" "${args[@]}" 2>/dev/null &
spid=$!
sleep 2
nsx "$cns" timeout 30 perfdhcp -4 -g single -l "$RELAY_IP" -r 500 -R 60000 -b mac=02:00:00:aa:00:00 -p 5 -W 1000000 "$SRV_IP" > "$f" 2>&1
sleep 1
kill -INT "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
acks=$(awk '/Statistics for: REQUEST-ACK/{s=1} s && /^received packets:/{print $3; exit}' "$f")
calls() { awk -v c="$1" '$NF == c { print ($4 ~ /^[0-9]+$/ ? $4 : $3) + 0; f = 1 } END { if (!f) print 0 }' "$st"; }
[ -s "$out/durability.csv" ] || echo "server,acks,fsync,fdatasync,write_calls" > "$out/durability.csv"
echo "$name,${acks:-0},$(calls fsync),$(calls fdatasync),$(( $(calls write) + $(calls pwrite64) + $(calls writev) + $(calls pwritev) ))" >> "$out/durability.csv"
