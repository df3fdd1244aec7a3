# tests/fuzz/suite.sh: replays the seed corpora and every past crash input
# (tests/fuzz/crashes/NAME/) through the libFuzzer harnesses, built without
# libFuzzer (tests/fuzz/driver.c); a broken promise or a sanitizer report
# fails.  Sourced by tests/run.sh, which provides ok, ko and $tmp.

stage_suite() {	# prog label
	case $2 in
	asan)	_b=${PIA_SAN_BUILD:-build/asan} ;;
	*)	_b=$BUILD ;;
	esac
	sh tests/fuzz/seeds.sh "$tmp/fuzz-seeds" || { ko "$2 fuzz seeds"; return; }
	for _n in validate import diff rules render; do
		_h=$_b/tests/fuzz/fuzz_$_n
		if [ ! -x "$_h" ]; then
			ko "$2 fuzz $_n: $_h not built"
			continue
		fi
		_out=$("$_h" "$tmp/fuzz-seeds/fuzz_$_n" 2>&1)
		_rc=$?
		if [ "$_rc" -ne 0 ] || printf '%s\n' "$_out" |
		    grep -qE 'Sanitizer|runtime error|broken promise'; then
			ko "$2 fuzz replay $_n" "$(printf '%s\n' "$_out" | head -30)"
		else
			ok
		fi
	done
}
