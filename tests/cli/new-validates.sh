# A fresh skeleton of each kind is schema-valid as written.
for k in full focused basic; do
	"$PIA" new --kind $k | "$PIA" validate - || exit 1
done
