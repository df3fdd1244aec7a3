# fontconfig and cairo lose a few bytes of their own (tests/render/lsan.supp)
export LSAN_OPTIONS="suppressions=$ROOT/tests/render/lsan.supp:print_suppressions=0"
cp "$ROOT/samples/basic.xml" b.xml
"$PIA" --lang en render b.xml && ls
