# keep.awk: reads a layout dump (pia render -T layout) and prints what the
# form never does: a heading (a "head" line: a section heading, a heading
# or header row) as the lowest line of a page body, and a box or an option
# number parted from its label (a line ending in "[ ○ ]" or "n)").
# Silent when all is well (tests/render/suite.sh).  The document's last
# page may end with a heading (an empty 変更箇所 table): nothing follows it.

/^page / { if (p != "" && hy == my && my > 0) print "page " p ": ends with heading " ht; p = $2; my = 0; hy = -1; next }
/^  (text|head) / {
	y = $3 + 0
	if (y < 60 || y > 790) next
	t = $0; sub(/^  (text|head) [0-9.]+ [0-9.]+ /, "", t)
	if (t ~ /\[ (○|　|？) \]$/ || t ~ /(^|[\t　 ])[0-9]+\)$/) print "page " p ": box or number apart: " t
	if (y > my) { my = y; if (hy != y) hy = -1 }
	if ($1 == "head" && y >= my) { hy = y; ht = t }
}
# the last page may end with a heading: nothing follows it (an empty table)
