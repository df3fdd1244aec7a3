# -o onto a device writes to it (never renames over it); onto a symbolic
# link is refused (issue 11: a link planted in a shared directory would
# have the file it names replaced), the link and its file left as they are.
"$PIA" new --kind basic -o /dev/null && echo "exit 0"
[ -c /dev/null ] && echo "/dev/null is still a device"
echo old > target
ln -s target link
"$PIA" new --kind basic --force -o link || echo "exit $?"
[ -L link ] && echo "link is still a link"
cat target
ls
exit 0
