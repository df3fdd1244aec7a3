# Usage errors of pia help findings, a full disk, and a rule set that
# does not read.
"$PIA" help findings -T xml
echo "exit $?"
"$PIA" help findings extra
echo "exit $?"
"$PIA" help findings --lang fr
echo "exit $?"
"$PIA" help frobnicate
echo "exit $?"
# Output that does not get out is a failure.
"$PIA" help findings > /dev/full
echo "exit $?"
"$PIA" help > /dev/full
echo "exit $?"
mkdir -p data/validators/rules data/model
cp "$ROOT"/model/vocab.xml data/model/
cp "$ROOT"/validators/rules/*.sch data/validators/rules/
echo '<schema' > data/validators/rules/text.sch
PIA_DATADIR=data "$PIA" help findings > out.txt
echo "exit $?"
wc -c < out.txt
