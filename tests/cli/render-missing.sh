"$PIA" render nothere.xml; rc=$?; ls; exit $rc
