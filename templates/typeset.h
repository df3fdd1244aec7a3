/*
 * typeset.h: the page layout shared by typeset.c (which builds it) and
 * pdf.c (which draws it).  Internal.
 */
#ifndef PIA_TYPESET_H
#define PIA_TYPESET_H

#include <pango/pango.h>

enum op_type {
	OP_TEXT,	/* line `line` of layout l, left at x, baseline at y */
	OP_RECT,	/* a cell border */
	OP_FILL,	/* the shading of a label cell (drawn first) */
	OP_HLINE,	/* a rule of width w at y (h: line width, 0 hairline) */
	OP_LINK,	/* a link area to destination s */
	OP_DEST,	/* named destination s at y */
	OP_IMAGE	/* figure `line` of the layout in the box x, y, w, h */
};

/* What a line of text is, for the layout dump and the PDF's structure:
 * body text, or a heading (ROLE_HEAD + 0 the title, + 1 a section, + 2 a
 * heading or header row of a table). */
#define ROLE_TEXT	0
#define ROLE_HEAD	1

struct op {
	enum op_type	 type;
	double		 x, y, w, h;
	PangoLayout	*l;
	int		 line;
	int		 role;
	char		*s;
	/* the table structure of a line of text, for the PDF's tags: the
	 * table, row and cell it belongs to (tbl 0: not in a table), and
	 * whether the cell is a label (a header cell) */
	int		 tbl, row, cell, th;
};

struct page {
	struct op	*ops;
	size_t		 n, cap;
};

/* A figure of the document (別添1): a PNG or JPEG image, or an SVG
 * drawing or a PDF page as a recording surface (drawn as vectors); s is
 * NULL when the file is missing or unreadable (a frame is drawn). */
struct figure {
	char			*src;	/* as the document writes it */
	char			*alt;	/* its text alternative */
	struct _cairo_surface	*s;
	double			 w, h;	/* natural size, pt */
};

struct outline {
	char	*title, *dest;
	int	 level;
};

struct tmpl_layout {
	PangoFontMap	*fm;
	PangoContext	*ctx;
	const char	*family;
	int		 bold;		/* the family has a bold face in use */
	PangoLayout	**layouts;
	size_t		 nlayouts, caplayouts;
	struct page	*pages;
	size_t		 npages, cappages;
	struct outline	*outl;
	size_t		 noutl, capoutl;
	struct figure	*fig;
	size_t		 nfig, capfig;
	char		*title, *author, *subject, *keywords, *header;
};

#define TMPL_PAGE_W	595.276
#define TMPL_PAGE_H	841.890

char	*tmpl_line_text(const struct op *);

#endif
