/*
 * cmd_new.c: pia new --kind K [-o FILE]: a blank assessment.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_templates.h"

int
cmd_new(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("new");
	int			 orc, force = 0;
	struct pia_diags	*d = NULL;
	struct pia_vocab	*v = NULL;
	enum pia_kind		 k = PIA_KIND_NONE;
	const char		*out = "-";
	char			*text = NULL;
	size_t			 len;
	int			 ch, rc = EXIT_SYSTEM;

	optind = 1;
	while ((ch = opts_next(self, argc, argv, "k:o:", lopts, &orc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			return orc;
		case 'k':
			if ((k = pia_kind_parse(optarg)) == PIA_KIND_NONE)
				return usage_error(self, PIA_M_CLI_UNKNOWN_KIND,
				    optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = 1;
			break;
		default:
			return usage_error(self, PIA_M_CLI_BAD_OPTION);
		}
	}
	if (optind != argc)
		return usage_error(self, PIA_M_CLI_EXTRA_ARG, argv[optind]);
	if (k == PIA_KIND_NONE)
		return usage_error(self, PIA_M_CLI_KIND_REQUIRED);
	if ((orc = out_allowed(self, out, force)) != 0)
		return orc;
	if ((d = pia_diags_new()) == NULL)
		goto out;
	if ((v = pia_vocab_load_default(d)) == NULL)
		goto out;
	if ((text = pia_skeleton(v, k, &len)) == NULL)
		goto out;
	if (pia_file_write_atomic(out, text, len, d) == 0)
		rc = EXIT_OK;
out:
	if (d != NULL)
		print_system_errors(d);
	free(text);
	pia_vocab_free(v);
	pia_diags_free(d);
	return rc;
}
