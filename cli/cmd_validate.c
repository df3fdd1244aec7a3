/*
 * cmd_validate.c: pia validate [-T text|json|sarif|junit|github] [--rules FILE]...
 * [--only IDS] [--skip IDS] [--lang ja|en] [--today YYYY-MM-DD] [--strict]
 * [-j N] FILE|DIR|-...  and  pia validate --list-rules [-T text|json]
 * [--rules FILE]... [--only IDS] [--skip IDS]
 *
 * Parses the options, walks the files and directories, runs the one
 * validation pipeline (pia_validate(), validators/validate.c) on each and
 * prints the findings; the worst level found becomes the exit code.  With
 * -j the files are validated by N threads sharing one validator; the
 * output keeps the order of the files.
 */
#include <dirent.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "extern.h"
#include "pia_validators.h"

struct files {
	char	**v;
	size_t	  n, cap;
};

/* Appends a copy of s; the list stays NULL-terminated. */
static int
files_add(struct files *f, const char *s)
{
	if (f->n + 1 >= f->cap) {
		size_t	 cap = f->cap ? f->cap * 2 : 16;
		char	**v = realloc(f->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		f->v = v;
		f->cap = cap;
	}
	if ((f->v[f->n] = strdup(s)) == NULL)
		return -1;
	f->v[++f->n] = NULL;
	return 0;
}

static void
files_free(struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the *.xml files below dir, sorted, recursing into subfolders. */
static int
walk_dir(struct files *f, const char *dir, struct pia_diags *d)
{
	DIR		*dp;
	struct dirent	*e;
	struct files	 here = { NULL, 0, 0 };
	struct stat	 st;
	char		*p;
	size_t		 i, len;
	int		 rc = 0;

	if ((dp = opendir(dir)) == NULL)
		return pia_diag(d, PIA_M_VAL_DIR_OPEN, dir, 0, NULL);
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0) {
			rc = -1;
			break;
		}
		len = strlen(e->d_name);
		if (stat(p, &st) == 0 && (S_ISDIR(st.st_mode) ||
		    (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0)))
			rc = files_add(&here, p);
		free(p);
		if (rc == -1)
			break;
	}
	closedir(dp);
	qsort(here.v, here.n, sizeof(char *), cmpstr);
	for (i = 0; i < here.n; i++) {
		if (rc == 0) {
			if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode))
				rc = walk_dir(f, here.v[i], d);
			else
				rc = files_add(f, here.v[i]);
		}
	}
	files_free(&here);
	return rc;
}

/* What the threads share: the next file to take, under mu. */
struct job {
	const struct files		*files;
	struct vresult			*res;
	const struct pia_validator	*v;
	pthread_mutex_t			*mu;
	size_t				*next;
	int				 failed;
};

static void *
worker(void *arg)
{
	struct job	*j = arg;
	struct vresult	*res;
	enum pia_kind	 kind;
	size_t		 i;
	struct timespec	 t0, t1;

	for (;;) {
		pthread_mutex_lock(j->mu);
		i = (*j->next)++;
		pthread_mutex_unlock(j->mu);
		if (i >= j->files->n || j->failed)
			break;
		res = &j->res[i];
		res->file = strcmp(j->files->v[i], "-") ? j->files->v[i] :
		    "<stdin>";
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (pia_validate(j->v, j->files->v[i], NULL, &kind,
		    res->d) == -1) {
			res->failed = 1;
			j->failed = 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		res->secs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		res->kind = kind;
		res->errors = pia_diags_count_level(res->d, PIA_ERROR);
		res->warnings = pia_diags_count_level(res->d, PIA_WARNING);
	}
	return NULL;
}

/* Validates every file with njobs threads; 0, or -1 when one failed (its
 * findings say why). */
static int
run_jobs(const struct pia_validator *v, const struct files *files,
    struct vresult *res, long njobs)
{
	struct job		 j;
	pthread_t		*tids;
	pthread_mutex_t		 mu = PTHREAD_MUTEX_INITIALIZER;
	size_t			 next = 0;
	long			 k;

	memset(&j, 0, sizeof(j));
	j.files = files;
	j.res = res;
	j.v = v;
	j.mu = &mu;
	j.next = &next;
	if (njobs == 1) {
		worker(&j);
		return j.failed ? -1 : 0;
	}
	if ((tids = calloc((size_t)njobs, sizeof(*tids))) == NULL)
		return -1;
	for (k = 0; k < njobs; k++)
		if (pthread_create(&tids[k], NULL, worker, &j) != 0) {
			j.failed = 1;
			break;
		}
	while (k-- > 0)
		pthread_join(tids[k], NULL);
	free(tids);
	return j.failed ? -1 : 0;
}

/* --list-rules: id, level, clause, description of each check. */
static int
list_rules(const struct pia_validator *v, enum out_format fmt)
{
	struct pia_rule_info	 r;
	size_t			 i;

	if (fmt == OUT_JSON)
		printf("{\"version\":\"%s\",\"rules\":[", PIA_VERSION);
	for (i = 0; pia_validator_rule(v, i, &r) == 0; i++) {
		if (fmt == OUT_TEXT) {
			printf("%s\t%s\t%s\t%s\n", r.id,
			    pia_level_name(r.level), r.clause ? r.clause : "-",
			    L(r.desc_ja, r.desc_en));
			continue;
		}
		printf("%s{\"id\":", i ? "," : "");
		json_str(stdout, r.id);
		printf(",\"level\":");
		json_str(stdout, pia_level_name(r.level));
		printf(",\"clause\":");
		json_str(stdout, r.clause);
		printf(",\"description\":");
		json_str(stdout, L(r.desc_ja, r.desc_en));
		printf(",\"description_ja\":");
		json_str(stdout, r.desc_ja);
		printf(",\"description_en\":");
		json_str(stdout, r.desc_en);
		printf(",\"file\":");
		json_str(stdout, r.file);
		printf(",\"line\":%ld}", r.line);
	}
	if (fmt == OUT_JSON)
		printf("]}\n");
	return 0;
}

/* Prints the findings of every file in fmt, the summary of text to
 * stderr; returns the exit status. */
static int
report(const struct pia_validator *v, enum out_format fmt,
    const struct files *files, struct vresult *res, struct pia_diags *all,
    int strict)
{
	size_t i, errors, warnings, bad = 0;

	for (i = 0; i < files->n; i++) {
		if (res[i].errors || (strict && res[i].warnings))
			bad++;
		if (pia_diags_move(all, res[i].d) == -1)
			return EXIT_SYSTEM;
	}
	/* Totals include findings about unreadable directories. */
	errors = pia_diags_count_level(all, PIA_ERROR);
	warnings = pia_diags_count_level(all, PIA_WARNING);
	if (fmt == OUT_TEXT) {
		print_findings_text(stdout, all);
		fflush(stdout);
		fprintf(stderr, "pia validate: ");
		pia_msg_print(stderr, lang, PIA_M_VAL_CLI_SUMMARY, files->n,
		    PLURAL(files->n), files->n - bad, bad, errors,
		    PLURAL(errors), warnings, PLURAL(warnings));
		fputc('\n', stderr);
	} else if (fmt == OUT_JSON) {
		printf("{\"format_version\":1,\"version\":\"%s\",\"files\":[",
		    PIA_VERSION);
		for (i = 0; i < files->n; i++) {
			printf("%s{\"file\":", i ? "," : "");
			json_str(stdout, res[i].file);
			printf(",\"kind\":");
			json_str(stdout, res[i].kind >= 0 ?
			    pia_kind_id(res[i].kind) : NULL);
			printf(",\"valid\":%s,\"errors\":%zu,\"warnings\":%zu}",
			    res[i].errors || (strict && res[i].warnings) ?
			    "false" : "true", res[i].errors, res[i].warnings);
		}
		printf("],\"findings\":[");
		for (i = 0; i < pia_diags_count(all); i++) {
			if (i)
				putchar(',');
			json_finding(stdout, pia_diags_get(all, i));
		}
		printf("],\"summary\":{\"files\":%zu,\"errors\":%zu,"
		    "\"warnings\":%zu,\"info\":%zu}}\n", files->n, errors,
		    warnings, pia_diags_count_level(all, PIA_INFO));
	} else if (fmt == OUT_SARIF)
		print_sarif(stdout, all, v);
	else if (fmt == OUT_JUNIT)
		print_junit(stdout, all, res, files->n, strict);
	else
		print_github(stdout, all);
	return errors || (strict && warnings) ? EXIT_FINDINGS : EXIT_OK;
}

/* The validator of the options; NULL after printing why, with the exit
 * status in *rc. */
static struct pia_validator *
validator(const struct cmd *self, const struct pia_validate_opts *o, int *rc)
{
	struct pia_validator	*v;
	struct pia_diags	*d;
	enum pia_vstatus	 st;
	size_t			 i, n;

	*rc = EXIT_SYSTEM;
	if ((d = pia_diags_new()) == NULL)
		return NULL;
	if ((v = pia_validator_new(o, &st, d)) == NULL) {
		if (st == PIA_VS_FILTER && (n = pia_diags_count(d)) > 0) {
			/* a mistyped --only or --skip would check nothing */
			for (i = 0; i + 1 < n; i++)
				fprintf(stderr, "pia validate: %s\n",
				    pia_diag_msg(pia_diags_get(d, i), lang));
			*rc = usage_error(self, "%s", "%s", pia_diag_msg(
			    pia_diags_get(d, n - 1), lang));
		} else {
			print_system_errors(d);
			if (st == PIA_VS_RULES) {
				fprintf(stderr, "pia validate: %s\n",
				    pia_msg_fmt(PIA_M_VAL_CLI_RULES_BAD, lang));
				*rc = EXIT_USAGE;
			}
		}
	}
	pia_diags_free(d);
	return v;
}

/* The command line. */
struct args {
	enum out_format		 fmt;
	const char		*fmtarg;
	struct pia_validate_opts opts;
	struct files		 custom;	/* --rules files */
	long			 njobs;
	int			 strict, list;
	int			 stop;		/* --help printed, or an error */
};

/* Parses the options into a; 0, or the exit status after a message. */
static int
parse_args(const struct cmd *self, int argc, char **argv, struct args *a)
{
	static const struct option lopts[] = {
		{ "format", required_argument, NULL, 'T' },
		{ "rules", required_argument, NULL, 'R' },
		{ "only", required_argument, NULL, 'O' },
		{ "skip", required_argument, NULL, 'S' },
		{ "today", required_argument, NULL, 'D' },
		{ "strict", no_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 ch, orc;

	optind = 1;
	while ((ch = opts_next(self, argc, argv, "T:j:", lopts, &orc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			a->stop = 1;
			return orc;
		case 'T':
			a->fmtarg = optarg;
			if (strcmp(optarg, "text") == 0)
				a->fmt = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				a->fmt = OUT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				a->fmt = OUT_SARIF;
			else if (strcmp(optarg, "junit") == 0)
				a->fmt = OUT_JUNIT;
			else if (strcmp(optarg, "github") == 0)
				a->fmt = OUT_GITHUB;
			else
				return usage_msg(self, PIA_M_VAL_CLI_BAD_FORMAT,
				    optarg);
			break;
		case 'R':
			if (files_add(&a->custom, optarg) == -1)
				return EXIT_SYSTEM;
			break;
		case 'O':
			a->opts.only = optarg;
			break;
		case 'S':
			a->opts.skip = optarg;
			break;
		case 'D':
			if (!pia_date_valid(optarg))
				return usage_msg(self, PIA_M_VAL_CLI_BAD_TODAY,
				    optarg);
			a->opts.today = optarg;
			break;
		case 's':
			a->strict = 1;
			break;
		case 'j':
			a->njobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || a->njobs < 1 ||
			    a->njobs > 64)
				return usage_msg(self, PIA_M_VAL_CLI_BAD_JOBS,
				    optarg);
			break;
		case 'l':
			a->list = 1;
			break;
		default:
			return usage_msg(self, PIA_M_VAL_BAD_OPTION);
		}
	}
	if (a->list && a->fmt != OUT_TEXT && a->fmt != OUT_JSON)
		return usage_msg(self, PIA_M_VAL_CLI_LIST_FORMAT, a->fmtarg);
	if (a->list && optind < argc)
		return usage_msg(self, PIA_M_VAL_CLI_LIST_FILE, argv[optind]);
	if (!a->list && optind == argc)
		return usage_msg(self, PIA_M_VAL_CLI_NO_FILE);
	a->opts.rules = (const char *const *)a->custom.v;
	return 0;
}

int
cmd_validate(int argc, char **argv)
{
	const struct cmd	*self = cmd_find("validate");
	struct args		 a;
	struct files		 files = { NULL, 0, 0 };
	struct pia_diags	*all = NULL;
	struct pia_validator	*v = NULL;
	struct vresult		*res = NULL;
	struct stat		 st;
	size_t			 i;
	int			 rc;

	/*
	 * Validation allocates and frees a few MB per document (the XSD, the
	 * tree, the XPath objects).  Keep freed memory in the process instead
	 * of giving it back to the kernel and faulting it in again: about a
	 * sixth of the run time of a single 300 KB document.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TOP_PAD, 16 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	memset(&a, 0, sizeof(a));
	a.fmt = OUT_TEXT;
	a.fmtarg = "text";
	a.njobs = 1;
	if ((rc = parse_args(self, argc, argv, &a)) != 0 || a.stop ||
	    (v = validator(self, &a.opts, &rc)) == NULL)
		goto out;
	rc = EXIT_SYSTEM;
	if (a.list) {
		rc = list_rules(v, a.fmt);
		goto flush;
	}
	if ((all = pia_diags_new()) == NULL)
		goto out;
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (walk_dir(&files, argv[i], all) == -1)
				goto out;
		} else if (files_add(&files, argv[i]) == -1)
			goto out;
	}
	if ((size_t)a.njobs > files.n)
		a.njobs = files.n ? (long)files.n : 1;
	if ((res = calloc(files.n ? files.n : 1, sizeof(*res))) == NULL)
		goto out;
	for (i = 0; i < files.n; i++)
		if ((res[i].d = pia_diags_new()) == NULL)
			goto out;
	if (run_jobs(v, &files, res, a.njobs) == -1) {
		for (i = 0; i < files.n; i++)
			if (res[i].failed)
				print_system_errors(res[i].d);
		goto out;
	}
	rc = report(v, a.fmt, &files, res, all, a.strict);
flush:
	if (ferror(stdout) || fflush(stdout) == EOF) {
		fprintf(stderr, "pia validate: %s\n",
		    pia_msg_fmt(PIA_M_VAL_CLI_WRITE_ERROR, lang));
		rc = EXIT_SYSTEM;
	}
out:
	pia_validator_free(v);
	for (i = 0; res != NULL && i < files.n; i++)
		pia_diags_free(res[i].d);
	free(res);
	files_free(&files);
	files_free(&a.custom);
	pia_diags_free(all);
	return rc;
}
