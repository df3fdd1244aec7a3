# Validation and diff are linear in the length of a list (issue 11): the
# time for 8,000 systems over that for 1,000 grows with an exponent of at
# most 1.5 (finding positions by counting siblings made it 2).
CHECK=1 SCALE_NS="1000 8000" BENCH_DIR="$(pwd)" PIA="$PIA" \
    sh "$ROOT/tests/bench/scale.sh" >/dev/null
