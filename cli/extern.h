/*
 * extern.h: what the subcommands of the pia command share.  cli/ is the
 * only code that prints, reads argv or calls exit().
 */
#ifndef PIA_CLI_EXTERN_H
#define PIA_CLI_EXTERN_H

#include <stdio.h>

#include "pia.h"

/* Exit codes, documented in pia(1) and the README. */
enum {
	EXIT_OK = 0,		/* no errors (validate), equal (diff) */
	EXIT_FINDINGS = 1,	/* errors found */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_SYSTEM = 3		/* system failure: missing data, memory, I/O */
};

struct cmd {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary_ja, *summary_en;
	const char	*usage;		/* synopsis */
	const char	*help_ja, *help_en;	/* options and details */
};

extern const struct cmd	 commands[];
extern const char	*lang;		/* "ja" or "en" */

/** Picks the message of the current language. */
#define L(ja, en)	(strcmp(lang, "en") == 0 ? (en) : (ja))

const struct cmd *cmd_find(const char *);
/** Prints "pia CMD: message" to stderr and the synopsis; returns EXIT_USAGE. */
int	 usage_error(const struct cmd *, const char *fmt_ja,
	    const char *fmt_en, ...);
/** The usage error of a --lang that is neither ja nor en. */
int	 lang_error(const struct cmd *);
/** Sets lang from "ja"/"en"; -1 when neither. */
int	 set_lang(const char *);

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_JUNIT };

/* The outcome of validating one file (cmd_validate.c, report.c). */
struct vresult {
	const char		*file;
	int			 kind;
	struct pia_diags	*d;
	size_t			 errors, warnings;
};
struct pia_rules;

/** Prints findings as "FILE:LINE: level: [rule] message" (coloured when
 *  stdout is a terminal), or collects them for JSON. */
void	 print_findings_text(FILE *, const struct pia_diags *);
/** Writes a JSON string literal. */
void	 json_str(FILE *, const char *);
/** Prints one finding as a JSON object. */
void	 json_finding(FILE *, const struct pia_diag *);
/** Prints findings that the library reported about itself (no file). */
void	 print_system_errors(const struct pia_diags *);

/** SARIF 2.1.0 log of the findings (GitHub code scanning). */
void	 print_sarif(FILE *, const struct pia_diags *,
	    const struct pia_rules *);
/** JUnit XML: a test suite per file, a failing test case per finding
 *  (warnings fail only with strict). */
void	 print_junit(FILE *, const struct pia_diags *,
	    const struct vresult *, size_t, int strict);

/** Runs argv (from the command on) in pia-render, the build of pia that
 *  links the renderer; returns only on failure (EXIT_SYSTEM). */
int	 run_renderer(int, char **);
int	 cmd_help(int, char **);
int	 cmd_threshold(int, char **);
int	 cmd_import(int, char **);
int	 cmd_new(int, char **);
int	 cmd_validate(int, char **);
int	 cmd_render(int, char **);
int	 cmd_version(int, char **);
int	 cmd_diff(int, char **);
int	 cmd_history(int, char **);
int	 cmd_edit(int, char **);

struct pia_changes;
/** The label of column col (0-5: 変更日 ... 提出時期に係る説明) of the
 *  変更箇所 table, from the vocabulary; English when en. */
const char *diff_col(const struct pia_vocab *, enum pia_kind, int col, int en);
/** Checks a --date argument; EXIT_USAGE (after the message) or 0. */
int	 diff_date_arg(const struct cmd *, const char *);
/** Today's date as YYYY-MM-DD. */
void	 diff_today(char out[11]);
/** Loads the vocabulary and both documents and diffs them; -1 with
 *  findings in d on failure (the caller frees what was set). */
int	 diff_load(const char *oldp, const char *newp, unsigned flags,
	    struct pia_vocab **, struct pia_doc **, struct pia_doc **,
	    struct pia_changes **, struct pia_diags *);

#endif
