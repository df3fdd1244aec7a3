/*
 * batch.c: the summary of pia review --batch (validators/review_batch.c)
 * as JSON and as a standalone HTML page: per document its form, body,
 * 公表日 and findings by rule; per rule the number of documents breaking
 * it; the documents due for re-assessment within a year.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"
#include "pia_review.h"

struct rule_count {
	const char	*rule;
	size_t		 docs, errors;
};

static void
addf(struct pia_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
addf(struct pia_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	pia_buf_add(b, s);
	free(s);
}

static void
addm(struct pia_buf *b, const char *lang, enum pia_msg m, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, m);
	s = pia_msg_vstr(lang, m, ap);
	va_end(ap);
	if (s == NULL) {
		b->oom = 1;
		return;
	}
	pia_buf_add(b, s);
	free(s);
}

static void
esc(struct pia_buf *b, const char *s, int json)
{
	for (; s && *s; s++) {
		if (json && (*s == '"' || *s == '\\'))
			addf(b, "\\%c", *s);
		else if (json && (unsigned char)*s < 0x20)
			addf(b, "\\u%04x", (unsigned char)*s);
		else if (!json && *s == '<')
			pia_buf_add(b, "&lt;");
		else if (!json && *s == '>')
			pia_buf_add(b, "&gt;");
		else if (!json && *s == '&')
			pia_buf_add(b, "&amp;");
		else if (!json && *s == '"')
			pia_buf_add(b, "&quot;");
		else
			pia_buf_addn(b, s, 1);
	}
}

static void
jstr(struct pia_buf *b, const char *s)
{
	if (s == NULL) {
		pia_buf_add(b, "null");
		return;
	}
	pia_buf_add(b, "\"");
	esc(b, s, 1);
	pia_buf_add(b, "\"");
}

static int
cmp_rule(const void *a, const void *b)
{
	const struct rule_count *x = a, *y = b;

	if (x->docs != y->docs)
		return x->docs < y->docs ? 1 : -1;
	return strcmp(x->rule, y->rule);
}

/* The rules of the errors and warnings of docs[lo..hi) with the number of
 * documents breaking each (and, with hi - lo == 1, of findings),
 * sorted by documents then id; malloc'd, *n set. */
static struct rule_count *
count_rules(const struct pia_batch *b, size_t lo, size_t hi, size_t *n)
{
	struct rule_count	*v = NULL;
	const struct pia_diag	*g;
	size_t			 cap = 0, i, k, r;

	*n = 0;
	for (i = lo; i < hi; i++) {
		for (k = 0; k < pia_diags_count(b->docs[i].d); k++) {
			g = pia_diags_get(b->docs[i].d, k);
			if (g->level == PIA_INFO || g->rule == NULL)
				continue;
			for (r = 0; r < *n; r++)
				if (strcmp(v[r].rule, g->rule) == 0)
					break;
			if (r == *n) {
				struct rule_count *nv = pia_grow(v, &cap, *n,
				    sizeof(*v));

				if (nv == NULL) {
					free(v);
					return NULL;
				}
				v = nv;
				v[r].rule = g->rule;
				v[r].docs = 0;
				v[r].errors = 0;
				(*n)++;
			}
			v[r].errors++;
		}
		for (r = 0; r < *n; r++) {
			for (k = 0; k < pia_diags_count(b->docs[i].d); k++) {
				g = pia_diags_get(b->docs[i].d, k);
				if (g->level != PIA_INFO && g->rule &&
				    strcmp(g->rule, v[r].rule) == 0) {
					v[r].docs++;
					break;
				}
			}
		}
	}
	if (*n > 0)
		qsort(v, *n, sizeof(*v), cmp_rule);
	if (v == NULL)
		v = calloc(1, sizeof(*v));
	return v;
}

/* The due date falls before today plus a year. */
static int
due_soon(const struct pia_batch *b, const struct pia_batch_doc *d)
{
	char	lim[32];
	int	y;

	if (*d->due == '\0' || sscanf(b->today, "%4d", &y) != 1)
		return 0;
	snprintf(lim, sizeof(lim), "%04d%.6s", y + 1, b->today + 4);
	return strcmp(d->due, lim) <= 0;
}

static const char *
form(const struct pia_batch_doc *d)
{
	return d->kind == PIA_KIND_NONE ? NULL : pia_kind_id(d->kind);
}

int
pia_batch_print_json(const struct pia_batch *b, const char *lang,
    char **buf, size_t *len)
{
	struct pia_buf		 o = { NULL, 0, 0, 0 };
	struct rule_count	*rc;
	size_t			 i, k, n, first = 1;

	(void)lang;
	addf(&o, "{\"today\":\"%s\",\"documents\":[", b->today);
	for (i = 0; i < b->n; i++) {
		const struct pia_batch_doc *d = &b->docs[i];

		pia_buf_add(&o, i ? ",\n{\"file\":" : "\n{\"file\":");
		jstr(&o, d->file);
		pia_buf_add(&o, ",\"form\":");
		jstr(&o, form(d));
		pia_buf_add(&o, ",\"body\":");
		jstr(&o, d->body);
		pia_buf_add(&o, ",\"published\":");
		jstr(&o, d->published);
		pia_buf_add(&o, ",\"reassessment_due\":");
		jstr(&o, *d->due ? d->due : NULL);
		addf(&o, ",\"errors\":%zu,\"warnings\":%zu,\"rules\":{",
		    d->errors, d->warnings);
		if ((rc = count_rules(b, i, i + 1, &n)) == NULL)
			o.oom = 1;
		for (k = 0; rc && k < n; k++) {
			addf(&o, "%s", k ? "," : "");
			jstr(&o, rc[k].rule);
			addf(&o, ":%zu", rc[k].errors);
		}
		free(rc);
		pia_buf_add(&o, "}}");
	}
	pia_buf_add(&o, "],\n\"rules\":{");
	if ((rc = count_rules(b, 0, b->n, &n)) == NULL)
		o.oom = 1;
	for (k = 0; rc && k < n; k++) {
		addf(&o, "%s", k ? "," : "");
		jstr(&o, rc[k].rule);
		addf(&o, ":%zu", rc[k].docs);
	}
	free(rc);
	pia_buf_add(&o, "},\n\"reassessment_due\":[");
	for (i = 0; i < b->n; i++) {
		if (!due_soon(b, &b->docs[i]))
			continue;
		pia_buf_add(&o, first ? "{\"file\":" : ",{\"file\":");
		first = 0;
		jstr(&o, b->docs[i].file);
		addf(&o, ",\"due\":\"%s\"}", b->docs[i].due);
	}
	pia_buf_add(&o, "]}\n");
	if (o.oom || (*buf = pia_buf_take(&o)) == NULL) {
		free(o.s);
		return -1;
	}
	*len = strlen(*buf);
	return 0;
}

static void
th(struct pia_buf *o, const char *lang, enum pia_msg m)
{
	pia_buf_add(o, "<th>");
	addm(o, lang, m);
	pia_buf_add(o, "</th>");
}

static void
td(struct pia_buf *o, const char *s)
{
	pia_buf_add(o, "<td>");
	esc(o, s ? s : "-", 0);
	pia_buf_add(o, "</td>");
}

int
pia_batch_print_html(const struct pia_batch *b, const char *lang,
    char **buf, size_t *len)
{
	struct pia_buf		 o = { NULL, 0, 0, 0 };
	struct rule_count	*rc;
	size_t			 i, k, n, nerr = 0, nwarn = 0;

	for (i = 0; i < b->n; i++) {
		nerr += b->docs[i].errors > 0;
		nwarn += b->docs[i].errors == 0 && b->docs[i].warnings > 0;
	}
	addf(&o, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset="
	    "\"utf-8\"><title>", lang);
	addm(&o, lang, PIA_M_BATCH_TITLE);
	pia_buf_add(&o, "</title><style>body{font-family:sans-serif;margin:"
	    "2em}table{border-collapse:collapse;margin:1em 0}td,th{border:"
	    "1px solid #999;padding:.2em .5em;text-align:left;vertical-align:"
	    "top}th{background:#eee}.err{color:#b00}.num{text-align:right}"
	    "</style></head><body>\n<h1>");
	addm(&o, lang, PIA_M_BATCH_TITLE);
	pia_buf_add(&o, "</h1>\n<p>");
	addm(&o, lang, PIA_M_BATCH_COUNTS, b->n, nerr, nwarn, b->today);
	pia_buf_add(&o, "</p>\n<h2>");
	addm(&o, lang, PIA_M_BATCH_RULES);
	pia_buf_add(&o, "</h2>\n<table><tr>");
	th(&o, lang, PIA_M_BATCH_COL_RULES);
	th(&o, lang, PIA_M_BATCH_COL_DOCS);
	pia_buf_add(&o, "</tr>\n");
	if ((rc = count_rules(b, 0, b->n, &n)) == NULL)
		o.oom = 1;
	for (k = 0; rc && k < n; k++) {
		pia_buf_add(&o, "<tr>");
		td(&o, rc[k].rule);
		addf(&o, "<td class=\"num\">%zu</td></tr>\n", rc[k].docs);
	}
	free(rc);
	pia_buf_add(&o, "</table>\n<h2>");
	addm(&o, lang, PIA_M_BATCH_DUE);
	pia_buf_add(&o, "</h2>\n<table><tr>");
	th(&o, lang, PIA_M_BATCH_COL_FILE);
	th(&o, lang, PIA_M_BATCH_COL_DUE);
	pia_buf_add(&o, "</tr>\n");
	for (i = 0; i < b->n; i++) {
		if (!due_soon(b, &b->docs[i]))
			continue;
		pia_buf_add(&o, "<tr>");
		td(&o, b->docs[i].file);
		td(&o, b->docs[i].due);
		pia_buf_add(&o, "</tr>\n");
	}
	pia_buf_add(&o, "</table>\n<h2>");
	addm(&o, lang, PIA_M_BATCH_DOCS);
	pia_buf_add(&o, "</h2>\n<table><tr>");
	th(&o, lang, PIA_M_BATCH_COL_FILE);
	th(&o, lang, PIA_M_BATCH_COL_FORM);
	th(&o, lang, PIA_M_BATCH_COL_BODY);
	th(&o, lang, PIA_M_BATCH_COL_PUBLISHED);
	th(&o, lang, PIA_M_BATCH_COL_ERRORS);
	th(&o, lang, PIA_M_BATCH_COL_WARNINGS);
	th(&o, lang, PIA_M_BATCH_COL_RULES);
	pia_buf_add(&o, "</tr>\n");
	for (i = 0; i < b->n; i++) {
		const struct pia_batch_doc *d = &b->docs[i];

		pia_buf_add(&o, "<tr>");
		td(&o, d->file);
		td(&o, form(d));
		td(&o, d->body);
		td(&o, d->published);
		addf(&o, "<td class=\"num%s\">%zu</td><td class=\"num\">%zu"
		    "</td><td>", d->errors ? " err" : "", d->errors,
		    d->warnings);
		if ((rc = count_rules(b, i, i + 1, &n)) == NULL)
			o.oom = 1;
		for (k = 0; rc && k < n; k++) {
			esc(&o, rc[k].rule, 0);
			addf(&o, " (%zu)%s", rc[k].errors, k + 1 < n ? ", " :
			    "");
		}
		free(rc);
		pia_buf_add(&o, "</td></tr>\n");
	}
	pia_buf_add(&o, "</table>\n</body></html>\n");
	if (o.oom || (*buf = pia_buf_take(&o)) == NULL) {
		free(o.s);
		return -1;
	}
	*len = strlen(*buf);
	return 0;
}
