# pia help findings: every finding of the catalogue (model/catalogue.def)
# and every assert and report of the built-in rule sets, placeholders shown
# as … and N.  The list grows with the catalogue, so this checks what must
# hold of it and a few lines that must not change.
"$PIA" help findings > ja.txt || exit 1
"$PIA" help findings -T json > all.json || exit 1
head -n 3 ja.txt
# Every F() of the catalogue, and every assert and report of the rule
# sets, is listed once, in the text and in the JSON.
cat=$(grep -c '^F(' "$ROOT/model/catalogue.def")
rules=0
for f in "$ROOT"/validators/rules/*.sch; do
	n=$(xmllint --xpath "count(//*[local-name()='assert' or local-name()='report'][@id])" "$f")
	rules=$((rules + n))
done
[ "$(jq '[.findings[] | select(.set == "pia")] | length' all.json)" = "$cat" ] &&
    echo "every entry of the catalogue"
[ "$(jq '[.findings[] | select(.set != "pia")] | length' all.json)" = "$rules" ] &&
    echo "every rule of the rule sets"
[ "$(grep -c '^  [a-z]*: \[' ja.txt)" = $((cat + rules)) ] && echo "one line each"
grep -q "^指摘 $((cat + rules)) 種 (pia 本体 $cat、規則セット $rules)\$" ja.txt &&
    echo "total"
# No printf conversion is left in a message; every level is one of three.
jq -r '.findings[] | .message_ja, .message_en' all.json | grep -c '%[-0-9.]*[a-z]'
jq -r '.findings[].level' all.json | sort -u
# Lines of the catalogue and of a rule set, as printed.
grep -F -x '  error: [io] ファイルが大きすぎます (上限 N バイト)' ja.txt
grep -F -x '  error: [io] 出力ファイルを作成できません (…): …' ja.txt
grep -F -x '  error: [req-blank] …: 記入されていません (記載要領 (全ての項目に記載))' ja.txt
grep -F -x '規則セット required: 記入漏れ (required fields) (validators/rules/required.sch):' ja.txt
jq -c '.findings[] | select(.name == "IO_OPEN")' all.json
jq -c '.findings[] | select(.rule == "req-blank")' all.json
