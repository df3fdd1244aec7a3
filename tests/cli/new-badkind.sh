"$PIA" new --kind big
