/*
 * diff_marks.h: the changed words of a 変更箇所 row marked for the printed
 * table (cli/diff_marks.c).
 */
#ifndef DIFF_MARKS_H
#define DIFF_MARKS_H

/* The namespace of the marks; templates/print.xsl knows it too. */
#define DIFF_MARK_NS	"urn:pia:marks:1"

/*
 * Marks, inside side (a <before> or <after> element made by
 * pia_change_xml), the words that the spans w (pia_word_diff of the two
 * printed values) give to that side: op PIA_W_DEL for <before>,
 * PIA_W_INS for <after>; printed is that side's printed value.  Returns
 * 0, or -1 when out of memory (side is then whole, maybe partly marked).
 */
int	diff_mark_side(xmlNode *side, const char *printed,
	    const struct pia_wspan *w, int nw, enum pia_wop op);

#endif
