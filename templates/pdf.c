/*
 * pdf.c: the PDF device.  Draws a page layout (typeset.h) with Cairo:
 * fonts embedded as subsets by Cairo, document information (title,
 * author = 評価実施機関名, subject, keywords), an outline of the sections,
 * links from the 項目一覧 to the sections.  The creation date comes from
 * the caller (SOURCE_DATE_EPOCH), so that the same input gives the same
 * bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pia.h"
#include "render.h"
#include "typeset.h"

struct sink {
	char	*buf;
	size_t	 n, cap;
	int	 oom;
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink	*s = closure;
	char		*nb;
	size_t		 cap;

	if (s->n + len > s->cap) {
		cap = (s->n + len) * 2;
		if ((nb = realloc(s->buf, cap)) == NULL) {
			s->oom = 1;
			return CAIRO_STATUS_NO_MEMORY;
		}
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->n, data, len);
	s->n += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Cairo's tag attributes quote strings with ' and escape with \. */
static char *
quote(const char *s)
{
	GString	*g = g_string_new(NULL);

	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			g_string_append_c(g, '\\');
		g_string_append_c(g, *s);
	}
	return g_string_free(g, FALSE);
}

static void
draw_page(cairo_t *cr, const struct page *p)
{
	size_t		 i;
	const struct op	*o;
	char		*a, *q;

	cairo_set_source_rgb(cr, 0.90, 0.90, 0.90);
	for (i = 0; i < p->n; i++) {
		o = &p->ops[i];
		if (o->type == OP_FILL) {
			cairo_rectangle(cr, o->x, o->y, o->w, o->h);
			cairo_fill(cr);
		}
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5);
	for (i = 0; i < p->n; i++) {
		o = &p->ops[i];
		switch (o->type) {
		case OP_TEXT:
			cairo_move_to(cr, o->x, o->y);
			pango_cairo_show_layout_line(cr,
			    pango_layout_get_line_readonly(o->l, o->line));
			break;
		case OP_RECT:
			cairo_rectangle(cr, o->x, o->y, o->w, o->h);
			cairo_stroke(cr);
			break;
		case OP_HLINE:
			cairo_save(cr);
			cairo_set_line_width(cr, o->h > 0 ? o->h : 0.5);
			if (o->h > 0)
				cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
			cairo_move_to(cr, o->x, o->y);
			cairo_line_to(cr, o->x + o->w, o->y);
			cairo_stroke(cr);
			cairo_restore(cr);
			break;
		case OP_LINK:
			q = quote(o->s);
			a = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] "
			    "dest='%s'", o->x, o->y, o->w, o->h, q);
			cairo_tag_begin(cr, CAIRO_TAG_LINK, a);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			g_free(a);
			g_free(q);
			break;
		case OP_DEST:
			q = quote(o->s);
			a = g_strdup_printf("name='%s' x=0 y=%.2f", q,
			    o->y > 20 ? o->y - 20 : 0);
			cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
			cairo_tag_end(cr, CAIRO_TAG_DEST);
			g_free(a);
			g_free(q);
			break;
		case OP_FILL:
			break;
		}
	}
}

int
tmpl_pdf(const struct tmpl_layout *L, long long epoch, char **out,
    size_t *len, struct pia_diags *d)
{
	struct sink	 s = { NULL, 0, 0, 0 };
	cairo_surface_t	*sf;
	cairo_t		*cr;
	cairo_status_t	 st;
	size_t		 i;
	char		 date[32], *q, *a;
	time_t		 tt = (time_t)epoch;
	struct tm	 tm;

	*out = NULL;
	sf = cairo_pdf_surface_create_for_stream(sink_write, &s, TMPL_PAGE_W,
	    TMPL_PAGE_H);
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
	if (L->title && *L->title)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
		    L->title);
	if (L->author && *L->author)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR,
		    L->author);
	if (L->subject && *L->subject)
		cairo_pdf_surface_set_metadata(sf,
		    CAIRO_PDF_METADATA_SUBJECT, L->subject);
	if (L->keywords && *L->keywords)
		cairo_pdf_surface_set_metadata(sf,
		    CAIRO_PDF_METADATA_KEYWORDS, L->keywords);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "pia " PIA_VERSION);
	gmtime_r(&tt, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE,
	    date);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, date);
	for (i = 0; i < L->noutl; i++) {
		q = quote(L->outl[i].dest);
		a = g_strdup_printf("dest='%s'", q);
		cairo_pdf_surface_add_outline(sf, CAIRO_PDF_OUTLINE_ROOT,
		    L->outl[i].title, a, 0);
		g_free(a);
		g_free(q);
	}
	cr = cairo_create(sf);
	for (i = 0; i < L->npages; i++) {
		draw_page(cr, &L->pages[i]);
		cairo_show_page(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || s.oom) {
		pia_diags_add(d, PIA_ERROR, "render-pdf", NULL, 0, NULL, NULL,
		    "PDF を作成できません: %s", "cannot make the PDF: %s",
		    cairo_status_to_string(st));
		free(s.buf);
		return -1;
	}
	*out = s.buf;
	*len = s.n;
	return 0;
}
