#!/bin/sh
# diff.sh: whole-process time of pia diff on two ~300 KB revisions, and
# how it grows with the document (1x, 4x, 16x the size), side by side with
# xmldiff (Debian package xmldiff) on the same pairs: both times and both
# edit counts.  The pairs are samples/full-prev.xml and samples/full.xml
# grown by tests/bench/grow.xsl (every repeating entry repeated).
# Run from anywhere: sh tests/bench/diff.sh   (needs ./pia built, bc)
# xmldiff is slow (about 5 s at 1x, 45 s at 4x): it runs on the 1x pair
# and the samples only, unless BENCH_XMLDIFF_MAX=4 (or 0 to skip it).
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)"
out=${BENCH_DIR:-build/bench}
mkdir -p "$out"

# mean N CMD...: mean wall time per run in ms; hyperfine (Debian package
# hyperfine) when installed, else N runs of a loop (which adds a fork and
# an exec per run).
mean() {
	n=$1; shift
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -i -w 2 -r "$n" --export-csv "$out/h.csv" "$*" \
		    >/dev/null 2>&1
		awk -F, 'NR == 2 { printf "%.1f", $2 * 1000 }' "$out/h.csv"
		return
	fi
	s=$(date +%s%N)
	i=0
	while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1 || true; i=$((i + 1)); done
	e=$(date +%s%N)
	echo "scale=1; ($e - $s) / $n / 1000000" | bc
}

printf '%-6s %9s %6s %12s %10s %14s %12s\n' size bytes rows "pia diff ms" "ms/100KB" \
    "xmldiff ms" "xmldiff edits"
base=""
for f in 1 4 16; do
	t=$((8 * f))
	xsltproc --param times $t tests/bench/grow.xsl samples/full-prev.xml > "$out/old-$f.xml"
	xsltproc --param times $t tests/bench/grow.xsl samples/full.xml > "$out/new-$f.xml"
	bytes=$(wc -c < "$out/new-$f.xml")
	rows=$(./pia diff -T csv --date 2026-02-02 "$out/old-$f.xml" "$out/new-$f.xml" | tail -n +2 | grep -c '^令和' || true)
	runs=21
	[ $f -ge 16 ] && runs=7
	ms=$(mean $runs ./pia diff -T text --date 2026-02-02 "$out/old-$f.xml" "$out/new-$f.xml")
	per=$(echo "$ms * 100000 / $bytes" | bc -l)
	if command -v xmldiff >/dev/null 2>&1 && [ $f -le "${BENCH_XMLDIFF_MAX:-1}" ]; then
		xms=$(mean 1 xmldiff "$out/old-$f.xml" "$out/new-$f.xml")
		xed=$(xmldiff "$out/old-$f.xml" "$out/new-$f.xml" | grep -c '^\[' || true)
	else
		xms=-
		xed=-
	fi
	printf '%-6s %9s %6s %12s %10.1f %14s %12s\n' "${f}x" "$bytes" "$rows" "$ms" "$per" "$xms" "$xed"
done
# The samples themselves.
ms=$(mean 21 ./pia diff samples/full-prev.xml samples/full.xml)
rows=$(./pia diff -T csv samples/full-prev.xml samples/full.xml | tail -n +2 | grep -c '^令和' || true)
if command -v xmldiff >/dev/null 2>&1 && [ "${BENCH_XMLDIFF_MAX:-1}" -gt 0 ]; then
	xms=$(mean 3 xmldiff samples/full-prev.xml samples/full.xml)
	xed=$(xmldiff samples/full-prev.xml samples/full.xml | grep -c '^\[' || true)
else
	xms=-; xed=-
fi
printf '%-6s %9s %6s %12s %10s %14s %12s\n' samples "$(wc -c < samples/full.xml)" "$rows" "$ms" - "$xms" "$xed"
