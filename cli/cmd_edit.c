/*
 * cmd_edit.c: pia edit [--kind K] [--prev OLD] [--port N] [--idle S]
 * [--no-open] [--lang ja|en] FILE: the official form in the browser,
 * served on 127.0.0.1 (cli/edit/: the document, its findings, the HTTP
 * server; templates/editor/: the page).  FILE may not exist yet: --kind
 * then says which form to start from.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extern.h"
#include "edit/edit.h"

#define M(m)	pia_msg_fmt(PIA_M_##m, "ja"), pia_msg_fmt(PIA_M_##m, "en")

int
cmd_edit(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "prev", required_argument, NULL, 'P' },
		{ "port", required_argument, NULL, 'p' },
		{ "idle", required_argument, NULL, 'i' },
		{ "no-open", no_argument, NULL, 'n' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("edit");
	struct edit_opts	 o = { NULL, NULL, PIA_KIND_NONE, NULL, 0, 120,
				    1 };
	struct stat		 st;
	char			*end;
	long			 n;
	int			 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			if ((o.kind = pia_kind_parse(optarg)) == PIA_KIND_NONE)
				return usage_error(self, M(EDIT_USAGE_KIND),
				    optarg);
			break;
		case 'P':
			o.prev = optarg;
			break;
		case 'p':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 65535)
				return usage_error(self, M(EDIT_USAGE_PORT),
				    optarg);
			o.port = (unsigned)n;
			break;
		case 'i':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 86400)
				return usage_error(self, M(EDIT_USAGE_IDLE),
				    optarg);
			o.idle = (int)n;
			break;
		case 'n':
			o.open = 0;
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return lang_error(self);
			break;
		default:
			return usage_error(self, M(EDIT_USAGE_OPTION));
		}
	}
	if (argc - optind != 1 || strcmp(argv[optind], "-") == 0)
		return usage_error(self, M(EDIT_USAGE_FILE));
	o.file = argv[optind];
	o.lang = lang;
	if (stat(o.file, &st) == -1 && errno == ENOENT &&
	    o.kind == PIA_KIND_NONE)
		return usage_error(self, M(EDIT_USAGE_NEW), o.file);
	return edit_serve(&o);
}
