#!/bin/sh
# run.sh BUILD SECONDS: runs each libFuzzer harness of BUILD/tests/fuzz
# for SECONDS (make fuzz, FUZZ_TIME), each with its dictionary, its seeds
# (tests/fuzz/seeds.sh) and its growing corpus in BUILD/corpus/NAME.
# Crash, leak, timeout and out-of-memory inputs are written to
# BUILD/artifacts/; copy one into tests/fuzz/crashes/NAME/ with its fix
# so that make check replays it.  Ends with one line per harness:
# executions, coverage, and whether it stopped on a finding.
set -u
cd "$(dirname "$0")/../.." || exit 3
b=$1
t=$2
export PIA_DATADIR="$(pwd)" LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
sh tests/fuzz/seeds.sh "$b/seeds" || exit 3
mkdir -p "$b/artifacts"
rc=0
summary=""
for n in ${FUZZ_ONLY:-validate import diff rules render}; do
	mkdir -p "$b/corpus/fuzz_$n"
	log=$b/fuzz_$n.log
	echo "== fuzz_$n for $t s (log: $log)"
	"$b/tests/fuzz/fuzz_$n" -max_total_time="$t" -timeout=25 \
	    -rss_limit_mb=3072 -print_final_stats=1 \
	    -dict="tests/fuzz/fuzz_$n.dict" \
	    -artifact_prefix="$b/artifacts/fuzz_$n-" \
	    "$b/corpus/fuzz_$n" "$b/seeds/fuzz_$n" > "$log" 2>&1
	r=$?
	[ "$r" -eq 0 ] || rc=1
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 |
	    sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p')
	line="fuzz_$n: ${execs:-?} execs, ${cov:-cov ?}, exit $r"
	echo "$line"
	[ "$r" -eq 0 ] || grep -E 'ERROR|broken promise|SUMMARY' "$log" | head -5
	summary="$summary
$line"
done
printf '%s\n' "$summary"
exit $rc
