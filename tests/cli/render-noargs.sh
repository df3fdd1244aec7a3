"$PIA" render
