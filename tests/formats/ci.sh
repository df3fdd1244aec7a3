#!/bin/sh
# ci.sh README [PIA]: runs the commands of the README's CI examples (the
# "validate" step of the GitHub Actions workflow, the script lines of the
# GitLab job; not the lines that install pia) in a copy of samples/, with
# pia on PATH, and checks that they pass and that the SARIF and JUnit they
# write are valid.  Run by tests/formats/suite.sh.
set -u
readme=$1
pia=$(cd "$(dirname "${2:-./pia}")" && pwd)/$(basename "${2:-./pia}")
root=$(pwd)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir "$w/bin" "$w/repo"
ln -s "$pia" "$w/bin/pia"
cp samples/*.xml "$w/repo/"
# The run: | body of the step named validate, and the script: items.
awk '
/^```/ { inblock = !inblock; step = ""; next }
!inblock { next }
/^      - name: / { step = $3; inrun = 0; next }
step == "validate" && /^        run: \|/ { inrun = 1; next }
inrun && /^          / { sub(/^          /, ""); print > "'"$w"'/github.sh"; next }
inrun { inrun = 0 }
/^  script:/ { inscript = 1; next }
inscript && /^    - / { sub(/^    - /, ""); print > "'"$w"'/gitlab.sh"; next }
inscript { inscript = 0 }
' "$readme"
rc=0
for ci in github gitlab; do
	if [ ! -s "$w/$ci.sh" ]; then
		echo "$ci: no commands found in $readme"
		rc=1
		continue
	fi
	rm -f "$w/repo/pia.sarif" "$w/repo/pia.junit"
	# GitHub runs bash -e, GitLab set -eo pipefail: -e in both cases.
	if ! (cd "$w/repo" && PATH="$w/bin:$PATH" sh -e "$w/$ci.sh") \
	    > "$w/$ci.out" 2>&1; then
		echo "$ci: the commands failed:"
		cat "$w/$ci.sh" "$w/$ci.out"
		rc=1
		continue
	fi
	python3 "$root/tests/formats/jsonschema_check.py" \
	    "$root/tests/formats/sarif-schema-2.1.0.json" "$w/repo/pia.sarif" ||
	    rc=1
	xmllint --noout --schema "$root/tests/formats/junit-ant.xsd" \
	    "$w/repo/pia.junit" 2>&1 | grep -v ' validates$' && rc=1
	grep -q '<testsuite .*name="./full.xml"' "$w/repo/pia.junit" ||
	    { echo "$ci: full.xml not in the JUnit report"; rc=1; }
done
exit $rc
