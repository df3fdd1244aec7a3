"$PIA" help
