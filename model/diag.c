/*
 * diag.c: the list of findings that every stage appends to.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"

struct pia_diags {
	struct pia_diag	*v;
	size_t		 n, cap;
};

struct pia_diags *
pia_diags_new(void)
{
	return calloc(1, sizeof(struct pia_diags));
}

static void
diag_clear(struct pia_diag *d)
{
	free(d->rule);
	free(d->file);
	free(d->xpath);
	free(d->msg_ja);
	free(d->msg_en);
	free(d->source);
}

void
pia_diags_free(struct pia_diags *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		diag_clear(&l->v[i]);
	free(l->v);
	free(l);
}

static char *
dupnull(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

int
pia_diags_add(struct pia_diags *l, enum pia_level level, const char *rule,
    const char *file, long line, const char *xpath, const char *source,
    const char *fmt_ja, const char *fmt_en, ...)
{
	struct pia_diag	*d;
	va_list		 ap;

	if (l == NULL)
		return 0;
	if (l->n == l->cap) {
		size_t		 cap = l->cap ? l->cap * 2 : 16;
		struct pia_diag	*v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	d = &l->v[l->n];
	memset(d, 0, sizeof(*d));
	d->level = level;
	d->rule = dupnull(rule);
	d->file = dupnull(file);
	d->line = line;
	d->xpath = dupnull(xpath);
	d->source = dupnull(source);
	va_start(ap, fmt_en);
	d->msg_ja = pia_vstrf(fmt_ja, ap);
	va_end(ap);
	va_start(ap, fmt_en);
	d->msg_en = pia_vstrf(fmt_en, ap);
	va_end(ap);
	if (d->msg_ja == NULL || d->msg_en == NULL) {
		diag_clear(d);
		return -1;
	}
	l->n++;
	return 0;
}

int
pia_vdiag(struct pia_diags *l, enum pia_msg m, const char *file, long line,
    const char *xpath, va_list ap)
{
	const struct pia_msg_entry	*e = pia_msg_get(m);
	char				*ja, *en;
	va_list				 aq;
	int				 rc;

	if (l == NULL)
		return 0;
	if (e == NULL || e->rule == NULL)
		return -1;
	va_copy(aq, ap);
	ja = pia_msg_vstr("ja", m, aq);
	va_end(aq);
	en = pia_msg_vstr("en", m, ap);
	rc = -1;
	if (ja != NULL && en != NULL)
		rc = pia_diags_add_msg(l, (enum pia_level)e->level, e->rule,
		    file, line, xpath, e->clause, ja, en);
	free(ja);
	free(en);
	return rc;
}

int
pia_diag(struct pia_diags *l, enum pia_msg m, const char *file, long line,
    const char *xpath, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, xpath);
	rc = pia_vdiag(l, m, file, line, xpath, ap);
	va_end(ap);
	return rc;
}

int
pia_diags_add_msg(struct pia_diags *l, enum pia_level level, const char *rule,
    const char *file, long line, const char *xpath, const char *source,
    const char *msg_ja, const char *msg_en)
{
	return pia_diags_add(l, level, rule, file, line, xpath, source,
	    "%s%.0s", "%.0s%s", msg_ja, msg_en);
}

size_t
pia_diags_count(const struct pia_diags *l)
{
	return l == NULL ? 0 : l->n;
}

size_t
pia_diags_count_level(const struct pia_diags *l, enum pia_level level)
{
	size_t	 i, n = 0;

	for (i = 0; l != NULL && i < l->n; i++)
		if (l->v[i].level == level)
			n++;
	return n;
}

const struct pia_diag *
pia_diags_get(const struct pia_diags *l, size_t i)
{
	return l == NULL || i >= l->n ? NULL : &l->v[i];
}

/* Insertion sort: stable, and lists are short and mostly in order. */
void
pia_diags_sort(struct pia_diags *l)
{
	size_t		 i, j;
	struct pia_diag	 t;

	for (i = 1; l != NULL && i < l->n; i++) {
		t = l->v[i];
		for (j = i; j > 0; j--) {
			const struct pia_diag *p = &l->v[j - 1];
			int c = strcmp(p->file ? p->file : "",
			    t.file ? t.file : "");

			if (c < 0 || (c == 0 && p->line <= t.line))
				break;
			l->v[j] = l->v[j - 1];
		}
		l->v[j] = t;
	}
}

int
pia_diags_move(struct pia_diags *dst, struct pia_diags *src)
{
	size_t	 need;

	if (src == NULL || src->n == 0)
		return 0;
	need = dst->n + src->n;
	if (need > dst->cap) {
		struct pia_diag *v = realloc(dst->v, need * sizeof(*v));

		if (v == NULL)
			return -1;
		dst->v = v;
		dst->cap = need;
	}
	memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n = need;
	src->n = 0;
	return 0;
}

const char *
pia_diag_msg(const struct pia_diag *d, const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0 ? d->msg_en : d->msg_ja;
}

const char *
pia_level_name(enum pia_level level)
{
	switch (level) {
	case PIA_ERROR:
		return "error";
	case PIA_WARNING:
		return "warning";
	default:
		return "info";
	}
}
