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
draw_page(cairo_t *cr, struct fontmap *m, const struct page *p)
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
			if (pango_layout_get_line_readonly(o->l, o->line))
				draw_line(cr, m, o);
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
		case OP_IMAGE:
			draw_figure(cr, m->L, o);
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
	struct fontmap	 fm;
	cairo_font_options_t *fo;
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
	for (i = 0; i < L->noutl; i++) {
		q = quote(L->outl[i].dest);
		a = g_strdup_printf("dest='%s'", q);
		cairo_pdf_surface_add_outline(sf, CAIRO_PDF_OUTLINE_ROOT,
		    L->outl[i].title, a, 0);
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
	for (i = 0; i < L->npages; i++) {
		draw_page(cr, &fm, &L->pages[i]);
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
	*out = s.buf;
	*len = s.n;
	return 0;
}
