"$PIA" validate
