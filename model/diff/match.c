/*
 * match.c: the entries of a repeating part (システム, 委託事項, 提供先, ...)
 * paired between two revisions: content fingerprints and the four
 * matching phases (model/diff/diff.md §2), then the entries that moved
 * (§3).  Called by the walk (diff.c) once per repeating part.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"
#include "extern.h"

/* An entry of a repeating part and its content fingerprint (§2). */
struct entry {
	const xmlNode	*e;
	const char	*id;
	uint64_t	*h;		/* sorted hashes of its non-empty leaves */
	size_t		 nh;
	uint64_t	 whole;		/* hash of h[] */
};

/* §2 Fingerprints */

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
	const char	*opt = pia_attr(e, "option");
	int		 text = 0;

	path = diff_fnv(path, e->name, strlen((const char *)e->name) + 1);
	if (opt != NULL) {
		t = diff_fnv(path, opt, strlen(opt));
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
				t = diff_fnv(t, p, 1);
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
	en->id = pia_attr(e, "id");
	leaf_hashes(e, DIFF_FNV0, &h);
	if (h.oom) {
		free(h.v);
		return -1;
	}
	qsort(h.v, h.n, sizeof(*h.v), u64cmp);
	en->h = h.v;
	en->nh = h.n;
	en->whole = DIFF_FNV0;
	for (i = 0; i < h.n; i++)
		en->whole = diff_fnv(en->whole, &h.v[i], sizeof(h.v[i]));
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

/* §2 then §3 for the entries of one repeating part (extern.h). */
int
diff_match(const xmlNode **O, size_t m, const xmlNode **N, size_t n,
    long *mo, long *mn, char *moved)
{
	struct entry	*A, *B;
	size_t		 i, j;
	int		 rc = -1;

	A = calloc(m + 1, sizeof(*A));
	B = calloc(n + 1, sizeof(*B));
	if (A == NULL || B == NULL)
		goto out;
	for (i = 0; i < m; i++)
		if ((mo[i] = -1, fingerprint(&A[i], O[i])) == -1)
			goto out;
	for (j = 0; j < n; j++)
		if ((mn[j] = -1, fingerprint(&B[j], N[j])) == -1)
			goto out;
	if (match_identical(A, m, B, n, mo, mn) == -1 ||
	    match_ids(A, m, B, n, mo, mn, SIM_MIN) == -1 ||
	    match_similar(A, m, B, n, mo, mn) == -1 ||
	    match_ids(A, m, B, n, mo, mn, 0) == -1 ||
	    find_moves(mn, n, moved) == -1)
		goto out;
	rc = 0;
out:
	for (i = 0; A != NULL && i < m; i++)
		free(A[i].h);
	for (j = 0; B != NULL && j < n; j++)
		free(B[j].h);
	free(A);
	free(B);
	return rc;
}
