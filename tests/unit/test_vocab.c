/* test_vocab.c: the vocabulary tree, lookups and 項目 paths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "pia.h"

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
	return 0;
}

static xmlNode *
find(struct pia_doc *doc, const char *xp)
{
	xmlXPathContext	*c = xmlXPathNewContext(pia_doc_xml(doc));
	xmlXPathObject	*o;
	xmlNode		*n = NULL;

	xmlXPathRegisterNs(c, BAD_CAST "a", BAD_CAST PIA_NS);
	o = xmlXPathEvalExpression(BAD_CAST xp, c);
	if (o && o->nodesetval && o->nodesetval->nodeNr > 0)
		n = o->nodesetval->nodeTab[0];
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return n;
}

static void
kinds_and_lists(void **state)
{
	const struct pia_optlist *l = pia_vocab_optlist(V, "rating");

	(void)state;
	assert_string_equal(pia_vocab_kind_name(V, PIA_KIND_FULL), "全項目評価書");
	assert_string_equal(pia_vocab_kind_style(V, PIA_KIND_BASIC), "様式2");
	assert_non_null(l);
	assert_int_equal(pia_optlist_count(l), 3);
	assert_string_equal(pia_optlist_text(l, 2), "課題が残されている");
	assert_int_equal(pia_optlist_find(l, "十分である"), 1);
	assert_int_equal(pia_optlist_find(l, "十分"), -1);
	l = pia_vocab_optlist(V, "sources");
	assert_true(pia_optlist_is_checks(l));
	assert_false(pia_optlist_slot(l, 0));
	assert_true(pia_optlist_slot(l, 1));
	l = pia_vocab_optlist(V, "record-items");
	assert_int_equal(pia_optlist_count(l), 19);
	assert_string_equal(pia_optlist_group(l, 0), "識別情報");
}

/* Every field has an element name, a label, and options where needed;
 * no label contains "--" (it would break skeleton comments). */
static void
check_tree(const struct pia_vnode *p, enum pia_kind k, int *fields)
{
	const struct pia_vnode *n;

	for (n = pia_vnode_first(p, k); n; n = pia_vnode_next(n, k)) {
		assert_true(pia_vnode_in(n, k));
		assert_null(strstr(pia_vnode_label(n, k), "--"));
		if (pia_vnode_type(n) == PIA_V_FIELD) {
			(*fields)++;
			assert_non_null(pia_vnode_el(n));
			assert_true(*pia_vnode_label(n, k) != '\0');
			assert_true(*pia_vnode_en(n) != '\0');
			if (pia_vnode_ftype(n) == PIA_F_CHOICE ||
			    pia_vnode_ftype(n) == PIA_F_CHECKS)
				assert_non_null(pia_vnode_options(n, k));
		}
		check_tree(n, k, fields);
	}
}

static void
tree_is_complete(void **state)
{
	int	 full = 0, focused = 0, basic = 0;

	(void)state;
	check_tree(pia_vocab_form(V), PIA_KIND_FULL, &full);
	check_tree(pia_vocab_form(V), PIA_KIND_FOCUSED, &focused);
	check_tree(pia_vocab_form(V), PIA_KIND_BASIC, &basic);
	/* form-full.md counts 228 leaves with derived ones and flags. */
	assert_true(full >= 215);
	assert_true(focused >= 110 && focused < full);
	assert_true(basic >= 30 && basic < focused);
}

static void
per_kind_overrides(void **state)
{
	const char		*s = "<assessment xmlns=\"urn:pia:assessment:1\" "
	    "kind=\"focused\"><files><file id=\"f\"><overview><delegation>"
	    "<task id=\"t1\"/><task id=\"t2\"><subdelegation><status/>"
	    "</subdelegation></task></delegation></overview></file></files>"
	    "</assessment>";
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;
	const struct pia_vnode	*vn;
	xmlNode			*e;
	char			*p;

	(void)state;
	doc = pia_doc_load_memory(s, strlen(s), "f.xml", d);
	assert_non_null(doc);
	e = find(doc, "//a:task[2]/a:subdelegation/a:status");
	vn = pia_vocab_lookup(V, PIA_KIND_FOCUSED, e);
	assert_non_null(vn);
	assert_string_equal(pia_vnode_num(vn, PIA_KIND_FOCUSED), "④");
	assert_string_equal(pia_vnode_num(vn, PIA_KIND_FULL), "⑦");
	assert_true(pia_vnode_starred(vn, PIA_KIND_FOCUSED));
	p = pia_vocab_path(V, PIA_KIND_FOCUSED, e, "ja");
	assert_string_equal(p, "II 特定個人情報ファイルの概要 4. 特定個人情報"
	    "ファイルの取扱いの委託 委託事項2 再委託 ④再委託の有無");
	free(p);
	p = pia_vocab_path(V, PIA_KIND_FOCUSED, e, "en");
	assert_non_null(strstr(p, "Delegated work 2"));
	free(p);
	pia_doc_free(doc);
	pia_diags_free(d);
}

static void
paths_in_full_sample(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc = pia_doc_load("samples/full.xml", NULL, d);
	xmlNode			*e;
	char			*p;

	(void)state;
	assert_non_null(doc);
	e = find(doc, "//a:overview/a:delegation/a:task[5]/a:content");
	assert_non_null(e);
	p = pia_vocab_path(V, PIA_KIND_FULL, e, "ja");
	assert_string_equal(p, "II 特定個人情報ファイルの概要 4. 特定個人情報"
	    "ファイルの取扱いの委託 委託事項5 ①委託内容");
	free(p);
	e = find(doc, "//a:risks/a:use/a:risk2/a:authentication/a:method");
	p = pia_vocab_path(V, PIA_KIND_FULL, e, "ja");
	assert_string_equal(p, "III 特定個人情報ファイルの取扱いプロセスにおける"
	    "リスク対策 3. 特定個人情報の使用 リスク2: 権限のない者(元職員、"
	    "アクセス権限のない職員等)によって不正に使用されるリスク "
	    "ユーザ認証の管理 具体的な管理方法");
	free(p);
	e = find(doc, "//a:cover/a:remarks");
	p = pia_vocab_path(V, PIA_KIND_FULL, e, "ja");
	assert_string_equal(p, "表紙 特記事項");
	free(p);
	/* ※ on a heading covers its fields; 7.⑨ is an exception. */
	e = find(doc, "//a:basic-info/a:number-use/a:legal-basis");
	assert_true(pia_vnode_starred(pia_vocab_lookup(V, PIA_KIND_FULL, e),
	    PIA_KIND_FULL));
	e = find(doc, "//a:risks/a:storage/a:risk1/a:incident/a:status");
	assert_false(pia_vnode_starred(pia_vocab_lookup(V, PIA_KIND_FULL, e),
	    PIA_KIND_FULL));
	e = find(doc, "//a:basic-info/a:department/a:head-title");
	assert_false(pia_vnode_starred(pia_vocab_lookup(V, PIA_KIND_FULL, e),
	    PIA_KIND_FULL));
	pia_doc_free(doc);
	pia_diags_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_and_lists),
		cmocka_unit_test(tree_is_complete),
		cmocka_unit_test(per_kind_overrides),
		cmocka_unit_test(paths_in_full_sample),
	};

	return cmocka_run_group_tests_name("vocab", tests, setup, teardown);
}
