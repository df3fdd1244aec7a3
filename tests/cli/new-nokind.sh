"$PIA" new
