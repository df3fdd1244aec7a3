"$PIA" frobnicate
