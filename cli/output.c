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

void
json_str(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *u; u++) {
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
			else
				fputc(*u, f);
		}
	}
	fputc('"', f);
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
