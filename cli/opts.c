/*
 * opts.c: the option-parsing prologue that every subcommand shares:
 * getopt_long with our own error messages (from the catalogue, in the
 * chosen language), --help and -h, --lang, and "did you mean" for a
 * mistyped subcommand.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extern.h"

#define OPTS_MAX	48

/*
 * The next option of a subcommand, as getopt_long(3) returns it, with
 * --help/-h and --lang added to the options of the subcommand and
 * handled here.  Errors (an unknown option, a missing argument, a bad
 * --lang) are printed as usage errors of self.  Returns OPTS_EXIT, with
 * *rc the exit status, when the subcommand must stop (help printed, or
 * an error).  The caller sets optind = 1 before its loop.
 */
int
opts_next(const struct cmd *self, int argc, char **argv,
    const char *shortopts, const struct option *lopts, int *rc)
{
	static struct option	 all[OPTS_MAX];
	static char		 so[64];
	const char		*arg, *eq;
	char			 name[64];
	size_t			 n = 0, i;
	int			 ch, help = 0, lg = 0;

	for (i = 0; lopts != NULL && lopts[i].name != NULL &&
	    n < OPTS_MAX - 3; i++) {
		help |= strcmp(lopts[i].name, "help") == 0;
		lg |= strcmp(lopts[i].name, "lang") == 0;
		all[n++] = lopts[i];
	}
	if (!help)
		all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	if (!lg)
		all[n++] = (struct option){ "lang", required_argument, NULL,
		    'L' };
	all[n] = (struct option){ NULL, 0, NULL, 0 };
	/* "+" (stop at the first operand) stays first; ":" reports a
	 * missing argument apart from an unknown option. */
	i = 0;
	if (*shortopts == '+')
		so[i++] = *shortopts++;
	snprintf(so + i, sizeof(so) - i, ":%sh", shortopts);

	opterr = 0;
	ch = getopt_long(argc, argv, so, all, NULL);
	switch (ch) {
	case 'h':
		*rc = help_command(self);
		return OPTS_EXIT;
	case 'L':
		if (lg)
			return ch;	/* the subcommand's own */
		if (opt_lang(self, optarg) != 0) {
			*rc = EXIT_USAGE;
			return OPTS_EXIT;
		}
		return opts_next(self, argc, argv, shortopts, lopts, rc);
	case '?':
	case ':':
		arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		if (optopt != 0 && strncmp(arg, "--", 2) != 0)
			snprintf(name, sizeof(name), "-%c", optopt);
		else {
			eq = strchr(arg, '=');
			snprintf(name, sizeof(name), "%.*s",
			    (int)(eq != NULL ? (size_t)(eq - arg) :
			    strlen(arg)), arg);
		}
		*rc = usage_error(self, ch == ':' ? PIA_M_CLI_MISSING_ARG :
		    PIA_M_CLI_UNKNOWN_OPTION, name);
		return OPTS_EXIT;
	default:
		return ch;
	}
}

/* Levenshtein distance of a and b, for words shorter than 32 bytes. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, prev, cur, t;
	size_t	 row[32];

	if (la >= 32 || lb >= 32)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			t = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < t)
				t = row[j] + 1;
			if (row[j - 1] + 1 < t)
				t = row[j - 1] + 1;
			row[j] = t;
			prev = cur;
		}
	}
	return row[lb];
}

const struct cmd *
cmd_suggest(const char *name)
{
	const struct cmd	*c, *best = NULL;
	size_t			 d, bestd = (size_t)-1;

	for (c = commands; c->name != NULL; c++) {
		d = edit_distance(name, c->name);
		if (strncmp(name, c->name, strlen(name)) == 0 &&
		    strlen(name) >= 2)
			d = 1;		/* a prefix: "val" */
		if (d < bestd) {
			bestd = d;
			best = c;
		}
	}
	/* git's threshold, roughly: at most two edits, and fewer than
	 * half the letters of the word changed. */
	return bestd <= 2 && bestd * 2 < strlen(name) + 1 ? best : NULL;
}

/*
 * Whether a command may write path: "-" (standard output) and anything
 * that is not a regular file (/dev/null, a FIFO) may be written; an
 * existing regular file only with --force.  Returns 0, or EXIT_USAGE
 * after the message.
 */
int
out_allowed(const struct cmd *self, const char *path, int force)
{
	struct stat	 st;

	if (force || path == NULL || strcmp(path, "-") == 0 ||
	    stat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	return usage_error(self, PIA_M_CLI_FILE_EXISTS, path);
}

/* Binary output goes to standard output only when it is not a terminal. */
int
out_binary_tty(const struct cmd *self, const char *path)
{
	if (path != NULL && strcmp(path, "-") == 0 && isatty(STDOUT_FILENO))
		return usage_error(self, PIA_M_CLI_BINARY_TTY);
	return 0;
}
