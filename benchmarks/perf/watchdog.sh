#!/bin/bash
# Watchdog for run.sh: watchdog.sh PARENT_PID SECONDS NS...
# Stops PARENT after SECONDS (its trap then cleans up); whenever PARENT is gone - finished, killed,
# even by SIGKILL - it removes the listed namespaces and everything running inside them, then exits.
# run.sh stops this watchdog itself after a normal cleanup.
source "$(dirname "$0")/lib.sh"
parent=$1 secs=$2; shift 2
deadline=$(( $(date +%s) + secs ))
trap '' INT HUP
while kill -0 "$parent" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    kill -TERM "$parent" 2>/dev/null
    for _ in $(seq 60); do kill -0 "$parent" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$parent" 2>/dev/null
    break
  fi
  sleep 1
done
kill_ns "$@"
