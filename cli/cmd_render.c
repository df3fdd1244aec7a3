/*
 * cmd_render.c: pia render [-T pdf|html|layout|print] [-o OUT]
 *     [--only changes] FILE
 *
 * Checks the command line and hands the rendering to pia-render, which
 * links the renderer (exec.c, render_main.c).  There the document is
 * loaded and checked against the schema of its kind first: a document
 * with errors is not rendered (exit 1), one with only warnings is.  The
 * output is written atomically, so a failure leaves no partial file.
 * Default output: FILE with .pdf (.html for -T html), standard output for
 * -T layout and -T print.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* The formats of pia_render_format_parse(), and where each goes by
 * default: a file named after the input with this suffix, or (NULL)
 * standard output. */
static const struct {
	const char	*name, *suffix;
} formats[] = {
	{ "pdf", ".pdf" },
	{ "html", ".html" },
	{ "layout", NULL },
	{ "print", NULL },
	{ NULL, NULL }
};

/* FILE with its .xml suffix (if any) replaced by ext. */
static char *
default_output(const char *in, const char *ext)
{
	size_t	 n = strlen(in);
	char	*s;

	if (n > 4 && strcmp(in + n - 4, ".xml") == 0)
		n -= 4;
	if ((s = malloc(n + strlen(ext) + 1)) == NULL)
		return NULL;
	memcpy(s, in, n);
	strcpy(s + n, ext);
	return s;
}

int
cmd_render(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "format", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "only", required_argument, NULL, 'O' },
		{ "strict", no_argument, NULL, 'S' },
		{ "public", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("render");
	int			 orc, force = 0;
	const char		*outarg = NULL, *only = "-", *in;
	char			*outpath = NULL, *words[8];
	int			 ch, f = 0, rc, strict = 0, public = 0;

	optind = 1;
	while ((ch = opts_next(self, argc, argv, "T:o:", lopts, &orc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			return orc;
		case 'T':
			for (f = 0; formats[f].name != NULL; f++)
				if (strcmp(formats[f].name, optarg) == 0)
					break;
			if (formats[f].name == NULL)
				return usage_error(self,
				    pia_msg_fmt(PIA_M_RENDER_USAGE_FORMAT, "ja"),
				    pia_msg_fmt(PIA_M_RENDER_USAGE_FORMAT, "en"),
				    optarg);
			break;
		case 'o':
			outarg = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'O':
			if (strcmp(optarg, "changes") != 0)
				return usage_error(self,
				    pia_msg_fmt(PIA_M_RENDER_USAGE_ONLY, "ja"),
				    pia_msg_fmt(PIA_M_RENDER_USAGE_ONLY, "en"));
			only = "changes";
			break;
		case 'P':	/* the public edition */
			public = 1;
			break;
		case 'S':	/* a warning (a missing figure) fails too */
			strict = 1;
			break;
		default:
			return usage_error(self,
			    pia_msg_fmt(PIA_M_DIFF_USAGE_OPTION, "ja"),
			    pia_msg_fmt(PIA_M_DIFF_USAGE_OPTION, "en"));
		}
	}
	if (optind == argc)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_RENDER_USAGE_NOFILE, "ja"),
		    pia_msg_fmt(PIA_M_RENDER_USAGE_NOFILE, "en"));
	if (argc - optind > 1)
		return usage_error(self,
		    pia_msg_fmt(PIA_M_RENDER_USAGE_FILES, "ja"),
		    pia_msg_fmt(PIA_M_RENDER_USAGE_FILES, "en"));
	in = argv[optind];
	if (outarg != NULL)
		outpath = strdup(outarg);
	else if (formats[f].suffix == NULL || strcmp(in, "-") == 0)
		outpath = strdup("-");
	else
		outpath = default_output(in, formats[f].suffix);
	if (outpath == NULL) {
		fputs("pia render: ", stderr);
		pia_msg_print(stderr, lang, PIA_M_OOM);
		fputc('\n', stderr);
		return EXIT_SYSTEM;
	}
	if ((orc = out_allowed(self, outpath, force)) != 0 ||
	    (strcmp(formats[f].name, "pdf") == 0 &&
	    (orc = out_binary_tty(self, outpath)) != 0)) {
		free(outpath);
		return orc;
	}
	/* pia-render render FORMAT ONLY OUT IN PUBLIC STRICT
	 * (render_main.c) */
	words[0] = "render";
	words[1] = (char *)formats[f].name;
	words[2] = (char *)only;
	words[3] = outpath;
	words[4] = (char *)in;
	words[5] = public ? "1" : "0";
	words[6] = strict ? "1" : "0";
	words[7] = NULL;
	rc = run_renderer(words);
	free(outpath);
	return rc;
}
