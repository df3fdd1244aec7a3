/*
 * pdf.c: the PDF device.  Draws a page layout (typeset.h) with Cairo:
 * fonts embedded as small subsets (below), document information (title,
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
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include "pia.h"
#include "render.h"
#include "typeset.h"

/*
 * Fonts.  Cairo 1.16 subsets an OpenType CFF face itself but keeps its
 * subroutines, most of Noto Sans CJK's program (about 1 MB a face, twice
 * with bold).  So the device subsets each face first, per document, with
 * HarfBuzz's subsetter: the glyphs the layout uses, desubroutinized, glyph
 * ids retained (HB_SUBSET_FLAGS_RETAIN_GIDS), so that the glyph ids Pango
 * shaped with the full font draw unchanged from the subset.  The subset is
 * loaded from memory with FreeType and handed to Cairo as a font face; the
 * runs of each line are drawn with cairo_show_text_glyphs (glyphs, their
 * text and clusters, for the ToUnicode map that text extraction reads).
 * Pango still shapes and measures with the full font.
 */
struct sface {
	char			*file;		/* the font file and face */
	int			 index;
	hb_set_t		*glyphs;
	cairo_font_face_t	*cf;		/* the subset, or NULL */
};

struct fontmap {
	const struct tmpl_layout *L;
	struct sface	*f;
	size_t		 n, cap;
	struct {
		PangoFont	*font;
		size_t		 face;
		double		 size;
	}		*by;			/* PangoFont -> face, size */
	size_t		 nby, capby;
	int		 oom;
};

static FT_Library	 ftlib;

/* Frees the FreeType face and the subset's bytes when Cairo lets go of
 * the font face (Cairo may keep it cached after the surface is gone). */
static void
face_done(void *data)
{
	FT_Face		 ft = data;

	hb_blob_destroy(ft->generic.data);
	FT_Done_Face(ft);
}

/* The face and size of a Pango font; -1 when it is not a fontconfig font
 * (it then draws as before, through Pango). */
static long
font_of(struct fontmap *m, PangoFont *font, double *size)
{
	FcPattern		*p;
	FcChar8			*file;
	int			 index = 0;
	size_t			 i;
	PangoFontDescription	*fd;
	void			*v;

	for (i = 0; i < m->nby; i++)
		if (m->by[i].font == font) {
			*size = m->by[i].size;
			return (long)m->by[i].face;
		}
	if (!PANGO_IS_FC_FONT(font) ||
	    (p = pango_fc_font_get_pattern(PANGO_FC_FONT(font))) == NULL ||
	    FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
		return -1;
	FcPatternGetInteger(p, FC_INDEX, 0, &index);
	for (i = 0; i < m->n; i++)
		if (m->f[i].index == index &&
		    strcmp(m->f[i].file, (char *)file) == 0)
			break;
	if (i == m->n) {
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 4;
			if ((v = realloc(m->f, m->cap * sizeof(*m->f))) == NULL)
				goto oom;
			m->f = v;
		}
		m->f[i].file = strdup((char *)file);
		m->f[i].index = index;
		m->f[i].glyphs = hb_set_create();
		m->f[i].cf = NULL;
		m->n++;
		if (m->f[i].file == NULL)
			goto oom;
	}
	if (m->nby == m->capby) {
		m->capby = m->capby ? 2 * m->capby : 8;
		if ((v = realloc(m->by, m->capby * sizeof(*m->by))) == NULL)
			goto oom;
		m->by = v;
	}
	fd = pango_font_describe(font);
	*size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
	pango_font_description_free(fd);
	m->by[m->nby].font = font;
	m->by[m->nby].face = i;
	m->by[m->nby].size = *size;
	m->nby++;
	return (long)i;
oom:
	m->oom = 1;
	return -1;
}

/* A glyph of the font: not PANGO_GLYPH_EMPTY (a tab, a line break), not
 * a missing one (typeset.c has replaced those with 〓). */
static int
drawn(PangoGlyph g)
{
	return g < PANGO_GLYPH_EMPTY;
}

/* Pass 1: the glyphs of every line drawn, per face. */
static void
collect(struct fontmap *m, const struct tmpl_layout *L)
{
	size_t			 i, j;
	int			 k;
	const struct op		*o;
	PangoLayoutLine		*ln;
	GSList			*r;
	PangoGlyphItem		*gi;
	long			 f;
	double			 sz;

	for (i = 0; i < L->npages; i++)
		for (j = 0; j < L->pages[i].n; j++) {
			o = &L->pages[i].ops[j];
			if (o->type != OP_TEXT || (ln =
			    pango_layout_get_line_readonly(o->l, o->line)) ==
			    NULL)
				continue;
			for (r = ln->runs; r != NULL; r = r->next) {
				gi = r->data;
				if ((f = font_of(m, gi->item->analysis.font,
				    &sz)) < 0)
					continue;
				for (k = 0; k < gi->glyphs->num_glyphs; k++)
					if (drawn(gi->glyphs->glyphs[k].glyph))
						hb_set_add(m->f[f].glyphs,
						    gi->glyphs->glyphs[k].glyph);
			}
		}
}

/* Pass 2: each face's subset as a Cairo font face; NULL on failure (the
 * face then draws through Pango, whole). */
static cairo_font_face_t *
subset_face(const struct sface *f)
{
	hb_blob_t		*blob = NULL, *sub = NULL;
	hb_face_t		*face = NULL, *sface = NULL;
	hb_subset_input_t	*in = NULL;
	hb_set_t		*drop;
	FT_Face			 ft = NULL;
	cairo_font_face_t	*cf = NULL;
	static const cairo_user_data_key_t key;
	const char		*data;
	unsigned int		 len;
	static const hb_tag_t	 unused[] = {
		HB_TAG('G','S','U','B'), HB_TAG('G','P','O','S'),
		HB_TAG('G','D','E','F'), HB_TAG('B','A','S','E'),
		HB_TAG('J','S','T','F'), HB_TAG('V','O','R','G'),
		HB_TAG('v','h','e','a'), HB_TAG('v','m','t','x'),
		HB_TAG('D','S','I','G'), HB_TAG('c','m','a','p')
	};
	size_t			 i;

	if (ftlib == NULL && FT_Init_FreeType(&ftlib) != 0)
		return NULL;
	if ((blob = hb_blob_create_from_file_or_fail(f->file)) == NULL)
		goto out;
	face = hb_face_create(blob, (unsigned int)f->index);
	if ((in = hb_subset_input_create_or_fail()) == NULL)
		goto out;
	hb_set_union(hb_subset_input_glyph_set(in), f->glyphs);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS |
	    HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(unused) / sizeof(unused[0]); i++)
		hb_set_add(drop, unused[i]);
	if ((sface = hb_subset_or_fail(face, in)) == NULL)
		goto out;
	sub = hb_face_reference_blob(sface);
	data = hb_blob_get_data(sub, &len);
	if (len == 0 || FT_New_Memory_Face(ftlib, (const FT_Byte *)data,
	    (FT_Long)len, 0, &ft) != 0)
		goto out;
	ft->generic.data = sub;
	ft->generic.finalizer = NULL;
	cf = cairo_ft_font_face_create_for_ft_face(ft, 0);
	if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
	    cairo_font_face_set_user_data(cf, &key, ft, face_done) !=
	    CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(cf);
		cf = NULL;
		goto out;
	}
	sub = NULL;	/* owned by ft now, freed by face_done */
	ft = NULL;
out:
	if (ft != NULL)
		FT_Done_Face(ft);
	hb_blob_destroy(sub);
	hb_face_destroy(sface);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return cf;
}

static void
fontmap_free(struct fontmap *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++) {
		free(m->f[i].file);
		hb_set_destroy(m->f[i].glyphs);
		if (m->f[i].cf != NULL)
			cairo_font_face_destroy(m->f[i].cf);
	}
	free(m->f);
	free(m->by);
}

/* Colour, underline and strike-through of a run (the marks of pia diff). */
static void
run_style(const PangoItem *it, double *rgb, int *ul, int *st)
{
	GSList			*a;
	const PangoAttribute	*at;
	const PangoColor	*c;

	rgb[0] = rgb[1] = rgb[2] = 0;
	*ul = *st = 0;
	for (a = it->analysis.extra_attrs; a != NULL; a = a->next) {
		at = a->data;
		switch (at->klass->type) {
		case PANGO_ATTR_FOREGROUND:
			c = &((const PangoAttrColor *)at)->color;
			rgb[0] = c->red / 65535.0;
			rgb[1] = c->green / 65535.0;
			rgb[2] = c->blue / 65535.0;
			break;
		case PANGO_ATTR_UNDERLINE:
			*ul = ((const PangoAttrInt *)at)->value !=
			    PANGO_UNDERLINE_NONE;
			break;
		case PANGO_ATTR_STRIKETHROUGH:
			*st = ((const PangoAttrInt *)at)->value;
			break;
		default:
			break;
		}
	}
}

/* Draws one run from the subset face: its glyphs at Pango's positions,
 * with its text and clusters; returns its width. */
static double
draw_run(cairo_t *cr, cairo_font_face_t *cf, double size,
    PangoGlyphItem *gi, const char *text, double x, double y)
{
	PangoGlyphItemIter	 it;
	cairo_glyph_t		*g;
	cairo_text_cluster_t	*cl;
	int			 ng = 0, nc = 0, k, w = 0, have;
	const PangoGlyphInfo	*gl;
	double			 rgb[3];
	int			 ul, st;

	g = g_new(cairo_glyph_t, gi->glyphs->num_glyphs + 1);
	cl = g_new(cairo_text_cluster_t, gi->glyphs->num_glyphs + 1);
	for (have = pango_glyph_item_iter_init_start(&it, gi, text); have;
	    have = pango_glyph_item_iter_next_cluster(&it)) {
		cl[nc].num_bytes = it.end_index - it.start_index;
		cl[nc].num_glyphs = 0;
		for (k = it.start_glyph; k < it.end_glyph; k++) {
			gl = &gi->glyphs->glyphs[k];
			if (drawn(gl->glyph)) {
				g[ng].index = gl->glyph;
				g[ng].x = x + (double)(w +
				    gl->geometry.x_offset) / PANGO_SCALE;
				g[ng].y = y + (double)gl->geometry.y_offset /
				    PANGO_SCALE;
				ng++;
				cl[nc].num_glyphs++;
			}
			w += gl->geometry.width;
		}
		if (cl[nc].num_bytes > 0 || cl[nc].num_glyphs > 0)
			nc++;
	}
	run_style(gi->item, rgb, &ul, &st);
	cairo_save(cr);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_font_face(cr, cf);
	cairo_set_font_size(cr, size);
	if (ng > 0)
		cairo_show_text_glyphs(cr, text + gi->item->offset,
		    gi->item->length, g, ng, cl, nc, 0);
	if (ul || st) {
		cairo_set_line_width(cr, size * 0.06);
		cairo_move_to(cr, x, ul ? y + size * 0.12 : y - size * 0.3);
		cairo_rel_line_to(cr, (double)w / PANGO_SCALE, 0);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	g_free(g);
	g_free(cl);
	return (double)w / PANGO_SCALE;
}

/* One line of a layout, each run from its subset (through Pango when the
 * face has none). */
static void
draw_line(cairo_t *cr, struct fontmap *m, const struct op *o)
{
	PangoLayoutLine	*ln = pango_layout_get_line_readonly(o->l, o->line);
	const char	*text = pango_layout_get_text(o->l);
	GSList		*r;
	PangoGlyphItem	*gi;
	double		 x = o->x, size;
	long		 f;

	for (r = ln->runs; r != NULL; r = r->next) {
		gi = r->data;
		f = font_of(m, gi->item->analysis.font, &size);
		if (f < 0 || m->f[f].cf == NULL) {
			cairo_move_to(cr, o->x, o->y);
			pango_cairo_show_layout_line(cr, ln);
			return;
		}
	}
	for (r = ln->runs; r != NULL; r = r->next) {
		gi = r->data;
		f = font_of(m, gi->item->analysis.font, &size);
		x += draw_run(cr, m->f[f].cf, size, gi, text, x, o->y);
	}
}

/* A figure scaled into its box (a missing one is a frame, drawn by
 * typeset.c as a box). */
static void
draw_figure(cairo_t *cr, const struct tmpl_layout *L, const struct op *o)
{
	const struct figure	*f = &L->fig[o->line];

	if (f->s == NULL || f->w <= 0 || f->h <= 0)
		return;
	cairo_save(cr);
	cairo_translate(cr, o->x, o->y);
	cairo_scale(cr, o->w / f->w, o->h / f->h);
	if (cairo_surface_get_type(f->s) == CAIRO_SURFACE_TYPE_IMAGE)
		cairo_scale(cr, f->w / cairo_image_surface_get_width(f->s),
		    f->h / cairo_image_surface_get_height(f->s));
	cairo_set_source_surface(cr, f->s, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
}

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

	if (s->n + len + 1 > s->cap) {
		cap = (s->n + len + 1) * 2;
		if ((nb = realloc(s->buf, cap)) == NULL) {
			s->oom = 1;
			return CAIRO_STATUS_NO_MEMORY;
		}
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->n, data, len);
	s->n += len;
	s->buf[s->n] = '\0';	/* see finish_pdf */
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

/*
 * The PDF's structure (a tagged PDF, Cairo's cairo_tag_begin/end): the
 * title and section headings as H1/H2/H3, other text as P, each table as
 * Table with a TR per row (a row split over two pages is a TR on each)
 * and TH for a label cell, TD for a value cell, each figure as Figure
 * (its alt text is added after Cairo, see finish_pdf).  The running header
 * and the page numbers are left out of the structure.  Tags are closed at
 * the end of every page.
 */
struct tags {
	int		 tbl, row, cell;	/* open table, row, cell */
	const char	*cname;			/* TH or TD */
	const char	*elem;			/* open element outside tables */
	PangoLayout	*l;			/* the paragraph it holds */
	cairo_t		*cr;
};

static void
tags_close_elem(struct tags *g)
{
	if (g->elem != NULL)
		cairo_tag_end(g->cr, g->elem);
	g->elem = NULL;
	g->l = NULL;
}

static void
tags_close_table(struct tags *g)
{
	if (g->cell >= 0) {
		tags_close_elem(g);
		cairo_tag_end(g->cr, g->cname);
	}
	if (g->row > 0)
		cairo_tag_end(g->cr, "TR");
	if (g->tbl > 0)
		cairo_tag_end(g->cr, "Table");
	g->tbl = g->row = 0;
	g->cell = -1;
}

static void
tags_close(struct tags *g)
{
	tags_close_elem(g);
	tags_close_table(g);
}

/* Opens what the text op o belongs to. */
static void
tags_text(struct tags *g, const struct op *o)
{
	const char	*e;

	if (o->tbl > 0) {
		tags_close_elem(g);
		if (o->tbl != g->tbl)
			tags_close_table(g);
		if (g->tbl == 0) {
			cairo_tag_begin(g->cr, "Table", "");
			g->tbl = o->tbl;
		}
		if (o->row != g->row) {
			if (g->cell >= 0)
				cairo_tag_end(g->cr, g->cname);
			if (g->row > 0)
				cairo_tag_end(g->cr, "TR");
			cairo_tag_begin(g->cr, "TR", "");
			g->row = o->row;
			g->cell = -1;
		}
		if (o->cell != g->cell) {
			if (g->cell >= 0)
				cairo_tag_end(g->cr, g->cname);
			g->cname = o->th ? "TH" : "TD";
			cairo_tag_begin(g->cr, g->cname, "");
			g->cell = o->cell;
		}
		return;
	}
	tags_close_table(g);
	e = o->role == ROLE_HEAD ? "H1" : o->role == ROLE_HEAD + 1 ? "H2" :
	    o->role == ROLE_HEAD + 2 ? "H3" : "P";
	if (g->elem != NULL && g->l == o->l)
		return;
	tags_close_elem(g);
	cairo_tag_begin(g->cr, e, "");
	g->elem = e;
	g->l = o->l;
}

/* The running header and the page number: not part of the structure. */
static int
in_margin(const struct op *o)
{
	return o->y < 55 || o->y > 795;
}

static void
draw_page(cairo_t *cr, struct fontmap *m, const struct page *p)
{
	size_t		 i;
	const struct op	*o;
	char		*a, *q;
	struct tags	 g = { 0, 0, -1, "TD", NULL, NULL, cr };

	/* the shading of label cells, then the rules and borders: under
	 * the text, outside the structure */
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
		if (o->type == OP_RECT) {
			cairo_rectangle(cr, o->x, o->y, o->w, o->h);
			cairo_stroke(cr);
		} else if (o->type == OP_HLINE) {
			cairo_save(cr);
			cairo_set_line_width(cr, o->h > 0 ? o->h : 0.5);
			if (o->h > 0)
				cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
			cairo_move_to(cr, o->x, o->y);
			cairo_line_to(cr, o->x + o->w, o->y);
			cairo_stroke(cr);
			cairo_restore(cr);
		}
	}
	for (i = 0; i < p->n; i++) {
		o = &p->ops[i];
		switch (o->type) {
		case OP_TEXT:
			if (pango_layout_get_line_readonly(o->l, o->line) ==
			    NULL)
				break;
			if (in_margin(o)) {
				tags_close(&g);
				draw_line(cr, m, o);
				break;
			}
			tags_text(&g, o);
			draw_line(cr, m, o);
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
		case OP_IMAGE:
			/* Cairo 1.16 reports bad nesting when a second
			 * figure is painted inside a structure tag: the Figure
			 * element holds a speck at the figure's centre (white,
			 * under the figure), and the figure is painted after */
			tags_close(&g);
			cairo_tag_begin(cr, "Figure", "");
			cairo_save(cr);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_rectangle(cr, o->x + o->w / 2, o->y + o->h / 2,
			    0.01, 0.01);
			cairo_fill(cr);
			cairo_restore(cr);
			cairo_tag_end(cr, "Figure");
			draw_figure(cr, m->L, o);
			break;
		case OP_FILL:
		case OP_RECT:
		case OP_HLINE:
			break;
		}
	}
	tags_close(&g);
}

/* ------------------------------------------------------------------ */
/* After Cairo                                                          */
/* ------------------------------------------------------------------ */

/* A PDF string of UTF-8 text: UTF-16BE with its byte-order mark, in hex. */
static void
pdf_text(GString *o, const char *s)
{
	gunichar2	*u;
	glong		 i, n;

	g_string_append(o, "<FEFF");
	if ((u = g_utf8_to_utf16(s, -1, NULL, &n, NULL)) != NULL) {
		for (i = 0; i < n; i++)
			g_string_append_printf(o, "%04X", u[i]);
		g_free(u);
	}
	g_string_append_c(o, '>');
}

/* The dictionary of the object whose "obj" keyword is at at ("<< ... >>",
 * up to its endobj), or NULL. */
static char *
object_dict(const char *at)
{
	const char	*s, *e;

	if ((s = strstr(at, "<<")) == NULL ||
	    (e = strstr(s, "endobj")) == NULL)
		return NULL;
	while (e > s && e[-1] != '>')
		e--;
	return g_strndup(s, (gsize)(e - s));
}

/*
 * Cairo 1.16 leaves what it cannot say to the end: this appends one
 * incremental update (PDF 32000 7.5.6) to the finished file:
 *   - the catalogue with the document's language /Lang (ja) and
 *     /ViewerPreferences << /DisplayDocTitle true >> (the title, not the
 *     file name, in the viewer's window);
 *   - every Figure structure element with its /Alt text, in the order the
 *     figures are drawn (Cairo writes the structure tree in that order).
 * Before that, the cross-reference entries of objects Cairo numbered but
 * never wrote (they point at offset 15) are made free entries, in place
 * (same length), so that the file is not reported damaged.
 */
static int
finish_pdf(struct sink *s, const struct tmpl_layout *L)
{
	char		*b = s->buf, *p, *x, *tr, *d, *q;
	size_t		 n = s->n, i, j, nf = 0, fi;
	long		 xref, num, root = -1;
	GString		*o;
	struct { long num; size_t off; } upd[64];
	size_t		 nupd = 0;
	char		 head[32];
	int		 k;

	/* the last cross-reference table (the buffer holds binary streams:
	 * searched with memmem, and ends in a NUL for the text at its end) */
	for (p = b + n - 9; p > b && memcmp(p, "startxref", 9) != 0; p--)
		continue;
	if (p == b)
		return -1;
	xref = strtol(p + 9, NULL, 10);
	if (xref <= 0 || (size_t)xref >= n ||
	    strncmp(b + xref, "xref", 4) != 0)
		return -1;
	/* free entries for objects never written */
	x = b + xref + 4;
	while (*x == '\n' || *x == '\r' || *x == ' ')
		x++;
	{
		long	 first = strtol(x, &x, 10), count = strtol(x, &x, 10);
		char	*e = strchr(x, '\n');

		for (i = 0; e != NULL && i < (size_t)count; i++) {
			char	*ent = e + 1;
			long	 off = strtol(ent, NULL, 10);

			if (ent[17] == 'n' && (off <= 0 || (size_t)off >= n ||
			    strtol(b + off, NULL, 10) != first + (long)i))
				memcpy(ent, "0000000000 65535 f", 18);
			e = ent + 19;
		}
	}
	if ((tr = strstr(b + xref, "trailer")) == NULL ||
	    (q = strstr(tr, "/Root")) == NULL)
		return -1;
	root = strtol(q + 5, NULL, 10);
	o = g_string_new(NULL);
	g_string_append_c(o, '\n');
	/* the catalogue */
	snprintf(head, sizeof(head), "\n%ld 0 obj", root);
	if ((q = memmem(b, n, head, strlen(head))) != NULL &&
	    (d = object_dict(q + 1)) != NULL) {
		upd[nupd].num = root;
		upd[nupd++].off = n + o->len;
		g_string_append_printf(o, "%ld 0 obj\n", root);
		g_string_append_len(o, d, (gssize)strlen(d) - 2);
		g_string_append(o, "   /Lang (ja)\n");
		if (strstr(d, "/MarkInfo") == NULL)
			g_string_append(o, "   /MarkInfo << /Marked true >>\n");
		g_string_append(o, "   /ViewerPreferences << /DisplayDocTitle "
		    "true >>\n>>\nendobj\n");
		g_free(d);
	}
	/* the figures' alternative texts, in drawing order */
	for (q = b; (q = memmem(q, n - (size_t)(q - b), "/S /Figure",
	    10)) != NULL && nupd < 64; q++) {
		char	*st = q;

		while (st > b && strncmp(st, " 0 obj", 6) != 0)
			st--;
		while (st > b && st[-1] >= '0' && st[-1] <= '9')
			st--;
		num = strtol(st, NULL, 10);
		/* the nf-th figure drawn */
		for (fi = 0, k = 0, i = 0; fi < L->npages && k == 0; fi++)
			for (j = 0; j < L->pages[fi].n && k == 0; j++)
				if (L->pages[fi].ops[j].type == OP_IMAGE &&
				    i++ == nf)
					k = 1 + L->pages[fi].ops[j].line;
		nf++;
		for (fi = 0; fi < nupd; fi++)
			if (upd[fi].num == num)
				break;
		if (fi < nupd || (d = object_dict(strstr(st, "obj"))) == NULL)
			continue;
		upd[nupd].num = num;
		upd[nupd++].off = n + o->len;
		g_string_append_printf(o, "%ld 0 obj\n", num);
		g_string_append_len(o, d, (gssize)strlen(d) - 2);
		g_string_append(o, "   /Alt ");
		pdf_text(o, k > 0 ? L->fig[k - 1].alt : "");
		g_string_append(o, "\n>>\nendobj\n");
		g_free(d);
	}
	/* the new cross-reference section and trailer */
	{
		size_t	 xoff = n + o->len;
		char	*t0 = strstr(tr, "<<"), *t1 = strstr(tr, "startxref");

		g_string_append(o, "xref\n0 1\n0000000000 65535 f \n");
		for (i = 0; i < nupd; i++)
			g_string_append_printf(o, "%ld 1\n%010zu 00000 n \n",
			    upd[i].num, upd[i].off);
		while (t1 > t0 && t1[-1] != '>')
			t1--;
		g_string_append(o, "trailer\n");
		if (t0 != NULL && t1 > t0 + 4)
			g_string_append_len(o, t0, (gssize)(t1 - t0 - 2));
		g_string_append_printf(o, "   /Prev %ld\n>>\nstartxref\n%zu\n"
		    "%%%%EOF\n", xref, xoff);
	}
	if (s->n + o->len > s->cap) {
		char	*nb = realloc(s->buf, s->n + o->len + 1);

		if (nb == NULL) {
			g_string_free(o, TRUE);
			return -1;
		}
		s->buf = nb;
		s->cap = s->n + o->len + 1;
	}
	memcpy(s->buf + s->n, o->str, o->len);
	s->n += o->len;
	s->buf[s->n] = '\0';
	g_string_free(o, TRUE);
	return 0;
}

int
tmpl_pdf(const struct tmpl_layout *L, long long epoch, char **out,
    size_t *len, struct pia_diags *d)
{
	struct sink	 s = { NULL, 0, 0, 0 };
	struct fontmap	 fm;
	cairo_font_options_t *fo;
	int		 parent, id;
	cairo_surface_t	*sf;
	cairo_t		*cr;
	cairo_status_t	 st;
	size_t		 i;
	char		 date[32], *q, *a;
	time_t		 tt = (time_t)epoch;
	struct tm	 tm;

	*out = NULL;
	memset(&fm, 0, sizeof(fm));
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
	/* bookmarks: each section, its numbered items nested under it */
	for (i = 0, parent = CAIRO_PDF_OUTLINE_ROOT; i < L->noutl; i++) {
		q = quote(L->outl[i].dest);
		a = g_strdup_printf("dest='%s'", q);
		id = cairo_pdf_surface_add_outline(sf, L->outl[i].level > 1 ?
		    parent : CAIRO_PDF_OUTLINE_ROOT, L->outl[i].title, a, 0);
		if (L->outl[i].level <= 1)
			parent = id;
		g_free(a);
		g_free(q);
	}
	fm.L = L;
	collect(&fm, L);
	for (i = 0; i < fm.n && !fm.oom; i++)
		fm.f[i].cf = subset_face(&fm.f[i]);
	cr = cairo_create(sf);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	/* one Document element holds the structure of every page */
	cairo_tag_begin(cr, "Document", "");
	for (i = 0; i < L->npages; i++) {
		draw_page(cr, &fm, &L->pages[i]);
		if (i + 1 == L->npages)
			cairo_tag_end(cr, "Document");
		cairo_show_page(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	fontmap_free(&fm);
	if (st != CAIRO_STATUS_SUCCESS || s.oom || fm.oom) {
		pia_diag(d, PIA_M_RENDER_PDF, NULL, 0, NULL,
		    cairo_status_to_string(st));
		free(s.buf);
		return -1;
	}
	if (finish_pdf(&s, L) == -1) {
		pia_diag(d, PIA_M_RENDER_PDF, NULL, 0, NULL,
		    "cannot finish the PDF");
		free(s.buf);
		return -1;
	}
	*out = s.buf;
	*len = s.n;
	return 0;
}
