# One perfdhcp output -> one CSV row (columns: see HDR in lib.sh). The latency percentiles are
# computed beforehand (percentiles.sh, "NA,NA" without -x t; or from a capture) and passed in as
# do_lat / ra_lat; ra_max, when given (a capture), replaces perfdhcp's own max delay.
/^\*\*\*Statistics for: DISCOVER-OFFER/ { sec = "do" }
/^\*\*\*Statistics for: REQUEST-ACK/ { sec = "ra" }
/^\*\*\*Timestamps/ { sec = "ts" }
/^sent packets:/ { sent[sec] = $3 }
/^received packets:/ { recv[sec] = $3 }
/^max delay:/ { mx[sec] = $3 }
/^avg delay:/ { av[sec] = $3 }
END {
  if (sent["do"] == 0) { printf "%s,%s,%s,%s,0,0,100,NA,NA,NA,NA,NA,0,NA,%s,%s,%s,NA,NA\n", s, ph, r, d, load, sb, cb; exit }
  drops = 100 * (sent["do"] - recv["ra"]) / sent["do"]; if (drops < 0) drops = 0
  cpu_s = (c1 - c0) / tck
  cpu = (t1 > t0) ? 100 * cpu_s / (t1 - t0) : 0
  per = recv["ra"] > 0 ? sprintf("%.1f", 1e6 * cpu_s / recv["ra"]) : "NA"
  printf "%s,%s,%s,%s,%.0f,%.0f,%.2f,%s,%s,%s,%.0f,%s,%s,%s,%s,%s,%s\n", s, ph, r, d, sent["do"] / d, recv["ra"] / d, drops,
    do_lat, ra_lat, (ra_max != "" ? ra_max : mx["ra"]), cpu, per, load, sb, cb, (av["do"] == "" ? "NA" : av["do"]), (av["ra"] == "" ? "NA" : av["ra"])
}
