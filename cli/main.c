/*
 * main.c: the pia command: global options and the table of subcommands.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "extern.h"

const char	*lang = "ja";

const struct cmd commands[] = {
	{ "new", cmd_new, PIA_M_CLI_NEW_SUMMARY,
	  "pia new --kind full|focused|basic [-o FILE]",
	  PIA_M_CLI_NEW_HELP },
	{ "validate", cmd_validate, PIA_M_CLI_VALIDATE_SUMMARY,
	  "pia validate [-T text|json|sarif|junit|github] [--rules FILE]... "
	  "[--only IDS] [--skip IDS] [--lang ja|en] [--today YYYY-MM-DD] "
	  "[--strict] [-j N] FILE|DIR|-...",
	  PIA_M_CLI_VALIDATE_HELP },
	{ "threshold", cmd_threshold, PIA_M_CLI_THRESHOLD_SUMMARY,
	  "pia threshold --population N --handlers N --incident yes|no "
	  "[-T text|json]",
	  PIA_M_CLI_THRESHOLD_HELP },
	{ "diff", cmd_diff, PIA_M_CLI_DIFF_SUMMARY,
	  "pia diff [-T text|json|xml|csv|html|pdf|layout] [--date YYYY-MM-DD] "
	  "[-W] [-o FILE] OLD NEW",
	  PIA_M_CLI_DIFF_HELP },
	{ "review", cmd_review, PIA_M_CLI_REVIEW_SUMMARY,
	  "pia review [-T text|json] [--today YYYY-MM-DD] [-o FILE] OLD NEW | "
	  "--batch DIR [-T json|html] [-j N]",
	  PIA_M_CLI_REVIEW_HELP },
	{ "history", cmd_history, PIA_M_CLI_HISTORY_SUMMARY,
	  "pia history --date YYYY-MM-DD OLD NEW [-o OUT]",
	  PIA_M_CLI_HISTORY_HELP },
	{ "render", cmd_render, PIA_M_CLI_RENDER_SUMMARY,
	  "pia render [-T pdf|html|layout|print] [-o OUT] [--only changes] "
	  "[--public] [--strict] FILE",
	  PIA_M_CLI_RENDER_HELP },
	{ "edit", cmd_edit, PIA_M_CLI_EDIT_SUMMARY,
	  "pia edit [--kind K] [--prev OLD] [--port N] [--idle S] [--no-open] "
	  "[--lang ja|en] FILE",
	  PIA_M_CLI_EDIT_HELP },
	{ "import", cmd_import, PIA_M_CLI_IMPORT_SUMMARY,
	  "pia import [-o OUT] [-T text|json] [--kind K] [--lang ja|en] "
	  "FILE.txt|-",
	  PIA_M_CLI_IMPORT_HELP },
	{ "help", cmd_help, PIA_M_CLI_HELP_SUMMARY,
	  "pia help [COMMAND | findings [-T text|json] [--lang ja|en]]",
	  PIA_M_CLI_HELP_HELP },
	{ "version", cmd_version, PIA_M_CLI_VERSION_SUMMARY,
	  "pia version", CMD_NO_HELP },
	{ NULL, NULL, 0, NULL, 0 }
};

const struct cmd *
cmd_find(const char *name)
{
	const struct cmd *c;

	for (c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	pia_msg_print(stdout, lang, PIA_M_CLI_VERSION, PIA_VERSION);
	putchar('\n');
	return out_flush(EXIT_OK);
}

int
main(int argc, char *argv[])
{
	const struct cmd	*c;
	int			 i = 1, rc;

	if ((rc = env_lang()) != 0)
		return rc;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0 ||
		    strcmp(argv[i], "-V") == 0)
			return cmd_version(0, NULL);
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cmd_help(1, argv + i);
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			if ((rc = opt_lang(NULL, argv[++i])) != 0)
				return rc;
			continue;
		}
		if (strncmp(argv[i], "--lang=", 7) == 0) {
			if ((rc = opt_lang(NULL, argv[i] + 7)) != 0)
				return rc;
			continue;
		}
		return usage_error(NULL, PIA_M_CLI_UNKNOWN_OPTION, argv[i]);
	}
	if (i == argc) {
		cmd_help(1, argv);
		return EXIT_USAGE;
	}
	if ((c = cmd_find(argv[i])) == NULL) {
		if ((c = cmd_suggest(argv[i])) != NULL)
			return usage_error(NULL, PIA_M_CLI_UNKNOWN_COMMAND_HINT,
			    argv[i], c->name);
		return usage_error(NULL, PIA_M_CLI_UNKNOWN_COMMAND, argv[i]);
	}
	rc = c->run(argc - i, argv + i);
	xmlCleanupParser();
	pia_i18n_cleanup();
	return rc;
}
