#!/bin/sh
# render.sh: rendering time, peak memory and PDF size of samples/full.xml
# of a ~60-page assessment (grow.xsl, times=4) and of a ~330 KB one
# (times=8), pia render side by side
# with Apache FOP and WeasyPrint on the same content: FOP gets the print
# tree turned into XSL-FO (print2fo.xsl), WeasyPrint gets pia's own HTML;
# both use Noto Sans CJK JP (FOP from an .otf cut out of the .ttc by
# ttc2otf.py).  Fair: every tool runs once unmeasured first (warm caches),
# then $RUNS rounds in each of which pia, FOP and WeasyPrint run one after
# the other (interleaved, so a change in the machine's load hits them
# alike); each tool's median and best of its $RUNS runs are reported, with
# whole-process wall time and peak RSS (GNU time); start-up is part of it.
# FOP and WeasyPrint are optional (Debian packages fop, weasyprint); they
# are not needed by make check.  Run from the top: sh tests/bench/render.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" SOURCE_DATE_EPOCH=1773619200
out=${BENCH_DIR:-build/bench}
RUNS=${RUNS:-5}
TIMES=${TIMES:-5}	# grow.xsl copies for the ~60-page document
mkdir -p "$out"
xsltproc --param times 8 tests/bench/grow.xsl samples/full.xml > "$out/big.xml"
xsltproc --param times "$TIMES" tests/bench/grow.xsl samples/full.xml > "$out/sixty.xml"
cp samples/full-flow.png "$out/"
for f in big sixty; do
	./pia validate "$out/$f.xml" >/dev/null 2>&1 || { echo "$f.xml does not validate"; exit 1; }
done

# measure CMD...: prints "seconds peakKB" of one run
measure() {
	/usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/err" || {
		echo "failed: $*" >&2; tail -5 "$out/err" >&2; echo "- -"; return 0; }
	cat "$out/time"
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
size() { [ -f "$1" ] && echo $(( $(wc -c < "$1") / 1024 )) || echo -; }

fopconf=""
if command -v fop >/dev/null 2>&1; then
	ttc=$(fc-list -f '%{file}|%{index}|%{family}\n' | awk -F'|' '$3 ~ /^Noto Sans CJK JP(,|$)/ && $1 ~ /Regular/ { print $1 "|" $2; exit }')
	ttb=$(fc-list -f '%{file}|%{index}|%{family}\n' | awk -F'|' '$3 ~ /^Noto Sans CJK JP(,|$)/ && $1 ~ /Bold/ { print $1 "|" $2; exit }')
	if [ -n "$ttc" ] && [ -n "$ttb" ]; then
		python3 tests/bench/ttc2otf.py "${ttc%|*}" "${ttc#*|}" "$out/NotoSansCJKjp-Regular.otf"
		python3 tests/bench/ttc2otf.py "${ttb%|*}" "${ttb#*|}" "$out/NotoSansCJKjp-Bold.otf"
		cat > "$out/fop.xconf" <<EOC
<fop version="1.0"><renderers><renderer mime="application/pdf"><fonts>
<font embed-url="file://$(pwd)/$out/NotoSansCJKjp-Regular.otf" kerning="yes">
<font-triplet name="NotoSansCJKjp" style="normal" weight="normal"/></font>
<font embed-url="file://$(pwd)/$out/NotoSansCJKjp-Bold.otf" kerning="yes">
<font-triplet name="NotoSansCJKjp" style="normal" weight="bold"/></font>
</fonts></renderer></renderers></fop>
EOC
		fopconf="$out/fop.xconf"
	fi
fi

# stats FILE: "median best peakMB" of the "seconds peakKB" lines in FILE
stats() {
	sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END {
		if (NR == 0 || t[1] == "-") { print "- - -"; exit }
		med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		printf "%.2f %.2f %d\n", med, t[1], m / 1024 }'
}

printf '%-10s %-16s %6s %8s %8s %9s %8s\n' tool input pages median best peak_MB pdf_KB
for f in samples/full.xml "$out/sixty.xml" "$out/big.xml"; do
	n=$(basename "$f" .xml)
	./pia render -T print -o "$out/$n.print.xml" "$f" 2>/dev/null
	./pia render -T html -o "$out/$n.html" "$f" 2>/dev/null
	[ -n "$fopconf" ] && xsltproc -o "$out/$n.fo" tests/bench/print2fo.xsl "$out/$n.print.xml"
	tools="pia"
	[ -n "$fopconf" ] && tools="$tools fop" || echo "fop: not installed (apt-get install fop), skipped"
	command -v weasyprint >/dev/null 2>&1 && tools="$tools weasyprint" ||
	    echo "weasyprint: not installed (apt-get install weasyprint), skipped"
	for t in $tools; do : > "$out/$n.$t.times"; done
	# round 0 warms every tool up and is not counted
	r=0
	while [ $r -le "$RUNS" ]; do
		for t in $tools; do
			case $t in
			pia) m=$(measure ./pia render -o "$out/$n.pia.pdf" "$f") ;;
			fop) m=$(measure fop -q -c "$fopconf" -fo "$out/$n.fo" -pdf "$out/$n.fop.pdf") ;;
			weasyprint) m=$(measure weasyprint "$out/$n.html" "$out/$n.weasyprint.pdf") ;;
			esac
			[ $r -gt 0 ] && echo "$m" >> "$out/$n.$t.times"
		done
		r=$((r + 1))
	done
	for t in $tools; do
		set -- $(stats "$out/$n.$t.times")
		printf '%-10s %-16s %6s %8s %8s %9s %8s\n' "$t" "$n ($(( $(wc -c < "$f") / 1024 )) KB)" \
		    "$(pages "$out/$n.$t.pdf")" "$1" "$2" "$3" "$(size "$out/$n.$t.pdf")"
		echo "$1" > "$out/$n.$t.median"
	done
	# speed-up (medians) against each peer
	for t in fop weasyprint; do
		[ -f "$out/$n.$t.median" ] || continue
		awk -v p="$(cat "$out/$n.pia.median")" -v o="$(cat "$out/$n.$t.median")" -v n="$n" -v t="$t" \
		    'BEGIN { if (p > 0 && o != "-") printf "%s: pia is %.1fx faster than %s (medians)\n", n, o / p, t }'
	done
	rm -f "$out"/"$n".*.median
done
