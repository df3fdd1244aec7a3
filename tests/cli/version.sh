"$PIA" --version
