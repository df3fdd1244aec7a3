/*
 * cmd_validate.c: pia validate [-T text|json] FILE|DIR|-...
 *
 * Every file is checked for well-formedness (safe parser) and against the
 * schema of its kind; the worst level found becomes the exit code.
 */
#include <dirent.h>
#include <getopt.h>
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

struct result {
	const char	*file;
	int		 kind;
	size_t		 errors, warnings;
};

int
cmd_validate(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("validate");
	enum out_format		 fmt = OUT_TEXT;
	struct files		 files = { NULL, 0, 0 };
	struct pia_diags	*all = NULL, *sys = NULL, *d = NULL;
	struct pia_vocab	*vocab = NULL;
	struct pia_schema	*schema[PIA_KIND__MAX] = { NULL };
	struct result		*res = NULL;
	struct stat		 st;
	size_t			 i, errors = 0, warnings = 0, bad = 0;
	int			 ch, rc = EXIT_SYSTEM, k;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "T:", lopts, NULL)) != -1) {
		switch (ch) {
		case 'T':
			if (strcmp(optarg, "text") == 0)
				fmt = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = OUT_JSON;
			else
				return usage_error(self, "不明な出力形式です: %s "
				    "(text か json)", "unknown format: %s "
				    "(text or json)", optarg);
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return usage_error(self, "--lang は ja か en です",
				    "--lang takes ja or en");
			break;
		default:
			return usage_error(self, "オプションが不正です",
			    "bad option");
		}
	}
	if (optind == argc)
		return usage_error(self, "検査するファイルを指定してください",
		    "no file to check");
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
	if ((res = calloc(files.n ? files.n : 1, sizeof(*res))) == NULL)
		goto out;
	for (i = 0; i < files.n; i++) {
		struct pia_doc *doc;

		if ((d = pia_diags_new()) == NULL)
			goto out;
		res[i].file = strcmp(files.v[i], "-") ? files.v[i] : "<stdin>";
		res[i].kind = -1;
		if ((doc = pia_doc_load(files.v[i], NULL, d)) != NULL) {
			k = pia_doc_kind(doc);
			res[i].kind = k;
			if (schema[k] == NULL &&
			    (schema[k] = pia_schema_load(k, sys)) == NULL) {
				pia_doc_free(doc);
				goto out;
			}
			if (pia_schema_validate(schema[k], doc, vocab, d) < 0) {
				pia_doc_free(doc);
				goto out;
			}
			pia_doc_free(doc);
		}
		res[i].errors = pia_diags_count_level(d, PIA_ERROR);
		res[i].warnings = pia_diags_count_level(d, PIA_WARNING);
		if (res[i].errors)
			bad++;
		pia_diags_sort(d);
		if (pia_diags_move(all, d) == -1)
			goto out;
		pia_diags_free(d);
		d = NULL;
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
	} else {
		printf("{\"version\":\"%s\",\"files\":[", PIA_VERSION);
		for (i = 0; i < files.n; i++) {
			printf("%s{\"file\":", i ? "," : "");
			json_str(stdout, res[i].file);
			printf(",\"kind\":");
			json_str(stdout, res[i].kind >= 0 ?
			    pia_kind_id(res[i].kind) : NULL);
			printf(",\"valid\":%s,\"errors\":%zu,\"warnings\":%zu}",
			    res[i].errors ? "false" : "true", res[i].errors,
			    res[i].warnings);
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
	}
	rc = errors ? EXIT_FINDINGS : EXIT_OK;
out:
	if (rc == EXIT_SYSTEM && sys != NULL)
		print_system_errors(sys);
	for (k = 0; k < PIA_KIND__MAX; k++)
		pia_schema_free(schema[k]);
	for (i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	free(res);
	pia_vocab_free(vocab);
	pia_diags_free(d);
	pia_diags_free(sys);
	pia_diags_free(all);
	return rc;
}
