/*
 * cmd_diff.c: pia diff [-T text|json|xml|csv|html|pdf|layout] [--date D]
 * [-W] [-o OUT] OLD NEW.
 *
 * Prints the 変更箇所 rows that turn OLD into NEW.  Exit status as diff(1):
 * 0 equal, 1 different, 2 trouble.  The diff and its printers are in the
 * library (model/diff/, templates/diff/); HTML, PDF and the layout dump
 * need the renderer, so pia hands them to pia-render (exec.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extern.h"
#include "pia_diff.h"
#include "pia_diff_print.h"

/* The formats; a NULL printer: printed by pia-render (render_main.c). */
static const struct diff_format {
	const char	*name;
	diff_printer	 print;
} formats[] = {
	{ "text", pia_diff_print_text },
	{ "json", pia_diff_print_json },
	{ "xml", pia_diff_print_xml },
	{ "csv", pia_diff_print_csv },
	{ "html", NULL },
	{ "pdf", NULL },
	{ "layout", NULL },
	{ NULL, NULL }
};

int
cmd_diff(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "whitespace", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd		*self = cmd_find("diff");
	int			 orc, force = 0;
	const struct diff_format	*f;
	struct pia_diff_print		 o = { NULL, NULL, NULL, NULL };
	const char			*fmt = "text", *out = "-";
	char				 date[11] = "", flags[16], *words[8];
	unsigned			 fl = 0;
	int				 c;

	optind = 1;
	while ((c = opts_next(self, argc, argv, "T:o:W", lopts, &orc)) != -1) {
		switch (c) {
		case OPTS_EXIT:
			return orc;
		case 'T':
			fmt = optarg;
			break;
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
		case 'W':
			fl |= PIA_DIFF_EQUIV;
			break;
		default:
			return usage_error(self,
			    pia_msg_fmt(PIA_M_DIFF_USAGE_OPTION, "ja"),
			    pia_msg_fmt(PIA_M_DIFF_USAGE_OPTION, "en"));
		}
	}
	for (f = formats; f->name != NULL; f++)
		if (strcmp(f->name, fmt) == 0)
			break;
	if (f->name == NULL)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_DIFF_USAGE_FORMAT, "ja"),
		    pia_msg_fmt(PIA_M_DIFF_USAGE_FORMAT, "en"), fmt);
	if (strcmp(fmt, "pdf") == 0 && strcmp(out, "-") == 0 &&
	    isatty(STDOUT_FILENO))
		return usage_error(self,
		    pia_msg_fmt(PIA_M_DIFF_USAGE_PDF_TTY, "ja"),
		    pia_msg_fmt(PIA_M_DIFF_USAGE_PDF_TTY, "en"));
	if ((orc = out_allowed(self, out, force)) != 0)
		return orc;
	if (argc - optind != 2)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_DIFF_USAGE_FILES, "ja"),
		    pia_msg_fmt(PIA_M_DIFF_USAGE_FILES, "en"));
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_DIFF_USAGE_STDIN, "ja"),
		    pia_msg_fmt(PIA_M_DIFF_USAGE_STDIN, "en"));
	if (*date == '\0')
		pia_today(date);
	if (f->print == NULL) {
		/* pia-render diff FORMAT DATE FLAGS OUT OLD NEW */
		snprintf(flags, sizeof(flags), "%u", fl);
		words[0] = "diff";
		words[1] = (char *)fmt;
		words[2] = date;
		words[3] = flags;
		words[4] = (char *)out;
		words[5] = argv[optind];
		words[6] = argv[optind + 1];
		words[7] = NULL;
		return run_renderer(words);
	}
	o.date = date;
	o.old_name = argv[optind];
	o.new_name = argv[optind + 1];
	o.lang = lang;
	return diff_run(f->print, &o, fl, out);
}
