/*
 * diff.c: the difference of two revisions of an assessment as rows of the
 * 変更箇所 table (pia_diff.h).  The algorithm is described in model/diff.md;
 * the comments below cite its phases (§1 to §6).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"
#include "pia_diff.h"

struct pia_changes {
	enum pia_kind		 kind;
	struct pia_change	*v;
	size_t			 n, cap;
};

struct ctx {
	const struct pia_vocab	*v;
	enum pia_kind		 k;
	unsigned		 flags;
	struct pia_changes	*ch;
	int			 oom;
};

/* An entry of a repeating part and its content fingerprint (§2). */
struct entry {
	const xmlNode	*e;
	const char	*id;
	uint64_t	*h;		/* sorted hashes of its non-empty leaves */
	size_t		 nh;
	uint64_t	 whole;		/* hash of h[] */
};

static const char *reason_ja_renum =
    "記載の順序又は番号の変更のみであり、記載内容に変更がないため";
static const char *reason_en_renum =
    "only the order or the number changed, not the content";

const char *
pia_chkind_name(enum pia_chkind k)
{
	static const char *const n[] = { "edit", "add", "delete", "renumber",
	    "move", "equivalent" };

	return k >= 0 && k <= PIA_CH_EQUIV ? n[k] : "?";
}

const char *
pia_timing_text(const struct pia_vocab *v, enum pia_timing t)
{
	const struct pia_optlist *ol = pia_vocab_optlist(v, "timing");

	if (ol == NULL || pia_optlist_count(ol) < 2)
		return "";
	return pia_optlist_text(ol, t == PIA_TIMING_PRE ? 0 : 1);
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	while (n-- > 0) {
		h ^= *u++;
		h *= 1099511628211ULL;
	}
	return h;
}

#define FNV0	14695981039346656037ULL

static int
is_pia(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PIA_NS) == 0;
}

static const char *
attr(const xmlNode *e, const char *name)
{
	const xmlAttr	*a;

	for (a = e->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ?
			    (const char *)a->children->content : "";
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                 */
/* ------------------------------------------------------------------ */

static void
change_clear(struct pia_change *c)
{
	free(c->item);
	free(c->item_en);
	free(c->before);
	free(c->after);
	free(c->id);
}

void
pia_changes_free(struct pia_changes *ch)
{
	size_t	 i;

	if (ch == NULL)
		return;
	for (i = 0; i < ch->n; i++)
		change_clear(&ch->v[i]);
	free(ch->v);
	free(ch);
}

size_t
pia_changes_count(const struct pia_changes *ch)
{
	return ch->n;
}

const struct pia_change *
pia_changes_get(const struct pia_changes *ch, size_t i)
{
	return i < ch->n ? &ch->v[i] : NULL;
}

enum pia_kind
pia_changes_kind(const struct pia_changes *ch)
{
	return ch->kind;
}

/*
 * Adds a row; before and after are taken over (NULL or "" print "-").
 * at is the node whose 項目 path names the row.
 */
static void
add_row(struct ctx *x, enum pia_chkind kind, const xmlNode *at,
    const xmlNode *o, const xmlNode *n, char *before, char *after,
    int starred)
{
	struct pia_changes	*ch = x->ch;
	struct pia_change	*c;

	if (x->oom)
		goto fail;
	if (ch->n == ch->cap) {
		size_t	 cap = ch->cap ? ch->cap * 2 : 32;
		void	*nv = realloc(ch->v, cap * sizeof(*ch->v));

		if (nv == NULL)
			goto fail;
		ch->v = nv;
		ch->cap = cap;
	}
	c = &ch->v[ch->n];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->old_node = o;
	c->new_node = n;
	c->starred = starred;
	c->timing = starred ? PIA_TIMING_PRE : PIA_TIMING_POST;
	if (kind == PIA_CH_RENUM || kind == PIA_CH_MOVE) {
		c->reason_ja = reason_ja_renum;
		c->reason_en = reason_en_renum;
	}
	if (before == NULL || *before == '\0') {
		free(before);
		before = strdup("-");
	}
	if (after == NULL || *after == '\0') {
		free(after);
		after = strdup("-");
	}
	c->before = before;
	c->after = after;
	c->item = pia_vocab_path(x->v, x->k, at, "ja");
	c->item_en = pia_vocab_path(x->v, x->k, at, "en");
	if (!c->before || !c->after || !c->item || !c->item_en) {
		change_clear(c);
		x->oom = 1;
		return;
	}
	ch->n++;
	return;
fail:
	free(before);
	free(after);
	x->oom = 1;
}

/* ------------------------------------------------------------------ */
/* §1 The walk                                                          */
/* ------------------------------------------------------------------ */

static void	diff_el(struct ctx *, const xmlNode *, const xmlNode *);

static const struct pia_vnode *
vn_of(struct ctx *x, const xmlNode *e)
{
	return pia_vocab_lookup(x->v, x->k, e);
}

/* Whether e is an entry of a repeating part (its vnode is the list). */
static int
is_entry(const struct pia_vnode *vn, const xmlNode *e)
{
	return vn != NULL && pia_vnode_type(vn) == PIA_V_LIST &&
	    strcmp(pia_vnode_entry(vn), (const char *)e->name) == 0;
}

/* Whether a field of the subtree e that is ※ has a value (§5). */
static int
subtree_starred(struct ctx *x, const xmlNode *e)
{
	const struct pia_vnode	*vn = vn_of(x, e);
	const xmlNode		*c;
	char			*s;
	int			 r = 0;

	if (vn == NULL)
		return 0;
	if (pia_vnode_type(vn) == PIA_V_FIELD) {
		if (!pia_vnode_starred(vn, x->k))
			return 0;
		s = pia_value_text_vn(vn, x->k, e, "ja");
		r = s != NULL && *s != '\0';
		free(s);
		return r;
	}
	for (c = e->children; c != NULL && !r; c = c->next)
		if (is_pia(c))
			r = subtree_starred(x, c);
	return r;
}

/* §4: every non-empty field of a subtree present on one side only. */
static size_t
emit_subtree(struct ctx *x, const xmlNode *e, int added, int star)
{
	const struct pia_vnode	*vn = vn_of(x, e);
	const xmlNode		*c;
	char			*s;
	size_t			 n = 0;

	if (vn == NULL)
		return 0;
	if (pia_vnode_type(vn) == PIA_V_FIELD) {
		if ((s = pia_value_text_vn(vn, x->k, e, "ja")) == NULL) {
			x->oom = 1;
			return 0;
		}
		if (*s == '\0') {
			free(s);
			return 0;
		}
		star |= pia_vnode_starred(vn, x->k);
		if (added)
			add_row(x, PIA_CH_ADD, e, NULL, e, NULL, s, star);
		else
			add_row(x, PIA_CH_DEL, e, e, NULL, s, NULL, star);
		return 1;
	}
	if (pia_vnode_type(vn) == PIA_V_SECTION && pia_vnode_el(vn) != NULL &&
	    strcmp(pia_vnode_el(vn), PIA_CHANGES_EL) == 0)
		return 0;
	for (c = e->children; c != NULL; c = c->next)
		if (is_pia(c))
			n += emit_subtree(x, c, added, star);
	return n;
}

/* The printed name of an entry: "委託事項6(申告書等の画像データ化)",
 * the title being the entry's first one-line field. */
static const xmlNode *
first_line_field(struct ctx *x, const xmlNode *e, int depth)
{
	const xmlNode		*c, *r;
	const struct pia_vnode	*vn;

	for (c = e->children; c != NULL && depth < 4; c = c->next) {
		if (!is_pia(c) || (vn = vn_of(x, c)) == NULL)
			continue;
		if (pia_vnode_type(vn) == PIA_V_FIELD) {
			if (pia_vnode_ftype(vn) == PIA_F_LINE)
				return c;
			continue;
		}
		if (!is_entry(vn, c) &&
		    (r = first_line_field(x, c, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

static char *
entry_name(struct ctx *x, const struct pia_vnode *list, const xmlNode *e,
    size_t pos)
{
	const xmlNode	*t = first_line_field(x, e, 0);
	char		*title = NULL, *s = NULL;

	if (t != NULL)
		title = pia_value_text(x->v, x->k, t, "ja");
	if (asprintf(&s, "%s%zu%s%s%s", pia_vnode_label(list, x->k), pos,
	    title && *title ? "(" : "", title ? title : "",
	    title && *title ? ")" : "") < 0)
		s = NULL;
	free(title);
	return s;
}

/* An entry added or removed as a whole (§4): its fields, or one row for
 * the entry itself when it has no value at all. */
static void
emit_entry(struct ctx *x, const struct pia_vnode *list, const xmlNode *e,
    size_t pos, int added)
{
	int	 star = subtree_starred(x, e);

	if (emit_subtree(x, e, added, star) > 0)
		return;
	if (added)
		add_row(x, PIA_CH_ADD, e, NULL, e, NULL,
		    entry_name(x, list, e, pos), star);
	else
		add_row(x, PIA_CH_DEL, e, e, NULL, entry_name(x, list, e, pos),
		    NULL, star);
}

/* §4 Leaf comparison of printed values. */
static void
diff_field(struct ctx *x, const struct pia_vnode *vn, const xmlNode *o,
    const xmlNode *n)
{
	char	*a = pia_value_text_vn(vn, x->k, o, "ja");
	char	*b = pia_value_text_vn(vn, x->k, n, "ja");

	if (a == NULL || b == NULL) {
		x->oom = 1;
		goto out;
	}
	if (strcmp(a, b) == 0)
		goto out;
	if (pia_text_equiv(a, b) && (*a != '\0') == (*b != '\0')) {
		if (!(x->flags & PIA_DIFF_EQUIV))
			goto out;
		add_row(x, PIA_CH_EQUIV, n, o, n, a, b,
		    pia_vnode_starred(vn, x->k));
		return;
	}
	add_row(x, PIA_CH_EDIT, n, o, n, a, b, pia_vnode_starred(vn, x->k));
	return;
out:
	free(a);
	free(b);
}

/* ------------------------------------------------------------------ */
/* §2 Fingerprints and matching of entries                              */
/* ------------------------------------------------------------------ */

struct hvec {
	uint64_t	*v;
	size_t		 n, cap;
	int		 oom;
};

static void
hvec_add(struct hvec *h, uint64_t x)
{
	if (h->oom)
		return;
	if (h->n == h->cap) {
		size_t	  cap = h->cap ? h->cap * 2 : 16;
		uint64_t *nv = realloc(h->v, cap * sizeof(*nv));

		if (nv == NULL) {
			h->oom = 1;
			return;
		}
		h->v = nv;
		h->cap = cap;
	}
	h->v[h->n++] = x;
}

/* Hashes of the non-empty leaves below e: the element names from the
 * entry down, the option attribute, the text without whitespace. */
static void
leaf_hashes(const xmlNode *e, uint64_t path, struct hvec *h)
{
	const xmlNode	*c;
	uint64_t	 t = path;
	const char	*opt = attr(e, "option");
	int		 text = 0;

	path = fnv(path, e->name, strlen((const char *)e->name) + 1);
	if (opt != NULL) {
		t = fnv(path, opt, strlen(opt));
		text = 1;
	} else
		t = path;
	for (c = e->children; c != NULL; c = c->next) {
		const unsigned char *p;

		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		for (p = c->content; p && *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' &&
			    *p != '\r') {
				t = fnv(t, p, 1);
				text = 1;
			}
	}
	if (text)
		hvec_add(h, t);
	for (c = e->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			leaf_hashes(c, path, h);
}

static int
u64cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int
fingerprint(struct entry *en, const xmlNode *e)
{
	struct hvec	 h = { 0 };
	size_t		 i;

	en->e = e;
	en->id = attr(e, "id");
	leaf_hashes(e, FNV0, &h);
	if (h.oom) {
		free(h.v);
		return -1;
	}
	qsort(h.v, h.n, sizeof(*h.v), u64cmp);
	en->h = h.v;
	en->nh = h.n;
	en->whole = FNV0;
	for (i = 0; i < h.n; i++)
		en->whole = fnv(en->whole, &h.v[i], sizeof(h.v[i]));
	return 0;
}

/* Dice similarity of two sorted multisets of leaf hashes. */
static double
similarity(const struct entry *a, const struct entry *b)
{
	size_t	 i = 0, j = 0, common = 0;

	if (a->nh + b->nh == 0)
		return 1.0;
	while (i < a->nh && j < b->nh) {
		if (a->h[i] == b->h[j]) {
			common++;
			i++;
			j++;
		} else if (a->h[i] < b->h[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(a->nh + b->nh);
}

#define SIM_MIN		0.5	/* below this, two entries are not the same */
#define PAIRS_MAX	250000	/* largest similarity matrix computed */

struct ref {
	const struct entry	*en;
	size_t			 i;
};

static int
ref_whole_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->en->whole != y->en->whole)
		return x->en->whole < y->en->whole ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
ref_id_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	return strcmp(x->en->id, y->en->id);
}

struct pair {
	double	 sim;
	size_t	 i, j;
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	size_t dx = x->i > x->j ? x->i - x->j : x->j - x->i;
	size_t dy = y->i > y->j ? y->i - y->j : y->j - y->i;

	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* §2.1 identical content, paired in document order within a group. */
static int
match_identical(struct entry *A, size_t m, struct entry *B, size_t n,
    long *mo, long *mn)
{
	struct ref	*ra, *rb;
	size_t		 i, j;

	ra = calloc(m ? m : 1, sizeof(*ra));
	rb = calloc(n ? n : 1, sizeof(*rb));
	if (ra == NULL || rb == NULL) {
		free(ra);
		free(rb);
		return -1;
	}
	for (i = 0; i < m; i++)
		ra[i] = (struct ref){ &A[i], i };
	for (j = 0; j < n; j++)
		rb[j] = (struct ref){ &B[j], j };
	qsort(ra, m, sizeof(*ra), ref_whole_cmp);
	qsort(rb, n, sizeof(*rb), ref_whole_cmp);
	for (i = j = 0; i < m && j < n;) {
		if (ra[i].en->whole < rb[j].en->whole)
			i++;
		else if (ra[i].en->whole > rb[j].en->whole)
			j++;
		else {
			mo[ra[i].i] = (long)rb[j].i;
			mn[rb[j].i] = (long)ra[i].i;
			i++;
			j++;
		}
	}
	free(ra);
	free(rb);
	return 0;
}

/* §2.2 and §2.4 the same @id, with (min > 0) or without a similarity
 * floor. */
static int
match_ids(struct entry *A, size_t m, struct entry *B, size_t n, long *mo,
    long *mn, double min)
{
	struct ref	*rb, key, *hit;
	size_t		 i, j, k = 0;

	if ((rb = calloc(n ? n : 1, sizeof(*rb))) == NULL)
		return -1;
	for (j = 0; j < n; j++)
		if (mn[j] < 0 && B[j].id != NULL)
			rb[k++] = (struct ref){ &B[j], j };
	qsort(rb, k, sizeof(*rb), ref_id_cmp);
	for (i = 0; i < m; i++) {
		if (mo[i] >= 0 || A[i].id == NULL)
			continue;
		key.en = &A[i];
		hit = bsearch(&key, rb, k, sizeof(*rb), ref_id_cmp);
		if (hit == NULL || mn[hit->i] >= 0 ||
		    (min > 0 && similarity(&A[i], hit->en) < min))
			continue;
		mo[i] = (long)hit->i;
		mn[hit->i] = (long)i;
	}
	free(rb);
	return 0;
}

/* §2.3 the most similar remaining pairs first, greedily. */
static int
match_similar(struct entry *A, size_t m, struct entry *B, size_t n,
    long *mo, long *mn)
{
	size_t		 i, j, ra = 0, rb = 0, np = 0;
	struct pair	*p;
	double		 s;

	for (i = 0; i < m; i++)
		ra += mo[i] < 0;
	for (j = 0; j < n; j++)
		rb += mn[j] < 0;
	if (ra == 0 || rb == 0 || ra * rb > PAIRS_MAX)
		return 0;
	if ((p = calloc(ra * rb, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < m; i++)
		for (j = 0; mo[i] < 0 && j < n; j++)
			if (mn[j] < 0 &&
			    (s = similarity(&A[i], &B[j])) >= SIM_MIN)
				p[np++] = (struct pair){ s, i, j };
	qsort(p, np, sizeof(*p), pair_cmp);
	for (i = 0; i < np; i++) {
		if (mo[p[i].i] >= 0 || mn[p[i].j] >= 0)
			continue;
		mo[p[i].i] = (long)p[i].j;
		mn[p[i].j] = (long)p[i].i;
	}
	free(p);
	return 0;
}

/*
 * §3 Moves: the matched entries whose old positions, read in new order,
 * form a longest increasing subsequence stayed in place; the others
 * moved.  Patience sorting, O(k log k).  Sets moved[j] for new entries.
 */
static int
find_moves(const long *mn, size_t n, char *moved)
{
	size_t	*tail, *prev, *seq, len = 0, k = 0, i, lo, hi, mid;
	int	 rc = -1;

	tail = calloc(n + 1, sizeof(*tail));
	prev = calloc(n + 1, sizeof(*prev));
	seq = calloc(n + 1, sizeof(*seq));
	if (!tail || !prev || !seq)
		goto out;
	for (i = 0; i < n; i++)
		if (mn[i] >= 0) {
			seq[k++] = i;
			moved[i] = 1;
		}
	/* tail[l]: index into seq of the smallest end of an increasing run
	 * of length l + 1. */
	for (i = 0; i < k; i++) {
		long v = mn[seq[i]];

		lo = 0;
		hi = len;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (mn[seq[tail[mid]]] < v)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : (size_t)-1;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	if (len > 0)
		for (i = tail[len - 1]; i != (size_t)-1; i = prev[i])
			moved[seq[i]] = 0;
	rc = 0;
out:
	free(tail);
	free(prev);
	free(seq);
	return rc;
}

struct del {
	long	 anchor;
	size_t	 i;
};

static int
del_cmp(const void *a, const void *b)
{
	const struct del *x = a, *y = b;

	if (x->anchor != y->anchor)
		return x->anchor < y->anchor ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The entries of one repeating part, O[] in old and N[] in new (§2-§4). */
static void
diff_list(struct ctx *x, const struct pia_vnode *list, const xmlNode **O,
    size_t m, const xmlNode **N, size_t n)
{
	struct entry	*A = NULL, *B = NULL;
	long		*mo = NULL, *mn = NULL, last = -1;
	char		*moved = NULL;
	struct del	*dels = NULL;
	size_t		 i, j, nd = 0, d = 0;

	A = calloc(m + 1, sizeof(*A));
	B = calloc(n + 1, sizeof(*B));
	mo = malloc((m + 1) * sizeof(*mo));
	mn = malloc((n + 1) * sizeof(*mn));
	moved = calloc(n + 1, 1);
	dels = calloc(m + 1, sizeof(*dels));
	if (!A || !B || !mo || !mn || !moved || !dels)
		goto oom;
	for (i = 0; i < m; i++)
		if ((mo[i] = -1, fingerprint(&A[i], O[i])) == -1)
			goto oom;
	for (j = 0; j < n; j++)
		if ((mn[j] = -1, fingerprint(&B[j], N[j])) == -1)
			goto oom;
	if (match_identical(A, m, B, n, mo, mn) == -1 ||
	    match_ids(A, m, B, n, mo, mn, SIM_MIN) == -1 ||
	    match_similar(A, m, B, n, mo, mn) == -1 ||
	    match_ids(A, m, B, n, mo, mn, 0) == -1 ||
	    find_moves(mn, n, moved) == -1)
		goto oom;

	/* §4 Removed entries are reported where they stood: after the new
	 * position of the nearest matched entry before them. */
	for (i = 0; i < m; i++) {
		if (mo[i] >= 0)
			last = mo[i];
		else
			dels[nd++] = (struct del){ last, i };
	}
	qsort(dels, nd, sizeof(*dels), del_cmp);
	for (; d < nd && dels[d].anchor < 0; d++)
		emit_entry(x, list, O[dels[d].i], dels[d].i + 1, 0);
	for (j = 0; j < n; j++) {
		if (mn[j] < 0)
			emit_entry(x, list, N[j], j + 1, 1);
		else {
			size_t io = (size_t)mn[j];

			if (moved[j] || io != j) {
				char *b = entry_name(x, list, O[io], io + 1);
				char *a = entry_name(x, list, N[j], j + 1);

				add_row(x, moved[j] ? PIA_CH_MOVE :
				    PIA_CH_RENUM, N[j], O[io], N[j], b, a, 0);
			}
			diff_el(x, O[io], N[j]);
		}
		for (; d < nd && dels[d].anchor == (long)j; d++)
			emit_entry(x, list, O[dels[d].i], dels[d].i + 1, 0);
	}
	goto out;
oom:
	x->oom = 1;
out:
	for (i = 0; A && i < m; i++)
		free(A[i].h);
	for (j = 0; B && j < n; j++)
		free(B[j].h);
	free(A);
	free(B);
	free(mo);
	free(mn);
	free(moved);
	free(dels);
}

struct kids {
	const xmlNode	**v;
	size_t		  n;
	char		 *used;
};

static int
kids_get(const xmlNode *e, struct kids *k)
{
	const xmlNode	*c;

	k->n = 0;
	for (c = e->children; c != NULL; c = c->next)
		k->n += is_pia(c);
	k->v = calloc(k->n + 1, sizeof(*k->v));
	k->used = calloc(k->n + 1, 1);
	if (k->v == NULL || k->used == NULL)
		return -1;
	k->n = 0;
	for (c = e->children; c != NULL; c = c->next)
		if (is_pia(c))
			k->v[k->n++] = c;
	return 0;
}

/* Collects the unused children named name into out, marking them. */
static size_t
kids_take(struct kids *k, const xmlChar *name, const xmlNode **out)
{
	size_t	 i, n = 0;

	for (i = 0; i < k->n; i++)
		if (!k->used[i] && xmlStrEqual(k->v[i]->name, name)) {
			k->used[i] = 1;
			out[n++] = k->v[i];
		}
	return n;
}

/*
 * §1 Two elements at the same place of the form: a field is compared
 * (§4); otherwise the children are paired, single ones by name, the
 * entries of a repeating part as a list (§2).  Children on one side only
 * are reported whole, those of old after the others.
 */
static void
diff_el(struct ctx *x, const xmlNode *o, const xmlNode *n)
{
	const struct pia_vnode	*vn = vn_of(x, n), *cv;
	struct kids		 ko = { 0 }, kn = { 0 };
	const xmlNode		**lo = NULL, **ln = NULL;
	size_t			 i, j, a, b;

	if (vn == NULL || x->oom)
		return;
	if (pia_vnode_type(vn) == PIA_V_FIELD) {
		diff_field(x, vn, o, n);
		return;
	}
	if (kids_get(o, &ko) == -1 || kids_get(n, &kn) == -1)
		goto oom;
	lo = calloc(ko.n + 1, sizeof(*lo));
	ln = calloc(kn.n + 1, sizeof(*ln));
	if (lo == NULL || ln == NULL)
		goto oom;
	for (j = 0; j < kn.n; j++) {
		const xmlNode *c = kn.v[j];

		if (kn.used[j])
			continue;
		cv = vn_of(x, c);
		if (cv != NULL && pia_vnode_type(cv) == PIA_V_SECTION &&
		    pia_vnode_el(cv) != NULL &&
		    strcmp(pia_vnode_el(cv), PIA_CHANGES_EL) == 0) {
			kn.used[j] = 1;
			kids_take(&ko, c->name, lo);
			continue;
		}
		if (is_entry(cv, c)) {
			a = kids_take(&ko, c->name, lo);
			b = kids_take(&kn, c->name, ln);
			diff_list(x, cv, lo, a, ln, b);
			continue;
		}
		kn.used[j] = 1;
		for (i = 0; i < ko.n; i++)
			if (!ko.used[i] && xmlStrEqual(ko.v[i]->name,
			    c->name))
				break;
		if (i < ko.n) {
			ko.used[i] = 1;
			diff_el(x, ko.v[i], c);
		} else
			emit_subtree(x, c, 1, 0);
	}
	for (i = 0; i < ko.n; i++) {
		const xmlNode *c = ko.v[i];

		if (ko.used[i])
			continue;
		cv = vn_of(x, c);
		if (cv != NULL && pia_vnode_type(cv) == PIA_V_SECTION &&
		    pia_vnode_el(cv) != NULL &&
		    strcmp(pia_vnode_el(cv), PIA_CHANGES_EL) == 0)
			continue;
		if (is_entry(cv, c)) {
			a = kids_take(&ko, c->name, lo);
			diff_list(x, cv, lo, a, ln, 0);
			continue;
		}
		ko.used[i] = 1;
		emit_subtree(x, c, 0, 0);
	}
	goto out;
oom:
	x->oom = 1;
out:
	free(ko.v);
	free(ko.used);
	free(kn.v);
	free(kn.used);
	free(lo);
	free(ln);
}

/* §6 Stable ids: a hash of the row's content, made unique. */
static int
idx_id_cmp(const void *a, const void *b)
{
	const struct pia_change *x = *(struct pia_change *const *)a;
	const struct pia_change *y = *(struct pia_change *const *)b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

static uint32_t
row_hash(const struct pia_change *c)
{
	uint64_t h = FNV0;

	h = fnv(h, c->item, strlen(c->item) + 1);
	h = fnv(h, c->before, strlen(c->before) + 1);
	h = fnv(h, c->after, strlen(c->after));
	return (uint32_t)(h ^ (h >> 32));
}

static int
make_ids(struct pia_changes *ch)
{
	struct pia_change	**p;
	size_t			  i, k;
	char			 *s;

	for (i = 0; i < ch->n; i++)
		if (asprintf(&ch->v[i].id, "change-%08x",
		    (unsigned)row_hash(&ch->v[i])) < 0) {
			ch->v[i].id = NULL;
			return -1;
		}
	if ((p = calloc(ch->n + 1, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < ch->n; i++)
		p[i] = &ch->v[i];
	qsort(p, ch->n, sizeof(*p), idx_id_cmp);
	for (i = 1, k = 2; i < ch->n; i++) {
		if (strncmp(p[i]->id, p[i - 1]->id, 15) != 0) {
			k = 2;
			continue;
		}
		if (asprintf(&s, "%.15s-%zu", p[i]->id, k++) < 0) {
			free(p);
			return -1;
		}
		free(p[i]->id);
		p[i]->id = s;
	}
	free(p);
	return 0;
}

struct pia_changes *
pia_diff(const struct pia_vocab *v, const struct pia_doc *old,
    const struct pia_doc *new, unsigned flags, struct pia_diags *d)
{
	struct ctx	 x;
	const xmlNode	*ro, *rn;

	memset(&x, 0, sizeof(x));
	if (pia_doc_kind(old) != pia_doc_kind(new)) {
		pia_diags_add(d, PIA_ERROR, "diff", pia_doc_name(new), 0, NULL,
		    NULL, "様式が異なります (%s と %s): 同じ様式の評価書どうし"
		    "を比較してください", "the forms differ (%s and %s): "
		    "compare assessments of the same form",
		    pia_kind_id(pia_doc_kind(old)),
		    pia_kind_id(pia_doc_kind(new)));
		return NULL;
	}
	x.v = v;
	x.k = pia_doc_kind(new);
	x.flags = flags;
	if ((x.ch = calloc(1, sizeof(*x.ch))) == NULL)
		goto oom;
	x.ch->kind = x.k;
	ro = xmlDocGetRootElement(pia_doc_xml(old));
	rn = xmlDocGetRootElement(pia_doc_xml(new));
	diff_el(&x, ro, rn);
	if (x.oom || make_ids(x.ch) == -1)
		goto oom;
	return x.ch;
oom:
	pia_diags_add(d, PIA_ERROR, "memory", NULL, 0, NULL, NULL,
	    "メモリが足りません", "out of memory");
	pia_changes_free(x.ch);
	return NULL;
}
