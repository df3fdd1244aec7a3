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
	{ "new", cmd_new,
	  "様式の雛形 (空欄の評価書) を書き出す",
	  "write a blank assessment of a form",
	  "pia new --kind full|focused|basic [-o FILE]",
	  "  --kind K     様式: full=全項目評価書(様式4) focused=重点項目評価書"
	  "(様式3) basic=基礎項目評価書(様式2)\n"
	  "  -o FILE      FILE に書き出す (既定は標準出力)。一時ファイルに書いて"
	  "から置き換えるので、失敗しても中途半端なファイルは残りません\n",
	  "  --kind K     the form: full (様式4), focused (様式3), basic (様式2)\n"
	  "  -o FILE      write to FILE (default: standard output), atomically: "
	  "a failure leaves no partial file\n" },
	{ "validate", cmd_validate,
	  "評価書を検査する (整形式、スキーマ)",
	  "check assessments (well-formedness, schema)",
	  "pia validate [-T text|json] [--lang ja|en] FILE|DIR|-...",
	  "  -T text      FILE:LINE: error: [規則] メッセージ の形式 (既定)\n"
	  "  -T json      JSON で出力\n"
	  "  DIR          ディレクトリ内の *.xml を再帰的に検査\n"
	  "  -            標準入力を検査\n"
	  "終了コード: 0 エラーなし、1 エラーあり (整形式でない文書を含む)、"
	  "2 使い方の誤り、3 システムエラー\n",
	  "  -T text      FILE:LINE: error: [rule] message (default)\n"
	  "  -T json      JSON output\n"
	  "  DIR          check the *.xml files below DIR\n"
	  "  -            check standard input\n"
	  "Exit status: 0 no errors, 1 errors found (a malformed file is a "
	  "finding), 2 usage, 3 system failure\n" },
	{ "import", cmd_import,
	  "公表された評価書のテキストを取り込む",
	  "import the text of a published assessment",
	  "pia import [-o OUT] [-T text|json] [--kind K] [--lang ja|en] "
	  "FILE.txt|-",
	  "  -o OUT       OUT に XML を書き出す (一時ファイルから置き換え。既定は"
	  "標準出力で、指摘は標準エラーへ)\n"
	  "  -T text      FILE:LINE: level: [規則] メッセージ の形式 (既定)\n"
	  "  -T json      指摘と取込み率を JSON で出力\n"
	  "  --kind K     様式を指定する (既定は表題と見出しから判別)\n"
	  "位置を決められない記載は <unplaced> に残し、指摘します。"
	  "出力はいつもスキーマに合います。足りない項目は pia validate で"
	  "確かめてください\n"
	  "終了コード: 0 指摘なし、1 エラーか警告あり、2 使い方の誤り、"
	  "3 失敗 (読めない、様式が判らない)\n",
	  "  -o OUT       write the XML to OUT, atomically (default: standard "
	  "output, findings then go to standard error)\n"
	  "  -T text      FILE:LINE: level: [rule] message (default)\n"
	  "  -T json      findings and coverage as JSON\n"
	  "  --kind K     the form (default: detected from the title and the "
	  "headings)\n"
	  "Text with no place in the form is kept in <unplaced> and reported. "
	  "The output always matches the schema; pia validate lists what is "
	  "still missing\n"
	  "Exit status: 0 no findings, 1 errors or warnings, 2 usage, "
	  "3 failure (unreadable, form not recognised)\n" },
	{ "help", cmd_help,
	  "コマンドの説明を表示する",
	  "show help for a command",
	  "pia help [COMMAND]", "", "" },
	{ "version", cmd_version,
	  "版数を表示する", "show the version",
	  "pia version", "", "" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
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
set_lang(const char *s)
{
	if (s != NULL && strcmp(s, "ja") == 0)
		lang = "ja";
	else if (s != NULL && strcmp(s, "en") == 0)
		lang = "en";
	else
		return -1;
	return 0;
}

int
usage_error(const struct cmd *c, const char *fmt_ja, const char *fmt_en, ...)
{
	va_list	 ap;

	fprintf(stderr, "pia%s%s: ", c ? " " : "", c ? c->name : "");
	va_start(ap, fmt_en);
	vfprintf(stderr, L(fmt_ja, fmt_en), ap);
	va_end(ap);
	fprintf(stderr, "\n%s: %s\n", L("使い方", "usage"),
	    c ? c->usage : "pia [--lang ja|en] COMMAND [ARGS]");
	return EXIT_USAGE;
}

int
cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("pia %s\n", PIA_VERSION);
	return EXIT_OK;
}

int
main(int argc, char *argv[])
{
	const struct cmd	*c;
	const char		*env;
	int			 i = 1, rc;

	if ((env = getenv("PIA_LANG")) != NULL)
		set_lang(env);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0 ||
		    strcmp(argv[i], "-V") == 0)
			return cmd_version(0, NULL);
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cmd_help(1, argv + i);
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			if (set_lang(argv[++i]) == -1)
				return usage_error(NULL, "--lang は ja か en です",
				    "--lang takes ja or en");
			continue;
		}
		if (strncmp(argv[i], "--lang=", 7) == 0) {
			if (set_lang(argv[i] + 7) == -1)
				return usage_error(NULL, "--lang は ja か en です",
				    "--lang takes ja or en");
			continue;
		}
		return usage_error(NULL, "不明なオプションです: %s",
		    "unknown option: %s", argv[i]);
	}
	if (i == argc) {
		cmd_help(1, argv);
		return EXIT_USAGE;
	}
	if ((c = cmd_find(argv[i])) == NULL)
		return usage_error(NULL, "不明なコマンドです: %s "
		    "(pia help で一覧を表示)", "unknown command: %s (see pia help)",
		    argv[i]);
	rc = c->run(argc - i, argv + i);
	xmlCleanupParser();
	pia_i18n_cleanup();
	return rc;
}
