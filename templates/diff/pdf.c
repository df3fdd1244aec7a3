/*
 * pdf.c: a diff as the printed 変更箇所 table alone, in A4 PDF or as its
 * layout dump for the tests: the marked rows (pia_changes_marked) in an
 * otherwise empty assessment, which the renderer prints.
 */
#include <stddef.h>

#include "pia.h"
#include "pia_diff_print.h"
#include "pia_templates.h"

static int
print_table(const struct pia_changes *ch, const struct pia_diff_print *o,
    enum pia_render_format fmt, char **out, size_t *len,
    struct pia_diags *d)
{
	struct pia_doc	*doc;
	int		 rc;

	*out = NULL;
	*len = 0;
	if ((doc = pia_changes_marked(ch, o->date, d)) == NULL)
		return -1;
	rc = pia_render_changes(pia_changes_vocab(ch), doc, fmt, out, len, d);
	pia_doc_free(doc);
	return rc;
}

int
pia_diff_print_pdf(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	return print_table(ch, o, PIA_RENDER_PDF, out, len, d);
}

int
pia_diff_print_layout(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	return print_table(ch, o, PIA_RENDER_LAYOUT, out, len, d);
}
