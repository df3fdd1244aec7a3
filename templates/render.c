/*
 * render.c: pia_render(), the renderer's entry point: XSLT to the print
 * tree, then the typesetter and a device.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pia.h"
#include "pia_templates.h"
#include "render.h"

int
pia_render_format_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "pdf") == 0)
		return PIA_RENDER_PDF;
	if (strcmp(s, "html") == 0)
		return PIA_RENDER_HTML;
	if (strcmp(s, "layout") == 0)
		return PIA_RENDER_LAYOUT;
	if (strcmp(s, "print") == 0)
		return PIA_RENDER_PRINT;
	return -1;
}

/* SOURCE_DATE_EPOCH when set and valid, else now. */
static long long
epoch_now(void)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	long long	 v;

	if (e != NULL && *e) {
		v = strtoll(e, &end, 10);
		if (*end == '\0' && v >= 0)
			return v;
	}
	return (long long)time(NULL);
}

int
pia_render(const struct pia_vocab *v, const struct pia_doc *doc,
    const struct pia_render_opts *o, char **out, size_t *len,
    struct pia_diags *d)
{
	xmlDoc			*print = NULL;
	struct tmpl_layout	*L = NULL;
	xmlChar			*buf = NULL;
	int			 n, rc = -1;

	*out = NULL;
	*len = 0;
	if ((print = tmpl_print_tree(v, doc, o->only, o->public_edition, d)) ==
	    NULL)
		return -1;
	switch (o->format) {
	case PIA_RENDER_PRINT:
		xmlDocDumpFormatMemoryEnc(print, &buf, &n, "UTF-8", 1);
		if (buf != NULL && (*out = malloc((size_t)n + 1)) != NULL) {
			memcpy(*out, buf, (size_t)n + 1);
			*len = (size_t)n;
			rc = 0;
		}
		xmlFree(buf);
		break;
	case PIA_RENDER_HTML:
		rc = tmpl_html(print, out, len, d);
		break;
	case PIA_RENDER_LAYOUT:
	case PIA_RENDER_PDF:
		if ((L = tmpl_layout_new(print, pia_doc_name(doc), d)) == NULL)
			break;
		if (o->format == PIA_RENDER_LAYOUT)
			rc = tmpl_layout_dump(L, out, len);
		else
			rc = tmpl_pdf(L, o->epoch >= 0 ? o->epoch :
			    epoch_now(), out, len, d);
		break;
	}
	if (rc == -1 && pia_diags_count_level(d, PIA_ERROR) == 0)
		pia_diag(d, PIA_M_OOM, pia_doc_name(doc), 0, NULL);
	tmpl_layout_free(L);
	xmlFreeDoc(print);
	return rc;
}

int
pia_render_changes(const struct pia_vocab *v, const struct pia_doc *doc,
    enum pia_render_format f, char **out, size_t *len, struct pia_diags *d)
{
	struct pia_render_opts	 o = { f, "changes", -1, 0 };

	return pia_render(v, doc, &o, out, len, d);
}
