"$PIA" --frob
