#!/bin/sh
# render.sh: rendering time, peak memory and PDF size of samples/full.xml
# of a ~60-page assessment (grow.xsl, times=4) and of a ~330 KB one
# (times=8), pia render side by side
# with Apache FOP and WeasyPrint on the same content: FOP gets the print
# tree turned into XSL-FO (print2fo.xsl), WeasyPrint gets pia's own HTML;
# both use Noto Sans CJK JP (FOP from an .otf cut out of the .ttc by
# ttc2otf.py).  Whole-process wall time and peak RSS (GNU time), best of
# $RUNS for pia, one run for the others (their start-up is part of it).
# FOP and WeasyPrint are optional (Debian packages fop, weasyprint); they
# are not needed by make check.  Run from the top: sh tests/bench/render.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" SOURCE_DATE_EPOCH=1773619200
out=${BENCH_DIR:-build/bench}
RUNS=${RUNS:-5}
mkdir -p "$out"
xsltproc --param times 8 tests/bench/grow.xsl samples/full.xml > "$out/big.xml"
xsltproc --param times 4 tests/bench/grow.xsl samples/full.xml > "$out/sixty.xml"
for f in big sixty; do
	./pia validate "$out/$f.xml" >/dev/null 2>&1 || { echo "$f.xml does not validate"; exit 1; }
done

# measure CMD...: prints "seconds peakKB" of one run
measure() {
	/usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/err" || {
		echo "failed: $*" >&2; tail -5 "$out/err" >&2; echo "- -"; return 0; }
	cat "$out/time"
}

best() {	# runs CMD...: the fastest of RUNS runs, with its peak memory
	b=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		r=$(measure "$@")
		if [ -z "$b" ] || [ "$(echo "$r" | awk -v b="$b" '{ split(b, x, " "); print ($1 < x[1]) }')" = 1 ]; then
			b=$r
		fi
		i=$((i + 1))
	done
	echo "$b"
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

printf '%-10s %-16s %6s %8s %9s %8s\n' tool input pages seconds peak_MB pdf_KB
for f in samples/full.xml "$out/sixty.xml" "$out/big.xml"; do
	n=$(basename "$f" .xml)
	r=$(best ./pia render -o "$out/$n.pia.pdf" "$f")
	printf '%-10s %-16s %6s %8s %9s %8s\n' pia "$n ($(( $(wc -c < "$f") / 1024 )) KB)" \
	    "$(pages "$out/$n.pia.pdf")" "${r% *}" "$(( ${r#* } / 1024 ))" "$(size "$out/$n.pia.pdf")"
	echo "$r" > "$out/$n.pia.time"
	./pia render -T print -o "$out/$n.print.xml" "$f" 2>/dev/null
	./pia render -T html -o "$out/$n.html" "$f" 2>/dev/null
	if [ -n "$fopconf" ]; then
		xsltproc -o "$out/$n.fo" tests/bench/print2fo.xsl "$out/$n.print.xml"
		r=$(measure fop -q -c "$fopconf" -fo "$out/$n.fo" -pdf "$out/$n.fop.pdf")
		printf '%-10s %-16s %6s %8s %9s %8s\n' fop "$n" "$(pages "$out/$n.fop.pdf")" \
		    "${r% *}" "$(echo "${r#* }" | awk '{ print ($1 == "-") ? "-" : int($1 / 1024) }')" "$(size "$out/$n.fop.pdf")"
		echo "$r" > "$out/$n.fop.time"
	else
		echo "fop: not installed (apt-get install fop), skipped"
	fi
	if command -v weasyprint >/dev/null 2>&1; then
		r=$(measure weasyprint "$out/$n.html" "$out/$n.weasy.pdf")
		printf '%-10s %-16s %6s %8s %9s %8s\n' weasyprint "$n" "$(pages "$out/$n.weasy.pdf")" \
		    "${r% *}" "$(echo "${r#* }" | awk '{ print ($1 == "-") ? "-" : int($1 / 1024) }')" "$(size "$out/$n.weasy.pdf")"
		echo "$r" > "$out/$n.weasy.time"
	else
		echo "weasyprint: not installed (apt-get install weasyprint), skipped"
	fi
	# speed-up against the faster of the two
	awk -v p="$(cut -d' ' -f1 "$out/$n.pia.time")" \
	    -v f="$(cut -d' ' -f1 "$out/$n.fop.time" 2>/dev/null || echo -)" \
	    -v w="$(cut -d' ' -f1 "$out/$n.weasy.time" 2>/dev/null || echo -)" -v n="$n" 'BEGIN {
		m = ""; if (f != "-" && f != "") m = f
		if (w != "-" && w != "" && (m == "" || w + 0 < m + 0)) m = w
		if (m != "" && p > 0) printf "%s: pia is %.1fx faster than the faster of FOP and WeasyPrint\n", n, m / p
	}'
	rm -f "$out/$n.fop.time" "$out/$n.weasy.time"
done
