/*
 * test_threshold.c: the しきい値判断 table (rules.md §1.2), ranges, option
 * keys and band parsing shared by pia threshold and the rule sets.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "pia_validators.h"

static void
table(void **state)
{
	(void)state;
	assert_int_equal(pia_threshold(999, 10000, 1), PIA_THR_NONE);
	assert_int_equal(pia_threshold(1000, 10000, 1), PIA_THR_BASIC);
	assert_int_equal(pia_threshold(9999, 0, 0), PIA_THR_BASIC);
	assert_int_equal(pia_threshold(10000, 499, 0), PIA_THR_BASIC);
	assert_int_equal(pia_threshold(10000, 500, 0), PIA_THR_FOCUSED);
	assert_int_equal(pia_threshold(99999, 0, 1), PIA_THR_FOCUSED);
	assert_int_equal(pia_threshold(100000, 0, 0), PIA_THR_FOCUSED);
	assert_int_equal(pia_threshold(100000, 500, 0), PIA_THR_FULL);
	assert_int_equal(pia_threshold(299999, 0, 1), PIA_THR_FULL);
	assert_int_equal(pia_threshold(300000, 0, 0), PIA_THR_FULL);
}

static void
ranges(void **state)
{
	enum pia_thr lo, hi;

	(void)state;
	pia_threshold_range(100000, 299999, NAN, NAN, -1, &lo, &hi);
	assert_int_equal(lo, PIA_THR_FOCUSED);
	assert_int_equal(hi, PIA_THR_FULL);
	pia_threshold_range(100000, 299999, 0, 499, 0, &lo, &hi);
	assert_int_equal(lo, PIA_THR_FOCUSED);
	assert_int_equal(hi, PIA_THR_FOCUSED);
	pia_threshold_range(NAN, NAN, NAN, NAN, -1, &lo, &hi);
	assert_int_equal(lo, PIA_THR_NONE);
	assert_int_equal(hi, PIA_THR_FULL);
}

/* The options of the しきい値判断結果 lists are found by their key, not
 * their position. */
static void
options(void **state)
{
	struct pia_diags		*d = pia_diags_new();
	struct pia_vocab		*v = pia_vocab_load_default(d);
	const struct pia_optlist	*full, *focused, *basic, *l[3];
	size_t				 i, j;

	(void)state;
	assert_non_null(v);
	full = pia_vocab_optlist(v, "threshold-full");
	focused = pia_vocab_optlist(v, "threshold-focused");
	basic = pia_vocab_optlist(v, "threshold-basic");
	assert_non_null(full);
	assert_non_null(focused);
	assert_non_null(basic);
	l[0] = full;
	l[1] = focused;
	l[2] = basic;
	assert_string_equal(pia_thr_option_text(basic, PIA_THR_FOCUSED),
	    "基礎項目評価及び重点項目評価の実施が義務付けられる");
	assert_string_equal(pia_thr_option_text(full, PIA_THR_NONE),
	    "特定個人情報保護評価の実施が義務付けられない(任意に全項目評価を実施)");
	assert_null(pia_thr_option_text(focused, PIA_THR_FULL));
	assert_null(pia_thr_option_text(NULL, PIA_THR_FULL));
	assert_int_equal(pia_thr_of_option(focused, pia_optlist_find(focused,
	    "基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)")),
	    PIA_THR_BASIC);
	assert_int_equal(pia_thr_of_option(basic, pia_optlist_find(basic,
	    "基礎項目評価及び重点項目評価の実施が義務付けられる")),
	    PIA_THR_FOCUSED);
	assert_int_equal(pia_thr_of_option(full, -1), PIA_THR_UNKNOWN);
	assert_int_equal(pia_thr_of_option(focused, 3), PIA_THR_UNKNOWN);
	/* every option of the three lists states a result */
	for (i = 0; i < 3; i++)
		for (j = 0; j < pia_optlist_count(l[i]); j++)
			assert_int_not_equal(pia_thr_of_option(l[i], (int)j),
			    PIA_THR_UNKNOWN);
	assert_int_equal(pia_optlist_find_key(focused, "full"), -1);
	assert_string_equal(pia_thr_id(PIA_THR_FOCUSED), "focused");
	assert_int_equal(pia_thr_parse("none"), PIA_THR_NONE);
	assert_int_equal(pia_thr_parse("x"), PIA_THR_UNKNOWN);
	pia_vocab_free(v);
	pia_diags_free(d);
}

static void
bands(void **state)
{
	double lo, hi;

	(void)state;
	assert_int_equal(pia_band_bounds("1万人以上10万人未満", &lo, &hi), 0);
	assert_true(lo == 10000 && hi == 99999);
	assert_int_equal(pia_band_bounds("30万人以上", &lo, &hi), 0);
	assert_true(lo == 300000 && isinf(hi));
	assert_int_equal(pia_band_bounds("1,000人未満(任意実施)", &lo, &hi), 0);
	assert_true(lo == 0 && hi == 999);
	assert_int_equal(pia_band_bounds("５００人以上", &lo, &hi), 0);
	assert_true(lo == 500 && isinf(hi));
	assert_int_equal(pia_band_bounds("12000", &lo, &hi), 0);
	assert_true(lo == 12000 && hi == 12000);
	assert_int_equal(pia_band_bounds("", &lo, &hi), -1);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(pia_band_bounds("多数", &lo, &hi), -1);
	assert_int_equal(pia_band_bounds(NULL, &lo, &hi), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(ranges),
		cmocka_unit_test(options),
		cmocka_unit_test(bands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
