#!/bin/sh
# edit.sh: how fast pia edit answers, on samples/full.xml (31 pages):
# the page load in headless Chromium (navigation start to the form filled
# with the document's values and findings) and the findings round trip
# after an edit (the edit sent, validated on the server by the same
# validation as pia validate, the findings and derived values shown), and
# the server's part of it over plain HTTP with curl.  Medians of RUNS.
# Needs chromium, chromium-driver and python3-selenium (make check's
# packages).  Run from the top of the tree: sh tests/bench/edit.sh
set -eu
cd "$(dirname "$0")/../.."
export PIA_DATADIR="$(pwd)" LC_ALL=C.UTF-8
out=${BENCH_DIR:-build/bench}
mkdir -p "$out"
cp samples/full.xml "$out/edit-full.xml"
exec /usr/bin/python3 tests/bench/edit.py ./pia "$out/edit-full.xml" \
    "${RUNS:-21}"
