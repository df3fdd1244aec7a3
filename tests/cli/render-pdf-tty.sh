# PDF goes to standard output only when it is not a terminal.
script -qec "\"$PIA\" render -o - \"$ROOT/samples/basic.xml\"; echo exit \$?" /dev/null </dev/null | tr -d '\r'
"$PIA" render -o - "$ROOT/samples/basic.xml" | head -c 5; echo
