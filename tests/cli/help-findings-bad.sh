# Usage errors of pia help findings, and a rule set that does not read.
"$PIA" help findings -T xml
echo "exit $?"
"$PIA" help findings extra
echo "exit $?"
"$PIA" help findings --lang fr
echo "exit $?"
"$PIA" help frobnicate
echo "exit $?"
mkdir -p data/validators/rules
cp "$ROOT"/validators/rules/*.sch data/validators/rules/
echo '<schema' > data/validators/rules/text.sch
PIA_DATADIR=data "$PIA" help findings > out.txt
echo "exit $?"
wc -c < out.txt
