# A mistyped --only would check nothing: exit 2 with the rule ids.
cd "$ROOT" && "$PIA" validate --only req-blnk samples/full.xml
