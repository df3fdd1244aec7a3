#!/bin/sh
# validate.sh: validation time of samples/full.xml and of a ~300 KB
# assessment, pia validate side by side with xmllint --schema on the same
# files.  Uses hyperfine when installed (Debian package hyperfine), else a
# timed loop.  Run from the top of the tree: sh tests/bench/validate.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)"
out=${BENCH_DIR:-build/bench}
mkdir -p "$out"
xsltproc --param times 7 tests/bench/grow.xsl samples/full.xml > "$out/big.xml"
./pia validate "$out/big.xml" 2>/dev/null
xmllint --noout --schema model/schema/pia-full.xsd "$out/big.xml" 2>/dev/null
printf 'files: samples/full.xml %s bytes, %s %s bytes\n' \
    "$(wc -c < samples/full.xml)" "$out/big.xml" "$(wc -c < "$out/big.xml")"

# loop N CMD...: mean wall time per run in ms
loop() {
	n=$1; shift
	s=$(date +%s%N)
	i=0
	while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	e=$(date +%s%N)
	echo "scale=2; ($e - $s) / $n / 1000000" | bc
}

for f in samples/full.xml "$out/big.xml"; do
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 3 -r 30 --export-markdown "$out/$(basename "$f").md" \
		    "./pia validate $f" \
		    "xmllint --noout --schema model/schema/pia-full.xsd $f" 2>/dev/null |
		    grep -E 'Time|±|faster|pia|xmllint' || true
	else
		printf '%s: pia validate %s ms, xmllint --schema %s ms\n' "$f" \
		    "$(loop 30 ./pia validate "$f")" \
		    "$(loop 30 xmllint --noout --schema model/schema/pia-full.xsd "$f")"
	fi
done
