/*
 * cmd_history.c: pia history --date D OLD NEW [-o OUT]: appends the rows
 * of pia diff OLD NEW to the 変更箇所 of NEW (or writes NEW with them to
 * OUT), atomically; rows already there are not added again.  The diff
 * never compares the 変更箇所 section, so the rows added never produce
 * rows about themselves (model/diff.md §6).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_diff.h"

int
cmd_history(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("history");
	struct pia_diags	*d = NULL;
	struct pia_vocab	*v = NULL;
	struct pia_doc		*o = NULL, *n = NULL;
	struct pia_changes	*ch = NULL;
	const char		*out = NULL;
	char			 date[11] = "";
	long			 added;
	int			 c, rc = EXIT_USAGE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", lopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (diff_date_arg(self, optarg) != 0)
				return EXIT_USAGE;
			snprintf(date, sizeof(date), "%s", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return lang_error(self);
			break;
		default:
			return usage_error(self, "オプションが不正です",
			    "bad option");
		}
	}
	if (*date == '\0')
		return usage_error(self, "--date (変更日、YYYY-MM-DD) を指定して"
		    "ください", "--date (the date of the change, YYYY-MM-DD) is "
		    "required");
	if (argc - optind != 2)
		return usage_error(self, "評価書を2つ (旧、新) 指定してください",
		    "give two assessments (old, new)");
	if (strcmp(argv[optind + 1], "-") == 0 && out == NULL)
		return usage_error(self, "NEW が標準入力のときは -o で出力先を"
		    "指定してください", "with NEW on standard input, give -o");
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return usage_error(self, "標準入力 (-) は一方にしか使えません",
		    "standard input (-) can stand for one file only");
	rc = EXIT_SYSTEM;
	if ((d = pia_diags_new()) == NULL ||
	    diff_load(argv[optind], argv[optind + 1], 0, &v, &o, &n, &ch,
	    d) == -1)
		goto out;
	if ((added = pia_changes_append(v, ch, date, n, d)) < 0)
		goto out;
	if (added == 0 && out == NULL) {
		fprintf(stderr, L("pia history: %s: 追加する行はありません\n",
		    "pia history: %s: no rows to add\n"), argv[optind + 1]);
		rc = EXIT_OK;
		goto out;
	}
	if (pia_doc_save(n, out != NULL ? out : argv[optind + 1], d) == -1)
		goto out;
	fprintf(stderr, L("pia history: %s: %ld 行を追加しました (提出時期は案)\n",
	    "pia history: %s: %ld rows added (提出時期 proposed)\n"),
	    out != NULL ? out : argv[optind + 1], added);
	rc = EXIT_OK;
out:
	if (d != NULL && pia_diags_count(d) > 0)
		print_findings_text(stderr, d);
	pia_changes_free(ch);
	pia_doc_free(o);
	pia_doc_free(n);
	pia_vocab_free(v);
	pia_diags_free(d);
	return rc;
}
