"$PIA" new --kind full extra
