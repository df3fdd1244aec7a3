/*
 * xpfunc.h: private interface between the rule engine (sch_compile.c,
 * sch_eval.c) and the XPath extension functions of the pia namespace
 * (xpfunc.c).
 */
#ifndef PIA_XPFUNC_H
#define PIA_XPFUNC_H

#include <libxml/xpath.h>

#include "pia.h"

/* A pointer-keyed map (open addressing) for the caches below. */
struct pmap {
	const void	**k;
	const void	**v;
	size_t		  cap, n;
};

/* What the functions see of the evaluation (xmlXPathContext.userData). */
struct xpstate {
	const struct pia_doc	*doc;
	const struct pia_vocab	*vocab;
	enum pia_kind		 kind;
	const char		*lang;		/* "ja" or "en": messages */
	const char		*today;		/* YYYY-MM-DD */
	char			 err[512];	/* last XPath error */
	int			 nerr;
	struct pmap		 vnodes;	/* element -> vocabulary node,
						   for the current document */
	struct pmap		 optional;	/* vocabulary node -> optional */
	char			**starred[PIA_KIND__MAX]; /* ※ item titles */
	size_t			 nstarred[PIA_KIND__MAX];
	int			 starred_done[PIA_KIND__MAX];
	struct pmap		 norms;		/* element -> pia:norm() text */
	const void		*text_node;	/* string value cache */
	char			*text;
};

/** Forgets the per-document caches (call when the document changes). */
void	xpstate_reset(struct xpstate *);
/** Frees the caches. */
void	xpstate_free(struct xpstate *);

/** Registers every pia:* function on the context. */
int	xpfunc_register(xmlXPathContext *);
/** Whether pia:name exists, and its arity range. */
int	xpfunc_known(const char *name);
/** The function pia:name (arity-checked wrapper), or NULL. */
xmlXPathFunction xpfunc_lookup(const char *name);
/** Whether name is an XPath 1.0 core function. */
int	xpfunc_core(const char *name);

#endif
