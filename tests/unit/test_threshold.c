/*
 * test_threshold.c: the しきい値判断 table (rules.md §1.2), ranges, option
 * indexes and band parsing shared by pia threshold and the rule sets.
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

static void
options(void **state)
{
	(void)state;
	assert_int_equal(pia_thr_option(PIA_THR_FULL, PIA_KIND_FULL), 0);
	assert_int_equal(pia_thr_option(PIA_THR_NONE, PIA_KIND_FULL), 3);
	assert_int_equal(pia_thr_option(PIA_THR_FULL, PIA_KIND_FOCUSED), -1);
	assert_int_equal(pia_thr_option(PIA_THR_FOCUSED, PIA_KIND_FOCUSED), 0);
	assert_int_equal(pia_thr_option(PIA_THR_NONE, PIA_KIND_FOCUSED), 2);
	assert_int_equal(pia_thr_from_option(PIA_KIND_FOCUSED, 1), PIA_THR_BASIC);
	assert_int_equal(pia_thr_from_option(PIA_KIND_BASIC, 1), PIA_THR_FOCUSED);
	assert_int_equal(pia_thr_from_option(PIA_KIND_FOCUSED, 3), PIA_THR_UNKNOWN);
	assert_int_equal(pia_thr_from_option(PIA_KIND_FULL, -1), PIA_THR_UNKNOWN);
	assert_string_equal(pia_thr_id(PIA_THR_FOCUSED), "focused");
	assert_int_equal(pia_thr_parse("none"), PIA_THR_NONE);
	assert_int_equal(pia_thr_parse("x"), PIA_THR_UNKNOWN);
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
