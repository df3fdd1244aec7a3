# Two pia history runs on one file at once keep both updates (issue 11:
# one was lost): the file is locked from reading to renaming.  A appends
# the rows from full-prev.xml, B those from a revision with another
# system name; each round, both at once must give the rows of both.
S=$ROOT/samples
sed 's/住民税システム/住民税総合システム/' "$S/full.xml" > old2.xml
cp "$S/full.xml" seq.xml
"$PIA" history --date 2026-02-02 "$S/full-prev.xml" seq.xml 2>/dev/null
"$PIA" history --date 2026-02-03 old2.xml seq.xml 2>/dev/null
want=$(grep -c '<change ' seq.xml)
i=0
while [ $i -lt 6 ]; do
	cp "$S/full.xml" new.xml
	"$PIA" history --date 2026-02-02 "$S/full-prev.xml" new.xml 2>a.err &
	"$PIA" history --date 2026-02-03 old2.xml new.xml 2>b.err &
	wait
	got=$(grep -c '<change ' new.xml)
	if [ "$got" != "$want" ]; then
		echo "round $i: $got rows, expected $want"
		cat a.err b.err
		exit 1
	fi
	i=$((i + 1))
done
echo "$want rows"
