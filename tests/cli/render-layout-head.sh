# fontconfig loses a few bytes of its own (tests/render/lsan.supp)
export LSAN_OPTIONS="suppressions=$ROOT/tests/render/lsan.supp:print_suppressions=0"
"$PIA" render -T layout "$ROOT/samples/basic.xml" | head -3
