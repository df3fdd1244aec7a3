"$PIA" threshold --population -5 --handlers 10 --incident no
"$PIA" threshold --population 500 --handlers abc --incident no
