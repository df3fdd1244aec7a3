# An input over the 32 MiB limit is refused before parsing.
{ printf '<assessment xmlns="urn:pia:assessment:1" kind="full"><cover><remarks>'
  head -c 34000000 /dev/zero | tr '\0' 'x'
  printf '</remarks></cover></assessment>'; } > huge.xml
"$PIA" validate huge.xml
