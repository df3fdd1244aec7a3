# Outputs honour the umask when new and keep the mode of the file they
# replace (issue 11: every output was made 0644), and leave no temporary.
umask 027
"$PIA" new --kind basic -o new.xml
stat -c '%a new' new.xml
cp "$ROOT/samples/full.xml" kept.xml
chmod 600 kept.xml
"$PIA" history --date 2026-02-02 "$ROOT/samples/full-prev.xml" kept.xml 2>/dev/null
stat -c '%a history' kept.xml
ls
