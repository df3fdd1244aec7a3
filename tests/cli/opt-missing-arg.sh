"$PIA" render -o
