# A command that writes refuses to replace a file without --force.
echo filled > draft.xml
"$PIA" new --kind basic -o draft.xml
echo "exit $?"
cat draft.xml
"$PIA" --lang en diff -o draft.xml "$ROOT/samples/full-prev.xml" "$ROOT/samples/full.xml"
echo "exit $?"
"$PIA" new --kind basic --force -o draft.xml && grep -c 'kind="basic"' draft.xml
