/*
 * render.h: internal interfaces between the stages of the renderer
 * (transform.c -> typeset.c -> pdf.c); not part of the public API.
 */
#ifndef PIA_RENDER_H
#define PIA_RENDER_H

#include <libxml/tree.h>

#include "pia.h"

/* Namespace of the print vocabulary (templates/print.rng). */
#define PIA_PRINT_NS	"urn:pia:print:1"

struct tmpl_layout;

/** Runs templates/print.xsl: the print tree of the assessment, or NULL
 *  with findings.  only: NULL or "changes"; public_edition: the parts
 *  marked public="no" print as the withheld notice, their text left out. */
xmlDoc	*tmpl_print_tree(const struct pia_vocab *, const struct pia_doc *,
	    const char *only, int public_edition, struct pia_diags *);
/** Runs templates/html.xsl on a print tree: a malloc'd HTML page. */
int	 tmpl_html(xmlDoc *print, char **out, size_t *len, struct pia_diags *);

/** Lays the print tree out on A4 pages; NULL with findings (e.g. no
 *  Japanese font).  name is the file name used in findings. */
struct tmpl_layout *tmpl_layout_new(xmlDoc *print, const char *name,
	    struct pia_diags *);
void	 tmpl_layout_free(struct tmpl_layout *);
/** The layout as text: one line per page element, coordinates in pt. */
int	 tmpl_layout_dump(const struct tmpl_layout *, char **out, size_t *len);
/** Draws the layout to a PDF in memory. */
int	 tmpl_pdf(const struct tmpl_layout *, long long epoch, char **out,
	    size_t *len, struct pia_diags *);

#endif
