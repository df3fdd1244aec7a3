/*
 * line.c: one line of the source.  Its first non-empty cell is matched
 * against the labels of the form: a label moves the cursor (and, for the
 * headings of a per-file section, the 特定個人情報ファイル being read) and
 * the cells after it are its value; a line that is no label continues the
 * field whose value is still open, or is a second rendering of the last
 * option list, or is kept in <unplaced>.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Notes a matched node as the cursor; updates the file context. */
static void
move_to(struct imp *I, int v, int heading)
{
	int	 s = imp_section_of(I, v);

	if (s >= 0 && (imp_section_of(I, I->at.cursor) != s ||
	    (heading && I->v[v].type == PIA_V_SECTION)))
		imp_enter_file(I, s, heading && I->v[v].type ==
		    PIA_V_SECTION);
	I->at.cursor = v;
	if (I->v[v].type != PIA_V_FIELD && I->v[v].type != PIA_V_DERIVED)
		I->at.heading = pia_vnode_label(I->v[v].vn, I->kind);
}

/* A page number line of the PDF: digits with "/", "-", "ページ", "頁",
 * "P.", "■" and blanks only, and at least one digit. */
static int
is_page_marker(const char *s)
{
	static const char *const ok[] = N_PAGE_WORDS;
	const char	*p = s;
	int		 digits = 0;
	size_t		 i;

	if (strlen(s) > 40)
		return 0;
	while (*p != '\0') {
		if (isdigit((unsigned char)*p))
			digits = 1, p++;
		else if (*p == ' ' || *p == '/' || *p == '-' || *p == 'P' ||
		    *p == 'p' || *p == '.')
			p++;
		else {
			for (i = 0; ok[i] != NULL; i++)
				if (starts(p, ok[i]))
					break;
			if (ok[i] == NULL)
				return 0;
			p += strlen(ok[i]);
		}
	}
	return digits;
}

/* Whether v can take a value given on the following line(s). */
static int
takes_value(const struct imp *I, int v)
{
	return I->v[v].type == PIA_V_FIELD || I->v[v].type == PIA_V_DERIVED;
}

/* Page numbers and separator rows ("------	---"): layout. */
static int
layout_row(struct line *L, int k)
{
	size_t	 n = strlen(L->cell[k]);

	if ((L->n == k + 1 && is_page_marker(L->cell[k])) ||
	    (n >= 3 && strspn(L->cell[k], "-") == n)) {
		imp_mark_all(L, 0, C_LAYOUT);
		return 1;
	}
	return 0;
}

/* The whole line kept in <unplaced>. */
static void
unplace_line(struct imp *I, struct line *L)
{
	char	*val = imp_join_cells(L, 0);

	imp_unplace(I, L->no, val ? val : L->raw, 1);
	free(val);
	imp_mark_all(L, 0, C_UNPLACED);
}

/* In the 変更箇所 table, a line is a row of it, unless it is a section
 * heading, which ends the table.  Returns 1 when the line was taken. */
static int
table_line(struct imp *I, struct line *L, int k)
{
	struct label	 lab;

	if (imp_match_label(I, L->cell[k], 0, &lab) == 1 && lab.exact &&
	    I->v[lab.v].type == PIA_V_SECTION) {
		I->at.table = 0;
		return 0;
	}
	imp_table_row(I, L);
	if (L->disp[0] == C_NONE)
		unplace_line(I, L);
	return 1;
}

/* Labels printed in a row, values in the next ("評価書番号	評価書名"):
 * this line holds the values unless one of its cells is a label.
 * Returns 1 when the line was taken. */
static int
pending_values(struct imp *I, struct line *L, int k)
{
	struct label	 lab;
	int		 i, j;

	for (j = k; j < L->n; j++)
		if (*L->cell[j] != '\0' &&
		    imp_match_label(I, L->cell[j], 0, &lab) == 1) {
			I->at.npend = 0;
			return 0;
		}
	for (i = 0, j = k; j < L->n && i < I->at.npend; j++) {
		if (*L->cell[j] == '\0')
			continue;
		imp_place_value(I, I->at.pend[i++], L->cell[j], L->no);
		L->disp[j] = C_PLACED;
	}
	I->at.npend = 0;
	I->at.open_v = -1;
	return 1;
}

/* A field given a second time (a page printed twice, a label repeated;
 * prev is what it holds): the value is added after the first, and said. */
static void
say_duplicate(struct imp *I, int v, const xmlNode *prev, long line)
{
	char	*t;

	if (prev == NULL || !imp_has_content(prev) ||
	    (I->v[v].ftype != PIA_F_TEXT && I->v[v].ftype != PIA_F_LINE &&
	    I->v[v].ftype != PIA_F_ITEMS))
		return;
	t = imp_field_title(I, v);
	imp_find(I, line, PIA_M_IMPORT_DUPLICATE, t);
	free(t);
}

/* A line that is no label, while field open_v takes the following lines:
 * the value continues (or is a second rendering of its option list). */
static void
continue_value(struct imp *I, struct line *L, int k)
{
	int	 v = I->at.open_v;
	char	*val;

	say_duplicate(I, v, !I->at.open_cont && I->v[v].type == PIA_V_FIELD ?
	    imp_el_for(I, v, 0) : NULL, L->no);
	/* One cell: keep its indent ("  - ①…" nests). */
	val = L->n == 1 ? strdup(L->raw) : imp_join_cells(L, k);
	if (val != NULL) {
		if (L->n == 1)
			val[strcspn(val, "\t")] = '\0';
		if ((I->v[v].ftype == PIA_F_CHOICE ||
		    I->v[v].ftype == PIA_F_CHECKS) && imp_is_duplicate(I, val))
			imp_mark_all(L, 0, C_LAYOUT);
		else
			imp_place_value(I, v, val, L->no);
		I->at.open_cont = 1;
		if (I->v[v].ftype != PIA_F_TEXT && I->v[v].ftype != PIA_F_ITEMS)
			I->at.open_v = -1;
	}
	free(val);
	imp_mark_all(L, 0, C_PLACED);
}

/* A line that is no label: the open field's value continues, or it is a
 * second rendering of the last option list, or boxes of the last
 * checkbox list; else it has no place. */
static void
not_a_label(struct imp *I, struct line *L, int k)
{
	const char	*q;
	char		*val;
	size_t		 len;
	int		 last = I->at.last_v;

	if (I->at.open_v >= 0) {
		continue_value(I, L, k);
		return;
	}
	val = imp_join_cells(L, k);
	if (val != NULL && last >= 0 && (I->v[last].ftype == PIA_F_CHOICE ||
	    I->v[last].ftype == PIA_F_CHECKS)) {
		if (imp_is_duplicate(I, val)) {
			free(val);
			imp_mark_all(L, 0, C_LAYOUT);
			return;
		}
		for (q = val; I->v[last].ftype == PIA_F_CHECKS && *q != '\0';
		    q++)
			if (imp_mark_at(q, &len) != MARK_NONE) {
				imp_read_checks(I, last, val, L->no);
				free(val);
				imp_mark_all(L, 0, C_PLACED);
				return;
			}
	}
	free(val);
	unplace_line(I, L);
}

/* A heading of another form. */
static void
other_heading(struct imp *I, struct line *L, int k)
{
	char	*p = imp_plain(L->cell[k]);

	imp_find(I, L->no, PIA_M_IMPORT_HEADING_OTHER, p ? p : "",
	    pia_vocab_kind_name(I->vocab, I->kind));
	free(p);
	imp_mark_all(L, 0, C_UNPLACED);
	imp_unplace(I, L->no, L->raw, 0);
	I->at.open_v = -1;
}

/* An entry heading ("委託事項4"): the entry becomes current (the 特定
 * 個人情報ファイル too, when the list is in a per-file section).
 * Returns the entry's self field (its title), or -1. */
static int
entry_heading(struct imp *I, const struct label *lab, long line)
{
	int		 v = lab->v, s = imp_section_of(I, v), j;
	const char	*label = pia_vnode_label(I->v[v].vn, I->kind);
	xmlNode		*e;

	if (s >= 0 && imp_section_of(I, I->at.cursor) != s)
		imp_enter_file(I, s, 0);
	if ((e = imp_entry_get(I, v, lab->entry, 0)) != NULL &&
	    imp_has_content(e))
		imp_find(I, line, PIA_M_IMPORT_DUPLICATE_ENTRY, label,
		    lab->entry);
	imp_entry_get(I, v, lab->entry, 1);
	I->at.cursor = v;
	I->at.heading = label;
	for (j = v + 1; j <= I->v[v].end; j++)
		if (I->v[j].parent == v && pia_vnode_is_self(I->v[j].vn))
			return j;
	return -1;
}

/* A section whose list has no label of its own and whose entries start
 * with their only date: the 変更箇所 table starts. */
static void
table_start(struct imp *I, int v)
{
	int	 j, f, dates;

	for (j = v + 1; j <= I->v[v].end; j++) {
		if (I->v[j].type != PIA_V_LIST || I->v[j].parent != v ||
		    I->v[j].end <= j || I->v[I->v[j].end].type != PIA_V_FIELD)
			continue;
		for (dates = 0, f = j + 1; f <= I->v[j].end; f++)
			dates += I->v[f].ftype == PIA_F_DATE;
		if (dates == 1 && I->v[j + 1].ftype == PIA_F_DATE) {
			I->at.table = 1;
			I->at.change_list = j;
		}
	}
}

/* Several sibling field labels from cell k on and nothing else (v the
 * first): their values follow on the next row.  Returns 1 if so. */
static int
pending_labels(struct imp *I, struct line *L, int v, int k)
{
	struct label	 lab;
	int		 n = 0, i;

	I->at.pend[n++] = v;
	for (i = k; i < L->n; i++) {
		if (*L->cell[i] == '\0')
			continue;
		if (imp_match_label(I, L->cell[i], 0, &lab) != 1 ||
		    !lab.exact || I->v[lab.v].type != PIA_V_FIELD ||
		    I->v[lab.v].parent != I->v[v].parent || n >= 8)
			return 0;
		I->at.pend[n++] = lab.v;
	}
	if (n < 2)
		return 0;
	I->at.npend = n;
	imp_mark_all(L, 0, C_LABEL);
	return 1;
}

#define PENDING	(-2)

/* A heading or field label at cell *kp: the cursor moves there; a second
 * label in the row ("再委託	⑦再委託の有無 ※	[…]") goes deeper (*lab
 * becomes it).  Returns the vent whose value follows (a group's self
 * field) with *kp after the labels, or PENDING when the row holds only
 * labels whose values come on the next row. */
static int
heading(struct imp *I, struct line *L, struct label *lab, int *kp)
{
	struct label	 lab2;
	int		 v = lab->v, k = *kp + 1;

	move_to(I, v, 1);
	if (I->v[v].type == PIA_V_SECTION && I->v[v].el != NULL &&
	    I->v[v].key[0] != '\0')
		table_start(I, v);
	I->at.in_items = 0;
	while (k < L->n && *L->cell[k] != '\0' &&
	    I->v[v].type != PIA_V_FIELD &&
	    imp_match_label(I, L->cell[k], 0, &lab2) == 1 && lab2.exact &&
	    lab2.v > v && lab2.v <= I->v[v].end) {
		L->disp[k] = C_LABEL;
		v = lab2.v;
		move_to(I, v, 0);
		*lab = lab2;
		k++;
	}
	if (I->v[v].type == PIA_V_FIELD && k < L->n &&
	    pending_labels(I, L, v, k))
		return PENDING;
	*kp = k;
	return I->v[v].self >= 0 ? I->v[v].self : v;
}

/* A label without value cells: field v takes the following lines. */
static void
open_field(struct imp *I, int v, long line)
{
	int	 j;

	if (v < 0)
		return;
	if (takes_value(I, v)) {
		I->at.open_v = v;
		if (I->v[v].ftype == PIA_F_ITEMS)
			I->at.in_items = 1;
	} else if (I->v[v].type != PIA_V_FIELD) {
		/* Records section: its items field takes the lines. */
		for (j = v + 1; j <= I->v[v].end; j++)
			if (I->v[j].ftype == PIA_F_ITEMS &&
			    I->v[j].parent == v) {
				I->at.open_v = j;
				I->at.in_items = 1;
			}
	}
	if (I->v[v].ftype == PIA_F_CHOICE)
		imp_set_choice(I, v, NULL, line, "");
}

/* Value cells after a heading that is no field (v may be -1): a derived
 * item's printed text, flags, or text with no place. */
static void
heading_value(struct imp *I, struct line *L, int v, int k, const char *val)
{
	char	*p;

	if (v >= 0 && I->v[v].type == PIA_V_DERIVED) {
		imp_note_derived(I, v, val, L->no);
		imp_mark_all(L, k, C_PLACED);
		return;
	}
	if (v >= 0 && imp_read_flags(I, v, val, L->no) > 0) {
		imp_mark_all(L, k, C_PLACED);
		return;
	}
	p = imp_plain(val);
	imp_find(I, L->no, PIA_M_IMPORT_HEADING_VALUE,
	    I->at.heading ? I->at.heading : "", p ? p : "");
	free(p);
	imp_unplace(I, L->no, val, 0);
	imp_mark_all(L, k, C_UNPLACED);
}

/* The cells from k on are the value of vent v (-1: none) whose label lab
 * matched; tick marks in the label cell itself (lab->rest) are flags of
 * a heading, or the start of a field's value. */
static void
label_value(struct imp *I, struct line *L, const struct label *lab, int v,
    int k)
{
	char	*val, *t;
	int	 field = v >= 0 && I->v[v].type == PIA_V_FIELD;

	if (lab->rest != NULL && v >= 0 && !field)
		imp_read_flags(I, lab->v, lab->rest, L->no);
	if ((val = imp_join_cells(L, k)) == NULL) {
		I->oom = 1;
		return;
	}
	if (lab->rest != NULL && field) {
		if (asprintf(&t, "%s %s", lab->rest, val) >= 0) {
			free(val);
			val = t;
		}
	}
	if (is_empty_value(val))
		open_field(I, v, L->no);
	else if (!field)
		heading_value(I, L, v, k, val);
	else {
		say_duplicate(I, v, I->v[v].ftype != PIA_F_CHECKS ?
		    imp_el_for(I, v, 0) : NULL, L->no);
		imp_place_value(I, v, val, L->no);
		imp_mark_all(L, k, C_PLACED);
		if (I->v[v].ftype == PIA_F_TEXT)
			I->at.open_v = -1;
	}
	free(val);
}

/*
 * One line.  Layout rows go first; in the 変更箇所 table a line is a row;
 * a line after a row of labels holds their values.  Otherwise the first
 * non-empty cell is matched against the labels: a label moves the cursor
 * and the cells after it are its value; a line that is no label
 * continues the open field, or has no place.
 */
void
imp_line(struct imp *I, struct line *L)
{
	struct label	 lab;
	char		*p, *t;
	int		 k, v, m;

	for (k = 0; k < L->n && *L->cell[k] == '\0'; k++)
		continue;
	if (k == L->n || layout_row(L, k))
		return;
	if (I->at.table && table_line(I, L, k))
		return;
	if (I->at.npend > 0 && pending_values(I, L, k))
		return;
	m = imp_match_label(I, L->cell[k], !I->at.in_items, &lab);
	if (m == 1 && I->at.in_items && !lab.exact && !lab.bynum)
		m = 0;
	if (m == 2) {
		other_heading(I, L, k);
		return;
	}
	if (m != 1) {
		not_a_label(I, L, k);
		return;
	}
	L->disp[k] = C_LABEL;
	I->at.open_v = -1;
	I->at.open_cont = 0;
	if (!lab.exact && !lab.block && lab.entry < 0) {
		p = imp_plain(L->cell[k]);
		t = imp_field_title(I, lab.v);
		imp_find(I, L->no, PIA_M_IMPORT_LABEL, p ? p : "", t);
		free(p);
		free(t);
	}
	if (lab.block) {		/* "委託事項6～10" */
		L->disp[k] = C_LAYOUT;
		imp_mark_all(L, k + 1, C_LAYOUT);
		return;
	}
	if (lab.entry >= 0) {
		v = entry_heading(I, &lab, L->no);
		k++;
	} else if ((v = heading(I, L, &lab, &k)) == PENDING)
		return;
	label_value(I, L, &lab, v, k);
}
