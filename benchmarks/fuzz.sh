#!/bin/bash
# Coverage-guided fuzzing of every parser, one Jazzer target after the other.
#
# Usage: benchmarks/fuzz.sh [SECONDS] [TARGET...]     (default 60 s each, every target)
#        benchmarks/fuzz.sh --list
#
# Each target is a JUnit @FuzzTest in the bundle that owns its parser (test scope only). A plain
# `mvn verify` replays its seeds and findings; here it runs with JAZZER_FUZZ=1 for SECONDS:
#   - the growing corpus is kept outside the source tree, in $FUZZ_DIR/corpus/TARGET
#     (default FUZZ_DIR=target/fuzz under the repository root, removed by `mvn clean` of the root);
#   - a finding (crash-*, timeout-*) is written by Jazzer into the target's ...Inputs/METHOD directory
#     under src/test/resources, so the next plain test run replays it as a regression input; commit it
#     with the fix. Jazzer's stand-alone Java reproducers go to $FUZZ_DIR/reproducers;
#   - coverage instrumentation covers the parser's own packages only (not the fuzz target, its checks,
#     the JDK or other bundles), and Jazzer's regex-guidance hook is off (see docs/fuzzing.md: it
#     costs the DHCP decoder target half its speed on java.util.Formatter's own format-string regex).
# Prints per target: executions, exec/s, coverage (edges, libFuzzer "cov"), features ("ft"), corpus
# entries, findings, and writes the same table to $FUZZ_DIR/summary.md. Logs: $FUZZ_DIR/logs/TARGET.log.
#
# Environment: FUZZ_RUNS (stop each target after this many executions, e.g. 100000000 for a long run,
# SECONDS then being an upper bound); FUZZ_TRACE (see the table); FUZZ_DIR (see above); FUZZ_CPU (CPU to pin the fuzzing JVM to with taskset, default
# the last CPU: the figures are "one core"; FUZZ_CPU=none does not pin); FUZZ_NICE (nice level, default
# 0); FUZZ_JVM_ARGS (options for the fuzzing JVM, e.g. a flight recording); MVN_OPTS_EXTRA (extra
# Maven arguments; -o is given unless MVN_OFFLINE= is set).
# A benchmark, not a test: nothing here fails on a rate.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FUZZ_DIR=${FUZZ_DIR:-$ROOT/target/fuzz}
MVN_OFFLINE=${MVN_OFFLINE--o}
NPROC=$(nproc)
FUZZ_CPU=${FUZZ_CPU:-$((NPROC - 1))}
FUZZ_NICE=${FUZZ_NICE:-0}

API=bundles/org.leasehold.api
CORE=bundles/org.leasehold.core
FAILOVER=bundles/org.leasehold.failover
API_CODE='org.leasehold.api.codec.*,org.leasehold.api.message.*,org.leasehold.api.option.*'
CODEC=org.leasehold.api.codec
CONFIG=org.leasehold.core.internal.config
LEASE=org.leasehold.core.internal.lease

# name | module | test class | @FuzzTest method | packages to instrument (Jazzer globs: a.b.C, a.b.* or
# a.b.**, comma-separated) | test classes in those packages not to instrument (':'-separated): the
# target and its checks, whose own compares would only steer the fuzzer and cost time | Jazzer's
# bytecode instrumentation (jazzer.trace): empty = all (cov, cmp, div, indir); "cov" = edge coverage
# only, where compare tracing cost 1.6x (dhcpd.conf) to 4.6x (DHCP codec) of the speed and found no
# more edges in the same time (docs/fuzzing.md). FUZZ_TRACE overrides it for every target.
TARGETS="
dhcp-decode|$API|$CODEC.DecodeFuzzTest|decodeOnlyFailsWithDecodeExceptionAndRoundTrips|$API_CODE|$CODEC.DecodeFuzzTest:$CODEC.FuzzChecks|cov
option-values|$API|$CODEC.OptionValueFuzzTest|typedValuesOnlyFailWithDecodeException|$API_CODE|$CODEC.OptionValueFuzzTest:$CODEC.FuzzChecks|cov
dhcpd-conf|$CORE|$CONFIG.ConfigFuzzTest|parseFailsOnlyWithPositionedConfigException|$CONFIG.*,org.leasehold.core.internal.expr.*,org.leasehold.core.internal.syntax.*,org.leasehold.core.internal.value.*,org.leasehold.api.option.*|$CONFIG.ConfigFuzzTest|cov
dhcpd-leases|$CORE|$LEASE.DhcpdLeasesFuzzTest|parseFailsOnlyWithLineNumberAndRoundTrips|$LEASE.*,org.leasehold.api.lease.*|$LEASE.DhcpdLeasesFuzzTest|
journal-record|$CORE|$LEASE.JournalRecordFuzzTest|decodeFailsOnlyWithIllegalArgumentAndRoundTrips|$LEASE.*,org.leasehold.api.lease.*|$LEASE.JournalRecordFuzzTest:$LEASE.JournalFuzzing|
failover-decode|$FAILOVER|org.leasehold.failover.internal.wire.FailoverDecodeFuzzTest|decodeOnlyFailsWithDecodeExceptionAndRoundTrips|org.leasehold.failover.internal.wire.*|org.leasehold.failover.internal.wire.FailoverDecodeFuzzTest|cov
journal-replay|$CORE|$LEASE.JournalReplayFuzzTest|replayKeepsEveryRecordBeforeTheFirstBadFrame|$LEASE.*|$LEASE.JournalReplayFuzzTest:$LEASE.JournalFuzzing:$LEASE.ReplayProperty|
"
DISABLED_HOOKS='com.code_intelligence.jazzer.sanitizers.RegexRoadblocks'

if [[ ${1:-} == --list ]]; then
    echo "$TARGETS" | awk -F'|' 'NF { print $1 "\t" $3 }'
    exit 0
fi
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
fi
SECONDS_EACH=${1:-60}
shift || true
WANTED=" $* "

mkdir -p "$FUZZ_DIR/corpus" "$FUZZ_DIR/logs" "$FUZZ_DIR/reproducers"
JVM=()
if [[ -n ${FUZZ_JVM_ARGS:-} ]]; then
    JVM=(-DargLine="$FUZZ_JVM_ARGS")
fi
PIN=()
if [[ $FUZZ_CPU != none ]]; then
    PIN=(taskset -c "$FUZZ_CPU")
fi

echo "Building the bundles (tests skipped) ..."
(cd "$ROOT" && mvn -B $MVN_OFFLINE -q install -DskipTests -pl "$API,$CORE,$FAILOVER" -am ${MVN_OPTS_EXTRA:-}) >"$FUZZ_DIR/logs/build.log" 2>&1 \
    || { echo "build failed, see $FUZZ_DIR/logs/build.log" >&2; exit 1; }

findings_in() { # files Jazzer wrote as findings into a source-tree inputs directory
    [[ -d $1 ]] || return 0
    find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' -o -name 'oom-*' \) 2>/dev/null | sort
}

ROWS=()
while IFS='|' read -r name module class method instrument excludes trace; do
    [[ -z $name ]] && continue
    if [[ $WANTED != "  " && $WANTED != *" $name "* ]]; then
        continue
    fi
    corpus=$FUZZ_DIR/corpus/$name
    log=$FUZZ_DIR/logs/$name.log
    mkdir -p "$corpus"
    inputs=$ROOT/$module/src/test/resources/$(echo "${class%.*}" | tr . /)/${class##*.}Inputs/$method
    before=$(findings_in "$inputs")
    trace=${FUZZ_TRACE-$trace}
    TRACE=()
    if [[ -n $trace ]]; then
        TRACE=(-Djazzer.trace="$trace")
    fi
    echo "== $name: ${class##*.}#$method for ${SECONDS_EACH}s (corpus $corpus, trace ${trace:-all})"
    status=0
    (cd "$ROOT" && JAZZER_FUZZ=1 nice -n "$FUZZ_NICE" "${PIN[@]}" mvn -B $MVN_OFFLINE test -pl "$module" \
        -Dtest="${class##*.}" -Dsurefire.failIfNoSpecifiedTests=false ${MVN_OPTS_EXTRA:-} "${JVM[@]}" "${TRACE[@]}" \
        -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="$corpus" \
        -Djazzer.internal.arg.2=-max_total_time="$SECONDS_EACH" -Djazzer.internal.arg.3=-runs="${FUZZ_RUNS:--1}" \
        -Djazzer.instrument="$instrument" -Djazzer.instrumentation_excludes="$excludes" \
        -Djazzer.custom_hook_excludes="$excludes" -Djazzer.disabled_hooks="$DISABLED_HOOKS" \
        -Djazzer.reproducer_path="$FUZZ_DIR/reproducers") </dev/null >"$log" 2>&1 || status=$?
    # libFuzzer status lines: "#1074142 DONE cov: 698 ft: 2447 corp: 405/302Kb lim: 4096 exec/s: 17608 rss: 486Mb"
    last=$(grep -aE '^#[0-9]+[[:space:]]' "$log" | tail -1 || true)
    execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
    cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | awk '{print $2}' || true)
    ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | awk '{print $2}' || true)
    corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | awk '{print $2}' || true)
    secs=$(grep -aoE '^Done [0-9]+ runs in [0-9]+ second' "$log" | awk '{print $5}' | tail -1 || true)
    rate=$(grep -oE 'exec/s: [0-9]+' <<<"$last" | awk '{print $2}' || true)
    new=$(comm -13 <(echo "$before") <(findings_in "$inputs") | sed '/^$/d' || true)
    nfind=$(sed '/^$/d' <<<"$new" | wc -l)
    verdict=ok
    if [[ $nfind -gt 0 ]]; then
        verdict="FINDING: $(basename -a $new | tr '\n' ' ')"
    elif [[ $status -ne 0 ]]; then
        verdict="FAILED (exit $status, see $log)"
    fi
    ROWS+=("| $name | ${execs:-?} | ${secs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $nfind | $verdict |")
    echo "   ${execs:-?} executions, ${rate:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, $verdict"
done <<<"$TARGETS"

{
    echo "benchmarks/fuzz.sh $SECONDS_EACH $*  ($(date -u +%Y-%m-%dT%H:%MZ), $(uname -n), ${NPROC} CPUs, pinned: $FUZZ_CPU)"
    echo
    echo "| target | executions | seconds | exec/s | cov (edges) | ft | corpus | findings | result |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
} | tee "$FUZZ_DIR/summary.md"
