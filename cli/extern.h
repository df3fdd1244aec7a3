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

/** Runs pia-render, the program that links the renderer, with the words
 *  (NULL-terminated) that render_main.c describes; returns only on
 *  failure (EXIT_SYSTEM, after a message). */
int	 run_renderer(char *const words[]);
int	 cmd_help(int, char **);
int	 cmd_threshold(int, char **);
int	 cmd_import(int, char **);
int	 cmd_new(int, char **);
int	 cmd_validate(int, char **);
int	 cmd_render(int, char **);
int	 cmd_version(int, char **);
int	 cmd_diff(int, char **);
int	 cmd_history(int, char **);

struct pia_changes;
struct pia_diff_print;
/** A printer of a diff (templates/diff/pia_diff_print.h). */
typedef int (*diff_printer)(const struct pia_changes *,
	    const struct pia_diff_print *, char **, size_t *,
	    struct pia_diags *);
/** The end of pia diff (diff_run.c): diffs o->old_name and o->new_name,
 *  prints the result with print and writes it atomically to out ("-":
 *  standard output); findings go to standard error.  Returns the exit
 *  status of pia diff: 0 equal, 1 different, 2 trouble. */
int	 diff_run(diff_printer print, const struct pia_diff_print *o,
	    unsigned flags, const char *out);

#endif
