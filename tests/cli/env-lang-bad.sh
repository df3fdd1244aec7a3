PIA_LANG=fr "$PIA" version
