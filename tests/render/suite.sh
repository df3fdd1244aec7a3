# tests/render/suite.sh: the renderer (pia render), sourced by tests/run.sh.
#
#   NAME.layout     golden layout dump (pia render -T layout) for each
#                   sample and for tests/render/*.xml; the first line holds
#                   the page count, so a change of pagination shows here
#   PDF checks      pdftotext finds every value of the sample (whitespace
#                   removed; dates as 和暦), pdffonts lists only embedded
#                   Japanese fonts, both weights and no Type 3 font, the PDF
#                   is at most 520 KB (full.xml, tagged, with its figure);
#                   tagged (structure, language ja, title shown, figures'
#                   /Alt), qpdf finds no damage; pdfinfo's page count
#                   matches the layout,
#                   two renders with SOURCE_DATE_EPOCH are byte-identical,
#                   metadata (title, author) is set
#   print tree      validates against templates/print.rng
#   HTML            self-contained and holds every value
#   public edition  --public leaves the text of public="no" parts out of
#                   the PDF's bytes; the full edition marks them
#   errors          invalid document, unwritable output, no Japanese font:
#                   clear message, exit status, no file left behind
# Regenerate the goldens with UPDATE=1 sh tests/run.sh (then review them).

render_values() {	# FILE -> the values, one per line, dates as 和暦
	xsltproc tests/render/values.xsl "$1" | awk '
	/^DATE / {
		split($2, d, "-"); y = d[1] + 0; m = d[2] + 0; dd = d[3] + 0
		k = y * 10000 + m * 100 + dd
		if (k >= 20190501) { e = "令和"; n = y - 2018 }
		else if (k >= 19890108) { e = "平成"; n = y - 1988 }
		else { e = "昭和"; n = y - 1925 }
		print e (n == 1 ? "元" : n) "年" m "月" dd "日"; next
	}
	$0 == "true" || $0 == "false" { next }
	{ print }'
}

render_squash() {	# stdin -> one line without any white space
	tr -d ' \t\r\n\f' | sed 's/　//g'
}

render_check_text() {	# PDF SAMPLE WORK LAYOUT -> missing values on stdout
	# The page body only (no running header, no page number), in the
	# order drawn, once across the whole width and once per table column
	# (boxes of the layout): a row split between pages then still reads
	# in one piece.  The header row of the change table, repeated on each
	# page, is taken out of both the text and the values.
	"$PROG_R" render -T print "$2" 2>/dev/null |
	    xmllint --xpath "//*[local-name()='row'][@header='yes'][1]/*" - 2>/dev/null |
	    sed 's/<[^>]*>/\n/g' | render_lines |
	    awk '{ print length($0), $0 }' | sort -rn | cut -d' ' -f2- > "$3/labels"
	: > "$3/texts"
	{ echo "0 596"; awk '$1 == "box" { printf "%d %d\n", $2, $4 + 1 }' "$4" | sort -u; } |
	while read -r x w; do
		pdftotext -enc UTF-8 -raw -x "$x" -y 50 -W "$w" -H 740 "$1" - | render_squash >> "$3/texts"
		echo >> "$3/texts"
	done
	render_values "$2" | render_lines | awk -v texts="$3/texts" -v labels="$3/labels" '
	function strip(s,   i, j) {
		for (i = 1; i <= nl; i++)
			while ((j = index(s, L[i])) > 0)
				s = substr(s, 1, j - 1) substr(s, j + length(L[i]))
		return s
	}
	BEGIN {
		while ((getline l < labels) > 0) if (length(l) > 0) L[++nl] = l
		while ((getline t < texts) > 0) { T[++nt] = t; S[nt] = strip(t) }
	}
	length($0) > 0 {
		for (i = 1; i <= nt; i++) if (index(T[i], $0)) next
		v = strip($0)
		for (i = 1; i <= nt; i++) if (index(S[i], v)) next
		print
	}'
}

render_lines() {	# stdin -> each line without white space
	tr -d ' \t\r\f' | sed 's/　//g'
}

stage_suite() {		# PROG LABEL
	PROG_R=$1
	rl=$2
	rw=$(mktemp -d)
	if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
		ko "$rl render: poppler-utils not installed (pdftotext, pdffonts)"
		rm -rf "$rw"
		return
	fi
	export SOURCE_DATE_EPOCH=1773619200
	export LSAN_OPTIONS="suppressions=$(pwd)/tests/render/lsan.supp:print_suppressions=0"

	# golden layout dumps
	for x in samples/full.xml samples/full-prev.xml samples/focused.xml samples/basic.xml \
	    tests/render/*.xml; do
		n=$(basename "$x" .xml)
		g=tests/render/$n.layout
		args="-T layout"
		case "$n" in changes-*) args="$args --only changes" ;; esac
		"$PROG_R" render $args "$x" > "$rw/$n.layout" 2> "$rw/$n.err"
		rc=$?
		if [ -n "${UPDATE:-}" ] && [ "$rl" = release ]; then
			cp "$rw/$n.layout" "$g"
		fi
		msg=""
		[ $rc -eq 0 ] || msg="exit status $rc: $(head -5 "$rw/$n.err")"
		if [ ! -f "$g" ]; then
			msg="$msg
missing golden $g"
		elif ! d=$(diff -u "$g" "$rw/$n.layout"); then
			msg="$msg
$(printf '%s\n' "$d" | head -30)"
		fi
		grep -qE 'Sanitizer|runtime error' "$rw/$n.err" && msg="$msg
$(head -20 "$rw/$n.err")"
		if [ -z "$msg" ]; then ok; else ko "$rl render layout $n" "$msg"; fi

		# 禁則: no line of text starts with closing punctuation
		bad=$(grep -E '^  (text|head) [0-9.]+ [0-9.]+ [、。，．）」』】〕？！ぁぃぅぇぉっゃゅょァィゥェォッャュョー々]' "$rw/$n.layout" | head -3)
		if [ -z "$bad" ]; then ok; else ko "$rl render kinsoku $n" "$bad"; fi

		# no heading ends a page, no box or option number apart from its label
		bad=$(awk -f tests/render/keep.awk "$rw/$n.layout" | head -5)
		if [ -z "$bad" ]; then ok; else ko "$rl render keep $n" "$bad"; fi

		# the print tree keeps its contract
		ptargs=""
		case "$n" in changes-*) ptargs="--only changes" ;; esac
		if "$PROG_R" render -T print $ptargs "$x" 2>/dev/null |
		    xmllint --noout --relaxng templates/print.rng - 2> "$rw/rng.err"; then
			ok
		else
			ko "$rl render print tree $n" "$(head -5 "$rw/rng.err")"
		fi
	done

	# PDFs of the samples (the release build only: the checks are about
	# the output, the ASan build runs the same code through the layouts)
	if [ "$rl" = release ]; then
		for s in full full-prev focused basic; do
			x=samples/$s.xml
			p="$rw/$s.pdf"
			"$PROG_R" render -o "$p" "$x" 2> "$rw/$s.err"
			if [ $? -ne 0 ] || [ ! -s "$p" ]; then
				ko "$rl render pdf $s" "$(head -5 "$rw/$s.err")"
				continue
			fi
			ok
			miss=$(render_check_text "$p" "$x" "$rw" "tests/render/$s.layout")
			if [ -z "$miss" ]; then ok; else ko "$rl render pdf text $s" "values not found in pdftotext output:
$(printf '%s\n' "$miss" | head -10)"; fi
			fonts=$(pdffonts "$p" | tail -n +3)
			badf=$(printf '%s\n' "$fonts" | awk 'NF && ($1 !~ /\+(NotoSansCJKjp|IPAexGothic)/ || $(NF-4) != "yes" || $(NF-3) != "yes")')
			if [ -n "$fonts" ] && [ -z "$badf" ]; then ok; else ko "$rl render pdf fonts $s" "$fonts"; fi
			# both weights, each a small desubroutinized subset (pdf.c):
			# the PDF stays within FOP's size for the same content
			size=$(wc -c < "$p")
			if printf '%s\n' "$fonts" | grep -q 'NotoSansCJKjp-Bold' &&
			    printf '%s\n' "$fonts" | grep -q 'NotoSansCJKjp-Regular' &&
			    ! printf '%s\n' "$fonts" | grep -q 'Type 3' &&
			    [ "$size" -le 520000 ]; then ok
			else ko "$rl render pdf size $s" "$size bytes; $fonts"; fi
			# accessible: tagged, language, title in the window, the
			# structure (headings, tables with header cells), a sound file
			acc=""
			pdfinfo "$p" | grep -q '^Tagged: *yes' || acc="$acc not-tagged"
			grep -aq '/Lang (ja)' "$p" || acc="$acc no-lang"
			grep -aq '/DisplayDocTitle true' "$p" || acc="$acc no-title-shown"
			st=$(pdfinfo -struct "$p" 2>&1)
			for e in Document H1 H2 Table TR TH TD; do
				printf '%s\n' "$st" | grep -q "^ *$e\b" || acc="$acc no-$e"
			done
			printf '%s\n' "$st" | grep -q 'Syntax Warning' && acc="$acc structure-warnings"
			if command -v qpdf >/dev/null 2>&1 && ! qpdf --check "$p" >/dev/null 2>&1; then
				acc="$acc qpdf-check"
			fi
			if [ -z "$acc" ]; then ok; else ko "$rl render pdf accessible $s" "$acc"; fi
			pages=$(pdfinfo "$p" | awk '/^Pages:/ { print $2 }')
			want=$(sed -n '1s/.* pages \([0-9]*\) .*/\1/p' "tests/render/$s.layout")
			if [ -n "$pages" ] && [ "$pages" = "$want" ]; then ok; else ko "$rl render pdf pages $s" "pdfinfo $pages, layout $want"; fi
			"$PROG_R" render -o "$rw/$s-2.pdf" "$x" 2>/dev/null
			if cmp -s "$p" "$rw/$s-2.pdf"; then ok; else ko "$rl render pdf reproducible $s" "two renders differ"; fi
			# links from the 項目一覧 and the outline of the sections
			nl=$(grep -a -c '/Subtype /Link' "$p")
			wl=$(grep -c '^  link ' "tests/render/$s.layout")
			if [ "$nl" = "$wl" ] && [ "$wl" -gt 0 ] && grep -aq '/Outlines' "$p" &&
			    grep -aq '/Dest (sec-basic-info)' "$p"; then ok
			else ko "$rl render pdf links $s" "links $nl, expected $wl; outline: $(grep -ac /Outlines "$p")"; fi
			info=$(pdfinfo "$p")
			title=$(xmllint --xpath "string(//*[local-name()='cover']/*[local-name()='title'])" "$x")
			org=$(xmllint --xpath "string(//*[local-name()='cover']/*[local-name()='organization'])" "$x")
			if printf '%s\n' "$info" | grep -qF "Title:           $title" &&
			    printf '%s\n' "$info" | grep -qF "Author:          $org" &&
			    printf '%s\n' "$info" | grep -q '^Keywords:' &&
			    printf '%s\n' "$info" | grep -q '^Subject:'; then ok
			else ko "$rl render pdf metadata $s" "$info"; fi
			# HTML: one file, no external resource, every value
			"$PROG_R" render -T html -o "$rw/$s.html" "$x" 2>/dev/null
			ext=$(grep -oE '(src|href)="[^#][^"]*"|@import|url\(' "$rw/$s.html" | head -3)
			miss=$(sed -e 's/<[^>]*>//g' -e 's/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' "$rw/$s.html" | render_squash > "$rw/html.txt"
			    render_values "$x" | render_lines |
			    awk -v body="$rw/html.txt" 'BEGIN { getline b < body } length($0) > 0 && index(b, $0) == 0')
			if [ -z "$ext" ] && [ -z "$miss" ]; then ok; else ko "$rl render html $s" "external: $ext
missing: $(printf '%s\n' "$miss" | head -5)"; fi
		done
		# nothing is ever dropped: a paragraph of 250,000 characters comes
		# out whole over many pages, every one of 150 record items too
		# (a sentence of 50 characters, 5,000 times)
		awk 'BEGIN { u = "特定個人情報ファイルの取扱いに当たっては、関係法令を遵守し、必要かつ適切な安全管理措置を講じている。"
			for (i = 0; i < 5000; i++) s = s u }
			/<remarks>/ { sub(/<remarks>[^<]*<\/remarks>/, "<remarks>" s "</remarks>") } { print }' \
		    samples/basic.xml > "$rw/huge.xml"
		xmllint --xpath 'string(//*[local-name()="remarks"])' "$rw/huge.xml" > "$rw/big.txt"
		"$PROG_R" render -o "$rw/huge.pdf" "$rw/huge.xml" 2>/dev/null
		got=$(pdftotext -enc UTF-8 -raw -x 0 -y 55 -W 596 -H 735 "$rw/huge.pdf" - 2>/dev/null |
		    render_squash | sed 's/(続き)//g')
		if [ "$(wc -m < "$rw/big.txt")" -ge 250000 ] && printf '%s' "$got" | grep -aqF -f "$rw/big.txt"; then ok
		else ko "$rl render huge paragraph" "the 250,000 characters do not come out whole ($(printf '%s' "$got" | wc -m) characters of text)"; fi
		items=$(awk 'BEGIN { for (i = 1; i <= 150; i++) printf "<item>記録項目第%d号</item>", i }')
		sed "s|<items>|<items>$items|" samples/focused.xml > "$rw/items.xml"
		"$PROG_R" render -o "$rw/items.pdf" "$rw/items.xml" 2>/dev/null
		got=$(pdftotext -enc UTF-8 "$rw/items.pdf" - 2>/dev/null | render_squash)
		miss=$(awk 'BEGIN { for (i = 1; i <= 150; i++) print "・記録項目第" i "号" }' |
		    while read -r it; do case "$got" in *"$it"*) ;; *) echo "$it" ;; esac; done | head -3)
		if [ -z "$miss" ]; then ok; else ko "$rl render many items" "missing: $miss"; fi
		# the figures of 別添1: JPEG embedded as it is, SVG and PDF as
		# vectors; a missing one is a warning with its path, and fails
		# only under --strict (nothing written then)
		"$PROG_R" render -o "$rw/fig.pdf" tests/render/figures.xml 2> "$rw/fig.err"
		rc=$?
		if [ $rc -eq 0 ] && grep -q 'warning: \[render-image\] .*tests/render/no-such-figure.png' "$rw/fig.err" &&
		    [ "$(pdfinfo -struct "$rw/fig.pdf" | grep -c 'Figure')" = 4 ] &&
		    [ "$(grep -ac '/Alt <FEFF' "$rw/fig.pdf")" = 4 ] &&
		    [ "$(grep -c render-image "$rw/fig.err")" = 1 ] &&
		    pdfimages -list "$rw/fig.pdf" | grep -q ' jpeg '; then ok
		else ko "$rl render figures" "rc $rc: $(cat "$rw/fig.err")"; fi
		"$PROG_R" render --strict -o "$rw/fig2.pdf" tests/render/figures.xml 2> "$rw/fig.err"
		rc=$?
		if [ $rc -eq 1 ] && [ ! -e "$rw/fig2.pdf" ] && grep -q 'no-such-figure.png' "$rw/fig.err"; then ok
		else ko "$rl render figures --strict" "rc $rc: $(cat "$rw/fig.err")"; fi
		# the public edition: a part marked public="no" prints as the
		# form's notice, its text in no byte of the PDF (pdftotext, and
		# the file with its streams uncompressed by qpdf, text as UTF-8 and
		# as the UTF-16BE hex of the metadata); the full edition prints it
		# after the mark
		sed -e 's|<remarks>[^<]*</remarks>|<remarks public="no">ZQXJW秘匿記載</remarks>|' \
		    -e 's|<task id="task-2">|<task id="task-2" public="no">|' \
		    -e 's|<title>個人住民税の賦課徴収に関する事務 全項目評価書</title>|<title public="no">ZQXJW秘匿表題</title>|' \
		    samples/full.xml > "$rw/pub.xml"
		"$PROG_R" render --force --public -o "$rw/pub.pdf" "$rw/pub.xml" 2>/dev/null
		"$PROG_R" render --force -o "$rw/full.pdf" "$rw/pub.xml" 2>/dev/null
		pt=$(pdftotext -enc UTF-8 "$rw/pub.pdf" - 2>/dev/null | render_squash)
		ft=$(pdftotext -enc UTF-8 "$rw/full.pdf" - 2>/dev/null | render_squash)
		leak=""
		for w in ZQXJW 秘匿記載 秘匿表題 '課税資料のデータ入力(パンチ入力)'; do
			case "$pt" in *"$w"*) leak="$leak pdftotext:$w" ;; esac
			case "$ft" in *"$w"*) ;; *) leak="$leak full-edition-lacks:$w" ;; esac
		done
		if command -v qpdf >/dev/null 2>&1; then
			qpdf --qdf --object-streams=disable "$rw/pub.pdf" "$rw/pub.qdf" 2>/dev/null
			grep -aq 'ZQXJW' "$rw/pub.qdf" && leak="$leak bytes:ZQXJW"
			grep -aqi '005A00510058004A0057' "$rw/pub.qdf" && leak="$leak bytes:UTF-16BE"
		else
			leak="$leak (qpdf not installed)"
		fi
		case "$pt" in *"(非公表)"*) ;; *) leak="$leak no-notice" ;; esac
		case "$ft" in *"【公表しない部分】"*) ;; *) leak="$leak no-mark" ;; esac
		if [ -z "$leak" ]; then ok; else ko "$rl render public edition" "$leak"; fi
		# an imported document: the importer's set-aside text in the
		# appendix 取り込めなかった記載; a part marked absent prints 原本に記載なし
		c=../shared/corpus/000_7d298ee1f4d6c27b.txt
		if [ -f "$c" ]; then
			./pia import -o "$rw/imp.xml" "$c" >/dev/null 2>&1
			"$PROG_R" render -o "$rw/imp.pdf" "$rw/imp.xml" 2>/dev/null
			it=$(pdftotext -enc UTF-8 "$rw/imp.pdf" - 2>/dev/null | render_squash)
			u=$(xmllint --xpath 'string(//*[local-name()="unplaced"][1])' "$rw/imp.xml" | render_squash)
			case "$it" in *取り込めなかった記載*"$u"*) ok ;;
			*) ko "$rl render imported appendix" "appendix or its text not found" ;; esac
		else
			echo "render: ../shared/corpus not present, imported appendix not tested"
		fi
		sed 's|<disclosure>|<disclosure absent="yes">|' samples/full.xml > "$rw/abs.xml"
		"$PROG_R" render -o "$rw/abs.pdf" "$rw/abs.xml" 2>/dev/null
		case "$(pdftotext -enc UTF-8 "$rw/abs.pdf" - 2>/dev/null | render_squash)" in
		*V開示請求、問合せ原本に記載なし*) ok ;; *) ko "$rl render absent section" "原本に記載なし not printed" ;; esac
		# the change table alone, as pia diff -T pdf will use it
		"$PROG_R" render --only changes -o "$rw/ch.pdf" tests/render/changes-only.xml 2>/dev/null
		if pdftotext -enc UTF-8 "$rw/ch.pdf" - 2>/dev/null | render_squash | grep -q '令和元年5月1日.*平成31年4月30日'; then ok
		else ko "$rl render pdf changes-only" "dates not found as 和暦"; fi
	fi

	# errors: nothing written
	cp tests/validate/wrong-option.xml "$rw/bad.xml"
	"$PROG_R" render -o "$rw/bad.pdf" "$rw/bad.xml" > "$rw/out" 2> "$rw/err"
	rc=$?
	if [ $rc -eq 1 ] && [ ! -e "$rw/bad.pdf" ] && grep -q '検証エラーがあるため出力しません' "$rw/err"; then ok
	else ko "$rl render invalid document" "rc $rc: $(cat "$rw/err")"; fi
	"$PROG_R" render -o "$rw/nodir/x.pdf" samples/basic.xml > "$rw/out" 2> "$rw/err"
	rc=$?
	if [ $rc -eq 3 ] && [ ! -e "$rw/nodir" ] && grep -q 'x.pdf' "$rw/err"; then ok
	else ko "$rl render unwritable output" "rc $rc: $(cat "$rw/err")"; fi
	printf '<fontconfig><dir>%s/nofonts</dir><cachedir>%s/cache</cachedir></fontconfig>\n' "$rw" "$rw" > "$rw/fonts.conf"
	mkdir -p "$rw/nofonts"
	FONTCONFIG_FILE="$rw/fonts.conf" "$PROG_R" render -o "$rw/nf.pdf" samples/basic.xml > "$rw/out" 2> "$rw/err"
	rc=$?
	if [ $rc -eq 3 ] && [ ! -e "$rw/nf.pdf" ] && grep -q '日本語フォントが見つかりません' "$rw/err" &&
	    [ -z "$(ls "$rw" | grep 'nf.pdf')" ]; then ok
	else ko "$rl render missing font" "rc $rc: $(cat "$rw/err")"; fi
	# a warning does not stop the output: a character no Japanese font has
	sed 's|<number>[^<]*</number>|<number>3 ☐</number>|' samples/basic.xml > "$rw/warn.xml"
	"$PROG_R" render -o "$rw/warn.pdf" "$rw/warn.xml" > "$rw/out" 2> "$rw/err"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$rw/warn.pdf" ] && grep -q 'warning: \[render-glyph\].*U+2610.*〓' "$rw/err" &&
	    ! pdffonts "$rw/warn.pdf" | tail -n +3 | grep -qv 'NotoSansCJKjp\|IPAexGothic'; then ok
	else ko "$rl render warning still renders" "rc $rc: $(cat "$rw/err")"; fi
	# an input is never modified, nothing is written beside it
	if [ -z "$(git status --porcelain samples 2>/dev/null)" ]; then ok
	else ko "$rl render wrote into samples/" "$(git status --porcelain samples)"; fi
	# memory: the renderer under valgrind (fontconfig's own losses aside)
	if [ "${VALGRIND:-}" = 1 ] && [ "$rl" = release ] && command -v valgrind >/dev/null 2>&1; then
		for args in "-T layout samples/full.xml" "-o $rw/vg.pdf samples/focused.xml" \
		    "-T html -o $rw/vg.html samples/basic.xml"; do
			vg=$(valgrind -q --trace-children=yes --num-callers=40 --leak-check=full --show-leak-kinds=definite \
			    --errors-for-leak-kinds=definite --error-exitcode=99 \
			    --suppressions=tests/render/valgrind.supp \
			    "$PROG_R" render $args 2>&1 >/dev/null)
			if [ $? -eq 99 ]; then ko "valgrind pia render $args" "$vg"; else ok; fi
		done
	fi
	unset SOURCE_DATE_EPOCH
	rm -rf "$rw"
}
