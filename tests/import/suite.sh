# tests/import/suite.sh: pia import, sourced by tests/run.sh.
#
# Golden cases: each hand-made extract NAME.txt (fictional みどり川市,
# written for pia in the layout of the published text) is imported with
# -o; standard output must equal NAME.out_text, standard error NAME.err,
# the XML NAME.out_xml, the exit status NAME.rc (default 1).  Every XML
# written must pass pia validate (schema), the input must stay unchanged,
# and a failed import must leave no file.  NAME.out_json, when present, is
# the -T json output.
#
# Corpus cases (../shared/corpus beside the checkout, else
# /work/shared/corpus, or $PIA_CORPUS; skipped, saying so, when absent):
# each document imports, its XML passes pia validate, the findings include
# the real defects that form-full.md section 4 and form-focused.md list for
# it, at least 95% of its non-empty cells land in the model, and the rows
# of its 変更箇所 table are all recovered.

imp_corpus_dir() {
	if [ -n "${PIA_CORPUS:-}" ]; then
		printf '%s\n' "$PIA_CORPUS"
	elif [ -d "$(cd .. && pwd)/shared/corpus" ]; then
		printf '%s\n' "$(cd .. && pwd)/shared/corpus"
	elif [ -d /work/shared/corpus ]; then
		printf '%s\n' /work/shared/corpus
	fi
}

# imp_expect LABEL DOC FINDINGS "rule:line ..." : each must be present.
imp_expect() {
	miss=""
	for want in $4; do
		r=${want%%:*}
		l=${want#*:}
		grep -q ":$l: [a-z]*: \[$r\]" "$3" || miss="$miss $want"
	done
	if [ -z "$miss" ]; then ok; else
		ko "$1 import corpus $2: expected findings" "missing:$miss"
	fi
}

stage_suite() {
	prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	label=$2
	d=tests/import
	w="$tmp/$label-import"
	mkdir -p "$w"

	# Golden cases.
	for x in "$d"/*.txt; do
		n=${x%.txt}
		name=$(basename "$n")
		before=$(cksum < "$x")
		rm -f "$w/$name.xml"
		( cd "$d" && "$prog" import -o "$w/$name.xml" "$name.txt" ) \
		    > "$w/$name.out" 2> "$w/$name.err"
		rc=$?
		want=1
		[ -f "$n.rc" ] && want=$(cat "$n.rc")
		msg=""
		[ "$rc" = "$want" ] || msg="exit status $rc, expected $want"
		for s in out_text:out err:err out_xml:xml; do
			g=$n.${s%%:*}
			o=$w/$name.${s#*:}
			[ -f "$g" ] || continue
			if [ ! -f "$o" ]; then
				msg="$msg
no $o"
			elif ! df=$(diff -u "$g" "$o"); then
				msg="$msg
$df"
			fi
		done
		if [ "$want" = 3 ] && [ -e "$w/$name.xml" ]; then
			msg="$msg
a failed import wrote $name.xml"
		fi
		if [ -f "$w/$name.xml" ]; then
			v=$("$prog" validate --only schema "$w/$name.xml" 2>&1) ||
			    msg="$msg
pia validate: $v"
		fi
		[ "$(cksum < "$x")" = "$before" ] || msg="$msg
input was modified"
		grep -qE 'Sanitizer|runtime error' "$w/$name.err" && msg="$msg
$(head -20 "$w/$name.err")"
		if [ -z "$msg" ]; then ok; else ko "$label import $name" "$msg"; fi
		if [ -f "$n.out_json" ]; then
			( cd "$d" && "$prog" import -T json -o "$w/$name-j.xml" \
			    "$name.txt" ) > "$w/$name.json" 2>/dev/null
			if df=$(diff -u "$n.out_json" "$w/$name.json"); then ok; else
				ko "$label import $name (json)" "$df"
			fi
		fi
	done

	# Line ends and blank lines do not change the reading (issue 11):
	# CR-only and CR LF give the same XML; without blank lines (the
	# contents then run into the body) the same XML but for source lines.
	for v in cr crlf noblank; do
		case $v in
		cr) tr '\n' '\r' < "$d/full-midorigawa.txt" > "$w/v-$v.txt" ;;
		crlf) sed 's/$/\r/' "$d/full-midorigawa.txt" > "$w/v-$v.txt" ;;
		noblank) grep -v '^[[:space:]]*$' "$d/full-midorigawa.txt" \
		    > "$w/v-$v.txt" ;;
		esac
		"$prog" import -o "$w/v-$v.xml" "$w/v-$v.txt" > "$w/v-$v.out" \
		    2>&1
		rc=$?
		sed 's/ source-line="[0-9]*"//' "$w/v-$v.xml" > "$w/v-$v.cmp" \
		    2>/dev/null
		sed 's/ source-line="[0-9]*"//' "$d/full-midorigawa.out_xml" \
		    > "$w/v-orig.cmp"
		if [ "$rc" = 1 ] && cmp -s "$w/v-$v.cmp" "$w/v-orig.cmp" &&
		    ! grep -q 'import-structure' "$w/v-$v.out" &&
		    { [ $v = noblank ] ||
		    cmp -s "$w/v-$v.xml" "$d/full-midorigawa.out_xml"; }; then
			ok
		else
			ko "$label import line ends / blank lines: $v" \
			    "exit status $rc; $(diff "$w/v-orig.cmp" "$w/v-$v.cmp" | head -5)"
		fi
	done

	# A period given twice, the first unreadable: a finding, not an
	# internal error (issue 11 item 6).
	awk '/^②実施日・期間	/ { print "②実施日・期間	未定";
	    print; next } { print }' "$d/full-midorigawa.txt" > "$w/per2.txt"
	"$prog" import -o "$w/per2.xml" "$w/per2.txt" > "$w/per2.out" 2>&1
	rc=$?
	if [ "$rc" = 1 ] && grep -q 'import-conflict' "$w/per2.out" &&
	    "$prog" validate --only schema "$w/per2.xml" > /dev/null 2>&1; then
		ok
	else
		ko "$label import period given twice" "exit status $rc"
	fi

	# Without -o the XML goes to standard output, findings to stderr.
	( cd "$d" && "$prog" import full-midorigawa.txt ) > "$w/so.xml" \
	    2> "$w/so.err"
	if cmp -s "$w/so.xml" "$d/full-midorigawa.out_xml" &&
	    grep -q '\[import-count\]' "$w/so.err"; then ok; else
		ko "$label import to standard output" "$(head -5 "$w/so.err")"
	fi
	# Standard input, named <stdin>.
	"$prog" import -o "$w/stdin.xml" - < "$d/focused-two-files.txt" \
	    > "$w/stdin.out" 2>&1
	if cmp -s "$w/stdin.xml" "$d/focused-two-files.out_xml" &&
	    grep -q '^<stdin>:69: warning: \[import-tick\]' "$w/stdin.out"; then
		ok
	else
		ko "$label import from standard input" "$(head -5 "$w/stdin.out")"
	fi
	# --kind overrides the detection.
	( cd "$d" && "$prog" import --kind focused focused-notitle.txt ) \
	    > /dev/null 2> "$w/kind.err"
	if grep -q 'import-kind' "$w/kind.err"; then
		ko "$label import --kind" "$(cat "$w/kind.err")"
	else ok; fi
	# Usage errors exit 2, failures 3; a failed write leaves nothing.
	for args in "" "a.txt b.txt" "-T xml $d/basic-small.txt" \
	    "--kind huge $d/basic-small.txt" "-q $d/basic-small.txt"; do
		# shellcheck disable=SC2086
		"$prog" import $args > /dev/null 2>&1
		rc=$?
		if [ "$rc" = 2 ]; then ok; else
			ko "$label import usage '$args'" "exit status $rc, expected 2"
		fi
	done
	"$prog" import "$w/no-such.txt" > /dev/null 2> "$w/nf.err"
	rc=$?
	if [ "$rc" = 3 ] && grep -q 'no-such.txt' "$w/nf.err"; then ok; else
		ko "$label import missing file" "exit status $rc: $(cat "$w/nf.err")"
	fi
	"$prog" import -o "$w/no-dir/x.xml" "$d/basic-small.txt" > /dev/null \
	    2>&1
	rc=$?
	if [ "$rc" = 3 ] && [ ! -e "$w/no-dir" ]; then ok; else
		ko "$label import unwritable output" "exit status $rc"
	fi
	# -o naming a pipe or device writes to it, never replaces it.
	if command -v mkfifo > /dev/null 2>&1 && mkfifo "$w/fifo" 2>/dev/null; then
		cat "$w/fifo" > "$w/fifo.out" &
		"$prog" import -o "$w/fifo" "$d/basic-small.txt" > /dev/null 2>&1
		rc=$?
		wait
		if [ "$rc" = 0 ] && [ -p "$w/fifo" ] &&
		    cmp -s "$w/fifo.out" "$d/basic-small.out_xml"; then ok
		else ko "$label import -o a pipe" "exit status $rc"; fi
		rm -f "$w/fifo"
	fi
	# -o naming the input itself is refused; the input stays.
	cp "$d/basic-small.txt" "$w/same.txt"
	"$prog" import -o "$w/same.txt" "$w/same.txt" > /dev/null 2>&1
	rc=$?
	if [ "$rc" = 2 ] && cmp -s "$d/basic-small.txt" "$w/same.txt"; then ok
	else ko "$label import -o onto its input" "exit status $rc"; fi
	printf 'x\0y\n' > "$w/nul.txt"
	"$prog" import "$w/nul.txt" > "$w/nul.xml" 2> "$w/nul.err"
	rc=$?
	if [ "$rc" = 3 ] && [ ! -s "$w/nul.xml" ]; then ok; else
		ko "$label import binary input" "exit status $rc"
	fi

	# Under valgrind (check only): a corpus-sized extract, no leaks.
	if [ "${VALGRIND:-}" = 1 ] && [ "$label" = release ] &&
	    command -v valgrind > /dev/null 2>&1; then
		for x in "$d/full-midorigawa.txt" "$d/focused-two-files.txt"; do
			out=$(valgrind -q --leak-check=full \
			    --errors-for-leak-kinds=definite,indirect,possible \
			    --show-leak-kinds=definite,indirect,possible \
			    --error-exitcode=99 "$prog" import -o "$w/vg.xml" \
			    "$x" 2>&1 > /dev/null)
			if [ $? -eq 99 ]; then ko "valgrind pia import $x" "$out"
			else ok; fi
		done
	fi

	# The corpus.
	c=$(imp_corpus_dir)
	if [ -z "$c" ] || [ ! -d "$c" ]; then
		printf 'import: corpus not found (../shared/corpus): corpus cases skipped\n'
		return
	fi
	for spec in \
	    "000_7d298ee1f4d6c27b 233 import-count:211 import-english:311 import-english:317 import-foreign:376 import-placeholder:743 import-option:743 import-blank:184 import-blank:568 import-slot:73 import-slot:77 import-slot:144 import-missing:47 import-missing:152 import-label:311 import-label:376 import-path:487 import-path:568 import-path:551" \
	    "001_3952a093055427ae 39 import-optlist:37 import-optlist:190 import-optlist:198 import-blank:307 import-tick:92 import-label:234 import-path:274 import-path:288 import-path:300" \
	    "003_f774d01983e78196 0 import-foreign:55 import-blank:80 import-tick:98 import-tick:104 import-title:6 import-derived:76"; do
		set -- $spec
		doc=$1 rows=$2
		shift 2
		if [ ! -f "$c/$doc.txt" ]; then
			printf 'import: %s not in the corpus: skipped\n' "$doc"
			continue
		fi
		"$prog" import -T json -o "$w/$doc.xml" "$c/$doc.txt" \
		    > "$w/$doc.json" 2> "$w/$doc.err"
		rc=$?
		"$prog" import -o "$w/$doc-t.xml" "$c/$doc.txt" \
		    > "$w/$doc.find" 2> /dev/null
		msg=""
		[ "$rc" = 1 ] || msg="exit status $rc, expected 1"
		v=$("$prog" validate --only schema "$w/$doc.xml" 2>&1) || msg="$msg
pia validate: $v"
		cov=$(sed -n 's/.*"coverage":\([0-9.]*\).*/\1/p' "$w/$doc.json")
		got=$(sed -n 's/.*"changes":\([0-9]*\).*/\1/p' "$w/$doc.json")
		awk -v c="${cov:-0}" 'BEGIN { exit !(c >= 0.95) }' || msg="$msg
coverage $cov < 0.95"
		[ "$got" = "$rows" ] || msg="$msg
変更箇所 rows: $got, expected $rows"
		grep -qE 'Sanitizer|runtime error' "$w/$doc.err" && msg="$msg
$(head -20 "$w/$doc.err")"
		if [ -z "$msg" ]; then ok; else ko "$label import corpus $doc" "$msg"; fi
		imp_expect "$label" "$doc" "$w/$doc.find" "$*"
		chk=$(sed -n 's/.*"changes_checked":\([0-9]*\).*/\1/p' "$w/$doc.json")
		[ "$label" = release ] && printf 'import: %s: coverage %s, %s change rows (%s with every column checked), %s findings\n' \
		    "$doc" "$cov" "$got" "$chk" "$(grep -c . "$w/$doc.find")"
	done
}
