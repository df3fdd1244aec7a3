/* test_diag.c: the findings list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "pia.h"

static void
add_and_get(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	const struct pia_diag	*g;

	(void)state;
	assert_non_null(d);
	assert_int_equal(pia_diags_add(d, PIA_ERROR, "r1", "a.xml", 3, "/x",
	    "指針", "値 %d が不正", "bad value %d", 7), 0);
	assert_int_equal(pia_diags_count(d), 1);
	g = pia_diags_get(d, 0);
	assert_string_equal(g->msg_ja, "値 7 が不正");
	assert_string_equal(g->msg_en, "bad value 7");
	assert_string_equal(pia_diag_msg(g, "en"), "bad value 7");
	assert_string_equal(pia_diag_msg(g, "ja"), "値 7 が不正");
	assert_string_equal(g->source, "指針");
	assert_int_equal(g->line, 3);
	assert_null(pia_diags_get(d, 1));
	pia_diags_free(d);
	pia_diags_free(NULL);
}

static void
add_msg_keeps_percent(void **state)
{
	struct pia_diags *d = pia_diags_new();

	(void)state;
	pia_diags_add_msg(d, PIA_WARNING, NULL, NULL, 0, NULL, NULL,
	    "100% 日本語", "100% English");
	assert_string_equal(pia_diags_get(d, 0)->msg_ja, "100% 日本語");
	assert_string_equal(pia_diags_get(d, 0)->msg_en, "100% English");
	assert_int_equal(pia_diags_count_level(d, PIA_WARNING), 1);
	assert_int_equal(pia_diags_count_level(d, PIA_ERROR), 0);
	pia_diags_free(d);
}

static void
sort_is_stable(void **state)
{
	struct pia_diags *d = pia_diags_new(), *e = pia_diags_new();

	(void)state;
	pia_diags_add_msg(d, PIA_ERROR, "c", "b.xml", 1, NULL, NULL, "", "");
	pia_diags_add_msg(d, PIA_ERROR, "b", "a.xml", 9, NULL, NULL, "", "");
	pia_diags_add_msg(d, PIA_ERROR, "a1", "a.xml", 2, NULL, NULL, "", "");
	pia_diags_add_msg(d, PIA_ERROR, "a2", "a.xml", 2, NULL, NULL, "", "");
	pia_diags_sort(d);
	assert_string_equal(pia_diags_get(d, 0)->rule, "a1");
	assert_string_equal(pia_diags_get(d, 1)->rule, "a2");
	assert_string_equal(pia_diags_get(d, 2)->rule, "b");
	assert_string_equal(pia_diags_get(d, 3)->rule, "c");
	assert_int_equal(pia_diags_move(e, d), 0);
	assert_int_equal(pia_diags_count(d), 0);
	assert_int_equal(pia_diags_count(e), 4);
	pia_diags_free(d);
	pia_diags_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_and_get),
		cmocka_unit_test(add_msg_keeps_percent),
		cmocka_unit_test(sort_is_stable),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
