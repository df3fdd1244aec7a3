# -o writes atomically: the file appears whole or not at all.
"$PIA" new --kind basic -o out.xml || exit 1
ls
"$PIA" new --kind basic -o missing/out.xml
echo "exit $?"
mkdir d
"$PIA" new --kind basic -o d
echo "exit $?"
ls
