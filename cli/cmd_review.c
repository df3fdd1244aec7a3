/*
 * cmd_review.c: pia review [-T text|json] [--today YYYY-MM-DD]
 * [--lang ja|en] [-o OUT] OLD NEW.
 *
 * Reviews the submitted revision NEW against the previous one OLD the way
 * a commission does (指針 第10): the library does the review
 * (validators/review.c) and prints it (templates/review/); this file only
 * reads the command line.  Exit status as pia validate: 0 nothing to
 * report, 1 findings, 2 usage, 3 failure.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_review.h"

int
cmd_review(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "today", required_argument, NULL, 'D' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("review");
	struct pia_validate_opts o;
	struct pia_validator	*v = NULL;
	struct pia_review	*r = NULL;
	struct pia_diags	*d;
	const char		*fmt = "text", *out = "-";
	char			*buf = NULL;
	size_t			 len = 0;
	int			 c, rc = EXIT_SYSTEM, json;

	memset(&o, 0, sizeof(o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "T:o:", lopts, NULL)) != -1) {
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
		default:
			return usage_msg(self, PIA_M_CLI_BAD_OPTION);
		}
	}
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return usage_msg(self, PIA_M_CLI_FORMAT_TEXT_JSON, fmt);
	if (argc - optind != 2)
		return usage_msg(self, PIA_M_CLI_REVIEW_FILES);
	json = strcmp(fmt, "json") == 0;
	if ((d = pia_diags_new()) == NULL)
		return EXIT_SYSTEM;
	if ((v = pia_validator_new(&o, NULL, d)) == NULL)
		goto out;
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
