"$PIA" help --lang en history
