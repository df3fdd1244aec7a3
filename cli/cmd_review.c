/*
 * cmd_review.c: pia review [-T text|json] [--today YYYY-MM-DD]
 * [--lang ja|en] [-o OUT] OLD NEW  and  pia review --batch DIR
 * [-T json|html] [-j N] [--today YYYY-MM-DD] [-o OUT].
 *
 * Reviews the submitted revision NEW against the previous one OLD the way
 * a commission does (指針 第10): the library does the review
 * (validators/review.c) and prints it (templates/review/); this file only
 * reads the command line.  Exit status as pia validate: 0 nothing to
 * report, 1 findings, 2 usage, 3 failure.
 */
#include <ftw.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "pia_review.h"

/* The documents found by the walk (nftw has no argument to pass). */
static struct {
	char	**v;
	size_t	  n, cap;
	int	  oom;
} found;

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
visit(const char *path, const struct stat *st, int type, struct FTW *f)
{
	size_t	 n = strlen(path);
	char	**v;

	(void)st;
	(void)f;
	if (type != FTW_F || n < 5 || (strcmp(path + n - 4, ".xml") != 0 &&
	    strcmp(path + n - 4, ".txt") != 0))
		return 0;
	if (found.n == found.cap) {
		found.cap = found.cap ? found.cap * 2 : 64;
		if ((v = realloc(found.v, found.cap * sizeof(*v))) == NULL)
			return found.oom = 1;
		found.v = v;
	}
	if ((found.v[found.n] = strdup(path)) == NULL)
		return found.oom = 1;
	found.n++;
	return 0;
}

/* The progress line on a terminal. */
static void
progress(size_t done, size_t n, void *arg)
{
	(void)arg;
	if (done % 16 != 0 && done != n)
		return;
	fputc('\r', stderr);
	pia_msg_print(stderr, lang, PIA_M_BATCH_PROGRESS, done, n);
	if (done == n)
		fputc('\n', stderr);
}

/* --batch DIR: one summary of every document below dir. */
static int
batch(const struct pia_validator *v, const char *dir, const char *fmt,
    long njobs, const char *today, const char *out, struct pia_diags *d)
{
	struct pia_batch	*b = NULL;
	char			*buf = NULL;
	size_t			 len = 0, i;
	int			 rc = EXIT_SYSTEM;

	if (nftw(dir, visit, 16, FTW_PHYS) != 0 || found.oom) {
		pia_diag(d, found.oom ? PIA_M_OOM : PIA_M_VAL_DIR_OPEN, dir,
		    0, NULL);
		goto out;
	}
	if (found.n > 0)
		qsort(found.v, found.n, sizeof(char *), cmpstr);
	if ((b = pia_batch_run(v, found.v, found.n, njobs, today,
	    isatty(STDERR_FILENO) ? progress : NULL, NULL, d)) == NULL)
		goto out;
	if ((strcmp(fmt, "html") == 0 ? pia_batch_print_html :
	    pia_batch_print_json)(b, lang, &buf, &len) == -1) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		goto out;
	}
	if (pia_file_write_atomic(out, buf, len, d) == -1)
		goto out;
	rc = EXIT_OK;
	for (i = 0; i < b->n; i++)
		if (b->docs[i].errors || b->docs[i].warnings)
			rc = EXIT_FINDINGS;
out:
	for (i = 0; i < found.n; i++)
		free(found.v[i]);
	free(found.v);
	free(buf);
	pia_batch_free(b);
	return rc;
}

int
cmd_review(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "today", required_argument, NULL, 'D' },
		{ "output", required_argument, NULL, 'o' },
		{ "batch", required_argument, NULL, 'B' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("review");
	struct pia_validate_opts o;
	struct pia_validator	*v = NULL;
	struct pia_review	*r = NULL;
	struct pia_diags	*d;
	const char		*fmt = NULL, *out = "-", *dir = NULL;
	char			*end;
	long			 njobs = 1;
	char			*buf = NULL;
	size_t			 len = 0;
	int			 c, rc = EXIT_SYSTEM, json;

	memset(&o, 0, sizeof(o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "T:o:j:", lopts, NULL)) != -1) {
		switch (c) {
		case 'T':
			fmt = optarg;
			break;
		case 'L':
			if (opt_lang(self, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'D':
			if (!pia_date_valid(optarg))
				return usage_msg(self, PIA_M_VAL_CLI_BAD_TODAY,
				    optarg);
			o.today = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'B':
			dir = optarg;
			break;
		case 'j':
			njobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || njobs < 1 ||
			    njobs > 64)
				return usage_msg(self, PIA_M_VAL_CLI_BAD_JOBS,
				    optarg);
			break;
		default:
			return usage_msg(self, PIA_M_CLI_BAD_OPTION);
		}
	}
	if (dir != NULL) {
		if (fmt == NULL)
			fmt = "json";
		if (strcmp(fmt, "json") != 0 && strcmp(fmt, "html") != 0)
			return usage_msg(self, PIA_M_CLI_REVIEW_BATCH_FORMAT,
			    fmt);
		if (optind != argc)
			return usage_msg(self, PIA_M_CLI_EXTRA_ARG,
			    argv[optind]);
	} else if (fmt == NULL)
		fmt = "text";
	else if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return usage_msg(self, PIA_M_CLI_FORMAT_TEXT_JSON, fmt);
	if (dir == NULL && argc - optind != 2)
		return usage_msg(self, PIA_M_CLI_REVIEW_FILES);
	json = strcmp(fmt, "json") == 0;
	if ((d = pia_diags_new()) == NULL)
		return EXIT_SYSTEM;
	if ((v = pia_validator_new(&o, NULL, d)) == NULL)
		goto out;
	if (dir != NULL) {
		rc = batch(v, dir, fmt, njobs, o.today, out, d);
		goto out;
	}
	if ((r = pia_review_files(v, argv[optind], argv[optind + 1],
	    d)) == NULL)
		goto out;
	if ((json ? pia_review_print_json : pia_review_print_text)(r, lang,
	    &buf, &len) == -1) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		goto out;
	}
	if (pia_file_write_atomic(out, buf, len, d) == -1)
		goto out;
	rc = pia_review_count(r) > 0 ? EXIT_FINDINGS : EXIT_OK;
out:
	if (pia_diags_count(d) > 0)
		print_findings_text(stderr, d);
	free(buf);
	pia_review_free(r);
	pia_validator_free(v);
	pia_diags_free(d);
	return rc;
}
