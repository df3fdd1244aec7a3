# pia diff -T layout: the layout of the printed 変更箇所 table (pia diff
# -T pdf), the changed words of an edited row marked ⟦-…⟧ (struck through,
# before) and ⟦+…⟧ (underlined, after) as in the HTML output; whole
# additions and deletions, and the other columns, carry no mark.
cd "$ROOT" || exit 3
out=$(mktemp -d)
"$PIA" diff -T layout --date 2026-02-02 samples/full-prev.xml samples/full.xml > "$out/lay"
echo "exit $?"
# The renumbered legal basis of 提供先2: only 9 / 10 are marked.
grep -F '番号法第19条第' "$out/lay" | sed 's/^ *text [0-9.]* [0-9.]* //'
# The department head's title: the words added only.
grep -F '税務部参事兼' "$out/lay" | sed 's/^ *text [0-9.]* [0-9.]* //'
# A whole addition (変更前 "-") has no mark on either side.
grep -F '申告書等の画像デー' "$out/lay" | sed 's/^ *text [0-9.]* [0-9.]* //'
# Marks only in the 変更前 / 変更後 columns: x of every marked line.
grep -F '⟦' "$out/lay" | awk '{ print $2 }' | sort | uniq -c
# Every mark is closed, on its line.
awk '{ o = gsub(/⟦/, "&"); c = gsub(/⟧/, "&"); if (o != c) print "unbalanced: " $0 }' "$out/lay"
rm -rf "$out"
