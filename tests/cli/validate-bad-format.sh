"$PIA" validate -T xml x.xml
