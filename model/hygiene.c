/*
 * hygiene.c: text hygiene (pia_hygiene.h), shared by the importer and the
 * rule functions: foreign script, English function words between
 * Japanese words, template placeholders, 和暦 dates of no real day; and
 * the one UTF-8 decoder of model/ outside ICU.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_hygiene.h"

/* Characters of context on each side of a hit, in quotes. */
#define CONTEXT	6

static int
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* ------------------------------------------------------------------ */
/* Foreign script                                                       */
/* ------------------------------------------------------------------ */

/*
 * pia_foreign_char() asks ICU's converters about each kanji; its answer
 * depends on the code point alone, so for the BMP it is cached here
 * (0 unknown, 1 Japanese, 2 foreign).  Relaxed atomics: threads (pia
 * validate -j) may race to store the same value.
 */
static unsigned char fcache[65536];

static int
is_foreign(const char *s, size_t n, unsigned int cp)
{
	unsigned char	 c;
	char		 one[5];

	/* CJK punctuation and kana but three unassigned code points. */
	if (cp >= 0x3000 && cp <= 0x30ff && cp != 0x3040 && cp != 0x3097 &&
	    cp != 0x3098)
		return 0;
	if (cp <= 0xffff &&
	    (c = __atomic_load_n(&fcache[cp], __ATOMIC_RELAXED)) != 0)
		return c == 2;
	memcpy(one, s, n);
	one[n] = '\0';
	c = pia_foreign_char(one, NULL) ? 2 : 1;
	if (cp <= 0xffff)
		__atomic_store_n(&fcache[cp], c, __ATOMIC_RELAXED);
	return c == 2;
}

int
pia_hygiene_foreign(const char *s, struct pia_hygiene *h)
{
	size_t		 i, n;
	unsigned int	 cp;

	for (i = 0; s != NULL && s[i] != '\0'; i += n) {
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			continue;
		}
		n = pia_utf8_next(s + i, SIZE_MAX, &cp);
		/* Invalid UTF-8 is U+FFFD at the bad byte, as ICU says. */
		if ((cp == 0xfffd && n == 1) || is_foreign(s + i, n, cp)) {
			h->kind = PIA_HYG_FOREIGN;
			h->off = i;
			h->len = n;
			h->cp = cp;
			return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* English words                                                        */
/* ------------------------------------------------------------------ */

/* English function words: one of these between Japanese words is a
 * stray (machine translation, a wrong conversion), unlike a technical
 * term ("web"). */
static const char *const function_words[] = {
	"that", "the", "and", "of", "to", "is", "are", "in", "for", "with",
	"which", "this", "be", "by", "on", "as", "from", "or", "not", "it",
	"an", "at", "was", "were", "will", "can", "has", "have", "its",
	"their", "there", "these", "those", "who", "whom", "what", "when",
	"where", "than", "then", "into", "been", "being", "but", "if", "so",
	"such", NULL
};

static int
is_function_word(const char *w, size_t n)
{
	size_t	 i;

	for (i = 0; function_words[i] != NULL; i++)
		if (strlen(function_words[i]) == n &&
		    memcmp(function_words[i], w, n) == 0)
			return 1;
	return 0;
}

/* Kana or kanji (iteration marks, kana, CJK ideographs, half-width
 * katakana). */
static int
is_japanese(unsigned int cp)
{
	return (cp >= 0x3005 && cp <= 0x3007) ||
	    (cp >= 0x3041 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) ||
	    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff66 && cp <= 0xff9f) ||
	    (cp >= 0x20000 && cp <= 0x3ffff);
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(char c)
{
	return is_letter(c) || (c >= '0' && c <= '9');
}

/* Length of the blank (space, tab, U+3000, NBSP) at s, or 0. */
static size_t
blank_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (starts(s, "\xe3\x80\x80"))
		return 3;
	if (starts(s, "\xc2\xa0"))
		return 2;
	return 0;
}

/* Whether the character before s[i], blanks skipped, is Japanese. */
static int
japanese_before(const char *s, size_t i)
{
	unsigned int	 cp;

	for (;;) {
		if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			i--;
		else if (i >= 3 && memcmp(s + i - 3, "\xe3\x80\x80", 3) == 0)
			i -= 3;
		else if (i >= 2 && memcmp(s + i - 2, "\xc2\xa0", 2) == 0)
			i -= 2;
		else
			break;
	}
	if (i == 0)
		return 0;
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	pia_utf8_next(s + i, SIZE_MAX, &cp);
	return is_japanese(cp);
}

/* Whether the character at s, blanks skipped, is Japanese. */
static int
japanese_at(const char *s)
{
	unsigned int	 cp;
	size_t		 n;

	while ((n = blank_at(s)) > 0)
		s += n;
	pia_utf8_next(s, SIZE_MAX, &cp);
	return is_japanese(cp);
}

int
pia_hygiene_english(const char *s, struct pia_hygiene *h)
{
	size_t	 i, j, k;
	int	 lower;

	for (i = 0; s != NULL && s[i] != '\0'; i = j) {
		j = i + 1;
		if (!(s[i] >= 'a' && s[i] <= 'z')) {
			j = i + strcspn(s + i, "abcdefghijklmnopqrstuvwxyz");
			continue;
		}
		if (i > 0 && is_alnum(s[i - 1]))
			continue;
		for (j = i; is_letter(s[j]); j++)
			continue;
		for (k = i, lower = 1; k < j; k++)
			lower &= s[k] >= 'a' && s[k] <= 'z';
		if (!lower || j - i < 2 || (s[j] >= '0' && s[j] <= '9') ||
		    !is_function_word(s + i, j - i) ||
		    !japanese_before(s, i) || !japanese_at(s + j))
			continue;
		h->kind = PIA_HYG_ENGLISH;
		h->off = i;
		h->len = j - i;
		h->cp = 0;
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Placeholders                                                         */
/* ------------------------------------------------------------------ */

/* "(…を入力)", "…を選択してください": an instruction of the form. */
static int
instruction(const char *s, struct pia_hygiene *h)
{
	static const char *const verbs[] = { "入力", "記入", "記載", "選択",
	    NULL };
	const char	*p, *q, *b, *o, *const *v;
	int		 end;

	for (p = s; (p = strstr(p, "を")) != NULL; p += strlen("を")) {
		q = p + strlen("を");
		for (v = verbs; *v != NULL && !starts(q, *v); v++)
			continue;
		if (*v == NULL)
			continue;
		q += strlen(*v);
		end = 0;
		if (starts(q, "してください")) {
			q += strlen("してください");
			end = 1;
		}
		if (*q == ')' || starts(q, "）")) {
			q += *q == ')' ? 1 : strlen("）");
			end = 1;
		}
		if (!end)
			continue;
		/* Back to the opening parenthesis, if any on that line. */
		for (b = p, o = p; o > s && o[-1] != '\n'; o--)
			if (o[-1] == '(' ||
			    (o - s >= 3 && starts(o - 3, "（"))) {
				b = o[-1] == '(' ? o - 1 : o - 3;
				break;
			}
		h->kind = PIA_HYG_INSTRUCTION;
		h->off = (size_t)(b - s);
		h->len = (size_t)(q - b);
		h->cp = 0;
		return 1;
	}
	return 0;
}

/* The bytes a placeholder mark can start with. */
static const unsigned char mark_start[256] = {
	['X'] = 1, ['T'] = 1, [0xc3] = 1, [0xe2] = 1, [0xe3] = 1, [0xef] = 1
};

int
pia_hygiene_placeholder(const char *s, struct pia_hygiene *h)
{
	static const char *const marks[] = { "○○", "〇〇", "●●", "××", "XX",
	    "ＸＸ", "TODO", NULL };
	const char *const *m;
	size_t		 i;

	if (s == NULL)
		return 0;
	if (instruction(s, h))
		return 1;
	/* One pass, comparing only where a mark can start: X, T, the
	 * first bytes of ○ ● (e2 97), 〇 (e3 80 87), × (c3 97), Ｘ (ef bc). */
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!mark_start[ch] ||
		    (ch == 0xe2 && (unsigned char)s[i + 1] != 0x97) ||
		    (ch == 0xe3 && ((unsigned char)s[i + 1] != 0x80 ||
		    (unsigned char)s[i + 2] != 0x87)) ||
		    (ch == 0xc3 && (unsigned char)s[i + 1] != 0x97) ||
		    (ch == 0xef && (unsigned char)s[i + 1] != 0xbc))
			continue;
		for (m = marks; *m != NULL; m++)
			if (starts(s + i, *m)) {
				h->kind = PIA_HYG_MARK;
				h->off = i;
				h->len = strlen(*m);
				h->cp = 0;
				return 1;
			}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* 和暦 dates                                                           */
/* ------------------------------------------------------------------ */

/* The first era name in s (*len its length), or NULL. */
static const char *
first_era(const char *s, size_t *len)
{
	const char	*best = NULL, *p, *name;
	size_t		 i;

	for (i = 0; (name = pia_era_name(i)) != NULL; i++)
		if ((p = strstr(s, name)) != NULL &&
		    (best == NULL || p < best)) {
			best = p;
			*len = strlen(name);
		}
	return best;
}

static const char *
digits(const char *s)
{
	while (*s >= '0' && *s <= '9')
		s++;
	return s;
}

/* The end of a date "平成31年5月" or "平成31年5月1日" after the era name
 * at q (NFKC text), or NULL. */
static const char *
date_end(const char *q)
{
	const char	*d;

	if (starts(q, "元"))
		q += strlen("元");
	else if (*q >= '0' && *q <= '9')
		q = digits(q);
	else
		return NULL;
	if (!starts(q, "年") || !(q[strlen("年")] >= '0' &&
	    q[strlen("年")] <= '9'))
		return NULL;
	q = digits(q + strlen("年"));
	if (!starts(q, "月"))
		return NULL;
	q += strlen("月");
	if (*q >= '0' && *q <= '9' && starts(d = digits(q), "日"))
		q = d + strlen("日");
	return q;
}

char *
pia_hygiene_wareki(const char *s, enum pia_date_err *err)
{
	char		*n, *r = NULL, date[64], iso[11];
	const char	*p, *q;
	size_t		 len;

	/* Most text has no 和暦 date: normalise only when an era name (or a
	 * square era sign, U+32FF, U+337B-337E) occurs. */
	if (s == NULL || strstr(s, "年") == NULL || (first_era(s, &len) ==
	    NULL && strstr(s, "\xe3\x8b\xbf") == NULL &&
	    strstr(s, "\xe3\x8d\xbb") == NULL &&
	    strstr(s, "\xe3\x8d\xbc") == NULL &&
	    strstr(s, "\xe3\x8d\xbd") == NULL &&
	    strstr(s, "\xe3\x8d\xbe") == NULL))
		return NULL;
	if ((n = pia_nfkc(s)) == NULL)
		return NULL;
	for (p = n; (p = first_era(p, &len)) != NULL; p += len) {
		if ((q = date_end(p + len)) == NULL ||
		    (size_t)(q - p) >= sizeof(date))
			continue;
		memcpy(date, p, (size_t)(q - p));
		date[q - p] = '\0';
		if ((*err = pia_wareki_parse(date, iso)) != PIA_DATE_OK &&
		    *err != PIA_DATE_ICU) {
			r = strdup(date);
			break;
		}
	}
	free(n);
	return r;
}

/* ------------------------------------------------------------------ */
/* Quotes                                                               */
/* ------------------------------------------------------------------ */

char *
pia_hygiene_quote(const char *s, const struct pia_hygiene *h)
{
	size_t		 lo = h->off, hi = h->off + h->len, i;
	unsigned int	 cp;
	int		 k;
	char		*r;

	if (h->kind != PIA_HYG_INSTRUCTION) {
		for (k = 0; k < CONTEXT && lo > 0; k++) {
			lo--;
			while (lo > 0 && ((unsigned char)s[lo] & 0xc0) == 0x80)
				lo--;
		}
		for (k = 0; k < CONTEXT && s[hi] != '\0'; k++)
			hi += pia_utf8_next(s + hi, SIZE_MAX, &cp);
	}
	if ((r = malloc(hi - lo + 1)) == NULL)
		return NULL;
	for (i = lo; i < hi; i++)
		r[i - lo] = s[i] == '\n' || s[i] == '\t' ? ' ' : s[i];
	r[hi - lo] = '\0';
	return r;
}
