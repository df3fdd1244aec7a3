/*
 * pia_i18n.h - Japanese dates (和暦), Unicode normalisation, word
 * segmentation and script hygiene for pia.  The implementation
 * (model/i18n.c) is the only place in pia that talks to ICU.
 */
#ifndef PIA_I18N_H
#define PIA_I18N_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Result codes of the date functions.
 *
 * - `PIA_DATE_OK`: success.
 * - `PIA_DATE_SYNTAX`: the text is not a date of the expected form.
 * - `PIA_DATE_RANGE`: well formed, but no such day (`2月30日`, `13月`,
 *   `令和0年5月1日`), or outside the supported span (before 明治元年 =
 *   1868-09-08 in ICU's calendar, or after 9999-12-31).
 * - `PIA_DATE_ERA_MISMATCH`: a real day, but not inside the era named
 *   (`平成31年5月1日` is 令和元年5月1日).
 * - `PIA_DATE_NO_ERA`: a Japanese-style date with no era name (`5年2月20日`).
 * - `PIA_DATE_ICU`: ICU failed (out of memory, missing data).
 */
enum pia_date_err {
	PIA_DATE_OK = 0,
	PIA_DATE_SYNTAX,
	PIA_DATE_RANGE,
	PIA_DATE_ERA_MISMATCH,
	PIA_DATE_NO_ERA,
	PIA_DATE_ICU
};

/**
 * Format an ISO 8601 date as 和暦 with ICU's Japanese calendar.
 *
 * `iso` is `"YYYY-MM-DD"` or a year-month `"YYYY-MM"` (years 0001-9999,
 * exactly that form, real calendar days only).  The result uses the era
 * name, half-width digits without zero padding, and `元年` for year 1
 * (ICU's `y=jpanyear` numbering override):
 *
 * - `"2023-02-20"` -> `"令和5年2月20日"`
 * - `"2019-05-01"` -> `"令和元年5月1日"`, `"2019-04-30"` -> `"平成31年4月30日"`
 * - `"1989-01-08"` -> `"平成元年1月8日"`, `"1989-01-07"` -> `"昭和64年1月7日"`
 * - `"2023-02"` -> `"令和5年2月"`
 *
 * A year-month is named after its first day (`"2019-05"` -> `"令和元年5月"`,
 * `"1989-01"` -> `"昭和64年1月"`).  Dates before 明治元年 (1868-09-08 in
 * ICU) are refused with `PIA_DATE_RANGE`.
 *
 * Returns a malloc'd UTF-8 string the caller frees, with `*err` set to
 * `PIA_DATE_OK`; or NULL with `*err` set to `PIA_DATE_SYNTAX` (not a
 * valid ISO date, e.g. `2023-02-30`, or NULL `iso`), `PIA_DATE_RANGE` or
 * `PIA_DATE_ICU`.  `err` may be NULL.  Thread-safe.
 */
char *pia_wareki_format(const char *iso, enum pia_date_err *err);

/**
 * Parse a 和暦 date and write it as ISO 8601 into `iso`.
 *
 * Accepted: `<era><year>年<month>月<day>日` and the year-month
 * `<era><year>年<month>月`, where era is one of 明治 大正 昭和 平成 令和,
 * year is decimal digits or `元` (`1年` is accepted as `元年`), and month
 * and day are 1-2 digits.  The text is NFKC-normalised first, so
 * full-width digits (`令和５年２月２０日`) and the square era signs
 * (`㍻`, `㋿`) are accepted; whitespace (ASCII, U+3000) may surround
 * each part but not split an era name or a number.
 *
 * On success writes `"YYYY-MM-DD"` (or `"YYYY-MM"` for a year-month),
 * NUL-terminated, into `iso` and returns `PIA_DATE_OK`.  Otherwise
 * `iso` holds the empty string and the result is:
 *
 * - `PIA_DATE_NO_ERA` for a date without era (`"5年2月20日"`);
 * - `PIA_DATE_RANGE` for year 0, month outside 1-12, a day the month
 *   does not have (`"令和5年2月30日"`), or a year past 9999;
 * - `PIA_DATE_ERA_MISMATCH` when the day is outside the era
 *   (`"平成31年5月1日"`, `"令和元年4月30日"`); checked by formatting the
 *   result back with pia_wareki_format() and comparing.  A year-month
 *   passes when any day of that month lies in the era
 *   (`"平成元年1月"` -> `"1989-01"`);
 * - `PIA_DATE_SYNTAX` for anything else (unknown era, kanji numerals,
 *   trailing text, invalid UTF-8, NULL `text`);
 * - `PIA_DATE_ICU` when ICU fails.
 *
 * Thread-safe.
 */
enum pia_date_err pia_wareki_parse(const char *text, char iso[11]);

/**
 * A short description of `e` as a static string: Japanese when `lang`
 * is `"ja"` (or starts with `"ja"`), English otherwise (also for NULL).
 * Unknown codes give a generic "unknown error" text.  Never NULL.
 */
const char *pia_date_strerror(enum pia_date_err e, const char *lang);

/**
 * The name of the i-th era that pia_wareki_parse() reads (明治, 大正,
 * 昭和, 平成, 令和), or NULL past the last: the one era table.
 */
const char *pia_era_name(size_t i);

/**
 * Days from ISO date `a` to ISO date `b` (`b - a`) in proleptic
 * Gregorian civil days: `2022-11-28` to `2022-12-27` is 29 (so a span
 * counted inclusively of both ends is 30 days).  Sets `*ok` to 1, or
 * returns 0 and sets `*ok` to 0 when either is not a valid
 * `YYYY-MM-DD`.  `ok` may be NULL.
 */
long pia_date_days_between(const char *a, const char *b, int *ok);

/**
 * Add `n` (possibly negative) years to the ISO date `iso` and write the
 * result into `out` as `"YYYY-MM-DD"`.  29 February becomes 28
 * February when the target year is not a leap year.  Returns 0, or -1
 * (with `out` the empty string) when `iso` is not a valid date or the
 * result falls outside years 0001-9999.
 */
int pia_date_add_years(const char *iso, int n, char out[11]);

/**
 * Add `n` (possibly negative) days to the ISO date `iso`, writing
 * `"YYYY-MM-DD"` into `out`.  Returns 0, or -1 (with `out` the empty
 * string) on a bad date or a result outside years 0001-9999.
 */
int pia_date_add_days(const char *iso, long n, char out[11]);

/**
 * Is `s` exactly `"YYYY-MM-DD"` (ASCII digits, year 0001-9999) naming a
 * real Gregorian day?  Returns 1 or 0 (0 for NULL).
 */
int pia_date_valid(const char *s);

/**
 * NFKC-normalise the UTF-8 string `utf8` (full-width ASCII to ASCII,
 * half-width katakana to full-width, U+3000 to a space, `㍻` to `平成`).
 * Returns a malloc'd UTF-8 string the caller frees, or NULL on NULL
 * input, invalid UTF-8, input over 2^31 bytes or failure.
 */
char *pia_nfkc(const char *utf8);

/**
 * Are `a` and `b` the same text once both are NFKC-normalised and every
 * White_Space character (ASCII blanks and line ends, U+3000, NBSP...)
 * is removed?  Returns 1 if so, 0 if not or when either is NULL or
 * invalid UTF-8.
 */
int pia_text_equiv(const char *a, const char *b);

/**
 * Segment `utf8` into words with ICU's word BreakIterator for locale
 * "ja" (dictionary-based for Japanese).  Returns the number of segments
 * n and sets `*bounds` to a malloc'd array of n + 1 byte offsets into
 * `utf8`: `(*bounds)[0]` is 0, `(*bounds)[n]` is `strlen(utf8)`, and
 * segment i is `[bounds[i], bounds[i + 1])`.  Spaces and punctuation
 * are segments of their own.  The empty string gives 0 segments and
 * bounds `{0}`.  Returns -1 with `*bounds` NULL on NULL arguments,
 * invalid UTF-8, text over 2^31 - 1 bytes, or ICU failure.  The caller
 * frees `*bounds`.
 */
int pia_word_bounds(const char *utf8, size_t **bounds);

/**
 * Script check for text hygiene.  Returns the first code point of
 * `utf8` that does not belong in Japanese text, storing its byte offset
 * in `*off` (when `off` is not NULL); returns 0 if there is none (also
 * for NULL `utf8`).
 *
 * Foreign are code points whose Unicode script is not Han, Hiragana,
 * Katakana, Latin, Common or Inherited (Thai, Hangul, Cyrillic, Greek,
 * Arabic, Devanagari, Bopomofo, unassigned and private-use code
 * points...), and Han characters outside the Japanese character sets,
 * i.e. simplified-Chinese-only forms such as 统 U+7EDF or 说 U+8BF4.
 * The latter is approximated with ICU: a Han code point is accepted
 * when ICU's "windows-31j" (JIS X 0208 + NEC/IBM kanji) or "EUC-JP"
 * (+ JIS X 0212) converter encodes it, or "EUC-JIS-2004" where the ICU
 * data has it (stock ICU 72 does not), or it is one of the 2010 常用漢字
 * outside JIS X 0208 (𠮟 剝 塡 頰).  So JIS X 0213-only kanji such as
 * 俱 U+4FF1 are reported too (false positives), as are Kangxi radicals
 * (U+2F00...) that look like kanji.
 *
 * Invalid UTF-8 is reported as U+FFFD at the offset of the bad byte.
 * Thread-safe.
 */
unsigned int pia_foreign_char(const char *utf8, size_t *off);

/**
 * Free the ICU objects (date formatters, break iterators, converters)
 * this module caches, then call ICU's u_cleanup(), so that leak checkers
 * see nothing left.  Optional.  The functions above stay usable
 * afterwards (they reopen what they need).  Must not run while another
 * thread is inside this module or any other ICU user.
 *
 * All other functions in this header may be called from several
 * threads at once: the cached ICU objects are lent to one caller at a
 * time from a mutex-protected pool.
 */
void pia_i18n_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif /* PIA_I18N_H */
