# --skip patterns that match no rule (custom rule ids count), in English;
# the patterns that match are not named.
cd "$ROOT" && "$PIA" --lang en validate --rules samples/custom-rules.sch \
    --skip 'org-*,thr-*,nosuch,req-blnk' --only 'req-*' samples/full.xml
