# suite.sh: pia edit.  Sourced by tests/run.sh, which calls stage_suite
# PROG LABEL; reports with ok / ko.
#
# http_test.py talks HTTP to the server (token, Host, Origin, size limit,
# paths, saving); browser_test.py fills a form in headless Chromium, for
# the release build only, and is skipped with a message when Chromium,
# chromedriver or Selenium is missing.  Both print "ok NAME" or "FAIL
# NAME: why" per check.

# edit_lines LABEL WHAT OUTPUT STATUS: counts the checks of one script.
edit_lines() {
	_n=0
	while IFS= read -r _line; do
		case "$_line" in
		"ok "*)
			ok
			_n=$((_n + 1)) ;;
		"FAIL "*)
			_name=${_line#FAIL }
			ko "$1 edit $2 ${_name%%:*}" "${_name#*: }"
			_n=$((_n + 1)) ;;
		"skip: "*)
			printf 'skipped: edit %s tests: %s\n' "$2" "${_line#skip: }" ;;
		esac
	done <<EOT
$3
EOT
	if [ "$4" -ne 0 ] && [ "$_n" -eq 0 ]; then
		ko "$1 edit $2" "$3"
	fi
	if printf '%s\n' "$3" | grep -qE 'Sanitizer|runtime error'; then
		ko "$1 edit $2 (sanitizer)" "$(printf '%s\n' "$3" |
		    grep -E -A5 'Sanitizer|runtime error' | head -20)"
	fi
}

stage_suite() {
	_py=$(command -v /usr/bin/python3 || command -v python3)
	if [ -z "$_py" ]; then
		ko "$2 edit: python3 is not installed"
		return
	fi
	_w="$tmp/$2-edit"
	rm -rf "$_w"
	mkdir -p "$_w"
	_o=$("$_py" tests/edit/http_test.py "$1" "$_w/http" 2>&1)
	edit_lines "$2" http "$_o" $?
	if [ "$2" = release ]; then
		_o=$("$_py" tests/edit/browser_test.py "$1" "$_w/browser" 2>&1)
		edit_lines "$2" browser "$_o" $?
	fi
}
