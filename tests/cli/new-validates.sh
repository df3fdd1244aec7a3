# A fresh skeleton of each kind is schema-valid as written (the rule sets
# report its blanks: see tests/rules/suite.sh).
for k in full focused basic; do
	"$PIA" new --kind $k | "$PIA" validate --only schema - || exit 1
done
