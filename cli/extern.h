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

/* A subcommand: its texts are entries of the catalogue
 * (model/catalogue.def, section "cli: texts"); only the synopsis, which
 * is the same in every language, is written here. */
struct cmd {
	const char	*name;
	int		(*run)(int, char **);
	enum pia_msg	 summary;	/* one line, for pia help */
	const char	*usage;		/* synopsis (ASCII) */
	enum pia_msg	 help;		/* options and details, or CMD_NO_HELP */
};
#define CMD_NO_HELP	PIA_M__MAX

/* The synopsis of the pia command itself. */
#define CLI_SYNOPSIS	"pia [--lang ja|en] COMMAND [ARGS]"

extern const struct cmd	 commands[];
extern const char	*lang;		/* "ja" or "en" */

/** Picks the message of the current language.  Being retired: new code
 *  takes its texts from the catalogue (pia_msg_print(fp, lang, m, ...)). */
#define L(ja, en)	(strcmp(lang, "en") == 0 ? (en) : (ja))

const struct cmd *cmd_find(const char *);

/** The English plural suffix for a count: a catalogue text that counts
 *  takes it after the number, "%zu file%s" in English, "%zu%.0s 件" in
 *  Japanese. */
#define PLURAL(n)	((n) == 1 ? "" : "s")

/**
 * usage_error(self, PIA_M_NAME, args...): prints "pia CMD: message" to
 * stderr, the message being entry NAME of the catalogue (an F() of the
 * section "cli: findings of the command line") formatted with args in the
 * current language, then "usage: SYNOPSIS" of self (of pia itself when
 * self is NULL); returns EXIT_USAGE.  A subcommand ends with it:
 *
 *	if (optind != argc)
 *		return usage_error(self, PIA_M_CLI_EXTRA_ARG, argv[optind]);
 *
 * Shared entries for the errors every subcommand has: CLI_BAD_OPTION
 * (getopt's default case), CLI_BAD_LANG (lang_error(), opt_lang()),
 * CLI_EXTRA_ARG, CLI_UNKNOWN_KIND, CLI_KIND_REQUIRED, CLI_FORMAT_TEXT_JSON
 * (-T of a command with text and json only).
 *
 * Transition: the former form usage_error(self, fmt_ja, fmt_en, ...)
 * still compiles, for the subcommands not yet converted: the macro calls
 * usage_error_fmt() when its second argument is a string and
 * usage_error_msg() otherwise.  When no call passes two formats any more,
 * remove usage_error_fmt() and make usage_error() the function.
 */
int	 usage_error_msg(const struct cmd *, enum pia_msg, ...);
int	 usage_error_fmt(const struct cmd *, const char *fmt_ja,
	    const char *fmt_en, ...);
#define usage_error(self, ...)						\
	_Generic(CLI_FIRST_(__VA_ARGS__, 0),				\
	    char *: usage_error_fmt,					\
	    const char *: usage_error_fmt,				\
	    default: usage_error_msg)((self), __VA_ARGS__)
#define CLI_FIRST_(a, ...)	(a)
/** usage_error() with the text m of the catalogue and its arguments. */
#define usage_msg(c, m, ...)	usage_error_msg((c), (m), ##__VA_ARGS__)
/** The usage error of a --lang that is neither ja nor en. */
int	 lang_error(const struct cmd *);
/** Sets lang from "ja"/"en"; -1 when neither. */
int	 set_lang(const char *);
/**
 * The --lang option of a subcommand (output.c), for the option loop that
 * every subcommand has:
 *
 *	{ "lang", required_argument, NULL, 'L' },	(in its long options)
 *	...
 *	case 'L':
 *		if (opt_lang(self, optarg) != 0)
 *			return EXIT_USAGE;
 *		break;
 *
 * Sets lang and returns 0, or prints the usage error CLI_BAD_LANG and
 * returns EXIT_USAGE.
 */
int	 opt_lang(const struct cmd *, const char *arg);
/** Flushes standard output and returns rc, or, when what was printed did
 *  not get out (a full disk, a closed pipe), reports it and returns
 *  EXIT_SYSTEM.  A subcommand that prints to stdout ends with it. */
int	 out_flush(int rc);
/** Sets lang from the environment (PIA_LANG): ja or en, or unset or
 *  empty (lang stays ja); anything else is a usage error (EXIT_USAGE is
 *  returned after the message).  main() calls it first. */
int	 env_lang(void);

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_JUNIT, OUT_GITHUB };

/* The outcome of validating one file (cmd_validate.c, report.c). */
struct vresult {
	const char		*file;
	int			 kind;
	struct pia_diags	*d;
	size_t			 errors, warnings;
	int			 failed;	/* a system failure */
	double			 secs;		/* time taken */
};
struct pia_validator;

/** Prints findings as "FILE:LINE: level: [rule] message" (coloured when
 *  stdout is a terminal), or collects them for JSON. */
void	 print_findings_text(FILE *, const struct pia_diags *);
/** Length of the well-formed UTF-8 sequence at the byte, 0 if none. */
size_t	 utf8_len(const unsigned char *);
/** A JSON string (null for NULL); bytes that are not UTF-8 as U+FFFD. */
void	 json_str(FILE *, const char *);
/** XML character data or attribute text; bytes that are not UTF-8 as
 *  U+FFFD, controls that XML 1.0 forbids dropped. */
void	 xml_str(FILE *, const char *);
/** Prints one finding as a JSON object. */
void	 json_finding(FILE *, const struct pia_diag *);
/** Prints findings that the library reported about itself (no file). */
void	 print_system_errors(const struct pia_diags *);

/** SARIF 2.1.0 log of the findings (GitHub code scanning), with the
 *  checks of the validator as its rules. */
void	 print_sarif(FILE *, const struct pia_diags *,
	    const struct pia_validator *);
/** JUnit XML: a test suite per file, a failing test case per finding
 *  (warnings fail only with strict). */
void	 print_junit(FILE *, const struct pia_diags *,
	    const struct vresult *, size_t, int strict);
/** GitHub Actions workflow commands (::error file=…,line=…::…), one
 *  per finding. */
void	 print_github(FILE *, const struct pia_diags *);

/** Runs pia-render, the program that links the renderer, with the words
 *  (NULL-terminated) that render_main.c describes; returns only on
 *  failure (EXIT_SYSTEM, after a message). */
int	 run_renderer(char *const words[]);
int	 cmd_help(int, char **);
/** Prints the usage and help of c to stdout (pia help CMD, CMD --help);
 *  returns the exit status. */
int	 help_command(const struct cmd *c);

struct option;
/** What opts_next() returns when the subcommand must return *rc. */
#define OPTS_EXIT	(-2)
/**
 * The option-parsing prologue of every subcommand (opts.c): the next
 * option, as getopt_long(3) returns it, with --help/-h and --lang added
 * and handled, and every option error reported from the catalogue in the
 * chosen language.  The loop of a subcommand:
 *
 *	optind = 1;
 *	while ((ch = opts_next(self, argc, argv, "o:", lopts, &rc)) != -1) {
 *		switch (ch) {
 *		case OPTS_EXIT:
 *			return rc;
 *		case 'o':
 *			...
 *		}
 *	}
 */
int	 opts_next(const struct cmd *, int, char **, const char *,
	    const struct option *, int *);
/** 0 when a command may write path ("-", a new file, a device; an
 *  existing regular file only with force: --force), else EXIT_USAGE
 *  after the message CLI_FILE_EXISTS. */
int	 out_allowed(const struct cmd *, const char *path, int force);
/** 0 unless path is "-" and standard output is a terminal (binary output
 *  such as PDF); then EXIT_USAGE after the message CLI_BINARY_TTY. */
int	 out_binary_tty(const struct cmd *, const char *path);
/** The subcommand whose name is closest to name (a few edits), or NULL. */
const struct cmd *cmd_suggest(const char *name);
int	 cmd_threshold(int, char **);
int	 cmd_import(int, char **);
int	 cmd_new(int, char **);
int	 cmd_validate(int, char **);
int	 cmd_render(int, char **);
int	 cmd_version(int, char **);
int	 cmd_diff(int, char **);
int	 cmd_history(int, char **);
int	 cmd_edit(int, char **);
int	 cmd_review(int, char **);

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
