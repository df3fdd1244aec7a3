/*
 * text.c: a diff as readable text (pia diff, the default format): the
 * two files, the date, then one numbered block per row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_diff_print.h"
#include "extern.h"

/* The note after the 項目 of a row that is not a plain edit, or NULL. */
static const char *
kind_note(enum pia_chkind k, const char *lang)
{
	switch (k) {
	case PIA_CH_ADD:
		return pia_msg_fmt(PIA_M_DIFF_KIND_ADD, lang);
	case PIA_CH_DEL:
		return pia_msg_fmt(PIA_M_DIFF_KIND_DEL, lang);
	case PIA_CH_RENUM:
		return pia_msg_fmt(PIA_M_DIFF_KIND_RENUM, lang);
	case PIA_CH_MOVE:
		return pia_msg_fmt(PIA_M_DIFF_KIND_MOVE, lang);
	case PIA_CH_EQUIV:
		return pia_msg_fmt(PIA_M_DIFF_KIND_EQUIV, lang);
	default:
		return NULL;
	}
}

/* A value on the lines after a label, continuation lines indented. */
static void
text_value(FILE *f, const char *label, const char *s)
{
	fprintf(f, "   %s: ", label);
	for (; *s; s++) {
		fputc(*s, f);
		if (*s == '\n')
			fputs("      ", f);
	}
	fputc('\n', f);
}

static void
text_row(FILE *f, const struct pia_vocab *v, enum pia_kind k,
    const struct pia_change *c, size_t i, const char *lang)
{
	const char	*note = kind_note(c->kind, lang);
	int		 en = strcmp(lang, "en") == 0;

	fprintf(f, "\n%zu. %s%s%s%s\n", i + 1, en ? c->item_en : c->item,
	    note ? " [" : "", note ? note : "", note ? "]" : "");
	text_value(f, pia_changes_label(v, k, PIA_COL_BEFORE, lang),
	    c->before);
	text_value(f, pia_changes_label(v, k, PIA_COL_AFTER, lang), c->after);
	fprintf(f, "   %s: %s%s%s\n",
	    pia_changes_label(v, k, PIA_COL_TIMING, lang),
	    pia_timing_text(v, c->timing),
	    pia_msg_fmt(PIA_M_DIFF_PROPOSED, lang),
	    c->starred ? pia_msg_fmt(PIA_M_DIFF_STARRED, lang) : "");
	if (c->reason_ja != NULL)
		text_value(f, pia_changes_label(v, k, PIA_COL_REASON, lang),
		    en ? c->reason_en : c->reason_ja);
}

int
pia_diff_print_text(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	const struct pia_vocab	*v = pia_changes_vocab(ch);
	enum pia_kind		 k = pia_changes_kind(ch);
	const char		*proposed;
	size_t			 i, pre = 0, n = pia_changes_count(ch);
	char			*w = NULL;
	FILE			*f;

	if ((f = diff_stream_open(out, len, d)) == NULL)
		return -1;
	if (n == 0)
		return diff_stream_close(f, 0, out, len, d);
	/* 和暦 in Japanese; the ISO date in English or when it fails. */
	if (strcmp(o->lang, "en") != 0)
		w = pia_wareki_format(o->date, NULL);
	fprintf(f, "--- %s\n+++ %s\n%s: %s\n", o->old_name, o->new_name,
	    pia_changes_label(v, k, PIA_COL_DATE, o->lang),
	    w ? w : o->date);
	free(w);
	for (i = 0; i < n; i++) {
		text_row(f, v, k, pia_changes_get(ch, i), i, o->lang);
		pre += pia_changes_get(ch, i)->timing == PIA_TIMING_PRE;
	}
	proposed = pia_msg_fmt(PIA_M_DIFF_PROPOSED, o->lang);
	pia_msg_print(f, o->lang, PIA_M_DIFF_TOTAL, n, proposed, pre,
	    proposed, n - pre);
	return diff_stream_close(f, 0, out, len, d);
}
