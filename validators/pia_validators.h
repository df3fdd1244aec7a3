/*
 * pia_validators.h: what checks an assessment.  Two stages: the XSD
 * generated from the vocabulary (schema.c), then rule sets written in ISO
 * Schematron (validators/rules/NAME.sch) that our own engine compiles
 * (sch_compile.c) and evaluates (sch_eval.c) with libxml2's XPath 1.0 and
 * the C extension functions of the pia namespace (xpfunc.c).  One call,
 * pia_validate(), runs the whole pipeline (validate.c); every stage
 * appends findings to a struct pia_diags.  Also the しきい値判断 table
 * (threshold.c).
 */
#ifndef PIA_VALIDATORS_H
#define PIA_VALIDATORS_H

#include "pia.h"

struct pia_schema;

/** Loads and compiles the XSD of one kind (model/schema/pia-<kind>.xsd
 *  from the data directory).  NULL with findings on error.  A compiled
 *  schema may be shared by threads that validate at the same time. */
struct pia_schema	*pia_schema_load(enum pia_kind, struct pia_diags *);
void			 pia_schema_free(struct pia_schema *);

/** Validates doc against the schema of its kind.  Each violation becomes
 *  an error finding (rule "schema") with file:line, the XPath of the node,
 *  and a message that names the field by its printed label and 項目 path
 *  (vocab may be NULL: element names only).  Returns the number of
 *  violations, or -1 on a system failure. */
int			 pia_schema_validate(const struct pia_schema *,
			    const struct pia_doc *, const struct pia_vocab *,
			    struct pia_diags *);


/* ------------------------------------------------------------------ */
/* しきい値判断 (rules.md §1.2, 指針 第5の2)                             */
/* ------------------------------------------------------------------ */

/** The assessments made mandatory, in increasing order. */
enum pia_thr {
	PIA_THR_UNKNOWN = -1,
	PIA_THR_NONE = 0,	/* 義務付けられない (任意実施) */
	PIA_THR_BASIC,		/* 基礎項目評価 */
	PIA_THR_FOCUSED,	/* 基礎項目評価及び重点項目評価 */
	PIA_THR_FULL		/* 基礎項目評価及び全項目評価 */
};

/** The result for 対象人数, 取扱者数 and whether a 重大事故 happened in the
 *  past year (incident > 0). */
enum pia_thr	 pia_threshold(double population, double handlers,
		    int incident);
/** The lowest and highest result possible when the inputs are only known
 *  as ranges (NAN: unknown) and incident is 1, 0 or -1 (unknown). */
void		 pia_threshold_range(double pop_lo, double pop_hi,
		    double h_lo, double h_hi, int incident, enum pia_thr *lo,
		    enum pia_thr *hi);
/** "none", "basic", "focused", "full" ("" for PIA_THR_UNKNOWN). */
const char	*pia_thr_id(enum pia_thr);
enum pia_thr	 pia_thr_parse(const char *);
/** The text of the option of l (a しきい値判断結果 list of model/vocab.xml)
 *  whose key states t ("none", "basic", "focused", "full"); NULL when the
 *  list has none (全項目 in threshold-focused). */
const char	*pia_thr_option_text(const struct pia_optlist *l,
		    enum pia_thr t);
/** The result that option i of l states, by its key; PIA_THR_UNKNOWN
 *  when i is -1 or the option has no such key. */
enum pia_thr	 pia_thr_of_option(const struct pia_optlist *l, int i);
/** Bounds of a band as printed ("1万人以上10万人未満" gives 10000 and
 *  99999, "30万人以上" 300000 and INFINITY, "500人未満" 0 and 499) or of a
 *  plain number.  NFKC first.  Returns 0, or -1 with NANs. */
int		 pia_band_bounds(const char *text, double *lo, double *hi);

/* ------------------------------------------------------------------ */
/* The validation pipeline                                              */
/* ------------------------------------------------------------------ */

/** Namespace of the extension functions and of the pia:source attribute. */
#define PIA_FUNC_NS	"urn:pia:functions:1"

/*
 * One call checks a document the way `pia validate` does: the safe
 * loader (well-formedness, pia_doc_load), the XSD of its kind
 * (pia_schema_validate), then the rule sets: the built-in ones
 * (validators/rules/NAME.sch) and those named in the options, written in
 * a subset of ISO Schematron that our own engine evaluates with libxml2's
 * XPath 1.0 and the extension functions of PIA_FUNC_NS (see the README).
 * The findings of the document are filtered by the options' only and skip
 * patterns and sorted by line.  The editor, `pia render` and `pia review`
 * call the same pipeline.  The options are fixed when the validator is
 * made (its rules are compiled for them); a call only names its input.
 */

/** Options of a validator; a zeroed struct is the default. */
struct pia_validate_opts {
	/** Reference date of the date rules, "YYYY-MM-DD"; NULL: the local
	 *  date. */
	const char		*today;
	/** Comma-separated fnmatch(3) patterns of the rule ids to run
	 *  ("req-*,thr-result"; "schema" is the schema stage); NULL: all. */
	const char		*only;
	/** Patterns of the rule ids not to run; NULL: none. */
	const char		*skip;
	/** Further Schematron files to run after the built-in ones,
	 *  terminated by NULL; NULL: none. */
	const char *const	*rules;
	/** The vocabulary; NULL: model/vocab.xml from the data directory.
	 *  It must outlive the validator. */
	const struct pia_vocab	*vocab;
};

/** Why pia_validator_new() failed. */
enum pia_vstatus {
	PIA_VS_OK = 0,
	PIA_VS_SYSTEM,		/* out of memory, a data file missing */
	PIA_VS_RULES,		/* a rule file of opts->rules does not load */
	PIA_VS_FILTER		/* a pattern of only or skip matches no rule */
};

struct pia_validator;

/** Loads the vocabulary (unless given) and compiles every rule set once.
 *  Returns NULL with error findings in d when something does not load
 *  (then nothing may be validated with a half-loaded rule set), or when
 *  a pattern of only or skip matches no rule id (one finding per option,
 *  naming the patterns and listing the rule ids); *status (may be NULL)
 *  says which.  The XSD of a kind is compiled when the first document of
 *  that kind is validated.
 *
 *  A validator is never changed by validating: any number of threads may
 *  call pia_validate() and pia_validate_doc() on it at the same time (it
 *  keeps one evaluation state per thread at work, reused from document to
 *  document). */
struct pia_validator	*pia_validator_new(const struct pia_validate_opts *,
			    enum pia_vstatus *status, struct pia_diags *d);
/** Frees the validator; NULL does nothing.  No call may be running. */
void			 pia_validator_free(struct pia_validator *);

/** Validates the file at path ("-": standard input); name is what the
 *  findings call it (NULL: path, or "<stdin>").  A document that is not
 *  well-formed, is not an assessment or cannot be read is reported as
 *  findings (rules "xml" and "io", never filtered), not as a failure.
 *  The findings of the document are appended to d, sorted by line;
 *  *kind (may be NULL) gets the kind of the document, or PIA_KIND_NONE
 *  when it did not load.  Returns the number of findings appended, or
 *  -1 on a system failure (memory, the XSD of the kind missing), with
 *  findings saying what failed. */
int			 pia_validate(const struct pia_validator *,
			    const char *path, const char *name,
			    enum pia_kind *kind, struct pia_diags *d);
/** The same for a document in memory (an editor's buffer); name NULL
 *  is "<memory>". */
int			 pia_validate_memory(const struct pia_validator *,
			    const char *buf, size_t len, const char *name,
			    enum pia_kind *kind, struct pia_diags *d);
/** The same for a document already loaded (pia_doc_load): schema and
 *  rules, filtered and sorted.  doc is not changed. */
int			 pia_validate_doc(const struct pia_validator *,
			    const struct pia_doc *doc, struct pia_diags *d);

/** A check that the validator runs: the schema stage first, then each
 *  assert and report of the rule sets in load order. */
struct pia_rule_info {
	const char	*id;		/* rule id printed with its findings */
	enum pia_level	 level;		/* of its findings */
	const char	*clause;	/* provision requiring it, or NULL */
	const char	*desc_ja;	/* what it checks: its message, with */
	const char	*desc_en;	/* "…" for the parts computed */
	const char	*file;		/* rule file, or NULL (schema) */
	const char	*set_title;	/* the rule file's <title>, or NULL */
	long		 line;		/* of the assert or report, or 0 */
};

/** Number of checks that the validator runs (those kept by only and
 *  skip). */
size_t			 pia_validator_rule_count(const struct pia_validator *);
/** Fills *info with check i (0 <= i < count); the strings belong to
 *  the validator.  Returns 0, or -1 when i is out of range. */
int			 pia_validator_rule(const struct pia_validator *,
			    size_t i, struct pia_rule_info *info);
/** Whether the findings of rule id are kept by only and skip (findings
 *  without a rule id, and those of rules "xml", "io" and "oom", always
 *  are). */
int			 pia_validator_wants(const struct pia_validator *,
			    const char *id);

#endif
