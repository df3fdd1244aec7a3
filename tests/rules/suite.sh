# suite.sh: the rule sets and the rule engine.  Sourced by tests/run.sh,
# which calls stage_suite PROG LABEL; reports with ok / ko.
#
# Each built-in rule has a case that fires and one that does not: a
# sample (clean) or a sample changed by a sed expression, validated with
# --only ID so that only that rule can answer.

# rcase PROG LABEL fire|quiet ID SAMPLE SED [ARGS...]
rcase() {
	_p=$1 _l=$2 _w=$3 _id=$4 _s=$5 _e=$6
	shift 6
	_f="$RT/$_id-$_w.xml"
	if [ -n "$_e" ]; then sed -e "$_e" "$_s" > "$_f"; else cp "$_s" "$_f"; fi
	if [ -n "$_e" ] && cmp -s "$_s" "$_f"; then
		ko "$_l rules $_id ($_w)" "the sed expression changed nothing"
		return
	fi
	_o=$("$_p" validate --today 2026-06-01 --only "$_id" "$@" "$_f" 2>&1)
	if grep -qE 'Sanitizer|runtime error' <<EOT
$_o
EOT
	then
		ko "$_l rules $_id ($_w)" "$_o"
	elif [ "$_w" = fire ] && printf '%s\n' "$_o" | grep -q "\[$_id\]"; then
		ok
	elif [ "$_w" = quiet ] && ! printf '%s\n' "$_o" | grep -q "\[$_id\]"; then
		ok
	else
		ko "$_l rules $_id ($_w)" "$_o"
	fi
}

# A document from a heredoc (minimal documents for structural cases).
doc() {
	cat > "$RT/$1.xml"
}

# expect LABEL NAME WANT_RC CMD...: runs CMD, checks exit status.
expect_rc() {
	_l=$1 _n=$2 _rc=$3
	shift 3
	"$@" > "$RT/out" 2> "$RT/err"
	_r=$?
	if [ "$_r" = "$_rc" ] && ! grep -qE 'Sanitizer|runtime error' "$RT/err"; then
		ok
	else
		ko "$_l $_n" "exit status $_r, expected $_rc
$(head -20 "$RT/out" "$RT/err")"
	fi
}

stage_suite() {
	P=$1
	L=$2
	RT=$(mktemp -d)
	F=samples/full.xml
	Q=samples/focused.xml
	B=samples/basic.xml

	# --- required ---
	rcase $P $L fire req-blank $F 's|<number>3</number>|<number></number>|'
	rcase $P $L quiet req-blank $F ''
	rcase $P $L fire req-missing $F '/<number>3<\/number>/d'
	rcase $P $L quiet req-missing $F ''
	rcase $P $L fire req-placeholder $F 's|<number>3</number>|<number>－</number>|'
	rcase $P $L quiet req-placeholder $F ''
	doc nofiles <<'X'
<assessment xmlns="urn:pia:assessment:1" kind="focused"><cover/><files/></assessment>
X
	rcase $P $L fire req-files "$RT/nofiles.xml" ''
	rcase $P $L quiet req-files $Q ''
	rcase $P $L fire req-systems $F '/<system id="system-/,/<\/system>/d'
	rcase $P $L quiet req-systems $F ''
	rcase $P $L fire req-business-flow $F '163s|<diagram>.*</diagram>|<diagram/>|; 164,/<\/notes>/d'
	rcase $P $L quiet req-business-flow $F ''
	rcase $P $L fire req-subdelegation-permission $F '/<permission>/,/<\/permission>/d'
	rcase $P $L quiet req-subdelegation-permission $F ''
	rcase $P $L fire req-subdelegation-matters $F 's|<matters>税制改正.*</matters>|<matters/>|'
	rcase $P $L quiet req-subdelegation-matters $F ''
	rcase $P $L fire req-incident-content $F 's|<status>発生なし</status>|<status>発生あり</status>|'
	rcase $P $L quiet req-incident-content $F ''
	rcase $P $L fire req-incident-prevention $F 's|<status>発生なし</status>|<status>発生あり</status>|'
	rcase $P $L quiet req-incident-prevention $F 's|<status>発生なし</status>|<status>発生あり</status>|; s|<content/>|<content>誤送付</content>|; s|<prevention/>|<prevention>二重確認</prevention>|'
	rcase $P $L fire req-deceased-method $F 's|<method>死亡した納税義務者.*</method>|<method/>|'
	rcase $P $L quiet req-deceased-method $F 's|<status>保管している</status>|<status>保管していない</status>|; s|<method>死亡した納税義務者.*</method>|<method/>|'
	rcase $P $L fire req-delegation-tasks $F '/<task id=/,/<\/task>/d'
	rcase $P $L quiet req-delegation-tasks $F ''
	doc provision <<'X'
<assessment xmlns="urn:pia:assessment:1" kind="full"><files><file id="f"><overview><provision>
<status><check option="提供を行っている"/><check option="移転を行っている"/></status>
</provision></overview></file></files></assessment>
X
	rcase $P $L fire req-provision-recipients "$RT/provision.xml" ''
	rcase $P $L quiet req-provision-recipients $F ''
	rcase $P $L fire req-provision-destinations "$RT/provision.xml" ''
	rcase $P $L quiet req-provision-destinations $F ''
	rcase $P $L fire req-approval-submitted $F 's|body="地方公共団体等"|body="行政機関等"|'
	rcase $P $L quiet req-approval-submitted $F 's|body="地方公共団体等"|body="行政機関等"|; s|<submitted/>|<submitted>2026-02-02</submitted>|'

	# --- thresholds ---
	rcase $P $L fire thr-result $F 's|<population>30万人以上</population>|<population>1万人以上10万人未満</population>|'
	rcase $P $L quiet thr-result $F 's|<population>30万人以上</population>|<population>10万人以上30万人未満</population>|'
	rcase $P $L fire thr-result $F 's|<result>基礎項目評価及び全項目評価の実施が義務付けられる</result>|<result>基礎項目評価の実施が義務付けられる(任意に全項目評価を実施)</result>|'
	rcase $P $L quiet thr-result $Q ''
	rcase $P $L fire thr-kind $Q '0,/<population>.*<\/population>/s||<population>30万人以上</population>|'
	rcase $P $L quiet thr-kind $Q ''
	rcase $P $L fire thr-result-basic $B 's|<band>500人未満</band>|<band>500人以上</band>|'
	rcase $P $L quiet thr-result-basic $B ''
	rcase $P $L fire thr-result-basic $B 's|<band>1万人以上10万人未満</band>|<band>30万人以上</band>|'
	rcase $P $L fire thr-submitted $B 's|<band>500人未満</band>|<band>500人以上</band>|; s|<result>基礎項目評価の実施が義務付けられる</result>|<result>基礎項目評価及び重点項目評価の実施が義務付けられる</result>|'
	rcase $P $L quiet thr-submitted $B 's|<submitted-kinds>基礎項目評価書</submitted-kinds>|<submitted-kinds>基礎項目評価書及び全項目評価書</submitted-kinds>|'

	# --- procedure and dates ---
	rcase $P $L fire proc-basic-before-hearing $F 's|<date>2025-11-04</date>|<date>2025-12-05</date>|'
	rcase $P $L quiet proc-basic-before-hearing $F 's|<date>2025-11-04</date>|<date>2025-12-01</date>|'
	rcase $P $L fire proc-hearing-period $F 's|<to>2025-12-30</to>|<to>2025-11-30</to>|'
	rcase $P $L quiet proc-hearing-period $F 's|<to>2025-12-30</to>|<to>2025-12-01</to>|'
	rcase $P $L fire proc-hearing-before-review $F 's|<date>2026-01-28</date>|<date>2025-12-20</date>|'
	rcase $P $L quiet proc-hearing-before-review $F 's|<date>2026-01-28</date>|<date>2025-12-30</date>|'
	rcase $P $L fire proc-review-before-publication $F 's|<publication-date>2026-03-16</publication-date>|<publication-date>2026-01-27</publication-date>|'
	rcase $P $L quiet proc-review-before-publication $F ''
	rcase $P $L fire proc-hearing-before-publication $F 's|<publication-date>2026-03-16</publication-date>|<publication-date>2025-12-15</publication-date>|'
	rcase $P $L quiet proc-hearing-before-publication $F ''
	rcase $P $L fire proc-basic-before-publication $F 's|<publication-date>2026-03-16</publication-date>|<publication-date>2025-11-01</publication-date>|'
	rcase $P $L quiet proc-basic-before-publication $F ''
	rcase $P $L fire proc-comment-30 $F 's|<to>2025-12-30</to>|<to>2025-12-29</to>|'
	rcase $P $L quiet proc-comment-30 $F ''
	rcase $P $L quiet proc-comment-30 $F 's|<to>2025-12-30</to>|<to>2025-12-20</to>|; s|<shortening-reason>―</shortening-reason>|<shortening-reason>法改正の施行日に間に合わせるため</shortening-reason>|'
	rcase $P $L fire proc-approval-local $F 's|<approval-date/>|<approval-date>2026-03-01</approval-date>|'
	rcase $P $L quiet proc-approval-local $F 's|<approval-date/>|<approval-date>2026-03-01</approval-date>|; s|body="地方公共団体等"|body="行政機関等"|'
	rcase $P $L fire proc-approval-submitted-local $F 's|<submitted/>|<submitted>2026-02-02</submitted>|'
	rcase $P $L quiet proc-approval-submitted-local $F ''
	rcase $P $L fire proc-approval-order $F 's|<approval-date/>|<approval-date>2026-04-01</approval-date>|; s|body="地方公共団体等"|body="行政機関等"|'
	rcase $P $L quiet proc-approval-order $F 's|<approval-date/>|<approval-date>2026-03-01</approval-date>|; s|body="地方公共団体等"|body="行政機関等"|'
	rcase $P $L fire proc-reassess-due $F '' --today 2030-11-05
	rcase $P $L quiet proc-reassess-due $F '' --today 2030-11-04
	rcase $P $L fire proc-reassess-soon $F '' --today 2030-08-01
	rcase $P $L quiet proc-reassess-soon $F '' --today 2030-04-01
	rcase $P $L fire proc-changes-order $F 's|<date>2017-03-01</date>|<date>2015-03-01</date>|'
	rcase $P $L quiet proc-changes-order $F ''

	# --- consistency ---
	rcase $P $L fire cons-file-name-unique $Q 's|<name>自立支援医療受給者ファイル</name>|<name>障害福祉サービス受給者ファイル</name>|'
	rcase $P $L quiet cons-file-name-unique $Q ''
	rcase $P $L fire cons-title-affair $F 's|<title>個人住民税の賦課徴収に関する事務 全項目評価書</title>|<title>全項目評価書</title>|'
	rcase $P $L quiet cons-title-affair $F ''
	rcase $P $L fire cons-delegation-tasks $F 's|<status>委託する</status>|<status>委託しない</status>|'
	rcase $P $L quiet cons-delegation-tasks $F ''
	rcase $P $L fire cons-delegation-flag $Q '0,/<none>false<\/none>/s||<none>true</none>|'
	rcase $P $L quiet cons-delegation-flag $Q ''
	rcase $P $L fire cons-provision-entries $Q '0,/<check option="提供を行っている"\/>/s||<check option="行っていない"/>|'
	rcase $P $L quiet cons-provision-entries $Q ''
	rcase $P $L fire cons-provision-flag $Q '364s|<none>false</none>|<none>true</none>|'
	rcase $P $L quiet cons-provision-flag $Q ''
	rcase $P $L fire cons-provision-risks $Q '364s|<none>false</none>|<none>true</none>|'
	rcase $P $L quiet cons-provision-risks $Q ''
	rcase $P $L fire cons-subdelegation-rated $F 's|<status>再委託する</status>|<status>再委託しない</status>|'
	rcase $P $L quiet cons-subdelegation-rated $F ''
	rcase $P $L fire cons-subdelegation-assurance $F '686,690s|<status>十分に行っている</status>|<status>再委託していない</status>|'
	rcase $P $L quiet cons-subdelegation-assurance $Q ''
	rcase $P $L fire cons-rating-issue $F '0,/<rating>十分である<\/rating>/s||<rating>課題が残されている</rating>|'
	rcase $P $L quiet cons-rating-issue $F ''
	rcase $P $L fire cons-star-after $F 's|<item>II 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託 委託事項3 ⑥委託先名</item>|<item>II 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ⑥使用目的</item>|; s|<reason>委託先の決定に伴い.*</reason>|<reason/>|'
	rcase $P $L quiet cons-star-after $F 's|<reason>委託先の決定に伴い.*</reason>|<reason/>|'
	rcase $P $L fire cons-star-after $F 's|<item>II 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託 委託事項3 ⑥委託先名</item>|<item>II-3 ◎使用目的</item>|; s|<reason>委託先の決定に伴い.*</reason>|<reason>-</reason>|'

	# --- the change history ---
	rcase $P $L fire cons-history-chain $F 's|<before>番号法第19条第8号 別表第二の27の項ほか</before>|<before>番号法第19条第9号 別表第二</before>|'
	rcase $P $L quiet cons-history-chain $F 's|<before>番号法第19条第8号 別表第二の27の項ほか</before>|<before>番号法第１９条第８号　別表第二の27の項ほか</before>|'
	rcase $P $L fire cons-history-noop $F 's|<after>税務部参事兼市民税課長</after>|<after>市民税課長 </after>|'
	rcase $P $L quiet cons-history-noop $F ''
	rcase $P $L fire cons-history-empty $F 's|<before>市民税課長</before>|<before>-</before>|; s|<after>税務部参事兼市民税課長</after>|<after/>|'
	rcase $P $L quiet cons-history-empty $F 's|<before>市民税課長</before>|<before/>|'
	rcase $P $L fire cons-history-after-publication $F 's|<date>2026-02-02</date>|<date>2026-04-02</date>|'
	rcase $P $L quiet cons-history-after-publication $F 's|<date>2026-02-02</date>|<date>2026-03-16</date>|'
	rcase $P $L fire cons-history-important-after $F 's|<reason>職の設置に伴う役職名の変更であり、重要な変更に当たらないため</reason>|<reason>重要な変更に該当するため</reason>|'
	rcase $P $L quiet cons-history-important-after $F ''
	rcase $P $L fire cons-history-threshold-after $F 's|<item>I 基本情報 7. 評価実施機関における担当部署 ②所属長の役職名</item>|<item>しきい値判断項目 1. 対象人数</item>|'
	rcase $P $L quiet cons-history-threshold-after $F 's|<item>I 基本情報 7. 評価実施機関における担当部署 ②所属長の役職名</item>|<item>しきい値判断項目 1. 対象人数 いつ時点の計数か</item>|'

	# --- text hygiene ---
	rcase $P $L fire text-foreign-script $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>税務部ที่ไม่参事</head-title>|'
	rcase $P $L fire text-foreign-script $F 's|システムの機能|系统の機能|; s|住民税システムに取り込み|住民税系统に取り込み|'
	rcase $P $L fire text-foreign-script $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>税務部 과장</head-title>|'
	rcase $P $L quiet text-foreign-script $F ''
	rcase $P $L fire text-latin-word $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>税務部参事that市民税課長</head-title>|'
	rcase $P $L quiet text-latin-word $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>税務部 ISMS 担当 eLTAX課長</head-title>|'
	rcase $P $L fire text-placeholder $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>(手続を実施する対象人数を入力)</head-title>|'
	rcase $P $L fire text-placeholder $F 's|<organization>みどり川市長</organization>|<organization>○○市長</organization>|'
	rcase $P $L quiet text-placeholder $F ''
	rcase $P $L fire text-wareki $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>平成31年5月1日付で就任</head-title>|'
	rcase $P $L quiet text-wareki $F 's|<head-title>税務部参事兼市民税課長</head-title>|<head-title>令和元年5月1日付で就任</head-title>|'
	rcase $P $L fire prop-timing $F '891s|<timing>|<?pia proposed="timing"?><timing>|'
	rcase $P $L quiet prop-timing $F ''

	# Every built-in rule id has a case above.
	ids=$(sed -n 's/.*<\(assert\|report\) id="\([^"]*\)".*/\2/p' validators/rules/*.sch |
	    sort -u)
	missing=""
	for id in $ids; do
		grep -q "rcase \$P \$L fire $id " tests/rules/suite.sh || missing="$missing $id"
	done
	if [ -z "$missing" ]; then ok; else ko "$L rules: no case for$missing"; fi

	# The option indexes that the rule sets name in comments.
	for pair in subdelegation:1:再委託する incident:1:発生あり incident:2:発生なし \
	    deceased:1:保管している delegation:1:委託する delegation:2:委託しない \
	    provision-status:1:提供を行っている provision-status:2:移転を行っている \
	    provision-status:3:行っていない assurance:4:再委託していない \
	    rating:3:課題が残されている timing:2:事後 \
	    submitted-kinds:3:基礎項目評価書及び全項目評価書; do
		list=${pair%%:*} rest=${pair#*:} i=${rest%%:*} text=${rest#*:}
		got=$(xmllint --xpath "string(//*[local-name()='options']/*[@id='$list']/*[$i])" model/vocab.xml)
		if [ "$got" = "$text" ]; then ok; else
			ko "$L rules: option $i of $list is \"$got\", the rules expect \"$text\""; fi
	done

	# The samples are clean (no warnings either) on a fixed day.
	expect_rc $L "rules: samples clean --strict" 0 \
	    $P validate --strict --today 2026-06-01 samples
	# A skeleton gets one finding per blank: each on its own line, on a
	# blank element; with every blank filled, none (and no other rule).
	$P new --kind full > "$RT/new.xml"
	$P validate --today 2026-06-01 "$RT/new.xml" > "$RT/out" 2>/dev/null
	lines=$(sed -n 's/^[^:]*:\([0-9]*\): error: \[req-blank\].*/\1/p' "$RT/out")
	n=$(printf '%s\n' "$lines" | sort -u | wc -l)
	notblank=0
	for l in $lines; do
		sed -n "${l}p" "$RT/new.xml" | grep -q '<\([a-z-]*\)></\1>' || notblank=$((notblank + 1))
	done
	sed 's|<\([a-z-]*\)></\1>|<\1>x</\1>|' "$RT/new.xml" > "$RT/filled.xml"
	left=$($P validate --only 'req-*' "$RT/filled.xml" 2>/dev/null | grep -c '\[req-blank\]')
	other=$(grep -vc '\[req-blank\]\|\[req-business-flow\]' "$RT/out")
	if [ "$n" -gt 150 ] && [ "$n" = "$(printf '%s\n' "$lines" | wc -l)" ] &&
	    [ "$notblank" = 0 ] && [ "$left" = 0 ] && [ "$other" = 0 ]; then ok; else
		ko "$L rules: skeleton: $n findings, $notblank not on a blank, $left left when filled, $other others"; fi

	# --- the engine: a bad rule file stops everything, with file:line and id ---
	bad() {	# NAME WANT BODY
		printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		    '<schema xmlns="http://purl.oclc.org/dsdl/schematron">' \
		    '<ns prefix="a" uri="urn:pia:assessment:1"/>' \
		    '<ns prefix="pia" uri="urn:pia:functions:1"/>' \
		    "$3" '</schema>' > "$RT/$1.sch"
		"$P" validate --rules "$RT/$1.sch" $F > "$RT/out" 2> "$RT/err"
		r=$?
		if [ $r = 2 ] && [ ! -s "$RT/out" ] && grep -q "$RT/$1.sch:5: error: .*$2" "$RT/err" &&
		    grep -q 'nothing was checked\|検査しませんでした' "$RT/err"; then ok; else
			ko "$L rules: bad rule file $1" "exit $r
$(cat "$RT/out" "$RT/err")"; fi
	}
	bad syntax '\[x-syntax\] 規則 x-syntax: XPath の構文誤り' \
	    '<pattern><rule context="a:cover"><assert id="x-syntax" test="a:title[">t</assert></rule></pattern>'
	bad function '\[x-fn\] 規則 x-fn: 不明な関数 pia:nosuch()' \
	    '<pattern><rule context="a:cover"><assert id="x-fn" test="pia:nosuch(.)">t</assert></rule></pattern>'
	bad corefn '\[x-core\] 規則 x-core: 不明な関数 current()' \
	    '<pattern><rule context="a:cover"><assert id="x-core" test="current()">t</assert></rule></pattern>'
	bad prefix '\[x-ns\] 規則 x-ns: 名前空間接頭辞 b が' \
	    '<pattern><rule context="a:cover"><assert id="x-ns" test="b:title">t</assert></rule></pattern>'
	bad variable '\[x-var\] 規則 x-var: 変数 $nope は' \
	    '<pattern><rule context="a:cover"><assert id="x-var" test="$nope">t</assert></rule></pattern>'
	bad noid '\[rules\] assert に id 属性がありません' \
	    '<pattern><rule context="a:cover"><assert test="true()">t</assert></rule></pattern>'
	bad dupid '\[req-blank\] 規則 req-blank: id が重複しています' \
	    '<pattern><rule context="a:cover"><assert id="req-blank" test="true()">t</assert></rule></pattern>'
	bad role '\[x-role\] 規則 x-role: role「fatalish」' \
	    '<pattern><rule context="a:cover"><assert id="x-role" role="fatalish" test="true()">t</assert></rule></pattern>'
	bad context '\[x-ctx\] 規則 x-ctx: XPath の構文誤り' \
	    '<pattern><rule context="a:cover[" id="x-ctx"><assert id="x-c" test="true()">t</assert></rule></pattern>'
	printf '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern>\n' > "$RT/malformed.sch"
	expect_rc $L "rules: malformed rule file" 2 $P validate --rules "$RT/malformed.sch" $F
	expect_rc $L "rules: missing rule file" 2 $P validate --rules "$RT/none.sch" $F

	# --- the custom rule set of the README ---
	expect_rc $L "rules: custom sample rules load, samples clean" 0 \
	    $P validate --rules samples/custom-rules.sch --only 'org-*' samples
	sed 's|<organization>みどり川市長</organization>|<organization>みどり川市</organization>|' $F > "$RT/org.xml"
	$P validate --rules samples/custom-rules.sch --only 'org-*' "$RT/org.xml" > "$RT/out" 2>&1
	if grep -q '\[org-title\]' "$RT/out"; then ok; else ko "$L rules: custom rule fires" "$(cat "$RT/out")"; fi
	$P --lang en validate --rules samples/custom-rules.sch --only 'org-*' "$RT/org.xml" > "$RT/out" 2>&1
	if grep -q 'warning: \[org-title\] Cover > Assessing body' "$RT/out"; then ok; else
		ko "$L rules: custom rule in English" "$(cat "$RT/out")"; fi

	# --- exit codes, --strict, filters, formats, -j ---
	sed 's|<rating>十分である</rating>|<rating>課題が残されている</rating>|' $Q > "$RT/warn.xml"
	expect_rc $L "rules: warnings exit 0" 0 $P validate --today 2026-06-01 "$RT/warn.xml"
	expect_rc $L "rules: warnings --strict exit 1" 1 $P validate --strict --today 2026-06-01 "$RT/warn.xml"
	expect_rc $L "rules: --skip" 0 $P validate --strict --skip 'cons-rating-*' --today 2026-06-01 "$RT/warn.xml"
	expect_rc $L "rules: bad --today" 2 $P validate --today 2026-02-30 $F
	expect_rc $L "rules: bad -j" 2 $P validate -j 0 $F
	$P validate -T sarif --today 2026-06-01 "$RT/warn.xml" $F > "$RT/s.json" 2>/dev/null
	if jq -e '.version == "2.1.0" and (.runs[0].results | length) > 0 and
	    (.runs[0].results[0].locations[0].physicalLocation.region.startLine > 0) and
	    ([.runs[0].results[].ruleIndex] | all(. >= 0)) and
	    (.runs[0].tool.driver.rules | length) > 40 and
	    (.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri | startswith("file:///"))' "$RT/s.json" >/dev/null; then ok; else
		ko "$L rules: sarif" "$(head -c 600 "$RT/s.json")"; fi
	$P validate -T junit --today 2026-06-01 "$RT/warn.xml" $F > "$RT/j.xml" 2>/dev/null
	if xmllint --noout "$RT/j.xml" 2>/dev/null &&
	    [ "$(xmllint --xpath 'count(//testsuite)' "$RT/j.xml")" = 2 ] &&
	    [ "$(xmllint --xpath 'count(//failure)' "$RT/j.xml")" = 0 ]; then ok; else
		ko "$L rules: junit" "$(head -c 600 "$RT/j.xml")"; fi
	$P validate -T junit --strict --today 2026-06-01 "$RT/warn.xml" > "$RT/j.xml" 2>/dev/null
	if [ "$(xmllint --xpath 'count(//failure)' "$RT/j.xml")" -ge 1 ]; then ok; else
		ko "$L rules: junit --strict" "$(head -c 600 "$RT/j.xml")"; fi
	mkdir -p "$RT/dir/sub"
	cp samples/*.xml tests/validate/*.xml "$RT/dir/sub/"
	cp "$RT/warn.xml" "$RT/dir/"
	$P validate -T json --today 2026-06-01 "$RT/dir" > "$RT/j1" 2>/dev/null
	$P validate -T json -j 2 --today 2026-06-01 "$RT/dir" > "$RT/j2" 2>/dev/null
	if cmp -s "$RT/j1" "$RT/j2" && [ -s "$RT/j1" ]; then ok; else
		ko "$L rules: -j 2 differs from -j 1" "$(diff "$RT/j1" "$RT/j2" | head)"; fi

	# --- pia threshold: the table of rules.md §1.2 ---
	for row in "999 0 no none" "999 9999 yes none" "1000 0 no basic" "9999 600 yes basic" \
	    "10000 499 no basic" "10000 500 no focused" "99999 0 yes focused" \
	    "100000 499 no focused" "100000 500 no full" "299999 0 yes full" \
	    "300000 0 no full" "1万人以上10万人未満 500人未満 no basic"; do
		set -- $row
		got=$($P threshold --population "$1" --handlers "$2" --incident "$3" -T json | jq -r .result)
		if [ "$got" = "$4" ]; then ok; else ko "$L threshold $row" "got $got"; fi
	done
	expect_rc $L "threshold: missing option" 2 $P threshold --population 5
	expect_rc $L "threshold: bad incident" 2 $P threshold --population 5 --handlers 1 --incident maybe
	expect_rc $L "threshold: open range" 2 $P threshold --population 10万人以上30万人未満 --handlers 400人以上600人未満 --incident no

	# --- the corpus defects (read at test time, never copied) ---
	C=${PIA_CORPUS:-$(cd .. && pwd)/shared/corpus}
	[ -d "$C" ] || C=/work/shared/corpus
	if [ -d "$C" ]; then
		for pat in 'ที่ไม่:text-foreign-script' '统:text-foreign-script' \
		    '(手続を実施する対象人数を入力):text-placeholder' ' that :text-latin-word'; do
			needle=${pat%:*} id=${pat##*:}
			line=$(grep -oh -m1 -- ".\{0,30\}$needle.\{0,30\}" "$C"/*.txt | head -1 | sed 's/[<&]/ /g')
			if [ -z "$line" ]; then ko "$L rules: corpus has no line with $needle"; continue; fi
			printf '<assessment xmlns="urn:pia:assessment:1" kind="full"><cover><remarks>%s</remarks></cover></assessment>\n' \
			    "$line" > "$RT/corpus.xml"
			if $P validate --only "$id" "$RT/corpus.xml" 2>/dev/null | grep -q "\[$id\]"; then ok; else
				ko "$L rules: corpus defect $needle not found by $id"; fi
		done
	else
		echo "rules: corpus not found ($C): corpus cases skipped"
	fi
	rm -rf "$RT"
}
