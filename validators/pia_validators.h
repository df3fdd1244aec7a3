/*
 * pia_validators.h: what checks an assessment.  Two stages: the XSD
 * generated from the vocabulary (schema.c), then rule sets written in ISO
 * Schematron (validators/rules/NAME.sch) that our own engine evaluates with
 * libxml2's XPath 1.0 and the C extension functions of the pia namespace
 * (sch.c, xpfunc.c).  Both append findings to a struct pia_diags.
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
/** The 0-based index, in the しきい値判断結果 option list of the kind, of the
 *  option that states t as the mandatory result; -1 when the form has
 *  none (全項目 in a 重点項目評価書). */
int		 pia_thr_option(enum pia_thr t, enum pia_kind);
/** The mandatory result stated by option i of the kind's list. */
enum pia_thr	 pia_thr_from_option(enum pia_kind, int i);
/** Bounds of a band as printed ("1万人以上10万人未満" gives 10000 and
 *  99999, "30万人以上" 300000 and INFINITY, "500人未満" 0 and 499) or of a
 *  plain number.  NFKC first.  Returns 0, or -1 with NANs. */
int		 pia_band_bounds(const char *text, double *lo, double *hi);

/* ------------------------------------------------------------------ */
/* Rule sets (ISO Schematron subset, see README)                        */
/* ------------------------------------------------------------------ */

/** Namespace of the extension functions and of the pia:source attribute. */
#define PIA_FUNC_NS	"urn:pia:functions:1"

struct pia_rules;

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
/** Number of asserts and reports loaded. */
size_t			 pia_rules_count(const struct pia_rules *);
/** Keeps only the checks whose id matches one of the comma-separated
 *  fnmatch(3) patterns of only (NULL: all), minus those matching skip. */
void			 pia_rules_filter(struct pia_rules *, const char *only,
			    const char *skip);
/** Whether a finding of rule id passes the filter. */
int			 pia_rules_wanted(const struct pia_rules *,
			    const char *id);
/** Runs every rule on doc.  Each failed assert or successful report is a
 *  finding of its role.  Returns the number of findings, or -1 on a
 *  system failure.  A rule set may be used by one thread at a time;
 *  load one per thread to validate in parallel. */
int			 pia_rules_validate(struct pia_rules *,
			    const struct pia_doc *, const struct pia_vocab *,
			    struct pia_diags *);

/** For cli/: the ids, levels, sources and messages of the loaded checks,
 *  in load order (SARIF rule descriptions). */
size_t			 pia_rules_check_count(const struct pia_rules *);
int			 pia_rules_check_info(const struct pia_rules *, size_t i,
			    const char **id, enum pia_level *,
			    const char **source, const char **file, long *line);

#endif
