# tests/diff/suite.sh: golden cases of pia diff and pia history.
#
# Each case is CASE.old.xml + CASE.new.xml with the expected output per
# format in CASE.out_text (empty: the revisions are equal, exit 0; else
# exit 1), and where useful CASE.out_csv, .out_json, .out_xml, .out_html,
# and CASE.out_history (NEW after pia history).  CASE.args holds extra
# options.  Everything runs from the repository root with the date fixed.
# Sourced by tests/run.sh, which provides ok, ko and $tmp.

DIFF_DATE=2026-02-02

diff_case() {	# prog label case fmt old new args
	_exp=$3.out_$4
	[ -f "$_exp" ] || return 0
	"$1" diff -T "$4" --date "$DIFF_DATE" $7 "$5" "$6" \
	    > "$tmp/d.out" 2> "$tmp/d.err"
	_rc=$?
	_want=1
	[ -s "$3.out_text" ] || _want=0
	_msg=""
	[ "$_rc" = "$_want" ] || _msg="exit status $_rc, expected $_want"
	if ! _d=$(diff -u "$_exp" "$tmp/d.out"); then
		_msg="$_msg
$_d"
	fi
	if [ -s "$tmp/d.err" ]; then
		_msg="$_msg
stderr: $(head -20 "$tmp/d.err")"
	fi
	if [ -z "$_msg" ]; then ok; else ko "$2 diff $(basename "$3") ($4)" "$_msg"; fi
}

history_case() {	# prog label case old new args
	_exp=$3.out_history
	[ -f "$_exp" ] || return 0
	cp "$5" "$tmp/h.xml"
	"$1" history --date "$DIFF_DATE" "$4" "$tmp/h.xml" > "$tmp/h.out" 2> "$tmp/h.err"
	_rc=$?
	_msg=""
	[ "$_rc" = 0 ] || _msg="exit status $_rc: $(cat "$tmp/h.err")"
	if ! _d=$(diff -u "$_exp" "$tmp/h.xml"); then
		_msg="$_msg
$_d"
	fi
	# Twice adds nothing twice, and leaves the file alone.
	_sum=$(cksum < "$tmp/h.xml")
	"$1" history --date "$DIFF_DATE" "$4" "$tmp/h.xml" > /dev/null 2>&1 ||
	    _msg="$_msg
second run failed"
	[ "$(cksum < "$tmp/h.xml")" = "$_sum" ] || _msg="$_msg
second run changed the file"
	# The result is a valid assessment; its 変更箇所 is not content.
	"$1" validate --only schema "$tmp/h.xml" > "$tmp/h.val" 2>&1 || _msg="$_msg
invalid: $(cat "$tmp/h.val")"
	"$1" diff "$5" "$tmp/h.xml" > "$tmp/h.d" 2>&1 || _msg="$_msg
diff NEW RESULT is not empty: $(head -5 "$tmp/h.d")"
	if [ -z "$_msg" ]; then ok; else ko "$2 history $(basename "$3")" "$_msg"; fi
}

diff_expect() {	# prog label name want-rc want-stderr-pattern args...
	_p=$1 _l=$2 _n=$3 _w=$4 _pat=$5
	shift 5
	"$_p" "$@" > "$tmp/e.out" 2> "$tmp/e.err"
	_rc=$?
	if [ "$_rc" = "$_w" ] && grep -q -- "$_pat" "$tmp/e.err"; then
		ok
	else
		ko "$_l $_n" "exit status $_rc (expected $_w), stderr: $(cat "$tmp/e.err")"
	fi
}

stage_suite() {	# prog label
	for _o in tests/diff/*.old.xml; do
		_c=${_o%.old.xml}
		_args=""
		[ -f "$_c.args" ] && _args=$(cat "$_c.args")
		_before=$(cat "$_o" "$_c.new.xml" | cksum)
		for _f in text csv json xml html; do
			diff_case "$1" "$2" "$_c" "$_f" "$_o" "$_c.new.xml" "$_args"
		done
		history_case "$1" "$2" "$_c" "$_o" "$_c.new.xml"
		[ "$(cat "$_o" "$_c.new.xml" | cksum)" = "$_before" ] ||
		    ko "$2 diff $_c: an input was modified"
	done
	# The samples: full-prev.xml -> full.xml, checked by hand.
	for _f in text csv json xml html; do
		diff_case "$1" "$2" tests/diff/samples "$_f" \
		    samples/full-prev.xml samples/full.xml ""
	done
	history_case "$1" "$2" tests/diff/samples samples/full-prev.xml \
	    samples/full.xml

	# Usage and trouble: exit 2, as diff(1).
	diff_expect "$1" "$2" "diff -T bad" 2 "xls" diff -T xls \
	    samples/full-prev.xml samples/full.xml
	diff_expect "$1" "$2" "diff one file" 2 "OLD NEW" diff samples/full.xml
	diff_expect "$1" "$2" "diff bad date" 2 "2026-02-30" diff \
	    --date 2026-02-30 samples/full-prev.xml samples/full.xml
	diff_expect "$1" "$2" "diff other kind" 2 "full と focused" diff \
	    samples/full.xml samples/focused.xml
	diff_expect "$1" "$2" "diff missing file" 2 "nope.xml" diff \
	    samples/full.xml "$tmp/nope.xml"
	diff_expect "$1" "$2" "diff malformed" 2 "malformed.xml:" diff \
	    samples/full.xml tests/validate/malformed.xml
	diff_expect "$1" "$2" "history no date" 2 "--date" history \
	    samples/full-prev.xml samples/full.xml
	diff_expect "$1" "$2" "diff unwritable -o" 2 "/nonexistent" diff \
	    -o /nonexistent/d.csv samples/full-prev.xml samples/full.xml
	diff_expect "$1" "$2" "history unwritable -o" 3 "/nonexistent" history \
	    --date "$DIFF_DATE" -o /nonexistent/h.xml samples/full-prev.xml \
	    samples/full.xml
	# history -o leaves NEW alone and writes the result.
	_s=$(cksum < samples/full.xml)
	rm -f "$tmp/ho.xml"
	if "$1" history --date "$DIFF_DATE" -o "$tmp/ho.xml" \
	    samples/full-prev.xml samples/full.xml 2>/dev/null &&
	    [ "$(cksum < samples/full.xml)" = "$_s" ] && [ -s "$tmp/ho.xml" ]; then
		ok
	else
		ko "$2 history -o"
	fi
	# diff -o writes the file; an equal pair exits 0 with an empty table.
	if "$1" diff -T csv --force -o "$tmp/d.csv" samples/full.xml samples/full.xml &&
	    [ "$(head -c 12 "$tmp/d.csv")" = "$(printf '\357\273\277')変更日" ]; then
		ok
	else
		ko "$2 diff -o equal"
	fi

	if [ "${VALGRIND:-}" = 1 ] && [ "$2" = release ] &&
	    command -v valgrind >/dev/null 2>&1; then
		for _a in "diff -T html samples/full-prev.xml samples/full.xml" \
		    "diff -T xml tests/diff/entry-moved.old.xml tests/diff/entry-moved.new.xml" \
		    "history --date 2026-02-02 -o $tmp/vg.xml samples/full-prev.xml samples/full.xml"; do
			# --trace-children: the HTML is printed by pia-render.
			_out=$(valgrind -q --trace-children=yes \
			    --suppressions=tests/render/valgrind.supp \
			    --leak-check=full \
			    --show-leak-kinds=definite,indirect,possible \
			    --errors-for-leak-kinds=definite,indirect,possible \
			    --error-exitcode=99 "$1" $_a 2>&1 >/dev/null)
			if [ $? -eq 99 ]; then ko "valgrind pia $_a" "$_out"; else ok; fi
		done
	fi
}
