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
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("edit");
	int			 orc;
	const char		*prev = "-", *file;
	enum pia_kind		 kind = PIA_KIND_NONE;
	char			 port[8] = "0", idle[8] = "120";
	int			 open = 1;
	struct stat		 st;
	char			*end;
	long			 n;
	int			 ch;

	optind = 1;
	while ((ch = opts_next(self, argc, argv, "", lopts, &orc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			return orc;
		case 'k':
			if ((kind = pia_kind_parse(optarg)) == PIA_KIND_NONE)
				return usage_error(self, M(EDIT_USAGE_KIND),
				    optarg);
			break;
		case 'P':
			prev = optarg;
			break;
		case 'p':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 65535)
				return usage_error(self, M(EDIT_USAGE_PORT),
				    optarg);
			snprintf(port, sizeof(port), "%ld", n);
			break;
		case 'i':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 86400)
				return usage_error(self, M(EDIT_USAGE_IDLE),
				    optarg);
			snprintf(idle, sizeof(idle), "%ld", n);
			break;
		case 'n':
			open = 0;
			break;
		default:
			return usage_error(self, M(EDIT_USAGE_OPTION));
		}
	}
	if (argc - optind != 1 || strcmp(argv[optind], "-") == 0)
		return usage_error(self, M(EDIT_USAGE_FILE));
	file = argv[optind];
	if (stat(file, &st) == -1 && errno == ENOENT &&
	    kind == PIA_KIND_NONE)
		return usage_error(self, M(EDIT_USAGE_NEW), file);
	{
		/* The server runs in pia-render (it links libxslt for the
		 * page): its words are those of cli/render_main.c. */
		char *const words[] = { "edit", (char *)file, (char *)prev,
		    kind == PIA_KIND_NONE ? "-" : (char *)pia_kind_id(kind),
		    port, idle, open ? "1" : "0", NULL };

		return run_renderer(words);
	}
}
