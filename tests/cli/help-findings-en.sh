# pia help findings in English, the option after the topic or before the
# command alike.
"$PIA" help findings --lang en > a.txt || exit 1
"$PIA" --lang en help findings > b.txt || exit 1
cmp a.txt b.txt && echo "same"
head -n 3 a.txt
grep -F -x '  error: [io] cannot open file: ...' a.txt
grep -F -x '  error: [usage] unknown command: ... (see pia help)' a.txt
grep -F -x '  error: [req-blank] ...: not filled in (記載要領 (全ての項目に記載))' a.txt
"$PIA" help findings --lang en -T json | jq -r '.findings[] | select(.rule == "req-blank") | .message'
