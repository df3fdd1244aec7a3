/*
 * pia_review.h: pia review, what a commission checks when a revision is
 * submitted (指針 第10, 審査の観点): the 変更箇所 rows the document declares
 * since the previous revision matched with the differences pia_diff()
 * finds, the 審査の観点 checklist (validators/review-points.xml) with the
 * findings bearing on each point, the procedure timeline, and the
 * findings of the validation pipeline for the new revision.
 */
#ifndef PIA_REVIEW_H
#define PIA_REVIEW_H

#include "pia.h"
#include "pia_diff.h"
#include "pia_validators.h"

/** How a declared row compares with the differences found. */
enum pia_made {
	PIA_MADE_NOT,		/* no difference matches the row */
	PIA_MADE_YES,		/* made as declared */
	PIA_MADE_OTHER		/* the item changed, to another value */
};

/** A row of the 変更箇所 of NEW that OLD does not have. */
struct pia_review_decl {
	char		*date, *item, *before, *after, *timing, *reason;
	long		 line;		/* in NEW */
	char		*xpath;
	enum pia_made	 made;
	char		*actual;	/* what the item became (PIA_MADE_OTHER) */
	/* 提出時期 as pia would propose it, and why, when it disagrees */
	int		 timing_bad;
	const char	*proposed;	/* option text ("事前") */
	const char	*why_ja, *why_en;
};

/** A point of the 審査の観点. */
struct pia_review_point {
	char		*id, *group;	/* group "fit" 適合性, "val" 妥当性 */
	char		*ja, *en;
	char		*question_ja, *question_en;	/* or NULL */
	char		*question_xpath;	/* node asked about, or NULL */
	long		 question_line;	/* its line in NEW, or 0 */
	size_t		*finds;		/* indexes into findings */
	size_t		 nfinds;
};

/** A date of the procedure. */
struct pia_review_event {
	char		*key, *ja, *en;
	char		 date[11];	/* "YYYY-MM-DD", or "" when blank */
	long		 line;
	size_t		*finds;		/* indexes into findings */
	size_t		 nfinds;
};

/** The review of NEW against OLD. */
struct pia_review {
	char			*old_name, *new_name;
	enum pia_kind		 kind;
	const struct pia_changes *ch;	/* the differences found */
	size_t			*undeclared;	/* indexes into ch */
	size_t			 nundeclared;
	struct pia_review_decl	*decl;
	size_t			 ndecl;
	struct pia_review_point	*points;
	size_t			 npoints;
	struct pia_review_event	*events;	/* in date order */
	size_t			 nevents;
	/** Findings of the validation of NEW, sorted by line, then those
	 *  of the review itself (rules review-*). */
	struct pia_diags	*findings;
	void			*priv;
};

/**
 * Reviews newpath against oldpath, each an assessment (XML) or a
 * published text (*.txt, imported with pia_import_file()), validating
 * NEW with v.  NULL with findings in d when a file does not load or the
 * forms differ, or on a system failure.
 */
struct pia_review	*pia_review_files(const struct pia_validator *v,
			    const char *oldpath, const char *newpath,
			    struct pia_diags *d);
void			 pia_review_free(struct pia_review *);
/** Number of things to report: review findings and the errors and
 *  warnings of NEW. */
size_t			 pia_review_count(const struct pia_review *);
/** The printed section a finding belongs to: the label of the top-level
 *  element of its XPath in lang, or "" when it has none. */
char			*pia_review_section(const struct pia_review *,
			    const struct pia_diag *, const char *lang);

/** Prints the review as text or JSON in lang (malloc'd into *buf). */
int			 pia_review_print_text(const struct pia_review *,
			    const char *lang, char **buf, size_t *len);
int			 pia_review_print_json(const struct pia_review *,
			    const char *lang, char **buf, size_t *len);

/* ------------------------------------------------------------------ */
/* pia review --batch: a summary over many documents                    */
/* ------------------------------------------------------------------ */

/** One document of a batch. */
struct pia_batch_doc {
	char			*file;
	enum pia_kind		 kind;		/* PIA_KIND_NONE: did not load */
	char			*body;		/* @body, or NULL */
	char			*published;	/* 公表日 as written, or NULL */
	char			 due[11];	/* 再実施 due (規則15条), or "" */
	struct pia_diags	*d;		/* its findings */
	size_t			 errors, warnings;
};

struct pia_batch {
	struct pia_batch_doc	*docs;
	size_t			 n;
	char			 today[11];
};

/** Called after each document (from the thread that did it, one at a
 *  time): done of n. */
typedef void	(*pia_batch_progress)(size_t done, size_t n, void *arg);

/**
 * Validates files[0..n) (assessments, or published text *.txt imported
 * on the fly) with njobs threads sharing v; today ("YYYY-MM-DD", NULL:
 * the local date) sets which documents are due for re-assessment within
 * the next year.  NULL with findings on a system failure; a document
 * that does not load is a document with findings.
 */
struct pia_batch	*pia_batch_run(const struct pia_validator *v,
			    char *const *files, size_t n, long njobs,
			    const char *today, pia_batch_progress, void *arg,
			    struct pia_diags *d);
void			 pia_batch_free(struct pia_batch *);
/** The summary as JSON or as a standalone HTML page, in lang. */
int			 pia_batch_print_json(const struct pia_batch *,
			    const char *lang, char **buf, size_t *len);
int			 pia_batch_print_html(const struct pia_batch *,
			    const char *lang, char **buf, size_t *len);

#endif /* PIA_REVIEW_H */
