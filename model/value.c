/*
 * value.c: the printed value of a field (pia_value.h): what the official
 * form shows in the field's cell, built from the vocabulary (option texts,
 * labels) and the ICU date helpers.  The diff compares and prints these.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"
#include "pia_value.h"

void
pia_buf_addn(struct pia_buf *b, const char *s, size_t len)
{
	char	*ns;
	size_t	 need;

	if (b->oom)
		return;
	need = b->n + len + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < need)
			cap *= 2;
		if ((ns = realloc(b->s, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

void
pia_buf_add(struct pia_buf *b, const char *s)
{
	if (s != NULL)
		pia_buf_addn(b, s, strlen(s));
}

char *
pia_buf_take(struct pia_buf *b)
{
	char	*s;

	if (b->oom) {
		free(b->s);
		s = NULL;
	} else
		s = b->s != NULL ? b->s : strdup("");
	b->s = NULL;
	b->n = b->cap = 0;
	return s;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Appends text with layout whitespace removed: leading and trailing
 * whitespace that holds a line end goes (it is indentation of the XML),
 * inner runs holding a line end become one space.
 */
static void
add_text(struct pia_buf *b, const char *s)
{
	const char	*p, *q;
	int		 nl;

	for (p = s; *p != '\0'; p = q) {
		if (!is_ws(*p)) {
			for (q = p; *q != '\0' && !is_ws(*q); q++)
				continue;
			pia_buf_addn(b, p, (size_t)(q - p));
			continue;
		}
		for (q = p, nl = 0; is_ws(*q); q++)
			nl |= *q == '\n' || *q == '\r';
		if (!nl)
			pia_buf_addn(b, p, (size_t)(q - p));
		else if (p != s && *q != '\0')
			pia_buf_add(b, " ");
	}
}

static void
trim_end(struct pia_buf *b)
{
	while (b->n > 0 && is_ws(b->s[b->n - 1]))
		b->s[--b->n] = '\0';
}

static int
el_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static void
add_inline(struct pia_buf *b, const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			add_text(b, (const char *)c->content);
		else if (el_is(c, "br"))
			pia_buf_add(b, "\n");
		else if (c->type == XML_ELEMENT_NODE)
			add_inline(b, c);
	}
}

static void
newline(struct pia_buf *b)
{
	trim_end(b);
	if (b->n > 0 && b->s[b->n - 1] != '\n')
		pia_buf_add(b, "\n");
}

/* Free text: <p>, <ul>/<ol> with <li>, <br/> and plain text. */
static void
add_rich(struct pia_buf *b, const xmlNode *e)
{
	const xmlNode	*c, *li;
	char		 num[32];
	int		 i;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			add_text(b, (const char *)c->content);
		else if (el_is(c, "br"))
			pia_buf_add(b, "\n");
		else if (el_is(c, "p")) {
			newline(b);
			add_inline(b, c);
			newline(b);
		} else if (el_is(c, "ul") || el_is(c, "ol")) {
			newline(b);
			for (i = 1, li = c->children; li; li = li->next) {
				if (!el_is(li, "li"))
					continue;
				if (el_is(c, "ol")) {
					snprintf(num, sizeof(num), "%d. ", i++);
					pia_buf_add(b, num);
				} else
					pia_buf_add(b, "・");
				add_inline(b, li);
				newline(b);
			}
		} else if (c->type == XML_ELEMENT_NODE)
			add_inline(b, c);
	}
	trim_end(b);
}

static char *
trimmed_content(const xmlNode *e)
{
	struct pia_buf	 b = { 0 };

	add_inline(&b, e);
	trim_end(&b);
	return pia_buf_take(&b);
}

/* Appends text m of the catalogue, formatted in lang. */
static void
add_msg(struct pia_buf *b, const char *lang, enum pia_msg m, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, m);
	s = pia_msg_vstr(lang, m, ap);
	va_end(ap);
	if (s == NULL)
		b->oom = 1;
	pia_buf_add(b, s);
	free(s);
}

/* A date as 和暦 (ISO in English), with its qualifier: the value "頃" of
 * the schema, or any other (予定), printed as it is in Japanese. */
static void
add_date(struct pia_buf *b, const xmlNode *e, const char *lang)
{
	char		*iso, *w = NULL;
	const char	*q = pia_attr(e, "qualifier"), *d;
	int		 en = lang != NULL && strcmp(lang, "en") == 0;

	if ((iso = trimmed_content(e)) == NULL) {
		b->oom = 1;
		return;
	}
	if (*iso != '\0' && !en)
		w = pia_wareki_format(iso, NULL);
	d = w != NULL ? w : iso;
	if (*iso != '\0' && q != NULL && strcmp(q, "頃") == 0)
		add_msg(b, lang, PIA_M_VALUE_DATE_ABOUT, d);
	else if (*iso != '\0' && q != NULL && *q != '\0')
		add_msg(b, lang, PIA_M_VALUE_DATE_QUALIFIED, d, q);
	else
		pia_buf_add(b, d);
	free(w);
	free(iso);
}

static const xmlNode *
child(const xmlNode *e, const char *name)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next)
		if (el_is(c, name))
			return c;
	return NULL;
}

static void
add_period(struct pia_buf *b, const xmlNode *e, const char *lang)
{
	const xmlNode	*f = child(e, "from"), *t = child(e, "to");
	struct pia_buf	 fb = { 0 }, tb = { 0 };

	if (f != NULL)
		add_date(&fb, f, lang);
	if (t != NULL)
		add_date(&tb, t, lang);
	if (fb.n > 0 && tb.n > 0)
		add_msg(b, lang, PIA_M_VALUE_PERIOD, fb.s, tb.s);
	else if (fb.n > 0)
		add_msg(b, lang, PIA_M_VALUE_PERIOD_FROM, fb.s);
	else if (tb.n > 0)
		add_msg(b, lang, PIA_M_VALUE_PERIOD_TO, tb.s);
	b->oom |= fb.oom | tb.oom;
	free(fb.s);
	free(tb.s);
}

struct tick {
	int		 idx;
	const xmlNode	*e;
};

static int
tick_cmp(const void *a, const void *b)
{
	const struct tick *x = a, *y = b;

	return x->idx != y->idx ? (x->idx < y->idx ? -1 : 1) : 0;
}

/* Ticked boxes in the order of the option list (the form's order). */
static void
add_checks(struct pia_buf *b, const struct pia_optlist *ol, const xmlNode *e)
{
	const xmlNode	*c;
	struct tick	*t;
	size_t		 n = 0, i;
	char		*slot;

	for (c = e->children; c != NULL; c = c->next)
		n += el_is(c, "check");
	if (n == 0)
		return;
	if ((t = calloc(n, sizeof(*t))) == NULL) {
		b->oom = 1;
		return;
	}
	for (n = 0, c = e->children; c != NULL; c = c->next) {
		const char *tk = pia_attr(c, "ticked");

		if (!el_is(c, "check") || (tk != NULL && !strcmp(tk, "false")))
			continue;
		t[n].idx = ol != NULL ? pia_optlist_find(ol,
		    pia_attr(c, "option")) : -1;
		if (t[n].idx < 0)
			t[n].idx = 1 << 20;	/* unknown options last */
		t[n++].e = c;
	}
	/* A stable order: equal keys keep document order via mergesort-like
	 * insertion (n is small). */
	for (i = 1; i < n; i++) {
		struct tick x = t[i];
		size_t j = i;

		while (j > 0 && tick_cmp(&t[j - 1], &x) > 0) {
			t[j] = t[j - 1];
			j--;
		}
		t[j] = x;
	}
	for (i = 0; i < n; i++) {
		const char *tk = pia_attr(t[i].e, "ticked"), *o;

		if (i > 0)
			pia_buf_add(b, "、");
		pia_buf_add(b, tk != NULL && !strcmp(tk, "unknown") ?
		    "[?]" : "[○]");
		o = pia_attr(t[i].e, "option");
		pia_buf_add(b, o != NULL ? o : "");
		if ((slot = trimmed_content(t[i].e)) != NULL && *slot) {
			pia_buf_add(b, "(");
			pia_buf_add(b, slot);
			pia_buf_add(b, ")");
		}
		free(slot);
	}
	free(t);
}

/* 記録項目: one line per category ("識別情報: 個人番号、世帯番号"), nested
 * categories as "識別情報 > 受給者情報: ...". */
static void
add_items(struct pia_buf *b, const xmlNode *e, const char *prefix)
{
	const xmlNode	*c;
	int		 first = 1;
	char		*s;

	for (c = e->children; c != NULL; c = c->next) {
		if (!el_is(c, "item"))
			continue;
		if (first) {
			newline(b);
			if (prefix != NULL) {
				pia_buf_add(b, prefix);
				pia_buf_add(b, ": ");
			}
		} else
			pia_buf_add(b, "、");
		first = 0;
		if ((s = trimmed_content(c)) == NULL)
			b->oom = 1;
		pia_buf_add(b, s);
		free(s);
	}
	for (c = e->children; c != NULL; c = c->next) {
		struct pia_buf	 p = { 0 };
		const char	*name;

		if (!el_is(c, "category"))
			continue;
		name = pia_attr(c, "name");
		if (prefix != NULL) {
			pia_buf_add(&p, prefix);
			pia_buf_add(&p, " > ");
		}
		pia_buf_add(&p, name != NULL ? name : "");
		add_items(b, c, p.s);
		free(p.s);
	}
}

static void
add_images(struct pia_buf *b, const xmlNode *e)
{
	const xmlNode	*c;
	char		*s;

	for (c = e->children; c != NULL; c = c->next) {
		if (!el_is(c, "image"))
			continue;
		newline(b);
		pia_buf_add(b, "[");
		pia_buf_add(b, pia_attr(c, "src"));
		pia_buf_add(b, "]");
		if ((s = trimmed_content(c)) != NULL && *s) {
			pia_buf_add(b, " ");
			pia_buf_add(b, s);
		}
		free(s);
	}
}

char *
pia_value_text_vn(const struct pia_vnode *vn, enum pia_kind k,
    const xmlNode *e, const char *lang)
{
	struct pia_buf	 b = { 0 };
	char		*s;

	switch (vn != NULL ? pia_vnode_ftype(vn) : PIA_F_NONE) {
	case PIA_F_TEXT:
		add_rich(&b, e);
		break;
	case PIA_F_CHECKS:
		add_checks(&b, pia_vnode_options(vn, k), e);
		break;
	case PIA_F_DATE:
		add_date(&b, e, lang);
		break;
	case PIA_F_PERIOD:
		add_period(&b, e, lang);
		break;
	case PIA_F_FLAG:
		if ((s = trimmed_content(e)) != NULL &&
		    (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)) {
			pia_buf_add(&b, "[○]");
			pia_buf_add(&b, lang != NULL && !strcmp(lang, "en") ?
			    pia_vnode_en(vn) : pia_vnode_label(vn, k));
		}
		free(s);
		break;
	case PIA_F_ITEMS:
		add_items(&b, e, NULL);
		break;
	case PIA_F_IMAGE:
		add_images(&b, e);
		break;
	default:
		add_rich(&b, e);
		break;
	}
	trim_end(&b);
	/* Leading whitespace: indentation, or line ends from a block at the
	 * start. */
	if (b.s != NULL && is_ws(b.s[0])) {
		size_t i = 0;

		while (is_ws(b.s[i]))
			i++;
		memmove(b.s, b.s + i, b.n - i + 1);
		b.n -= i;
	}
	return pia_buf_take(&b);
}

char *
pia_value_text(const struct pia_vocab *v, enum pia_kind k, const xmlNode *e,
    const char *lang)
{
	return pia_value_text_vn(pia_vocab_lookup(v, k, e), k, e, lang);
}
