/*
 * catalogue.c: the table of findings and texts built from catalogue.def,
 * and the functions that format them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"

#define INFO	PIA_INFO
#define WARNING	PIA_WARNING
#define ERROR	PIA_ERROR

static const struct pia_msg_entry catalogue[PIA_M__MAX] = {
#define F(name, rule, level, clause, ja, en) \
	[PIA_M_##name] = { #name, rule, level, clause, ja, en },
#define T(name, ja, en) \
	[PIA_M_##name] = { #name, NULL, -1, NULL, ja, en },
#include "catalogue.def"
#undef F
#undef T
};

const struct pia_msg_entry *
pia_msg_get(enum pia_msg m)
{
	if ((int)m < 0 || m >= PIA_M__MAX)
		return NULL;
	return &catalogue[m];
}

const char *
pia_msg_fmt(enum pia_msg m, const char *lang)
{
	const struct pia_msg_entry *e = pia_msg_get(m);

	if (e == NULL)
		return "";
	return lang != NULL && strcmp(lang, "en") == 0 ? e->en : e->ja;
}

char *
pia_msg_vstr(const char *lang, enum pia_msg m, va_list ap)
{
	const char	*fmt = pia_msg_fmt(m, lang);
	va_list		 aq;
	char		*s;
	int		 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
pia_msg_str(const char *lang, enum pia_msg m, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, m);
	s = pia_msg_vstr(lang, m, ap);
	va_end(ap);
	return s;
}

int
pia_msg_vprint(FILE *fp, const char *lang, enum pia_msg m, va_list ap)
{
	return vfprintf(fp, pia_msg_fmt(m, lang), ap);
}

int
pia_msg_print(FILE *fp, const char *lang, enum pia_msg m, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, m);
	n = pia_msg_vprint(fp, lang, m, ap);
	va_end(ap);
	return n;
}
