/*
 * xpfunc.h: private interface between the rule engine (sch.c) and the
 * XPath extension functions of the pia namespace (xpfunc.c).
 */
#ifndef PIA_XPFUNC_H
#define PIA_XPFUNC_H

#include <libxml/xpath.h>

#include "pia.h"

/* What the functions see of the evaluation (xmlXPathContext.userData). */
struct xpstate {
	const struct pia_doc	*doc;
	const struct pia_vocab	*vocab;
	enum pia_kind		 kind;
	const char		*lang;		/* "ja" or "en": messages */
	const char		*today;		/* YYYY-MM-DD */
	char			 err[512];	/* last XPath error */
	int			 nerr;
};

/** Registers every pia:* function on the context. */
int	xpfunc_register(xmlXPathContext *);
/** Whether pia:name exists, and its arity range. */
int	xpfunc_known(const char *name);
/** Whether name is an XPath 1.0 core function. */
int	xpfunc_core(const char *name);

#endif
