#!/bin/sh
# review.sh: pia review --batch over 1,000 documents (the four samples
# copied 250 times each into a tree of 10 folders) with -j 1 and -j 2;
# the target is 10 s on 2 cores.  Prints the wall time of each run.
# Run from the top of the tree: sh tests/bench/review.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" LC_ALL=C.UTF-8
out=${BENCH_DIR:-build/bench}/review
rm -rf "$out"
mkdir -p "$out"
i=0
while [ $i -lt 250 ]; do
	d="$out/tree/p$((i % 10))"
	mkdir -p "$d"
	for s in samples/full.xml samples/full-prev.xml samples/focused.xml \
	    samples/basic.xml; do
		cp "$s" "$d/$i-$(basename "$s")"
	done
	i=$((i + 1))
done
printf 'documents: %s\n' "$(find "$out/tree" -name '*.xml' | wc -l)"
for j in 1 2; do
	s=$(date +%s%N)
	./pia review --batch "$out/tree" -j $j --today 2026-12-03 \
	    -o "$out/summary-j$j.json" 2>/dev/null || true
	e=$(date +%s%N)
	printf 'pia review --batch -j %s: %s ms\n' $j $(((e - s) / 1000000))
done
./pia review --batch "$out/tree" -j 2 -T html --today 2026-12-03 \
    -o "$out/summary.html" 2>/dev/null || true
