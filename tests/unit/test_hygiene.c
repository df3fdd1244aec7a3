/* test_hygiene.c: the one set of text-hygiene criteria (model/hygiene.c)
 * that pia import and the rules of validators/rules/text.sch share. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pia.h"
#include "pia_hygiene.h"

/* The quote of the hit of check f in s, or NULL when none. */
static char *
quote(int (*f)(const char *, struct pia_hygiene *), const char *s)
{
	struct pia_hygiene	 h;

	return f(s, &h) ? pia_hygiene_quote(s, &h) : NULL;
}

static void
assert_quote(int (*f)(const char *, struct pia_hygiene *), const char *s,
    const char *want)
{
	char	*q = quote(f, s);

	if (want == NULL)
		assert_null(q);
	else {
		assert_non_null(q);
		assert_string_equal(q, want);
	}
	free(q);
}

static void
foreign(void **state)
{
	struct pia_hygiene	 h;

	(void)state;
	assert_true(pia_hygiene_foreign("宛名番号を统合的に管理する", &h));
	assert_int_equal(h.kind, PIA_HYG_FOREIGN);
	assert_int_equal(h.cp, 0x7edf);
	assert_int_equal(h.off, strlen("宛名番号を"));
	assert_int_equal(h.len, 3);
	/* Six characters of context on each side. */
	assert_quote(pia_hygiene_foreign, "住民の宛名番号を统合的に管理する。",
	    "の宛名番号を统合的に管理す");
	assert_quote(pia_hygiene_foreign, "税務部 과장", "税務部 과장");
	/* Kana, kanji, Latin, full-width forms and punctuation belong. */
	assert_false(pia_hygiene_foreign("ｅＬＴＡＸ・ISMS「統合宛名」（市）",
	    &h));
	assert_false(pia_hygiene_foreign("", &h));
	assert_false(pia_hygiene_foreign(NULL, &h));
	/* Invalid UTF-8 is U+FFFD at the bad byte. */
	assert_true(pia_hygiene_foreign("ab\xff" "c", &h));
	assert_int_equal(h.cp, 0xfffd);
	assert_int_equal(h.off, 2);
	assert_int_equal(h.len, 1);
	/* The cache gives the same answer the second time. */
	assert_true(pia_hygiene_foreign("统", &h));
	assert_true(pia_hygiene_foreign("统", &h));
}

static void
english(void **state)
{
	struct pia_hygiene	 h;

	(void)state;
	assert_true(pia_hygiene_english("特定個人情報 that 不正確", &h));
	assert_int_equal(h.kind, PIA_HYG_ENGLISH);
	assert_int_equal(h.len, 4);
	assert_memory_equal("that", "特定個人情報 that 不正確" + h.off, 4);
	assert_quote(pia_hygiene_english, "税務部参事that市民税課長",
	    "税務部参事that市民税課長");
	/* Any blanks, U+3000 included. */
	assert_true(pia_hygiene_english("情報\xe3\x80\x80of\xe3\x80\x80管理",
	    &h));
	/* Terms, capitals, words beside punctuation or Latin: no. */
	assert_false(pia_hygiene_english("マニュアルやweb上で", &h));
	assert_false(pia_hygiene_english("税務部 ISMS 担当 eLTAX課長", &h));
	assert_false(pia_hygiene_english("語「the」は", &h));
	assert_false(pia_hygiene_english("see that 不正確", &h));
	assert_false(pia_hygiene_english("情報 The 不正確", &h));
	assert_false(pia_hygiene_english("情報 that3 不正確", &h));
	assert_false(pia_hygiene_english(NULL, &h));
}

static void
placeholder(void **state)
{
	struct pia_hygiene	 h;

	(void)state;
	assert_true(pia_hygiene_placeholder("(委託する対象人数を入力)", &h));
	assert_int_equal(h.kind, PIA_HYG_INSTRUCTION);
	assert_quote(pia_hygiene_placeholder,
	    "人数は（手続を実施する対象人数を入力）です",
	    "（手続を実施する対象人数を入力）");
	assert_quote(pia_hygiene_placeholder, "期間を選択してください",
	    "を選択してください");
	assert_quote(pia_hygiene_placeholder, "前\n(期間を記載してください)",
	    "(期間を記載してください)");
	assert_true(pia_hygiene_placeholder("○○市長", &h));
	assert_int_equal(h.kind, PIA_HYG_MARK);
	assert_quote(pia_hygiene_placeholder, "○○市長", "○○市長");
	assert_quote(pia_hygiene_placeholder, "TODO: 書く", "TODO: 書く");
	assert_false(pia_hygiene_placeholder("(パンチ入力)を行う", &h));
	assert_false(pia_hygiene_placeholder("記録を入力する", &h));
	assert_false(pia_hygiene_placeholder("○の数", &h));
	assert_false(pia_hygiene_placeholder(NULL, &h));
}

static void
wareki(void **state)
{
	enum pia_date_err	 e;
	char			*d;

	(void)state;
	d = pia_hygiene_wareki("平成31年5月1日付で就任", &e);
	assert_non_null(d);
	assert_string_equal(d, "平成31年5月1日");
	assert_int_equal(e, PIA_DATE_ERA_MISMATCH);
	free(d);
	d = pia_hygiene_wareki("令和５年２月３０日まで", &e);
	assert_non_null(d);
	assert_string_equal(d, "令和5年2月30日");
	free(d);
	assert_null(pia_hygiene_wareki("令和元年5月1日付で就任", &e));
	assert_null(pia_hygiene_wareki("平成の時代", &e));
	assert_null(pia_hygiene_wareki(NULL, &e));
}

static void
utf8(void **state)
{
	unsigned int	 cp;

	(void)state;
	assert_int_equal(pia_utf8_next("a", SIZE_MAX, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(pia_utf8_next("統", SIZE_MAX, &cp), 3);
	assert_int_equal(cp, 0x7d71);
	assert_int_equal(pia_utf8_next("\xf0\xa0\xae\x9f", SIZE_MAX, &cp), 4);
	assert_int_equal(cp, 0x20b9f);
	/* Overlong, surrogate, truncated: U+FFFD, one byte. */
	assert_int_equal(pia_utf8_next("\xc0\xaf", SIZE_MAX, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(pia_utf8_next("\xed\xa0\x80", SIZE_MAX, &cp), 1);
	assert_int_equal(pia_utf8_next("\xe7\xb5", SIZE_MAX, &cp), 1);
	assert_int_equal(pia_utf8_next("\xe7\xb5\xb1", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(foreign),
		cmocka_unit_test(english),
		cmocka_unit_test(placeholder),
		cmocka_unit_test(wareki),
		cmocka_unit_test(utf8),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	pia_i18n_cleanup();
	return rc;
}
