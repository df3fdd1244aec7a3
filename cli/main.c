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
	  "評価書を検査する (整形式、スキーマ、規則)",
	  "check assessments (well-formedness, schema, rules)",
	  "pia validate [-T text|json|sarif|junit] [--rules FILE]... "
	  "[--only IDS] [--skip IDS] [--lang ja|en] [--today YYYY-MM-DD] "
	  "[--strict] [-j N] FILE|DIR|-...",
	  "  -T text      FILE:LINE: error: [規則] メッセージ の形式 (既定)\n"
	  "  -T json      JSON で出力\n"
	  "  -T sarif     SARIF 2.1.0 (GitHub code scanning)\n"
	  "  -T junit     JUnit XML (GitLab などのテスト報告)\n"
	  "  --rules FILE 組み込みの規則に加えて Schematron の規則ファイルを使う "
	  "(繰り返し可)\n"
	  "  --only IDS   この規則 id だけを検査 (カンマ区切り、req-* のような"
	  "パターン、schema はスキーマ検査)\n"
	  "  --skip IDS   この規則 id を検査しない\n"
	  "  --today D    日付の規則 (再実施の期限) の基準日 (既定は今日)\n"
	  "  --strict     警告もエラーとして終了コード 1 にする\n"
	  "  -j N         N 個のスレッドで並行して検査\n"
	  "  DIR          ディレクトリ内の *.xml を再帰的に検査\n"
	  "  -            標準入力を検査\n"
	  "終了コード: 0 エラーなし、1 エラーあり (--strict では警告も。整形式で"
	  "ない文書を含む)、2 使い方の誤り (読み込めない規則ファイルを含む)、"
	  "3 システムエラー\n",
	  "  -T text      FILE:LINE: error: [rule] message (default)\n"
	  "  -T json      JSON output\n"
	  "  -T sarif     SARIF 2.1.0 (GitHub code scanning)\n"
	  "  -T junit     JUnit XML (GitLab and other test reports)\n"
	  "  --rules FILE also run the Schematron rule file FILE (repeatable)\n"
	  "  --only IDS   run only these rule ids (comma-separated, patterns "
	  "such as req-*, schema for the schema check)\n"
	  "  --skip IDS   do not run these rule ids\n"
	  "  --today D    reference date of the date rules (default: today)\n"
	  "  --strict     warnings also give exit status 1\n"
	  "  -j N         validate with N threads\n"
	  "  DIR          check the *.xml files below DIR\n"
	  "  -            check standard input\n"
	  "Exit status: 0 no errors, 1 errors found (with --strict also "
	  "warnings; a malformed file is a finding), 2 usage (a rule file "
	  "that does not load included), 3 system failure\n" },
	{ "threshold", cmd_threshold,
	  "しきい値判断の結果と作成する評価書を表示する",
	  "show the threshold judgement and the assessments to produce",
	  "pia threshold --population N --handlers N --incident yes|no "
	  "[-T text|json]",
	  "  --population N   対象人数 (数、又は「1万人以上10万人未満」のような区分)\n"
	  "  --handlers N     取扱者数 (委託先を含む)\n"
	  "  --incident yes|no 過去1年以内の特定個人情報に関する重大事故\n"
	  "  -T json          JSON で出力\n"
	  "根拠: 特定個人情報保護評価指針 第5の2\n",
	  "  --population N   persons covered (a number, or a band as printed)\n"
	  "  --handlers N     staff handling the files, contractors included\n"
	  "  --incident yes|no a serious incident in the past year\n"
	  "  -T json          JSON output\n"
	  "Source: 指針 第5の2\n" },
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
