/*
 * html.c: a diff as one self-contained HTML page.  The rows go through
 * the same marked document and print tree as the PDF (pia_changes_marked,
 * templates/print.xsl), so the changed words are marked in one place;
 * templates/html.xsl writes the page.  What the page says beyond the
 * printed table is added to the print tree here, in the print vocabulary:
 * its title, a running header naming the two files and the number of
 * rows, and a closing note that 提出時期 is pia's proposal.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "pia.h"
#include "pia_diff_print.h"
#include "render.h"

static int
is_print(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST PIA_PRINT_NS) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

static xmlNode *
first_print(xmlNode *e, const char *name)
{
	for (e = e != NULL ? e->children : NULL; e != NULL; e = e->next)
		if (is_print(e, name))
			return e;
	return NULL;
}

/* The page's title, header and note on the print tree of the table.
 * Returns -1 when out of memory. */
static int
decorate(xmlDoc *print, const struct pia_changes *ch,
    const struct pia_diff_print *o)
{
	xmlNode	*root = xmlDocGetRootElement(print), *sec, *h;
	xmlChar	*heading = NULL;
	char	*title = NULL, *header = NULL;
	int	 rc = -1;

	if ((sec = first_print(root, "section")) == NULL ||
	    (h = first_print(sec, "heading")) == NULL)
		return 0;
	if ((heading = xmlNodeGetContent(h)) == NULL ||
	    asprintf(&title, "%s - %s", (const char *)heading,
	    o->new_name) < 0) {
		title = NULL;
		goto out;
	}
	if ((header = pia_msg_str(o->lang, PIA_M_DIFF_HTML_FILES, o->old_name,
	    o->new_name, pia_changes_count(ch))) == NULL)
		goto out;
	if (xmlSetProp(root, BAD_CAST "title", BAD_CAST title) == NULL ||
	    xmlSetProp(root, BAD_CAST "header", BAD_CAST header) == NULL ||
	    xmlNewTextChild(sec, sec->ns, BAD_CAST "p", BAD_CAST
	    pia_msg_fmt(PIA_M_DIFF_HTML_NOTE, o->lang)) == NULL)
		goto out;
	rc = 0;
out:
	xmlFree(heading);
	free(title);
	free(header);
	return rc;
}

int
pia_diff_print_html(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	struct pia_doc	*doc;
	xmlDoc		*print = NULL;
	int		 rc = -1;

	*out = NULL;
	*len = 0;
	if ((doc = pia_changes_marked(ch, o->date, d)) == NULL)
		return -1;
	if ((print = tmpl_print_tree(pia_changes_vocab(ch), doc, "changes",
	    0, d)) == NULL)
		goto out;
	if (decorate(print, ch, o) == -1) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		goto out;
	}
	rc = tmpl_html(print, out, len, d);
out:
	xmlFreeDoc(print);
	pia_doc_free(doc);
	return rc;
}
