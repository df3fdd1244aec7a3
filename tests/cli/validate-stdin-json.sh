"$PIA" new --kind basic | "$PIA" validate -T json -
