# --list-rules prints text or JSON, and takes no file.
"$PIA" validate --list-rules -T sarif
"$PIA" --lang en validate --list-rules samples/full.xml
[ $? -eq 2 ]
