/*
 * pia_msg.h: the catalogue of findings and texts (model/catalogue.def).
 * Every message pia shows comes from it, in Japanese or English.
 */
#ifndef PIA_MSG_H
#define PIA_MSG_H

#include <stdarg.h>
#include <stdio.h>

/** One entry per F() or T() line of model/catalogue.def. */
enum pia_msg {
#define F(name, rule, level, clause, ja, en)	PIA_M_##name,
#define T(name, ja, en)				PIA_M_##name,
#include "catalogue.def"
#undef F
#undef T
	PIA_M__MAX
};

/** A catalogue entry.  level is -1 for a text (not a finding). */
struct pia_msg_entry {
	const char	*name;		/* "OOM": the enum name without PIA_M_ */
	const char	*rule;		/* rule id printed; NULL for a text */
	int		 level;		/* enum pia_level, or -1 for a text */
	const char	*clause;	/* provision requiring it, or NULL */
	const char	*ja, *en;	/* printf formats */
};

/** The entry of m; NULL when m is out of range. */
const struct pia_msg_entry	*pia_msg_get(enum pia_msg m);
/** The format of m in lang ("en" for English, anything else Japanese). */
const char	*pia_msg_fmt(enum pia_msg m, const char *lang);
/** Formats m in lang into a new string; NULL when out of memory. */
char		*pia_msg_str(const char *lang, enum pia_msg m, ...);
char		*pia_msg_vstr(const char *lang, enum pia_msg m, va_list);
/** Prints m in lang to fp; returns what vfprintf returns. */
int		 pia_msg_print(FILE *fp, const char *lang, enum pia_msg m, ...);
int		 pia_msg_vprint(FILE *fp, const char *lang, enum pia_msg m,
		    va_list);
/** The format of m in lang as a reader sees it: every string argument
 *  shown as "…" (MSG_ARG_TEXT), every number as "N" (MSG_ARG_NUMBER), the
 *  argument of the other language ("%.0s") as nothing, "%%" as "%".  For
 *  listings of the catalogue (pia help findings).  A new string, or NULL
 *  when out of memory. */
char		*pia_msg_readable(enum pia_msg m, const char *lang);

#endif
