#!/bin/bash
# summary.sh OUT: the Markdown report of one run.sh run (OUT/steps.csv, durability.csv, machine.md).
set -uo pipefail
out=$1 csv=$1/steps.csv
servers=$(awk -F, 'NR > 1 && !seen[$1]++ { printf "%s ", $1 }' "$csv")
top() { awk -F, -v s="$1" '$1 == s && $2 ~ /^pass/ && $7 <= 1 && $3 > m { m = $3; row = $0 } END { print row }' "$csv"; }
field() { cut -d, -f"$2" <<<"$1"; }
# sustained NAME: the highest offered rate up to which every rate step held <= 1% drops (a rate run
# in several passes counts with its worst pass). A server that fails a step and passes a higher one
# (a lucky step) has a top above its sustained rate; the report gives both.
sustained() {
  awk -F, -v s="$1" '$1 == s && $2 ~ /^pass/ { r = $3 + 0; if (!(r in w) || $7 + 0 > w[r]) w[r] = $7 + 0 }
    END { for (r in w) print r, w[r] }' "$csv" | sort -n |
    awk '$2 > 1 { exit } { m = $1 } END { print m + 0 }'
}

echo "### Highest rate with at most 1% drops"
echo
echo "| server | offered DORA/s | ACKs/s | drops | D→O mean / p99 ms | R→A mean / p99 / max ms | server CPU | CPU µs per DORA | first step over 1% | sustained (every step up to it ≤1%) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A tops sust
for s in $servers; do
  row=$(top "$s"); tops[$s]=$(field "$row" 3); sust[$s]=$(sustained "$s")
  over=$(awk -F, -v s="$s" '$1 == s && $2 ~ /^pass/ && $7 > 1 { print $3; exit }' "$csv")
  if [ -z "$row" ]; then echo "| $s | none | | | | | | | ${over:-none} | ${sust[$s]} |"; continue; fi
  echo "| $s | $(field "$row" 3) | $(field "$row" 6) | $(field "$row" 7)% | $(field "$row" 18) / $(field "$row" 9) | $(field "$row" 19) / $(field "$row" 11) / $(field "$row" 12) | $(field "$row" 13)% | $(field "$row" 14) | ${over:-none} | ${sust[$s]} |"
done
echo
if [ -n "${tops[kea]:-}" ] && [ -n "${tops[leasehold]:-}" ] && [ "${tops[kea]}" -gt 0 ]; then
  echo "**Ratio Leasehold / Kea (highest rate at ≤1% drops, same run): $(awk -v a="${tops[leasehold]}" -v b="${tops[kea]}" 'BEGIN { printf "%.2f", a / b }')×**"
  if [ "${sust[kea]}" -gt 0 ]; then
    echo
    echo "Ratio of sustained rates (every step up to it at ≤1% drops): $(awk -v a="${sust[leasehold]}" -v b="${sust[kea]}" 'BEGIN { printf "%.2f", a / b }')×."
  fi
  # CPU per DORA compared at the highest rate both servers held with <= 1% drops
  common=$(awk -F, '$2 ~ /^pass/ && $7 <= 1 { ok[$1 "," $3] = 1; r[$3] = 1 } END { for (x in r) if (ok["kea," x] && ok["leasehold," x] && x + 0 > m) m = x + 0; print m + 0 }' "$csv")
  if [ "$common" -gt 0 ]; then
    k=$(awk -F, -v r="$common" '$1 == "kea" && $2 ~ /^pass/ && $3 == r { print $14; exit }' "$csv")
    l=$(awk -F, -v r="$common" '$1 == "leasehold" && $2 ~ /^pass/ && $3 == r { print $14; exit }' "$csv")
    echo
    echo "CPU per DORA at $common DORA/s (highest rate both held): Kea $k µs, Leasehold $l µs."
  fi
  echo
fi
if grep -q ',half,' "$csv"; then
  if ls "$out"/capture-*-half-*.pcap.log >/dev/null 2>&1; then src="on the wire: tcpdump's kernel timestamps on the generator's interface"; else src="perfdhcp's per-exchange timestamps"; fi
  echo "### Latency at half of Leasehold's top rate ($src)"
  echo
  echo "| server | offered DORA/s | ACKs/s | drops | D→O p50 / p99 ms | R→A p50 / p99 / max ms | CPU µs per DORA |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -F, '$2 == "half" { printf "| %s | %s | %s | %s%% | %s / %s | %s / %s / %s | %s |\n", $1, $3, $6, $7, $8, $9, $10, $11, $12, $14 }' "$csv"
  echo
fi
if [ -s "$out/durability.csv" ]; then
  echo "### Durability (500 DORA/s for 5 s under strace -c; not a rate measurement)"
  echo
  echo "| server | ACKs | fsync | fdatasync | fsync-family per ACK | write calls (any fd) |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F, 'NR > 1 { printf "| %s | %s | %s | %s | %.2f | %s |\n", $1, $2, $3, $4, ($2 > 0 ? ($3 + $4) / $2 : 0), $5 }' "$out/durability.csv"
  echo
fi
echo "### Every step"
echo
echo "p50/p99 only in the latency steps (and in every step with \`--timestamps\`); mean from perfdhcp's own"
echo "statistics in every step, max from them too except in a step measured on the wire."
echo
echo "| server | phase | offered/s | sent/s | ACKs/s | drops | D→O mean / p50 / p99 ms | R→A mean / p50 / p99 / max ms | CPU | µs/DORA | load | socket drops server / generator |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F, 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s%% | %s / %s / %s | %s / %s / %s / %s | %s%% | %s | %s | %s / %s |\n", $1, $2, $3, $5, $6, $7, $18, $8, $9, $19, $10, $11, $12, $13, $14, $15, $16, $17 }' "$csv"
echo
echo "### Machine and command"
echo
cat "$out/machine.md"
[ -f "$out/command.txt" ] && echo "- command: \`$(cat "$out/command.txt")\`"
