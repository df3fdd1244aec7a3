cd "$ROOT" && "$PIA" --lang en validate samples/basic.xml tests/validate/malformed.xml >/dev/null
cd "$ROOT" && "$PIA" --lang en validate samples/basic.xml
