// i18n.c - 和暦 dates, ISO day arithmetic, NFKC, word bounds and script hygiene; the only ICU user in pia.

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/ucnv.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "pia_i18n.h"
#include "pia_msg.h"

#define MS_PER_DAY	86400000.0
#define YEAR_MIN	1
#define YEAR_MAX	9999

/*
 * Eras accepted by pia_wareki_parse.  Start dates are those of ICU's
 * Japanese calendar; the parser only uses the start year, and every
 * result is checked against ICU by formatting it back.
 */
static const struct era {
	const char	*name;
	int		 y, m, d;
} eras[] = {
	{ "明治", 1868, 9, 8 },
	{ "大正", 1912, 7, 30 },
	{ "昭和", 1926, 12, 25 },
	{ "平成", 1989, 1, 8 },
	{ "令和", 2019, 5, 1 },
};
#define NERAS	(sizeof(eras) / sizeof(eras[0]))

/*
 * Pool of ICU objects.  Opening a Japanese date formatter
 * costs ~150 µs, so objects are kept and lent to one caller at a time;
 * the mutex only guards the free lists.
 */
enum res_kind {
	RK_FMT_YMD,		/* UDateFormat "Gy年M月d日" */
	RK_FMT_YM,		/* UDateFormat "Gy年M月" */
	RK_BRK,			/* UBreakIterator, word, "ja" */
	RK_CNV_SJIS,		/* UConverter windows-31j */
	RK_CNV_EUCJP,		/* UConverter EUC-JP (JIS X 0212 too) */
	RK_CNV_JIS2004,		/* UConverter EUC-JIS-2004, rarely built in */
	RK_NKINDS
};

struct res {
	enum res_kind	 kind;
	union {
		UDateFormat	*fmt;
		UBreakIterator	*brk;
		UConverter	*cnv;
	} u;
	struct res	*next;
};

static pthread_mutex_t res_lock = PTHREAD_MUTEX_INITIALIZER;
static struct res *res_free[RK_NKINDS];
static int res_unavail[RK_NKINDS];

static const UChar empty_text[1] = { 0 };

static UDateFormat *
fmt_open(int with_day, UErrorCode *st)
{
	/* "Gy年M月d日" / "Gy年M月" */
	static const UChar pat_ymd[] = u"Gy\u5e74M\u6708d\u65e5";
	static const UChar pat_ym[] = u"Gy\u5e74M\u6708";
	UDateFormat *f = NULL;
	UNumberFormat *nf = NULL;

	f = udat_open(UDAT_PATTERN, UDAT_PATTERN, "ja_JP@calendar=japanese",
	    u"UTC", -1, with_day ? pat_ymd : pat_ym, -1, st);
	if (U_FAILURE(*st))
		goto out;
	/*
	 * The "y=jpanyear" numbering override: year 1 is written 元.
	 * (ICU 64+ also applies it by itself to "y年" in ja, but say so.)
	 */
	nf = unum_open(UNUM_DECIMAL, NULL, 0, "ja@numbers=jpanyear", NULL, st);
	if (U_FAILURE(*st))
		goto out;
	unum_setAttribute(nf, UNUM_GROUPING_USED, 0);
	/* Adopts nf even on failure. */
	udat_adoptNumberFormatForFields(f, u"y", nf, st);
	nf = NULL;
out:
	if (nf != NULL)
		unum_close(nf);
	if (U_FAILURE(*st) && f != NULL) {
		udat_close(f);
		f = NULL;
	}
	return f;
}

static UConverter *
cnv_open(const char *name, UErrorCode *st)
{
	UConverter *c;

	c = ucnv_open(name, st);
	if (U_FAILURE(*st))
		return NULL;
	ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL,
	    st);
	if (U_FAILURE(*st)) {
		ucnv_close(c);
		return NULL;
	}
	return c;
}

static int
res_open(struct res *r)
{
	UErrorCode st = U_ZERO_ERROR;

	switch (r->kind) {
	case RK_FMT_YMD:
	case RK_FMT_YM:
		r->u.fmt = fmt_open(r->kind == RK_FMT_YMD, &st);
		return r->u.fmt != NULL ? 0 : -1;
	case RK_BRK:
		r->u.brk = ubrk_open(UBRK_WORD, "ja", empty_text, 0, &st);
		if (U_FAILURE(st))
			r->u.brk = NULL;
		return r->u.brk != NULL ? 0 : -1;
	case RK_CNV_SJIS:
		r->u.cnv = cnv_open("windows-31j", &st);
		return r->u.cnv != NULL ? 0 : -1;
	case RK_CNV_EUCJP:
		r->u.cnv = cnv_open("EUC-JP", &st);
		return r->u.cnv != NULL ? 0 : -1;
	case RK_CNV_JIS2004:
		r->u.cnv = cnv_open("EUC-JIS-2004", &st);
		return r->u.cnv != NULL ? 0 : -1;
	default:
		return -1;
	}
}

static void
res_close(struct res *r)
{
	switch (r->kind) {
	case RK_FMT_YMD:
	case RK_FMT_YM:
		udat_close(r->u.fmt);
		break;
	case RK_BRK:
		ubrk_close(r->u.brk);
		break;
	case RK_CNV_SJIS:
	case RK_CNV_EUCJP:
	case RK_CNV_JIS2004:
		ucnv_close(r->u.cnv);
		break;
	default:
		break;
	}
	free(r);
}

/*
 * Borrow an object of the given kind, opening one if the pool is empty.
 * NULL when it cannot be opened; kinds that are optional (converters)
 * are then remembered as unavailable until pia_i18n_cleanup.
 */
static struct res *
res_get(enum res_kind kind)
{
	struct res *r;

	pthread_mutex_lock(&res_lock);
	if (res_unavail[kind]) {
		pthread_mutex_unlock(&res_lock);
		return NULL;
	}
	r = res_free[kind];
	if (r != NULL)
		res_free[kind] = r->next;
	pthread_mutex_unlock(&res_lock);
	if (r != NULL)
		goto out;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->kind = kind;
	if (res_open(r) == -1) {
		free(r);
		r = NULL;
		if (kind >= RK_CNV_SJIS) {
			pthread_mutex_lock(&res_lock);
			res_unavail[kind] = 1;
			pthread_mutex_unlock(&res_lock);
		}
	}
out:
	if (r != NULL)
		r->next = NULL;
	return r;
}

static void
res_put(struct res *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&res_lock);
	r->next = res_free[r->kind];
	res_free[r->kind] = r;
	pthread_mutex_unlock(&res_lock);
}

void
pia_i18n_cleanup(void)
{
	struct res *r, *next;
	int k;

	pthread_mutex_lock(&res_lock);
	for (k = 0; k < RK_NKINDS; k++) {
		for (r = res_free[k]; r != NULL; r = next) {
			next = r->next;
			res_close(r);
		}
		res_free[k] = NULL;
		res_unavail[k] = 0;
	}
	pthread_mutex_unlock(&res_lock);
	u_cleanup();
}

/*
 * UTF-8 / UTF-16 helpers.
 */

/* Is s well-formed UTF-8 (no surrogates, no overlongs)?  Length in *len. */
static int
utf8_check(const char *s, size_t *lenp)
{
	size_t len = strlen(s);
	int32_t i = 0;
	UChar32 c;

	if (len > INT32_MAX)
		return 0;
	while ((size_t)i < len) {
		U8_NEXT(s, i, (int32_t)len, c);
		if (c < 0)
			return 0;
	}
	if (lenp != NULL)
		*lenp = len;
	return 1;
}

/* Strict UTF-8 to malloc'd UTF-16; NULL on invalid input. */
static UChar *
utf8_to_u16(const char *s, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL;
	size_t len;
	int32_t n;

	if (s == NULL || !utf8_check(s, &len))
		return NULL;
	u_strFromUTF8(NULL, 0, &n, s, (int32_t)len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	st = U_ZERO_ERROR;
	if ((u = malloc(((size_t)n + 1) * sizeof(UChar))) == NULL)
		return NULL;
	u_strFromUTF8(u, n + 1, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	*ulen = n;
	return u;
}

/* UTF-16 to malloc'd UTF-8. */
static char *
u16_to_utf8(const UChar *u, int32_t ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	char *s;
	int32_t n;

	u_strToUTF8(NULL, 0, &n, u, ulen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	st = U_ZERO_ERROR;
	if ((s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	u_strToUTF8(s, n + 1, &n, u, ulen, &st);
	if (U_FAILURE(st)) {
		free(s);
		return NULL;
	}
	return s;
}

/* NFKC of UTF-16; malloc'd result. */
static UChar *
u16_nfkc(const UChar *u, int32_t ulen, int32_t *outlen)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc;
	UChar *out;
	int32_t n;

	nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return NULL;
	n = unorm2_normalize(nfkc, u, ulen, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	st = U_ZERO_ERROR;
	if ((out = malloc(((size_t)n + 1) * sizeof(UChar))) == NULL)
		return NULL;
	n = unorm2_normalize(nfkc, u, ulen, out, n + 1, &st);
	if (U_FAILURE(st)) {
		free(out);
		return NULL;
	}
	*outlen = n;
	return out;
}

char *
pia_nfkc(const char *utf8)
{
	UChar *u = NULL, *nu = NULL;
	char *res = NULL;
	int32_t ulen, nlen;

	if ((u = utf8_to_u16(utf8, &ulen)) == NULL)
		goto out;
	if ((nu = u16_nfkc(u, ulen, &nlen)) == NULL)
		goto out;
	res = u16_to_utf8(nu, nlen);
out:
	free(u);
	free(nu);
	return res;
}

/* Next non-White_Space code point at or after *i, or -1 at the end. */
static UChar32
next_nonspace(const UChar *u, int32_t len, int32_t *i)
{
	UChar32 c;

	while (*i < len) {
		U16_NEXT(u, *i, len, c);
		if (!u_isUWhiteSpace(c))
			return c;
	}
	return -1;
}

int
pia_text_equiv(const char *a, const char *b)
{
	UChar *ua = NULL, *ub = NULL, *na = NULL, *nb = NULL;
	int32_t la, lb, i = 0, j = 0;
	UChar32 ca, cb;
	int eq = 0;

	if ((ua = utf8_to_u16(a, &la)) == NULL ||
	    (ub = utf8_to_u16(b, &lb)) == NULL)
		goto out;
	if ((na = u16_nfkc(ua, la, &la)) == NULL ||
	    (nb = u16_nfkc(ub, lb, &lb)) == NULL)
		goto out;
	for (;;) {
		ca = next_nonspace(na, la, &i);
		cb = next_nonspace(nb, lb, &j);
		if (ca != cb)
			goto out;
		if (ca == -1)
			break;
	}
	eq = 1;
out:
	free(ua);
	free(ub);
	free(na);
	free(nb);
	return eq;
}

/*
 * Civil-day arithmetic (proleptic Gregorian, day 0 = 1970-01-01).
 */

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int md[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return md[m - 1];
}

static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *yp, int *mp, int *dp)
{
	long era, doe, yoe, doy, mp_, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp_ = (5 * doy + 2) / 153;
	*dp = (int)(doy - (153 * mp_ + 2) / 5 + 1);
	*mp = (int)(mp_ < 10 ? mp_ + 3 : mp_ - 9);
	*yp = y + (*mp <= 2);
}

static int
digits(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Parse "YYYY-MM-DD" (returns 3) or, if allow_ym, "YYYY-MM" (returns 2,
 * *d = 0); -1 when malformed or not a real day.
 */
static int
iso_parse(const char *s, int allow_ym, int *y, int *m, int *d)
{
	size_t len;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (len != 10 && !(allow_ym && len == 7))
		return -1;
	if (s[4] != '-' || (len == 10 && s[7] != '-'))
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = len == 10 ? digits(s + 8, 2) : 0;
	if (*y < YEAR_MIN || *m < 1 || *m > 12 || *d < 0)
		return -1;
	if (len == 7)
		return 2;
	if (*d < 1 || *d > month_days(*y, *m))
		return -1;
	return 3;
}

/* Write "YYYY-MM-DD", or "YYYY-MM" when d is 0; y in 1..9999. */
static void
iso_write(char out[11], long y, int m, int d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	if (d == 0) {
		out[7] = '\0';
		return;
	}
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
pia_date_valid(const char *s)
{
	int y, m, d;

	return iso_parse(s, 0, &y, &m, &d) == 3;
}

long
pia_date_days_between(const char *a, const char *b, int *ok)
{
	int ya, ma, da, yb, mb, db;

	if (iso_parse(a, 0, &ya, &ma, &da) != 3 ||
	    iso_parse(b, 0, &yb, &mb, &db) != 3) {
		if (ok != NULL)
			*ok = 0;
		return 0;
	}
	if (ok != NULL)
		*ok = 1;
	return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

int
pia_date_add_years(const char *iso, int n, char out[11])
{
	int y, m, d;
	long ny;

	out[0] = '\0';
	if (iso_parse(iso, 0, &y, &m, &d) != 3)
		return -1;
	ny = (long)y + n;
	if (ny < YEAR_MIN || ny > YEAR_MAX)
		return -1;
	if (d > month_days(ny, m))
		d = month_days(ny, m);
	iso_write(out, ny, m, d);
	return 0;
}

int
pia_date_add_days(const char *iso, long n, char out[11])
{
	int y, m, d;
	long z, ny, lo, hi;

	out[0] = '\0';
	if (iso_parse(iso, 0, &y, &m, &d) != 3)
		return -1;
	z = days_from_civil(y, m, d);
	lo = days_from_civil(YEAR_MIN, 1, 1);
	hi = days_from_civil(YEAR_MAX, 12, 31);
	if (n < lo - z || n > hi - z)
		return -1;
	civil_from_days(z + n, &ny, &m, &d);
	iso_write(out, ny, m, d);
	return 0;
}

/*
 * 和暦.
 */

char *
pia_wareki_format(const char *iso, enum pia_date_err *err)
{
	enum pia_date_err e = PIA_DATE_ICU;
	UErrorCode st = U_ZERO_ERROR;
	struct res *r = NULL;
	UChar buf[64];
	char *res = NULL;
	int y, m, d, kind;
	int32_t n;
	long z;

	kind = iso_parse(iso, 1, &y, &m, &d);
	if (kind == -1) {
		e = PIA_DATE_SYNTAX;
		goto out;
	}
	z = days_from_civil(y, m, kind == 3 ? d : 1);
	if (z < days_from_civil(eras[0].y, eras[0].m, eras[0].d)) {
		e = PIA_DATE_RANGE;
		goto out;
	}
	if ((r = res_get(kind == 3 ? RK_FMT_YMD : RK_FMT_YM)) == NULL)
		goto out;
	n = udat_format(r->u.fmt, (UDate)z * MS_PER_DAY, buf,
	    (int32_t)(sizeof(buf) / sizeof(buf[0])), NULL, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		goto out;
	if ((res = u16_to_utf8(buf, n)) == NULL)
		goto out;
	e = PIA_DATE_OK;
out:
	res_put(r);
	if (err != NULL)
		*err = e;
	return res;
}

static void
skip_ws(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r' ||
	    **p == '\v' || **p == '\f')
		(*p)++;
}

/* Decimal number of 1..maxd digits; -1 if none or too long. */
static int
scan_num(const char **p, int maxd)
{
	const char *s = *p;
	int n = 0, v = 0;

	while (*s >= '0' && *s <= '9') {
		if (++n > maxd)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	if (n == 0)
		return -1;
	*p = s;
	return v;
}

static int
scan_lit(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Year number or 元 (as 1); -1 if neither. */
static int
scan_year(const char **p)
{
	if (scan_lit(p, "元"))
		return 1;
	return scan_num(p, 4);
}

/* Does pia_wareki_format(iso) start with want (or equal it, if whole)? */
static enum pia_date_err
wareki_matches(const char *iso, const char *want, int whole, int *match)
{
	enum pia_date_err e;
	char *got;

	*match = 0;
	got = pia_wareki_format(iso, &e);
	if (got == NULL)
		return e == PIA_DATE_RANGE ? PIA_DATE_OK : e;
	if (whole)
		*match = strcmp(got, want) == 0;
	else
		*match = strncmp(got, want, strlen(want)) == 0;
	free(got);
	return PIA_DATE_OK;
}

enum pia_date_err
pia_wareki_parse(const char *text, char iso[11])
{
	enum pia_date_err e = PIA_DATE_SYNTAX;
	const struct era *era = NULL;
	char *norm = NULL, want[64], tmp[11];
	const char *p;
	int ey, m, d = 0, has_day = 0, match;
	long gy;
	size_t i;

	iso[0] = '\0';
	if (text == NULL || (norm = pia_nfkc(text)) == NULL)
		goto out;
	p = norm;
	skip_ws(&p);
	for (i = 0; i < NERAS; i++) {
		if (scan_lit(&p, eras[i].name)) {
			era = &eras[i];
			break;
		}
	}
	if (era == NULL) {
		if (scan_year(&p) != -1) {
			skip_ws(&p);
			if (scan_lit(&p, "年"))
				e = PIA_DATE_NO_ERA;
		}
		goto out;
	}
	skip_ws(&p);
	if ((ey = scan_year(&p)) == -1)
		goto out;
	skip_ws(&p);
	if (!scan_lit(&p, "年"))
		goto out;
	skip_ws(&p);
	if ((m = scan_num(&p, 2)) == -1)
		goto out;
	skip_ws(&p);
	if (!scan_lit(&p, "月"))
		goto out;
	skip_ws(&p);
	if (*p != '\0') {
		has_day = 1;
		if ((d = scan_num(&p, 2)) == -1)
			goto out;
		skip_ws(&p);
		if (!scan_lit(&p, "日"))
			goto out;
		skip_ws(&p);
		if (*p != '\0')
			goto out;
	}

	e = PIA_DATE_RANGE;
	gy = (long)era->y + ey - 1;
	if (ey < 1 || gy > YEAR_MAX || m < 1 || m > 12)
		goto out;
	if (has_day && (d < 1 || d > month_days(gy, m)))
		goto out;

	/* Round trip through ICU: the day must lie inside the era. */
	if (ey == 1)
		snprintf(want, sizeof(want), "%s元年", era->name);
	else
		snprintf(want, sizeof(want), "%s%d年", era->name, ey);
	if (has_day) {
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    "%d月%d日", m, d);
		iso_write(tmp, gy, m, d);
		if ((e = wareki_matches(tmp, want, 1, &match)) != PIA_DATE_OK)
			goto out;
	} else {
		iso_write(tmp, gy, m, 1);
		if ((e = wareki_matches(tmp, want, 0, &match)) != PIA_DATE_OK)
			goto out;
		if (!match) {
			iso_write(tmp, gy, m, month_days(gy, m));
			e = wareki_matches(tmp, want, 0, &match);
			if (e != PIA_DATE_OK)
				goto out;
		}
	}
	if (!match) {
		e = PIA_DATE_ERA_MISMATCH;
		goto out;
	}
	iso_write(iso, gy, m, has_day ? d : 0);
	e = PIA_DATE_OK;
out:
	free(norm);
	return e;
}

const char *
pia_era_name(size_t i)
{
	return i < NERAS ? eras[i].name : NULL;
}

const char *
pia_date_strerror(enum pia_date_err e, const char *lang)
{
	static const enum pia_msg msg[] = {
		[PIA_DATE_OK] = PIA_M_DATE_OK,
		[PIA_DATE_SYNTAX] = PIA_M_DATE_SYNTAX,
		[PIA_DATE_RANGE] = PIA_M_DATE_RANGE,
		[PIA_DATE_ERA_MISMATCH] = PIA_M_DATE_ERA_MISMATCH,
		[PIA_DATE_NO_ERA] = PIA_M_DATE_NO_ERA,
		[PIA_DATE_ICU] = PIA_M_DATE_ICU,
	};
	/* English unless lang names Japanese ("ja", "ja_JP"). */
	const char *l = lang != NULL && strncmp(lang, "ja", 2) == 0 ?
	    "ja" : "en";

	if ((unsigned)e >= sizeof(msg) / sizeof(msg[0]))
		return pia_msg_fmt(PIA_M_DATE_UNKNOWN, l);
	return pia_msg_fmt(msg[e], l);
}

/*
 * Word segmentation.
 */

int
pia_word_bounds(const char *utf8, size_t **bounds)
{
	UErrorCode st = U_ZERO_ERROR;
	struct res *r = NULL;
	UText *ut = NULL;
	size_t len, *b = NULL;
	int32_t pos;
	int n = -1, k;

	if (bounds == NULL)
		return -1;
	*bounds = NULL;
	if (utf8 == NULL || !utf8_check(utf8, &len) || len >= INT32_MAX)
		goto out;
	if ((r = res_get(RK_BRK)) == NULL)
		goto out;
	ut = utext_openUTF8(NULL, utf8, (int64_t)len, &st);
	if (U_FAILURE(st))
		goto out;
	ubrk_setUText(r->u.brk, ut, &st);
	if (U_FAILURE(st))
		goto out;

	k = 0;
	for (pos = ubrk_first(r->u.brk); pos != UBRK_DONE;
	    pos = ubrk_next(r->u.brk))
		k++;
	if (k < 1)
		goto out;
	if ((b = malloc((size_t)k * sizeof(*b))) == NULL)
		goto out;
	k = 0;
	for (pos = ubrk_first(r->u.brk); pos != UBRK_DONE;
	    pos = ubrk_next(r->u.brk))
		b[k++] = (size_t)pos;
	if (b[0] != 0 || b[k - 1] != len) {
		free(b);
		goto out;
	}
	*bounds = b;
	n = k - 1;
out:
	if (r != NULL) {
		/* Drop the iterator's reference to the caller's text. */
		st = U_ZERO_ERROR;
		ubrk_setText(r->u.brk, empty_text, 0, &st);
		if (U_FAILURE(st)) {
			res_close(r);
			r = NULL;
		}
	}
	res_put(r);
	if (ut != NULL)
		utext_close(ut);
	return n;
}

/*
 * Script hygiene.
 */

/* Can the converter encode c without substitution? */
static int
cnv_encodes(enum res_kind kind, UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	struct res *r;
	UChar u[2];
	char out[16];
	int32_t ulen = 0;
	UBool err = 0;

	if ((r = res_get(kind)) == NULL)
		return 0;
	U16_APPEND(u, ulen, 2, c, err);
	if (!err)
		ucnv_fromUChars(r->u.cnv, out, (int32_t)sizeof(out), u, ulen,
		    &st);
	res_put(r);
	return !err && U_SUCCESS(st);
}

/* Is the Han code point c in a Japanese character set (approximately)? */
static int
han_is_japanese(UChar32 c)
{
	/* 2010 常用漢字 outside JIS X 0208: 𠮟 剝 塡 頰 */
	static const UChar32 joyo2010[] = { 0x20B9F, 0x525D, 0x5861, 0x9830 };
	static const enum res_kind cnvs[] = {
		RK_CNV_SJIS, RK_CNV_EUCJP, RK_CNV_JIS2004
	};
	size_t i;

	for (i = 0; i < sizeof(joyo2010) / sizeof(joyo2010[0]); i++)
		if (c == joyo2010[i])
			return 1;
	for (i = 0; i < sizeof(cnvs) / sizeof(cnvs[0]); i++)
		if (cnv_encodes(cnvs[i], c))
			return 1;
	return 0;
}

unsigned int
pia_foreign_char(const char *utf8, size_t *off)
{
	UErrorCode st;
	UScriptCode sc;
	size_t len;
	int32_t i = 0, start;
	UChar32 c;

	if (utf8 == NULL)
		return 0;
	len = strlen(utf8);
	if (len > INT32_MAX)
		len = INT32_MAX;
	while ((size_t)i < len) {
		start = i;
		U8_NEXT(utf8, i, (int32_t)len, c);
		if (c < 0) {
			c = 0xFFFD;
			goto found;
		}
		st = U_ZERO_ERROR;
		sc = uscript_getScript(c, &st);
		if (U_FAILURE(st))
			goto found;
		switch (sc) {
		case USCRIPT_COMMON:
		case USCRIPT_INHERITED:
		case USCRIPT_LATIN:
		case USCRIPT_HIRAGANA:
		case USCRIPT_KATAKANA:
		case USCRIPT_KATAKANA_OR_HIRAGANA:
			continue;
		case USCRIPT_HAN:
			if (han_is_japanese(c))
				continue;
			goto found;
		default:
			goto found;
		}
found:
		if (off != NULL)
			*off = (size_t)start;
		return (unsigned int)c;
	}
	return 0;
}
