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

/* pia-render links the renderer; pia hands rendering over to it. */
#ifdef PIA_WITH_RENDER
#define CMD_RENDER	cmd_render
#define CMD_EDIT	cmd_edit
#else
#define CMD_RENDER	run_renderer
#define CMD_EDIT	run_renderer
#endif

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
	{ "diff", cmd_diff,
	  "2つの版の差分を変更箇所の表として出力する",
	  "print the changes between two revisions as 変更箇所 rows",
	  "pia diff [-T text|json|xml|csv|html|pdf|layout] [--date YYYY-MM-DD] "
	  "[-W] "
	  "[-o FILE] OLD NEW",
	  "  -T text      変更箇所を1行ずつ読みやすく (既定)\n"
	  "  -T csv       公式の列名 (変更日, 項目, 変更前の記載, 変更後の記載, "
	  "提出時期, 提出時期に係る説明) の CSV\n"
	  "  -T json      JSON で出力\n"
	  "  -T xml       評価書の変更箇所 (changes) に挿入できる change 要素\n"
	  "  -T html      変更語句を <del>/<ins> で示す単独の HTML\n"
	  "  -T pdf       変更箇所の表だけの PDF (-o FILE で書き出す)。"
	  "変更語句は変更前に取消線、変更後に下線\n"
	  "  -T layout    その PDF の組版の記録 (テスト用、"
	  "変更語句は ⟦-…⟧ ⟦+…⟧)\n"
	  "  --date D     変更日 (既定は今日)\n"
	  "  -W           空白や全角・半角だけの違いも示す\n"
	  "  -o FILE      FILE に書き出す (一時ファイルから置き換え)\n"
	  "提出時期は案です: ※の項目は事前、それ以外は事後。\n"
	  "終了コード: 0 差分なし、1 差分あり、2 問題あり (diff(1) と同じ)\n",
	  "  -T text      readable rows (default)\n"
	  "  -T csv       CSV with the official column names\n"
	  "  -T json      JSON output\n"
	  "  -T xml       <change> elements ready for an assessment's <changes>\n"
	  "  -T html      a self-contained page, changed words in <del>/<ins>\n"
	  "  -T pdf       the 変更箇所 table alone as a PDF (write it with -o);\n"
	  "               changed words struck through before, underlined after\n"
	  "  -T layout    that PDF's layout dump (for tests; changed words in\n"
	  "               ⟦-…⟧ and ⟦+…⟧)\n"
	  "  --date D     the date of the change (default: today)\n"
	  "  -W           also show whitespace-only and width-only edits\n"
	  "  -o FILE      write to FILE, atomically\n"
	  "提出時期 is a proposal: 事前 for ※ items, 事後 otherwise.\n"
	  "Exit status: 0 equal, 1 different, 2 trouble (as diff(1))\n" },
	{ "history", cmd_history,
	  "差分を新しい版の変更箇所に追記する",
	  "append the changes to the new revision's 変更箇所",
	  "pia history --date YYYY-MM-DD OLD NEW [-o OUT]",
	  "  --date D     変更日 (必須)\n"
	  "  -o OUT       NEW を書き換えず OUT に書き出す\n"
	  "NEW の変更箇所に pia diff の行を追記します (一時ファイルから置き換え)。"
	  "既にある行 (項目、変更前、変更後が同じ) は追加しないので、2回実行"
	  "しても重複しません。\n"
	  "終了コード: 0 成功 (追加なしを含む)、2 使い方の誤り、3 読み込み・"
	  "書き出しの失敗\n",
	  "  --date D     the date of the change (required)\n"
	  "  -o OUT       write to OUT instead of rewriting NEW\n"
	  "Appends the rows of pia diff to NEW's 変更箇所, atomically; a row "
	  "already there (same item, before, after) is not added again.\n"
	  "Exit status: 0 done (also when nothing was added), 2 usage, 3 an "
	  "input could not be read or the output not written\n" },
	{ "render", CMD_RENDER,
	  "評価書を PDF・HTML に出力する (公表用の様式の体裁)",
	  "render an assessment to PDF or HTML (the look of the official form)",
	  "pia render [-T pdf|html|layout|print] [-o OUT] [--only changes] FILE",
	  "  -T pdf       A4 の PDF (既定)。フォントは Noto Sans CJK JP "
	  "(なければ IPAexGothic) を埋め込みます\n"
	  "  -T html      一つのファイルで完結する HTML\n"
	  "  -T layout    ページ配置のテキスト (テスト用)\n"
	  "  -T print     中間の印刷用ツリー (XML)\n"
	  "  -o OUT       出力先 (既定: FILE の拡張子を .pdf / .html に替えた"
	  "もの、layout と print は標準出力)。失敗しても中途半端なファイルは"
	  "残りません\n"
	  "  --only changes  変更箇所の表だけを出力\n"
	  "検証エラーのある文書は出力しません (警告だけなら出力します)。"
	  "SOURCE_DATE_EPOCH を設定すると同じ入力から同じ PDF になります\n"
	  "終了コード: 0 出力した、1 文書にエラー、2 使い方の誤り、"
	  "3 システムエラー (フォントがない、書き込めない等)\n",
	  "  -T pdf       A4 PDF (default), with Noto Sans CJK JP (else "
	  "IPAexGothic) embedded\n"
	  "  -T html      one self-contained HTML page\n"
	  "  -T layout    text dump of the page layout (for tests)\n"
	  "  -T print     the intermediate print tree (XML)\n"
	  "  -o OUT       output (default: FILE with .pdf / .html; standard "
	  "output for layout and print), written atomically\n"
	  "  --only changes  render the change table (変更箇所) alone\n"
	  "A document with errors is not rendered (warnings are fine).  With "
	  "SOURCE_DATE_EPOCH set the same input gives the same PDF bytes\n"
	  "Exit status: 0 rendered, 1 errors in the document, 2 usage, "
	  "3 system failure (no font, cannot write, ...)\n" },
	{ "edit", CMD_EDIT,
	  "評価書をブラウザの様式で編集する (127.0.0.1 で待ち受け)",
	  "edit an assessment in the browser, as the official form",
	  "pia edit [--kind K] [--prev OLD] [--port N] [--idle S] [--no-open] "
	  "[--lang ja|en] FILE",
	  "  --kind K     FILE がないときに作る様式 (full、focused、basic)\n"
	  "  --prev OLD   前の版: 変更箇所ボタンで pia history が追加する行を示す\n"
	  "  --port N     待ち受けるポート (既定は空いているポート)\n"
	  "  --idle S     ページが閉じられてから S 秒で終了 (既定 120)\n"
	  "  --no-open    ブラウザを開かない (URL を表示するだけ)\n"
	  "127.0.0.1 だけで待ち受け、URL の合言葉のない要求は拒否します。"
	  "保存は一時ファイルから置き換え、開いた後に他で変更されたファイル"
	  "には上書きしません。Ctrl-C で終了し、保存していない変更はそのとき"
	  "保存します\n",
	  "  --kind K     the form of FILE when it does not exist yet\n"
	  "  --prev OLD   the earlier revision: the 変更箇所 button shows the "
	  "rows pia history would add\n"
	  "  --port N     the port to listen on (default: a free one)\n"
	  "  --idle S     stop S seconds after the page is closed (default 120)\n"
	  "  --no-open    do not open a browser, print the URL only\n"
	  "Listens on 127.0.0.1 only; a request without the URL's token is "
	  "refused.  Saves atomically, never over a file changed elsewhere "
	  "since it was opened.  Ctrl-C stops; unsaved edits are saved then\n" },
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
lang_error(const struct cmd *c)
{
	return usage_error(c, "--lang は ja か en です", "--lang takes ja or en");
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
				return lang_error(NULL);
			continue;
		}
		if (strncmp(argv[i], "--lang=", 7) == 0) {
			if (set_lang(argv[i] + 7) == -1)
				return lang_error(NULL);
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
