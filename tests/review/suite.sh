# tests/review/suite.sh: golden reports of pia review.
#
# The pairs are made from the samples when the suite runs (so that they
# follow the samples): OLD is samples/full-prev.xml, NEW samples/full.xml
# edited by sed as CASE says.  Expected output per case and format in
# CASE.out_text, CASE.out_json and CASE.out_en (text in English), exit
# status in CASE.rc (default 1).  Sourced by tests/run.sh, which provides
# ok, ko and $tmp.

REVIEW_TODAY=2026-12-03

# The edit of samples/full.xml for each case (sed script).
review_sed() {
	case $1 in
	samples)	echo '' ;;
	# the row of the ※ item states 事前: nothing to report
	honest)		echo '/<change id="change-12">/,/<\/change>/s/<timing>事後</<timing>事前</' ;;
	# the row of ②所属長の役職名 is dropped
	undeclared)	echo '/<change id="change-9">/,/<\/change>/d' ;;
	# the new 委託事項6 declared 事後
	timing)		echo '/<change id="change-10">/,/<\/change>/s/<timing>事前</<timing>事後</' ;;
	# the title declared as changed is left as it was
	not-made)	echo 's|<head-title>税務部参事兼市民税課長<|<head-title>市民税課長<|' ;;
	esac
}

review_case() {	# prog label case
	_n=tests/review/$3
	_rc_want=1
	case $1 in /*) _p=$1 ;; *) _p=$(pwd)/$1 ;; esac
	[ -f "$_n.rc" ] && _rc_want=$(cat "$_n.rc")
	sed "$(review_sed "$3")" samples/full.xml > "$tmp/review-$3.xml"
	for _f in text json en; do
		[ -f "$_n.out_$_f" ] || continue
		case $_f in
		en)	_args="-T text --lang en" ;;
		*)	_args="-T $_f" ;;
		esac
		( cd "$tmp" && "$_p" review $_args --today "$REVIEW_TODAY" \
		    "$OLDPWD/samples/full-prev.xml" "review-$3.xml" ) \
		    > "$tmp/r.out" 2> "$tmp/r.err"
		_rc=$?
		sed "s|$(pwd)/||g" "$tmp/r.out" > "$tmp/r.out2"
		_msg=""
		[ "$_rc" = "$_rc_want" ] || _msg="exit status $_rc, expected $_rc_want"
		if ! _d=$(diff -u "$_n.out_$_f" "$tmp/r.out2"); then
			_msg="$_msg
$_d"
		fi
		if [ -s "$tmp/r.err" ]; then
			_msg="$_msg
stderr: $(head -20 "$tmp/r.err")"
		fi
		if [ -z "$_msg" ]; then ok; else ko "$2 review $3 ($_f)" "$_msg"; fi
	done
}

stage_suite() {	# prog label
	for _c in samples honest undeclared timing not-made; do
		review_case "$1" "$2" "$_c"
	done
	review_batch "$1" "$2"
}

# The batch summary over the samples (golden), and over the corpus when
# present (it must give a summary, whatever the documents say).
review_batch() {	# prog label
	case $1 in /*) _p=$1 ;; *) _p=$(pwd)/$1 ;; esac
	"$_p" review --batch samples --today "$REVIEW_TODAY" \
	    > "$tmp/rb.out" 2> "$tmp/rb.err"
	_rc=$?
	_msg=""
	[ "$_rc" = 0 ] || _msg="exit status $_rc, expected 0"
	if ! _d=$(diff -u tests/review/batch-samples.out_json "$tmp/rb.out"); then
		_msg="$_msg
$_d"
	fi
	[ -s "$tmp/rb.err" ] && _msg="$_msg
stderr: $(head -20 "$tmp/rb.err")"
	if [ -z "$_msg" ]; then ok; else ko "$2 review batch samples" "$_msg"; fi
	_corpus=${PIA_CORPUS:-/work/shared/corpus}
	ls "$_corpus"/*.txt > /dev/null 2>&1 || return 0
	"$_p" review --batch "$_corpus" -j 2 -T json --today "$REVIEW_TODAY" \
	    > "$tmp/rc.out" 2> "$tmp/rc.err"
	_rc=$?
	if [ "$_rc" -le 1 ] && jq -e '.documents | length > 0' "$tmp/rc.out" \
	    > /dev/null 2>&1; then
		ok
	else
		ko "$2 review batch corpus" "exit status $_rc: $(head -5 "$tmp/rc.err")"
	fi
}
