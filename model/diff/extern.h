/*
 * extern.h: what the files of model/diff/ share (diff.c, match.c,
 * history.c); not part of the API (pia_diff.h is).
 */
#ifndef PIA_DIFF_EXTERN_H
#define PIA_DIFF_EXTERN_H

#include <stdint.h>

#include "pia.h"
#include "pia_diff.h"

/* The rows of a diff, and what pia_diff_files() loaded for them. */
struct pia_changes {
	enum pia_kind		 kind;
	struct pia_change	*v;
	size_t			 n, cap;
	const struct pia_vocab	*vocab;
	/* Owned when made by pia_diff_files(), else NULL. */
	struct pia_vocab	*own_vocab;
	struct pia_doc		*own_old, *own_new;
};

/* FNV-1a, 64 bits: the hashes of fingerprints (§2) and row ids (§6). */
#define DIFF_FNV0	14695981039346656037ULL
uint64_t	 diff_fnv(uint64_t h, const void *p, size_t n);

/*
 * §2 and §3 (match.c): pairs the entries O[0..m) of a repeating part in
 * the old document with N[0..n) in the new one.  Sets mo[i] to the new
 * index of old entry i and mn[j] to the old index of new entry j (-1:
 * none), and moved[j] for a matched new entry that moved.  Returns -1
 * when out of memory.
 */
int		 diff_match(const xmlNode **O, size_t m, const xmlNode **N,
		    size_t n, long *mo, long *mn, char *moved);

#endif
