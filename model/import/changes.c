/*
 * changes.c: the 変更箇所 table, read by position (header rows skipped):
 * 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期, 提出時期に係る説明.
 * The 項目 path is resolved against the headings of the form, and the
 * before and after cells of a row whose 項目 names a choice are checked
 * against its options.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/*
 * 項目 paths of the 変更箇所 table ("Ⅱ 特定個人情報ファイルの概要 4.特定個人
 * 情報ファイルの取扱いの委託委託事項7 ①委託内容").  The path is read left
 * to right: at each point the longest label (with or without its number)
 * of a node below the one reached so far is taken; list entries are the
 * list's label and a number; separators and stray numbers are skipped.
 * Styles handled: ASCII or Unicode roman numerals, full- or half-width
 * brackets, "4." "4. " or "4", blanks or none between segments, "リスクN:"
 * or "リスクN", an optional group label ("再委托"), partial paths, bare
 * labels.  What is left over is reported (info): label drift ("特例個人
 * 情報"), another form's headings, references to sheets not in the text.
 */

/* Length of the number num at p ("4." also as "4", "リスク1" with an
 * optional ":"), or 0. */
static size_t
num_len(const char *p, const char *num)
{
	size_t	 n = strlen(num);

	if (n == 0)
		return 0;
	if (strncmp(p, num, n) == 0) {
		if (p[n] == ':')
			n++;
		return isdigit((unsigned char)num[n - 1]) &&
		    isdigit((unsigned char)p[n]) ? 0 : n;
	}
	if (num[n - 1] == '.' && strncmp(p, num, n - 1) == 0 &&
	    !isdigit((unsigned char)p[n - 1]))
		return n - 1;
	return 0;
}

/* A generic number or separator at p to skip: "3", "②", ",", "・". */
static size_t
skip_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t	 n = 0;

	if (*p == ',' || *p == ':' || *p == '.' || *p == '/')
		return 1;
	if (starts(p, "(" N_ANNEX) &&
	    isdigit((unsigned char)p[strlen("(" N_ANNEX)]) &&
	    p[strlen("(" N_ANNEX) + 1] == ')')
		return strlen("(" N_ANNEX) + 2;
	if (starts(p, N_BULLET) || starts(p, N_COMMA))
		return 3;
	while (isdigit((unsigned char)p[n]))
		n++;
	if (n > 0)
		return p[n] == '.' ? n + 1 : n;
	if (u[0] == 0xe2 && u[1] == 0x91 && u[2] >= 0xa0 && u[2] <= 0xb3)
		return 3;
	return 0;
}

/* Compares label lb with the path at p, blanks in the path (0x1f)
 * ignored (a label wrapped in the PDF); returns the length consumed at p,
 * or 0.  With abbrev, a path segment (up to a blank) of at least three
 * characters that starts the label also matches ("2. 特定個人情報の入手"
 * for the long heading). */
static size_t
label_at(const char *p, const char *lb, int abbrev)
{
	const char	*q = p, *l = lb, *seg;

	while (*l != '\0') {
		if (*q == '\x1f') {
			q++;
			continue;
		}
		/* "、" and "。" are often dropped in paths. */
		if (starts(q, N_COMMA) || starts(q, N_STOP)) {
			if (strncmp(q, l, 3) == 0)
				l += 3;
			q += 3;
			continue;
		}
		if (starts(l, N_COMMA) || starts(l, N_STOP)) {
			l += 3;
			continue;
		}
		if (*q != *l)
			break;
		q++;
		l++;
	}
	if (*l == '\0')
		return (size_t)(q - p);
	if (!abbrev)
		return 0;
	for (seg = p; *seg != '\0' && *seg != '\x1f'; seg++)
		continue;
	if (seg - p >= 9 && strncmp(lb, p, (size_t)(seg - p)) == 0)
		return (size_t)(seg - p);
	return 0;
}

/* Resolves a 項目 path; reports what is left over.  Returns the node
 * reached when the whole path was read, else -1. */
static int
check_path(struct imp *I, const char *item, long line)
{
	char		*plain = imp_plain(item), *P = NULL, *w;
	const char	*p = "";
	int		 cur = 0, j, a, any = 0, rc = -1;

	if (plain == NULL || *plain == '\0')
		goto out;
	/* Blanks become one separator mark, the rest is normalised. */
	for (w = plain; *w != '\0'; w++)
		if (*w == ' ')
			*w = '\x1f';
	if ((P = imp_lnorm(plain)) == NULL)
		goto out;
	for (w = plain; *w != '\0'; w++)
		if (*w == '\x1f')
			*w = ' ';
	if (I->cache.plab == NULL) {
		/* Normalised labels and numbers, once. */
		if ((I->cache.plab = calloc((size_t)I->nv, sizeof(char *))) ==
		    NULL || (I->cache.pnum = calloc((size_t)I->nv,
		    sizeof(char *))) == NULL)
			goto out;
		for (j = 0; j < I->nv; j++) {
			const char *lb = pia_vnode_label(I->v[j].vn, I->kind);

			I->cache.plab[j] = imp_lnorm(lb);
			I->cache.pnum[j] = imp_lnorm(pia_vnode_num(I->v[j].vn,
			    I->kind));
		}
	}
	p = P;
	while (*p != '\0') {
		size_t	 best = 0, k;
		int	 bj = -1;

		if (*p == '\x1f') {
			p++;
			continue;
		}
		/* Below the node reached, else after it under its
		 * ancestors (siblings printed under a numbered item:
		 * "③対象となる本人の範囲 その必要性"). */
		for (a = cur; a >= 0 && bj < 0; a = I->v[a].parent) {
			for (j = cur + 1; j <= I->v[a].end; j++) {
				const char *lb = I->cache.plab[j], *q = p;
				size_t	    nl = 0, ln;

				if (lb == NULL || *lb == '\0')
					continue;
				if (I->cache.pnum[j] &&
				    (nl = num_len(q, I->cache.pnum[j])) > 0)
					q += nl;
				while (*q == '\x1f')
					q++;
				/* An abbreviated label needs its number. */
				if ((ln = label_at(q, lb, nl > 0)) == 0)
					continue;
				q += ln;
				if (I->v[j].type == PIA_V_LIST)
					while (isdigit((unsigned char)*q))
						q++;
				if ((size_t)(q - p) > best ||
				    ((size_t)(q - p) == best && bj >= 0 &&
				    I->v[j].depth < I->v[bj].depth)) {
					best = (size_t)(q - p);
					bj = j;
				}
			}
			if (cur == 0)
				break;
		}
		if (bj >= 0) {
			cur = bj;
			p += best;
			any = 1;
			continue;
		}
		if ((k = skip_len(p)) > 0) {
			p += k;
			continue;
		}
		break;
	}
	if (*p != '\0') {
		char *t = any ? imp_field_title(I, cur) : NULL;
		char *rest = strdup(p);

		for (w = rest; w && *w; w++)
			if (*w == '\x1f')
				*w = ' ';
		if (any)
			imp_find(I, line, PIA_M_IMPORT_PATH_REST, plain,
			    t ? t : "", rest ? rest : "");
		else
			imp_find(I, line, PIA_M_IMPORT_PATH, plain);
		free(rest);
		free(t);
	}
	rc = *p == '\0' && any ? cur : -1;
out:
	free(P);
	free(plain);
	return rc;
}

/* A value of a change row for choice field v, checked against its
 * options ("[再委託する]", "2) 発生なし", "10人未満"). */
static void
check_change_choice(struct imp *I, int v, const char *val, long line)
{
	const struct pia_optlist *ol = I->v[v].opts;
	char		*s = imp_plain(val), *a, *b;
	size_t		 dist;
	int		 near;

	if (s == NULL || ol == NULL)
		goto out;
	imp_trim(s);
	memmove(s, imp_trim(s), strlen(imp_trim(s)) + 1);
	if ((a = strchr(s, '[')) != NULL && (b = strchr(a, ']')) != NULL) {
		*b = '\0';
		memmove(s, a + 1, strlen(a + 1) + 1);
	}
	/* Empty, "-", "—", a placeholder "(…)", a count "(4)件". */
	if (*s == '\0' || strcmp(s, "-") == 0 || strcmp(s, N_EM_DASH) == 0 ||
	    *s == '(' || starts(s, N_FW_LPAREN) ||
	    starts(s, N_DELETED) ||
	    imp_option_index(ol, s) >= 0 || imp_declared_count(s) >= 0)
		goto out;
	{
		const char *rest;

		/* "委託する (6)件", "無料 (手数料額…)": an option, then
		 * its count or the text of the next cell. */
		if (imp_option_prefix(I, ol, s, &rest) >= 0 && rest > s)
			goto out;
	}
	/* A long text where an option was expected: the 項目 probably
	 * left out the sub-item ("⑤物理的対策" for its 具体的な対策の内容).
	 * Said once per row. */
	if (strlen(s) > 120) {
		char *t;

		if (I->at.textline == line)
			goto out;
		I->at.textline = line;
		t = imp_field_title(I, v);
		imp_find(I, line, PIA_M_IMPORT_CHANGE_TEXT, t);
		free(t);
		goto out;
	}
	near = imp_option_nearest(I, ol, s, &dist);
	{
		char *t = imp_field_title(I, v);

		imp_find(I, line, PIA_M_IMPORT_CHANGE_OPTION, t, s,
		    near >= 0 ? pia_optlist_text(ol, (size_t)near) : "");
		free(t);
	}
out:
	free(s);
}

/* The before and after cells of a change row whose 項目 resolved to node
 * r: a choice field's value, or "・label:value" parts naming choice
 * fields below r. */
static void
check_change_values(struct imp *I, int r, const char *cell, long line)
{
	char	*s, *p, *seg, *colon, *next;
	int	 j;

	if (r < 0 || (s = imp_plain(cell)) == NULL)
		return;
	/* "・label:value" parts, else the cell is the value. */
	if ((seg = strstr(s, N_BULLET)) == NULL || (strchr(seg, ':') == NULL &&
	    strstr(seg, N_FW_COLON) == NULL)) {
		if (I->v[r].ftype == PIA_F_CHOICE)
			check_change_choice(I, r, cell, line);
		else if (I->v[r].self >= 0 &&
		    I->v[I->v[r].self].ftype == PIA_F_CHOICE)
			check_change_choice(I, I->v[r].self, cell, line);
		free(s);
		return;
	}
	for (p = s; (seg = strstr(p, N_BULLET)) != NULL; p = next) {
		char	*part, *lk;
		size_t	 skip;

		seg += strlen(N_BULLET);
		next = strstr(seg, N_BULLET);
		part = strndup(seg, next ? (size_t)(next - seg) : strlen(seg));
		if (part == NULL)
			break;
		skip = 0;
		if ((colon = strchr(part, ':')) != NULL)
			skip = 1;
		else if ((colon = strstr(part, N_FW_COLON)) != NULL)
			skip = 3;
		if (colon != NULL) {
			*colon = '\0';
			lk = imp_key(part);
			for (j = r; lk && j <= I->v[r].end; j++)
				if (I->v[j].ftype == PIA_F_CHOICE &&
				    strcmp(I->v[j].key, lk) == 0) {
					check_change_choice(I, j, colon + skip,
					    line);
					break;
				}
			free(lk);
		}
		free(part);
		if (next == NULL)
			break;
	}
	free(s);
}

/* Cell j of L is a date (和暦) that reads. */
static int
cell_is_date(const struct line *L, int j)
{
	char	*d, iso[11];
	int	 r;

	if (j >= L->n || (d = imp_plain(L->cell[j])) == NULL)
		return 0;
	r = pia_wareki_parse(d, iso) == PIA_DATE_OK;
	free(d);
	return r;
}

/* Cell j of L is one of the options of choice field v (提出時期). */
static int
cell_is_option(struct imp *I, const struct line *L, int j, int v)
{
	char	*t;
	int	 r;

	if (j >= L->n || I->v[v].ftype != PIA_F_CHOICE || I->v[v].opts == NULL ||
	    (t = imp_plain(L->cell[j])) == NULL)
		return 0;
	r = *t != '\0' && imp_option_index(I->v[v].opts, t) >= 0;
	free(t);
	return r;
}

/*
 * A row whose cells are out of their columns (a cell merged or missing,
 * the row spread over two lines): the 提出時期 option stands in another
 * column than the fifth.  Such a row is never written with wrong columns:
 * its cells are set aside with a finding and it is not counted.
 */
static int
row_shifted(struct imp *I, struct line *L, const int *f, int nf)
{
	int	 j, at = -1;

	if (nf != 6 || I->v[f[4]].ftype != PIA_F_CHOICE ||
	    cell_is_option(I, L, 4, f[4]))
		return 0;
	for (j = 1; j < L->n && at < 0; j++)
		if (j != 4 && cell_is_option(I, L, j, f[4]))
			at = j;
	if (at < 0)
		return 0;	/* blank columns, not shifted ones */
	imp_find(I, L->no, PIA_M_IMPORT_CHANGE_SHIFTED, L->n, at + 1);
	for (j = 0; j < L->n; j++)
		if (*L->cell[j] != '\0') {
			imp_unplace(I, L->no, L->cell[j], 1);
			L->disp[j] = C_UNPLACED;
		}
	I->st->changes_aside++;
	return 1;
}

/* The 変更箇所 table: header rows skipped, rows read by position. */
void
imp_table_row(struct imp *I, struct line *L)
{
	int	 f[8], nf = 0, j, k, resolved = -1;
	char	 iso[11], *d0;
	xmlNode	*e;

	for (j = I->at.change_list + 1; j <= I->v[I->at.change_list].end &&
	    nf < 8; j++)
		if (I->v[j].parent == I->at.change_list)
			f[nf++] = j;
	/* Header row: every cell is a column label. */
	for (k = 0, j = 0; j < L->n && j < nf; j++) {
		char *key = strlen(L->cell[j]) < 64 ? imp_key(L->cell[j]) :
		    NULL;

		if (key && strcmp(key, I->v[f[j]].key) == 0)
			k++;
		free(key);
	}
	if (k >= 3) {
		imp_mark_all(L, 0, C_LAYOUT);
		return;
	}
	d0 = imp_plain(L->cell[0]);
	if (L->n < 3 || d0 == NULL) {
		free(d0);
		return;		/* left to the caller: unplaced */
	}
	if (pia_wareki_parse(d0, iso) != PIA_DATE_OK && *d0 != '\0' &&
	    L->n < 5) {
		free(d0);
		return;
	}
	free(d0);
	if (row_shifted(I, L, f, nf))
		return;
	I->at.nchange++;
	I->st->changes++;
	if ((e = imp_entry_get(I, I->at.change_list, I->at.nchange, 1)) == NULL)
		return;
	for (j = 0; j < nf; j++) {
		xmlNode *el;

		/* A blank cell (trailing ones were trimmed) is an empty
		 * element, so that every row has its six columns. */
		if (j >= L->n || *L->cell[j] == '\0') {
			if (j < L->n)
				L->disp[j] = C_PLACED;
			el = imp_el_for(I, f[j], 1);
			if (I->v[f[j]].ftype == PIA_F_CHOICE)
				imp_note_blank(I, el, f[j], L->no);
			continue;
		}
		L->disp[j] = C_PLACED;
		if (I->v[f[j]].ftype == PIA_F_DATE) {
			if ((el = imp_el_for(I, f[j], 1)) != NULL &&
			    imp_set_date(I, el, L->cell[j], L->no, 1) == -1)
				imp_unplace(I, L->no, L->cell[j], 0);
		} else
		{
			imp_place_value(I, f[j], L->cell[j], L->no);
			/* The 項目 column (the second) names the field; the
			 * before and after columns hold its values. */
			if (j == 1 && I->v[f[j]].ftype == PIA_F_TEXT)
				resolved = check_path(I, L->cell[j], L->no);
			else if (j == 2 || j == 3)
				check_change_values(I, resolved, L->cell[j],
				    L->no);
		}
	}
	for (; j < L->n; j++)
		if (*L->cell[j] != '\0') {
			imp_unplace(I, L->no, L->cell[j], 1);
			L->disp[j] = C_UNPLACED;
		}
	/* Recovered in full only when every column holds what it should. */
	if (nf == 6 && L->n <= nf && cell_is_date(L, 0) && resolved >= 0 &&
	    cell_is_option(I, L, 4, f[4]))
		I->st->changes_checked++;
}

