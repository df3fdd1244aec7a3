/* fuzz.h: what the libFuzzer harnesses of tests/fuzz/ share: setup once,
 * and the check that turns a broken promise into a crash. */
#ifndef PIA_FUZZ_H
#define PIA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pia.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A promise of the library that the input broke: print it and abort, so
 * that libFuzzer (or the replay driver) keeps the input. */
#define FUZZ_PROMISE(cond, what) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz: broken promise: %s (%s:%d)\n",	\
		    (what), __FILE__, __LINE__);			\
		abort();						\
	}								\
} while (0)

/* Sets PIA_DATADIR to the repository (the harnesses run from its root,
 * or with PIA_DATADIR set) and loads the default vocabulary once. */
static const struct pia_vocab *
fuzz_vocab(void)
{
	static struct pia_vocab	*v;
	struct pia_diags	*d;

	if (v != NULL)
		return v;
	setenv("PIA_DATADIR", ".", 0);
	if ((d = pia_diags_new()) == NULL)
		abort();
	if ((v = pia_vocab_load_default(d)) == NULL) {
		fprintf(stderr, "fuzz: no vocabulary (run from the "
		    "repository root or set PIA_DATADIR)\n");
		exit(2);
	}
	pia_diags_free(d);
	return v;
}

/* Whether d holds a finding of level at least lvl. */
static inline int
fuzz_has(const struct pia_diags *d, enum pia_level lvl)
{
	size_t	i;

	for (i = 0; i < pia_diags_count(d); i++)
		if (pia_diags_get(d, i)->level >= lvl)
			return 1;
	return 0;
}

#endif /* PIA_FUZZ_H */
