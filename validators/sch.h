/*
 * sch.h: private interface of the rule engine, between the compiler of
 * rule files (sch_compile.c), the evaluator (sch_eval.c) and the
 * validation pipeline (validate.c).  A struct pia_rules is built once by
 * the compiler and never changed by an evaluation: any number of threads
 * may evaluate it at the same time, each with its own struct sch_eval.
 */
#ifndef PIA_SCH_H
#define PIA_SCH_H

#include <libxml/xpath.h>

#include "pia.h"
#include "xpfunc.h"

#define SCH_NS	"http://purl.oclc.org/dsdl/schematron"

/* A message of an assert or report: text and value-of / name parts. */
enum { P_TEXT, P_VALUE, P_NAME };

struct part {
	int			 type;
	char			*text;
	xmlXPathCompExpr	*comp;
};

struct msg {
	struct part	*v;
	size_t		 n;
};

struct let {
	char			*name;
	xmlXPathCompExpr	*comp;
};

struct lets {
	struct let	*v;
	size_t		 n;
};

/* Fast tests: see fast_test() in sch_compile.c. */
enum { FAST_BOOL = 1, FAST_NOT, FAST_EMPTY };

/* An assert or a report. */
struct check {
	char			*id;
	int			 report;
	int			 on;		/* kept by the filter */
	enum pia_level		 level;
	xmlXPathCompExpr	*test, *subject;
	xmlXPathFunction	 fast;		/* see fast_test() */
	int			 fast_kind, fast_alone;
	struct msg		 msg[2];	/* ja, en */
	char			*desc[2];	/* the message with "…" for
						   its computed parts */
	char			*source;
	long			 line;
	size_t			 schema;
};

/* An alternative of a rule context whose first step is a plain element
 * name: evaluated from the document's index of elements by name, as
 * "self::" + the alternative, instead of a walk of the whole document. */
struct alt {
	char			*local, *uri;	/* local NULL: any name (a:*) */
	xmlXPathCompExpr	*self;		/* NULL: nothing more to test */
	xmlXPathFunction	 fast;		/* a:*[pia:f()]: f called directly */
};

struct rule {
	xmlXPathCompExpr	*context, *subject;
	struct alt		*alts;		/* NULL: evaluate context */
	size_t			 nalts;
	struct lets		 lets;
	struct check		*v;
	size_t			 n;
};

struct pattern {
	size_t		 schema;
	struct lets	 lets;
	struct rule	*v;
	size_t		 n;
};

struct ns {
	char	*prefix, *uri;
};

/* One rule file. */
struct schema {
	char		*file;
	char		*title;		/* its <title>, squeezed, or NULL */
	struct ns	*ns;
	size_t		 nns;
	struct lets	 lets;
};

/* Compiled rule sets, in load order. */
struct pia_rules {
	struct schema	*sch;
	size_t		 nsch;
	struct pattern	*pat;
	size_t		 npat;
	char		 today[11];
	char		*only, *skip;
};

/* ---- sch_compile.c: loading rule files ---- */

/** An empty rule set; today is "YYYY-MM-DD" (NULL: the local date). */
struct pia_rules	*pia_rules_new(const char *today);
void			 pia_rules_free(struct pia_rules *);
/** Loads and compiles one Schematron file and adds its rules.  Every
 *  problem (not well-formed, unsupported element, XPath syntax error,
 *  unknown function, prefix or variable, missing or repeated id, bad
 *  role) is an error finding with the file:line of the rule file and the
 *  rule id; then nothing of the file is added and -1 is returned. */
int			 pia_rules_load(struct pia_rules *, const char *path,
			    struct pia_diags *);
/** Loads the built-in rule sets validators/rules/NAME.sch from the data
 *  directory, for NAME in pia_rules_builtin[]. */
int			 pia_rules_load_builtin(struct pia_rules *,
			    struct pia_diags *);
extern const char *const pia_rules_builtin[];
/** Number of asserts and reports loaded, and the i-th of them in load
 *  order (NULL when out of range). */
size_t			 pia_rules_check_count(const struct pia_rules *);
const struct check	*pia_rules_check(const struct pia_rules *, size_t i);
/** Whether id matches one of the comma-separated fnmatch(3) patterns of
 *  list. */
int			 pia_rules_match(const char *list, const char *id);
/** Keeps only the checks whose id matches one of the patterns of only
 *  (NULL: all), minus those matching skip. */
int			 pia_rules_filter(struct pia_rules *, const char *only,
			    const char *skip);
/** Whether a finding of rule id passes the filter. */
int			 pia_rules_wanted(const struct pia_rules *,
			    const char *id);
/** The file of rule set i. */
const char		*pia_rules_file(const struct pia_rules *, size_t i);
/** The <title> of rule file i, or NULL. */
const char		*pia_rules_title(const struct pia_rules *, size_t i);

/** Whitespace of the rule file: runs become one space, none between two
 *  non-ASCII characters (Japanese text broken over lines), trimmed.
 *  Malloc'd; NULL when out of memory. */
char			*sch_squeeze(const char *);
/** Records the first XPath error of a compilation or an evaluation in
 *  the struct xpstate given as the context's userData. */
void			 sch_xp_error(void *, xmlError *);

/* ---- sch_eval.c: running compiled rules on a document ---- */

struct sch_eval;

/** Evaluation state: an XPath context with the pia functions, the
 *  caches of the functions and the index of the current document.  One
 *  per thread; reused from document to document. */
struct sch_eval	*sch_eval_new(void);
void		 sch_eval_free(struct sch_eval *);
/** Runs every rule kept by the filter on doc.  Each failed assert or
 *  successful report is a finding of its role.  Returns the number of
 *  findings, or -1 on a system failure. */
int		 sch_eval_run(struct sch_eval *, const struct pia_rules *,
		    const struct pia_doc *, const struct pia_vocab *,
		    struct pia_diags *);

#endif
