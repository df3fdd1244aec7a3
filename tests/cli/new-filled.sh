# A skeleton stays valid as it is filled in, field by field.
"$PIA" new --kind full -o a.xml || exit 1
sed -e 's|<number></number>|<number>3</number>|' \
    -e 's|<title></title>|<title>個人住民税の賦課徴収に関する事務</title>|' \
    -e 's|<publication-date></publication-date>|<publication-date>2026-03-16</publication-date>|' \
    -e 's|<population></population>|<population>30万人以上</population>|' \
    -e 's|<connections></connections>|<connections><check option="税務システム"/><check option="その他">団体内統合宛名システム</check></connections>|' \
    -e 's|<holding-start></holding-start>|<holding-start qualifier="頃">2015-12</holding-start>|' \
    -e 's|<period><from></from><to></to></period>|<period><from>2025-12-01</from><to>2025-12-30</to></period>|' \
    -e 's|<rating></rating>|<rating>十分である</rating>|' \
    -e 's|<none></none>|<none>false</none>|' \
    -e 's|<content></content>|<content><p>第一段落。</p><ul><li>項目</li></ul></content>|' \
    -e 's|<items></items>|<items><category name="宛名"><item>個人番号</item><item>氏名</item></category></items>|' \
    a.xml > b.xml
cmp -s a.xml b.xml && { echo "nothing was filled"; exit 1; }
"$PIA" validate --only schema a.xml b.xml
