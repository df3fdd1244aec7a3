"$PIA" render -T ps "$ROOT/samples/basic.xml"
