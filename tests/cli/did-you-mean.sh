"$PIA" --lang en vaildate x.xml
