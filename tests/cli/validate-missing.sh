"$PIA" validate nothere.xml
