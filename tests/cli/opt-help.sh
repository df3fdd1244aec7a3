"$PIA" new --help
"$PIA" validate -h >/dev/null && echo validate-ok
