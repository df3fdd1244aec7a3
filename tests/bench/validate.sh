#!/bin/sh
# validate.sh: validation time, pia validate (schema and every built-in
# rule set) side by side with xmllint --schema on the same files, and the
# time for 1,000 documents of samples/full.xml size.  Uses hyperfine when
# installed (Debian package hyperfine) for the side-by-side figures, else
# an interleaved loop that reports the median wall time of each command
# (interleaving keeps both commands under the same machine load).
# Run from the top of the tree: sh tests/bench/validate.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" LC_ALL=C.UTF-8
out=${BENCH_DIR:-build/bench}
runs=${RUNS:-21}
mkdir -p "$out"
xsltproc --param times 7 tests/bench/grow.xsl samples/full.xml > "$out/big.xml"
./pia validate "$out/big.xml" 2>/dev/null
xmllint --noout --schema model/schema/pia-full.xsd "$out/big.xml" 2>/dev/null
printf 'files: samples/full.xml %s bytes, %s %s bytes\n' \
    "$(wc -c < samples/full.xml)" "$out/big.xml" "$(wc -c < "$out/big.xml")"
printf 'rules: %s checks in %s built-in rule sets\n' \
    "$(cat validators/rules/*.sch | grep -c '<assert id=\|<report id=')" \
    "$(ls validators/rules/*.sch | wc -l)"

# median FILE: the median of the numbers in FILE
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# side FILE: pia validate and xmllint --schema alternately, $runs times
# each; prints the medians in ms and their ratio.
side() {
	: > "$out/t.pia"
	: > "$out/t.xmllint"
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		./pia validate "$1" >/dev/null 2>&1 || true
		m=$(date +%s%N)
		xmllint --noout --schema model/schema/pia-full.xsd "$1" >/dev/null 2>&1
		e=$(date +%s%N)
		echo "$(( (m - s) / 1000 ))" >> "$out/t.pia"
		echo "$(( (e - m) / 1000 ))" >> "$out/t.xmllint"
		i=$((i + 1))
	done
	p=$(median "$out/t.pia")
	x=$(median "$out/t.xmllint")
	printf '%s: pia validate %s ms, xmllint --schema %s ms, ratio %s (median of %s interleaved runs)\n' \
	    "$1" "$(echo "scale=1; $p / 1000" | bc)" "$(echo "scale=1; $x / 1000" | bc)" \
	    "$(echo "scale=2; $p / $x" | bc)" "$runs"
}

for f in samples/full.xml "$out/big.xml"; do
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 3 -r 30 --export-markdown "$out/$(basename "$f").md" \
		    "./pia validate $f" \
		    "xmllint --noout --schema model/schema/pia-full.xsd $f" 2>/dev/null |
		    grep -E 'Time|±|faster|pia|xmllint' || true
	else
		side "$f"
	fi
done

# 1,000 documents of samples/full.xml size, with -j 1 and -j 2.
rm -rf "$out/many"
mkdir -p "$out/many"
i=0
while [ $i -lt 1000 ]; do
	cp samples/full.xml "$out/many/a$i.xml"
	i=$((i + 1))
done
for j in 1 2; do
	s=$(date +%s%N)
	./pia validate -j $j "$out/many" > "$out/many.out" 2>&1 || true
	e=$(date +%s%N)
	printf '1000 documents (%s bytes each), -j %s: %s s (%s)\n' \
	    "$(wc -c < samples/full.xml)" $j "$(echo "scale=2; ($e - $s) / 1000000000" | bc)" \
	    "$(tail -1 "$out/many.out")"
done
rm -rf "$out/many"
