/*
 * wdiff.c: word-level difference of two texts (pia_word_diff), so that a
 * reviewer sees which words of a 500-character paragraph changed.  Words
 * come from ICU's word break iterator (pia_word_bounds), which segments
 * Japanese with its dictionary; the alignment is a longest common
 * subsequence of words (model/diff/diff.md §7).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_diff.h"

#define CELLS_MAX	(4u * 1000 * 1000)

struct spans {
	struct pia_wspan	*v;
	size_t			 n, cap;
	int			 oom;
};

static void
push(struct spans *s, enum pia_wop op, size_t off, size_t len)
{
	struct pia_wspan *nv;

	if (len == 0 || s->oom)
		return;
	/* Merge with the previous span of the same operation when adjacent. */
	if (s->n > 0 && s->v[s->n - 1].op == op &&
	    s->v[s->n - 1].off + s->v[s->n - 1].len == off) {
		s->v[s->n - 1].len += len;
		return;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		if ((nv = realloc(s->v, cap * sizeof(*nv))) == NULL) {
			s->oom = 1;
			return;
		}
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = (struct pia_wspan){ op, off, len };
}

/*
 * §7 Semantic cleanup: in a rewritten sentence the LCS keeps stray
 * particles and commas ("の", "、") as equal, which cuts the change into
 * shreds.  An equal span of at most SHORT_EQ bytes between two changes is
 * folded into them; each run of changes then becomes one DEL followed by
 * one INS (contiguous in a and in b respectively).
 */
#define SHORT_EQ	6	/* two Japanese characters */

static int
cleanup(struct spans *in, struct pia_wspan **out)
{
	struct spans	 s = { 0 };
	size_t		 i, pa = 0, pb = 0, d0 = 0, dl = 0, i0 = 0, il = 0;
	int		 fold;

	for (i = 0; i < in->n; i++) {
		struct pia_wspan *w = &in->v[i];

		fold = w->op == PIA_W_EQ && w->len <= SHORT_EQ && i > 0 &&
		    i + 1 < in->n && in->v[i - 1].op != PIA_W_EQ &&
		    in->v[i + 1].op != PIA_W_EQ;
		if (w->op == PIA_W_DEL || fold) {
			if (dl == 0)
				d0 = pa;
			dl += w->len;
			pa += w->len;
		}
		if (w->op == PIA_W_INS || fold) {
			if (il == 0)
				i0 = pb;
			il += w->len;
			pb += w->len;
		}
		if (w->op != PIA_W_EQ || fold)
			continue;
		if (dl) push(&s, PIA_W_DEL, d0, dl);
		if (il) push(&s, PIA_W_INS, i0, il);
		dl = il = 0;
		push(&s, PIA_W_EQ, pa, w->len);
		pa += w->len;
		pb += w->len;
	}
	if (dl) push(&s, PIA_W_DEL, d0, dl);
	if (il) push(&s, PIA_W_INS, i0, il);
	free(in->v);
	if (s.oom) {
		free(s.v);
		return -1;
	}
	*out = s.v;
	return (int)s.n;
}

static int
tok_eq(const char *a, const size_t *ba, size_t i, const char *b,
    const size_t *bb, size_t j)
{
	size_t la = ba[i + 1] - ba[i], lb = bb[j + 1] - bb[j];

	return la == lb && memcmp(a + ba[i], b + bb[j], la) == 0;
}

int
pia_word_diff(const char *a, const char *b, struct pia_wspan **out)
{
	size_t		*ba = NULL, *bb = NULL, p = 0, sa, sb, i, j, m, n;
	uint32_t	*t = NULL;
	struct spans	 s = { 0 };
	int		 na, nb;
	/* DEL and INS runs are gathered and flushed together so that the
	 * result reads "deleted words, inserted words" per changed run. */
	size_t		 d0 = 0, dl = 0, i0 = 0, il = 0;

	*out = NULL;
	if ((na = pia_word_bounds(a, &ba)) < 0 ||
	    (nb = pia_word_bounds(b, &bb)) < 0) {
		free(ba);
		return -1;
	}
	/* Common prefix and suffix of words. */
	while (p < (size_t)na && p < (size_t)nb && tok_eq(a, ba, p, b, bb, p))
		p++;
	sa = (size_t)na;
	sb = (size_t)nb;
	while (sa > p && sb > p && tok_eq(a, ba, sa - 1, b, bb, sb - 1)) {
		sa--;
		sb--;
	}
	push(&s, PIA_W_EQ, 0, ba[p]);
	m = sa - p;
	n = sb - p;
	if (m > 0 && n > 0 && (m + 1) * (n + 1) <= CELLS_MAX &&
	    (t = calloc((m + 1) * (n + 1), sizeof(*t))) != NULL) {
		/* t[i][j]: LCS length of the words i.. of a and j.. of b. */
#define T(i, j)	t[(i) * (n + 1) + (j)]
		for (i = m; i-- > 0;)
			for (j = n; j-- > 0;)
				T(i, j) = tok_eq(a, ba, p + i, b, bb, p + j) ?
				    T(i + 1, j + 1) + 1 :
				    (T(i + 1, j) >= T(i, j + 1) ?
				    T(i + 1, j) : T(i, j + 1));
		for (i = j = 0; i < m || j < n;) {
			if (i < m && j < n &&
			    tok_eq(a, ba, p + i, b, bb, p + j)) {
				if (dl) push(&s, PIA_W_DEL, d0, dl);
				if (il) push(&s, PIA_W_INS, i0, il);
				dl = il = 0;
				push(&s, PIA_W_EQ, ba[p + i],
				    ba[p + i + 1] - ba[p + i]);
				i++;
				j++;
			} else if (j == n || (i < m &&
			    T(i + 1, j) >= T(i, j + 1))) {
				if (dl == 0)
					d0 = ba[p + i];
				dl += ba[p + i + 1] - ba[p + i];
				i++;
			} else {
				if (il == 0)
					i0 = bb[p + j];
				il += bb[p + j + 1] - bb[p + j];
				j++;
			}
		}
#undef T
		if (dl) push(&s, PIA_W_DEL, d0, dl);
		if (il) push(&s, PIA_W_INS, i0, il);
	} else {
		push(&s, PIA_W_DEL, ba[p], ba[sa] - ba[p]);
		push(&s, PIA_W_INS, bb[p], bb[sb] - bb[p]);
	}
	push(&s, PIA_W_EQ, ba[sa], ba[na] - ba[sa]);
	free(t);
	free(ba);
	free(bb);
	if (s.oom) {
		free(s.v);
		return -1;
	}
	return cleanup(&s, out);
}
