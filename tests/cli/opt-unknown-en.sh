"$PIA" --lang en new --frob
