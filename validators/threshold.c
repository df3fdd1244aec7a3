/*
 * threshold.c: the しきい値判断 table (rules.md §1.2, 指針 第5の2) and the
 * bands of the option lists.  The one implementation behind
 * `pia threshold`, the XPath function pia:threshold() and the thresholds
 * rule set.
 *
 * Rows of the table tagged [U] in rules.md (1万人以上10万人未満 with 取扱者数
 * 500人以上 or a 重大事故) come from general knowledge of the 指針 and are
 * unconfirmed against the official text.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_validators.h"

enum pia_thr
pia_threshold(double population, double handlers, int incident)
{
	int many = handlers >= 500 || incident > 0;

	if (population < 1000)
		return PIA_THR_NONE;
	if (population < 10000)
		return PIA_THR_BASIC;
	if (population < 100000)	/* [U] rows */
		return many ? PIA_THR_FOCUSED : PIA_THR_BASIC;
	if (population < 300000)
		return many ? PIA_THR_FULL : PIA_THR_FOCUSED;
	return PIA_THR_FULL;
}

void
pia_threshold_range(double pop_lo, double pop_hi, double h_lo, double h_hi,
    int incident, enum pia_thr *lo, enum pia_thr *hi)
{
	/* The table is monotone in each input. */
	if (isnan(pop_lo))
		pop_lo = 0;
	if (isnan(pop_hi))
		pop_hi = INFINITY;
	if (isnan(h_lo))
		h_lo = 0;
	if (isnan(h_hi))
		h_hi = INFINITY;
	*lo = pia_threshold(pop_lo, h_lo, incident > 0);
	*hi = pia_threshold(pop_hi, h_hi, incident != 0);
}

const char *
pia_thr_id(enum pia_thr t)
{
	static const char *const ids[] = { "none", "basic", "focused", "full" };

	return t >= PIA_THR_NONE && t <= PIA_THR_FULL ? ids[t] : "";
}

enum pia_thr
pia_thr_parse(const char *s)
{
	int i;

	for (i = PIA_THR_NONE; i <= PIA_THR_FULL; i++)
		if (s != NULL && strcmp(s, pia_thr_id(i)) == 0)
			return i;
	return PIA_THR_UNKNOWN;
}

/*
 * The options of the しきい値判断結果 lists carry the result they state as
 * their key in model/vocab.xml (key="focused" on both "基礎項目評価及び重点
 * 項目評価の実施が義務付けられる" and its voluntary variant "...(任意に全
 * 項目評価を実施)"): nothing here depends on the order of the options.
 */
const char *
pia_thr_option_text(const struct pia_optlist *l, enum pia_thr t)
{
	int i;

	if (l == NULL || t < PIA_THR_NONE || t > PIA_THR_FULL ||
	    (i = pia_optlist_find_key(l, pia_thr_id(t))) < 0)
		return NULL;
	return pia_optlist_text(l, (size_t)i);
}

enum pia_thr
pia_thr_of_option(const struct pia_optlist *l, int i)
{
	if (l == NULL || i < 0)
		return PIA_THR_UNKNOWN;
	return pia_thr_parse(pia_optlist_key(l, (size_t)i));
}

/* Reads "1,000", "30万", "1万" at *p; returns -1 when no number. */
static double
band_number(const char **p)
{
	const char	*s = *p;
	double		 v = 0;
	int		 digits = 0;

	for (; (*s >= '0' && *s <= '9') || (*s == ',' && digits); s++)
		if (*s != ',') {
			v = v * 10 + (*s - '0');
			digits++;
		}
	if (!digits)
		return -1;
	if (strncmp(s, "万", strlen("万")) == 0) {
		v *= 10000;
		s += strlen("万");
	}
	*p = s;
	return v;
}

int
pia_band_bounds(const char *text, double *lo, double *hi)
{
	char		*n = NULL;
	const char	*p;
	double		 v, last = -1;
	int		 seen = 0, bounded = 0;

	*lo = *hi = NAN;
	if (text == NULL || (n = pia_nfkc(text)) == NULL)
		return -1;
	for (p = n; *p; ) {
		if ((v = band_number(&p)) >= 0) {
			last = v;
			seen++;
			continue;
		}
		if (last >= 0 && strncmp(p, "以上", strlen("以上")) == 0) {
			*lo = last;
			bounded = 1;
			last = -1;
			p += strlen("以上");
		} else if (last >= 0 && strncmp(p, "未満", strlen("未満")) == 0) {
			*hi = last - 1;
			bounded = 1;
			last = -1;
			p += strlen("未満");
		} else if (last >= 0 && strncmp(p, "以下", strlen("以下")) == 0) {
			*hi = last;
			bounded = 1;
			last = -1;
			p += strlen("以下");
		} else
			p++;
	}
	free(n);
	if (!bounded) {
		if (seen == 1 && last >= 0) {
			*lo = *hi = last;
			return 0;
		}
		return -1;
	}
	if (isnan(*lo))
		*lo = 0;
	if (isnan(*hi))
		*hi = INFINITY;
	return 0;
}
