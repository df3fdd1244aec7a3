/*
 * typeset.c: lays a print tree (templates/print.rng) out on A4 portrait
 * pages with Pango.  The result is a list of pages, each a list of
 * drawing operations (lines of text at a baseline, cell borders, shaded
 * label cells, link areas, named destinations) that pdf.c draws with
 * Cairo and tmpl_layout_dump() prints for golden tests.
 *
 * Units are PostScript points: the Pango context is set to 72 dpi so that
 * a 9 pt font is 9 units, not Pango's 96-dpi default.  Text is broken by
 * Pango (UAX #14, which keeps 、。」) and small kana off the start of a
 * line: the 禁則 rules), in one Japanese font found with fontconfig (Noto
 * Sans CJK JP, else IPAexGothic) with fallback to other fonts switched
 * off, so that no glyph comes from a non-Japanese font; a character the
 * font lacks is reported as a warning.
 *
 * Tables: each row is laid out cell by cell into a column of pieces (one
 * line of text, or a gap); a row that does not fit on the rest of the
 * page moves to the next page when it is short, else is split between
 * two pieces, and the header rows of the table are repeated on the new
 * page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "pia.h"
#include "render.h"
#include "typeset.h"

#define PAGE_W		595.276
#define PAGE_H		841.890
#define MARGIN_L	51.0
#define MARGIN_R	51.0
#define MARGIN_T	62.0
#define MARGIN_B	58.0
#define BODY_W		(PAGE_W - MARGIN_L - MARGIN_R)
#define BODY_BOTTOM	(PAGE_H - MARGIN_B)
#define PAD		3.5	/* cell padding */
#define PAD_SMALL	1.5	/* above and below the text in a long table */
#define INDENT		9.0	/* per nesting level of a label */

#define SZ_BODY		9.0
#define SZ_TABLE	6.5	/* the cells of a long table (変更箇所) */
#define LINE		1.3	/* line height, em */
#define LINE_SMALL	1.2	/* line height in a long table, em */
#define SZ_SMALL	7.5
#define SZ_HEAD		12.0
#define SZ_TITLE	16.0
#define SZ_MARGIN	7.5

/* The Japanese fonts accepted, in order of preference. */
static const char *const families[] = { "Noto Sans CJK JP", "IPAexGothic" };

struct piece {
	PangoLayout	*l;	/* NULL: a gap */
	int		 line;
	int		 role;	/* ROLE_* of typeset.h */
	double		 x;	/* offset from the cell's text start */
	double		 h, base;
};

struct cell {
	struct piece	*p;
	size_t		 n, cap, next;
	double		 x, w;
	int		 label;
	int		 bold;	/* a label in bold: heading and header rows */
	int		 depth;	/* nesting of a label */
	int		 cont;	/* (続き) added */
};

struct row {
	struct cell	*c;
	size_t		 n;
	double		 pad;	/* above and below the text */
	char		*outline; /* its bookmark under the section, or NULL */
	int		 header, heading;
};

struct ts {
	struct tmpl_layout	*L;
	struct pia_diags	*d;
	const char		*name;
	double			 y;		/* next free y on the page */
	int			 empty;		/* nothing placed on the page */
	int			 margin;	/* placing in the margin (footers) */
	int			 tag_tbl, tag_row, tag_cell; /* see struct op */
	int			 ntbl;
	double			 sz;		/* text size of the table's cells */
	struct row		*hdr;		/* header rows of the current table */
	size_t			 nhdr;
	int			 oom;
	char			 warned[64][8];	/* characters already reported */
	GHashTable		*cache;		/* paragraphs laid out, by key */
	GHashTable		*widths;	/* widths of grid units */
	size_t			 nwarned;
	const char		*cont;		/* the form's (続き) */
	xmlChar			*contx;
	char			*dest;		/* destination of the next line */
	struct {
		struct cell	 c;
		double		 before, after;
	}			 pend[8];	/* headings waiting, see pend_add */
	size_t			 npend;
};

static void	pend_flush(struct ts *, double);
static void	add_item_outline(struct ts *, const struct row *);

/* ------------------------------------------------------------------ */

static void *
grow(void *v, size_t *cap, size_t n, size_t sz)
{
	void	*nv;
	size_t	 c;

	if (n < *cap)
		return v;
	c = *cap ? *cap * 2 : 16;
	if ((nv = realloc(v, c * sz)) == NULL)
		return NULL;
	*cap = c;
	return nv;
}

static struct page *
cur_page(struct ts *t)
{
	return &t->L->pages[t->L->npages - 1];
}

static struct op *
add_op(struct ts *t, enum op_type type, double x, double y, double w,
    double h)
{
	struct page	*p = cur_page(t);
	struct op	*o, *v;

	if ((v = grow(p->ops, &p->cap, p->n, sizeof(*o))) == NULL) {
		t->oom = 1;
		return NULL;
	}
	p->ops = v;
	o = &p->ops[p->n++];
	memset(o, 0, sizeof(*o));
	o->type = type;
	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	return o;
}

/* Keeps the layout alive for the device; returns it. */
static PangoLayout *
keep(struct ts *t, PangoLayout *l)
{
	struct tmpl_layout	*L = t->L;
	PangoLayout		**v;

	if ((v = grow(L->layouts, &L->caplayouts, L->nlayouts,
	    sizeof(*v))) == NULL) {
		t->oom = 1;
		g_object_unref(l);
		return NULL;
	}
	L->layouts = v;
	L->layouts[L->nlayouts++] = l;
	return l;
}

/* Reports characters that have no glyph in the Japanese font and returns
 *  the text with each of them replaced by 〓 (geta, the Japanese mark for
 *  a missing character, which the font has), or NULL when all is well.
 *  Pango would draw a hex box from another font instead. */
static char *
check_glyphs(struct ts *t, PangoLayout *l)
{
	PangoLayoutIter	*it = pango_layout_get_iter(l);
	const char	*text = pango_layout_get_text(l);
	size_t		 tlen = strlen(text);
	char		*bad = NULL;
	PangoLayoutRun	*r;
	GString		*out;
	int		 i, j;
	size_t		 k, n;
	char		 ch[8];

	do {
		if ((r = pango_layout_iter_get_run_readonly(it)) == NULL)
			continue;
		for (i = 0; i < r->glyphs->num_glyphs; i++) {
			if (!(r->glyphs->glyphs[i].glyph &
			    PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			j = r->item->offset + r->glyphs->log_clusters[i];
			if (bad == NULL && (bad = calloc(tlen + 1, 1)) == NULL)
				break;
			bad[j] = 1;
			k = (size_t)(g_utf8_next_char(text + j) - (text + j));
			if (k >= sizeof(ch) || g_unichar_isspace(
			    g_utf8_get_char(text + j)))
				continue;
			memcpy(ch, text + j, k);
			ch[k] = '\0';
			for (k = 0; k < t->nwarned; k++)
				if (strcmp(t->warned[k], ch) == 0)
					break;
			if (k < t->nwarned)
				continue;
			if (t->nwarned < 64)
				strcpy(t->warned[t->nwarned++], ch);
			pia_diag(t->d, PIA_M_RENDER_GLYPH, t->name, 0, NULL,
			    ch, (unsigned)g_utf8_get_char(ch), t->L->family);
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	if (bad == NULL)
		return NULL;
	out = g_string_new(NULL);
	for (k = 0; k < tlen; k += n) {
		n = (size_t)(g_utf8_next_char(text + k) - (text + k));
		if (bad[k] && !g_unichar_isspace(g_utf8_get_char(text + k)))
			g_string_append(out, "〓");
		else
			g_string_append_len(out, text + k, (gssize)n);
	}
	free(bad);
	return g_string_free(out, FALSE);
}

/* The changed words of a 変更箇所 row (print <del> and <ins>): struck
 * through in dark red, underlined in dark blue; both stay legible when
 * printed in grey, and neither changes the font (see make_layout). */
static void
mark_add(PangoAttrList *al, int ins, size_t start, size_t end)
{
	PangoAttribute	*a[2];
	int		 i;

	if (ins) {
		a[0] = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
		a[1] = pango_attr_foreground_new(0x0000, 0x3300, 0x9900);
	} else {
		a[0] = pango_attr_strikethrough_new(TRUE);
		a[1] = pango_attr_foreground_new(0x9900, 0x0000, 0x0000);
	}
	for (i = 0; i < 2; i++) {
		a[i]->start_index = (guint)start;
		a[i]->end_index = (guint)end;
		pango_attr_list_insert(al, a[i]);
	}
}

/* Byte offset in to of the character that is at byte offset off in from;
 * both have as many characters (check_glyphs replaces one by one). */
static guint
remap(const char *from, const char *to, guint off)
{
	glong	 n = g_utf8_pointer_to_offset(from, from + off);

	return (guint)(g_utf8_offset_to_pointer(to, n) - to);
}

/* The marks, moved to the text with missing characters replaced. */
static gboolean
remap_mark(PangoAttribute *a, gpointer data)
{
	const char *const	*tx = data;

	a->start_index = remap(tx[0], tx[1], a->start_index);
	a->end_index = remap(tx[0], tx[1], a->end_index);
	return FALSE;
}

static void	font_set(struct ts *, PangoLayout *, double, int);

/* Text that the form never breaks: a bracketed note such as 【行政機関等のみ】
 * stays on one line (Pango's allow-breaks attribute over it). */
static void
nobreak_add(PangoAttrList *al, const char *text)
{
	const char	*o, *c;
	PangoAttribute	*a;

	for (o = text; (o = strstr(o, "【")) != NULL; o = c) {
		if ((c = strstr(o, "】")) == NULL)
			break;
		c += strlen("】");
		if (c - o > 60)		/* not a note: a long bracketed text */
			continue;
		a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)(o - text);
		a->end_index = (guint)(c - text);
		pango_attr_list_insert(al, a);
	}
}

/* The attributes of every paragraph: one font (no fallback), no hyphen
 * added where a Latin word is broken (the text stays as written, and
 * searchable), the form's unbreakable notes. */
static PangoAttrList *
base_attrs(const char *text)
{
	PangoAttrList	*al = pango_attr_list_new();

	pango_attr_list_insert(al, pango_attr_fallback_new(FALSE));
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	nobreak_add(al, text);
	return al;
}

/* A paragraph of text in width w.  bold/size as given; marks (or NULL):
 * the changed words, see mark_add. */
static PangoLayout *
make_layout_tabs(struct ts *, const char *, double, double, int,
    PangoAlignment, PangoAttrList *, int, double);

static PangoLayout *
make_layout(struct ts *t, const char *text, double w, double size, int bold,
    PangoAlignment align, PangoAttrList *marks)
{
	return make_layout_tabs(t, text, w, size, bold, align, marks, 1, 0);
}

/* Tab stops every colw pt for a grid of ncol columns. */
static void
set_tabs(PangoLayout *l, int ncol, double colw)
{
	PangoTabArray	*ta;
	int		 k;

	if (ncol <= 1)
		return;
	ta = pango_tab_array_new(ncol - 1, FALSE);
	for (k = 1; k < ncol; k++)
		pango_tab_array_set_tab(ta, k - 1, PANGO_TAB_LEFT,
		    (gint)(k * colw * PANGO_SCALE));
	pango_layout_set_tabs(l, ta);
	pango_tab_array_free(ta);
}

/*
 * A paragraph of text in width w: bold/size as given; marks (or NULL):
 * more attributes (the changed words of a 変更箇所 row, see mark_add; the
 * boxes and bold of a grid row); ncol > 1: tab stops every colw pt.  The
 * text is laid out once.  The same paragraph asked again (a label, an
 * option list: a form repeats them) is the same layout, from t->cache.
 */
static PangoLayout *
make_layout_tabs(struct ts *t, const char *text, double w, double size,
    int bold, PangoAlignment align, PangoAttrList *marks, int ncol,
    double colw)
{
	PangoLayout	*l;
	PangoAttrList	*al, *all;
	char		*fixed, *key, *ms = NULL;

	if (marks != NULL)
		ms = pango_attr_list_to_string(marks);
	key = g_strdup_printf("%.2f|%.2f|%d|%d|%d|%.2f|%s|%s", w, size, bold,
	    (int)align, ncol, colw, ms ? ms : "", text);
	g_free(ms);
	if (t->cache != NULL &&
	    (l = g_hash_table_lookup(t->cache, key)) != NULL) {
		g_free(key);
		return l;
	}
	l = pango_layout_new(t->L->ctx);
	/* Bold (headings, selected values) is a face of its own, Noto Sans
	 * CJK JP Bold: pdf.c embeds each face as a desubroutinized subset,
	 * so a second weight costs only its glyphs.  IPAexGothic has no
	 * bold face: one weight then (L->bold is 0). */
	font_set(t, l, size, bold);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	set_tabs(l, ncol, colw);
	pango_layout_set_text(l, text, -1);
	al = base_attrs(text);
	if (marks != NULL)
		pango_attr_list_splice(al, marks, 0, 0);
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	if ((fixed = check_glyphs(t, l)) != NULL) {
		const char	*tx[2] = { text, fixed };

		all = marks ? pango_attr_list_copy(marks) : NULL;
		if (all != NULL)
			pango_attr_list_filter(all, remap_mark, tx);
		pango_layout_set_text(l, fixed, -1);
		al = base_attrs(fixed);
		if (all != NULL) {
			pango_attr_list_splice(al, all, 0, 0);
			pango_attr_list_unref(all);
		}
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
		g_free(fixed);
	}
	if ((l = keep(t, l)) != NULL && t->cache != NULL)
		g_hash_table_insert(t->cache, key, l);
	else
		g_free(key);
	return l;
}

static void
cell_push(struct ts *t, struct cell *c, PangoLayout *l, int line, double x,
    double h, double base)
{
	struct piece	*v;

	if ((v = grow(c->p, &c->cap, c->n, sizeof(*v))) == NULL) {
		t->oom = 1;
		return;
	}
	c->p = v;
	c->p[c->n++] = (struct piece){ l, line, c->bold && c->label ?
	    ROLE_HEAD + 2 : ROLE_TEXT, x, h, base };
}

/* Appends the lines of a laid-out paragraph to the cell. */
static void
push_lines(struct ts *t, struct cell *c, PangoLayout *l, double indent)
{
	PangoLayoutIter	*it;
	PangoRectangle	 r;
	const PangoFontDescription *fd = pango_layout_get_font_description(l);
	double		 h, lh, base;
	int		 y0, y1, i = 0;

	/* Noto Sans CJK's own line height is 1.45 em; the form sets its
	 * lines closer: LINE em, the line box narrowed evenly above and
	 * below the glyphs */
	lh = fd ? (t->sz < SZ_BODY ? LINE_SMALL : LINE) *
	    pango_font_description_get_size(fd) / PANGO_SCALE : 0;
	it = pango_layout_get_iter(l);
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &r);
		h = (double)(y1 - y0) / PANGO_SCALE;
		base = (double)(pango_layout_iter_get_baseline(it) - y0) /
		    PANGO_SCALE;
		if (lh > 0 && h > lh) {
			base -= (h - lh) / 2;
			h = lh;
		}
		cell_push(t, c, l, i++, indent + (double)r.x / PANGO_SCALE,
		    h, base);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Appends the lines of a paragraph to the cell. */
static void
cell_text_aligned(struct ts *t, struct cell *c, const char *text,
    double indent, double size, int bold, PangoAlignment align,
    PangoAttrList *marks)
{
	PangoLayout	*l;

	if ((l = make_layout(t, text, c->w - 2 * PAD - indent, size, bold,
	    align, marks)) != NULL)
		push_lines(t, c, l, indent);
}

/* ------------------------------------------------------------------ */
/* Grids: checkbox lists, numbered options, packed record items          */
/* ------------------------------------------------------------------ */

/* One unit of a grid: "[ ○ ] label ( slot ) ( 2 ) 件", "1) 十分である",
 * "・氏名".  Its first keep bytes (the box and its label, the number and
 * its option) never part; bold bytes from the start are in bold (a ticked
 * box and its label). */
struct unit {
	char	*s;
	size_t	 keep, bold;
	double	 w;
};

static void
font_set(struct ts *t, PangoLayout *l, double size, int bold)
{
	PangoFontDescription	*fd = pango_font_description_new();

	pango_font_description_set_family(fd, t->L->family);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold && t->L->bold ?
	    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
}

/* Natural width of one line of text (not kept for the device). */
static double
text_width(struct ts *t, const char *text, size_t len, double size)
{
	PangoLayout	*l;
	PangoRectangle	 r;
	char		*key = g_strdup_printf("%.2f|%.*s", size, (int)len, text);
	double		*w;

	if (t->widths != NULL &&
	    (w = g_hash_table_lookup(t->widths, key)) != NULL) {
		g_free(key);
		return *w;
	}
	l = pango_layout_new(t->L->ctx);
	font_set(t, l, size, 0);
	pango_layout_set_text(l, text, (int)len);
	pango_layout_get_extents(l, NULL, &r);
	g_object_unref(l);
	w = g_new(double, 1);
	*w = (double)r.width / PANGO_SCALE;
	if (t->widths != NULL)
		g_hash_table_insert(t->widths, key, w);
	else {
		g_free(key);
		g_free(w);
		return (double)r.width / PANGO_SCALE;
	}
	return *w;
}

static void
range_add(PangoAttrList *al, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(al, a);
}

/* Lays out one line (or paragraph) of units separated by tabs. */
static void
grid_flush(struct ts *t, struct cell *c, GString *line, PangoAttrList **al,
    double indent, double size, int ncol, double colw)
{
	PangoLayout	*l;

	if (line->len > 0 && (l = make_layout_tabs(t, line->str, c->w - 2 *
	    PAD - indent, size, 0, PANGO_ALIGN_LEFT, *al, ncol, colw)) != NULL)
		push_lines(t, c, l, indent);
	g_string_truncate(line, 0);
	pango_attr_list_unref(*al);
	*al = pango_attr_list_new();
}

/*
 * The units side by side in equal columns, row by row in their order, as
 * the form prints its boxes and options: as many columns (at most 3) as
 * the widest unit that fits in half the width allows.  A unit wider than
 * a column takes a line of its own, wrapped when it must be, its keep
 * part still whole when that fits the line.  Rows are lines of their own,
 * so a page may break between two rows, never inside a unit.
 */
static void
cell_grid(struct ts *t, struct cell *c, struct unit *u, size_t n,
    double indent, double size)
{
	double		 W = c->w - 2 * PAD - indent, gap = size, colw = 0;
	GString		*line = g_string_new(NULL);
	PangoAttrList	*al = pango_attr_list_new();
	size_t		 i, start;
	int		 ncol, inrow = 0;

	for (i = 0; i < n; i++) {
		u[i].w = text_width(t, u[i].s, strlen(u[i].s), size);
		if (u[i].w <= W / 2 && u[i].w > colw)
			colw = u[i].w;
	}
	ncol = colw > 0 ? (int)((W + gap) / (colw + gap)) : 1;
	if (ncol > 3)
		ncol = 3;
	if (ncol < 1)
		ncol = 1;
	colw = (W + gap) / ncol;
	for (i = 0; i < n; i++) {
		if (inrow == ncol || (inrow > 0 && u[i].w > colw - gap)) {
			grid_flush(t, c, line, &al, indent, size, ncol, colw);
			inrow = 0;
		}
		if (inrow > 0)
			g_string_append_c(line, '\t');
		start = line->len;
		g_string_append(line, u[i].s);
		if (u[i].w <= W)
			range_add(al, pango_attr_allow_breaks_new(FALSE),
			    start, line->len);
		else if (text_width(t, u[i].s, u[i].keep, size) <= W)
			range_add(al, pango_attr_allow_breaks_new(FALSE),
			    start, start + u[i].keep);
		if (u[i].bold > 0)
			range_add(al, pango_attr_weight_new(t->L->bold ?
			    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL), start,
			    start + u[i].bold);
		inrow++;
		if (u[i].w > colw - gap) {
			grid_flush(t, c, line, &al, indent, size, 1, 0);
			inrow = 0;
		}
	}
	grid_flush(t, c, line, &al, indent, size, ncol, colw);
	pango_attr_list_unref(al);
	g_string_free(line, TRUE);
}

static void
units_free(struct unit *u, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		g_free(u[i].s);
	free(u);
}

/* Appends a unit; returns the array (NULL when out of memory). */
static struct unit *
unit_add(struct ts *t, struct unit *u, size_t *n, size_t *cap, char *s,
    size_t keep, size_t bold)
{
	struct unit	*v;

	if ((v = grow(u, cap, *n, sizeof(*u))) == NULL) {
		t->oom = 1;
		g_free(s);
		return u;
	}
	v[*n] = (struct unit){ s, keep, bold, 0 };
	(*n)++;
	return v;
}

static void
cell_text(struct ts *t, struct cell *c, const char *text, double indent,
    double size, int bold)
{
	cell_text_aligned(t, c, text, indent, size, bold, PANGO_ALIGN_LEFT,
	    NULL);
}

static void
cell_gap(struct ts *t, struct cell *c, double h)
{
	if (c->n > 0)
		cell_push(t, c, NULL, 0, 0, h, 0);
}

/* Appends the text content of e to s, <br/> as a line break; the
 * changed words (<del>, <ins>) go to *marks, made when the first comes,
 * when marks is not NULL. */
static void
inline_append(GString *s, const xmlNode *e, PangoAttrList **marks)
{
	const xmlNode	*n;
	size_t		 start;

	for (n = e->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE)
			g_string_append(s, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "br") == 0)
			g_string_append_c(s, '\n');
		else if (n->type == XML_ELEMENT_NODE) {
			start = s->len;
			inline_append(s, n, marks);
			if (marks != NULL && s->len > start &&
			    (strcmp((const char *)n->name, "del") == 0 ||
			    strcmp((const char *)n->name, "ins") == 0)) {
				if (*marks == NULL)
					*marks = pango_attr_list_new();
				mark_add(*marks, n->name[0] == 'i', start,
				    s->len);
			}
		}
	}
}

/* Text content of e with <br/> as a line break. */
static char *
inline_text(const xmlNode *e)
{
	GString		*s = g_string_new(NULL);

	inline_append(s, e, NULL);
	return g_string_free(s, FALSE);
}

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static double
attr_num(const xmlNode *n, const char *name, double def)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST name);
	double	 r = def;

	if (v != NULL) {
		r = atof((const char *)v);
		xmlFree(v);
	}
	return r;
}

static int
attr_is(const xmlNode *n, const char *name, const char *val)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST name);
	int	 r = v != NULL && strcmp((const char *)v, val) == 0;

	xmlFree(v);
	return r;
}


/* A choice as the form prints it: the selected value in brackets (bold),
 * a count in place and the caption on the same line, then the numbered
 * options in a grid, each option whole and with its number. */
static void
cell_choice(struct ts *t, struct cell *c, const xmlNode *n)
{
	const xmlNode	*m;
	xmlChar		*v, *a, *cap, *num;
	GString		*s = g_string_new(NULL);
	PangoAttrList	*al = pango_attr_list_new();
	struct unit	*u = NULL;
	size_t		 nu = 0, cu = 0, bl;
	char		*txt;

	v = xmlGetProp(n, BAD_CAST "value");
	a = xmlGetProp(n, BAD_CAST "after");
	cap = xmlGetProp(n, BAD_CAST "caption");
	g_string_printf(s, "[ %s ]", v && *v ? (char *)v : "　");
	bl = s->len;
	range_add(al, pango_attr_allow_breaks_new(FALSE), 0, bl);
	if (v && *v)
		range_add(al, pango_attr_weight_new(t->L->bold ?
		    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL), 0, bl);
	if (a != NULL && *a) {
		g_string_append_printf(s, "　%s", (char *)a);
		range_add(al, pango_attr_allow_breaks_new(FALSE), bl, s->len);
	}
	if (cap != NULL && *cap) {
		bl = s->len;
		g_string_append_printf(s, "　%s", (char *)cap);
		range_add(al, pango_attr_size_new((int)(SZ_SMALL *
		    PANGO_SCALE)), bl, s->len);
	}
	cell_text_aligned(t, c, s->str, 0, t->sz, 0, PANGO_ALIGN_LEFT, al);
	pango_attr_list_unref(al);
	xmlFree(v);
	xmlFree(a);
	xmlFree(cap);
	for (m = n->children; m; m = m->next) {
		if (!is(m, "option"))
			continue;
		txt = inline_text(m);
		num = xmlGetProp(m, BAD_CAST "n");
		g_string_printf(s, "%s) %s", num ? (char *)num : "", txt);
		xmlFree(num);
		g_free(txt);
		u = unit_add(t, u, &nu, &cu, g_strdup(s->str), s->len, 0);
	}
	g_string_free(s, TRUE);
	cell_grid(t, c, u, nu, 0, SZ_SMALL);
	units_free(u, nu);
}

/* A checkbox list: every box with its label (a ticked one in bold), the
 * ( ) text and a count after it, as a grid; the group headings of
 * 主な記録項目 on lines of their own. */
static void
cell_checks(struct ts *t, struct cell *c, const xmlNode *n)
{
	const xmlNode	*m;
	xmlChar		*g, *prev = NULL, *sign, *slot, *after;
	GString		*s = g_string_new(NULL);
	struct unit	*u = NULL;
	size_t		 nu = 0, cu = 0, keep;
	char		*txt;

	for (m = n->children; m; m = m->next) {
		if (!is(m, "check"))
			continue;
		g = xmlGetProp(m, BAD_CAST "group");
		if (g != NULL && (prev == NULL ||
		    strcmp((char *)g, (char *)prev) != 0)) {
			cell_grid(t, c, u, nu, 0, t->sz);
			units_free(u, nu);
			u = NULL;
			nu = cu = 0;
			cell_text(t, c, (char *)g, 0, SZ_SMALL, 1);
		}
		xmlFree(prev);
		prev = g;
		txt = inline_text(m);
		sign = xmlGetProp(m, BAD_CAST "sign");
		slot = xmlGetProp(m, BAD_CAST "slot");
		after = xmlGetProp(m, BAD_CAST "after");
		g_string_printf(s, "%s %s", sign ? (char *)sign : "", txt);
		keep = s->len;
		if (slot != NULL)
			g_string_append_printf(s, " ( %s )", *slot ?
			    (char *)slot : "　");
		if (after != NULL)
			g_string_append_printf(s, " %s", (char *)after);
		if (slot == NULL)
			keep = s->len;
		u = unit_add(t, u, &nu, &cu, g_strdup(s->str), keep,
		    attr_is(m, "mark", "on") ? keep : 0);
		xmlFree(sign);
		xmlFree(slot);
		xmlFree(after);
		g_free(txt);
	}
	xmlFree(prev);
	g_string_free(s, TRUE);
	cell_grid(t, c, u, nu, 0, t->sz);
	units_free(u, nu);
}

/* 記録項目 packed as the form packs them: "・氏名　・住所 ..." in columns. */
static void
cell_packed(struct ts *t, struct cell *c, const xmlNode *n, double indent)
{
	const xmlNode	*m;
	xmlChar		*b = xmlGetProp(n, BAD_CAST "bullet");
	struct unit	*u = NULL;
	size_t		 nu = 0, cu = 0;
	char		*txt, *s;

	for (m = n->children; m; m = m->next) {
		if (!is(m, "item"))
			continue;
		txt = inline_text(m);
		s = g_strconcat(b ? (char *)b : "", txt, NULL);
		g_free(txt);
		u = unit_add(t, u, &nu, &cu, s, strlen(s), 0);
	}
	xmlFree(b);
	cell_grid(t, c, u, nu, indent, t->sz);
	units_free(u, nu);
}

/* The block content of a value cell. */
static void
cell_blocks(struct ts *t, struct cell *c, const xmlNode *e, int label)
{
	const xmlNode	*n, *m;
	GString		*s;
	PangoAttrList	*marks = NULL;
	xmlChar		*v;
	char		*txt;
	double		 ind;
	int		 i;

	if (label) {
		txt = inline_text(e);
		cell_text(t, c, txt, INDENT * attr_num(e, "depth", 0), t->sz,
		    c->bold);
		g_free(txt);
		return;
	}
	for (n = e->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		cell_gap(t, c, 2.0);
		ind = INDENT * attr_num(n, "indent", 0);
		if (is(n, "p") || is(n, "note")) {
			if (is(n, "p")) {
				s = g_string_new(NULL);
				inline_append(s, n, &marks);
				txt = g_string_free(s, FALSE);
			} else
				txt = inline_text(n);
			if (is(n, "note") && (v = xmlGetProp(n,
			    BAD_CAST "src")) != NULL) {
				char *x = g_strdup_printf("%s%s[%s]", txt,
				    *txt ? " " : "", (char *)v);

				g_free(txt);
				txt = x;
				xmlFree(v);
			}
			cell_text_aligned(t, c, txt, ind, is(n, "note") ?
			    SZ_SMALL : t->sz, attr_is(n, "weight", "bold") ||
			    xmlHasProp(n, BAD_CAST "withheld") != NULL,
			    PANGO_ALIGN_LEFT, marks);
			g_free(txt);
			if (marks != NULL)
				pango_attr_list_unref(marks);
			marks = NULL;
		} else if (is(n, "list") && attr_is(n, "pack", "yes"))
			cell_packed(t, c, n, ind);
		else if (is(n, "list")) {
			i = 0;
			for (m = n->children; m; m = m->next) {
				if (!is(m, "item"))
					continue;
				if (attr_is(n, "type", "ol"))
					s = g_string_new(NULL),
					g_string_printf(s, "%d. ", ++i);
				else
					s = g_string_new("・");
				inline_append(s, m, &marks);
				cell_text_aligned(t, c, s->str, ind, t->sz, 0,
				    PANGO_ALIGN_LEFT, marks);
				g_string_free(s, TRUE);
				if (marks != NULL)
					pango_attr_list_unref(marks);
				marks = NULL;
			}
		} else if (is(n, "choice"))
			cell_choice(t, c, n);
		else if (is(n, "checks"))
			cell_checks(t, c, n);
	}
}

/* ------------------------------------------------------------------ */
/* Pages                                                                */
/* ------------------------------------------------------------------ */

static void
new_page(struct ts *t)
{
	struct tmpl_layout	*L = t->L;
	struct page		*v;
	PangoLayout		*l;

	if ((v = grow(L->pages, &L->cappages, L->npages, sizeof(*v))) ==
	    NULL) {
		t->oom = 1;
		return;
	}
	L->pages = v;
	memset(&L->pages[L->npages++], 0, sizeof(*v));
	t->y = MARGIN_T;
	t->empty = 1;
	/* running header: the 評価書名 and a rule */
	if (L->header != NULL && *L->header &&
	    (l = make_layout(t, L->header, BODY_W, SZ_MARGIN, 0,
	    PANGO_ALIGN_LEFT, NULL)) != NULL) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, -1);
		struct op *o = add_op(t, OP_TEXT, MARGIN_L, MARGIN_T - 18, 0,
		    0);
		if (o != NULL) {
			o->l = l;
			o->line = 0;
		}
		add_op(t, OP_HLINE, MARGIN_L, MARGIN_T - 12, BODY_W, 0);
	}
}

static void
page_break(struct ts *t)
{
	size_t	 i, j;

	new_page(t);
	for (i = 0; i < t->nhdr; i++) {
		for (j = 0; j < t->hdr[i].n; j++)
			t->hdr[i].c[j].next = 0;
	}
}

static void
place_piece(struct ts *t, const struct cell *c, const struct piece *p,
    double y)
{
	struct op	*o;

	if (p->l != NULL && (o = add_op(t, OP_TEXT, c->x + PAD + p->x,
	    y + p->base, 0, 0)) != NULL) {
		o->l = p->l;
		o->line = p->line;
		o->role = p->role;
		o->tbl = t->tag_tbl;
		o->row = t->tag_row;
		o->cell = t->tag_cell;
		o->th = c->label;
	}
}

/* Places text pieces as a block at the left margin (headings, paragraphs,
 * the 項目一覧), going on to the next page where the page is full: no
 * line of a long paragraph is lost below the margin. */
static void
place_block(struct ts *t, struct cell *c)
{
	size_t		 i;

	for (i = 0; i < c->n; i++) {
		if (t->y + c->p[i].h > BODY_BOTTOM && !t->empty &&
		    !t->margin)
			page_break(t);
		place_piece(t, c, &c->p[i], t->y);
		t->y += c->p[i].h;
		t->empty = 0;
	}
}

static double
cell_rest(const struct cell *c)
{
	double	 h = 0;
	size_t	 i;

	for (i = c->next; i < c->n; i++)
		h += c->p[i].h;
	return h;
}

static double
row_rest(const struct row *r)
{
	double	 h = 0, x;
	size_t	 i;

	for (i = 0; i < r->n; i++)
		if ((x = cell_rest(&r->c[i])) > h)
			h = x;
	return h + 2 * r->pad;
}

/* A row this short moves whole to the next page rather than split; rows
 * of a long table (set small) split more readily, as the form's annex
 * does, so that it takes no more pages than the published original. */
#define SHORT_ROW(r)	((BODY_BOTTOM - MARGIN_T) * ((r)->pad < PAD ? 0.2 : 0.45))
/* A row split between pages leaves at least this many lines behind. */
#define MIN_LINES	3

/* The least of the row that must go on the page it starts on: all of a
 * short row, else its first lines. */
static double
row_first(const struct row *r)
{
	double	 h, m = 0;
	size_t	 i, k, n;

	if (r == NULL)
		return 0;
	if ((h = row_rest(r)) <= SHORT_ROW(r))
		return h;
	for (i = 0; i < r->n; i++) {
		h = 0;
		for (k = r->c[i].next, n = 0; k < r->c[i].n && n < MIN_LINES;
		    k++, n++)
			h += r->c[i].p[k].h;
		if (h > m)
			m = h;
	}
	return m + 2 * r->pad;
}

/* Places as much of the row as fits from t->y; returns 1 when all of it
 * is placed.  force: the page is fresh, so each cell places at least one
 * line even if it is taller than the page (nothing is ever dropped, and
 * the loop of place_row always ends). */
static int
place_row_part(struct ts *t, struct row *r, double limit, int force)
{
	double		 used, h, maxh = 0, y;
	size_t		 i, k;
	struct cell	*c;
	int		 done = 1;

	y = t->y + r->pad;
	t->tag_row++;
	for (i = 0; i < r->n; i++) {
		c = &r->c[i];
		t->tag_cell = (int)i;
		used = 0;
		for (k = c->next; k < c->n; k++) {
			h = c->p[k].h;
			if (y + used + h > limit && !(force && k == c->next))
				break;
			place_piece(t, c, &c->p[k], y + used);
			used += h;
		}
		/* a gap left at the top of the next part is dropped */
		while (k < c->n && c->p[k].l == NULL)
			k++;
		c->next = k;
		if (k < c->n)
			done = 0;
		if (used > maxh)
			maxh = used;
	}
	h = done ? maxh + 2 * r->pad : limit - t->y;
	if (h < maxh + 2 * r->pad)
		h = maxh + 2 * r->pad;
	for (i = 0; i < r->n; i++) {
		c = &r->c[i];
		if (c->label)
			add_op(t, OP_FILL, c->x, t->y, c->w, h);
		add_op(t, OP_RECT, c->x, t->y, c->w, h);
	}
	/* the shading goes under the text: move the fills first */
	t->y += h;
	t->empty = 0;
	return done;
}

static void place_headers(struct ts *);

/* A row goes on after a page break: its first cell (the label, or the
 * 変更日 of a change row) is printed again, with the form's (続き) below it,
 * when it was all on the page before. */
static void
row_continue(struct ts *t, struct row *r)
{
	struct cell	*c;

	if (r->n == 0)
		return;
	c = &r->c[0];
	if (r->n == 1 && !c->label && c->next < c->n && t->cont != NULL &&
	    *t->cont) {
		/* a value across the table (its label in the row above):
		 * (続き) heads the part on the new page */
		size_t	 at = c->next, n0 = c->n;

		cell_text(t, c, t->cont, 0, SZ_SMALL, 0);
		if (c->n == n0 + 1) {
			struct piece	 p = c->p[n0];

			memmove(&c->p[at + 1], &c->p[at], (n0 - at) *
			    sizeof(*c->p));
			c->p[at] = p;
		}
		return;
	}
	if (c->next < c->n)
		return;
	if (!c->cont && t->cont != NULL && *t->cont) {
		c->cont = 1;
		cell_text(t, c, t->cont, INDENT * c->depth, SZ_SMALL, 0);
	}
	c->next = 0;
}

static void
place_row(struct ts *t, struct row *r)
{
	double	 need = row_rest(r), avail = BODY_BOTTOM - PAD - t->y;

	if (need > avail && !t->empty && (need <= SHORT_ROW(r) ||
	    avail < row_first(r))) {
		page_break(t);
		place_headers(t);
	}
	while (!place_row_part(t, r, BODY_BOTTOM - PAD, 0) && !t->oom) {
		page_break(t);
		place_headers(t);
		row_continue(t, r);
		if (place_row_part(t, r, BODY_BOTTOM - PAD, 1))
			break;
	}
}

static void
place_headers(struct ts *t)
{
	size_t	 i;

	for (i = 0; i < t->nhdr; i++)
		place_row_part(t, &t->hdr[i], PAGE_H, 1);
}

static void
free_row(struct row *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		free(r->c[i].p);
	free(r->c);
	g_free(r->outline);
	r->outline = NULL;
	r->c = NULL;
	r->n = 0;
}

/* Column widths from "34 66" (percent of the body width). */
static size_t
parse_cols(const xmlNode *tbl, double *w, size_t max)
{
	xmlChar	*v = xmlGetProp(tbl, BAD_CAST "cols");
	char	*p, *end;
	size_t	 n = 0;
	double	 sum = 0, x;

	for (p = (char *)v; v != NULL && n < max; p = end) {
		x = strtod(p, &end);
		if (end == p)
			break;
		w[n++] = x;
		sum += x;
	}
	xmlFree(v);
	if (n == 0) {
		w[0] = 100;
		n = 1;
		sum = 100;
	}
	for (x = 0; x < n; x++)
		w[(size_t)x] = w[(size_t)x] / sum * BODY_W;
	return n;
}

static void
build_row(struct ts *t, struct row *r, const xmlNode *rn, const double *w,
    size_t ncols)
{
	const xmlNode	*cn;
	size_t		 i = 0, span, k = 0;
	double		 x = MARGIN_L;
	int		 bold;

	r->n = 0;
	r->outline = NULL;
	if ((r->c = calloc(ncols, sizeof(*r->c))) == NULL) {
		t->oom = 1;
		return;
	}
	r->header = attr_is(rn, "header", "yes");
	r->pad = t->sz < SZ_BODY ? PAD_SMALL : PAD;
	/* a heading row: one label across, or a label kept with the next row
	 * (a heading with its box, a label over its value) */
	for (cn = rn->children; cn; cn = cn->next)
		if (is(cn, "cell"))
			k++;
	bold = r->header || attr_is(rn, "keep", "next") || (k == 1 &&
	    rn->children != NULL && attr_is(xmlFirstElementChild(
	    (xmlNode *)rn), "role", "label"));
	for (cn = rn->children; cn && i < ncols; cn = cn->next) {
		if (!is(cn, "cell"))
			continue;
		span = (size_t)attr_num(cn, "span", 1);
		if (span < 1 || i + span > ncols)
			span = ncols - i;
		r->c[r->n].x = x;
		r->c[r->n].w = 0;
		while (span-- > 0)
			r->c[r->n].w += w[i++];
		x += r->c[r->n].w;
		r->c[r->n].label = attr_is(cn, "role", "label");
		r->c[r->n].bold = bold;
		r->c[r->n].depth = (int)attr_num(cn, "depth", 0);
		cell_blocks(t, &r->c[r->n], cn, r->c[r->n].label);
		r->n++;
	}
	r->heading = bold && !r->header;
	if (attr_is(rn, "outline", "yes") && xmlFirstElementChild(
	    (xmlNode *)rn) != NULL)
		r->outline = inline_text(xmlFirstElementChild((xmlNode *)rn));
}

/*
 * A table: every row is built first, so that a heading row (and the
 * header rows of a table) can be kept with the first lines of the row
 * after it: a heading never ends a page.  Then rows are placed one by
 * one; one that does not fit moves to the next page when it is short,
 * else splits, and its continuation repeats its first cell with (続き).
 */
static void
do_table(struct ts *t, const xmlNode *tbl)
{
	double		 w[16], need;
	size_t		 ncols = parse_cols(tbl, w, 16), i, j, n = 0, cap = 0;
	size_t		 hcap = 0;
	const xmlNode	*rn;
	struct row	*rows = NULL, *v;
	int		 keep;

	t->hdr = NULL;
	t->nhdr = 0;
	t->tag_tbl = ++t->ntbl;
	/* a wide table of long texts (変更箇所) is set small, as the form
	 * sets its annex */
	t->sz = attr_is(tbl, "size", "small") ? SZ_TABLE : SZ_BODY;
	for (rn = tbl->children; rn && !t->oom; rn = rn->next) {
		if (!is(rn, "row"))
			continue;
		if ((v = grow(rows, &cap, n, sizeof(*v))) == NULL) {
			t->oom = 1;
			break;
		}
		rows = v;
		build_row(t, &rows[n++], rn, w, ncols);
	}
	for (i = 0; i < n && !t->oom; i = j) {
		/* headings and headers, kept with what follows them */
		if ((keep = rows[i].heading || rows[i].header)) {
			for (j = i, need = 0; j < n && (rows[j].heading ||
			    rows[j].header); j++)
				need += row_rest(&rows[j]);
			need += row_first(j < n ? &rows[j] : NULL);
		} else {
			j = i + 1;
			need = row_first(&rows[i]);
		}
		pend_flush(t, need);
		if (keep && !t->empty && t->y + need > BODY_BOTTOM - PAD) {
			page_break(t);
			place_headers(t);
		}
		for (; i < j && !t->oom; i++) {
			if (rows[i].outline)
				add_item_outline(t, &rows[i]);
			place_row(t, &rows[i]);
			if (!rows[i].header)
				continue;
			if ((v = grow(t->hdr, &hcap, t->nhdr,
			    sizeof(*v))) == NULL) {
				t->oom = 1;
				break;
			}
			t->hdr = v;
			t->hdr[t->nhdr++] = rows[i];
			rows[i].c = NULL;
			rows[i].n = 0;
			rows[i].outline = NULL;
		}
	}
	for (i = 0; i < n; i++)
		free_row(&rows[i]);
	free(rows);
	for (i = 0; i < t->nhdr; i++)
		free_row(&t->hdr[i]);
	free(t->hdr);
	t->hdr = NULL;
	t->nhdr = 0;
	t->tag_tbl = 0;
	t->y += 6;
}

/* A numbered item of a section ("1. 特定個人情報ファイルを取り扱う事務"):
 * a bookmark nested under its section's, to the row's place. */
static void
add_item_outline(struct ts *t, const struct row *r)
{
	struct tmpl_layout	*L = t->L;
	struct outline		*v;
	struct op		*o;
	char			 id[32];

	if ((v = grow(L->outl, &L->capoutl, L->noutl, sizeof(*v))) == NULL) {
		t->oom = 1;
		return;
	}
	L->outl = v;
	snprintf(id, sizeof(id), "item-%zu", L->noutl);
	v = &L->outl[L->noutl++];
	v->title = strdup(r->outline);
	v->dest = strdup(id);
	v->level = 2;
	if ((o = add_op(t, OP_DEST, 0, t->y, 0, 0)) != NULL)
		o->s = strdup(id);
}

static void
add_outline(struct ts *t, const xmlNode *n, int level)
{
	struct tmpl_layout	*L = t->L;
	struct outline		*v;
	xmlChar			*id = xmlGetProp(n, BAD_CAST "id");
	xmlChar			*ti = xmlGetProp(n, BAD_CAST "outline");

	if (id == NULL || ti == NULL)
		goto out;
	if ((v = grow(L->outl, &L->capoutl, L->noutl, sizeof(*v))) == NULL) {
		t->oom = 1;
		goto out;
	}
	L->outl = v;
	v = &L->outl[L->noutl++];
	v->title = strdup((char *)ti);
	v->dest = strdup((char *)id);
	v->level = level;
	/* the destination goes where the section's first line goes */
	free(t->dest);
	t->dest = strdup((char *)id);
out:
	xmlFree(id);
	xmlFree(ti);
}

/*
 * Headings (and a paragraph right after one) wait in t->pend until what
 * follows is placed: pend_flush(t, first) moves them to the next page
 * unless they fit together with the first part (first, in pt) of what
 * follows.  The section's destination goes with them.
 */
static void
pend_add(struct ts *t, struct cell *c, double before, double after)
{
	if (t->npend == sizeof(t->pend) / sizeof(t->pend[0]))
		pend_flush(t, 0);
	t->pend[t->npend].c = *c;
	t->pend[t->npend].before = before;
	t->pend[t->npend].after = after;
	t->npend++;
}

static void
pend_flush(struct ts *t, double first)
{
	double		 need = first;
	size_t		 i;
	struct op	*o;
	int		 tbl;

	for (i = 0; i < t->npend; i++)
		need += t->pend[i].before + cell_rest(&t->pend[i].c) +
		    t->pend[i].after;
	if (t->npend > 0 && !t->empty && t->y + need > BODY_BOTTOM)
		page_break(t);
	if (t->dest != NULL) {
		if ((o = add_op(t, OP_DEST, 0, t->y, 0, 0)) != NULL)
			o->s = t->dest;
		else
			free(t->dest);
		t->dest = NULL;
	}
	tbl = t->tag_tbl;	/* headings belong to no table */
	t->tag_tbl = 0;
	for (i = 0; i < t->npend; i++) {
		if (!t->empty)
			t->y += t->pend[i].before;
		place_block(t, &t->pend[i].c);
		t->y += t->pend[i].after;
		free(t->pend[i].c.p);
	}
	t->tag_tbl = tbl;
	t->npend = 0;
}

static void
do_heading(struct ts *t, const xmlNode *n)
{
	struct cell	 c = { 0 };
	char		*txt = inline_text(n);
	int		 lvl = (int)attr_num(n, "level", 1);
	size_t		 i;

	c.x = MARGIN_L - PAD;
	c.w = BODY_W + 2 * PAD;
	cell_text_aligned(t, &c, txt, 0, lvl == 0 ? SZ_TITLE : SZ_HEAD, 1,
	    attr_is(n, "align", "center") ? PANGO_ALIGN_CENTER :
	    PANGO_ALIGN_LEFT, NULL);
	g_free(txt);
	for (i = 0; i < c.n; i++)
		c.p[i].role = ROLE_HEAD + (lvl > 1 ? 1 : lvl);
	pend_add(t, &c, lvl == 0 ? 10 : lvl == 2 ? 12 : 0,
	    lvl == 0 ? 12 : 6);
}

static void
do_para(struct ts *t, const xmlNode *n)
{
	struct cell	 c = { 0 };
	char		*txt = inline_text(n);
	int		 right = attr_is(n, "align", "right");

	c.x = MARGIN_L - PAD;
	c.w = BODY_W + 2 * PAD;
	cell_text_aligned(t, &c, txt, 0, SZ_BODY, 0, right ?
	    PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, NULL);
	g_free(txt);
	if (t->npend > 0) {	/* a line under a heading stays with it */
		pend_add(t, &c, 0, 4);
		return;
	}
	pend_flush(t, 0);
	place_block(t, &c);
	t->y += 4;
	free(c.p);
}

/* The 項目一覧: one linked line per section. */
static void
do_toc(struct ts *t, const xmlNode *n)
{
	const xmlNode	*e;
	struct cell	 c;
	char		*txt;
	xmlChar		*target;
	struct op	*o;
	double		 y0;

	for (e = n->children; e && !t->oom; e = e->next) {
		if (!is(e, "entry"))
			continue;
		memset(&c, 0, sizeof(c));
		c.x = MARGIN_L;
		c.w = BODY_W;
		txt = inline_text(e);
		cell_text(t, &c, txt, 0, SZ_BODY, 0);
		g_free(txt);
		pend_flush(t, cell_rest(&c));
		if (BODY_BOTTOM - t->y < cell_rest(&c))
			page_break(t);
		y0 = t->y;
		place_block(t, &c);
		target = xmlGetProp(e, BAD_CAST "target");
		if (target != NULL && (o = add_op(t, OP_LINK, MARGIN_L, y0,
		    BODY_W, t->y - y0)) != NULL)
			o->s = strdup((char *)target);
		xmlFree(target);
		add_op(t, OP_HLINE, MARGIN_L, t->y + 0.5, BODY_W, 0.3);
		t->y += 2;
		free(c.p);
	}
}

/* ------------------------------------------------------------------ */
/* Figures (別添1 事務の内容)                                            */
/* ------------------------------------------------------------------ */

struct rbuf {
	const unsigned char	*p;
	size_t			 n, off;
};

static cairo_status_t
rbuf_read(void *closure, unsigned char *data, unsigned int len)
{
	struct rbuf	*b = closure;

	if (b->n - b->off < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, b->p + b->off, len);
	b->off += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Width and height of a JPEG from its first SOFn marker; -1 if none. */
static int
jpeg_size(const unsigned char *p, size_t n, int *w, int *h)
{
	size_t	 i = 2, len;

	while (i + 9 < n && p[i] == 0xFF) {
		unsigned char m = p[i + 1];

		len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
		    m != 0xCC) {
			*h = p[i + 5] << 8 | p[i + 6];
			*w = p[i + 7] << 8 | p[i + 8];
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		i += 2 + len;
	}
	return -1;
}

/* A drawing (SVG) or a PDF page as a recording surface of its size. */
static cairo_surface_t *
record(double w, double h, cairo_t **cr)
{
	cairo_rectangle_t	 r = { 0, 0, w, h };
	cairo_surface_t		*s;

	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &r);
	*cr = cairo_create(s);
	return s;
}

/* Decodes the figure's bytes by their first bytes: PNG, JPEG (embedded
 * as it is), PDF (page N of "file.pdf#page=N", else 1) or SVG; NULL with
 * a reason in *why. */
static cairo_surface_t *
figure_decode(const char *data, size_t n, int page, double *w, double *h,
    enum pia_msg *why)
{
	const unsigned char	*u = (const unsigned char *)data;
	struct rbuf		 b = { u, n, 0 };
	cairo_surface_t		*s = NULL;
	cairo_t			*cr;
	unsigned char		*copy;
	int			 iw, ih;

	*why = PIA_M_RENDER_WHY_FORMAT;
	if (n > 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) {
		s = cairo_image_surface_create_from_png_stream(rbuf_read, &b);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(s);
			*why = PIA_M_RENDER_WHY_PNG;
			return NULL;
		}
		*w = cairo_image_surface_get_width(s) * 0.75;	/* 96 dpi */
		*h = cairo_image_surface_get_height(s) * 0.75;
		return s;
	}
	if (n > 4 && u[0] == 0xFF && u[1] == 0xD8) {
		if (jpeg_size(u, n, &iw, &ih) == -1 || iw > 20000 ||
		    ih > 20000) {
			*why = PIA_M_RENDER_WHY_JPEG;
			return NULL;
		}
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
		if ((copy = malloc(n)) == NULL) {
			cairo_surface_destroy(s);
			return NULL;
		}
		memcpy(copy, data, n);
		cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, n,
		    free, copy);
		*w = iw * 0.75;
		*h = ih * 0.75;
		return s;
	}
	if (n > 5 && memcmp(data, "%PDF-", 5) == 0) {
		GBytes		*gb = g_bytes_new(data, n);
		PopplerDocument	*doc = poppler_document_new_from_bytes(gb,
		    NULL, NULL);
		PopplerPage	*pg;

		g_bytes_unref(gb);
		*why = PIA_M_RENDER_WHY_PDF;
		if (doc == NULL)
			return NULL;
		if ((pg = poppler_document_get_page(doc, page - 1)) != NULL) {
			poppler_page_get_size(pg, w, h);
			s = record(*w, *h, &cr);
			poppler_page_render_for_printing(pg, cr);
			cairo_destroy(cr);
			g_object_unref(pg);
		} else
			*why = PIA_M_RENDER_WHY_PDF_PAGE;
		g_object_unref(doc);
		return s;
	}
	if (memchr(data, '<', n > 512 ? 512 : n) != NULL) {
		RsvgHandle	*hd = rsvg_handle_new_from_data(u, n, NULL);
		RsvgRectangle	 vp;
		gdouble		 sw, sh;

		*why = PIA_M_RENDER_WHY_SVG;
		if (hd == NULL)
			return NULL;
		if (!rsvg_handle_get_intrinsic_size_in_pixels(hd, &sw, &sh) ||
		    sw <= 0 || sh <= 0) {
			RsvgRectangle ink, log;

			if (!rsvg_handle_get_geometry_for_layer(hd, NULL,
			    &(RsvgRectangle){ 0, 0, 1000, 1000 }, &ink, &log,
			    NULL) || log.width <= 0) {
				g_object_unref(hd);
				return NULL;
			}
			sw = log.width;
			sh = log.height;
		}
		*w = sw * 0.75;
		*h = sh * 0.75;
		s = record(*w, *h, &cr);
		cairo_scale(cr, 0.75, 0.75);
		vp = (RsvgRectangle){ 0, 0, sw, sh };
		if (!rsvg_handle_render_document(hd, cr, &vp, NULL)) {
			cairo_destroy(cr);
			cairo_surface_destroy(s);
			g_object_unref(hd);
			return NULL;
		}
		cairo_destroy(cr);
		g_object_unref(hd);
		return s;
	}
	return NULL;
}

/* Loads figure src (relative to the document's folder); a missing or
 * unreadable file is a warning naming it, and the figure a frame. */
static size_t
figure_load(struct ts *t, const char *src, const char *alt)
{
	struct tmpl_layout	*L = t->L;
	struct figure		*f, *v;
	char			*path, *dir, *data = NULL, *hash, *file;
	enum pia_msg		 why = PIA_M_RENDER_WHY_FORMAT;
	gsize			 n = 0;
	GError			*err = NULL;
	int			 page = 1;

	if ((v = grow(L->fig, &L->capfig, L->nfig, sizeof(*v))) == NULL) {
		t->oom = 1;
		return (size_t)-1;
	}
	L->fig = v;
	f = &L->fig[L->nfig];
	memset(f, 0, sizeof(*f));
	f->src = g_strdup(src);
	f->alt = g_strdup(alt);
	file = g_strdup(src);
	if ((hash = strstr(file, "#page=")) != NULL) {
		page = atoi(hash + 6);
		*hash = '\0';
	}
	if (g_path_is_absolute(file) || t->name == NULL ||
	    strcmp(t->name, "-") == 0 || strcmp(t->name, "<stdin>") == 0)
		path = g_strdup(file);
	else {
		dir = g_path_get_dirname(t->name);
		path = g_build_filename(dir, file, NULL);
		g_free(dir);
	}
	if (!g_file_get_contents(path, &data, &n, &err)) {
		if (err != NULL && err->code == G_FILE_ERROR_NOENT)
			pia_diag(t->d, PIA_M_RENDER_IMAGE_MISSING, t->name, 0,
			    NULL, path);
		else
			pia_diag(t->d, PIA_M_RENDER_IMAGE_UNREADABLE, t->name,
			    0, NULL, path, err ? err->message : "",
			    err ? err->message : "");
		g_clear_error(&err);
	} else if ((f->s = figure_decode(data, n, page > 0 ? page : 1,
	    &f->w, &f->h, &why)) == NULL)
		pia_diag(t->d, PIA_M_RENDER_IMAGE_UNREADABLE, t->name, 0,
		    NULL, path, pia_msg_fmt(why, "ja"), pia_msg_fmt(why, "en"));
	g_free(data);
	g_free(path);
	g_free(file);
	return L->nfig++;
}

/*
 * A figure: full width of the body (or as high as the page allows), with
 * the heading before it, on a page of its own; a missing one is a frame
 * with its file name.  Its caption, if any, below it.
 */
static void
do_figure(struct ts *t, const xmlNode *n)
{
	xmlChar		*src = xmlGetProp(n, BAD_CAST "src");
	xmlChar		*alt = xmlGetProp(n, BAD_CAST "alt");
	char		*cap = inline_text(n), *frame;
	struct cell	 c = { 0 };
	struct figure	*f;
	struct op	*o;
	size_t		 i;
	double		 w, h, room, headh = 0;

	i = figure_load(t, src ? (char *)src : "", alt ? (char *)alt : "");
	if (t->oom)
		goto out;
	f = &t->L->fig[i];
	c.x = MARGIN_L - PAD;
	c.w = BODY_W + 2 * PAD;
	if (f->s == NULL) {
		frame = g_strdup_printf("[%s]", f->src);
		cell_text_aligned(t, &c, frame, 0, SZ_SMALL, 0,
		    PANGO_ALIGN_CENTER, NULL);
		g_free(frame);
	}
	if (*cap)
		cell_text_aligned(t, &c, cap, 0, SZ_SMALL, 0,
		    PANGO_ALIGN_CENTER, NULL);
	for (i = 0; i < t->npend; i++)
		headh += t->pend[i].before + cell_rest(&t->pend[i].c) +
		    t->pend[i].after;
	room = BODY_BOTTOM - MARGIN_T - headh - cell_rest(&c) - 6;
	w = BODY_W;
	h = f->s ? f->h * BODY_W / f->w : 120;
	if (h > room) {
		w *= room / h;
		h = room;
	}
	/* the figure starts a page, its heading with it */
	if (!t->empty && t->npend == 0)
		page_break(t);
	pend_flush(t, BODY_BOTTOM);
	if ((o = add_op(t, OP_IMAGE, MARGIN_L + (BODY_W - w) / 2, t->y, w,
	    h)) != NULL) {
		o->line = (int)(f - t->L->fig);
		o->s = g_strdup(f->src);
	}
	if (f->s == NULL)
		add_op(t, OP_RECT, MARGIN_L + (BODY_W - w) / 2, t->y, w, h);
	t->y += h + 6;
	t->empty = 0;
	place_block(t, &c);
	free(c.p);
	/* and the page is its own */
	if (xmlNextElementSibling((xmlNode *)n) != NULL)
		page_break(t);
out:
	g_free(cap);
	xmlFree(src);
	xmlFree(alt);
}

static void
do_body(struct ts *t, const xmlNode *parent)
{
	const xmlNode	*n;

	for (n = parent->children; n && !t->oom; n = n->next) {
		if (is(n, "heading"))
			do_heading(t, n);
		else if (is(n, "table"))
			do_table(t, n);
		else if (is(n, "p"))
			do_para(t, n);
		else if (is(n, "toc"))
			do_toc(t, n);
		else if (is(n, "figure"))
			do_figure(t, n);
		else if (is(n, "section")) {
			pend_flush(t, 0);
			if (attr_is(n, "break", "page") && !t->empty)
				page_break(t);
			add_outline(t, n, 1);
			do_body(t, n);
		}
	}
	pend_flush(t, 0);
}

/* Puts "n / N" at the foot of every page. */
static void
footers(struct ts *t)
{
	struct tmpl_layout	*L = t->L;
	size_t			 i, save = L->npages;
	char			 buf[64];
	struct cell		 c;

	for (i = 0; i < save && !t->oom; i++) {
		snprintf(buf, sizeof(buf), "%zu / %zu", i + 1, save);
		memset(&c, 0, sizeof(c));
		c.x = MARGIN_L - PAD;
		c.w = BODY_W + 2 * PAD;
		cell_text_aligned(t, &c, buf, 0, SZ_MARGIN, 0,
		    PANGO_ALIGN_CENTER, NULL);
		L->npages = i + 1;
		t->y = PAGE_H - 40;
		t->margin = 1;
		place_block(t, &c);
		t->margin = 0;
		L->npages = save;
		free(c.p);
	}
}

/* ------------------------------------------------------------------ */

/* The first Japanese font that fontconfig really has. */
static const char *
find_family(void)
{
	FcPattern	*p, *m;
	FcResult	 res;
	FcChar8		*fam;
	size_t		 i;
	int		 j, hit;

	if (!FcInit())
		return NULL;
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		hit = 0;
		if ((p = FcNameParse((const FcChar8 *)families[i])) == NULL)
			continue;
		FcConfigSubstitute(NULL, p, FcMatchPattern);
		FcDefaultSubstitute(p);
		if ((m = FcFontMatch(NULL, p, &res)) != NULL) {
			for (j = 0; FcPatternGetString(m, FC_FAMILY, j, &fam)
			    == FcResultMatch; j++)
				if (strcmp((char *)fam, families[i]) == 0)
					hit = 1;
			FcPatternDestroy(m);
		}
		FcPatternDestroy(p);
		if (hit)
			return families[i];
	}
	return NULL;
}

struct tmpl_layout *
tmpl_layout_new(xmlDoc *print, const char *name, struct pia_diags *d)
{
	struct tmpl_layout	*L;
	struct ts		 t;
	cairo_font_options_t	*fo;
	xmlNode			*root = xmlDocGetRootElement(print), *n;

	if ((L = calloc(1, sizeof(*L))) == NULL)
		goto oom;
	if ((L->family = find_family()) == NULL) {
		pia_diag(d, PIA_M_RENDER_FONT, name, 0, NULL);
		free(L);
		return NULL;
	}
	/* IPAexGothic has no bold face: one weight then */
	L->bold = strcmp(L->family, families[0]) == 0;
	L->fm = pango_cairo_font_map_new();
	L->ctx = pango_font_map_create_context(L->fm);
	pango_cairo_context_set_resolution(L->ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(L->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(L->ctx, FALSE);
	pango_context_set_language(L->ctx, pango_language_from_string("ja"));
#define A(f) L->f = (char *)xmlGetProp(root, BAD_CAST #f)
	A(title);
	A(author);
	A(subject);
	A(keywords);
	A(header);
#undef A
	memset(&t, 0, sizeof(t));
	t.L = L;
	t.d = d;
	t.name = name;
	t.sz = SZ_BODY;
	t.cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	t.widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);
	t.contx = xmlGetProp(root, BAD_CAST "continued");
	t.cont = (const char *)t.contx;
	new_page(&t);
	for (n = root->children; n && !t.oom; n = n->next) {
		if (is(n, "page")) {
			if (!t.empty)
				page_break(&t);
			add_outline(&t, n, 1);
			do_body(&t, n);
		} else if (is(n, "section")) {
			if (attr_is(n, "break", "page") && !t.empty)
				page_break(&t);
			add_outline(&t, n, 1);
			do_body(&t, n);
		}
	}
	pend_flush(&t, 0);
	g_hash_table_destroy(t.cache);
	g_hash_table_destroy(t.widths);
	t.cache = t.widths = NULL;
	free(t.dest);
	xmlFree(t.contx);
	footers(&t);
	if (!t.oom)
		return L;
	tmpl_layout_free(L);
oom:
	pia_diag(d, PIA_M_OOM, name, 0, NULL);
	return NULL;
}

void
tmpl_layout_free(struct tmpl_layout *L)
{
	size_t	 i, j;

	if (L == NULL)
		return;
	for (i = 0; i < L->npages; i++) {
		for (j = 0; j < L->pages[i].n; j++)
			free(L->pages[i].ops[j].s);
		free(L->pages[i].ops);
	}
	free(L->pages);
	for (i = 0; i < L->nlayouts; i++)
		g_object_unref(L->layouts[i]);
	free(L->layouts);
	for (i = 0; i < L->noutl; i++) {
		free(L->outl[i].title);
		free(L->outl[i].dest);
	}
	free(L->outl);
	for (i = 0; i < L->nfig; i++) {
		g_free(L->fig[i].src);
		g_free(L->fig[i].alt);
		if (L->fig[i].s != NULL)
			cairo_surface_destroy(L->fig[i].s);
	}
	free(L->fig);
	xmlFree(L->title);
	xmlFree(L->author);
	xmlFree(L->subject);
	xmlFree(L->keywords);
	xmlFree(L->header);
	if (L->ctx != NULL)
		g_object_unref(L->ctx);
	if (L->fm != NULL)
		g_object_unref(L->fm);
	free(L);
}

/* The text of one line of a layout. */
char *
tmpl_line_text(const struct op *o)
{
	PangoLayoutLine	*ln = pango_layout_get_line_readonly(o->l, o->line);
	const char	*s = pango_layout_get_text(o->l);

	if (ln == NULL)
		return g_strdup("");
	return g_strndup(s + ln->start_index, (gsize)ln->length);
}

/* The text of one line for the dump, the changed words in ⟦-…⟧ (struck
 * through) and ⟦+…⟧ (underlined); as tmpl_line_text when there is none. */
static char *
dump_line_text(const struct op *o)
{
	PangoLayoutLine	*ln = pango_layout_get_line_readonly(o->l, o->line);
	const char	*s = pango_layout_get_text(o->l);
	PangoAttrList	*al = pango_layout_get_attributes(o->l);
	GSList		*v, *p;
	PangoAttribute	*a;
	GString		*out;
	char		*kind;
	guint		 start, end, i, st, en;

	if (ln == NULL || al == NULL)
		return tmpl_line_text(o);
	start = (guint)ln->start_index;
	end = start + (guint)ln->length;
	/* kind[i]: '-' or '+' when byte start + i is in a mark */
	kind = g_malloc0(end - start + 1);
	v = pango_attr_list_get_attributes(al);
	for (p = v; p != NULL; p = p->next) {
		a = p->data;
		if (a->klass->type == PANGO_ATTR_STRIKETHROUGH ||
		    a->klass->type == PANGO_ATTR_UNDERLINE) {
			st = MAX(a->start_index, start);
			en = MIN(a->end_index, end);
			for (i = st; i < en; i++)
				kind[i - start] = a->klass->type ==
				    PANGO_ATTR_STRIKETHROUGH ? '-' : '+';
		}
		pango_attribute_destroy(a);
	}
	g_slist_free(v);
	out = g_string_new(NULL);
	for (i = 0; i < end - start; i++) {
		if (kind[i] && (i == 0 || kind[i - 1] != kind[i]))
			g_string_append_printf(out, "⟦%c", kind[i]);
		g_string_append_c(out, s[start + i]);
		if (kind[i] && kind[i + 1] != kind[i])
			g_string_append(out, "⟧");
	}
	g_free(kind);
	return g_string_free(out, FALSE);
}

int
tmpl_layout_dump(const struct tmpl_layout *L, char **out, size_t *len)
{
	GString		*s = g_string_new(NULL);
	size_t		 i, j;
	const struct op	*o;
	char		*txt;

	g_string_append_printf(s, "layout A4 %.1fx%.1f pages %zu font %s\n",
	    PAGE_W, PAGE_H, L->npages, L->family);
	for (i = 0; i < L->noutl; i++)
		g_string_append_printf(s, "outline %d %s %s\n",
		    L->outl[i].level, L->outl[i].dest, L->outl[i].title);
	for (i = 0; i < L->npages; i++) {
		g_string_append_printf(s, "page %zu\n", i + 1);
		for (j = 0; j < L->pages[i].n; j++) {
			o = &L->pages[i].ops[j];
			switch (o->type) {
			case OP_TEXT:
				txt = dump_line_text(o);
				g_string_append_printf(s, "  %s %.1f %.1f %s\n",
				    o->role == ROLE_TEXT ? "text" : "head",
				    o->x, o->y, txt);
				g_free(txt);
				break;
			case OP_RECT:
				g_string_append_printf(s, "  box %.1f %.1f %.1f "
				    "%.1f\n", o->x, o->y, o->w, o->h);
				break;
			case OP_FILL:
				break;	/* always under a box */
			case OP_HLINE:
				g_string_append_printf(s, "  rule %.1f %.1f %.1f\n",
				    o->x, o->y, o->w);
				break;
			case OP_LINK:
				g_string_append_printf(s, "  link %.1f %.1f %.1f "
				    "%.1f %s\n", o->x, o->y, o->w, o->h, o->s);
				break;
			case OP_DEST:
				g_string_append_printf(s, "  dest %.1f %s\n",
				    o->y, o->s);
				break;
			case OP_IMAGE:
				g_string_append_printf(s, "  image %.1f %.1f "
				    "%.1f %.1f %s%s\n", o->x, o->y, o->w, o->h,
				    o->s, L->fig[o->line].s ? "" : " (missing)");
				break;
			}
		}
	}
	*len = s->len;
	*out = malloc(s->len + 1);
	if (*out != NULL)
		memcpy(*out, s->str, s->len + 1);
	g_string_free(s, TRUE);
	return *out ? 0 : -1;
}
