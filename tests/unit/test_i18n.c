// test_i18n.c - cmocka unit tests for model/i18n.c (和暦, dates, NFKC, word bounds, script hygiene).

#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "pia_i18n.h"

/*
 * Helpers.
 */

static void
expect_format(const char *iso, const char *want)
{
	enum pia_date_err e = PIA_DATE_ICU;
	char *got;

	got = pia_wareki_format(iso, &e);
	if (got == NULL)
		fail_msg("pia_wareki_format(%s) failed: %s", iso,
		    pia_date_strerror(e, "en"));
	assert_int_equal(e, PIA_DATE_OK);
	assert_string_equal(got, want);
	free(got);
}

static void
expect_format_err(const char *iso, enum pia_date_err want)
{
	enum pia_date_err e = PIA_DATE_OK;
	char *got;

	got = pia_wareki_format(iso, &e);
	assert_null(got);
	assert_int_equal(e, want);
}

static void
expect_parse(const char *text, const char *want)
{
	enum pia_date_err e;
	char iso[11];

	memset(iso, 'x', sizeof(iso));
	e = pia_wareki_parse(text, iso);
	if (e != PIA_DATE_OK)
		fail_msg("pia_wareki_parse(%s): %s", text,
		    pia_date_strerror(e, "en"));
	assert_string_equal(iso, want);
}

static void
expect_parse_err(const char *text, enum pia_date_err want)
{
	enum pia_date_err e;
	char iso[11];

	memset(iso, 'x', sizeof(iso));
	e = pia_wareki_parse(text, iso);
	if (e != want)
		fail_msg("pia_wareki_parse(%s): got %d (%s), want %d (%s)",
		    text != NULL ? text : "(null)", e,
		    pia_date_strerror(e, "en"), want,
		    pia_date_strerror(want, "en"));
	assert_string_equal(iso, "");
}

static void
expect_nfkc(const char *in, const char *want)
{
	char *got;

	got = pia_nfkc(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
expect_foreign(const char *s, unsigned int cp, size_t off)
{
	size_t got_off = (size_t)-1;
	unsigned int got;

	got = pia_foreign_char(s, &got_off);
	if (got != cp)
		fail_msg("pia_foreign_char(%s) = U+%04X, want U+%04X", s, got,
		    cp);
	if (cp != 0)
		assert_int_equal(got_off, off);
}

/*
 * pia_wareki_format
 */

static void
test_format_basic(void **state)
{
	(void)state;
	expect_format("2023-02-20", "令和5年2月20日");
	expect_format("2023-01-05", "令和5年1月5日");
	expect_format("2015-03-18", "平成27年3月18日");
	expect_format("2023-12-31", "令和5年12月31日");
	expect_format("1970-01-01", "昭和45年1月1日");
}

static void
test_format_gannen(void **state)
{
	(void)state;
	expect_format("2019-05-01", "令和元年5月1日");
	expect_format("2019-12-31", "令和元年12月31日");
	expect_format("2020-01-01", "令和2年1月1日");
	expect_format("1989-01-08", "平成元年1月8日");
	expect_format("1989-12-31", "平成元年12月31日");
	expect_format("1990-01-01", "平成2年1月1日");
	expect_format("1926-12-25", "昭和元年12月25日");
	expect_format("1912-07-30", "大正元年7月30日");
	expect_format("1868-09-08", "明治元年9月8日");
}

static void
test_format_era_boundaries(void **state)
{
	(void)state;
	expect_format("2019-04-30", "平成31年4月30日");
	expect_format("2019-05-01", "令和元年5月1日");
	expect_format("1989-01-07", "昭和64年1月7日");
	expect_format("1989-01-08", "平成元年1月8日");
	expect_format("1926-12-24", "大正15年12月24日");
	expect_format("1926-12-25", "昭和元年12月25日");
	expect_format("1912-07-29", "明治45年7月29日");
	expect_format("1912-07-30", "大正元年7月30日");
}

static void
test_format_year_month(void **state)
{
	(void)state;
	expect_format("2023-02", "令和5年2月");
	expect_format("2019-05", "令和元年5月");
	expect_format("2019-04", "平成31年4月");
	expect_format("2015-12", "平成27年12月");
	/* A year-month is named after its first day. */
	expect_format("1989-01", "昭和64年1月");
	expect_format("1989-02", "平成元年2月");
}

static void
test_format_far_future(void **state)
{
	(void)state;
	/* No digit grouping, no padding. */
	expect_format("9999-12-31", "令和7981年12月31日");
	expect_format("3018-01-01", "令和1000年1月1日");
}

static void
test_format_errors(void **state)
{
	(void)state;
	expect_format_err("2023-02-30", PIA_DATE_SYNTAX);
	expect_format_err("2023-02-29", PIA_DATE_SYNTAX);
	expect_format_err("2023-13-01", PIA_DATE_SYNTAX);
	expect_format_err("2023-00-10", PIA_DATE_SYNTAX);
	expect_format_err("2023-2-20", PIA_DATE_SYNTAX);
	expect_format_err("2023-02-20x", PIA_DATE_SYNTAX);
	expect_format_err(" 2023-02-20", PIA_DATE_SYNTAX);
	expect_format_err("2023/02/20", PIA_DATE_SYNTAX);
	expect_format_err("2023-13", PIA_DATE_SYNTAX);
	expect_format_err("2023", PIA_DATE_SYNTAX);
	expect_format_err("0000-01-01", PIA_DATE_SYNTAX);
	expect_format_err("", PIA_DATE_SYNTAX);
	expect_format_err(NULL, PIA_DATE_SYNTAX);
	expect_format_err("令和5年2月20日", PIA_DATE_SYNTAX);
	/* Before 明治. */
	expect_format_err("1868-09-07", PIA_DATE_RANGE);
	expect_format_err("1800-01-01", PIA_DATE_RANGE);
	expect_format_err("0001-01-01", PIA_DATE_RANGE);
	expect_format_err("1868-08", PIA_DATE_RANGE);
	/* err may be NULL. */
	assert_null(pia_wareki_format("2023-02-30", NULL));
}

/*
 * pia_wareki_parse
 */

static void
test_parse_basic(void **state)
{
	(void)state;
	expect_parse("令和5年2月20日", "2023-02-20");
	expect_parse("平成27年3月18日", "2015-03-18");
	expect_parse("昭和64年1月7日", "1989-01-07");
	expect_parse("大正15年12月24日", "1926-12-24");
	expect_parse("明治45年7月29日", "1912-07-29");
	expect_parse("令和2年2月29日", "2020-02-29");
	expect_parse("令和05年02月03日", "2023-02-03");
}

static void
test_parse_gannen(void **state)
{
	(void)state;
	expect_parse("令和元年5月1日", "2019-05-01");
	expect_parse("令和1年5月1日", "2019-05-01");
	expect_parse("平成元年1月8日", "1989-01-08");
	expect_parse("平成1年1月8日", "1989-01-08");
	expect_parse("昭和元年12月25日", "1926-12-25");
	expect_parse("大正元年7月30日", "1912-07-30");
	expect_parse("明治元年9月8日", "1868-09-08");
}

static void
test_parse_fullwidth_and_spaces(void **state)
{
	(void)state;
	expect_parse("令和５年２月２０日", "2023-02-20");
	expect_parse("平成２７年１２月１日", "2015-12-01");
	expect_parse("令和 5 年 2 月 20 日", "2023-02-20");
	expect_parse("  令和5年2月20日\n", "2023-02-20");
	expect_parse("令和　５年　２月　２０日", "2023-02-20");
	expect_parse("令和 元 年 5 月 1 日", "2019-05-01");
	/* Square era signs are NFKC-equivalent to the era names. */
	expect_parse("㋿5年2月20日", "2023-02-20");
	expect_parse("㍻27年3月18日", "2015-03-18");
	expect_parse("㍼64年1月7日", "1989-01-07");
}

static void
test_parse_year_month(void **state)
{
	(void)state;
	expect_parse("平成27年12月", "2015-12");
	expect_parse("令和5年2月", "2023-02");
	expect_parse("令和元年5月", "2019-05");
	expect_parse("平成31年4月", "2019-04");
	expect_parse("令和５年　２月", "2023-02");
	/* Split months: any day of the month inside the era is enough. */
	expect_parse("平成元年1月", "1989-01");
	expect_parse("昭和64年1月", "1989-01");
	expect_parse("昭和元年12月", "1926-12");
	expect_parse_err("令和元年4月", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("平成31年5月", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("令和5年13月", PIA_DATE_RANGE);
	expect_parse_err("令和5年0月", PIA_DATE_RANGE);
}

static void
test_parse_era_mismatch(void **state)
{
	(void)state;
	expect_parse_err("平成31年5月1日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("平成32年1月1日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("令和元年4月30日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("令和1年1月1日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("昭和64年1月8日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("平成元年1月7日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("昭和100年1月1日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("大正元年7月29日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("明治元年1月1日", PIA_DATE_ERA_MISMATCH);
	expect_parse_err("明治45年7月30日", PIA_DATE_ERA_MISMATCH);
}

static void
test_parse_range(void **state)
{
	(void)state;
	expect_parse_err("令和0年5月1日", PIA_DATE_RANGE);
	expect_parse_err("令和0年", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年2月30日", PIA_DATE_RANGE);
	expect_parse_err("令和5年2月29日", PIA_DATE_RANGE);
	expect_parse_err("平成31年2月29日", PIA_DATE_RANGE);
	expect_parse_err("令和5年4月31日", PIA_DATE_RANGE);
	expect_parse_err("令和5年2月0日", PIA_DATE_RANGE);
	expect_parse_err("令和5年13月1日", PIA_DATE_RANGE);
	expect_parse_err("令和5年0月1日", PIA_DATE_RANGE);
	expect_parse_err("令和5年2月32日", PIA_DATE_RANGE);
	expect_parse_err("令和9999年1月1日", PIA_DATE_RANGE);
}

static void
test_parse_no_era(void **state)
{
	(void)state;
	expect_parse_err("5年2月20日", PIA_DATE_NO_ERA);
	expect_parse_err("元年5月1日", PIA_DATE_NO_ERA);
	expect_parse_err("２０２３年２月２０日", PIA_DATE_NO_ERA);
	expect_parse_err(" 31 年 4 月", PIA_DATE_NO_ERA);
}

static void
test_parse_syntax(void **state)
{
	(void)state;
	expect_parse_err("", PIA_DATE_SYNTAX);
	expect_parse_err("   ", PIA_DATE_SYNTAX);
	expect_parse_err(NULL, PIA_DATE_SYNTAX);
	expect_parse_err("hello", PIA_DATE_SYNTAX);
	expect_parse_err("2023-02-20", PIA_DATE_SYNTAX);
	expect_parse_err("令和", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年2月20", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年2月20日です", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年2月日", PIA_DATE_SYNTAX);
	expect_parse_err("令和五年二月二十日", PIA_DATE_SYNTAX);
	expect_parse_err("令 和5年2月20日", PIA_DATE_SYNTAX);
	expect_parse_err("令和5 0年2月20日", PIA_DATE_SYNTAX);
	expect_parse_err("慶応3年1月1日", PIA_DATE_SYNTAX);
	expect_parse_err("R5年2月20日", PIA_DATE_SYNTAX);
	expect_parse_err("令和12345年1月1日", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年123月1日", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年-2月1日", PIA_DATE_SYNTAX);
	expect_parse_err("令和5年2月20日\xff", PIA_DATE_SYNTAX);
	expect_parse_err("\xe4\xbb\xa4", PIA_DATE_SYNTAX);
}

/* Round trip ISO -> 和暦 -> ISO for every day in [from, to]. */
static void
round_trip_range(const char *from, const char *to, long step)
{
	char iso[11], back[11], next[11];
	enum pia_date_err e;
	char *w;
	long n = 0;
	int ok;

	strcpy(iso, from);
	while (pia_date_days_between(iso, to, &ok) >= 0) {
		assert_true(ok);
		w = pia_wareki_format(iso, &e);
		assert_non_null(w);
		e = pia_wareki_parse(w, back);
		if (e != PIA_DATE_OK || strcmp(back, iso) != 0)
			fail_msg("%s -> %s -> %s (%s)", iso, w, back,
			    pia_date_strerror(e, "en"));
		free(w);
		if (pia_date_add_days(iso, step, next) != 0)
			break;		/* past 9999-12-31 */
		strcpy(iso, next);
		n++;
	}
	assert_true(n > 0);
}

static void
test_round_trip_2019(void **state)
{
	(void)state;
	round_trip_range("2019-01-01", "2019-12-31", 1);
}

static void
test_round_trip_1912_2030(void **state)
{
	(void)state;
	/* Every day from 明治45年 to 令和12年 (43,100 days). */
	round_trip_range("1912-01-01", "2030-12-31", 1);
	/* A sparse sample back to 明治元年 and forward to 9999. */
	round_trip_range("1868-09-08", "1912-12-31", 37);
	round_trip_range("2031-01-01", "9999-12-31", 997);
}

static void
test_round_trip_year_month(void **state)
{
	char iso[16], back[11];
	enum pia_date_err e;
	char *w;
	int y, m;

	(void)state;
	for (y = 1912; y <= 2030; y++) {
		for (m = 1; m <= 12; m++) {
			snprintf(iso, sizeof(iso), "%04d-%02d", y % 10000, m % 100);
			w = pia_wareki_format(iso, &e);
			assert_non_null(w);
			e = pia_wareki_parse(w, back);
			if (e != PIA_DATE_OK || strcmp(back, iso) != 0)
				fail_msg("%s -> %s -> %s", iso, w, back);
			free(w);
		}
	}
}

/*
 * pia_date_strerror
 */

static void
test_strerror(void **state)
{
	enum pia_date_err e;

	(void)state;
	for (e = PIA_DATE_OK; e <= PIA_DATE_ICU; e++) {
		assert_non_null(pia_date_strerror(e, "ja"));
		assert_non_null(pia_date_strerror(e, "en"));
		assert_string_not_equal(pia_date_strerror(e, "ja"),
		    pia_date_strerror(e, "en"));
	}
	assert_string_equal(pia_date_strerror(PIA_DATE_NO_ERA, "ja"),
	    "元号がありません");
	assert_string_equal(pia_date_strerror(PIA_DATE_NO_ERA, "en"),
	    "era name missing");
	assert_string_equal(pia_date_strerror(PIA_DATE_SYNTAX, NULL),
	    pia_date_strerror(PIA_DATE_SYNTAX, "en"));
	assert_string_equal(pia_date_strerror(PIA_DATE_SYNTAX, "ja_JP"),
	    pia_date_strerror(PIA_DATE_SYNTAX, "ja"));
	assert_string_equal(pia_date_strerror((enum pia_date_err)99, "en"),
	    "unknown error");
	assert_non_null(pia_date_strerror((enum pia_date_err)-1, "ja"));
}

/*
 * ISO date helpers
 */

static void
test_date_valid(void **state)
{
	(void)state;
	assert_true(pia_date_valid("2023-02-20"));
	assert_true(pia_date_valid("2024-02-29"));
	assert_true(pia_date_valid("2000-02-29"));
	assert_true(pia_date_valid("0001-01-01"));
	assert_true(pia_date_valid("9999-12-31"));
	assert_false(pia_date_valid("2023-02-29"));
	assert_false(pia_date_valid("1900-02-29"));
	assert_false(pia_date_valid("2023-04-31"));
	assert_false(pia_date_valid("2023-00-01"));
	assert_false(pia_date_valid("2023-01-00"));
	assert_false(pia_date_valid("0000-01-01"));
	assert_false(pia_date_valid("2023-1-01"));
	assert_false(pia_date_valid("2023-01-01 "));
	assert_false(pia_date_valid("2023-01"));
	assert_false(pia_date_valid("２０２３-01-01"));
	assert_false(pia_date_valid("2023_01_01"));
	assert_false(pia_date_valid("abcd-ef-gh"));
	assert_false(pia_date_valid(""));
	assert_false(pia_date_valid(NULL));
}

static void
test_days_between(void **state)
{
	int ok = -1;

	(void)state;
	/* 30-day period counted inclusively: 29 days apart. */
	assert_int_equal(pia_date_days_between("2022-11-28", "2022-12-27",
	    &ok), 29);
	assert_int_equal(ok, 1);
	assert_int_equal(pia_date_days_between("2022-12-27", "2022-11-28",
	    &ok), -29);
	assert_int_equal(pia_date_days_between("2023-02-20", "2023-02-20",
	    &ok), 0);
	assert_int_equal(ok, 1);
	assert_int_equal(pia_date_days_between("2024-01-01", "2025-01-01",
	    &ok), 366);
	assert_int_equal(pia_date_days_between("2023-01-01", "2024-01-01",
	    &ok), 365);
	assert_int_equal(pia_date_days_between("1969-12-31", "1970-01-01",
	    &ok), 1);
	assert_int_equal(pia_date_days_between("2019-04-30", "2019-05-01",
	    &ok), 1);
	assert_int_equal(pia_date_days_between("0001-01-01", "9999-12-31",
	    &ok), 3652058);
	assert_int_equal(pia_date_days_between("2022-11-28", "2022-12-27",
	    NULL), 29);
	assert_int_equal(pia_date_days_between("2023-02-30", "2023-03-01",
	    &ok), 0);
	assert_int_equal(ok, 0);
	ok = -1;
	assert_int_equal(pia_date_days_between("2023-03-01", NULL, &ok), 0);
	assert_int_equal(ok, 0);
	assert_int_equal(pia_date_days_between("x", "2023-03-01", NULL), 0);
}

static void
test_add_years(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(pia_date_add_years("2024-02-29", 1, out), 0);
	assert_string_equal(out, "2025-02-28");
	assert_int_equal(pia_date_add_years("2024-02-29", 4, out), 0);
	assert_string_equal(out, "2028-02-29");
	assert_int_equal(pia_date_add_years("2024-02-29", -4, out), 0);
	assert_string_equal(out, "2020-02-29");
	assert_int_equal(pia_date_add_years("2024-02-29", -1, out), 0);
	assert_string_equal(out, "2023-02-28");
	assert_int_equal(pia_date_add_years("2096-02-29", 4, out), 0);
	assert_string_equal(out, "2100-02-28");
	assert_int_equal(pia_date_add_years("2023-05-10", 5, out), 0);
	assert_string_equal(out, "2028-05-10");
	assert_int_equal(pia_date_add_years("2023-05-10", 0, out), 0);
	assert_string_equal(out, "2023-05-10");
	assert_int_equal(pia_date_add_years("0999-12-31", 1, out), 0);
	assert_string_equal(out, "1000-12-31");
	assert_int_equal(pia_date_add_years("2023-02-29", 1, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(pia_date_add_years("9999-01-01", 1, out), -1);
	assert_int_equal(pia_date_add_years("0001-01-01", -1, out), -1);
	assert_int_equal(pia_date_add_years("2023-01-01", INT32_MAX, out),
	    -1);
	assert_int_equal(pia_date_add_years("2023-01-01", INT32_MIN, out),
	    -1);
	assert_int_equal(pia_date_add_years(NULL, 1, out), -1);
}

static void
test_add_days(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(pia_date_add_days("2022-11-28", 29, out), 0);
	assert_string_equal(out, "2022-12-27");
	assert_int_equal(pia_date_add_days("2024-02-28", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(pia_date_add_days("2023-02-28", 1, out), 0);
	assert_string_equal(out, "2023-03-01");
	assert_int_equal(pia_date_add_days("2023-01-01", -1, out), 0);
	assert_string_equal(out, "2022-12-31");
	assert_int_equal(pia_date_add_days("1970-01-01", -1, out), 0);
	assert_string_equal(out, "1969-12-31");
	assert_int_equal(pia_date_add_days("0001-01-01", 3652058, out), 0);
	assert_string_equal(out, "9999-12-31");
	assert_int_equal(pia_date_add_days("9999-12-31", 1, out), -1);
	assert_int_equal(pia_date_add_days("0001-01-01", -1, out), -1);
	assert_int_equal(pia_date_add_days("2023-01-01", LONG_MAX, out), -1);
	assert_int_equal(pia_date_add_days("2023-01-01", LONG_MIN, out), -1);
	assert_int_equal(pia_date_add_days("2023-02-30", 1, out), -1);
	assert_string_equal(out, "");
}

/*
 * NFKC and text equivalence
 */

static void
test_nfkc(void **state)
{
	(void)state;
	expect_nfkc("ＡＢＣ１２３", "ABC123");
	expect_nfkc("ｶﾞｷﾞｸﾞ", "ガギグ");
	expect_nfkc("ﾊﾟｿｺﾝ", "パソコン");
	expect_nfkc("ｱｲｳｴｵ｡", "アイウエオ。");
	expect_nfkc("㍻", "平成");
	expect_nfkc("①", "1");
	expect_nfkc("a\u3000b", "a b");
	expect_nfkc("（注）", "(注)");
	expect_nfkc("特定個人情報", "特定個人情報");
	expect_nfkc("", "");
	assert_null(pia_nfkc(NULL));
	assert_null(pia_nfkc("abc\xff"));
	assert_null(pia_nfkc("\xc0\xaf"));		/* overlong '/' */
	assert_null(pia_nfkc("\xed\xa0\x80"));		/* surrogate */
	assert_null(pia_nfkc("\xe3\x81"));		/* truncated */
}

static void
test_text_equiv(void **state)
{
	(void)state;
	assert_true(pia_text_equiv("特定個人情報 の 取扱い", "特定個人情報の取扱い"));
	assert_true(pia_text_equiv("特定個人情報\u3000の取扱い",
	    "特定個人情報の取扱い"));
	assert_true(pia_text_equiv(" ＡＢＣ　１２３\n", "ABC123"));
	assert_true(pia_text_equiv("ｼｽﾃﾑ\t管理", "システム管理"));
	assert_true(pia_text_equiv("a\r\nb", "a b"));
	assert_true(pia_text_equiv("", "  \u3000 "));
	assert_true(pia_text_equiv("㍻27年", "平成27年"));
	assert_false(pia_text_equiv("特定個人情報", "個人情報"));
	assert_false(pia_text_equiv("ABC", "abc"));
	assert_false(pia_text_equiv("システム", "しすてむ"));
	assert_false(pia_text_equiv("abc", "abcd"));
	assert_false(pia_text_equiv(NULL, "abc"));
	assert_false(pia_text_equiv("abc", NULL));
	assert_false(pia_text_equiv("abc\xff", "abc\xff"));
}

/*
 * Word bounds
 */

static int
has_segment(const char *s, const size_t *b, int n, const char *word)
{
	size_t len = strlen(word);
	int i;

	for (i = 0; i < n; i++)
		if (b[i + 1] - b[i] == len && memcmp(s + b[i], word, len) == 0)
			return 1;
	return 0;
}

static void
check_bounds_shape(const char *s, const size_t *b, int n)
{
	int i;

	assert_int_equal(b[0], 0);
	assert_int_equal(b[n], strlen(s));
	for (i = 0; i < n; i++) {
		assert_true(b[i] < b[i + 1]);
		/* Every boundary falls on a UTF-8 lead byte. */
		assert_true(((unsigned char)s[b[i]] & 0xc0) != 0x80);
	}
}

static void
test_word_bounds_japanese(void **state)
{
	const char *s = "入手した特定個人情報を正確に管理します。";
	size_t *b = NULL;
	int n;

	(void)state;
	n = pia_word_bounds(s, &b);
	assert_true(n >= 8);
	assert_non_null(b);
	check_bounds_shape(s, b, n);
	assert_true(has_segment(s, b, n, "入手"));
	assert_true(has_segment(s, b, n, "正確"));
	assert_true(has_segment(s, b, n, "管理"));
	assert_true(has_segment(s, b, n, "。"));
	free(b);
}

static void
test_word_bounds_mixed(void **state)
{
	const char *s = "Hello world, 特定個人情報ファイル 2023年";
	size_t *b = NULL;
	int n;

	(void)state;
	n = pia_word_bounds(s, &b);
	assert_true(n > 5);
	check_bounds_shape(s, b, n);
	assert_true(has_segment(s, b, n, "Hello"));
	assert_true(has_segment(s, b, n, " "));
	assert_true(has_segment(s, b, n, "world"));
	assert_true(has_segment(s, b, n, ","));
	free(b);

	n = pia_word_bounds("Hello world", &b);
	assert_int_equal(n, 3);
	assert_int_equal(b[0], 0);
	assert_int_equal(b[1], 5);
	assert_int_equal(b[2], 6);
	assert_int_equal(b[3], 11);
	free(b);
}

static void
test_word_bounds_edge(void **state)
{
	size_t *b = (size_t *)&b;
	int n;

	(void)state;
	n = pia_word_bounds("", &b);
	assert_int_equal(n, 0);
	assert_non_null(b);
	assert_int_equal(b[0], 0);
	free(b);

	n = pia_word_bounds("あ", &b);
	assert_int_equal(n, 1);
	assert_int_equal(b[1], 3);
	free(b);

	b = (size_t *)&b;
	assert_int_equal(pia_word_bounds("abc\xff", &b), -1);
	assert_null(b);
	b = (size_t *)&b;
	assert_int_equal(pia_word_bounds(NULL, &b), -1);
	assert_null(b);
	assert_int_equal(pia_word_bounds("abc", NULL), -1);
}

/*
 * Foreign characters
 */

static void
test_foreign_thai(void **state)
{
	const char *s = "入手した特定個人情報ที่ไม่正確";

	(void)state;
	expect_foreign(s, 0x0E17, strlen("入手した特定個人情報"));
}

static void
test_foreign_simplified_han(void **state)
{
	(void)state;
	expect_foreign("统一的に", 0x7EDF, 0);
	expect_foreign("説明と说明", 0x8BF4, strlen("説明と"));
	expect_foreign("个人信息们", 0x4EEC,
	    strlen("个人信息"));
	expect_foreign("管理系统", 0x7EDF, strlen("管理系"));
}

static void
test_foreign_other_scripts(void **state)
{
	(void)state;
	expect_foreign("個人情報 보호", 0xBCF4, strlen("個人情報 "));
	expect_foreign("ハングル한글", 0xD55C, strlen("ハングル"));
	expect_foreign("Привет", 0x041F, 0);
	expect_foreign("abcДef", 0x0414, 3);
	expect_foreign("مرحبا", 0x0645, 0);
	expect_foreign("नमस्ते", 0x0928, 0);
	expect_foreign("ㄅㄆ", 0x3105, 0);
	expect_foreign("外字\xee\x80\x80", 0xE000, strlen("外字"));
	/* Kangxi radical that looks like 人. */
	expect_foreign("個\xe2\xbc\x88情報", 0x2F08, 3);
}

static void
test_foreign_none(void **state)
{
	size_t off = 12345;

	(void)state;
	expect_foreign("入手した特定個人情報を正確に管理します。", 0, 0);
	expect_foreign("（注）「特定個人情報ファイル」・保護評価～第3版～、"
	    "ＡＢＣ１２３！？【】『』〔〕…‥ー々〆〇ヶ", 0, 0);
	expect_foreign("System: PIA-2023 (v1.2) <a@b.jp> #1 100% ¥500 ©", 0,
	    0);
	expect_foreign("ｶﾞｷﾞ ﾊﾟｿｺﾝ ① ㍻ ℃ ※ → ○ ● △ □ ◎ ★", 0, 0);
	expect_foreign("髙橋 﨑 德 神奈川県 葛飾区", 0, 0);
	expect_foreign("鷗外 頰 𠮟る 剝がす 塡補", 0, 0);
	expect_foreign("café naïve", 0, 0);
	expect_foreign("か\xe3\x82\x99", 0, 0);	/* combining dakuten */
	expect_foreign("", 0, 0);
	assert_int_equal(pia_foreign_char(NULL, &off), 0);
	assert_int_equal(pia_foreign_char("日本語", NULL), 0);
	assert_int_equal(off, 12345);
}

static void
test_foreign_invalid_utf8(void **state)
{
	(void)state;
	expect_foreign("ab\xffzz", 0xFFFD, 2);
	expect_foreign("日本\xe8\xaa", 0xFFFD, 6);
	assert_int_equal(pia_foreign_char("统", NULL), 0x7EDF);
}

/*
 * Threads, performance, cleanup
 */

#define NTHREADS	4
#define NITER		500

static void *
worker(void *arg)
{
	char iso[11], want[11], *w;
	enum pia_date_err e;
	size_t *b, off;
	long i;
	int n;

	(void)arg;
	for (i = 0; i < NITER; i++) {
		if (pia_date_add_days("2015-01-01", i * 7, want) != 0)
			return "add_days";
		if ((w = pia_wareki_format(want, &e)) == NULL)
			return "format";
		e = pia_wareki_parse(w, iso);
		free(w);
		if (e != PIA_DATE_OK || strcmp(iso, want) != 0)
			return "parse";
		if (pia_wareki_parse("平成31年5月1日", iso) !=
		    PIA_DATE_ERA_MISMATCH)
			return "mismatch";
		if (pia_foreign_char("特定個人情報统一", &off) != 0x7EDF ||
		    off != 18)
			return "foreign";
		if ((n = pia_word_bounds("特定個人情報を管理します", &b)) < 2)
			return "bounds";
		free(b);
		if (!pia_text_equiv("ＡＢＣ　個人", "ABC個人"))
			return "equiv";
	}
	return NULL;
}

static void
test_threads(void **state)
{
	pthread_t t[NTHREADS];
	void *ret;
	int i;

	(void)state;
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, NULL), 0);
	for (i = 0; i < NTHREADS; i++) {
		assert_int_equal(pthread_join(t[i], &ret), 0);
		if (ret != NULL)
			fail_msg("thread %d failed at %s", i, (char *)ret);
	}
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
test_format_speed(void **state)
{
	enum pia_date_err e;
	double t0, per;
	char *w;
	int i, n = 2000;

	(void)state;
	free(pia_wareki_format("2023-02-20", &e));	/* warm up */
	t0 = now_us();
	for (i = 0; i < n; i++) {
		w = pia_wareki_format("2023-02-20", &e);
		assert_non_null(w);
		free(w);
	}
	per = (now_us() - t0) / n;
	print_message("pia_wareki_format: %.2f us/call\n", per);
	/* Generous bound: sanitizers and valgrind slow things down a lot. */
	assert_true(per < 2000.0);
}

static void
test_cleanup_then_reuse(void **state)
{
	char iso[11];
	size_t *b;
	char *w;

	(void)state;
	w = pia_wareki_format("2019-05-01", NULL);
	assert_non_null(w);
	free(w);
	pia_i18n_cleanup();
	pia_i18n_cleanup();			/* twice is harmless */
	expect_format("2019-05-01", "令和元年5月1日");
	assert_int_equal(pia_wareki_parse("令和元年5月1日", iso), PIA_DATE_OK);
	assert_int_equal(pia_foreign_char("统", NULL), 0x7EDF);
	assert_true(pia_word_bounds("個人情報", &b) >= 1);
	free(b);
}

static int
group_teardown(void **state)
{
	(void)state;
	pia_i18n_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_basic),
		cmocka_unit_test(test_format_gannen),
		cmocka_unit_test(test_format_era_boundaries),
		cmocka_unit_test(test_format_year_month),
		cmocka_unit_test(test_format_far_future),
		cmocka_unit_test(test_format_errors),
		cmocka_unit_test(test_parse_basic),
		cmocka_unit_test(test_parse_gannen),
		cmocka_unit_test(test_parse_fullwidth_and_spaces),
		cmocka_unit_test(test_parse_year_month),
		cmocka_unit_test(test_parse_era_mismatch),
		cmocka_unit_test(test_parse_range),
		cmocka_unit_test(test_parse_no_era),
		cmocka_unit_test(test_parse_syntax),
		cmocka_unit_test(test_round_trip_2019),
		cmocka_unit_test(test_round_trip_1912_2030),
		cmocka_unit_test(test_round_trip_year_month),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_days_between),
		cmocka_unit_test(test_add_years),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_nfkc),
		cmocka_unit_test(test_text_equiv),
		cmocka_unit_test(test_word_bounds_japanese),
		cmocka_unit_test(test_word_bounds_mixed),
		cmocka_unit_test(test_word_bounds_edge),
		cmocka_unit_test(test_foreign_thai),
		cmocka_unit_test(test_foreign_simplified_han),
		cmocka_unit_test(test_foreign_other_scripts),
		cmocka_unit_test(test_foreign_none),
		cmocka_unit_test(test_foreign_invalid_utf8),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_format_speed),
		cmocka_unit_test(test_cleanup_then_reuse),
	};

	return cmocka_run_group_tests_name("i18n", tests, NULL,
	    group_teardown);
}
