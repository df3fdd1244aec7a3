/*
 * output.c: how findings look on a terminal and in JSON, and the options
 * that every subcommand shares (--lang).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>

#include "extern.h"

int
set_lang(const char *s)
{
	if (s != NULL && strcmp(s, "ja") == 0)
		lang = "ja";
	else if (s != NULL && strcmp(s, "en") == 0)
		lang = "en";
	else
		return -1;
	return 0;
}

/* "pia CMD: " + the message in fmt + the synopsis of c. */
static int
usage_vprint(const struct cmd *c, const char *fmt, va_list ap)
{
	fprintf(stderr, "pia%s%s: ", c ? " " : "", c ? c->name : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	pia_msg_print(stderr, lang, PIA_M_CLI_USAGE,
	    c ? c->usage : CLI_SYNOPSIS);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int
usage_error_msg(const struct cmd *c, enum pia_msg m, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, m);
	rc = usage_vprint(c, pia_msg_fmt(m, lang), ap);
	va_end(ap);
	return rc;
}

/* The former form, until every subcommand reports from the catalogue. */
int
usage_error_fmt(const struct cmd *c, const char *fmt_ja, const char *fmt_en,
    ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt_en);
	rc = usage_vprint(c, L(fmt_ja, fmt_en), ap);
	va_end(ap);
	return rc;
}

int
lang_error(const struct cmd *c)
{
	return usage_error(c, PIA_M_CLI_BAD_LANG);
}

int
opt_lang(const struct cmd *self, const char *arg)
{
	return set_lang(arg) == 0 ? 0 : lang_error(self);
}

int
env_lang(void)
{
	const char *env = getenv("PIA_LANG");

	if (env == NULL || *env == '\0' || set_lang(env) == 0)
		return 0;
	return usage_error(NULL, PIA_M_CLI_BAD_ENV_LANG, env);
}

int
out_flush(int rc)
{
	struct pia_diags	*d;
	int			 e;

	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	e = errno;
	if ((d = pia_diags_new()) != NULL) {
		pia_diag(d, PIA_M_IO_WRITE, "<stdout>", 0, NULL, strerror(e),
		    strerror(e));
		print_system_errors(d);
		pia_diags_free(d);
	}
	return EXIT_SYSTEM;
}

static int
use_colour(FILE *f)
{
	const char *nc = getenv("NO_COLOR");

	return (nc == NULL || *nc == '\0') && isatty(fileno(f));
}

void
print_findings_text(FILE *f, const struct pia_diags *d)
{
	size_t			 i;
	const struct pia_diag	*g;
	int			 col = use_colour(f);
	const char		*c;

	for (i = 0; i < pia_diags_count(d); i++) {
		g = pia_diags_get(d, i);
		c = g->level == PIA_ERROR ? "\033[1;31m" :
		    g->level == PIA_WARNING ? "\033[1;35m" : "\033[1;36m";
		if (g->line > 0)
			fprintf(f, "%s:%ld: ", g->file ? g->file : "pia",
			    g->line);
		else
			fprintf(f, "%s: ", g->file ? g->file : "pia");
		fprintf(f, "%s%s%s: ", col ? c : "", pia_level_name(g->level),
		    col ? "\033[0m" : "");
		if (g->rule != NULL)
			fprintf(f, "[%s] ", g->rule);
		fprintf(f, "%s", pia_diag_msg(g, lang));
		if (g->source != NULL)
			fprintf(f, " (%s)", g->source);
		fputc('\n', f);
	}
}

void
print_system_errors(const struct pia_diags *d)
{
	print_findings_text(stderr, d);
}

/*
 * Length of the well-formed UTF-8 sequence at u (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 when u does not start
 * one.  File names are bytes; the JSON, XML and annotation writers pass
 * a byte that starts no sequence as U+FFFD, so that their output stays
 * well-formed whatever the name.
 */
size_t
utf8_len(const unsigned char *u)
{
	size_t	 n, i;
	unsigned lo = 0x80, hi = 0xBF;

	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)
			hi = 0x9F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if (u[i] < lo || u[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return n;
}

/* A JSON string literal, or null.  Invalid UTF-8 becomes U+FFFD. */
void
json_str(FILE *f, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (*u) {
		switch (*u) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*u < 0x20)
				fprintf(f, "\\u%04x", *u);
			else if ((n = utf8_len(u)) == 0)
				fputs("\\ufffd", f);
			else {
				while (n-- > 0)
					fputc(*u++, f);
				continue;
			}
		}
		u++;
	}
	fputc('"', f);
}

void
xml_str(FILE *f, const char *s)
{
	const unsigned char	*u = (const unsigned char *)(s ? s : "");
	size_t			 n;

	while (*u) {
		switch (*u) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		case '\n':
			fputs("&#10;", f);
			break;
		case '\r':
			fputs("&#13;", f);
			break;
		case '\t':
			fputs("&#9;", f);
			break;
		default:
			if (*u < 0x20)
				break;	/* not an XML 1.0 character */
			if ((n = utf8_len(u)) == 0 ||
			    (n == 3 && u[0] == 0xEF && u[1] == 0xBF &&
			    u[2] >= 0xBE)) {
				fputs("\xEF\xBF\xBD", f);
				break;
			}
			while (n-- > 0)
				fputc(*u++, f);
			continue;
		}
		u++;
	}
}

void
json_finding(FILE *f, const struct pia_diag *g)
{
	fputs("{\"level\":", f);
	json_str(f, pia_level_name(g->level));
	fputs(",\"rule\":", f);
	json_str(f, g->rule);
	fputs(",\"file\":", f);
	json_str(f, g->file);
	fprintf(f, ",\"line\":%ld,\"xpath\":", g->line);
	json_str(f, g->xpath);
	fputs(",\"message\":", f);
	json_str(f, pia_diag_msg(g, lang));
	fputs(",\"message_ja\":", f);
	json_str(f, g->msg_ja);
	fputs(",\"message_en\":", f);
	json_str(f, g->msg_en);
	fputs(",\"source\":", f);
	json_str(f, g->source);
	fputc('}', f);
}
