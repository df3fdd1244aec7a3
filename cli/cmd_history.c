/*
 * cmd_history.c: pia history --date D OLD NEW [-o OUT]: appends the rows
 * of pia diff OLD NEW to the 変更箇所 of NEW (or writes NEW with them to
 * OUT), atomically; rows already there are not added again.  The diff
 * never compares the 変更箇所 section, so the rows added never produce
 * rows about themselves (model/diff/diff.md §6).  The work is
 * pia_history() of the library.
 */
#include <getopt.h>
#include <stdio.h>
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
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("history");
	int			 orc, force = 0;
	struct pia_diags	*d = NULL;
	const char		*out = NULL;
	char			 date[11] = "";
	long			 added;
	int			 c, rc = EXIT_SYSTEM;

	optind = 1;
	while ((c = opts_next(self, argc, argv, "o:", lopts, &orc)) != -1) {
		switch (c) {
		case OPTS_EXIT:
			return orc;
		case 'd':
			if (!pia_date_valid(optarg))
				return usage_error(self,
				    pia_msg_fmt(PIA_M_DIFF_USAGE_DATE, "ja"),
				    pia_msg_fmt(PIA_M_DIFF_USAGE_DATE, "en"),
				    optarg);
			snprintf(date, sizeof(date), "%s", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = 1;
			break;
		default:
			return usage_error(self,
			    pia_msg_fmt(PIA_M_DIFF_USAGE_OPTION, "ja"),
			    pia_msg_fmt(PIA_M_DIFF_USAGE_OPTION, "en"));
		}
	}
	if (*date == '\0')
		return usage_error(self,
		    pia_msg_fmt(PIA_M_HISTORY_USAGE_DATE, "ja"),
		    pia_msg_fmt(PIA_M_HISTORY_USAGE_DATE, "en"));
	if (argc - optind != 2)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_HISTORY_USAGE_FILES, "ja"),
		    pia_msg_fmt(PIA_M_HISTORY_USAGE_FILES, "en"));
	if (strcmp(argv[optind + 1], "-") == 0 && out == NULL)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_HISTORY_USAGE_STDIN, "ja"),
		    pia_msg_fmt(PIA_M_HISTORY_USAGE_STDIN, "en"));
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_DIFF_USAGE_STDIN, "ja"),
		    pia_msg_fmt(PIA_M_DIFF_USAGE_STDIN, "en"));
	if ((orc = out_allowed(self, out, force)) != 0)
		return orc;
	if ((d = pia_diags_new()) == NULL)
		goto out;
	added = pia_history(argv[optind], argv[optind + 1], date, out, d);
	if (added < 0)
		goto out;
	fputs("pia history: ", stderr);
	if (added == 0 && out == NULL)
		pia_msg_print(stderr, lang, PIA_M_HISTORY_NONE,
		    argv[optind + 1]);
	else
		pia_msg_print(stderr, lang, PIA_M_HISTORY_ADDED,
		    out != NULL ? out : argv[optind + 1], added,
		    PLURAL(added));
	fputc('\n', stderr);
	rc = EXIT_OK;
out:
	if (pia_diags_count(d) > 0)
		print_findings_text(stderr, d);
	pia_diags_free(d);
	return rc;
}
