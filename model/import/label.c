/*
 * label.c: the form as the importer sees it: the vocabulary of the kind
 * flattened in document order (struct vent), printed numbers read into a
 * canonical form, and label cells matched against the labels: list entry
 * headings, then exact labels, then a close label with the same number,
 * then a close label alone.  When a label fits several nodes
 * ("リスクへの対策は十分か"), the one nearest the previous match in the
 * tree wins, then the first one after it (pages may be missing or out of
 * order, so every node stays reachable).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia_hygiene.h"
#include "extern.h"

/* Unicode roman numerals U+2160 ... U+2169 in letters. */
static const char *const roman[] = { "I", "II", "III", "IV", "V", "VI",
    "VII", "VIII", "IX", "X" };

/* The code point at s when it is a Unicode roman numeral up to max, else
 * 0. */
static unsigned int
uroman_at(const char *s, unsigned int max)
{
	unsigned int	 cp;

	if ((unsigned char)*s < 0xe0)
		return 0;
	pia_utf8_next(s, SIZE_MAX, &cp);
	return cp >= 0x2160 && cp <= max ? cp : 0;
}

/* "(別添2)" or "（別添２）" at p: its canonical form in num, the rest. */
static const char *
annex_num(const char *p, char *num, size_t numsz)
{
	const char	*q;
	long		 n;

	if (*p == '(' && starts(p + 1, N_ANNEX))
		q = p + 1 + strlen(N_ANNEX);
	else if (starts(p, N_FW_LPAREN N_ANNEX))
		q = p + strlen(N_FW_LPAREN N_ANNEX);
	else
		return NULL;
	n = imp_num_at(q, &q);
	if (n < 0 || (*q != ')' && !starts(q, N_FW_RPAREN)))
		return NULL;
	snprintf(num, numsz, "(" N_ANNEX "%ld)", n);
	return skip_blank(q + (*q == ')' ? 1 : strlen(N_FW_RPAREN)));
}

/* "リスク3:", "リスク:", "リスク3 …" at p: its canonical form, the rest. */
static const char *
risk_num(const char *p, char *num, size_t numsz)
{
	const char	*q;
	long		 n;

	if (!starts(p, N_RISK))
		return NULL;
	q = skip_blank(p + strlen(N_RISK));
	n = imp_num_at(q, &q);
	q = skip_blank(q);
	if (*q == ':' || starts(q, N_FW_COLON)) {
		if (n >= 0)
			snprintf(num, numsz, N_RISK "%ld", n);
		else
			snprintf(num, numsz, N_RISK);
		return skip_blank(q + (*q == ':' ? 1 : strlen(N_FW_COLON)));
	}
	if (n >= 0 && (unsigned char)*q >= 0xe0) {
		snprintf(num, numsz, N_RISK "%ld", n);
		return q;
	}
	return NULL;
}

const char *
imp_parse_num(const char *s, char *num, size_t numsz)
{
	static const char *const ascii[] = { "VI", "IV", "V", "III", "II",
	    "I", NULL };
	const char	*p = skip_blank(s), *q;
	unsigned int	 cp;
	size_t		 i;
	long		 n;

	num[0] = '\0';
	if ((cp = uroman_at(p, 0x2165)) != 0) {		/* Ⅰ ... Ⅵ */
		snprintf(num, numsz, "%s", roman[cp - 0x2160]);
		return skip_blank(p + 3);
	}
	for (i = 0; ascii[i] != NULL; i++)
		if (starts(p, ascii[i])) {
			q = p + strlen(ascii[i]);
			/* A numeral stands alone: "II 特定…", "III特定…". */
			if (*q == ' ' || ((unsigned char)*q >= 0xe0 &&
			    uroman_at(q, 0x2160) == 0)) {
				snprintf(num, numsz, "%s", ascii[i]);
				return skip_blank(q);
			}
			break;
		}
	if ((q = annex_num(p, num, numsz)) != NULL)
		return q;
	if (isdigit((unsigned char)*p)) {
		n = imp_num_at(p, &q);
		if (*q == '.' || starts(q, N_FW_PERIOD)) {
			snprintf(num, numsz, "%ld.", n);
			return skip_blank(q + (*q == '.' ? 1 :
			    strlen(N_FW_PERIOD)));
		}
		/* "3特定個人情報の使用" in 変更箇所 paths: digits then text. */
		if (*q != ')' && !starts(q, N_FW_RPAREN) &&
		    (unsigned char)*q >= 0xe0 && n < 20) {
			snprintf(num, numsz, "%ld.", n);
			return skip_blank(q);
		}
		return p;
	}
	/* ① U+2460 ... ⑳ U+2473: e2 91 a0 ... e2 91 b3 */
	if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x91 &&
	    (unsigned char)p[2] >= 0xa0 && (unsigned char)p[2] <= 0xb3) {
		snprintf(num, numsz, "%.3s", p);
		return skip_blank(p + 3);
	}
	if ((q = risk_num(p, num, numsz)) != NULL)
		return q;
	return p;
}

/* The canonical number of a vocabulary node ("リスク1", "①", "II"). */
char *
imp_vnum_key(const char *num)
{
	char	 buf[64];
	const char *rest;

	if (num == NULL || *num == '\0')
		return strdup("");
	rest = imp_parse_num(num, buf, sizeof(buf));
	if (buf[0] == '\0' || *rest != '\0')
		return imp_key(num);
	return strdup(buf);
}

int
imp_flatten(struct vent **vv, int *nv, int *cap, const struct pia_vnode *n,
    enum pia_kind k, int parent, int depth, int skip_in)
{
	const struct pia_vnode	*c;
	struct vent		*e;
	int			 me;

	if (*nv == *cap) {
		struct vent *nvv;

		*cap = *cap ? *cap * 2 : 512;
		if ((nvv = realloc(*vv, *cap * sizeof(**vv))) == NULL)
			return -1;
		*vv = nvv;
	}
	me = (*nv)++;
	e = &(*vv)[me];
	memset(e, 0, sizeof(*e));
	e->vn = n;
	e->parent = parent;
	e->depth = depth;
	e->type = pia_vnode_type(n);
	e->ftype = pia_vnode_ftype(n);
	e->el = pia_vnode_el(n);
	e->self = -1;
	e->key = imp_key(pia_vnode_label(n, k));
	e->num = imp_vnum_key(pia_vnode_num(n, k));
	if (e->key == NULL || e->num == NULL ||
	    (e->ucs = imp_ucs(e->key, &e->nucs)) == NULL)
		return -1;
	e->opts = pia_vnode_options(n, k);
	for (c = pia_vnode_first(n, PIA_KIND_NONE); c != NULL;
	    c = pia_vnode_next(c, PIA_KIND_NONE)) {
		int ci;

		if (skip_in >= 0 ? pia_vnode_in(c, skip_in) ||
		    !pia_vnode_in(c, PIA_KIND_NONE) : !pia_vnode_in(c, k))
			continue;
		ci = *nv;
		if (imp_flatten(vv, nv, cap, c, k, me, depth + 1, skip_in) ==
		    -1)
			return -1;
		if (pia_vnode_is_self(c))
			(*vv)[me].self = ci;
	}
	(*vv)[me].end = *nv - 1;
	return 0;
}

void
imp_vents_free(struct vent *v, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].num);
		free(v[i].ucs);
	}
	free(v);
}

/* Depth of the deepest common ancestor of a and b. */
static int
common_depth(const struct imp *I, int a, int b)
{
	for (; a >= 0; a = I->v[a].parent)
		if (b >= a && b <= I->v[a].end)
			return I->v[a].depth;
	return -1;
}

/* The nearest list vent enclosing i (i itself included), or -1. */
int
imp_enclosing_list(const struct imp *I, int i)
{
	for (; i >= 0; i = I->v[i].parent)
		if (I->v[i].type == PIA_V_LIST)
			return i;
	return -1;
}

int
imp_section_of(const struct imp *I, int i)
{
	for (; i >= 0; i = I->v[i].parent)
		if (I->v[i].type == PIA_V_SECTION)
			return i;
	return -1;
}

/* Chooses among candidates: the one sharing the deepest ancestor with
 * the cursor, then the first after it, then the first overall. */
static int
better(const struct imp *I, int cand, int best)
{
	int	 cd, bd, cur = I->at.cursor;
	long	 cf, bf;

	if (best < 0)
		return 1;
	cd = common_depth(I, cur, cand);
	bd = common_depth(I, cur, best);
	if (cd != bd)
		return cd > bd;
	cf = cand > cur ? cand - cur : 100000L + cand;
	bf = best > cur ? best - cur : 100000L + best;
	return cf < bf;
}

/*
 * The text of a label cell as it is compared: the tick marks after the
 * label cut off (*rest set to them, "6. …の接続 [] 接続しない(入手)"),
 * HTML removed, the ※ mark and what follows it ("※(7. ②を除く。)")
 * dropped, full-width digits and brackets and Unicode roman numerals in
 * ASCII ("１．" "（別添１）" "Ⅲ"; circled numbers stay).  NULL when
 * empty, too long or out of memory (*oom set).
 */
static char *
label_text(const char *cell, const char **rest, int *oom)
{
	char		*lab, *plain = NULL, *ln = NULL, *p;
	const char	*q;
	size_t		 mlen;

	for (q = cell; *q != '\0'; q++)
		if ((*q == '[' || *q == '<' || starts(q, N_TORT_OPEN)) &&
		    imp_mark_at(q, &mlen) != MARK_NONE)
			break;
	*rest = *q ? q : NULL;
	if ((lab = strndup(cell, (size_t)(q - cell))) == NULL ||
	    (plain = imp_plain(lab)) == NULL) {
		*oom = 1;
		goto out;
	}
	if (*plain == '\0' || strlen(plain) > 400)
		goto out;
	if ((p = strstr(plain, N_NOTE)) != NULL)
		*p = '\0';
	if ((ln = imp_lnorm(plain)) == NULL)
		*oom = 1;
out:
	free(plain);
	free(lab);
	return ln;
}

/* Entry headings: "システム3", "委託事項4"; blocks "委託事項6～10". */
static int
match_entry(const struct imp *I, const char *key, struct label *L)
{
	const char	*t;
	long		 n;
	int		 j;

	for (j = 0; j < I->nv; j++) {
		if (I->v[j].type != PIA_V_LIST || I->v[j].key[0] == '\0' ||
		    !starts(key, I->v[j].key))
			continue;
		t = key + strlen(I->v[j].key);
		if ((n = imp_num_at(t, &t)) < 0)
			continue;
		if (*t == '\0') {
			L->v = j;
			L->entry = n;
			L->exact = 1;
			return 1;
		}
		if (*t == '~' && imp_num_at(t + 1, &t) >= 0 && *t == '\0') {
			L->v = j;
			L->block = 1;
			return 1;
		}
	}
	return 0;
}

/* The same label; with the same number first. */
static int
match_exact(const struct imp *I, const char *key, const char *num,
    struct label *L)
{
	int	 j, best = -1, bestnum = -1;

	for (j = 0; j < I->nv; j++) {
		if (I->v[j].type == PIA_V_FORM || I->v[j].type == PIA_V_LIST)
			continue;
		if (strcmp(I->v[j].key, key) != 0 || *key == '\0')
			continue;
		if (num[0] && strcmp(I->v[j].num, num) == 0) {
			if (bestnum < 0 || better(I, j, bestnum))
				bestnum = j;
		} else if (better(I, j, best))
			best = j;
	}
	if (bestnum < 0 && best < 0)
		return 0;
	L->v = bestnum >= 0 ? bestnum : best;
	L->exact = 1;
	return 1;
}

/*
 * A close label, by edit distance on code points: with the same number,
 * up to 40% of the label may differ ("リスク3: 入手した特定個人情報 that
 * 不正確であるリスク"); without one (fuzzy), 1 edit in 6 ("従業員に対する
 * 教育・啓発").
 */
static int
match_close(const struct imp *I, const unsigned int *ucs, size_t nk,
    const char *num, int fuzzy, struct label *L)
{
	size_t	 d, cap, bd = (size_t)-1;
	int	 j, best = -1;

	for (j = 0; num[0] && nk > 0 && j < I->nv; j++) {
		if (strcmp(I->v[j].num, num) != 0 || I->v[j].nucs == 0)
			continue;
		cap = I->v[j].nucs * 2 / 5;
		d = imp_distance(ucs, nk, I->v[j].ucs, I->v[j].nucs, cap);
		if (d <= cap && (d < bd || (d == bd && better(I, j, best)))) {
			bd = d;
			best = j;
		}
	}
	if (best >= 0) {
		L->v = best;
		L->bynum = 1;
		return 1;
	}
	for (j = 0; fuzzy && nk >= 4 && nk <= 80 && j < I->nv; j++) {
		cap = I->v[j].nucs / 6;
		if (I->v[j].type == PIA_V_FORM || I->v[j].type == PIA_V_LIST ||
		    cap == 0)
			continue;
		d = imp_distance(ucs, nk, I->v[j].ucs, I->v[j].nucs, cap);
		if (d <= cap && (d < bd || (d == bd && better(I, j, best)))) {
			bd = d;
			best = j;
		}
	}
	if (best < 0)
		return 0;
	L->v = best;
	return 1;
}

/* Matches one cell against the labels of the form.  fuzzy allows edit
 * distance without a number. */
int
imp_match_label(struct imp *I, const char *cell, int fuzzy, struct label *L)
{
	char		 num[64], *ln, *key = NULL;
	unsigned int	*ucs = NULL;
	size_t		 nk;
	int		 i, rc = 0, oom = 0;

	memset(L, 0, sizeof(*L));
	L->v = -1;
	L->entry = -1;
	if ((ln = label_text(cell, &L->rest, &oom)) == NULL)
		return oom ? -1 : 0;
	if ((key = imp_key(imp_parse_num(ln, num, sizeof(num)))) == NULL)
		goto out;
	if (num[0] == '\0' && (*key == '\0' || match_entry(I, key, L))) {
		/* A bare number is a heading only if it names one. */
		rc = *key != '\0';
		goto out;
	}
	if (match_exact(I, key, num, L)) {
		rc = 1;
		goto out;
	}
	if ((ucs = imp_ucs(key, &nk)) == NULL)
		goto out;
	if (match_close(I, ucs, nk, num, fuzzy, L)) {
		rc = 1;
		goto out;
	}
	/* A heading of another form: reported by the caller. */
	for (i = 0; *key != '\0' && i < I->nov; i++)
		if (I->ov[i].type != PIA_V_FORM &&
		    I->ov[i].type != PIA_V_LIST &&
		    strcmp(I->ov[i].key, key) == 0) {
			rc = 2;
			break;
		}
out:
	free(ucs);
	free(key);
	free(ln);
	return rc;
}

/* The k-th list (0-based) among the children of group g. */
int
imp_nth_list(const struct imp *I, int g, int k)
{
	int	 j;

	for (j = g + 1; j <= I->v[g].end; j++)
		if (I->v[j].parent == g && I->v[j].type == PIA_V_LIST &&
		    k-- == 0)
			return j;
	return -1;
}

char *
imp_field_title(struct imp *I, int v)
{
	char *t = pia_vnode_title(I->v[v].vn, I->kind, "ja");

	return t ? t : strdup("");
}

int
imp_first_section(const struct imp *I)
{
	int	 j;

	for (j = 0; j < I->nv; j++)
		if (I->v[j].type == PIA_V_SECTION)
			return j;
	return -1;
}

/* Light normalisation for labels and 変更箇所 paths: full-width ASCII
 * to ASCII, Unicode roman numerals to letters, blanks removed; circled
 * numbers stay. */
char *
imp_lnorm(const char *s)
{
	char		*r = malloc(strlen(s) * 2 + 1), *w = r;
	unsigned int	 cp;
	size_t		 n;

	if (r == NULL)
		return NULL;
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		if (starts(s, N_IDEO_SPACE)) {
			s += strlen(N_IDEO_SPACE);
			continue;
		}
		/* Only U+2160... (e2 85) and U+FF01... (ef bc, bd) change. */
		if ((unsigned char)*s != 0xe2 && (unsigned char)*s != 0xef) {
			*w++ = *s++;
			continue;
		}
		n = pia_utf8_next(s, SIZE_MAX, &cp);
		if (n == 3 && cp >= 0xff01 && cp <= 0xff5e) {
			*w++ = (char)(cp - 0xfee0);
			s += 3;
			continue;
		}
		if (n == 3 && cp >= 0x2160 && cp <= 0x2169) {
			memcpy(w, roman[cp - 0x2160],
			    strlen(roman[cp - 0x2160]));
			w += strlen(roman[cp - 0x2160]);
			s += 3;
			continue;
		}
		*w++ = *s++;
	}
	*w = '\0';
	return r;
}
