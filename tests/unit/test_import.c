/* test_import.c: pia_import on small texts written for these tests, and
 * the text helpers of the importer (keys, distance, tick marks, HTML). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "pia.h"
#include "pia_import.h"
#include "import/extern.h"		/* the text helpers */

static struct pia_vocab *vocab;

static int
setup(void **state)
{
	struct pia_diags *d = pia_diags_new();

	(void)state;
	setenv("PIA_DATADIR", ".", 0);
	vocab = pia_vocab_load_default(d);
	pia_diags_free(d);
	return vocab == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	pia_vocab_free(vocab);
	pia_i18n_cleanup();
	xmlCleanupParser();
	return 0;
}

/* A test text: "|" separates cells (tabs), "\n" lines. */
static struct pia_doc *
import(const char *text, struct pia_diags *d, struct pia_import_stats *st)
{
	char		*s = strdup(text), *p;
	struct pia_doc	*doc;

	for (p = s; *p; p++)
		if (*p == '|')
			*p = '\t';
	doc = pia_import(s, strlen(s), "t.txt", vocab, PIA_KIND_NONE, st, d);
	free(s);
	return doc;
}

/* The string value of an XPath (prefix a:) in doc. */
static char *
xp(struct pia_doc *doc, const char *expr)
{
	xmlXPathContext	*c = xmlXPathNewContext(pia_doc_xml(doc));
	xmlXPathObject	*o;
	xmlChar		*r;
	char		*s;

	xmlXPathRegisterNs(c, (const xmlChar *)"a", (const xmlChar *)PIA_NS);
	o = xmlXPathEvalExpression((const xmlChar *)expr, c);
	r = xmlXPathCastToString(o);
	s = strdup((char *)r);
	xmlFree(r);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return s;
}

static void
assert_xp(struct pia_doc *doc, const char *expr, const char *want)
{
	char *got = xp(doc, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

/* Whether a finding of rule at line exists. */
static int
has(struct pia_diags *d, const char *rule, long line)
{
	size_t	 i;

	for (i = 0; i < pia_diags_count(d); i++) {
		const struct pia_diag *g = pia_diags_get(d, i);

		if (strcmp(g->rule, rule) == 0 && (line < 0 || g->line == line))
			return 1;
	}
	return 0;
}

#define FULL	"特定個人情報保護評価書(全項目評価書)\n\n"
#define FOCUSED	"特定個人情報保護評価書(重点項目評価書)\n\n"

static void
text_helpers(void **state)
{
	unsigned int	*a, *b;
	size_t		 na, nb, len;
	char		*k;

	(void)state;
	k = imp_key("②事務の内容 ※（ 全角 ）");
	assert_string_equal(k, "2事務の内容(全角)");	/* NFKC: ② is 2 */
	free(k);
	a = imp_ucs("従業者に対する教育", &na);
	b = imp_ucs("従業員に対する教育", &nb);
	assert_int_equal(imp_distance(a, na, b, nb, 5), 1);
	assert_int_equal(imp_distance(a, na, b, 2, 1), 2);	/* capped */
	free(a);
	free(b);
	assert_int_equal(imp_mark_at("[○] 紙", &len), MARK_TICK);
	assert_int_equal(len, strlen("[○]"));
	assert_int_equal(imp_mark_at("[O] 紙", &len), MARK_TICK);
	assert_int_equal(imp_mark_at("〔○〕紙", &len), MARK_TICK);
	assert_int_equal(imp_mark_at("[ ] 紙", &len), MARK_EMPTY);
	assert_int_equal(imp_mark_at("[<input checked=\"\" type=\"radio\"/>]",
	    &len), MARK_TICK);
	assert_int_equal(imp_mark_at("[<input type=\"checkbox\"/>] 紙", &len),
	    MARK_BOX_INPUT);
	assert_int_equal(imp_mark_at("<input type=\"checkbox\"/> 紙", &len),
	    MARK_BARE_INPUT);
	assert_int_equal(imp_mark_at("[十分である]", &len), MARK_NONE);
	k = imp_plain("<p>[十分である] <選択肢></p>&amp; <さいたま>");
	assert_string_equal(k, "[十分である] <選択肢> & <さいたま>");
	free(k);
}

static void
cover_dates_and_kind(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_import_stats	 st;
	struct pia_doc		*doc;

	(void)state;
	doc = import(FULL "評価書番号|評価書名\n4|テスト事務\n\n公表日\n\n"
	    "令和元年5月7日\n\nVI 評価実施手続\n\n1. 基礎項目評価|\n"
	    "①実施日|令和1年6月1日\n"
	    "2. 国民・住民等からの意見の聴取|\n"
	    "②実施日・期間|令和元年7月1日から令和元年7月31日まで\n", d, &st);
	assert_non_null(doc);
	assert_int_equal(pia_doc_kind(doc), PIA_KIND_FULL);
	assert_int_equal(st.kind, PIA_KIND_FULL);
	assert_xp(doc, "string(/a:assessment/a:cover/a:number)", "4");
	assert_xp(doc, "string(/a:assessment/a:cover/a:title)", "テスト事務");
	assert_xp(doc, "string(//a:cover/a:publication-date)", "2019-05-07");
	assert_xp(doc, "string(//a:basic-assessment/a:date)", "2019-06-01");
	assert_xp(doc, "string(//a:hearing/a:period/a:from)", "2019-07-01");
	assert_xp(doc, "string(//a:hearing/a:period/a:to)", "2019-07-31");
	assert_int_equal(pia_diags_count(d), 0);
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
choices(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	doc = import(FULL "I 基本情報\n\n1. 特定個人情報ファイルを取り扱う事務\n"
	    "③対象人数|<p>[30万人以上]</p> <p><選択肢> 1) 1,000人未満</p>\n"
	    "6. 情報提供ネットワークシステムによる情報連携 ※|\n"
	    "①実施の有無|[] <選択肢> 1) 実施する 2) 実施しない 3) 未定\n"
	    "II 特定個人情報ファイルの概要\n\n2. 基本情報|\n"
	    "②対象となる本人の数|[30万人以上] <選択肢> 1) 1万人未満\n"
	    "④記録される項目|<input type=\"checkbox\"/> 100項目以上 <small>"
	    "<選択肢></small> 1) 10項目未満\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:affair/a:population)", "30万人以上");
	assert_xp(doc, "string(//a:basics/a:item-count)", "100項目以上");
	/* Out of the list: not stored, kept in <unplaced>, nearest named. */
	assert_xp(doc, "string(//a:basics/a:subjects)", "");
	assert_xp(doc, "count(//a:unplaced[@source-line='12'])", "1");
	assert_true(has(d, "import-option", 12));
	/* A blank ※ choice. */
	assert_true(has(d, "import-blank", 8));
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
ticks(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	doc = import(FULL "II 特定個人情報ファイルの概要\n\n3. 特定個人情報の入手・使用|\n"
	    "①入手元 ※|[○] 本人又は本人の代理人 [] 評価実施機関内の他部署 "
	    "（ 税務課 ） [O] 民間事業者 (みどり川商会)\n"
	    "②入手方法|〔○〕紙 <input checked=\"\" type=\"checkbox\"/> 電子メール "
	    "<input type=\"checkbox\"/> 専用線\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:sources/a:check[@option='本人又は本人の代理人']"
	    "/@ticked)", "true");
	assert_xp(doc, "string(//a:sources/a:check[@option='民間事業者'])",
	    "みどり川商会");
	/* Unticked but its slot is filled: kept, and reported. */
	assert_xp(doc, "string(//a:sources/a:check[@option='評価実施機関内の他部署']"
	    "/@ticked)", "false");
	assert_true(has(d, "import-slot", 6));
	assert_xp(doc, "string(//a:methods/a:check[@option='紙']/@ticked)",
	    "true");
	assert_xp(doc, "string(//a:methods/a:check[@option='電子メール']/@ticked)",
	    "true");
	/* checked="" used in the document: a bare input is unticked. */
	assert_xp(doc, "count(//a:methods/a:check[@option='専用線'])", "0");
	pia_doc_free(doc);
	pia_diags_free(d);

	/* Every box "[<input/>]": cannot tell. */
	d = pia_diags_new();
	doc = import(FOCUSED "II 特定個人情報ファイルの概要\n\n2. 基本情報|\n"
	    "主な記録項目 ※|・識別情報 [<input type=\"checkbox\"/>] 個人番号 "
	    "[<input type=\"checkbox\"/>] 個人番号対応符号\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:main-items/a:check[1]/@ticked)", "unknown");
	assert_true(has(d, "import-tick", 6));
	pia_doc_free(doc);
	pia_diags_free(d);

	/* "[<input/>]" beside "[]": ticked, said as info. */
	d = pia_diags_new();
	doc = import(FOCUSED "Ⅲ リスク対策 ※(7. ②を除く。)\n\n8. 監査|\n"
	    "実施の有無|[<input type=\"radio\"/>] 自己点検 [] 内部監査\n", d,
	    NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:audit/a:kinds/a:check/@option)", "自己点検");
	assert_xp(doc, "string(//a:audit/a:kinds/a:check/@ticked)", "true");
	assert_true(has(d, "import-tick", 6));
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
entries_and_counts(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	doc = import(FULL "II 特定個人情報ファイルの概要\n\n"
	    "4. 特定個人情報ファイルの取扱いの委託|\n"
	    "委託事項3||保守業務\n①委託内容||システムの保守\n"
	    "委託事項6～10||\n"
	    "5. 特定個人情報の提供・移転(委託に伴うものを除く。)\n"
	    "提供・移転の有無|[○] 提供を行っている (2) 件 [] 移転を行っている () 件\n"
	    "提供先1|みどり川県\n①法令上の根拠|番号法第19条\n", d, NULL);
	assert_non_null(doc);
	/* 委託事項1-2 are missing: empty entries keep the numbering. */
	assert_xp(doc, "count(//a:delegation/a:task)", "3");
	assert_xp(doc, "string(//a:task[3]/@id)", "task-3");
	assert_xp(doc, "string(//a:task[3]/a:title)", "保守業務");
	assert_xp(doc, "string(//a:task[1]/@id)", "task-1");
	assert_xp(doc, "count(//a:task[1]/*)", "0");
	assert_true(has(d, "import-missing", 6));
	/* Declared (2) but one 提供先. */
	assert_true(has(d, "import-count", 10));
	assert_xp(doc, "string(//a:recipient/a:name)", "みどり川県");
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
html_and_continuation(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	doc = import(FULL "I 基本情報\n\n1. 特定個人情報ファイルを取り扱う事務\n"
	    "②事務の内容 ※|<p>一段落目。</p> <ul style=\"x\"> ・項目甲 ・項目乙"
	    "</ul><p>二行<br>目</p>\n"
	    "8. 他の評価実施機関|\n-|\n\n(別添1) 事務の内容\n\n(備考)\n\n"
	    "- (1) 受付\n - ① 書類を受け取る。\n- (2) 審査\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:affair/a:content/a:p[1])", "一段落目。");
	assert_xp(doc, "count(//a:affair/a:content/a:ul/a:li)", "2");
	assert_xp(doc, "string(//a:affair/a:content/a:ul/a:li[2])", "項目乙");
	assert_xp(doc, "count(//a:affair/a:content/a:p[2]/a:br)", "1");
	assert_xp(doc, "string(//a:other-bodies)", "-");
	assert_xp(doc, "count(//a:business-flow/a:notes/a:ul/a:li)", "2");
	assert_xp(doc, "string(//a:notes/a:ul/a:li[1]/a:ul/a:li)",
	    "① 書類を受け取る。");
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
unplaced_and_hygiene(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_import_stats	 st;
	struct pia_doc		*doc;

	(void)state;
	doc = import(FULL "I 基本情報\n\n欄外: 旧様式のメモ\n- 3 / 9 -\n"
	    "1. 特定個人情報ファイルを取り扱う事務\n"
	    "①事務の名称|住民 that 記録の事務\n"
	    "②事務の内容 ※|统一的に管理する。(事務の内容を入力)\n", d, &st);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:unplaced[@source-line='5'])",
	    "欄外: 旧様式のメモ");
	assert_xp(doc, "count(//a:unplaced)", "1");	/* page number: layout */
	assert_xp(doc, "string(//a:unplaced/@heading)", "基本情報");
	assert_true(has(d, "import-unplaced", 5));
	assert_true(has(d, "import-english", 8));
	assert_true(has(d, "import-foreign", 9));
	assert_true(has(d, "import-placeholder", 9));
	assert_int_equal(st.unplaced, 1);
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
changes_table(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_import_stats	 st;
	struct pia_doc		*doc;

	(void)state;
	doc = import(FOCUSED "(別添2)変更箇所\n\n"
	    "変更日|項目|変更前の記載|変更後の記載|提出時期|提出時期に係る説明\n"
	    "令和1年5月31日|I 基本情報 ②事務の内容|-|<p>新</p>|事後|文言の整理\n"
	    "変更日|項目|変更前の記載|変更後の記載|提出時期|提出時期に係る説明\n"
	    "令和2年4月1日|Ⅱ特定個人情報ファイルの概要 保有開始日|旧|新||\n",
	    d, &st);
	assert_non_null(doc);
	assert_int_equal(st.changes, 2);
	assert_xp(doc, "count(//a:changes/a:change)", "2");
	assert_xp(doc, "string(//a:change[1]/a:date)", "2019-05-31");
	assert_xp(doc, "string(//a:change[1]/a:after/a:p)", "新");
	assert_xp(doc, "string(//a:change[2]/@id)", "change-2");
	assert_true(has(d, "import-blank", 8));
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
label_variants(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	/* Full-width numbers and brackets, a wrapped label, a label one
	 * character off, half-width katakana in a heading. */
	doc = import(FULL "Ⅰ　基本情報\n\n１．特定個人情報ファイルを取り扱う事務\n"
	    "①事務の名称|みどり川市の事務\n"
	    "７．評価実施機関における担当部署|\n"
	    "② 所属長の 役職名|課長\n"
	    "（別添１） 事務の内容\n\n（備考）\n\n- 受付\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:affair/a:name)", "みどり川市の事務");
	assert_xp(doc, "string(//a:department/a:head-title)", "課長");
	assert_xp(doc, "string(//a:business-flow/a:notes/a:ul/a:li)", "受付");
	assert_int_equal(pia_diags_count_level(d, PIA_WARNING) +
	    pia_diags_count_level(d, PIA_ERROR), 0);
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
given_twice(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	/* A page printed twice: dates and periods keep the first value,
	 * a different second one goes to <unplaced>; texts are appended and
	 * said. */
	doc = import(FULL "VI 評価実施手続\n\n1. 基礎項目評価|\n"
	    "①実施日|令和4年1月5日\n①実施日|令和4年1月6日\n"
	    "2. 国民・住民等からの意見の聴取|\n①方法|意見公募\n"
	    "②実施日・期間|令和4年2月1日から令和4年3月2日まで\n"
	    "②実施日・期間|令和4年2月1日から令和4年3月2日まで\n"
	    "①方法|意見公募\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:basic-assessment/a:date)", "2022-01-05");
	assert_xp(doc, "count(//a:hearing/a:period/*)", "2");
	assert_xp(doc, "count(//a:unplaced)", "1");
	assert_true(has(d, "import-conflict", 7));
	assert_false(has(d, "import-conflict", 11));	/* the same period */
	assert_true(has(d, "import-duplicate", 12));
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
bad_bytes(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	/* A bad byte, a cut sequence, a form feed: replaced, reported. */
	doc = import(FULL "I 基本情報\n\n1. 特定個人情報ファイルを取り扱う事務\n"
	    "①事務の名称|住民\xff記録\x0c事務\xe3\x81\n", d, NULL);
	assert_non_null(doc);
	assert_xp(doc, "string(//a:affair/a:name)",
	    "住民\xef\xbf\xbd記録 事務\xef\xbf\xbd\xef\xbf\xbd");
	assert_true(has(d, "import-encoding", 6));
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
refuses(void **state)
{
	struct pia_diags	*d = pia_diags_new();

	(void)state;
	assert_null(import("ただの文章です。\n", d, NULL));
	assert_true(has(d, "import-kind", 0));
	pia_diags_free(d);
	d = pia_diags_new();
	assert_null(pia_import("a\0b", 3, "t.txt", vocab, PIA_KIND_NONE, NULL,
	    d));
	assert_true(has(d, "import-input", 0));
	pia_diags_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_helpers),
		cmocka_unit_test(cover_dates_and_kind),
		cmocka_unit_test(choices),
		cmocka_unit_test(ticks),
		cmocka_unit_test(entries_and_counts),
		cmocka_unit_test(html_and_continuation),
		cmocka_unit_test(unplaced_and_hygiene),
		cmocka_unit_test(changes_table),
		cmocka_unit_test(label_variants),
		cmocka_unit_test(given_twice),
		cmocka_unit_test(bad_bytes),
		cmocka_unit_test(refuses),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
