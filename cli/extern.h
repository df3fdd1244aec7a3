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
/** Sets lang from "ja"/"en"; -1 when neither. */
int	 set_lang(const char *);

enum out_format { OUT_TEXT, OUT_JSON };

/** Prints findings as "FILE:LINE: level: [rule] message" (coloured when
 *  stdout is a terminal), or collects them for JSON. */
void	 print_findings_text(FILE *, const struct pia_diags *);
/** Writes a JSON string literal. */
void	 json_str(FILE *, const char *);
/** Prints one finding as a JSON object. */
void	 json_finding(FILE *, const struct pia_diag *);
/** Prints findings that the library reported about itself (no file). */
void	 print_system_errors(const struct pia_diags *);

int	 cmd_help(int, char **);
int	 cmd_import(int, char **);
int	 cmd_new(int, char **);
int	 cmd_validate(int, char **);
int	 cmd_version(int, char **);

#endif
