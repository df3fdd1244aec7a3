cd "$ROOT" && "$PIA" validate -T json samples
