/*
 * read.c: reading the source: the text made safe for XML, split into
 * lines and tab-separated cells; layout lines (title, table of contents,
 * form stamp) taken out; text hygiene of each line; what became of each
 * cell counted.
 */
#include <stdlib.h>
#include <string.h>

#include "pia_hygiene.h"
#include "extern.h"

void
imp_mark_all(struct line *L, int from, int disp)
{
	int	 i;

	for (i = from; i < L->n; i++)
		if (L->disp[i] == C_NONE && *L->cell[i] != '\0')
			L->disp[i] = disp;
}

char *
imp_join_cells(const struct line *L, int i)
{
	size_t	 len = 1;
	int	 j;
	char	*s;

	for (j = i; j < L->n; j++)
		len += strlen(L->cell[j]) + 1;
	if ((s = malloc(len)) == NULL)
		return NULL;
	s[0] = '\0';
	for (j = i; j < L->n; j++) {
		if (*L->cell[j] == '\0')
			continue;
		if (*s)
			strcat(s, " ");
		strcat(s, L->cell[j]);
	}
	return s;
}

/* Text hygiene of one line (model/hygiene.c): foreign script, English
 * words between Japanese, template placeholders; the first of each. */
static void
hygiene(struct imp *I, struct line *L)
{
	char			*s = imp_plain(L->raw), *q;
	struct pia_hygiene	 h;

	if (s == NULL)
		return;
	if (pia_hygiene_foreign(s, &h)) {
		q = pia_hygiene_quote(s, &h);
		imp_find(I, L->no, PIA_M_IMPORT_FOREIGN, h.cp, q ? q : "");
		free(q);
	}
	if (pia_hygiene_english(s, &h))
		imp_find(I, L->no, PIA_M_IMPORT_ENGLISH, (int)h.len, s + h.off);
	if (pia_hygiene_placeholder(s, &h)) {
		q = pia_hygiene_quote(s, &h);
		imp_find(I, L->no, PIA_M_IMPORT_PLACEHOLDER, q ? q : "");
		free(q);
	}
	free(s);
}

char **
imp_split_lines(char *buf, size_t len, size_t *n)
{
	char	**v = NULL, **nv, *p = buf, *e = buf + len;
	size_t	 cap = 0;

	*n = 0;
	while (p < e) {
		char	*nl = p, *next;

		/* A line ends at LF, CR LF or a lone CR (old Mac text). */
		while (nl < e && *nl != '\n' && *nl != '\r')
			nl++;
		next = nl + 1;
		if (nl < e && *nl == '\r' && next < e && *next == '\n')
			next++;
		if (nl < e)
			*nl = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				return NULL;
			}
			v = nv;
		}
		v[(*n)++] = p;
		p = next;
	}
	if (v == NULL)
		v = calloc(1, sizeof(*v));
	return v;
}

/* "項目一覧": the heading of the table of contents. */
static int
is_contents(const char *line)
{
	char	*k;
	int	 r;

	/* Cheap test first: the line is short and has the word. */
	if (strlen(line) > 64 || strstr(line, N_CONTENTS_WORD) == NULL)
		return 0;
	k = imp_key(line);
	r = k != NULL && strcmp(k, N_CONTENTS) == 0;

	free(k);
	return r;
}

/*
 * Makes the text safe for XML: invalid UTF-8 (bad bytes, overlong forms,
 * surrogates, beyond U+10FFFF) becomes U+FFFD, control characters other
 * than tab and line ends (a PDF's form feeds) and U+FFFE/U+FFFF become a
 * blank.  Line numbers are kept.  Returns a new buffer; *bad counts the
 * replacements and *first is the first line that had one.
 */
char *
imp_sanitize(const char *in, size_t len, size_t *outlen, size_t *bad,
    long *first)
{
	const unsigned char	*u = (const unsigned char *)in;
	char			*out = malloc(len * 3 + 1), *w = out;
	size_t			 i = 0, n;
	unsigned int		 cp;
	long			 line = 1;

	*bad = 0;
	*first = 0;
	if (out == NULL)
		return NULL;
	while (i < len) {
		if (u[i] < 0x80) {
			if (u[i] == '\n' || (u[i] == '\r' &&
			    (i + 1 == len || u[i + 1] != '\n')))
				line++;
			if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
			    u[i] != '\r') {
				*w++ = ' ';
				if ((*bad)++ == 0)
					*first = line;
			} else
				*w++ = (char)u[i];
			i++;
			continue;
		}
		n = pia_utf8_next(in + i, len - i, &cp);
		if (n == 1) {		/* not UTF-8: U+FFFD */
			memcpy(w, "\xef\xbf\xbd", 3);
			w += 3;
			i++;
			if ((*bad)++ == 0)
				*first = line;
			continue;
		}
		if (cp == 0xfffe || cp == 0xffff) {
			*w++ = ' ';
			if ((*bad)++ == 0)
				*first = line;
		} else {
			memcpy(w, u + i, n);
			w += n;
		}
		i += n;
	}
	*w = '\0';
	*outlen = (size_t)(w - out);
	return out;
}

/*
 * Splits line into the cells of L (a copy, returned for the caller to
 * free); a line of more than MAXCELLS cells keeps the rest in the last.
 * Trailing empty cells are dropped.
 */
static char *
split_cells(const char *line, struct line *L)
{
	char	*p, *q, *t;
	int	 n;

	if ((p = strdup(line)) == NULL)
		return NULL;
	for (q = p, n = 0; n < MAXCELLS; n++) {
		if ((t = strchr(q, '\t')) != NULL && n < MAXCELLS - 1)
			*t = '\0';
		L->cell[n] = imp_trim(q);
		if (t == NULL || n == MAXCELLS - 1)
			break;
		q = t + 1;
	}
	L->n = n + 1;
	while (L->n > 1 && *L->cell[L->n - 1] == '\0')
		L->n--;
	return p;
}

/* Counts what became of each non-empty cell; a cell that no phase took
 * is kept in <unplaced> (the safety net: nothing is dropped). */
static void
tally(struct imp *I, struct line *L)
{
	int	 j;

	for (j = 0; j < L->n; j++) {
		if (*L->cell[j] == '\0')
			continue;
		switch (L->disp[j]) {
		case C_PLACED:
			I->st->placed++;
			I->st->values++;
			break;
		case C_LABEL:
			I->st->placed++;
			I->st->labels++;
			break;
		case C_LAYOUT:
			I->st->layout++;
			break;
		case C_UNPLACED:
			I->st->unplaced++;
			break;
		default:
			imp_unplace(I, L->no, L->cell[j], 1);
			I->st->unplaced++;
			break;
		}
	}
}

/*
 * The table of contents lists each heading once, one heading a line.  It
 * ends at a blank line after its entries, and also (converters drop blank
 * lines) at a line of several cells, at a heading it already listed (the
 * body starts again with the first one) or after TOC_MAX lines: the body
 * is never taken for contents.  Returns 1 when line L ends it.
 */
#define TOC_MAX	48

struct toc {
	int	 state;		/* 1 at "項目一覧", 2 below it */
	char	*key[TOC_MAX];
	int	 n;
};

static void
toc_end(struct toc *T)
{
	while (T->n > 0)
		free(T->key[--T->n]);
	T->state = 0;
}

static int
toc_ends(struct toc *T, const struct line *L, int *oom)
{
	char	*k;
	int	 i, cells = 0;

	for (i = 0; i < L->n; i++)
		if (*L->cell[i] != '\0')
			cells++;
	if (cells > 1 || T->n == TOC_MAX)
		return 1;
	if ((k = imp_key(L->raw)) == NULL) {
		*oom = 1;
		return 1;
	}
	for (i = 0; i < T->n; i++)
		if (strcmp(T->key[i], k) == 0) {
			free(k);
			return 1;
		}
	T->key[T->n++] = k;
	return 0;
}

/*
 * The loop over the lines.  Layout is taken out first: the title line
 * (line title), the table of contents ("項目一覧", see toc_ends()), a form
 * stamp before the first heading ("平成30年 5月 様式4", kept as
 * @form-version); every other line goes to imp_line().
 */
void
imp_read(struct imp *I, char **lines, size_t nl, long title)
{
	struct line	 L;
	char		*copy, *stamp = NULL;
	size_t		 i;
	int		 j;
	struct toc	 toc;

	memset(&toc, 0, sizeof(toc));

	for (i = 0; i < nl && !I->oom; i++) {
		memset(&L, 0, sizeof(L));
		L.no = (long)i + 1;
		L.raw = lines[i];
		I->at.line = L.no;
		if (*skip_blank(lines[i]) == '\0') {
			if (toc.state == 2)	/* a blank line ends the
						   contents */
				toc_end(&toc);
			continue;
		}
		if ((copy = split_cells(lines[i], &L)) == NULL) {
			I->oom = 1;
			break;
		}
		for (j = 0; j < L.n; j++)
			if (*L.cell[j] != '\0')
				I->st->cells++;
		hygiene(I, &L);
		if (toc.state && L.no != title && toc_ends(&toc, &L, &I->oom))
			toc_end(&toc);
		if (L.no == title || toc.state) {
			imp_mark_all(&L, 0, C_LAYOUT);
			if (toc.state)
				toc.state = 2;
		} else if (!I->at.table && is_contents(lines[i])) {
			toc.state = 1;
			imp_mark_all(&L, 0, C_LAYOUT);
		} else if (I->at.cursor == 0 && !I->at.table && stamp == NULL &&
		    (stamp = imp_form_stamp(I->vocab, lines[i])) != NULL) {
			if (xmlNewProp(I->tree.root, (const xmlChar *)
			    "form-version", (const xmlChar *)stamp) == NULL)
				I->oom = 1;
			imp_mark_all(&L, 0, C_LAYOUT);
		} else
			imp_line(I, &L);
		tally(I, &L);
		free(copy);
	}
	toc_end(&toc);
	free(stamp);
}
