# Deeply nested input is refused with its line, not parsed.
{ echo '<assessment xmlns="urn:pia:assessment:1" kind="full"><cover><remarks>'
  i=0; while [ $i -lt 100 ]; do printf '<p>'; i=$((i+1)); done; echo
  i=0; while [ $i -lt 100 ]; do printf '</p>'; i=$((i+1)); done
  echo '</remarks></cover></assessment>'; } > deep.xml
"$PIA" validate deep.xml
