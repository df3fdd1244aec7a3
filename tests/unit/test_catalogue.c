/* test_catalogue.c: every entry of model/catalogue.def is complete, its
 * Japanese and English formats take the same arguments, and pia_diag()
 * turns an entry into a finding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pia.h"

/*
 * The argument types of a printf format, one letter per argument in
 * argument order ('s' string, 'd' int, 'l' long, 'z' size_t, 'f' double,
 * 'c' char, 'p' pointer, 'L' long long, '*' a width or precision taken
 * from the arguments).  Positional forms (%2$s) are placed by position.
 * Returns the count, or -1 for a format this test does not know.
 */
static int
arg_types(const char *f, char *out, size_t outsz)
{
	size_t	 n = 0, pos;
	char	 t;

	memset(out, 0, outsz);
	while ((f = strchr(f, '%')) != NULL) {
		f++;
		if (*f == '%') {
			f++;
			continue;
		}
		pos = 0;
		if (f[0] >= '1' && f[0] <= '9' && f[1] == '$') {
			pos = (size_t)(f[0] - '0');
			f += 2;
		}
		f += strspn(f, "-+ #0'");
		if (*f == '*') {
			if (n >= outsz - 1)
				return -1;
			out[n++] = '*';
			f++;
		} else
			f += strspn(f, "0123456789");
		if (*f == '.') {
			f++;
			if (*f == '*') {
				if (n >= outsz - 1)
					return -1;
				out[n++] = '*';
				f++;
			} else
				f += strspn(f, "0123456789");
		}
		t = 0;
		if (f[0] == 'l' && f[1] == 'l') {
			t = 'L';
			f += 2;
		} else if (*f == 'l') {
			t = 'l';
			f++;
		} else if (*f == 'z') {
			t = 'z';
			f++;
		} else if (*f == 'h')
			f++;
		switch (*f) {
		case 's':
			t = 's';
			break;
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			if (t == 0)
				t = 'd';
			break;
		case 'f': case 'g': case 'e':
			t = 'f';
			break;
		case 'c':
			t = 'c';
			break;
		case 'p':
			t = 'p';
			break;
		default:
			return -1;
		}
		f++;
		if (pos > 0) {
			if (pos > outsz - 1)
				return -1;
			out[pos - 1] = t;
			if (pos > n)
				n = pos;
		} else {
			if (n >= outsz - 1)
				return -1;
			out[n++] = t;
		}
	}
	return (int)n;
}

static void
entries_complete(void **state)
{
	int				 m, k;
	const struct pia_msg_entry	*e, *o;
	char				 tj[32], te[32];

	(void)state;
	for (m = 0; m < PIA_M__MAX; m++) {
		e = pia_msg_get((enum pia_msg)m);
		assert_non_null(e);
		assert_non_null(e->name);
		assert_non_null(e->ja);
		assert_non_null(e->en);
		if (e->level != -1) {
			assert_non_null(e->rule);
			assert_true(e->level >= PIA_INFO &&
			    e->level <= PIA_ERROR);
		}
		if (arg_types(e->ja, tj, sizeof(tj)) < 0 ||
		    arg_types(e->en, te, sizeof(te)) < 0 ||
		    strcmp(tj, te) != 0)
			fail_msg("%s: the Japanese and English formats take "
			    "different arguments (%s / %s)", e->name, tj, te);
		for (k = 0; k < m; k++) {
			o = pia_msg_get((enum pia_msg)k);
			if (strcmp(o->name, e->name) == 0)
				fail_msg("%s twice", e->name);
		}
	}
	assert_null(pia_msg_get(PIA_M__MAX));
}

static void
diag_from_catalogue(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	const struct pia_diag	*g;

	(void)state;
	assert_int_equal(pia_diag(d, PIA_M_IO_TOO_LARGE, "a.xml", 0, NULL,
	    (size_t)10), 0);
	g = pia_diags_get(d, 0);
	assert_non_null(g);
	assert_int_equal(g->level, PIA_ERROR);
	assert_string_equal(g->rule, "io");
	assert_string_equal(g->msg_en, "file too large (limit 10 bytes)");
	assert_string_equal(g->msg_ja,
	    "ファイルが大きすぎます (上限 10 バイト)");
	/* A text is not a finding. */
	assert_int_equal(pia_diag(d, PIA_M_ERRNO_ENOENT, "a", 0, NULL), -1);
	assert_int_equal(pia_diags_count(d), 1);
	pia_diags_free(d);
}

static void
format_in_language(void **state)
{
	char	*s;

	(void)state;
	s = pia_msg_str("en", PIA_M_IO_OPEN, "なし", "gone");
	assert_string_equal(s, "cannot open file: gone");
	free(s);
	s = pia_msg_str("ja", PIA_M_IO_OPEN, "なし", "gone");
	assert_string_equal(s, "ファイルを開けません: なし");
	free(s);
	assert_string_equal(pia_msg_fmt(PIA_M_OOM, "en"), "out of memory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_complete),
		cmocka_unit_test(diag_from_catalogue),
		cmocka_unit_test(format_in_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
