# tests/formats/suite.sh: the machine-readable outputs against the schemas
# their consumers use: SARIF 2.1.0 (OASIS schema), JUnit (the Ant schema
# that Jenkins and GitLab follow), the JSON of validate and diff (our own
# schemas, tests/formats/pia-*.schema.json), GitHub workflow commands, and
# the CSV of diff; each also with hostile file names (markup characters,
# a newline, bytes that are not UTF-8).  Sourced by tests/run.sh, which
# provides ok, ko and $tmp.

fmt_json() {	# label name schema file...
	_l=$1 _n=$2 _s=$3
	shift 3
	if _o=$(python3 tests/formats/jsonschema_check.py "tests/formats/$_s" "$@" 2>&1); then
		ok
	else
		ko "$_l formats $_n" "$_o"
	fi
}

fmt_junit() {	# label name file
	if _o=$(xmllint --noout --schema tests/formats/junit-ant.xsd "$3" 2>&1); then
		ok
	else
		ko "$1 formats $2" "$_o"
	fi
}

fmt_check() {	# label name condition-status message
	if [ "$3" = 0 ]; then ok; else ko "$1 formats $2" "$4"; fi
}

stage_suite() {	# prog label
	_p=$1 _l=$2 _t=$tmp/formats
	rm -rf "$_t"
	mkdir -p "$_t/hostile"
	# Names that break naive writers: XML markup, quotes, a newline,
	# CSV and annotation separators, a Latin-1 byte (not UTF-8).
	for _n in 'a"<&'"'"'>.xml' "$(printf 'new\nline.xml')" 'c,d:e%.xml' \
	    "$(printf 'latin\351.xml')"; do
		cp tests/validate/bad-date.xml "$_t/hostile/$_n"
	done
	cp samples/basic.xml "$_t/hostile/ok.xml"
	_in="samples tests/validate $_t/hostile $_t/missing.xml"

	"$_p" validate -T sarif $_in > "$_t/v.sarif" 2>/dev/null
	fmt_json "$_l" "sarif schema" sarif-schema-2.1.0.json "$_t/v.sarif"
	python3 - "$_t/v.sarif" <<'PY'
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert run["automationDetails"]["id"]
for r in rules:
    for k in ("name", "shortDescription", "fullDescription", "help"):
        assert k in r, (r["id"], k)
for res in run["results"]:
    assert res["partialFingerprints"], res
    if "ruleIndex" in res:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
PY
	fmt_check "$_l" "sarif rules and fingerprints" $? "see above"

	"$_p" validate -T json $_in > "$_t/v.json" 2>/dev/null
	fmt_json "$_l" "validate json schema" pia-validate.schema.json "$_t/v.json"
	grep -q 'latin\\ufffd.xml' "$_t/v.json"
	fmt_check "$_l" "json invalid UTF-8 as U+FFFD" $? \
	    "$(grep -o 'latin[^"]*' "$_t/v.json" | head -1)"

	"$_p" validate -T junit $_in > "$_t/v.junit" 2>/dev/null
	fmt_junit "$_l" "junit schema" "$_t/v.junit"
	# An unreadable file is an <error>, not a failure of the document.
	grep -A3 'name="[^"]*missing.xml"' "$_t/v.junit" | grep -q '<error type="io"'
	fmt_check "$_l" "junit unreadable file as error" $? \
	    "$(grep -A3 'missing.xml' "$_t/v.junit")"
	# No name can add an element: one <testsuite> per file.
	_n=$(grep -c '<testsuite ' "$_t/v.junit")
	_w=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["files"]))' "$_t/v.json")
	[ "$_n" = "$_w" ]
	fmt_check "$_l" "junit one suite per file" $? "$_n suites for $_w files"
	# Test names do not move when lines are added above the findings.
	{ sed -n 1p tests/validate/bad-date.xml; printf '<!-- a -->\n<!-- b -->\n';
	  sed 1d tests/validate/bad-date.xml; } > "$_t/shifted.xml"
	cp tests/validate/bad-date.xml "$_t/unshifted.xml"
	for _f in shifted unshifted; do
		"$_p" validate -T junit "$_t/$_f.xml" 2>/dev/null |
		    sed -n 's/.*<testcase [^>]* name="\([^"]*\)".*/\1/p' > "$_t/$_f.names"
	done
	[ -s "$_t/shifted.names" ] && cmp -s "$_t/shifted.names" "$_t/unshifted.names"
	fmt_check "$_l" "junit names stable across line shifts" $? \
	    "$(diff "$_t/unshifted.names" "$_t/shifted.names")"

	# GitHub annotations: one line per finding, properties escaped.
	"$_p" validate -T github $_in > "$_t/v.gh" 2>/dev/null
	_n=$(wc -l < "$_t/v.gh")
	_w=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$_t/v.json")
	[ "$_n" = "$_w" ] && ! grep -qv '^::\(error\|warning\|notice\) ' "$_t/v.gh"
	fmt_check "$_l" "github one command per finding" $? "$_n lines for $_w findings"
	grep -q '^::error file=[^,]*/hostile/c%2Cd%3Ae%25.xml,line=4,title=pia schema::' "$_t/v.gh" &&
	    grep -q '^::error file=[^,]*/hostile/new%0Aline.xml,line=2,' "$_t/v.gh"
	fmt_check "$_l" "github property escaping" $? "$(grep hostile "$_t/v.gh" | head -4)"

	# diff -T json against its schema, with a name that is not UTF-8.
	cp samples/full-prev.xml "$_t/$(printf 'prev\351.xml')"
	"$_p" diff -T json --date 2026-02-02 "$_t/$(printf 'prev\351.xml')" \
	    samples/full.xml > "$_t/d.json" 2>/dev/null
	fmt_json "$_l" "diff json schema" pia-diff.schema.json "$_t/d.json" \
	    tests/diff/*.out_json

	# diff -T csv: a value that a spreadsheet would run as a formula.
	sed 's|<head-title>総務部参事兼総務課長</head-title>|<head-title>=HYPERLINK("http://x","y")</head-title>|' \
	    tests/diff/field-edit.new.xml > "$_t/formula.xml"
	"$_p" diff -T csv --date 2026-02-02 tests/diff/field-edit.old.xml \
	    "$_t/formula.xml" > "$_t/d.csv" 2>/dev/null
	grep -q ',"'"'"'=HYPERLINK(""http://x"",""y"")",' "$_t/d.csv" &&
	    [ "$(head -c 3 "$_t/d.csv")" = "$(printf '\357\273\277')" ]
	fmt_check "$_l" "csv formula neutralised, BOM" $? "$(cat "$_t/d.csv")"

	# The README's CI examples, run as written (release build only).
	if [ "$_l" = release ]; then
		_o=$(sh tests/formats/ci.sh README.md "$_p" 2>&1)
		fmt_check "$_l" "README CI examples" $? "$_o"
	fi
}
