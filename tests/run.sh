#!/bin/sh
# run.sh: the whole test suite.  For each build (release, and with
# PIA_SAN_PROG the ASan/UBSan one): the cmocka unit tests, the CLI golden
# tests (tests/cli/NAME.sh with NAME.out, NAME.err, NAME.rc) and the
# validation golden tests (tests/validate/NAME.xml with NAME.out_text and
# NAME.out_json).  With VALGRIND=1 the samples are also run under
# valgrind.  Ends with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 3
export PIA_DATADIR="$(pwd)" PIA_LANG=ja NO_COLOR=1 LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
# Cairo loses 768 bytes when it finishes a PDF and fontconfig keeps its
# configuration: library leaks, not ours (see tests/render/*.supp).
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
PIA=${PIA:-./pia}
BUILD=${BUILD:-build/rel}
pass=0
fail=0
failed=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); failed="$failed
  $1"; printf 'FAIL: %s\n' "$1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /' | head -40; }

unit() {	# build label
	for t in "$1"/tests/unit/test_*; do
		[ -x "$t" ] || continue
		out=$("$t" 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
		pass=$((pass + ${p:-0}))
		if [ "$rc" -ne 0 ] || [ -n "$f" ]; then
			fail=$((fail + ${f:-1}))
			failed="$failed
  $2 unit $(basename "$t")"
			printf 'FAIL: %s unit %s\n' "$2" "$(basename "$t")"
			printf '%s\n' "$out" | grep -E 'FAILED|ERROR|error|Sanitizer|runtime error' | head -20 | sed 's/^/    /'
		fi
	done
}

cli() {		# prog label
	for c in tests/cli/*.sh; do
		n=${c%.sh}
		name=$(basename "$n")
		w="$tmp/$2-cli-$name"
		mkdir -p "$w"
		( cd "$w" && PIA="$OLDPWD/$1" ROOT="$OLDPWD" sh "$OLDPWD/$c" ) \
		    >"$w.out" 2>"$w.err"
		rc=$?
		want=0
		[ -f "$n.rc" ] && want=$(cat "$n.rc")
		msg=""
		[ "$rc" = "$want" ] || msg="exit status $rc, expected $want"
		if [ -f "$n.out" ] && ! d=$(diff -u "$n.out" "$w.out"); then
			msg="$msg
$d"
		fi
		if [ -f "$n.err" ] && ! d=$(diff -u "$n.err" "$w.err"); then
			msg="$msg
$d"
		fi
		if grep -qE 'Sanitizer|runtime error' "$w.err"; then
			msg="$msg
$(grep -E -A5 'Sanitizer|runtime error' "$w.err" | head -20)"
		fi
		if [ -z "$msg" ]; then ok; else ko "$2 cli $name" "$msg"; fi
	done
}

validate() {	# prog label
	for x in tests/validate/*.xml; do
		n=${x%.xml}
		name=$(basename "$n")
		before=$(cksum < "$x")
		ls tests/validate > "$tmp/ls-before"
		for fmt in text json; do
			[ -f "$n.out_$fmt" ] || continue
			"$1" validate -T "$fmt" "$x" > "$tmp/v.out" 2> "$tmp/v.err"
			rc=$?
			want=1
			case "$name" in ok-*) want=0 ;; esac
			msg=""
			[ "$rc" = "$want" ] || msg="exit status $rc, expected $want"
			if ! d=$(diff -u "$n.out_$fmt" "$tmp/v.out"); then
				msg="$msg
$d"
			fi
			if grep -qE 'Sanitizer|runtime error' "$tmp/v.err"; then
				msg="$msg
$(head -20 "$tmp/v.err")"
			fi
			[ "$(cksum < "$x")" = "$before" ] || msg="$msg
input was modified"
			ls tests/validate | diff "$tmp/ls-before" - >/dev/null ||
			    msg="$msg
a file was written beside the input"
			if [ -z "$msg" ]; then ok; else ko "$2 validate $name ($fmt)" "$msg"; fi
		done
	done
}

suite() {	# prog build label
	if [ ! -x "$1" ]; then
		ko "$3: $1 not built"
		return
	fi
	unit "$2" "$3"
	cli "$1" "$3"
	validate "$1" "$3"
	# Each stage may bring its own golden tests as tests/STAGE/suite.sh,
	# defining stage_suite PROG LABEL and using ok / ko.
	for s in tests/*/suite.sh; do
		[ -f "$s" ] || continue
		unset -f stage_suite 2>/dev/null
		. "./$s"
		stage_suite "$1" "$3"
	done
}

suite "$PIA" "$BUILD" release
if [ -n "${PIA_SAN_PROG:-}" ]; then
	suite "$PIA_SAN_PROG" "${PIA_SAN_BUILD:-build/asan}" asan
fi
if [ "${VALGRIND:-}" = 1 ]; then
	if command -v valgrind >/dev/null 2>&1; then
		for args in "validate samples/full.xml samples/full-prev.xml samples/focused.xml samples/basic.xml" \
		    "validate -T json samples" "new --kind full" \
		    "validate tests/validate"; do
			out=$(valgrind -q --trace-children=yes --suppressions=tests/render/valgrind.supp --leak-check=full --show-leak-kinds=definite,indirect,possible \
			    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
			    "$PIA" $args 2>&1 >/dev/null)
			if [ $? -eq 99 ]; then ko "valgrind pia $args" "$out"; else ok; fi
		done
	else
		ko "valgrind not installed"
	fi
fi

if [ "$fail" -ne 0 ]; then
	printf '\nfailed:%s\n' "$failed"
fi
printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
