/* test_diff.c: printed values, word marks, entry matching and the change
 * rows of pia_diff (model/diff/, model/value.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pia.h"
#include "pia_diff.h"

static struct pia_vocab *V;

static int
setup(void **state)
{
	struct pia_diags *d = pia_diags_new();

	(void)state;
	V = pia_vocab_load_default(d);
	pia_diags_free(d);
	return V == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	pia_vocab_free(V);
	pia_i18n_cleanup();
	return 0;
}

/* A focused assessment with the given delegation tasks and connections. */
static struct pia_doc *
doc(const char *tasks, const char *extra)
{
	char			*s;
	struct pia_doc		*p;
	struct pia_diags	*d = pia_diags_new();

	assert_true(asprintf(&s, "<assessment xmlns=\"urn:pia:assessment:1\" "
	    "kind=\"focused\">%s<files><file id=\"f\"><overview><delegation>%s"
	    "</delegation></overview></file></files><changes><change id=\"c\">"
	    "<item>x</item></change></changes></assessment>", extra, tasks) > 0);
	p = pia_doc_load_memory(s, strlen(s), "t.xml", d);
	assert_non_null(p);
	free(s);
	pia_diags_free(d);
	return p;
}

static struct pia_changes *
run(struct pia_doc *a, struct pia_doc *b, unsigned flags)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_changes	*ch = pia_diff(V, a, b, flags, d);

	assert_non_null(ch);
	assert_int_equal(pia_diags_count(d), 0);
	pia_diags_free(d);
	return ch;
}

#define T(id, title, who) "<task id=\"" id "\"><title>" title "</title>" \
	"<content>" title "の作業を行う。</content><contractor>" who \
	"</contractor></task>"

static void
values_as_printed(void **state)
{
	struct pia_doc	*p = doc("", "<basic-info><systems><system id=\"s\">"
	    "<connections><check option=\"その他\">eLTAX</check>"
	    "<check option=\"税務システム\"/><check option=\"宛名システム等\" "
	    "ticked=\"false\"/></connections></system></systems></basic-info>"
	    "<procedures><hearing><period><from>2025-12-01</from>"
	    "<to>2025-12-30</to></period></hearing></procedures>");
	xmlNode		*r = xmlDocGetRootElement(pia_doc_xml(p)), *e;
	char		*s;

	(void)state;
	/* systems/system/connections: option-list order, unticked left out */
	e = r->children->children->children->children;
	s = pia_value_text(V, PIA_KIND_FOCUSED, e, "ja");
	assert_string_equal(s, "[○]税務システム、[○]その他(eLTAX)");
	free(s);
	e = xmlNextElementSibling(r->children)->children
	    ->children;
	s = pia_value_text(V, PIA_KIND_FOCUSED, e, "ja");
	assert_string_equal(s, "令和7年12月1日から令和7年12月30日まで");
	free(s);
	s = pia_value_text(V, PIA_KIND_FOCUSED, e, "en");
	assert_string_equal(s, "2025-12-01 to 2025-12-30");
	free(s);
	pia_doc_free(p);
}

/* The spans must spell both texts, whatever they are. */
static void
check_spans(const char *a, const char *b)
{
	struct pia_wspan	*w;
	char			 ra[512] = "", rb[512] = "";
	int			 n, i;

	n = pia_word_diff(a, b, &w);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (w[i].op != PIA_W_INS)
			strncat(ra, a + w[i].off, w[i].len);
		if (w[i].op != PIA_W_DEL)
			strncat(rb, (w[i].op == PIA_W_INS ? b : a) + w[i].off,
			    w[i].len);
	}
	assert_string_equal(ra, a);
	assert_string_equal(rb, b);
	free(w);
}

static void
word_marks(void **state)
{
	struct pia_wspan	*w;
	int			 n;

	(void)state;
	n = pia_word_diff("番号法第19条第9号に基づく", "番号法第19条第10号に基づく",
	    &w);
	assert_int_equal(n, 4);
	assert_int_equal(w[1].op, PIA_W_DEL);
	assert_int_equal(w[1].len, 1);
	assert_int_equal(w[2].op, PIA_W_INS);
	assert_int_equal(w[2].len, 2);
	free(w);
	check_spans("", "新しい文");
	check_spans("古い文", "");
	check_spans("同じ", "同じ");
	check_spans("所属長の許可を得た上で行う。",
	    "所属長の書面による許可を得た上で、専用端末でのみ行う。");
	check_spans("データの受渡し等、業務上必要な場合に限り",
	    "データの書き出しは、指定した端末に接続する場合に限り");
	assert_int_equal(pia_word_diff("\xff", "a", &w), -1);
}

static void
renumbered_is_one_row(void **state)
{
	/* 委託事項2 deleted; the old 委託事項3 now has the id task-2. */
	struct pia_doc		*a = doc(T("task-1", "保守", "甲社")
	    T("task-2", "印刷", "乙社") T("task-3", "入力", "丙社"), "");
	struct pia_doc		*b = doc(T("task-1", "保守", "甲社")
	    T("task-2", "入力", "丙社"), "");
	struct pia_changes	*ch = run(a, b, 0);
	const struct pia_change	*c;
	size_t			 i, del = 0, renum = 0;

	(void)state;
	for (i = 0; i < pia_changes_count(ch); i++) {
		c = pia_changes_get(ch, i);
		del += c->kind == PIA_CH_DEL;
		if (c->kind == PIA_CH_RENUM) {
			renum++;
			assert_string_equal(c->before, "委託事項3(入力)");
			assert_string_equal(c->after, "委託事項2(入力)");
			assert_non_null(c->reason_ja);
		}
		assert_true(c->kind == PIA_CH_DEL || c->kind == PIA_CH_RENUM);
	}
	assert_int_equal(del, 3);	/* title, content, contractor */
	assert_int_equal(renum, 1);
	pia_changes_free(ch);
	pia_doc_free(a);
	pia_doc_free(b);
}

#define N(title, who) "<task><title>" title "</title><content>" title \
	"の作業を行う。</content><contractor>" who "</contractor></task>"

static void
matched_without_ids(void **state)
{
	/* No ids at all: the edited entry is found by similarity, the
	 * others by identical content. */
	struct pia_doc		*a = doc(N("保守", "甲社") N("印刷", "乙社")
	    N("入力", "丙社"), "");
	struct pia_doc		*b = doc(N("保守", "甲社") N("印刷", "丁社")
	    N("入力", "丙社"), "");
	struct pia_changes	*ch = run(a, b, 0);
	const struct pia_change	*c;

	(void)state;
	assert_int_equal(pia_changes_count(ch), 1);
	c = pia_changes_get(ch, 0);
	assert_int_equal(c->kind, PIA_CH_EDIT);
	assert_string_equal(c->before, "乙社");
	assert_string_equal(c->after, "丁社");
	assert_non_null(strstr(c->item, "委託事項2 ③委託先名"));
	pia_changes_free(ch);
	pia_doc_free(a);
	pia_doc_free(b);
}

static void
moves_and_ids(void **state)
{
	struct pia_doc		*a = doc(T("t1", "保守", "甲社")
	    T("t2", "印刷", "乙社") T("t3", "入力", "丙社"), "");
	struct pia_doc		*b = doc(T("t3", "入力", "丙社")
	    T("t1", "保守", "甲社") T("t2", "印刷", "乙社"), "");
	struct pia_changes	*ch = run(a, b, 0), *ch2 = run(a, b, 0);
	size_t			 i;

	(void)state;
	assert_int_equal(pia_changes_count(ch), 3);
	assert_int_equal(pia_changes_get(ch, 0)->kind, PIA_CH_MOVE);
	assert_int_equal(pia_changes_get(ch, 1)->kind, PIA_CH_RENUM);
	assert_int_equal(pia_changes_get(ch, 2)->kind, PIA_CH_RENUM);
	/* ids: stable from run to run, unique */
	for (i = 0; i < pia_changes_count(ch); i++) {
		assert_string_equal(pia_changes_get(ch, i)->id,
		    pia_changes_get(ch2, i)->id);
		assert_int_equal(strncmp(pia_changes_get(ch, i)->id,
		    "change-", 7), 0);
		if (i > 0)
			assert_string_not_equal(pia_changes_get(ch, i)->id,
			    pia_changes_get(ch, i - 1)->id);
	}
	pia_changes_free(ch);
	pia_changes_free(ch2);
	pia_doc_free(a);
	pia_doc_free(b);
}

static void
equivalent_and_starred(void **state)
{
	struct pia_doc		*a = doc("<status>委託する</status>"
	    T("t1", "保守", "ABC社"), "");
	struct pia_doc		*b = doc("<status>委託しない</status>"
	    T("t1", "保守", "ＡＢＣ社"), "");
	struct pia_changes	*ch = run(a, b, 0);
	const struct pia_change	*c;

	(void)state;
	assert_int_equal(pia_changes_count(ch), 1);
	c = pia_changes_get(ch, 0);
	assert_int_equal(c->kind, PIA_CH_EDIT);
	assert_true(c->starred);	/* 委託の有無 ※ */
	assert_int_equal(c->timing, PIA_TIMING_PRE);
	assert_string_equal(pia_timing_text(V, c->timing), "事前");
	pia_changes_free(ch);
	ch = run(a, b, PIA_DIFF_EQUIV);
	assert_int_equal(pia_changes_count(ch), 2);
	assert_int_equal(pia_changes_get(ch, 1)->kind, PIA_CH_EQUIV);
	pia_changes_free(ch);
	pia_doc_free(a);
	pia_doc_free(b);
}

static void
append_once(void **state)
{
	struct pia_doc		*a = doc(T("t1", "保守", "甲社"), "");
	struct pia_doc		*b = doc(T("t1", "保守", "乙社"), "");
	struct pia_changes	*ch = run(a, b, 0);
	struct pia_diags	*d = pia_diags_new();

	(void)state;
	assert_int_equal(pia_changes_append(V, ch, "2026-02-02", b, d), 1);
	assert_int_equal(pia_changes_append(V, ch, "2026-02-02", b, d), 0);
	pia_changes_free(ch);
	/* the rows added are not content: b against b is still equal */
	ch = run(a, b, 0);
	assert_int_equal(pia_changes_count(ch), 1);
	pia_changes_free(ch);
	pia_diags_free(d);
	pia_doc_free(a);
	pia_doc_free(b);
}

static void
other_kind_refused(void **state)
{
	struct pia_doc		*a = doc("", "");
	struct pia_diags	*d = pia_diags_new();
	const char		*s = "<assessment xmlns=\"urn:pia:assessment:1\" "
	    "kind=\"full\"/>";
	struct pia_doc		*b = pia_doc_load_memory(s, strlen(s), "b", d);

	(void)state;
	assert_null(pia_diff(V, a, b, 0, d));
	assert_int_equal(pia_diags_count_level(d, PIA_ERROR), 1);
	pia_changes_free(NULL);
	pia_diags_free(d);
	pia_doc_free(a);
	pia_doc_free(b);
}

/* 提出時期 is looked up by the options' keys, not their position. */
static void
timing_by_key(void **state)
{
	const struct pia_optlist *ol = pia_vocab_optlist(V, "timing");
	int			  pre, post;

	(void)state;
	assert_non_null(ol);
	pre = pia_optlist_find_key(ol, "pre");
	post = pia_optlist_find_key(ol, "post");
	assert_true(pre >= 0 && post >= 0 && pre != post);
	assert_string_equal(pia_optlist_key(ol, (size_t)pre), "pre");
	assert_string_equal(pia_timing_text(V, PIA_TIMING_PRE),
	    pia_optlist_text(ol, (size_t)pre));
	assert_string_equal(pia_timing_text(V, PIA_TIMING_POST),
	    pia_optlist_text(ol, (size_t)post));
	assert_int_equal(pia_optlist_find_key(ol, "nope"), -1);
	assert_null(pia_optlist_key(ol, 99));
}

/* The marked document of the printed table: (案) after a proposal, the
 * changed words in del / ins of the marks' namespace. */
static void
marked_table(void **state)
{
	struct pia_doc		*a = doc("<task><name>画像データ化</name>"
	    "<content>申告書を読み取る</content></task>", "");
	struct pia_doc		*b = doc("<task><name>画像データ化</name>"
	    "<content>申告書を全て読み取る</content></task>", "");
	struct pia_changes	*ch = run(a, b, 0);
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*m;
	xmlChar			*buf = NULL;
	int			 n = 0;

	(void)state;
	assert_int_equal(pia_changes_count(ch), 1);
	m = pia_changes_marked(ch, "2026-02-02", d);
	assert_non_null(m);
	xmlDocDumpMemoryEnc(pia_doc_xml(m), &buf, &n, "UTF-8");
	assert_non_null(buf);
	assert_non_null(strstr((const char *)buf, PIA_MARKS_NS));
	assert_non_null(strstr((const char *)buf, ">全て</"));
	assert_non_null(strstr((const char *)buf, "(案)</timing>"));
	xmlFree(buf);
	pia_doc_free(m);
	pia_diags_free(d);
	pia_changes_free(ch);
	pia_doc_free(a);
	pia_doc_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_as_printed),
		cmocka_unit_test(word_marks),
		cmocka_unit_test(renumbered_is_one_row),
		cmocka_unit_test(matched_without_ids),
		cmocka_unit_test(moves_and_ids),
		cmocka_unit_test(equivalent_and_starred),
		cmocka_unit_test(append_once),
		cmocka_unit_test(other_kind_refused),
		cmocka_unit_test(timing_by_key),
		cmocka_unit_test(marked_table),
	};

	return cmocka_run_group_tests_name("diff", tests, setup, teardown);
}
