cd "$ROOT" && "$PIA" --lang en validate samples/basic.xml tests/validate/wrong-option.xml tests/validate/malformed.xml
