/*
 * pia_templates.h: what presents an assessment.  Skeletons for `pia new`,
 * and the renderer: XSLT (templates/print.xsl) turns an assessment into
 * the print vocabulary (templates/print.rng), the typesetter lays it out
 * on A4 pages with Pango, and the devices write PDF (Cairo), HTML
 * (templates/html.xsl) or a text dump of the layout for golden tests.
 */
#ifndef PIA_TEMPLATES_H
#define PIA_TEMPLATES_H

#include "pia.h"

/** A fresh, schema-valid assessment of the kind with every section
 *  present, every field empty and a Japanese comment before each field
 *  (number, label, ※, hint, options).  Malloc'd UTF-8 text; *len gets its
 *  length.  NULL when out of memory. */
char	*pia_skeleton(const struct pia_vocab *, enum pia_kind, size_t *len);

/** Output formats of pia_render(). */
enum pia_render_format {
	PIA_RENDER_PDF,		/* A4 PDF, fonts embedded as subsets */
	PIA_RENDER_HTML,	/* one self-contained HTML page */
	PIA_RENDER_LAYOUT,	/* text dump of the page layout (golden tests) */
	PIA_RENDER_PRINT	/* the print tree itself (XML) */
};

/** What to render. */
struct pia_render_opts {
	enum pia_render_format	 format;
	/** NULL: the whole assessment; "changes": only the 変更箇所 table
	 *  (the document may then hold nothing but <changes>). */
	const char		*only;
	/** Seconds since the epoch written as the PDF's creation date; -1:
	 *  $SOURCE_DATE_EPOCH when set, else the current time. */
	long long		 epoch;
	/** 1: the public edition: every element marked public="no" (and what
	 *  it holds) prints as the form's withheld notice, its text nowhere in
	 *  the output; 0: the full edition, with those parts marked. */
	int			 public_edition;
};

/** Parses "pdf", "html", "layout", "print"; -1 otherwise. */
int	 pia_render_format_parse(const char *);

/** Renders the assessment doc (already loaded, and validated by the
 *  caller) into a malloc'd buffer *out of *len bytes.  Labels, numbers,
 *  ※ and option texts come from the vocabulary.  Needs the stylesheets
 *  (pia_data_path "templates/print.xsl", "templates/html.xsl") and, for
 *  PDF and layout, the font Noto Sans CJK JP or IPAexGothic (found with
 *  fontconfig).  Returns 0, or -1 with error findings and *out NULL.
 *  Warnings (e.g. a character no Japanese font has) may be added on
 *  success. */
int	 pia_render(const struct pia_vocab *, const struct pia_doc *,
	    const struct pia_render_opts *, char **out, size_t *len,
	    struct pia_diags *);

/** The 変更箇所 table alone (for `pia diff -T pdf`): doc is an assessment
 *  of its kind whose <changes> holds the change rows; everything else in
 *  it is ignored.  Same contract as pia_render(). */
int	 pia_render_changes(const struct pia_vocab *, const struct pia_doc *,
	    enum pia_render_format, char **out, size_t *len,
	    struct pia_diags *);

/** The page of `pia edit` for the kind: templates/editor/form.xsl applied
 *  to the vocabulary resolved for the kind (the same pia:form() as the
 *  renderer's), so that sections, numbers, labels, ※ and options read as
 *  in the PDF.  texts is a NULL-ended list of name, text pairs that the
 *  stylesheet finds as pia:form()/texts/t[@n = name]; params a NULL-ended
 *  list of XSLT parameter name, XPath expression pairs.  A malloc'd HTML
 *  page in *out; 0, or -1 with findings. */
int	 pia_editor_page(const struct pia_vocab *, enum pia_kind,
	    const char *const *texts, const char **params, char **out,
	    size_t *len, struct pia_diags *);

#endif
