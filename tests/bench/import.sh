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

# Growth (issue 11 item 2, issue 12): the largest document concatenated
# 1, 4 and 16 times, and one field given N times (text and line fields);
# the exponent is log(t16/t1)/log(16): 1 is linear.
# ms CMD...: wall time of one run in ms.
ms() {
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 || :
	e=$(date +%s%N)
	echo "scale=1; ($e - $s) / 1000000" | bc
}
expo() {
	awk -v a="$1" -v b="$2" -v k="$3" \
	    'BEGIN { if (a <= 0) a = 0.1; printf "%.2f", log(b / a) / log(k) }'
}
if [ -d "$c" ]; then
	rm -f "$out/cat1.txt"
	cp "$big" "$out/cat1.txt"
	for k in 4 16; do
		rm -f "$out/cat$k.txt"
		i=0
		while [ $i -lt $k ]; do cat "$big" >> "$out/cat$k.txt"; i=$((i + 1)); done
	done
	for k in 1 4 16; do
		eval "t$k=\$(ms ./pia import -o \$out/import.xml \$out/cat$k.txt)"
		eval "printf '%s x%s: %s ms\n' \"\$(basename \"\$big\")\" $k \"\$t$k\""
	done
	printf '  exponent (x1 -> x16): %s\n' "$(expo "$t1" "$t16" 16)"
fi
for field in '②事務の内容 ※	<p>段落 %d</p>' '①事務の名称	事務 %d'; do
	for n in 2000 8000 32000; do
		{ sed -n 1,45p tests/import/full-midorigawa.txt
		  i=0
		  while [ $i -lt $n ]; do printf "$field\n" $i; i=$((i + 1)); done
		} > "$out/rep$n.txt"
		eval "r$n=\$(ms ./pia import -o \$out/import.xml \$out/rep$n.txt)"
	done
	printf '%s repeated 2000/8000/32000 times: %s / %s / %s ms, exponent %s\n' \
	    "${field%%	*}" "$r2000" "$r8000" "$r32000" "$(expo "$r2000" "$r32000" 16)"
done
