#!/bin/sh
# scale.sh: time of pia validate and pia diff on documents whose system
# list (1. システム) has N entries, each with a finding (no name) and, in
# the new revision, a change (a name), for N in $SCALE_NS (default 1000
# 10000 100000).  Prints the seconds and the exponent between successive
# sizes: log(t2/t1) / log(n2/n1), 1 for linear work, 2 for quadratic.
# With CHECK=1 fails (exit 1) when an exponent exceeds $MAX_EXP (1.5).
# Run from the top of the tree: sh tests/bench/scale.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" LC_ALL=C.UTF-8
PIA=${PIA:-./pia}
out=${BENCH_DIR:-build/bench}
mkdir -p "$out"

# gen N NAME: samples/full.xml with N systems, named NAME ("" for none)
gen() {
	awk -v n="$1" -v name="$2" '
	/<systems>/ && !done { print; skip = 1
		for (i = 1; i <= n; i++)
			printf "      <system id=\"s-%d\"><name>%s%s</name>" \
			    "</system>\n", i, name, name == "" ? "" : i
		next }
	skip && /<\/systems>/ { skip = 0; done = 1 }
	!skip { print }' samples/full.xml
}

secs() {	# command...: wall seconds
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 || :
	e=$(date +%s%N)
	awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

bad=0
pn=""; pv=""; pd=""
printf '%8s %10s %10s %8s %8s\n' N validate diff exp-v exp-d
for n in ${SCALE_NS:-1000 10000 100000}; do
	gen "$n" "" > "$out/scale-old.xml"
	gen "$n" "システム" > "$out/scale-new.xml"
	tv=$(secs "$PIA" validate "$out/scale-old.xml")
	td=$(secs "$PIA" diff --date 2026-02-02 "$out/scale-old.xml" "$out/scale-new.xml")
	ev=""; ed=""
	if [ -n "$pn" ]; then
		ev=$(awk -v a="$pv" -v b="$tv" -v m="$pn" -v n="$n" \
		    'BEGIN { if (a < 0.01) a = 0.01; printf "%.2f", log(b / a) / log(n / m) }')
		ed=$(awk -v a="$pd" -v b="$td" -v m="$pn" -v n="$n" \
		    'BEGIN { if (a < 0.01) a = 0.01; printf "%.2f", log(b / a) / log(n / m) }')
		for e in $ev $ed; do
			awk -v e="$e" -v m="${MAX_EXP:-1.5}" 'BEGIN { exit !(e > m) }' && bad=1
		done
	fi
	printf '%8s %10s %10s %8s %8s\n' "$n" "$tv" "$td" "$ev" "$ed"
	pn=$n; pv=$tv; pd=$td
done
[ "${CHECK:-0}" = 1 ] && [ "$bad" = 1 ] && { echo "scale: superlinear"; exit 1; }
exit 0
