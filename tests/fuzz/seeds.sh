#!/bin/sh
# seeds.sh DIR: writes the seed corpora of the harnesses into DIR/NAME
# (a build directory, never the repository), from the samples, the tests
# and, when present, ../shared/corpus (read here, never copied into the
# repository), plus the past crash inputs of tests/fuzz/crashes/NAME.
# Run from the repository root.
set -eu
out=$1
rm -rf "$out"
for n in validate import diff rules render; do
	mkdir -p "$out/fuzz_$n"
	if [ -d "tests/fuzz/crashes/fuzz_$n" ]; then
		cp tests/fuzz/crashes/fuzz_$n/* "$out/fuzz_$n/" 2>/dev/null || :
	fi
done
cp samples/*.xml tests/validate/*.xml "$out/fuzz_validate/"
cp samples/*.xml tests/render/*.xml "$out/fuzz_render/"
cp tests/import/*.txt "$out/fuzz_import/"
for f in ../shared/corpus/*; do
	[ -f "$f" ] || continue
	case $f in *.md) continue ;; esac
	cp "$f" "$out/fuzz_import/shared-$(basename "$f")"
done
cp validators/rules/*.sch samples/*.sch "$out/fuzz_rules/"
pair() {	# old new name
	{ cat "$1"; printf '\n--8<--\n'; cat "$2"; } > "$out/fuzz_diff/$3"
}
pair samples/full-prev.xml samples/full.xml samples
for o in tests/diff/*.old.xml; do
	c=${o%.old.xml}
	pair "$o" "$c.new.xml" "$(basename "$c")"
done
