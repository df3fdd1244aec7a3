/*
 * import.c: pia import, the text of a published assessment to the model.
 *
 * Phases (one pass over the lines, then a finishing pass):
 *  1. The form is detected from the title line, else from the section
 *     headings that match each form's vocabulary.
 *  2. The vocabulary tree of that form is flattened in document order;
 *     each node gets a key (NFKC, blanks and ※ removed) of its label and
 *     of its number.  Nothing of the form is typed here.
 *  3. Each line is split into tab-separated cells.  The first cells that
 *     match labels choose the node; when a label fits several nodes
 *     ("リスクへの対策は十分か"), the one nearest the previous match in the
 *     tree wins, then the first one after it (pages may be missing or out
 *     of order, so every node stays reachable).  Labels match exactly,
 *     else by number and a close label, else by a small edit distance.
 *  4. The remaining cells are the value, read by the field's type:
 *     choices (a "[value]" before <選択肢>, a glyph followed by the
 *     value, tick marks), checkbox lists (every tick notation, with a
 *     per-document rule for bare inputs), 和暦 dates, periods, HTML text,
 *     record items.  A line that matches no label continues the field
 *     whose value is still open, or is a duplicate rendering of the last
 *     option list, or is kept in <unplaced>.
 *  5. The 変更箇所 table is read by position, header rows skipped.
 *  6. Finishing: declared counts against entries, blank choices the form
 *     needs, entries missing from the source (empty placeholders keep
 *     the numbering), empty entries dropped, <unplaced> appended.
 * Every line is also checked for foreign script, stray English words and
 * template placeholders.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#define PIA_IMPORT_INTERNAL
#include "pia.h"
#include "pia_hygiene.h"
#include "pia_import.h"

#define MAXCELLS	64

struct vent {
	const struct pia_vnode	*vn;
	int			 parent, end, depth;
	enum pia_vtype		 type;
	enum pia_ftype		 ftype;
	const char		*el;
	char			*key;		/* label key */
	char			*num;		/* number key ("①", "1.", "II") */
	unsigned int		*ucs;		/* key as code points */
	size_t			 nucs;
	int			 self;		/* self field child, or -1 */
	const struct pia_optlist *opts;
};

struct blank {
	xmlNode	*el;
	int	 v;
	long	 line;
};

struct count {
	int	 list;		/* list vent */
	xmlNode	*parent;	/* element holding the entries */
	long	 declared, line;
};

struct okeys {
	const struct pia_optlist *ol;
	char			**key;		/* imp_key of each option */
	size_t			 n;
};

struct derived {
	int	 v;		/* the derived vent */
	char	*text;		/* what the source printed */
	long	 line;
	xmlNode	*file;		/* the file entry then current, or NULL */
};

struct unpl {
	long	 line;
	char	*heading, *text;
};

struct imp {
	const struct pia_vocab	*vocab;
	enum pia_kind		 kind;
	const char		*name;
	struct pia_diags	*d;
	struct pia_import_stats	*st;

	struct vent		*v;
	int			 nv, cap;
	struct vent		*ov;		/* nodes of the other forms */
	int			 nov, ocap;

	xmlDoc			*doc;
	xmlNode			*root;
	xmlNs			*ns;

	int			 cursor;	/* last matched vent */
	xmlNode			**entry;	/* current entry per list vent */
	int			*sectn;		/* headings seen per vent */
	int			 files;		/* vent of the files list */
	int			 file_no;

	int			 open_v;	/* field whose value continues */
	xmlNode			*open_el;
	int			 open_cont;	/* value came from next lines */
	int			 last_v;	/* last field placed */
	xmlNode			*last_el;
	int			 pend[8], npend;	/* labels of a row,
						   values on the next row */
	int			 table;		/* in the 変更箇所 table */
	int			 change_list;
	int			 nchange;
	int			 uses_checked;	/* the text has checked="" */
	const char		*heading;	/* label of the last heading */
	int			 in_items;	/* reading record items */
	xmlNode			*cat[4];	/* open item categories */

	struct blank		*blanks;
	size_t			 nblanks, cblanks;
	struct count		*counts;
	size_t			 ncounts, ccounts;
	struct unpl		*unpl;
	size_t			 nunpl, cunpl;
	struct derived		*der;
	size_t			 nder, cder;
	char			**plab, **pnum;	/* labels for 項目 paths */
	struct okeys		*okeys;		/* option keys, per list */
	size_t			 nokeys, cokeys;
	long			 curline;	/* source line being read */
	long			 textline;	/* last change row said to
						   hold text for a choice */
	int			 oom;
};

/* Cell dispositions within a line. */
enum { C_NONE = 0, C_PLACED, C_LABEL, C_LAYOUT, C_UNPLACED };

struct line {
	long	 no;
	char	*raw;
	char	*cell[MAXCELLS];
	int	 disp[MAXCELLS];
	int	 n;
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static void *
grow(void *p, size_t *cap, size_t n, size_t sz)
{
	void	*np;

	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	if ((np = realloc(p, *cap * sz)) == NULL)
		return NULL;
	return np;
}

static int
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static const char *
skip_blank(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (starts(s, "　") || starts(s, "\xc2\xa0"))
			s += starts(s, "　") ? 3 : 2;
		else
			return s;
	}
}

/* Trims ASCII blanks, U+3000 and NBSP at both ends, in place. */
static char *
trim(char *s)
{
	char	*e;

	s = (char *)skip_blank(s);
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		else if (e - s >= 3 && memcmp(e - 3, "　", 3) == 0)
			e -= 3;
		else if (e - s >= 2 && memcmp(e - 2, "\xc2\xa0", 2) == 0)
			e -= 2;
		else
			break;
	}
	*e = '\0';
	return s;
}

static int
is_empty_value(const char *s)
{
	return s == NULL || *skip_blank(s) == '\0';
}

/* Parses a decimal number at s; -1 when none. */
static long
num_at(const char *s, const char **end)
{
	long	 n = 0;
	int	 any = 0;

	while (isdigit((unsigned char)*s) && n < 100000) {
		n = n * 10 + (*s++ - '0');
		any = 1;
	}
	if (end)
		*end = s;
	return any ? n : -1;
}

/* Appends finding m of the catalogue at line of the source. */
static void
imp_find(struct imp *I, long line, enum pia_msg m, ...)
{
	va_list	 ap;

	va_start(ap, m);
	if (pia_vdiag(I->d, m, I->name, line, NULL, ap) == -1)
		I->oom = 1;
	va_end(ap);
}

/* Keeps text that has no place; reported once per call. */
static void
unplace(struct imp *I, long line, const char *text, int report)
{
	char	*plain;

	if (is_empty_value(text))
		return;
	if ((I->unpl = grow(I->unpl, &I->cunpl, I->nunpl,
	    sizeof(*I->unpl))) == NULL) {
		I->oom = 1;
		return;
	}
	I->unpl[I->nunpl].line = line;
	I->unpl[I->nunpl].heading = strdup(I->heading ? I->heading : "");
	I->unpl[I->nunpl].text = strdup(text);
	I->nunpl++;
	if (!report)
		return;
	plain = imp_plain(text);
	if (plain != NULL && strlen(plain) > 120) {
		size_t k = 110;

		while (k > 0 && ((unsigned char)plain[k] & 0xc0) == 0x80)
			k--;
		strcpy(plain + k, "…");
	}
	imp_find(I, line, PIA_M_IMPORT_UNPLACED, plain ? plain : "");
	free(plain);
}

/* ------------------------------------------------------------------ */
/* Numbers and labels                                                   */
/* ------------------------------------------------------------------ */

/* Reads a printed number at the start of s: a roman numeral (ASCII or
 * U+2160...), "(別添N)", "N." or "N ", a circled number, "リスクN:" or
 * "リスク:".  Writes its canonical form to num and returns the rest, or
 * returns s with num empty. */
static const char *
parse_num(const char *s, char *num, size_t numsz)
{
	static const char *const roman[] = { "VI", "IV", "V", "III", "II",
	    "I", NULL };
	static const char *const uroman[] = { "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ",
	    NULL };
	const char	*p = skip_blank(s), *q;
	size_t		 i;
	long		 n;

	num[0] = '\0';
	for (i = 0; uroman[i] != NULL; i++)
		if (starts(p, uroman[i])) {
			static const char *const asc[] = { "I", "II", "III",
			    "IV", "V", "VI" };

			snprintf(num, numsz, "%s", asc[i]);
			return skip_blank(p + strlen(uroman[i]));
		}
	for (i = 0; roman[i] != NULL; i++)
		if (starts(p, roman[i])) {
			q = p + strlen(roman[i]);
			/* A numeral stands alone: "II 特定…", "III特定…". */
			if (*q == ' ' || ((unsigned char)*q >= 0xe0 &&
			    !starts(q, "Ⅰ"))) {
				snprintf(num, numsz, "%s", roman[i]);
				return skip_blank(q);
			}
			break;
		}
	if (starts(p, "(別添") || starts(p, "（別添")) {
		q = p + (starts(p, "(") ? 1 : 3) + strlen("別添");
		n = num_at(q, &q);
		if (n >= 0 && (*q == ')' || starts(q, "）"))) {
			snprintf(num, numsz, "(別添%ld)", n);
			return skip_blank(q + (*q == ')' ? 1 : 3));
		}
	}
	if (isdigit((unsigned char)*p)) {
		n = num_at(p, &q);
		if (*q == '.' || starts(q, "．")) {
			snprintf(num, numsz, "%ld.", n);
			return skip_blank(q + (*q == '.' ? 1 : 3));
		}
		/* "3特定個人情報の使用" in 変更箇所 paths: digits then text. */
		if (*q != ')' && !starts(q, "）") && (unsigned char)*q >= 0xe0 &&
		    n < 20) {
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
	if (starts(p, "リスク")) {
		q = skip_blank(p + strlen("リスク"));
		n = num_at(q, &q);
		q = skip_blank(q);
		if (*q == ':' || starts(q, "：")) {
			if (n >= 0)
				snprintf(num, numsz, "リスク%ld", n);
			else
				snprintf(num, numsz, "リスク");
			return skip_blank(q + (*q == ':' ? 1 : 3));
		}
		if (n >= 0 && (unsigned char)*q >= 0xe0) {
			snprintf(num, numsz, "リスク%ld", n);
			return q;
		}
	}
	return p;
}

/* The canonical number of a vocabulary node ("リスク1", "①", "II"). */
static char *
vnum_key(const char *num)
{
	char	 buf[64];
	const char *rest;

	if (num == NULL || *num == '\0')
		return strdup("");
	rest = parse_num(num, buf, sizeof(buf));
	if (buf[0] == '\0' || *rest != '\0')
		return imp_key(num);
	return strdup(buf);
}

/* ------------------------------------------------------------------ */
/* The flattened vocabulary                                             */
/* ------------------------------------------------------------------ */

static int
flatten(struct imp *I, struct vent **vv, int *nv, int *cap,
    const struct pia_vnode *n, enum pia_kind k, int parent, int depth,
    int skip_in)
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
	e->num = vnum_key(pia_vnode_num(n, k));
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
		if (flatten(I, vv, nv, cap, c, k, me, depth + 1, skip_in) == -1)
			return -1;
		if (pia_vnode_is_self(c))
			(*vv)[me].self = ci;
	}
	(*vv)[me].end = *nv - 1;
	return 0;
}

static void
vents_free(struct vent *v, int n)
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
static int
enclosing_list(const struct imp *I, int i)
{
	for (; i >= 0; i = I->v[i].parent)
		if (I->v[i].type == PIA_V_LIST)
			return i;
	return -1;
}

static int
section_of(const struct imp *I, int i)
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
	int	 cd, bd, cur = I->cursor;
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

static char	*lnorm(const char *);

/* A label cell, read. */
struct label {
	int	 v;		/* vent, or -1 */
	long	 entry;		/* entry number for list headings, or -1 */
	int	 block;		/* block heading "システム6～10" */
	int	 exact;
	int	 bynum;		/* matched by its number, label close */
	const char *rest;	/* tick marks after the label (in the cell) */
};

/* Matches one cell against the labels of the form.  fuzzy allows edit
 * distance. */
static int
match_label(struct imp *I, const char *cell, int fuzzy, struct label *L)
{
	char		 num[64], *plain = NULL, *lab = NULL, *key = NULL, *p;
	char		*ln = NULL;
	const char	*rest, *q;
	size_t		 mlen, i, nk;
	unsigned int	*ucs = NULL;
	int		 j, best = -1, bestnum = -1, rc = 0;

	memset(L, 0, sizeof(*L));
	L->v = -1;
	L->entry = -1;
	/* Tick marks in the heading cell ("6. …の接続 [] 接続しない(入手)"). */
	for (q = cell; *q != '\0'; q++)
		if ((*q == '[' || *q == '<' || starts(q, "〔")) &&
		    imp_mark_at(q, &mlen) != MARK_NONE)
			break;
	if ((lab = strndup(cell, (size_t)(q - cell))) == NULL)
		return -1;
	L->rest = *q ? q : NULL;
	if ((plain = imp_plain(lab)) == NULL)
		goto out;
	if (*plain == '\0' || strlen(plain) > 400)
		goto out;
	/* ※ and what follows it ("※(7. ②を除く。)") is the mark. */
	if ((p = strstr(plain, "※")) != NULL)
		*p = '\0';
	/* Full-width digits and brackets, Unicode roman numerals: ASCII
	 * ("１．" "（別添１）" "Ⅲ"); circled numbers stay. */
	if ((ln = lnorm(plain)) == NULL)
		goto out;
	rest = parse_num(ln, num, sizeof(num));
	if ((key = imp_key(rest)) == NULL)
		goto out;
	/* Entry headings: "システム3", "委託事項4"; blocks "委託事項6～10". */
	if (num[0] == '\0') {
		for (j = 0; j < I->nv; j++) {
			const char *t;
			long	    n;

			if (I->v[j].type != PIA_V_LIST || I->v[j].key[0] == '\0'
			    || !starts(key, I->v[j].key))
				continue;
			t = key + strlen(I->v[j].key);
			if ((n = num_at(t, &t)) < 0)
				continue;
			if (*t == '\0') {
				L->v = j;
				L->entry = n;
				L->exact = 1;
				rc = 1;
				goto out;
			}
			if (*t == '~' && num_at(t + 1, &t) >= 0 && *t == '\0') {
				L->v = j;
				L->block = 1;
				rc = 1;
				goto out;
			}
		}
	}
	if (*key == '\0') {
		/* A bare number is a heading only if it names one. */
		if (num[0] == '\0')
			goto out;
	}
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
	if (bestnum >= 0 || best >= 0) {
		L->v = bestnum >= 0 ? bestnum : best;
		L->exact = 1;
		rc = 1;
		goto out;
	}
	if ((ucs = imp_ucs(key, &nk)) == NULL)
		goto out;
	/* A number and a close label ("リスク3: 入手した特定個人情報 that
	 * 不正確であるリスク"): up to 40% of the label may differ. */
	if (num[0] && nk > 0) {
		size_t bd = (size_t)-1;

		for (j = 0; j < I->nv; j++) {
			size_t d, cap;

			if (strcmp(I->v[j].num, num) != 0 ||
			    I->v[j].nucs == 0)
				continue;
			cap = I->v[j].nucs * 2 / 5;
			d = imp_distance(ucs, nk, I->v[j].ucs, I->v[j].nucs,
			    cap);
			if (d > cap)
				continue;
			if (d < bd || (d == bd && better(I, j, best))) {
				bd = d;
				best = j;
			}
		}
		if (best >= 0) {
			L->v = best;
			L->bynum = 1;
			rc = 1;
			goto out;
		}
	}
	/* A close label ("従業員に対する教育・啓発"): 1 edit in 6. */
	if (fuzzy && nk >= 4 && nk <= 80) {
		size_t bd = (size_t)-1;

		for (j = 0; j < I->nv; j++) {
			size_t d, cap = I->v[j].nucs / 6;

			if (I->v[j].type == PIA_V_FORM ||
			    I->v[j].type == PIA_V_LIST || cap == 0)
				continue;
			d = imp_distance(ucs, nk, I->v[j].ucs, I->v[j].nucs,
			    cap);
			if (d > cap)
				continue;
			if (d < bd || (d == bd && better(I, j, best))) {
				bd = d;
				best = j;
			}
		}
		if (best >= 0) {
			L->v = best;
			rc = 1;
			goto out;
		}
	}
	/* A heading of another form: reported by the caller. */
	for (i = 0; i < (size_t)I->nov; i++)
		if (I->ov[i].type != PIA_V_FORM && I->ov[i].type != PIA_V_LIST &&
		    *key != '\0' && strcmp(I->ov[i].key, key) == 0) {
			rc = 2;
			break;
		}
out:
	free(ucs);
	free(key);
	free(ln);
	free(plain);
	free(lab);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Building the document                                                */
/* ------------------------------------------------------------------ */

#define ORD(v, n)	((intptr_t)((v) + 1) * 100000 + (n))

static intptr_t
ord_of(const xmlNode *e)
{
	return (intptr_t)e->_private;
}

/* Inserts child under parent in vocabulary order. */
static void
insert_ordered(xmlNode *parent, xmlNode *child, intptr_t ord)
{
	xmlNode	*c;

	child->_private = (void *)ord;
	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) > ord) {
			xmlAddPrevSibling(c, child);
			return;
		}
	xmlAddChild(parent, child);
}

static xmlNode *
child_el(struct imp *I, xmlNode *parent, int vi, int create)
{
	xmlNode	*c;

	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) == ORD(vi, 0))
			return c;
	if (!create)
		return NULL;
	if ((c = xmlNewNode(I->ns, (const xmlChar *)I->v[vi].el)) == NULL) {
		I->oom = 1;
		return NULL;
	}
	insert_ordered(parent, c, ORD(vi, 0));
	return c;
}

static xmlNode	*el_for(struct imp *, int, int);

/* The entry number n of list vent li in the current context; created
 * when asked.  Becomes the current entry of the list. */
static xmlNode *
entry_get(struct imp *I, int li, long n, int create)
{
	xmlNode		*parent, *c;
	char		 id[96];
	const char	*en = pia_vnode_entry(I->v[li].vn);
	int		 j;

	if (n < 1 || n > 9999)
		return NULL;
	if ((parent = el_for(I, I->v[li].parent, create)) == NULL)
		return NULL;
	if (I->v[li].el != NULL && (parent = child_el(I, parent, li,
	    create)) == NULL)
		return NULL;
	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) == ORD(li, n))
			break;
	if (c == NULL) {
		if (!create)
			return NULL;
		if (li != I->files && I->file_no > 1 &&
		    enclosing_list(I, I->v[li].parent) == I->files)
			snprintf(id, sizeof(id), "f%d-%s-%ld", I->file_no, en,
			    n);
		else
			snprintf(id, sizeof(id), "%s-%ld", en, n);
		if ((c = xmlNewNode(I->ns, (const xmlChar *)en)) == NULL ||
		    xmlNewProp(c, (const xmlChar *)"id",
		    (const xmlChar *)id) == NULL) {
			xmlFreeNode(c);
			I->oom = 1;
			return NULL;
		}
		insert_ordered(parent, c, ORD(li, n));
		c->line = I->curline > 65535 ? 65535 : (unsigned short)I->curline;
	}
	I->entry[li] = c;
	/* Lists inside this entry start over. */
	for (j = li + 1; j <= I->v[li].end; j++)
		if (I->v[j].type == PIA_V_LIST)
			I->entry[j] = NULL;
	return c;
}

/* Highest entry number of list li under its parent element. */
static long
entry_max(const xmlNode *parent, int li)
{
	const xmlNode	*c;
	long		 m = 0;

	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) > ORD(li, 0) &&
		    ord_of(c) < ORD(li + 1, 0) && ord_of(c) - ORD(li, 0) > m)
			m = (long)(ord_of(c) - ORD(li, 0));
	return m;
}

/* The element of vent vi in the current context (current file, current
 * entries), created with its ancestors when asked. */
static xmlNode *
el_for(struct imp *I, int vi, int create)
{
	int	 chain[PIA_MAX_DEPTH], n = 0, a;
	xmlNode	*cur = I->root;

	for (a = vi; a > 0 && n < PIA_MAX_DEPTH; a = I->v[a].parent)
		chain[n++] = a;
	while (n-- > 0) {
		a = chain[n];
		if (I->v[a].type == PIA_V_LIST) {
			xmlNode *e = I->entry[a];

			if (e == NULL) {
				xmlNode *w = cur;
				long	 m;

				if (I->v[a].el != NULL && (w = child_el(I, cur,
				    a, create)) == NULL)
					return NULL;
				m = entry_max(w, a);
				if (m == 0 && !create)
					return NULL;
				if ((e = entry_get(I, a, m ? m : 1, create)) ==
				    NULL)
					return NULL;
			}
			cur = e;
		} else if (I->v[a].el != NULL) {
			if ((cur = child_el(I, cur, a, create)) == NULL)
				return NULL;
		}
	}
	return cur;
}

/* Whether e holds any text or check. */
static int
has_content(const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL &&
		    *skip_blank((const char *)c->content) != '\0')
			return 1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "check") == 0) {
			/* Ticked or unknown: both say something. */
			xmlChar *t = xmlGetProp(c, (const xmlChar *)"ticked");
			int	 on = t == NULL || strcmp((char *)t, "false") != 0;

			xmlFree(t);
			if (on || has_content(c))
				return 1;
		} else if (has_content(c))
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Values                                                               */
/* ------------------------------------------------------------------ */

/* The key of option i of ol, computed once per import. */
static const char *
okey(struct imp *I, const struct pia_optlist *ol, size_t i)
{
	size_t	 j, k;

	for (j = 0; j < I->nokeys; j++)
		if (I->okeys[j].ol == ol)
			return i < I->okeys[j].n ? I->okeys[j].key[i] : "";
	if ((I->okeys = grow(I->okeys, &I->cokeys, I->nokeys,
	    sizeof(*I->okeys))) == NULL) {
		I->oom = 1;
		I->nokeys = I->cokeys = 0;
		return "";
	}
	j = I->nokeys;
	I->okeys[j].ol = ol;
	I->okeys[j].n = pia_optlist_count(ol);
	if ((I->okeys[j].key = calloc(I->okeys[j].n + 1, sizeof(char *))) ==
	    NULL) {
		I->oom = 1;
		return "";
	}
	for (k = 0; k < I->okeys[j].n; k++)
		if ((I->okeys[j].key[k] = imp_key(pia_optlist_text(ol, k))) ==
		    NULL)
			I->oom = 1;
	I->nokeys++;
	return i < I->okeys[j].n && I->okeys[j].key[i] ? I->okeys[j].key[i] :
	    "";
}

/* Index of the option whose text the plain text s is (NFKC, blanks
 * ignored; a leading "N) " is dropped), or -1. */
static int
option_index(const struct pia_optlist *ol, const char *s)
{
	const char	*p = skip_blank(s), *q;
	size_t		 i;

	if (isdigit((unsigned char)*p) && num_at(p, &q) >= 0 && *q == ')')
		p = skip_blank(q + 1);
	for (i = 0; i < pia_optlist_count(ol); i++)
		if (pia_text_equiv(p, pia_optlist_text(ol, i)))
			return (int)i;
	return -1;
}

/* The nearest option by edit distance on keys. */
static int
option_nearest(struct imp *I, const struct pia_optlist *ol, const char *s,
    size_t *dist)
{
	char		*k = imp_key(s);
	unsigned int	*a = NULL;
	size_t		 na, i, best = (size_t)-1;
	int		 bi = -1;

	if (k == NULL || (a = imp_ucs(k, &na)) == NULL)
		goto out;
	for (i = 0; i < pia_optlist_count(ol); i++) {
		unsigned int	*b;
		size_t		 nb, d;

		if ((b = imp_ucs(okey(I, ol, i), &nb)) == NULL)
			continue;
		d = imp_distance(a, na, b, nb, 1000);
		if (d < best) {
			best = d;
			bi = (int)i;
		}
		free(b);
	}
out:
	*dist = best;
	free(a);
	free(k);
	return bi;
}

/* One tick mark and the text after it. */
struct tok {
	enum imp_mark	 mark;
	char		*text;		/* plain text up to the next mark */
};

static size_t
tokenize(const char *s, struct tok *t, size_t max, char **prefix)
{
	const char	*p = s, *start = s;
	size_t		 n = 0, len;
	enum imp_mark	 m, cur = MARK_NONE;

	*prefix = NULL;
	for (;;) {
		m = MARK_NONE;
		if (*p == '\0' || ((*p == '[' || *p == '<' || starts(p, "〔") ||
		    starts(p, "［")) && (m = imp_mark_at(p, &len)) !=
		    MARK_NONE)) {
			char *seg = strndup(start, (size_t)(p - start));
			char *pl = seg ? imp_plain(seg) : NULL;

			free(seg);
			if (cur == MARK_NONE && n == 0)
				*prefix = pl;
			else if (n < max) {
				t[n].mark = cur;
				t[n].text = pl;
				n++;
			} else
				free(pl);
			if (*p == '\0')
				break;
			cur = m;
			p += len;
			start = p;
		} else
			p++;
	}
	return n;
}

static void
toks_free(struct tok *t, size_t n)
{
	while (n-- > 0)
		free(t[n].text);
}

/* Cuts s at "<選択肢>" (or "＜選択肢＞"); returns the part after it. */
static char *
cut_options(char *s)
{
	char	*a = strstr(s, "<選択肢>"), *b = strstr(s, "＜選択肢＞");
	char	*c = a && (!b || a < b) ? a : b;

	if (c == NULL) {
		/* "&lt;選択肢&gt;" */
		if ((c = strstr(s, "&lt;選択肢&gt;")) == NULL)
			return NULL;
		*c = '\0';
		return c + strlen("&lt;選択肢&gt;");
	}
	*c = '\0';
	return c + (c == a ? strlen("<選択肢>") : strlen("＜選択肢＞"));
}

/* A declared count "(3) 件", "() 件", "5件" in s: the number, 0 for "()",
 * -1 when there is none. */
static long
declared_count(const char *s)
{
	const char	*k, *p;
	long		 n;

	if ((k = strstr(s, "件")) == NULL)
		return -1;
	p = k;
	while (p > s && (p[-1] == ' '))
		p--;
	if (p > s && (p[-1] == ')' || (p - s >= 3 && starts(p - 3, "）")))) {
		p -= p[-1] == ')' ? 1 : 3;
		while (p > s && (p[-1] == ' '))
			p--;
		while (p > s && isdigit((unsigned char)p[-1]))
			p--;
		n = num_at(p, NULL);
		return n < 0 ? 0 : n;
	}
	while (p > s && isdigit((unsigned char)p[-1]))
		p--;
	n = num_at(p, NULL);
	return n;
}

static void
add_count(struct imp *I, int list, long n, long line)
{
	xmlNode	*parent;

	if (list < 0 || n < 0)
		return;
	if ((parent = el_for(I, I->v[list].parent, 1)) == NULL)
		return;
	if (I->v[list].el != NULL && (parent = child_el(I, parent, list, 1)) ==
	    NULL)
		return;
	if ((I->counts = grow(I->counts, &I->ccounts, I->ncounts,
	    sizeof(*I->counts))) == NULL) {
		I->oom = 1;
		return;
	}
	I->counts[I->ncounts].list = list;
	I->counts[I->ncounts].parent = parent;
	I->counts[I->ncounts].declared = n;
	I->counts[I->ncounts].line = line;
	I->ncounts++;
}

/* The k-th list (0-based) among the children of group g. */
static int
nth_list(const struct imp *I, int g, int k)
{
	int	 j;

	for (j = g + 1; j <= I->v[g].end; j++)
		if (I->v[j].parent == g && I->v[j].type == PIA_V_LIST &&
		    k-- == 0)
			return j;
	return -1;
}

static void
add_blank(struct imp *I, xmlNode *el, int v, long line)
{
	if ((I->blanks = grow(I->blanks, &I->cblanks, I->nblanks,
	    sizeof(*I->blanks))) == NULL) {
		I->oom = 1;
		return;
	}
	I->blanks[I->nblanks].el = el;
	I->blanks[I->nblanks].v = v;
	I->blanks[I->nblanks].line = line;
	I->nblanks++;
}

static char *
field_title(struct imp *I, int v)
{
	char *t = pia_vnode_title(I->v[v].vn, I->kind, "ja");

	return t ? t : strdup("");
}

/* Stores a choice: the option text, or nothing with a finding. */
static void
set_choice(struct imp *I, int v, const char *val, long line,
    const char *raw)
{
	const struct pia_optlist *ol = I->v[v].opts;
	xmlNode		*el;
	int		 oi;
	size_t		 dist;
	char		*t, *pv;

	if ((el = el_for(I, v, 1)) == NULL)
		return;
	if (val == NULL || *skip_blank(val) == '\0') {
		add_blank(I, el, v, line);
		return;
	}
	if (ol == NULL) {
		xmlNodeAddContent(el, (const xmlChar *)val);
		return;
	}
	if ((oi = option_index(ol, val)) >= 0) {
		xmlChar *old = xmlNodeGetContent(el);

		if (old != NULL && *old != '\0' && strcmp((char *)old,
		    pia_optlist_text(ol, (size_t)oi)) != 0) {
			/* Two different answers: keep the first. */
			t = field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_CONFLICT_CHOICE, t,
			    (char *)old, pia_optlist_text(ol, (size_t)oi));
			free(t);
			unplace(I, line, raw, 0);
		} else
			xmlNodeSetContent(el, (const xmlChar *)
			    pia_optlist_text(ol, (size_t)oi));
		xmlFree(old);
		return;
	}
	oi = option_nearest(I, ol, val, &dist);
	t = field_title(I, v);
	pv = imp_plain(val);
	imp_find(I, line, PIA_M_IMPORT_OPTION, t, pv ? pv : val,
	    oi >= 0 ? pia_optlist_text(ol, (size_t)oi) : "");
	free(pv);
	free(t);
	unplace(I, line, raw, 0);
}

static int	option_prefix(struct imp *, const struct pia_optlist *,
		    const char *, const char **);
static int	only_options(struct imp *, const struct pia_optlist *,
		    const char *);

/* The option list printed after <選択肢>: "1) A 2) B 3) C".  Options
 * that are not the form's are reported with the nearest one; text after
 * the last option (another cell run into this one) is kept. */
static void
check_printed(struct imp *I, int v, const char *after, long line)
{
	const struct pia_optlist *ol = I->v[v].opts;
	char		*s, *p, *items[40];
	size_t		 n = 0, i, j, seen[64] = { 0 };
	int		 dup = 0;

	if (ol == NULL || (s = imp_plain(after)) == NULL)
		return;
	/* Split at "N)" preceded by the start or a blank. */
	for (p = s; *p != '\0'; p++) {
		const char *q;

		if ((p == s || p[-1] == ' ') && isdigit((unsigned char)*p) &&
		    num_at(p, &q) >= 0 && q - p <= 2 && *q == ')') {
			if (p > s)
				p[-1] = '\0';
			if (n < 40)
				items[n++] = (char *)skip_blank(q + 1);
			p = (char *)q;
		}
	}
	if (n == 0 && *skip_blank(s) != '\0' && declared_count(s) < 0 &&
	    strspn(skip_blank(s), "()（）件 ") != strlen(skip_blank(s)))
		unplace(I, line, s, 1);
	for (i = 0; i < n; i++) {
		const char	*rest;
		char		*r, *ti;
		int		 oi = option_prefix(I, ol, items[i], &rest);
		size_t		 dist;

		if (oi < 0) {
			int near = option_nearest(I, ol, items[i], &dist);

			ti = field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_OPTLIST, ti, items[i],
			    near >= 0 ? pia_optlist_text(ol, (size_t)near) :
			    "");
			free(ti);
			continue;
		}
		if ((size_t)oi < 64 && seen[oi]++)
			dup = 1;
		if ((r = strdup(rest)) == NULL)
			break;
		/* "(1) 件" after the last option is the count. */
		if (declared_count(r) >= 0 && (p = strstr(r, "件")) != NULL) {
			char *a = strrchr(r, '(');

			if (a == NULL)
				a = strstr(r, "（");
			if (a != NULL && a < p)
				memmove(a, p + strlen("件"),
				    strlen(p + strlen("件")) + 1);
		}
		trim(r);
		memmove(r, trim(r), strlen(trim(r)) + 1);
		if (*r != '\0' && !only_options(I, ol, r)) {
			ti = field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_UNPLACED_AFTER_OPTIONS,
			    ti, r);
			free(ti);
			unplace(I, line, r, 0);
		}
		free(r);
	}
	for (j = 0; dup && j < pia_optlist_count(ol) && j < 64; j++)
		if (seen[j] == 0)
			break;
	/* A list printed twice repeats every option: only a repeat that
	 * stands in for a missing option is a defect. */
	if (dup && j < pia_optlist_count(ol)) {
		char *ti = field_title(I, v);

		imp_find(I, line, PIA_M_IMPORT_OPTLIST_REPEAT, ti,
		    pia_optlist_text(ol, j));
		free(ti);
	}
	free(s);
}

/* Reads a choice cell: "[value] <選択肢> 1) …", "<input/> value <small>
 * <選択肢>…", checkbox renderings, bare text. */
static void
read_choice(struct imp *I, int v, const char *val, long line)
{
	char		*s, *after, *prefix = NULL, *plain = NULL, *sel = NULL;
	struct tok	 t[32];
	size_t		 n, i;
	int		 ticked = 0, unknown = 0;
	long		 cnt;

	if ((s = strdup(val)) == NULL) {
		I->oom = 1;
		return;
	}
	after = cut_options(s);
	/* A count after the options belongs to the group's first list. */
	if (after != NULL && (cnt = declared_count(after)) >= 0)
		add_count(I, nth_list(I, I->v[v].parent, 0), cnt, line);
	else if (after == NULL && (cnt = declared_count(s)) >= 0 &&
	    strstr(s, ")") != NULL)
		add_count(I, nth_list(I, I->v[v].parent, 0), cnt, line);
	if (after != NULL)
		check_printed(I, v, after, line);
	n = tokenize(s, t, 32, &prefix);
	if (n >= 2) {
		/* The choice printed as boxes: the ticked one. */
		for (i = 0; i < n; i++) {
			if (t[i].mark == MARK_TICK) {
				ticked++;
				sel = t[i].text;
			} else if (t[i].mark == MARK_BOX_INPUT)
				unknown++;
		}
		if (ticked > 1) {
			char *ti = field_title(I, v);

			imp_find(I, line, PIA_M_IMPORT_CHOICE, ti);
			free(ti);
			unplace(I, line, val, 0);
			sel = NULL;
		}
		set_choice(I, v, ticked == 1 ? sel : NULL, line, val);
		goto out;
	}
	if (n == 1 && t[0].mark != MARK_EMPTY && t[0].text && *t[0].text) {
		/* "<input type="checkbox"/> 10人未満": the glyph is noise,
		 * the text the selection (the notation of 委託事項4, 5, 7). */
		set_choice(I, v, t[0].text, line, val);
		goto out;
	}
	if ((plain = imp_plain(s)) == NULL)
		goto out;
	{
		char *a = strchr(plain, '['), *b;

		if (a == NULL && (a = strstr(plain, "［")) != NULL)
			a += 2;
		if (a != NULL && (b = strchr(a, ']')) == NULL)
			b = strstr(a, "］");
		if (a != NULL && b != NULL) {
			*b = '\0';
			set_choice(I, v, a + 1, line, val);
		} else
			set_choice(I, v, plain, line, val);
	}
out:
	toks_free(t, n);
	free(prefix);
	free(plain);
	free(s);
}

/* Applies the per-document rule to a box's mark.  Bare inputs without
 * checked="" are unticked when the document marks ticks with checked="";
 * "[<input/>]" is ticked when its list also prints "[]" for unticked
 * boxes and uses no checked=""; otherwise the state is unknown. */
static const char *
tick_state(struct imp *I, enum imp_mark m, int list_checked, int list_empty)
{
	switch (m) {
	case MARK_TICK:
		return "true";
	case MARK_EMPTY:
		return "false";
	case MARK_BARE_INPUT:
		if (list_checked || I->uses_checked)
			return "false";
		return "unknown";
	case MARK_BOX_INPUT:
		if (list_checked)
			return "false";
		if (list_empty)
			return "true";
		return "unknown";
	default:
		return "unknown";
	}
}

/* Strips the parentheses of a slot text: "( 区政推進部 )" -> "区政推進部". */
static char *
slot_text(const char *s)
{
	const char	*a = skip_blank(s), *b;
	char		*r;

	if (*a == '(')
		a++;
	else if (starts(a, "（"))
		a += 3;
	a = skip_blank(a);
	b = a + strlen(a);
	while (b > a && (b[-1] == ' '))
		b--;
	if (b > a && b[-1] == ')')
		b--;
	else if (b - a >= 3 && memcmp(b - 3, "）", 3) == 0)
		b -= 3;
	if ((r = strndup(a, (size_t)(b - a))) != NULL)
		trim(r);
	return r;
}

/* Longest option whose key starts the key of text; sets *rest to the
 * plain text after it.  The cut in the plain text is searched near the
 * option's length in code points (NFKC rarely changes it). */
static int
option_prefix(struct imp *I, const struct pia_optlist *ol, const char *text,
    const char **rest)
{
	char		*k = imp_key(text);
	const char	*opt, *p;
	size_t		 i, bl = 0, want, cps, tries;
	int		 bi = -1;

	*rest = text + strlen(text);
	if (k == NULL)
		return -1;
	for (i = 0; i < pia_optlist_count(ol); i++) {
		const char *ok = okey(I, ol, i);
		size_t	    l = strlen(ok);

		if (l > bl && strncmp(k, ok, l) == 0) {
			bl = l;
			bi = (int)i;
		}
	}
	if (bi < 0 || strcmp(k, okey(I, ol, (size_t)bi)) == 0) {
		free(k);
		return bi;
	}
	free(k);
	opt = okey(I, ol, (size_t)bi);
	/* Code points of the option key. */
	for (want = 0, p = opt; *p != '\0'; p++)
		want += ((unsigned char)*p & 0xc0) != 0x80;
	/* Walk to that many non-blank code points, then try a few cuts. */
	for (cps = 0, p = text; *p != '\0' && cps < want; ) {
		if (*p != ' ')
			cps++;
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
	}
	for (tries = 0; tries < 8; tries++) {
		char	*head = strndup(text, (size_t)(p - text));
		char	*hk = head ? imp_key(head) : NULL;
		int	 eq = hk && strcmp(hk, opt) == 0;

		free(hk);
		free(head);
		if (eq) {
			*rest = p;
			return bi;
		}
		if (*p == '\0')
			break;
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
	}
	*rest = text + strlen(text);
	return bi;
}

/* Drops group headings of the list ("・連絡先等情報") from s, in place. */
static void
drop_groups(const struct pia_optlist *ol, char *s)
{
	size_t	 i;
	char	*p;

	for (i = 0; i < pia_optlist_count(ol); i++) {
		const char *g = pia_optlist_group(ol, i);

		if (g == NULL)
			continue;
		while ((p = strstr(s, g)) != NULL) {
			char *a = p, *b = p + strlen(g);

			if (a - s >= 3 && memcmp(a - 3, "・", 3) == 0)
				a -= 3;
			memmove(a, b, strlen(b) + 1);
		}
	}
	trim(s);
	memmove(s, trim(s), strlen(trim(s)) + 1);
}

/* Reads a checkbox list into <check> elements; merges with checks read
 * before for the same field (a list printed twice). */
static void
read_checks(struct imp *I, int v, const char *val, long line)
{
	const struct pia_optlist *ol = I->v[v].opts;
	struct tok	 t[64];
	char		*prefix = NULL, *junk = NULL;
	size_t		 n, i;
	int		 list_checked = 0, list_empty = 0, unknown = 0, counted = 0;
	xmlNode		*el;

	if (ol == NULL || (el = el_for(I, v, 1)) == NULL)
		return;
	n = tokenize(val, t, 64, &prefix);
	for (i = 0; i < n; i++) {
		if (t[i].mark == MARK_TICK)
			list_checked |= strstr(val, "checked") != NULL;
		if (t[i].mark == MARK_EMPTY)
			list_empty = 1;
	}
	if (prefix != NULL) {
		drop_groups(ol, prefix);
		if (*prefix != '\0' && strspn(prefix, "・-") != strlen(prefix))
			junk = strdup(prefix);
	}
	for (i = 0; i < n; i++) {
		const char	*rest, *state;
		char		*slot = NULL, *r = NULL;
		int		 oi;
		long		 cnt;
		xmlNode		*c;

		if (t[i].text == NULL)
			continue;
		oi = option_prefix(I, ol, t[i].text, &rest);
		if (oi < 0) {
			if (*t[i].text != '\0') {
				char *ti = field_title(I, v);

				imp_find(I, line, PIA_M_IMPORT_CHECK_OPTION, ti,
				    t[i].text);
				free(ti);
				unplace(I, line, t[i].text, 0);
			}
			continue;
		}
		if ((r = strdup(rest)) == NULL)
			break;
		drop_groups(ol, r);
		if ((cnt = declared_count(r)) >= 0 && strstr(r, "件")) {
			add_count(I, nth_list(I, I->v[v].parent, counted), cnt,
			    line);
			counted++;
			*strstr(r, "件") = '\0';
			{
				char *pp = strrchr(r, '(');

				if (pp == NULL)
					pp = strstr(r, "（");
				if (pp != NULL)
					*pp = '\0';
				else
					r[0] = '\0';
			}
			trim(r);
		}
		if (pia_optlist_slot(ol, (size_t)oi))
			slot = slot_text(r);
		else if (*skip_blank(r) != '\0') {
			/* Text after an option without slot. */
			char *ti = field_title(I, v);

			imp_find(I, line, PIA_M_IMPORT_UNPLACED_AFTER_OPTION,
			    ti, pia_optlist_text(ol, (size_t)oi),
			    r);
			free(ti);
			unplace(I, line, r, 0);
		}
		state = tick_state(I, t[i].mark, list_checked, list_empty);
		if (strcmp(state, "unknown") == 0)
			unknown++;
		if (strcmp(state, "false") == 0 && slot && *slot) {
			char *ti = field_title(I, v);

			imp_find(I, line, PIA_M_IMPORT_SLOT, ti,
			    pia_optlist_text(ol, (size_t)oi), slot);
			free(ti);
		}
		/* Merge with a check already there. */
		for (c = el->children; c != NULL; c = c->next) {
			xmlChar *o = xmlGetProp(c, (const xmlChar *)"option");
			int	 same = o && strcmp((char *)o,
				    pia_optlist_text(ol, (size_t)oi)) == 0;

			xmlFree(o);
			if (same)
				break;
		}
		if (c == NULL && (strcmp(state, "false") != 0 ||
		    (slot && *slot))) {
			c = xmlNewChild(el, I->ns, (const xmlChar *)"check",
			    NULL);
			if (c == NULL ||
			    xmlNewProp(c, (const xmlChar *)"option",
			    (const xmlChar *)pia_optlist_text(ol, (size_t)oi))
			    == NULL || xmlNewProp(c, (const xmlChar *)"ticked",
			    (const xmlChar *)state) == NULL)
				I->oom = 1;
			else if (slot && *slot)
				xmlNodeAddContent(c, (const xmlChar *)slot);
		} else if (c != NULL) {
			if (strcmp(state, "true") == 0)
				xmlSetProp(c, (const xmlChar *)"ticked",
				    (const xmlChar *)"true");
			if (slot && *slot && c->children == NULL)
				xmlNodeAddContent(c, (const xmlChar *)slot);
		}
		free(slot);
		free(r);
	}
	if (unknown) {
		char *ti = field_title(I, v);

		imp_find(I, line, PIA_M_IMPORT_TICK_UNKNOWN, ti);
		free(ti);
	} else if (!list_checked && list_empty) {
		for (i = 0; i < n; i++)
			if (t[i].mark == MARK_BOX_INPUT)
				break;
		if (i < n) {
			char *ti = field_title(I, v);

			imp_find(I, line, PIA_M_IMPORT_TICK_RULE, ti);
			free(ti);
		}
	}
	if (junk != NULL) {
		unplace(I, line, junk, 1);
		free(junk);
	}
	toks_free(t, n);
	free(prefix);
}

/* A flag heading cell: "[] 委託しない", "[O] 接続しない(提供)". */
static int
read_flags(struct imp *I, int g, const char *val, long line)
{
	struct tok	 t[16];
	char		*prefix = NULL;
	size_t		 n, i;
	int		 j, done = 0;

	n = tokenize(val, t, 16, &prefix);
	for (i = 0; i < n; i++) {
		char	*k = t[i].text ? imp_key(t[i].text) : NULL;
		int	 found = 0;

		for (j = g + 1; k && j <= I->v[g].end; j++) {
			const char *st;
			xmlNode	   *el;

			if (I->v[j].parent != g || I->v[j].ftype != PIA_F_FLAG ||
			    strcmp(I->v[j].key, k) != 0)
				continue;
			st = tick_state(I, t[i].mark, 0, 1);
			found = 1;
			if (strcmp(st, "unknown") == 0) {
				imp_find(I, line, PIA_M_IMPORT_TICK_FLAG,
				    t[i].text);
				break;
			}
			if ((el = el_for(I, j, 1)) != NULL) {
				xmlChar *o = xmlNodeGetContent(el);

				if (o != NULL && *o != '\0' &&
				    strcmp((char *)o, st) != 0)
					imp_find(I, line,
					    PIA_M_IMPORT_CONFLICT_FLAG,
					    t[i].text);
				else
					xmlNodeSetContent(el,
					    (const xmlChar *)st);
				xmlFree(o);
			}
			done++;
		}
		if (!found && t[i].text && *t[i].text)
			unplace(I, line, t[i].text, 1);
		free(k);
	}
	if (prefix && *prefix)
		unplace(I, line, prefix, 1);
	toks_free(t, n);
	free(prefix);
	return done;
}

/* 和暦 date with 頃 / (予定); writes the element; 0 or -1 (not a date). */
static int
set_date(struct imp *I, xmlNode *el, const char *val, long line, int report)
{
	char		*s = imp_plain(val), *p, iso[11];
	const char	*qual = NULL;
	enum pia_date_err e;

	if (s == NULL)
		return -1;
	if ((p = strstr(s, "(予定)")) != NULL || (p = strstr(s, "（予定）")) !=
	    NULL) {
		qual = "予定";
		*p = '\0';
	}
	if ((p = strstr(s, "頃")) != NULL) {
		qual = "頃";
		*p = '\0';
	}
	if ((p = strstr(s, "付け")) != NULL && p[strlen("付け")] == '\0')
		*p = '\0';
	trim(s);
	e = pia_wareki_parse(s, iso);
	if (e != PIA_DATE_OK) {
		if (report)
			imp_find(I, line, PIA_M_IMPORT_DATE, s,
			    pia_date_strerror(e, "ja"));
		free(s);
		return -1;
	}
	xmlNodeSetContent(el, (const xmlChar *)iso);
	if (qual != NULL)
		xmlSetProp(el, (const xmlChar *)"qualifier",
		    (const xmlChar *)qual);
	free(s);
	return 0;
}

/* Splits a period "A から B まで", "A～B" into <from>/<to> of el;
 * returns -1 when a date cannot be read. */
static int
period_into(struct imp *I, xmlNode *el, const char *val, long line,
    int report)
{
	char		*s = imp_plain(val), *a, *b = NULL, *p;
	static const char *const seps[] = { "から", "～", "〜", "~", "－",
	    NULL };
	xmlNode		*f, *t;
	size_t		 i;
	int		 bad = 0;

	if (s == NULL)
		return -1;
	for (i = 0; seps[i] != NULL; i++)
		if ((p = strstr(s, seps[i])) != NULL) {
			*p = '\0';
			b = p + strlen(seps[i]);
			break;
		}
	a = trim(s);
	if (b != NULL) {
		if ((p = strstr(b, "まで")) != NULL)
			*p = '\0';
		b = trim(b);
	}
	if (*a != '\0') {
		f = xmlNewChild(el, I->ns, (const xmlChar *)"from", NULL);
		if (f == NULL || set_date(I, f, a, line, report) == -1)
			bad = 1;
	}
	if (b != NULL && *b != '\0') {
		t = xmlNewChild(el, I->ns, (const xmlChar *)"to", NULL);
		if (t == NULL || set_date(I, t, b, line, report) == -1)
			bad = 1;
	}
	free(s);
	return bad ? -1 : 0;
}

static void
read_period(struct imp *I, int v, const char *val, long line)
{
	xmlNode	*el;

	if ((el = el_for(I, v, 1)) != NULL &&
	    period_into(I, el, val, line, 1) == -1)
		unplace(I, line, val, 0);
}

/* Record items: "<宛名>" or "(1) 識別情報" open a category, "① 受給者情報"
 * a subcategory; "- ・A・B・C" and "・A、B、C" are items. */
static void
read_items(struct imp *I, int v, const char *val)
{
	char		*s = imp_plain(val), *p, *q;
	xmlNode		*el, *at;
	int		 level;

	if (s == NULL || (el = el_for(I, v, 1)) == NULL) {
		free(s);
		return;
	}
	p = s;
	if (starts(p, "- "))
		p += 2;
	p = (char *)skip_blank(p);
	if (!starts(p, "・") && strlen(p) < 80 && !strstr(p, "、")) {
		/* A category heading. */
		level = 0;
		if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] ==
		    0x91 && I->cat[0] != NULL)
			level = 1;
		if (*p == '<' || starts(p, "＜") || starts(p, "【")) {
			q = p + (*p == '<' ? 1 : 3);
			p = q;
			if ((q = strstr(p, ">")) || (q = strstr(p, "＞")) ||
			    (q = strstr(p, "】")))
				*q = '\0';
		}
		at = level ? I->cat[0] : el;
		I->cat[level] = xmlNewChild(at, I->ns, (const xmlChar *)
		    "category", NULL);
		if (I->cat[level] == NULL || xmlNewProp(I->cat[level],
		    (const xmlChar *)"name", (const xmlChar *)trim(p)) == NULL)
			I->oom = 1;
		if (level == 0)
			I->cat[1] = NULL;
		free(s);
		return;
	}
	at = I->cat[1] ? I->cat[1] : I->cat[0] ? I->cat[0] : el;
	/* Items separated by "・"; by "、" too when a line lists many. */
	while (*p != '\0') {
		char	*e;
		size_t	 commas = 0;

		if (starts(p, "・"))
			p += 3;
		if ((e = strstr(p, "・")) == NULL)
			e = p + strlen(p);
		for (q = p; q < e && (q = strstr(q, "、")) && q < e; q += 3)
			commas++;
		while (p < e) {
			char *c = commas > 2 ? strstr(p, "、") : NULL;
			char *end = c && c < e ? c : e;
			char *item = strndup(p, (size_t)(end - p));

			if (item && *trim(item))
				xmlNewTextChild(at, I->ns, (const xmlChar *)
				    "item", (const xmlChar *)trim(item));
			free(item);
			p = end == e ? e : end + 3;
		}
	}
	free(s);
}

/* Adds text to a Text field (HTML converted); "- " lines make a list. */
static void
add_text_value(struct imp *I, xmlNode *el, const char *val)
{
	const char	*p = val;
	int		 depth = 0;

	while (*p == ' ')
		p++, depth++;
	if (starts(p, "- ") && strchr(p, '<') == NULL) {
		xmlNode *list = el->last, *li, *parent = el;

		p += 2;
		if (list == NULL || list->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)list->name, "ul") != 0) {
			if (el->children != NULL &&
			    el->children->type == XML_TEXT_NODE &&
			    el->children->next == NULL) {
				xmlNode *t = el->children, *pp;

				xmlUnlinkNode(t);
				pp = xmlNewChild(el, I->ns,
				    (const xmlChar *)"p", NULL);
				if (pp)
					xmlAddChild(pp, t);
			}
			list = xmlNewChild(el, I->ns, (const xmlChar *)"ul",
			    NULL);
		}
		if (list == NULL)
			return;
		/* One more blank of indent: a nested list in the last item. */
		if (depth > 0 && list->last != NULL) {
			parent = list->last;
			list = parent->last;
			if (list == NULL || list->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)list->name, "ul") != 0)
				list = xmlNewChild(parent, I->ns,
				    (const xmlChar *)"ul", NULL);
			if (list == NULL)
				return;
		}
		li = xmlNewTextChild(list, I->ns, (const xmlChar *)"li", NULL);
		if (li != NULL)
			imp_html_to_text(li, I->ns, p);
		return;
	}
	if (imp_html_to_text(el, I->ns, val) == -1)
		I->oom = 1;
}

static int
first_section(const struct imp *I)
{
	int	 j;

	for (j = 0; j < I->nv; j++)
		if (I->v[j].type == PIA_V_SECTION)
			return j;
	return -1;
}

/* A cover line that names another form ("…基礎項目評価書" in a 重点項目
 * 評価書) and not its own. */
static void
check_title(struct imp *I, const char *text, long line)
{
	const char	*own = pia_vocab_kind_name(I->vocab, I->kind);
	int		 k;

	if (own == NULL || strstr(text, own) != NULL)
		return;
	for (k = 0; k < PIA_KIND__MAX; k++) {
		const char *nm = pia_vocab_kind_name(I->vocab, k);

		if (k != (int)I->kind && nm != NULL && strstr(text, nm)) {
			imp_find(I, line, PIA_M_IMPORT_TITLE, text, nm, own);
			break;
		}
	}
}

/* Whether val reads to what el already holds (a date or a period). */
static int
same_date_value(struct imp *I, xmlNode *el, int v, const char *val)
{
	xmlNode		*tmp;
	xmlChar		*a, *b;
	struct pia_diags *keep = I->d;
	int		 same;

	if ((tmp = xmlNewNode(I->ns, el->name)) == NULL)
		return 0;
	I->d = NULL;		/* a trial: no findings */
	if (I->v[v].ftype == PIA_F_DATE) {
		if (set_date(I, tmp, val, 0, 0) == -1) {
			I->d = keep;
			xmlFreeNode(tmp);
			return 0;
		}
	} else
		period_into(I, tmp, val, 0, 0);
	I->d = keep;
	a = xmlNodeGetContent(el);
	b = xmlNodeGetContent(tmp);
	same = a != NULL && b != NULL && strcmp((char *)a, (char *)b) == 0;
	xmlFree(a);
	xmlFree(b);
	xmlFreeNode(tmp);
	return same;
}

/* Notes what the source printed for a derived item ("3. 特定個人情報
 * ファイル名" in I, "1." in III), checked when the document is done. */
static void
add_derived(struct imp *I, int v, const char *val, long line)
{
	char	*p = imp_plain(val);

	if (p == NULL || *p == '\0' || (I->der = grow(I->der, &I->cder,
	    I->nder, sizeof(*I->der))) == NULL) {
		free(p);
		if (I->der == NULL)
			I->oom = 1;
		return;
	}
	I->der[I->nder].v = v;
	I->der[I->nder].text = p;
	I->der[I->nder].line = line;
	I->der[I->nder].file = I->files >= 0 &&
	    enclosing_list(I, v) == I->files ? I->entry[I->files] : NULL;
	I->nder++;
}

/* Places the value cells of a row in field v. */
static void
place_value(struct imp *I, int v, const char *val, long line)
{
	xmlNode	*el;
	char	*plain;

	if (I->v[v].type == PIA_V_DERIVED) {
		add_derived(I, v, val, line);
		return;
	}
	switch (I->v[v].ftype) {
	case PIA_F_CHOICE:
		read_choice(I, v, val, line);
		break;
	case PIA_F_CHECKS:
		read_checks(I, v, val, line);
		break;
	case PIA_F_DATE:
	case PIA_F_PERIOD:
		if ((el = el_for(I, v, 0)) != NULL && has_content(el)) {
			/* Given twice: the same value is fine; else the first
			 * stays, the second is kept aside and said. */
			char *t, *pv;

			if (same_date_value(I, el, v, val))
				break;
			t = field_title(I, v);
			pv = imp_plain(val);

			imp_find(I, line, PIA_M_IMPORT_CONFLICT_DATE, t,
			    pv ? pv : "");
			free(pv);
			free(t);
			unplace(I, line, val, 0);
		} else if (I->v[v].ftype == PIA_F_PERIOD)
			read_period(I, v, val, line);
		else if ((el = el_for(I, v, 1)) != NULL &&
		    set_date(I, el, val, line, 1) == -1)
			unplace(I, line, val, 0);
		break;
	case PIA_F_FLAG:
		read_flags(I, I->v[v].parent, val, line);
		break;
	case PIA_F_ITEMS:
		read_items(I, v, val);
		break;
	case PIA_F_LINE:
		if ((el = el_for(I, v, 1)) != NULL &&
		    (plain = imp_plain(val)) != NULL) {
			if (section_of(I, v) == first_section(I))
				check_title(I, plain, line);
			if (el->children != NULL)
				xmlNodeAddContent(el, (const xmlChar *)" ");
			xmlNodeAddContent(el, (const xmlChar *)plain);
			free(plain);
		}
		break;
	case PIA_F_IMAGE:
		unplace(I, line, val, 1);
		break;
	default:
		if ((el = el_for(I, v, 1)) != NULL)
			add_text_value(I, el, val);
		break;
	}
	I->last_v = v;
}

/* ------------------------------------------------------------------ */
/* Lines                                                                */
/* ------------------------------------------------------------------ */

static void
mark_all(struct line *L, int from, int disp)
{
	int	 i;

	for (i = from; i < L->n; i++)
		if (L->disp[i] == C_NONE && *L->cell[i] != '\0')
			L->disp[i] = disp;
}

/* The value cells from index i joined with blanks. */
static char *
join_cells(struct line *L, int i)
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

/* Is the line another rendering of the last choice or checkbox list
 * (the option table printed again as loose cells)? */
static int
only_options(struct imp *I, const struct pia_optlist *ol, const char *text)
{
	char		*k, *p;
	size_t		 i;
	static const char *const noise[] = { "選択肢", "<", ">", "[", "]",
	    "(", ")", "〔", "〕", "○", "O", "・", NULL };

	if ((p = imp_plain(text)) == NULL)
		return 0;
	k = imp_key(p);
	free(p);
	if (k == NULL)
		return 0;
	for (i = 0; i < pia_optlist_count(ol); i++) {
		const char *o = okey(I, ol, i);

		while (*o && (p = strstr(k, o)) != NULL)
			memmove(p, p + strlen(o), strlen(p + strlen(o)) + 1);
	}
	for (i = 0; noise[i] != NULL; i++)
		while ((p = strstr(k, noise[i])) != NULL)
			memmove(p, p + strlen(noise[i]),
			    strlen(p + strlen(noise[i])) + 1);
	/* "1)" numbering left. */
	for (p = k; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			break;
	i = *p == '\0';
	free(k);
	return (int)i;
}

static int
is_duplicate(struct imp *I, const char *text)
{
	if (I->last_v < 0 || I->v[I->last_v].opts == NULL)
		return 0;
	return only_options(I, I->v[I->last_v].opts, text);
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

/* Light normalisation for paths: full-width ASCII to ASCII, Unicode
 * roman numerals to letters, blanks removed; circled numbers stay. */
static char *
lnorm(const char *s)
{
	static const char *const roman[] = { "I", "II", "III", "IV", "V",
	    "VI", "VII", "VIII", "IX", "X" };
	const unsigned char	*u = (const unsigned char *)s;
	char			*r = malloc(strlen(s) * 2 + 1), *w = r;
	unsigned int		 cp;
	size_t			 n;

	if (r == NULL)
		return NULL;
	while (*u != '\0') {
		if (*u == ' ' || *u == '\t') {
			u++;
			continue;
		}
		if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) {	/* U+3000 */
			u += 3;
			continue;
		}
		if ((u[0] & 0xf0) == 0xe0 && u[1] && u[2]) {
			cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 |
			    (u[2] & 0x3f);
			if (cp >= 0xff01 && cp <= 0xff5e) {
				*w++ = (char)(cp - 0xfee0);
				u += 3;
				continue;
			}
			if (cp >= 0x2160 && cp <= 0x2169) {
				n = strlen(roman[cp - 0x2160]);
				memcpy(w, roman[cp - 0x2160], n);
				w += n;
				u += 3;
				continue;
			}
		}
		*w++ = (char)*u++;
	}
	*w = '\0';
	return r;
}

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
	if (starts(p, "(別添") && isdigit((unsigned char)p[strlen("(別添")]) &&
	    p[strlen("(別添") + 1] == ')')
		return strlen("(別添") + 2;
	if (starts(p, "・") || starts(p, "、"))
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
		if (starts(q, "、") || starts(q, "。")) {
			if (strncmp(q, l, 3) == 0)
				l += 3;
			q += 3;
			continue;
		}
		if (starts(l, "、") || starts(l, "。")) {
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
	if ((P = lnorm(plain)) == NULL)
		goto out;
	for (w = plain; *w != '\0'; w++)
		if (*w == '\x1f')
			*w = ' ';
	if (I->plab == NULL) {
		/* Normalised labels and numbers, once. */
		if ((I->plab = calloc((size_t)I->nv, sizeof(char *))) ==
		    NULL || (I->pnum = calloc((size_t)I->nv,
		    sizeof(char *))) == NULL)
			goto out;
		for (j = 0; j < I->nv; j++) {
			const char *lb = pia_vnode_label(I->v[j].vn, I->kind);

			I->plab[j] = lnorm(lb);
			I->pnum[j] = lnorm(pia_vnode_num(I->v[j].vn, I->kind));
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
				const char *lb = I->plab[j], *q = p;
				size_t	    nl = 0, ln;

				if (lb == NULL || *lb == '\0')
					continue;
				if (I->pnum[j] && (nl = num_len(q, I->pnum[j])))
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
		char *t = any ? field_title(I, cur) : NULL, *rest = strdup(p);

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
	trim(s);
	memmove(s, trim(s), strlen(trim(s)) + 1);
	if ((a = strchr(s, '[')) != NULL && (b = strchr(a, ']')) != NULL) {
		*b = '\0';
		memmove(s, a + 1, strlen(a + 1) + 1);
	}
	/* Empty, "-", "—", a placeholder "(…)", a count "(4)件". */
	if (*s == '\0' || strcmp(s, "-") == 0 || strcmp(s, "—") == 0 ||
	    *s == '(' || starts(s, "（") || starts(s, "削除") ||
	    option_index(ol, s) >= 0 || declared_count(s) >= 0)
		goto out;
	{
		const char *rest;

		/* "委託する (6)件", "無料 (手数料額…)": an option, then
		 * its count or the text of the next cell. */
		if (option_prefix(I, ol, s, &rest) >= 0 && rest > s)
			goto out;
	}
	/* A long text where an option was expected: the 項目 probably
	 * left out the sub-item ("⑤物理的対策" for its 具体的な対策の内容).
	 * Said once per row. */
	if (strlen(s) > 120) {
		char *t;

		if (I->textline == line)
			goto out;
		I->textline = line;
		t = field_title(I, v);
		imp_find(I, line, PIA_M_IMPORT_CHANGE_TEXT, t);
		free(t);
		goto out;
	}
	near = option_nearest(I, ol, s, &dist);
	{
		char *t = field_title(I, v);

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
	if ((seg = strstr(s, "・")) == NULL || (strchr(seg, ':') == NULL &&
	    strstr(seg, "：") == NULL)) {
		if (I->v[r].ftype == PIA_F_CHOICE)
			check_change_choice(I, r, cell, line);
		else if (I->v[r].self >= 0 &&
		    I->v[I->v[r].self].ftype == PIA_F_CHOICE)
			check_change_choice(I, I->v[r].self, cell, line);
		free(s);
		return;
	}
	for (p = s; (seg = strstr(p, "・")) != NULL; p = next) {
		char	*part, *lk;
		size_t	 skip;

		seg += strlen("・");
		next = strstr(seg, "・");
		part = strndup(seg, next ? (size_t)(next - seg) : strlen(seg));
		if (part == NULL)
			break;
		skip = 0;
		if ((colon = strchr(part, ':')) != NULL)
			skip = 1;
		else if ((colon = strstr(part, "：")) != NULL)
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

/* The 変更箇所 table: header rows skipped, rows read by position. */
static void
table_row(struct imp *I, struct line *L)
{
	int	 f[8], nf = 0, j, k, resolved = -1;
	char	 iso[11], *d0;
	xmlNode	*e;

	for (j = I->change_list + 1; j <= I->v[I->change_list].end &&
	    nf < 8; j++)
		if (I->v[j].parent == I->change_list)
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
		mark_all(L, 0, C_LAYOUT);
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
	I->nchange++;
	I->st->changes++;
	if ((e = entry_get(I, I->change_list, I->nchange, 1)) == NULL)
		return;
	for (j = 0; j < nf; j++) {
		xmlNode *el;

		/* A blank cell (trailing ones were trimmed) is an empty
		 * element, so that every row has its six columns. */
		if (j >= L->n || *L->cell[j] == '\0') {
			if (j < L->n)
				L->disp[j] = C_PLACED;
			el = el_for(I, f[j], 1);
			if (I->v[f[j]].ftype == PIA_F_CHOICE)
				add_blank(I, el, f[j], L->no);
			continue;
		}
		L->disp[j] = C_PLACED;
		if (I->v[f[j]].ftype == PIA_F_DATE) {
			if ((el = el_for(I, f[j], 1)) != NULL &&
			    set_date(I, el, L->cell[j], L->no, 1) == -1)
				unplace(I, L->no, L->cell[j], 0);
		} else
		{
			place_value(I, f[j], L->cell[j], L->no);
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
			unplace(I, L->no, L->cell[j], 1);
			L->disp[j] = C_UNPLACED;
		}
}

/* Switches to the 特定個人情報ファイル of a per-file section vent sect. */
static void
enter_file_section(struct imp *I, int sect, int heading)
{
	int	 j;

	if (I->files < 0 || enclosing_list(I, sect) != I->files)
		return;
	if (heading)
		I->sectn[sect]++;
	else if (I->sectn[sect] == 0)
		I->sectn[sect] = 1;
	else if (section_of(I, I->cursor) == sect)
		return;
	if (I->sectn[sect] != I->file_no || I->entry[I->files] == NULL) {
		I->file_no = I->sectn[sect];
		entry_get(I, I->files, I->file_no, 1);
	}
	for (j = I->files + 1; j <= I->v[I->files].end; j++)
		if (I->v[j].type == PIA_V_LIST)
			I->entry[j] = NULL;
	if (I->file_no > (int)I->st->files)
		I->st->files = (size_t)I->file_no;
}

/* Notes a matched node as the cursor; updates the file context. */
static void
move_to(struct imp *I, int v, int heading)
{
	int	 s = section_of(I, v);

	if (s >= 0 && (section_of(I, I->cursor) != s ||
	    (heading && I->v[v].type == PIA_V_SECTION)))
		enter_file_section(I, s, heading && I->v[v].type ==
		    PIA_V_SECTION);
	I->cursor = v;
	if (I->v[v].type != PIA_V_FIELD && I->v[v].type != PIA_V_DERIVED)
		I->heading = pia_vnode_label(I->v[v].vn, I->kind);
}

/* A page number line of the PDF: digits with "/", "-", "ページ", "頁",
 * "P.", "■" and blanks only, and at least one digit. */
static int
is_page_marker(const char *s)
{
	static const char *const ok[] = { "ページ", "頁", "■", "□", "－",
	    "／", "　", NULL };
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

static void
do_line(struct imp *I, struct line *L)
{
	struct label	 lab, lab2;
	int		 k, j, v, m;
	char		*val;

	for (k = 0; k < L->n && *L->cell[k] == '\0'; k++)
		continue;
	if (k == L->n)
		return;
	/* Page markers ("12 / 30", "- 12 -", "■ 12 / 30 ページ"). */
	if (L->n == k + 1 && is_page_marker(L->cell[k])) {
		mark_all(L, 0, C_LAYOUT);
		return;
	}
	/* Separator rows "------\t---". */
	if (strspn(L->cell[k], "-") == strlen(L->cell[k]) &&
	    strlen(L->cell[k]) >= 3) {
		mark_all(L, 0, C_LAYOUT);
		return;
	}
	if (I->table) {
		m = match_label(I, L->cell[k], 0, &lab);
		if (!(m == 1 && lab.exact && I->v[lab.v].type ==
		    PIA_V_SECTION)) {
			table_row(I, L);
			if (L->disp[0] != C_NONE)
				return;
			goto unplaced;
		}
		I->table = 0;
	}
	/* Labels printed in a row, values in the next ("評価書番号	評価書名"). */
	if (I->npend > 0) {
		int	 i, all = 1;

		for (j = k; j < L->n && all; j++)
			if (*L->cell[j] && match_label(I, L->cell[j], 0,
			    &lab) == 1)
				all = 0;
		if (all) {
			for (i = 0, j = k; j < L->n && i < I->npend; j++) {
				if (*L->cell[j] == '\0')
					continue;
				place_value(I, I->pend[i++], L->cell[j], L->no);
				L->disp[j] = C_PLACED;
			}
			I->npend = 0;
			I->open_v = -1;
			goto rest;
		}
		I->npend = 0;
	}
	m = match_label(I, L->cell[k], !I->in_items, &lab);
	if (m == 1 && I->in_items && !lab.exact && !lab.bynum)
		m = 0;
	if (m == 2) {
		char *p = imp_plain(L->cell[k]);

		imp_find(I, L->no, PIA_M_IMPORT_HEADING_OTHER, p ? p : "",
		    pia_vocab_kind_name(I->vocab, I->kind));
		free(p);
		mark_all(L, 0, C_UNPLACED);
		unplace(I, L->no, L->raw, 0);
		I->open_v = -1;
		return;
	}
	if (m != 1) {
		/* Not a label: the open field's value continues, or a
		 * second rendering of the last option list. */
		if (I->open_v >= 0) {
			xmlNode *prev = !I->open_cont &&
			    I->v[I->open_v].type == PIA_V_FIELD ?
			    el_for(I, I->open_v, 0) : NULL;

			if (prev != NULL && has_content(prev) &&
			    (I->v[I->open_v].ftype == PIA_F_TEXT ||
			    I->v[I->open_v].ftype == PIA_F_LINE ||
			    I->v[I->open_v].ftype == PIA_F_ITEMS)) {
				char *t = field_title(I, I->open_v);

				imp_find(I, L->no, PIA_M_IMPORT_DUPLICATE, t);
				free(t);
			}
			/* One cell: keep its indent ("  - ①…" nests). */
			val = L->n == 1 ? strdup(L->raw) : join_cells(L, k);
			if (val != NULL && L->n == 1)
				val[strcspn(val, "\t")] = '\0';
			if (val != NULL) {
				if (I->v[I->open_v].ftype == PIA_F_CHOICE ||
				    I->v[I->open_v].ftype == PIA_F_CHECKS) {
					if (is_duplicate(I, val))
						mark_all(L, 0, C_LAYOUT);
					else
						place_value(I, I->open_v, val,
						    L->no);
				} else
					place_value(I, I->open_v, val, L->no);
				I->open_cont = 1;
				if (I->v[I->open_v].ftype != PIA_F_TEXT &&
				    I->v[I->open_v].ftype != PIA_F_ITEMS)
					I->open_v = -1;
			}
			free(val);
			mark_all(L, 0, C_PLACED);
			return;
		}
		val = join_cells(L, k);
		if (val != NULL && I->last_v >= 0 && (I->v[I->last_v].ftype ==
		    PIA_F_CHOICE || I->v[I->last_v].ftype == PIA_F_CHECKS)) {
			if (is_duplicate(I, val)) {
				free(val);
				mark_all(L, 0, C_LAYOUT);
				return;
			}
			if (I->v[I->last_v].ftype == PIA_F_CHECKS) {
				size_t len;
				const char *q;

				for (q = val; *q; q++)
					if (imp_mark_at(q, &len) != MARK_NONE)
						break;
				if (*q) {
					read_checks(I, I->last_v, val, L->no);
					free(val);
					mark_all(L, 0, C_PLACED);
					return;
				}
			}
		}
		free(val);
		goto unplaced;
	}
	L->disp[k] = C_LABEL;
	I->open_v = -1;
	I->open_cont = 0;
	v = lab.v;
	if (!lab.exact && !lab.block && lab.entry < 0) {
		char *p = imp_plain(L->cell[k]), *t = field_title(I, v);

		imp_find(I, L->no, PIA_M_IMPORT_LABEL, p ? p : "", t);
		free(p);
		free(t);
	}
	if (lab.block) {
		L->disp[k] = C_LAYOUT;
		mark_all(L, k + 1, C_LAYOUT);
		return;
	}
	if (lab.entry >= 0) {
		int s = section_of(I, v);

		if (s >= 0 && section_of(I, I->cursor) != s)
			enter_file_section(I, s, 0);
		{
			xmlNode *e = entry_get(I, v, lab.entry, 0);

			if (e != NULL && has_content(e))
				imp_find(I, L->no, PIA_M_IMPORT_DUPLICATE_ENTRY,
				    pia_vnode_label(I->v[v].vn, I->kind),
				    lab.entry);
			entry_get(I, v, lab.entry, 1);
		}
		I->cursor = v;
		I->heading = pia_vnode_label(I->v[v].vn, I->kind);
		/* The title of the entry is its self field. */
		for (j = v + 1; j <= I->v[v].end; j++)
			if (I->v[j].parent == v && pia_vnode_is_self(I->v[j].vn))
				break;
		v = j <= I->v[v].end ? j : -1;
		k++;
		goto value;
	}
	move_to(I, v, 1);
	if (I->v[v].type == PIA_V_SECTION && I->v[v].el != NULL &&
	    I->v[v].key[0] != '\0') {
		/* The 変更箇所 table: its list has no label of its own. */
		for (j = v + 1; j <= I->v[v].end; j++)
			if (I->v[j].type == PIA_V_LIST && I->v[j].parent == v &&
			    I->v[j].end > j && I->v[I->v[j].end].type ==
			    PIA_V_FIELD) {
				int f, dates = 0;

				for (f = j + 1; f <= I->v[j].end; f++)
					dates += I->v[f].ftype == PIA_F_DATE;
				if (dates == 1 && I->v[j + 1].ftype ==
				    PIA_F_DATE) {
					I->table = 1;
					I->change_list = j;
				}
			}
	}
	I->in_items = 0;
	k++;
	/* A second label in the row: "再委託	⑦再委託の有無 ※	[…]". */
	while (k < L->n && *L->cell[k] != '\0' && I->v[v].type !=
	    PIA_V_FIELD && match_label(I, L->cell[k], 0, &lab2) == 1 &&
	    lab2.exact && lab2.v > v && lab2.v <= I->v[v].end) {
		L->disp[k] = C_LABEL;
		v = lab2.v;
		move_to(I, v, 0);
		lab = lab2;
		k++;
	}
	/* Several sibling field labels and nothing else: values follow. */
	if (I->v[v].type == PIA_V_FIELD && k < L->n) {
		int n = 0, ok = 1, i;

		I->pend[n++] = v;
		for (i = k; i < L->n && ok; i++) {
			if (*L->cell[i] == '\0')
				continue;
			if (match_label(I, L->cell[i], 0, &lab2) == 1 &&
			    lab2.exact && I->v[lab2.v].type == PIA_V_FIELD &&
			    I->v[lab2.v].parent == I->v[v].parent && n < 8)
				I->pend[n++] = lab2.v;
			else
				ok = 0;
		}
		if (ok && n > 1) {
			I->npend = n;
			mark_all(L, 0, C_LABEL);
			return;
		}
	}
	if (I->v[v].self >= 0)
		v = I->v[v].self;
value:
	if (lab.rest != NULL && v >= 0 && I->v[v].type != PIA_V_FIELD) {
		/* Flags in the heading cell itself. */
		read_flags(I, lab.v, lab.rest, L->no);
	}
	val = join_cells(L, k);
	if (val == NULL) {
		I->oom = 1;
		return;
	}
	if (lab.rest != NULL && v >= 0 && I->v[v].type == PIA_V_FIELD) {
		char *t;

		if (asprintf(&t, "%s %s", lab.rest, val) >= 0) {
			free(val);
			val = t;
		}
	}
	if (is_empty_value(val)) {
		free(val);
		if (v >= 0 && takes_value(I, v)) {
			I->open_v = v;
			if (I->v[v].ftype == PIA_F_ITEMS)
				I->in_items = 1;
		} else if (v >= 0 && I->v[v].type != PIA_V_FIELD) {
			/* Records section: its items field takes the lines. */
			for (j = v + 1; j <= I->v[v].end; j++)
				if (I->v[j].ftype == PIA_F_ITEMS &&
				    I->v[j].parent == v) {
					I->open_v = j;
					I->in_items = 1;
				}
		}
		if (v >= 0 && I->v[v].ftype == PIA_F_CHOICE)
			set_choice(I, v, NULL, L->no, "");
		goto rest;
	}
	if (v < 0 || I->v[v].type != PIA_V_FIELD) {
		if (v >= 0 && I->v[v].type == PIA_V_DERIVED) {
			add_derived(I, v, val, L->no);
			mark_all(L, k, C_PLACED);
			free(val);
			return;
		}
		/* A heading with a value: flags, else no place. */
		if (v >= 0 && read_flags(I, v, val, L->no) > 0) {
			mark_all(L, k, C_PLACED);
			free(val);
			return;
		}
		{
			char *p = imp_plain(val);

			imp_find(I, L->no, PIA_M_IMPORT_HEADING_VALUE,
			    I->heading ? I->heading : "", p ? p : "");
			free(p);
		}
		unplace(I, L->no, val, 0);
		mark_all(L, k, C_UNPLACED);
		free(val);
		return;
	}
	{
		/* A field given a second time (a page printed twice, a label
		 * repeated): kept, and said. */
		xmlNode *prev = I->v[v].ftype != PIA_F_CHECKS ? el_for(I, v, 0) :
		    NULL;

		if (prev != NULL && has_content(prev) &&
		    (I->v[v].ftype == PIA_F_TEXT || I->v[v].ftype == PIA_F_LINE ||
		    I->v[v].ftype == PIA_F_ITEMS)) {
			char *t = field_title(I, v);

			imp_find(I, L->no, PIA_M_IMPORT_DUPLICATE, t);
			free(t);
		}
	}
	place_value(I, v, val, L->no);
	mark_all(L, k, C_PLACED);
	if (I->v[v].ftype == PIA_F_TEXT)
		I->open_v = -1;
	free(val);
rest:
	return;
unplaced:
	val = join_cells(L, 0);
	unplace(I, L->no, val ? val : L->raw, 1);
	free(val);
	mark_all(L, 0, C_UNPLACED);
}

/* ------------------------------------------------------------------ */
/* Form detection                                                       */
/* ------------------------------------------------------------------ */

/* Whether a node of kind k below n has this number and label key. */
static int
count_heading(const struct pia_vnode *n, enum pia_kind k, const char *num,
    const char *key)
{
	const struct pia_vnode	*c;
	int			 found = 0;

	for (c = pia_vnode_first(n, k); c != NULL && !found;
	    c = pia_vnode_next(c, k)) {
		char	*nk = vnum_key(pia_vnode_num(c, k));
		char	*lk = nk && *nk ? imp_key(pia_vnode_label(c, k)) : NULL;

		found = lk != NULL && strcmp(nk, num) == 0 &&
		    strcmp(lk, key) == 0;
		free(lk);
		free(nk);
		if (!found)
			found = count_heading(c, k, num, key);
	}
	return found;
}

static enum pia_kind
detect_kind(const struct pia_vocab *vocab, char **lines, size_t n,
    long *at)
{
	size_t		 i;
	int		 k, score[PIA_KIND__MAX] = { 0 }, best = -1;

	*at = 0;
	for (i = 0; i < n && i < 60; i++) {
		char *key = imp_key(lines[i]);

		for (k = 0; key && k < PIA_KIND__MAX; k++) {
			const char	*nm = pia_vocab_kind_name(vocab, k);
			char		*pat;

			if (nm == NULL || asprintf(&pat, "評価書(%s)", nm) < 0)
				continue;
			if (strstr(key, pat) != NULL) {
				free(pat);
				free(key);
				*at = (long)i + 1;
				return k;
			}
			free(pat);
		}
		free(key);
	}
	/* No title: the form whose numbered headings (number and label)
	 * appear most. */
	for (i = 0; i < n; i++) {
		char		 num[32], *key, *cut, *line;
		const char	*r;

		if ((line = strdup(lines[i])) == NULL)
			break;
		line[strcspn(line, "\t")] = '\0';
		if ((cut = strstr(line, "※")) != NULL)
			*cut = '\0';
		r = parse_num(line, num, sizeof(num));
		if (num[0] == '\0' || (key = imp_key(r)) == NULL || *key ==
		    '\0') {
			if (num[0] != '\0')
				free(key);
			free(line);
			continue;
		}
		for (k = 0; k < PIA_KIND__MAX; k++)
			score[k] += count_heading(pia_vocab_form(vocab), k,
			    num, key);
		free(key);
		free(line);
	}
	for (k = 0; k < PIA_KIND__MAX; k++)
		if (score[k] > 0 && (best < 0 || score[k] > score[best]))
			best = k;
	return best < 0 ? PIA_KIND_NONE : best;
}

/* ------------------------------------------------------------------ */
/* Finishing                                                            */
/* ------------------------------------------------------------------ */

static void
finish_counts(struct imp *I)
{
	size_t	 i;

	for (i = 0; i < I->ncounts; i++) {
		struct count	*c = &I->counts[i];
		long		 have = 0;
		const xmlNode	*e;

		for (e = c->parent->children; e != NULL; e = e->next)
			if (e->type == XML_ELEMENT_NODE && ord_of(e) > ORD(c->list,
			    0) && ord_of(e) < ORD(c->list + 1, 0) &&
			    has_content(e))
				have = (long)(ord_of(e) - ORD(c->list, 0));
		if (have != c->declared)
			imp_find(I, c->line, PIA_M_IMPORT_COUNT, c->declared,
			    pia_vnode_label(I->v[c->list].vn, I->kind), have);
	}
}

/* Splits s into names at "、" and ","; appends their keys to v. */
static size_t
split_names(const char *s, char **v, size_t n, size_t max)
{
	char	*c = strdup(s), *p, *q;

	if (c == NULL)
		return n;
	for (p = c; p != NULL && n < max; p = q) {
		char *a = strstr(p, "、"), *b = strchr(p, ',');

		q = a && (!b || a < b) ? a : b;
		if (q != NULL) {
			*q = '\0';
			q += q == a ? strlen("、") : 1;
		}
		if (*trim(p) != '\0')
			v[n++] = imp_key(trim(p));
	}
	free(c);
	return n;
}

static int
cmpstrp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the texts of the elements of vent f below e. */
static size_t
collect(struct imp *I, const xmlNode *e, int f, char **v, size_t n,
    size_t max)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL && n < max; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->_private == (void *)ORD(f, 0)) {
			xmlChar *t = xmlNodeGetContent(c);

			if (t != NULL)
				n = split_names((char *)t, v, n, max);
			xmlFree(t);
		} else
			n = collect(I, c, f, v, n, max);
	}
	return n;
}

/* A derived item printed with the same label as a field (the file names
 * in I and III repeat II-1): the printed names must be that field's. */
static void
finish_derived(struct imp *I)
{
	size_t	 i, a, b, k;
	int	 f;

	for (i = 0; i < I->nder; i++) {
		struct derived	*dv = &I->der[i];
		char		*pa[64], *pb[64];
		int		 same;

		for (f = 0; f < I->nv; f++)
			if (I->v[f].type == PIA_V_FIELD && f != dv->v &&
			    *I->v[f].key && strcmp(I->v[f].key,
			    I->v[dv->v].key) == 0)
				break;
		if (f == I->nv)
			continue;
		a = split_names(dv->text, pa, 0, 64);
		b = collect(I, dv->file ? dv->file : I->root, f, pb, 0, 64);
		qsort(pa, a, sizeof(char *), cmpstrp);
		qsort(pb, b, sizeof(char *), cmpstrp);
		same = a == b;
		for (k = 0; same && k < a; k++)
			same = pa[k] && pb[k] && strcmp(pa[k], pb[k]) == 0;
		if (!same && b > 0) {
			char *t = pia_vnode_title(I->v[f].vn, I->kind, "ja");

			imp_find(I, dv->line, PIA_M_IMPORT_DERIVED, dv->text,
			    t ? t : "");
			free(t);
		}
		for (k = 0; k < a; k++)
			free(pa[k]);
		for (k = 0; k < b; k++)
			free(pb[k]);
	}
}

static int
flag_set_above(const struct imp *I, const xmlNode *e)
{
	const xmlNode	*a, *c;

	for (a = e->parent; a != NULL && a->type == XML_ELEMENT_NODE;
	    a = a->parent)
		for (c = a->children; c != NULL; c = c->next) {
			intptr_t o;
			int	 v;

			if (c->type != XML_ELEMENT_NODE ||
			    (o = ord_of(c)) % 100000 != 0 || o == 0)
				continue;
			v = (int)(o / 100000) - 1;
			if (v >= 0 && v < I->nv && I->v[v].ftype == PIA_F_FLAG &&
			    c->children != NULL && c->children->content != NULL &&
			    strcmp((const char *)c->children->content,
			    "true") == 0)
				return 1;
		}
	return 0;
}

static void
finish_blanks(struct imp *I)
{
	size_t	 i;

	for (i = 0; i < I->nblanks; i++) {
		struct blank	*b = &I->blanks[i];
		xmlNode		*c;
		int		 other = 0;
		char		*t;

		if (b->el == NULL || has_content(b->el))
			continue;
		for (c = b->el->parent ? b->el->parent->children : NULL;
		    c != NULL; c = c->next)
			if (c != b->el && c->type == XML_ELEMENT_NODE &&
			    has_content(c))
				other = 1;
		/* A ticked "…しない" flag of an enclosing group: nothing to
		 * choose ("委託しない" and a blank rating). */
		if (flag_set_above(I, b->el))
			continue;
		/* ※ of the field or of its group, not of a whole section. */
		if (!other && *pia_vnode_mark(I->v[b->v].vn, I->kind) == '\0' &&
		    (I->v[b->v].parent < 0 || I->v[I->v[b->v].parent].type !=
		    PIA_V_GROUP || *pia_vnode_mark(I->v[I->v[b->v].parent].vn,
		    I->kind) == '\0'))
			continue;
		t = field_title(I, b->v);
		imp_find(I, b->line, PIA_M_IMPORT_BLANK, t);
		free(t);
	}
}

/* Drops entries with no content; fills gaps in entry numbers with empty
 * entries (pages missing from the source) and reports them. */
static void
finish_entries(struct imp *I, xmlNode *e)
{
	xmlNode	*c, *next;
	long	 last = 0, n;
	int	 li = -1;

	for (c = e->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ord_of(c) % 100000 != 0 && !has_content(c) &&
		    xmlHasProp(c, (const xmlChar *)"id")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else
			finish_entries(I, c);
	}
	for (c = e->children; c != NULL; c = c->next) {
		int v;

		if (c->type != XML_ELEMENT_NODE || ord_of(c) % 100000 == 0)
			continue;
		v = (int)(ord_of(c) / 100000) - 1;
		n = (long)(ord_of(c) % 100000);
		if (v != li) {
			li = v;
			last = 0;
		}
		if (n > last + 1 && v != I->change_list) {
			long	 i;
			char	 id[96];
			xmlChar	*cid = xmlGetProp(c, (const xmlChar *)"id");
			char	*dash = cid ? strrchr((char *)cid, '-') : NULL;

			if (n - 1 > last + 1)
				imp_find(I, (long)c->line,
				    PIA_M_IMPORT_MISSING_RANGE,
				    pia_vnode_label(I->v[v].vn, I->kind),
				    last + 1, n - 1);
			else
				imp_find(I, (long)c->line, PIA_M_IMPORT_MISSING,
				    pia_vnode_label(I->v[v].vn, I->kind),
				    last + 1);
			for (i = last + 1; i < n && dash; i++) {
				xmlNode *ph = xmlNewNode(I->ns, c->name);

				snprintf(id, sizeof(id), "%.*s-%ld",
				    (int)(dash - (char *)cid), (char *)cid, i);
				if (ph == NULL || xmlNewProp(ph,
				    (const xmlChar *)"id", (const xmlChar *)id)
				    == NULL) {
					xmlFreeNode(ph);
					I->oom = 1;
					break;
				}
				ph->_private = (void *)ORD(v, i);
				xmlAddPrevSibling(c, ph);
			}
			xmlFree(cid);
		}
		last = n;
	}
}

static void
clear_private(xmlNode *e)
{
	for (; e != NULL; e = e->next) {
		e->_private = NULL;
		if (e->type == XML_ELEMENT_NODE)
			clear_private(e->children);
	}
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */
/* ------------------------------------------------------------------ */

/* Splits the buffer into lines (NUL-terminated, in place). */
static char **
split_lines(char *buf, size_t len, size_t *n)
{
	char	**v = NULL, **nv, *p = buf, *e = buf + len;
	size_t	 cap = 0;

	*n = 0;
	while (p < e) {
		char *nl = memchr(p, '\n', (size_t)(e - p));

		if (nl == NULL)
			nl = e;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				return NULL;
			}
			v = nv;
		}
		v[(*n)++] = p;
		p = nl + 1;
	}
	if (v == NULL)
		v = calloc(1, sizeof(*v));
	return v;
}

static int
is_contents(const char *line)
{
	char	*k;
	int	 r;

	/* Cheap test first: the line is short and has the word. */
	if (strlen(line) > 64 || strstr(line, "一覧") == NULL)
		return 0;
	k = imp_key(line);
	r = k != NULL && strcmp(k, "項目一覧") == 0;

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
static char *
sanitize(const char *in, size_t len, size_t *outlen, size_t *bad,
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
			if (u[i] == '\n')
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
		n = (u[i] & 0xe0) == 0xc0 ? 2 : (u[i] & 0xf0) == 0xe0 ? 3 :
		    (u[i] & 0xf8) == 0xf0 ? 4 : 0;
		cp = 0;
		if (n > 0 && i + n <= len) {
			size_t k;

			cp = u[i] & (0x7f >> n);
			for (k = 1; k < n; k++) {
				if ((u[i + k] & 0xc0) != 0x80)
					break;
				cp = cp << 6 | (u[i + k] & 0x3f);
			}
			if (k < n || (n == 2 && cp < 0x80) ||
			    (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
			    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
				n = 0;
		} else
			n = 0;
		if (n == 0) {
			memcpy(w, "\xef\xbf\xbd", 3);	/* U+FFFD */
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

/* A "平成30年5月 様式4" stamp, if the line is one. */
static char *
form_stamp(const char *line)
{
	char	*k, *p, *r = NULL;
	char	 iso[11];

	if (strlen(line) > 64 || strstr(line, "様式") == NULL ||
	    (k = imp_key(line)) == NULL)
		return NULL;
	if ((p = strstr(k, "様式")) != NULL && isdigit((unsigned char)p[6]) &&
	    p[7] == '\0' && p > k) {
		*p = '\0';
		if (pia_wareki_parse(k, iso) == PIA_DATE_OK) {
			char *pl = imp_plain(line);

			r = pl;
		}
	}
	free(k);
	return r;
}

struct pia_doc *
pia_import(const char *src, size_t len, const char *name,
    const struct pia_vocab *vocab, enum pia_kind force,
    struct pia_import_stats *stats, struct pia_diags *d)
{
	struct imp		 I;
	struct pia_import_stats	 st0;
	char			*buf = NULL, **lines = NULL, *stamp = NULL;
	size_t			 nl = 0, i;
	long			 title = 0;
	struct pia_doc		*doc = NULL;
	int			 j, toc = 0;

	memset(&I, 0, sizeof(I));
	memset(&st0, 0, sizeof(st0));
	I.st = stats ? stats : &st0;
	memset(I.st, 0, sizeof(*I.st));
	I.vocab = vocab;
	I.name = name ? name : "-";
	I.d = d;
	I.cursor = 0;
	I.open_v = I.last_v = -1;
	I.files = -1;
	I.change_list = -1;
	if (memchr(src, '\0', len) != NULL) {
		pia_diag(d, PIA_M_IMPORT_INPUT, I.name, 0, NULL);
		goto out;
	}
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
		src += 3;
		len -= 3;
	}
	{
		size_t	 bad;
		long	 first;

		if ((buf = sanitize(src, len, &len, &bad, &first)) == NULL)
			goto oom;
		if (bad > 0)
			imp_find(&I, first, PIA_M_IMPORT_ENCODING, bad);
	}
	I.uses_checked = strstr(buf, "checked=") != NULL;
	if ((lines = split_lines(buf, len, &nl)) == NULL)
		goto oom;
	I.st->lines = nl;
	I.kind = force != PIA_KIND_NONE ? force : detect_kind(vocab, lines, nl,
	    &title);
	I.st->kind = I.kind;
	if (I.kind == PIA_KIND_NONE) {
		pia_diag(d, PIA_M_IMPORT_KIND, I.name, 0, NULL);
		goto out;
	}
	if (title == 0 && force == PIA_KIND_NONE)
		imp_find(&I, 0, PIA_M_IMPORT_KIND_HEADINGS,
		    pia_vocab_kind_name(vocab, I.kind));
	if (flatten(&I, &I.v, &I.nv, &I.cap, pia_vocab_form(vocab), I.kind,
	    -1, 0, -1) == -1 ||
	    flatten(&I, &I.ov, &I.nov, &I.ocap, pia_vocab_form(vocab), I.kind,
	    -1, 0, I.kind) == -1)
		goto oom;
	for (j = 0; j < I.nv; j++)
		if (I.v[j].type == PIA_V_LIST && I.v[j].el != NULL &&
		    I.files < 0 && I.v[j].end > j &&
		    I.v[j + 1].type == PIA_V_SECTION)
			I.files = j;
	if ((I.entry = calloc((size_t)I.nv, sizeof(*I.entry))) == NULL ||
	    (I.sectn = calloc((size_t)I.nv, sizeof(*I.sectn))) == NULL)
		goto oom;

	if ((I.doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (I.root = xmlNewNode(NULL, (const xmlChar *)"assessment")) == NULL)
		goto oom;
	xmlDocSetRootElement(I.doc, I.root);
	if ((I.ns = xmlNewNs(I.root, (const xmlChar *)PIA_NS, NULL)) == NULL)
		goto oom;
	xmlSetNs(I.root, I.ns);
	xmlNewProp(I.root, (const xmlChar *)"kind",
	    (const xmlChar *)pia_kind_id(I.kind));
	xmlNewProp(I.root, (const xmlChar *)"version", (const xmlChar *)"1");

	for (i = 0; i < nl && !I.oom; i++) {
		struct line	 L;
		char		*p, *q;
		int		 n;

		memset(&L, 0, sizeof(L));
		L.no = (long)i + 1;
		L.raw = lines[i];
		I.curline = L.no;
		if (*skip_blank(lines[i]) == '\0') {
			if (toc == 2)
				toc = 0;	/* a blank line ends the contents */
			continue;
		}
		if ((p = strdup(lines[i])) == NULL)
			goto oom;
		/* Cells; a line of more than MAXCELLS keeps the rest in the
		 * last cell. */
		for (q = p, n = 0; n < MAXCELLS; n++) {
			char *t = strchr(q, '\t');

			if (t != NULL && n < MAXCELLS - 1)
				*t = '\0';
			L.cell[n] = trim(q);
			if (t == NULL || n == MAXCELLS - 1)
				break;
			q = t + 1;
		}
		L.n = n + 1;
		while (L.n > 1 && *L.cell[L.n - 1] == '\0')
			L.n--;
		for (j = 0; j < L.n; j++)
			if (*L.cell[j] != '\0')
				I.st->cells++;
		hygiene(&I, &L);
		if ((long)i + 1 == title || toc) {
			mark_all(&L, 0, C_LAYOUT);
			if (toc)
				toc = 2;
		} else if (!I.table && is_contents(lines[i])) {
			/* "項目一覧": the table of contents up to a blank line
			 * repeats the headings; it is layout. */
			toc = 1;
			mark_all(&L, 0, C_LAYOUT);
		} else if (I.cursor == 0 && !I.table && (stamp == NULL) &&
		    (stamp = form_stamp(lines[i])) != NULL) {
			xmlNewProp(I.root, (const xmlChar *)"form-version",
			    (const xmlChar *)stamp);
			mark_all(&L, 0, C_LAYOUT);
		} else
			do_line(&I, &L);
		/* The table of contents before the first section: layout. */
		for (j = 0; j < L.n; j++) {
			if (*L.cell[j] == '\0')
				continue;
			switch (L.disp[j]) {
			case C_PLACED:
				I.st->placed++;
				I.st->values++;
				break;
			case C_LABEL:
				I.st->placed++;
				I.st->labels++;
				break;
			case C_LAYOUT:
				I.st->layout++;
				break;
			case C_UNPLACED:
				I.st->unplaced++;
				break;
			default:
				/* Safety net: nothing is dropped. */
				unplace(&I, L.no, L.cell[j], 1);
				I.st->unplaced++;
				break;
			}
		}
		free(p);
	}
	if (I.oom)
		goto oom;

	finish_counts(&I);
	finish_derived(&I);
	finish_blanks(&I);
	finish_entries(&I, I.root);
	/* The table of contents ("項目一覧" and the headings under it) sits
	 * before the first section; its lines matched headings, which is
	 * right: they are layout, not content. */
	for (i = 0; i < I.nunpl; i++) {
		xmlNode *u = xmlNewNode(I.ns, (const xmlChar *)"unplaced");
		char	 ln[32];

		if (u == NULL)
			goto oom;
		snprintf(ln, sizeof(ln), "%ld", I.unpl[i].line);
		xmlNewProp(u, (const xmlChar *)"source-line",
		    (const xmlChar *)ln);
		if (I.unpl[i].heading && *I.unpl[i].heading)
			xmlNewProp(u, (const xmlChar *)"heading",
			    (const xmlChar *)I.unpl[i].heading);
		if (I.unpl[i].text)
			xmlNodeAddContent(u, (const xmlChar *)I.unpl[i].text);
		xmlAddChild(I.root, u);
	}
	I.st->fragments = I.nunpl;
	clear_private(I.root);
	doc = pia_doc_wrap(I.doc, I.name, d);	/* frees the tree on failure */
	I.doc = NULL;
	goto out;
oom:
	pia_diag(d, PIA_M_OOM, I.name, 0, NULL);
	pia_doc_free(doc);
	doc = NULL;
out:
	for (i = 0; i < I.nunpl; i++) {
		free(I.unpl[i].heading);
		free(I.unpl[i].text);
	}
	for (i = 0; i < I.nokeys; i++) {
		size_t k;

		for (k = 0; k < I.okeys[i].n; k++)
			free(I.okeys[i].key[k]);
		free(I.okeys[i].key);
	}
	free(I.okeys);
	for (j = 0; I.plab != NULL && j < I.nv; j++) {
		free(I.plab[j]);
		free(I.pnum[j]);
	}
	free(I.plab);
	free(I.pnum);
	for (i = 0; i < I.nder; i++)
		free(I.der[i].text);
	free(I.der);
	free(I.unpl);
	free(I.blanks);
	free(I.counts);
	free(I.entry);
	free(I.sectn);
	if (I.doc != NULL)
		xmlFreeDoc(I.doc);
	vents_free(I.v, I.nv);
	vents_free(I.ov, I.nov);
	free(stamp);
	free(lines);
	free(buf);
	return doc;
}

struct pia_doc *
pia_import_file(const char *path, const char *name,
    const struct pia_vocab *vocab, enum pia_kind force,
    struct pia_import_stats *stats, struct pia_diags *d)
{
	char		*buf;
	size_t		 len;
	struct pia_doc	*doc;

	if (name == NULL)
		name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if ((buf = pia_file_read(path, PIA_MAX_INPUT, &len, d)) == NULL)
		return NULL;
	doc = pia_import(buf, len, name, vocab, force, stats, d);
	free(buf);
	return doc;
}
