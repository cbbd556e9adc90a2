#!/bin/bash
# percentiles.sh PERFDHCP_OUTPUT SECTION -> "p50,p99" in ms of one exchange kind (SECTION is
# DISCOVER-OFFER or REQUEST-ACK), from the per-exchange timestamps perfdhcp -x t prints for every
# successful exchange ("sent / received: S / R", seconds). "NA,NA" when there are none.
awk -v want="$2" '/^\*\*\*Timestamps for packets:/ { on = index($0, want) > 0; next }
  on && /^sent \/ received:/ { printf "%.6f\n", $6 - $4 }' "$1" | sort -n |
awk '{ v[NR] = $1 } END {
  if (NR == 0) { print "NA,NA"; exit }
  i50 = int(0.50 * NR + 0.999999); i99 = int(0.99 * NR + 0.999999); if (i99 > NR) i99 = NR
  printf "%.3f,%.3f\n", v[i50] * 1000, v[i99] * 1000 }'
