cd "$ROOT" && "$PIA" validate samples/full.xml samples/full-prev.xml samples/focused.xml samples/basic.xml
