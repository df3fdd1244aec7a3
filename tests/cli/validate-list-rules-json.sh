# --list-rules -T json includes the checks of --rules files, with their
# file and line, and the descriptions in both languages.
cd "$ROOT" && "$PIA" --lang en validate --list-rules -T json \
    --rules samples/custom-rules.sch --only 'org-*,schema'
