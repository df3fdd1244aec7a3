# -o onto a device writes to it (never renames over it); onto a symbolic
# link replaces the file the link names and keeps the link.
"$PIA" new --kind basic -o /dev/null && echo "exit 0"
[ -c /dev/null ] && echo "/dev/null is still a device"
echo old > target
ln -s target link
"$PIA" new --kind basic --force -o link && echo "exit 0"
[ -L link ] && echo "link is still a link"
grep -c 'kind="basic"' target
ls
