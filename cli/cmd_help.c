/*
 * cmd_help.c: pia help [COMMAND].
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"

int
cmd_help(int argc, char **argv)
{
	const struct cmd *c;

	if (argc > 1 && (c = cmd_find(argv[1])) != NULL) {
		printf("%s: %s\n\n%s\n", L("使い方", "usage"), c->usage,
		    L(c->summary_ja, c->summary_en));
		if (*c->help_ja)
			printf("\n%s", L(c->help_ja, c->help_en));
		return EXIT_OK;
	}
	if (argc > 1)
		return usage_error(cmd_find("help"), "不明なコマンドです: %s",
		    "unknown command: %s", argv[1]);
	printf("pia %s — %s\n\n%s: pia [--lang ja|en] COMMAND [ARGS]\n\n",
	    PIA_VERSION, L("特定個人情報保護評価書ツールキット",
	    "toolkit for 特定個人情報保護評価書 (My Number privacy impact "
	    "assessments)"), L("使い方", "usage"));
	for (c = commands; c->name != NULL; c++)
		printf("  %-10s %s\n", c->name, L(c->summary_ja, c->summary_en));
	printf("\n%s\n", L("各コマンドの説明: pia help COMMAND。マニュアル: man pia",
	    "Help on a command: pia help COMMAND. Manual: man pia"));
	return EXIT_OK;
}
