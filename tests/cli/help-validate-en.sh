"$PIA" --lang en help validate
