#!/bin/sh
# import.sh: whole-process time of pia import on the largest corpus
# document (target: under 100 ms), and on the hand-made extracts.  Uses
# hyperfine when installed (Debian package hyperfine), else a timed loop.
# The corpus is ../shared/corpus beside the checkout, else
# /work/shared/corpus, or $PIA_CORPUS.  Run from anywhere:
#   sh tests/bench/import.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" PIA_LANG=ja NO_COLOR=1
out=${BENCH_DIR:-build/bench}
mkdir -p "$out"
c=${PIA_CORPUS:-$(cd .. && pwd)/shared/corpus}
[ -d "$c" ] || c=/work/shared/corpus

# loop N CMD...: mean wall time per run in ms
loop() {
	n=$1; shift
	s=$(date +%s%N)
	i=0
	while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1 || :; i=$((i + 1)); done
	e=$(date +%s%N)
	echo "scale=2; ($e - $s) / $n / 1000000" | bc
}

files=tests/import/full-midorigawa.txt
if [ -d "$c" ]; then
	# The largest document first.
	big=$(ls -S "$c"/*.txt | head -1)
	files="$big $files"
else
	echo "import.sh: corpus not found ($c): hand-made extracts only"
fi
for f in $files; do
	printf '%s: %s bytes, %s lines\n' "$f" "$(wc -c < "$f")" "$(wc -l < "$f")"
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -i -w 3 -r 30 \
		    --export-markdown "$out/import-$(basename "$f").md" \
		    "./pia import -o $out/import.xml $f" 2>/dev/null |
		    grep -E 'Time|Range' || true
	else
		printf '  pia import: %s ms per run (mean of 30, whole process)\n' \
		    "$(loop 30 ./pia import -o "$out/import.xml" "$f")"
	fi
done
