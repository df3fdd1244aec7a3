/*
 * xml.c: a diff as XML: <changes> with one <change> element per row
 * (pia_changes_xml), ready to be placed in an assessment.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "pia.h"
#include "pia_diff_print.h"

int
pia_diff_print_xml(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	xmlDoc	*doc;
	xmlChar	*buf = NULL;
	int	 n = 0;

	*out = NULL;
	*len = 0;
	if ((doc = pia_changes_xml(pia_changes_vocab(ch), ch, o->date)) ==
	    NULL)
		goto oom;
	xmlDocDumpMemoryEnc(doc, &buf, &n, "UTF-8");
	xmlFreeDoc(doc);
	if (buf == NULL || n < 0 || (*out = malloc((size_t)n + 1)) == NULL)
		goto oom;
	memcpy(*out, buf, (size_t)n + 1);
	*len = (size_t)n;
	xmlFree(buf);
	return 0;
oom:
	xmlFree(buf);
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	return -1;
}
