/*
 * catalogue.c: the table of findings and texts built from catalogue.def,
 * and the functions that format them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"

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
	return pia_vstrf(pia_msg_fmt(m, lang), ap);
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

/*
 * Conversions of a format: flags, width, precision, length, then the
 * conversion letter; *zero is set for a precision of 0 (".0").
 */
static const char *
skip_conv(const char *f, int *zero)
{
	*zero = 0;
	f += strspn(f, "0123456789$-+ #'*");
	if (*f == '.') {
		f++;
		*zero = f[0] == '0' && (f[1] < '0' || f[1] > '9');
		f += strspn(f, "0123456789*");
	}
	f += strspn(f, "hlLqjzt");
	return f;
}

char *
pia_msg_readable(enum pia_msg m, const char *lang)
{
	const char	*f = pia_msg_fmt(m, lang), *e;
	char		*s = NULL;
	size_t		 len = 0;
	FILE		*fp;
	int		 zero;

	if ((fp = open_memstream(&s, &len)) == NULL)
		return NULL;
	while ((e = strchr(f, '%')) != NULL) {
		if (fwrite(f, 1, (size_t)(e - f), fp) != (size_t)(e - f))
			break;
		if (e[1] == '%') {
			fputc('%', fp);
			f = e + 2;
			continue;
		}
		e = skip_conv(e + 1, &zero);
		if (*e == '\0') {
			f = e;
			break;
		}
		if (strchr("diouxXeEfFgGaA", *e) != NULL)
			fputs(pia_msg_fmt(PIA_M_MSG_ARG_NUMBER, lang), fp);
		else if (!zero)
			fputs(pia_msg_fmt(PIA_M_MSG_ARG_TEXT, lang), fp);
		f = e + 1;
	}
	fputs(f, fp);
	if (ferror(fp)) {
		fclose(fp);
		free(s);
		return NULL;
	}
	if (fclose(fp) != 0) {
		free(s);
		return NULL;
	}
	return s;
}
