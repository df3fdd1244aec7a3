/*
 * cmd_validate.c: pia validate [-T text|json|sarif|junit] [--rules FILE]...
 * [--only IDS] [--skip IDS] [--lang ja|en] [--today YYYY-MM-DD] [--strict]
 * [-j N] FILE|DIR|-...
 *
 * Every file is checked for well-formedness (safe parser), against the
 * schema of its kind, then with the built-in rule sets and those given
 * with --rules; the worst level found becomes the exit code.  With -j the
 * files are validated by N threads, each with its own compiled rule set;
 * the output keeps the order of the files.
 */
#include <dirent.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extern.h"
#include "pia_validators.h"

struct files {
	char	**v;
	size_t	  n, cap;
};

static int
files_add(struct files *f, const char *s)
{
	if (f->n == f->cap) {
		size_t	 cap = f->cap ? f->cap * 2 : 16;
		char	**v = realloc(f->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		f->v = v;
		f->cap = cap;
	}
	if ((f->v[f->n] = strdup(s)) == NULL)
		return -1;
	f->n++;
	return 0;
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

	if ((dp = opendir(dir)) == NULL) {
		pia_diags_add(d, PIA_ERROR, "io", dir, 0, NULL, NULL,
		    "ディレクトリを開けません", "cannot open the directory");
		return 0;
	}
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
		free(here.v[i]);
	}
	free(here.v);
	return rc;
}

struct job {
	struct files		*files;
	struct vresult		*res;
	struct pia_rules	*rules;		/* this worker's copy */
	const struct pia_vocab	*vocab;
	struct pia_schema	**schema;
	struct pia_diags	*sys;
	pthread_mutex_t		*mu;
	size_t			*next;
	int			 failed;
};

/* Keeps the findings of d that the filter wants (malformed XML and I/O
 * errors always pass). */
static int
filtered(const struct pia_rules *r, struct pia_diags *d)
{
	struct pia_diags	*keep;
	size_t			 i;
	int			 rc = 0;

	if ((keep = pia_diags_new()) == NULL)
		return -1;
	for (i = 0; i < pia_diags_count(d) && rc == 0; i++) {
		const struct pia_diag *g = pia_diags_get(d, i);

		if (g->rule == NULL || strcmp(g->rule, "xml") == 0 ||
		    strcmp(g->rule, "io") == 0 || pia_rules_wanted(r, g->rule))
			rc = pia_diags_add_msg(keep, g->level, g->rule,
			    g->file, g->line, g->xpath, g->source, g->msg_ja,
			    g->msg_en);
	}
	if (rc == 0) {
		struct pia_diags *tmp = pia_diags_new();

		/* empty d, then move the kept findings back */
		if (tmp == NULL || pia_diags_move(tmp, d) == -1 ||
		    pia_diags_move(d, keep) == -1)
			rc = -1;
		pia_diags_free(tmp);
	}
	pia_diags_free(keep);
	return rc;
}

static int
validate_one(struct job *j, size_t i)
{
	struct vresult		*res = &j->res[i];
	struct pia_doc		*doc;
	struct pia_diags	*d = res->d;
	int			 k, rc = 0;

	res->file = strcmp(j->files->v[i], "-") ? j->files->v[i] : "<stdin>";
	res->kind = -1;
	if ((doc = pia_doc_load(j->files->v[i], NULL, d)) != NULL) {
		k = pia_doc_kind(doc);
		res->kind = k;
		if (pia_rules_wanted(j->rules, "schema")) {
			pthread_mutex_lock(j->mu);
			if (j->schema[k] == NULL)
				j->schema[k] = pia_schema_load(k, j->sys);
			pthread_mutex_unlock(j->mu);
			if (j->schema[k] == NULL ||
			    pia_schema_validate(j->schema[k], doc, j->vocab,
			    d) < 0)
				rc = -1;
		}
		if (rc == 0 &&
		    pia_rules_validate(j->rules, doc, j->vocab, d) < 0)
			rc = -1;
		pia_doc_free(doc);
	}
	if (rc == 0)
		rc = filtered(j->rules, d);
	pia_diags_sort(d);
	res->errors = pia_diags_count_level(d, PIA_ERROR);
	res->warnings = pia_diags_count_level(d, PIA_WARNING);
	return rc;
}

static void *
worker(void *arg)
{
	struct job	*j = arg;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(j->mu);
		i = (*j->next)++;
		pthread_mutex_unlock(j->mu);
		if (i >= j->files->n || j->failed)
			break;
		if (validate_one(j, i) == -1)
			j->failed = 1;
	}
	return NULL;
}

/* Loads the built-in rule sets and those of --rules; 0, or the exit
 * status (the findings are in d). */
static int
load_rules(struct pia_rules *r, char **custom, size_t ncustom,
    const char *only, const char *skip, struct pia_diags *d)
{
	size_t i;

	if (pia_rules_load_builtin(r, d) == -1)
		return EXIT_SYSTEM;
	for (i = 0; i < ncustom; i++)
		if (pia_rules_load(r, custom[i], d) == -1)
			return EXIT_USAGE;
	pia_rules_filter(r, only, skip);
	return 0;
}

int
cmd_validate(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'T' },
		{ "rules", required_argument, NULL, 'R' },
		{ "only", required_argument, NULL, 'O' },
		{ "skip", required_argument, NULL, 'S' },
		{ "today", required_argument, NULL, 'D' },
		{ "strict", no_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("validate");
	enum out_format		 fmt = OUT_TEXT;
	struct files		 files = { NULL, 0, 0 }, custom = { NULL, 0, 0 };
	struct pia_diags	*all = NULL, *sys = NULL;
	struct pia_vocab	*vocab = NULL;
	struct pia_schema	*schema[PIA_KIND__MAX] = { NULL };
	struct pia_rules	**rules = NULL;
	struct vresult		*res = NULL;
	struct job		*jobs = NULL;
	pthread_t		*tids = NULL;
	pthread_mutex_t		 mu = PTHREAD_MUTEX_INITIALIZER;
	struct stat		 st;
	const char		*only = NULL, *skip = NULL, *today = NULL;
	char			*end;
	size_t			 i, errors = 0, warnings = 0, bad = 0, next = 0;
	long			 njobs = 1;
	int			 ch, rc = EXIT_SYSTEM, k, strict = 0, lrc;

	/*
	 * Validation allocates and frees a few MB per document (the XSD, the
	 * tree, the XPath objects).  Keep freed memory in the process instead
	 * of giving it back to the kernel and faulting it in again: about a
	 * sixth of the run time of a single 300 KB document.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TOP_PAD, 16 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "T:j:", lopts, NULL)) != -1) {
		switch (ch) {
		case 'T':
			if (strcmp(optarg, "text") == 0)
				fmt = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = OUT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				fmt = OUT_SARIF;
			else if (strcmp(optarg, "junit") == 0)
				fmt = OUT_JUNIT;
			else
				return usage_error(self, "不明な出力形式です: %s "
				    "(text、json、sarif、junit)", "unknown "
				    "format: %s (text, json, sarif or junit)",
				    optarg);
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return lang_error(self);
			break;
		case 'R':
			if (files_add(&custom, optarg) == -1)
				goto out;
			break;
		case 'O':
			only = optarg;
			break;
		case 'S':
			skip = optarg;
			break;
		case 'D':
			if (!pia_date_valid(optarg))
				return usage_error(self, "--today には実在する日付 "
				    "YYYY-MM-DD を指定します: %s", "--today takes "
				    "a real date YYYY-MM-DD: %s", optarg);
			today = optarg;
			break;
		case 's':
			strict = 1;
			break;
		case 'j':
			njobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || njobs < 1 ||
			    njobs > 64)
				return usage_error(self, "-j には 1 から 64 の数を"
				    "指定します: %s", "-j takes a number from 1 "
				    "to 64: %s", optarg);
			break;
		default:
			return usage_error(self, "オプションが不正です",
			    "bad option");
		}
	}
	if (optind == argc) {
		rc = usage_error(self, "検査するファイルを指定してください",
		    "no file to check");
		goto out;
	}
	if ((all = pia_diags_new()) == NULL || (sys = pia_diags_new()) == NULL)
		goto out;
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (walk_dir(&files, argv[i], all) == -1)
				goto out;
		} else if (files_add(&files, argv[i]) == -1)
			goto out;
	}
	if ((vocab = pia_vocab_load_default(sys)) == NULL)
		goto out;
	if ((size_t)njobs > files.n)
		njobs = files.n ? (long)files.n : 1;
	if ((rules = calloc((size_t)njobs, sizeof(*rules))) == NULL ||
	    (jobs = calloc((size_t)njobs, sizeof(*jobs))) == NULL ||
	    (tids = calloc((size_t)njobs, sizeof(*tids))) == NULL)
		goto out;
	/* One compiled rule set per thread; a rule file that does not load
	 * stops everything before any document is read. */
	for (k = 0; k < njobs; k++) {
		if ((rules[k] = pia_rules_new(today)) == NULL)
			goto out;
		if ((lrc = load_rules(rules[k], custom.v, custom.n, only, skip,
		    sys)) != 0) {
			rc = lrc;
			print_system_errors(sys);
			pia_diags_free(sys);
			sys = NULL;
			fprintf(stderr, L("pia validate: 規則ファイルに誤りが"
			    "あるため、検査しませんでした\n", "pia validate: "
			    "nothing was checked: a rule file has errors\n"));
			goto out;
		}
	}
	if ((res = calloc(files.n ? files.n : 1, sizeof(*res))) == NULL)
		goto out;
	for (i = 0; i < files.n; i++)
		if ((res[i].d = pia_diags_new()) == NULL)
			goto out;
	for (k = 0; k < njobs; k++) {
		jobs[k].files = &files;
		jobs[k].res = res;
		jobs[k].rules = rules[k];
		jobs[k].vocab = vocab;
		jobs[k].schema = schema;
		jobs[k].sys = sys;
		jobs[k].mu = &mu;
		jobs[k].next = &next;
	}
	if (njobs == 1)
		worker(&jobs[0]);
	else {
		for (k = 0; k < njobs; k++)
			if (pthread_create(&tids[k], NULL, worker, &jobs[k]) != 0) {
				jobs[k].failed = 1;
				break;
			}
		while (k-- > 0)
			pthread_join(tids[k], NULL);
	}
	for (k = 0; k < njobs; k++)
		if (jobs[k].failed)
			goto out;
	for (i = 0; i < files.n; i++) {
		if (res[i].errors || (strict && res[i].warnings))
			bad++;
		if (pia_diags_move(all, res[i].d) == -1)
			goto out;
	}
	/* Totals include findings about unreadable directories. */
	errors = pia_diags_count_level(all, PIA_ERROR);
	warnings = pia_diags_count_level(all, PIA_WARNING);
	if (fmt == OUT_TEXT) {
		print_findings_text(stdout, all);
		fflush(stdout);
		fprintf(stderr, L("pia validate: %zu 件の文書を検査: 有効 %zu、"
		    "エラーあり %zu (エラー %zu 件、警告 %zu 件)\n",
		    "pia validate: %zu documents checked: %zu valid, %zu with "
		    "errors (%zu errors, %zu warnings)\n"), files.n,
		    files.n - bad, bad, errors, warnings);
	} else if (fmt == OUT_JSON) {
		printf("{\"version\":\"%s\",\"files\":[", PIA_VERSION);
		for (i = 0; i < files.n; i++) {
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
		    "\"warnings\":%zu,\"info\":%zu}}\n", files.n, errors,
		    warnings, pia_diags_count_level(all, PIA_INFO));
	} else if (fmt == OUT_SARIF)
		print_sarif(stdout, all, rules[0]);
	else
		print_junit(stdout, all, res, files.n, strict);
	if (ferror(stdout) || fflush(stdout) == EOF) {
		fprintf(stderr, "pia validate: %s\n", L("出力に失敗しました",
		    "write error on standard output"));
		goto out;
	}
	rc = errors || (strict && warnings) ? EXIT_FINDINGS : EXIT_OK;
out:
	if (rc == EXIT_SYSTEM && sys != NULL)
		print_system_errors(sys);
	for (k = 0; k < PIA_KIND__MAX; k++)
		pia_schema_free(schema[k]);
	for (k = 0; rules != NULL && k < njobs; k++)
		pia_rules_free(rules[k]);
	free(rules);
	free(jobs);
	free(tids);
	for (i = 0; res != NULL && i < files.n; i++)
		pia_diags_free(res[i].d);
	for (i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	for (i = 0; i < custom.n; i++)
		free(custom.v[i]);
	free(custom.v);
	free(res);
	pia_vocab_free(vocab);
	pia_diags_free(sys);
	pia_diags_free(all);
	return rc;
}
