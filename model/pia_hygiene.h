/*
 * pia_hygiene.h: text hygiene, one implementation with one set of
 * criteria for the importer (model/import/) and the rule functions
 * pia:foreign, pia:latin-word and pia:placeholder (validators/xpfunc.c):
 * characters of another script, English function words standing between
 * Japanese words, template placeholders left in; and (pia:bad-wareki)
 * 和暦 dates that name no real day.
 *
 * Each check returns the first hit in a NUL-terminated UTF-8 text and
 * says where it is; the callers word their findings (the importer from
 * the catalogue, the rules in their .sch files).  The checks but
 * pia_hygiene_wareki() never allocate; all may be called from several
 * threads at once.
 */
#ifndef PIA_HYGIENE_H
#define PIA_HYGIENE_H

#include <stddef.h>

#include "pia_i18n.h"

enum pia_hygiene_kind {
	PIA_HYG_FOREIGN,	/* a character of another script */
	PIA_HYG_ENGLISH,	/* an English function word in Japanese */
	PIA_HYG_INSTRUCTION,	/* "(…を入力)": an instruction of the form */
	PIA_HYG_MARK		/* "○○", "XX", "TODO": a placeholder mark */
};

/** One hit: the offending bytes are s[off, off + len). */
struct pia_hygiene {
	enum pia_hygiene_kind	 kind;
	size_t			 off, len;
	unsigned int		 cp;	/* PIA_HYG_FOREIGN: the code point
					   (U+FFFD for invalid UTF-8) */
};

/**
 * The first character of s that does not belong in Japanese text, by
 * the criteria of pia_foreign_char() (model/pia_i18n.h: scripts other
 * than Han, kana, Latin, Common and Inherited; Han outside the Japanese
 * character sets).  The answer for a code point is computed once per
 * process and cached, so a text costs a table lookup per character.
 * Returns 1 and fills h, or 0.
 */
int	 pia_hygiene_foreign(const char *s, struct pia_hygiene *h);

/**
 * The first English function word ("that", "the", "of", ... : the words
 * that replace a particle in a machine translation or a wrong
 * conversion) written in lower case between two Japanese characters
 * (kana or kanji), with only blanks (space, tab, U+3000, NBSP) between:
 * "情報 that 不正確", "参事that市民税".  Technical terms ("web"),
 * acronyms and names with capitals (ISMS, eLTAX) and words beside
 * punctuation (「the」) are left alone.  Returns 1 and fills h, or 0.
 */
int	 pia_hygiene_english(const char *s, struct pia_hygiene *h);

/**
 * The first template placeholder left in s: an instruction of the form,
 * "を" + 入力, 記入, 記載 or 選択 + "してください" and/or a closing
 * parenthesis, quoted from its opening parenthesis when one stands
 * before it on the same line ("(手続を実施する対象人数を入力)"; not
 * "(パンチ入力)"); else a mark ○○ 〇〇 ●● ×× XX ＸＸ TODO.
 * Returns 1 and fills h, or 0.
 */
int	 pia_hygiene_placeholder(const char *s, struct pia_hygiene *h);

/**
 * The first 和暦 date in s that names no real day of its era ("平成31年
 * 5月1日", "令和5年2月30日"): era (pia_era_name()), year or 元, 年, month,
 * 月 and an optional day, 日; full-width digits and square era signs are
 * read through NFKC.  Returns the date as NFKC text (malloc'd) with the
 * reason in *err, or NULL when there is none (or out of memory).
 */
char	*pia_hygiene_wareki(const char *s, enum pia_date_err *err);

/**
 * What a finding quotes for hit h in s: an instruction as it stands;
 * otherwise the hit with up to six characters of context on each side,
 * tabs and line ends as blanks.  Malloc'd; NULL when out of memory.
 */
char	*pia_hygiene_quote(const char *s, const struct pia_hygiene *h);

/**
 * Decodes the UTF-8 sequence at s into *cp and returns its length in
 * bytes.  avail is the number of bytes readable at s (SIZE_MAX for a
 * NUL-terminated string: the NUL ends any sequence).  An invalid,
 * overlong or truncated sequence, a surrogate or a code point beyond
 * U+10FFFF gives U+FFFD and length 1.  At a NUL it returns 1 with *cp 0.
 * Inline: the scans call it for every character.
 */
static inline size_t
pia_utf8_next(const char *s, size_t avail, unsigned int *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 c;

	if (avail == 0)
		goto bad;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* Three bytes first: kana and kanji.  The lead byte bounds the code
	 * point; overlong forms and surrogates are refused below. */
	if (u[0] >= 0xe0 && u[0] <= 0xef) {
		if (avail < 3 || (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80)
			goto bad;
		c = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			goto bad;
		*cp = c;
		return 3;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		if (avail < 2 || (u[1] & 0xc0) != 0x80)
			goto bad;
		*cp = (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu);
		return 2;
	}
	if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		if (avail < 4 || (u[1] & 0xc0) != 0x80 ||
		    (u[2] & 0xc0) != 0x80 || (u[3] & 0xc0) != 0x80)
			goto bad;
		c = (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 |
		    (u[2] & 0x3fu) << 6 | (u[3] & 0x3fu);
		if (c < 0x10000 || c > 0x10ffff)
			goto bad;
		*cp = c;
		return 4;
	}
bad:
	*cp = 0xfffd;
	return 1;
}

#endif /* PIA_HYGIENE_H */
