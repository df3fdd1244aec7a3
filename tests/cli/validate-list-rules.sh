# --list-rules: id, level, clause and description of the checks that run,
# tab-separated; --only and --skip select them, schema is the XSD stage.
cd "$ROOT" && "$PIA" validate --list-rules --only 'thr-*,schema' --skip thr-kind
