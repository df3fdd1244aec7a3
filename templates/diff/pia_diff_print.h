/*
 * pia_diff_print.h: the printers of a diff, one file per format under
 * templates/diff/ (text.c, csv.c, json.c, xml.c, html.c, pdf.c).  Each
 * prints the one result of a diff (struct pia_changes, pia_diff.h) into
 * a malloc'd buffer; the command line only chooses the printer and
 * writes the bytes.  The text, CSV, JSON and XML printers are in libpia;
 * HTML, PDF and the layout dump go through the renderer (libpia-render),
 * the printed table with its word marks (pia_changes_marked).
 */
#ifndef PIA_DIFF_PRINT_H
#define PIA_DIFF_PRINT_H

#include "pia.h"
#include "pia_diff.h"

/** What a printer needs besides the rows. */
struct pia_diff_print {
	const char	*date;		/* 変更日 of every row, YYYY-MM-DD */
	const char	*old_name;	/* the revisions as the user named */
	const char	*new_name;	/* them (text, JSON and HTML say so) */
	const char	*lang;		/* "ja" or "en": the words of the text
					   and HTML outputs */
};

/*
 * Every printer: sets *out (malloc'd, the caller frees) and *len and
 * returns 0, or returns -1 with an error finding and *out NULL.  An empty
 * list of rows prints what the format says for "no change" (nothing for
 * text, the header row for CSV, "equal": true for JSON, an empty
 * <changes> for XML, an empty table for HTML, PDF and layout).
 */

/** Readable rows: "--- OLD", "+++ NEW", the date, then per row its 項目
 *  (and [kind] for rows other than edits), 変更前, 変更後, 提出時期 with
 *  (案), the explanation, and a count of 事前 and 事後 rows. */
int	 pia_diff_print_text(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);
/** CSV (RFC 4180, CRLF) with the official column names and Japanese
 *  values; the date in 和暦. */
int	 pia_diff_print_csv(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);
/** One JSON object: the files, kind, date, "equal", "count" and the rows
 *  with their kind, 項目 in both languages, values, timing (proposed),
 *  ※, and the line and XPath of the nodes compared. */
int	 pia_diff_print_json(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);
/** <changes> with the <change> elements of pia_changes_xml(), ready to be
 *  placed in an assessment. */
int	 pia_diff_print_xml(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);

/** One self-contained HTML page: the printed table (templates/html.xsl
 *  on the print tree of pia_changes_marked), changed words in <del> and
 *  <ins>, headed by the two files and the number of rows, and a note on
 *  the proposed 提出時期. */
int	 pia_diff_print_html(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);
/** The 変更箇所 table alone as an A4 PDF: changed words struck through
 *  (before) and underlined (after). */
int	 pia_diff_print_pdf(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);
/** That PDF's layout as text (golden tests): marks as ⟦-…⟧ and ⟦+…⟧. */
int	 pia_diff_print_layout(const struct pia_changes *,
	    const struct pia_diff_print *, char **out, size_t *len,
	    struct pia_diags *);

#endif /* PIA_DIFF_PRINT_H */
