/*
 * csv.c: a diff as CSV (RFC 4180, CRLF line ends): a header row with the
 * official column names, then one row per change, in Japanese as the
 * form is written, the date in 和暦.
 *
 * For spreadsheets: the file starts with a UTF-8 byte order mark, without
 * which Excel reads it as Shift_JIS, and a value that a spreadsheet would
 * take as a formula (one starting with =, +, -, @, tab or CR) is written
 * as OWASP's "CSV Injection" page recommends: quoted, with a ' in front.
 * A lone "-", the table's mark for "no value", is no formula and stays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_diff_print.h"
#include "extern.h"

static void
csv_cell(FILE *f, const char *s, int last)
{
	int formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    strcmp(s, "-") != 0;

	if (formula || strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		if (formula)
			fputc('\'', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
	fputs(last ? "\r\n" : ",", f);
}

int
pia_diff_print_csv(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	const struct pia_vocab	*v = pia_changes_vocab(ch);
	enum pia_kind		 k = pia_changes_kind(ch);
	const char		*date = o->date;
	size_t			 i;
	int			 c, failed = 0;
	char			*w, *t;
	FILE			*f;

	if ((f = diff_stream_open(out, len, d)) == NULL)
		return -1;
	if ((w = pia_wareki_format(o->date, NULL)) != NULL)
		date = w;
	fputs("\xEF\xBB\xBF", f);
	for (c = 0; c < PIA_COL__MAX; c++)
		csv_cell(f, pia_changes_label(v, k, c, "ja"),
		    c == PIA_COL__MAX - 1);
	for (i = 0; i < pia_changes_count(ch) && !failed; i++) {
		const struct pia_change *r = pia_changes_get(ch, i);

		csv_cell(f, date, 0);
		csv_cell(f, r->item, 0);
		csv_cell(f, r->before, 0);
		csv_cell(f, r->after, 0);
		if (asprintf(&t, "%s%s", pia_timing_text(v, r->timing),
		    pia_msg_fmt(PIA_M_DIFF_PROPOSED, "ja")) < 0) {
			failed = 1;
			break;
		}
		csv_cell(f, t, 0);
		free(t);
		csv_cell(f, r->reason_ja ? r->reason_ja : "", 1);
	}
	free(w);
	return diff_stream_close(f, failed, out, len, d);
}
