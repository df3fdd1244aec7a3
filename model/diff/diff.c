/*
 * diff.c: the difference of two revisions of an assessment as rows of the
 * 変更箇所 table (pia_diff.h): the walk of both trees (§1), the rows of
 * fields and entries (§4, §5) and their ids (§6).  The algorithm is
 * described in model/diff/diff.md; the comments below cite its phases.
 * The entries of repeating parts are paired in match.c (§2, §3).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_diff.h"
#include "extern.h"

struct ctx {
	const struct pia_vocab	*v;
	enum pia_kind		 k;
	unsigned		 flags;
	struct pia_changes	*ch;
	int			 oom;
};

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
	int			  i;

	if (ol == NULL || (i = pia_optlist_find_key(ol,
	    t == PIA_TIMING_PRE ? "pre" : "post")) < 0)
		return "";
	return pia_optlist_text(ol, (size_t)i);
}

/* FNV-1a (extern.h). */
uint64_t
diff_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	while (n-- > 0) {
		h ^= *u++;
		h *= 1099511628211ULL;
	}
	return h;
}

static int
is_pia(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PIA_NS) == 0;
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
	pia_doc_free(ch->own_old);
	pia_doc_free(ch->own_new);
	pia_vocab_free(ch->own_vocab);
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

const struct pia_vocab *
pia_changes_vocab(const struct pia_changes *ch)
{
	return ch->vocab;
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
		c->reason_ja = pia_msg_fmt(PIA_M_DIFF_REASON_RENUM, "ja");
		c->reason_en = pia_msg_fmt(PIA_M_DIFF_REASON_RENUM, "en");
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

/* The entries of one repeating part, O[] in old and N[] in new: paired
 * (match.c, §2, §3), then reported (§4). */
static void
diff_list(struct ctx *x, const struct pia_vnode *list, const xmlNode **O,
    size_t m, const xmlNode **N, size_t n)
{
	long		*mo = NULL, *mn = NULL, last = -1;
	char		*moved = NULL;
	struct del	*dels = NULL;
	size_t		 i, j, nd = 0, d = 0;

	mo = malloc((m + 1) * sizeof(*mo));
	mn = malloc((n + 1) * sizeof(*mn));
	moved = calloc(n + 1, 1);
	dels = calloc(m + 1, sizeof(*dels));
	if (!mo || !mn || !moved || !dels ||
	    diff_match(O, m, N, n, mo, mn, moved) == -1)
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
	uint64_t h = DIFF_FNV0;

	h = diff_fnv(h, c->item, strlen(c->item) + 1);
	h = diff_fnv(h, c->before, strlen(c->before) + 1);
	h = diff_fnv(h, c->after, strlen(c->after));
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
	pia_node_pos_forget();
	if (pia_doc_kind(old) != pia_doc_kind(new)) {
		pia_diag(d, PIA_M_DIFF_KINDS, pia_doc_name(new), 0, NULL,
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
	x.ch->vocab = v;
	ro = xmlDocGetRootElement(pia_doc_xml(old));
	rn = xmlDocGetRootElement(pia_doc_xml(new));
	diff_el(&x, ro, rn);
	if (x.oom || make_ids(x.ch) == -1)
		goto oom;
	return x.ch;
oom:
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	pia_changes_free(x.ch);
	return NULL;
}

struct pia_changes *
pia_diff_files(const char *oldpath, const char *newpath, unsigned flags,
    struct pia_diags *d)
{
	struct pia_vocab	*v;
	struct pia_doc		*o = NULL, *n = NULL;
	struct pia_changes	*ch = NULL;

	if ((v = pia_vocab_load_default(d)) == NULL)
		return NULL;
	o = pia_doc_load(oldpath, NULL, d);
	n = pia_doc_load(newpath, NULL, d);
	if (o == NULL || n == NULL ||
	    (ch = pia_diff(v, o, n, flags, d)) == NULL) {
		pia_doc_free(o);
		pia_doc_free(n);
		pia_vocab_free(v);
		return NULL;
	}
	ch->own_vocab = v;
	ch->own_old = o;
	ch->own_new = n;
	return ch;
}
