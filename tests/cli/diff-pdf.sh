# pia diff -T pdf prints the 変更箇所 table alone, proposals marked (案).
cd "$ROOT" || exit 3
out=$(mktemp -d)
"$PIA" diff -T pdf --date 2026-02-02 -o "$out/changes.pdf" samples/full-prev.xml samples/full.xml
echo "exit $?"
pdftotext "$out/changes.pdf" - | tr -d ' \n' > "$out/text"
for want in '(別添3)変更箇所' '令和8年2月2日' '税務部参事兼市民税課長' '番号法第19条第10号' '事前(案)' '事後(案)'; do
	grep -qF "$want" "$out/text" && echo "found $want" || echo "MISSING $want"
done
pdfinfo "$out/changes.pdf" | sed -n 's/^Pages: *//p'
rm -rf "$out"
