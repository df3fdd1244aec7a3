/*
 * xpfunc.c: XPath extension functions in the pia namespace
 * (urn:pia:functions:1) for what XPath 1.0 cannot do: ISO date
 * arithmetic, 和暦, bands of the option lists, the しきい値判断 table, the
 * vocabulary (printed labels, option indexes, required fields) and script
 * hygiene.  Each is documented in the README table "Extension functions".
 *
 * Arguments that name a node default to the context node; a node-set
 * argument stands for its first node.  Functions never fail on odd
 * input: a date that is not a date gives NaN or "", an unknown node "".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "pia.h"
#include "pia_hygiene.h"
#include "pia_i18n.h"
#include "pia_validators.h"
#include "xpfunc.h"

#define ST(c)	((struct xpstate *)(c)->context->userData)
#define EN(c)	(strcmp(ST(c)->lang, "en") == 0)

/* Pops a node argument (or takes the context node with nargs 0). */
static xmlNode *
pop_node(xmlXPathParserContext *c, int nargs)
{
	xmlNodeSet	*ns;
	xmlNode		*n = NULL;

	if (nargs == 0)
		n = c->context->node;
	else {
		if (c->value == NULL || c->value->type != XPATH_NODESET) {
			xmlXPathSetTypeError(c);
			return NULL;
		}
		ns = xmlXPathPopNodeSet(c);
		if (ns != NULL && ns->nodeNr > 0)
			n = ns->nodeTab[0];
		xmlXPathFreeNodeSet(ns);
	}
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE ?
		    n->parent : NULL;
	return n;
}

static void
ret_str(xmlXPathParserContext *c, const char *s)
{
	valuePush(c, xmlXPathNewString(BAD_CAST(s ? s : "")));
}

static void
ret_own(xmlXPathParserContext *c, char *s)
{
	ret_str(c, s);
	free(s);
}

static size_t
phash(const void *p, size_t cap)
{
	unsigned long long x = (unsigned long long)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

/* 1 and *v set when k is in the map, else 0. */
static int
pmap_get(const struct pmap *m, const void *k, const void **v)
{
	size_t h;

	if (m->cap == 0)
		return 0;
	for (h = phash(k, m->cap); m->k[h] != NULL; h = (h + 1) & (m->cap - 1))
		if (m->k[h] == k) {
			*v = m->v[h];
			return 1;
		}
	return 0;
}

static void
pmap_put(struct pmap *m, const void *k, const void *v)
{
	size_t h, i;

	if ((m->n + 1) * 2 > m->cap) {
		struct pmap	 o = *m;
		size_t		 cap = m->cap ? m->cap * 2 : 512;

		m->k = calloc(cap, sizeof(*m->k));
		m->v = calloc(cap, sizeof(*m->v));
		if (m->k == NULL || m->v == NULL) {
			free(m->k);
			free(m->v);
			*m = o;
			return;		/* a cache: not storing is fine */
		}
		m->cap = cap;
		m->n = 0;
		for (i = 0; i < o.cap; i++)
			if (o.k[i] != NULL)
				pmap_put(m, o.k[i], o.v[i]);
		free(o.k);
		free(o.v);
	}
	for (h = phash(k, m->cap); m->k[h] != NULL && m->k[h] != k;
	    h = (h + 1) & (m->cap - 1))
		continue;
	if (m->k[h] == NULL)
		m->n++;
	m->k[h] = k;
	m->v[h] = v;
}

static void
pmap_clear(struct pmap *m)
{
	if (m->cap > 0) {
		memset(m->k, 0, m->cap * sizeof(*m->k));
		m->n = 0;
	}
}

void
xpstate_reset(struct xpstate *st)
{
	size_t i;

	pmap_clear(&st->vnodes);
	for (i = 0; i < st->norms.cap; i++)
		if (st->norms.k[i] != NULL)
			free((void *)st->norms.v[i]);
	pmap_clear(&st->norms);
	free(st->text);
	st->text = NULL;
	st->text_node = NULL;
}

void
xpstate_free(struct xpstate *st)
{
	size_t i;
	int k;

	xpstate_reset(st);
	for (k = 0; k < PIA_KIND__MAX; k++) {
		for (i = 0; i < st->nstarred[k]; i++)
			free(st->starred[k][i]);
		free(st->starred[k]);
		st->starred[k] = NULL;
		st->nstarred[k] = 0;
		st->starred_done[k] = 0;
	}
	free(st->vnodes.k);
	free(st->vnodes.v);
	free(st->optional.k);
	free(st->optional.v);
	free(st->norms.k);
	free(st->norms.v);
	memset(&st->norms, 0, sizeof(st->norms));
	memset(&st->vnodes, 0, sizeof(st->vnodes));
	memset(&st->optional, 0, sizeof(st->optional));
}

static const struct pia_vnode *
vnode(xmlXPathParserContext *c, const xmlNode *n)
{
	const void		*v;
	const struct pia_vnode	*r;

	if (n == NULL || ST(c)->vocab == NULL)
		return NULL;
	if (pmap_get(&ST(c)->vnodes, n, &v))
		return v;
	r = pia_vocab_lookup(ST(c)->vocab, ST(c)->kind, n);
	pmap_put(&ST(c)->vnodes, n, r);
	return r;
}

/* The nearest element at or above n that the vocabulary describes (a
 * <p> or <li> stands for its text field). */
static xmlNode *
described(xmlXPathParserContext *c, xmlNode *n)
{
	xmlNode *e;

	for (e = n; e != NULL && e->type == XML_ELEMENT_NODE; e = e->parent)
		if (vnode(c, e) != NULL)
			return e;
	return n;
}

/* pia:label(node?): the 項目 path as printed. */
static void
f_label(xmlXPathParserContext *c, int nargs)
{
	xmlNode *n = pop_node(c, nargs);

	const struct pia_vnode	*v;
	char			*p, *t, *r;
	const xmlNode		*k;
	int			 i = 1;

	n = described(c, n);
	if (n == NULL || ST(c)->vocab == NULL) {
		ret_str(c, n ? (const char *)n->name : "");
		return;
	}
	p = pia_vocab_path(ST(c)->vocab, ST(c)->kind, n, ST(c)->lang);
	/* the root: the name of the form */
	if (p != NULL && *p == '\0' && (n->parent == NULL ||
	    n->parent->type != XML_ELEMENT_NODE) && ST(c)->kind >= 0) {
		free(p);
		p = strdup(EN(c) ? pia_vocab_kind_en(ST(c)->vocab, ST(c)->kind) :
		    pia_vocab_kind_name(ST(c)->vocab, ST(c)->kind));
	}
	/* An entry of a list has no printed heading of its own: its title
	 * and number ("特定個人情報ファイル2"). */
	if (p != NULL && *p == '\0' && (v = vnode(c, n)) != NULL &&
	    pia_vnode_type(v) == PIA_V_LIST &&
	    (t = pia_vnode_title(v, ST(c)->kind, ST(c)->lang)) != NULL) {
		for (k = n->prev; k != NULL; k = k->prev)
			i += k->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(k->name, n->name);
		if ((r = pia_msg_str(ST(c)->lang, PIA_M_XP_ENTRY_NUMBER, t,
		    i)) != NULL) {
			free(p);
			p = r;
		}
		free(t);
	}
	ret_own(c, p);
}

/* pia:title(node?): the label of the item alone ("①委託内容"). */
static void
f_title(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = described(c, pop_node(c, nargs));
	const struct pia_vnode	*v = vnode(c, n);

	if (v == NULL) {
		ret_str(c, n ? (const char *)n->name : "");
		return;
	}
	ret_own(c, pia_vnode_title(v, ST(c)->kind, ST(c)->lang));
}

static char *
trimmed(const xmlNode *n)
{
	xmlChar		*s = xmlNodeGetContent(n);
	char		*b, *e, *r;

	if (s == NULL)
		return NULL;
	for (b = (char *)s; *b == ' ' || *b == '\n' || *b == '\t' ||
	    *b == '\r'; b++)
		continue;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' ||
	    e[-1] == '\r'))
		e--;
	r = strndup(b, (size_t)(e - b));
	xmlFree(s);
	return r;
}

/* 0-based index of n's value in its option list; -1 when blank, not an
 * option, or not a choice. */
static int
option_of(xmlXPathParserContext *c, xmlNode *n)
{
	const struct pia_vnode	*v = vnode(c, n);
	const struct pia_optlist *l;
	char			*s;
	int			 i = -1;

	if (v != NULL && (l = pia_vnode_options(v, ST(c)->kind)) != NULL &&
	    (s = trimmed(n)) != NULL) {
		i = pia_optlist_find(l, s);
		free(s);
	}
	return i;
}

/* pia:option-index(node?): 1-based index of the node's value in its
 * option list; 0 when blank or not an option. */
static void
f_option_index(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = pop_node(c, nargs);
	int			 i = option_of(c, n);
	valuePush(c, xmlXPathNewFloat(i + 1));
}

/* pia:option(node, i): option text i (1-based) of the node's list. */
static void
f_option(xmlXPathParserContext *c, int nargs)
{
	double			 i = xmlXPathPopNumber(c);
	xmlNode			*n = pop_node(c, nargs - 1);
	const struct pia_vnode	*v = vnode(c, n);
	const struct pia_optlist *l;

	if (v == NULL || (l = pia_vnode_options(v, ST(c)->kind)) == NULL ||
	    isnan(i) || i < 1 || i > (double)pia_optlist_count(l)) {
		ret_str(c, "");
		return;
	}
	ret_str(c, pia_optlist_text(l, (size_t)i - 1));
}

/* Whether vocabulary node v is optional for the kind: required="no" on
 * it or an ancestor, or a lone checkbox (flag). */
static int
optional_uncached(const struct pia_vnode *v, enum pia_kind k)
{
	const char *a;

	if (pia_vnode_type(v) == PIA_V_FIELD && pia_vnode_ftype(v) == PIA_F_FLAG)
		return 1;
	for (; v != NULL; v = pia_vnode_parent(v))
		if ((a = pia_vnode_attr(v, "required", k)) != NULL &&
		    strcmp(a, "no") == 0)
			return 1;
	return 0;
}

static int
optional_st(struct xpstate *st, const struct pia_vnode *v, enum pia_kind k)
{
	const void	*r;
	int		 o;

	/* The kind is fixed per document; key on the node, kind in the
	 * value's low bits. */
	if (pmap_get(&st->optional, v, &r) && ((uintptr_t)r >> 1) == (uintptr_t)k)
		return (int)((uintptr_t)r & 1);
	o = optional_uncached(v, k);
	pmap_put(&st->optional, v, (const void *)(((uintptr_t)k << 1) | o));
	return o;
}
#define optional(v, k)	optional_st(ST(c), (v), (k))

/* pia:required(node?): a field the form requires to be filled. */
static void
f_required(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = pop_node(c, nargs);
	const struct pia_vnode	*v = vnode(c, n);

	valuePush(c, xmlXPathNewBoolean(v != NULL &&
	    pia_vnode_type(v) == PIA_V_FIELD && !optional(v, ST(c)->kind)));
}

static int
filled(const xmlNode *n)
{
	const xmlNode	*k;
	const xmlChar	*p;

	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			for (p = k->content; p && *p; p++)
				if (*p != ' ' && *p != '\n' && *p != '\t' &&
				    *p != '\r')
					return 1;
		} else if (k->type == XML_ELEMENT_NODE) {
			xmlChar *a;
			int ok;

			if (xmlStrEqual(k->name, BAD_CAST "check")) {
				a = xmlGetNoNsProp(k, BAD_CAST "ticked");
				ok = a == NULL || !xmlStrEqual(a, BAD_CAST "false");
				xmlFree(a);
				if (ok)
					return 1;
			} else if (xmlStrEqual(k->name, BAD_CAST "image")) {
				a = xmlGetNoNsProp(k, BAD_CAST "src");
				ok = a != NULL && *a;
				xmlFree(a);
				if (ok)
					return 1;
			} else if (filled(k))
				return 1;
		}
	}
	return 0;
}

/* pia:has-text(node?): the node has text of its own (a child text node
 * that is not only whitespace); the same as text()[normalize-space()]
 * without building strings. */
static void
f_has_text(xmlXPathParserContext *c, int nargs)
{
	xmlNode		*n = nargs ? pop_node(c, nargs) : c->context->node;
	const xmlNode	*k;
	const xmlChar	*p;
	int		 yes = 0;

	for (k = n ? n->children : NULL; k != NULL && !yes; k = k->next)
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
			for (p = k->content; p && *p && !yes; p++)
				yes = *p != ' ' && *p != '\n' && *p != '\t' &&
				    *p != '\r';
	valuePush(c, xmlXPathNewBoolean(yes));
}

/* pia:free-text(node?): the node has text of its own (pia:has-text) and
 * is not a choice holding one of its options (pia:option-index() > 0):
 * the text that text hygiene reads. */
static void
f_free_text(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = nargs ? pop_node(c, nargs) : c->context->node;
	const xmlNode		*k;
	const xmlChar		*p;
	const struct pia_vnode	*v;
	const struct pia_optlist *l;
	char			*t;
	int			 yes = 0;

	for (k = n ? n->children : NULL; k != NULL && !yes; k = k->next)
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
			for (p = k->content; p && *p && !yes; p++)
				yes = *p != ' ' && *p != '\n' && *p != '\t' &&
				    *p != '\r';
	if (yes && (v = vnode(c, n)) != NULL && pia_vnode_type(v) == PIA_V_FIELD &&
	    pia_vnode_ftype(v) == PIA_F_CHOICE &&
	    (l = pia_vnode_options(v, ST(c)->kind)) != NULL &&
	    (t = trimmed(n)) != NULL) {
		yes = pia_optlist_find(l, t) < 0;
		free(t);
	}
	valuePush(c, xmlXPathNewBoolean(yes));
}

/* pia:filled(node?): has text, a ticked checkbox or an image. */
static void
f_filled(xmlXPathParserContext *c, int nargs)
{
	xmlNode *n = pop_node(c, nargs);

	valuePush(c, xmlXPathNewBoolean(n != NULL && filled(n)));
}

static int
has_child(const xmlNode *n, const char *name)
{
	const xmlNode *k;

	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(k->name, BAD_CAST name))
			return 1;
	return 0;
}

/* pia:missing(node?): the printed titles of the required items absent
 * from the node ("" when none), joined by "、" (", " in English). */
static void
f_missing(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = pop_node(c, nargs);
	const struct pia_vnode	*v = vnode(c, n), *k;
	enum pia_kind		 kind = ST(c)->kind;
	char			*out = NULL, *t, *s;
	const char		*el;

	if (v == NULL || pia_vnode_type(v) == PIA_V_FIELD ||
	    (pia_vnode_type(v) == PIA_V_LIST &&
	    pia_vnode_el(v) != NULL &&
	    xmlStrEqual(n->name, BAD_CAST pia_vnode_el(v)))) {
		ret_str(c, "");
		return;
	}
	for (k = pia_vnode_first(v, kind); k != NULL;
	    k = pia_vnode_next(k, kind)) {
		if (pia_vnode_type(k) == PIA_V_DERIVED ||
		    (el = pia_vnode_el(k)) == NULL || optional(k, kind) ||
		    has_child(n, el))
			continue;
		if ((t = pia_vnode_title(k, kind, ST(c)->lang)) == NULL)
			continue;
		if (asprintf(&s, "%s%s%s", out ? out : "", out ?
		    pia_msg_fmt(PIA_M_VAL_LIST_SEP, ST(c)->lang) : "", t) < 0)
			s = NULL;
		free(t);
		free(out);
		out = s;
	}
	ret_own(c, out);
}

/* The string argument (malloc'd), or with no argument the string value
 * of the context node, borrowed from a cache shared by the four text
 * functions (never modified, released with text_done()). */
static char *
pop_text(xmlXPathParserContext *c, int nargs)
{
	xmlChar	*s;
	char	*r;

	if (nargs > 0) {
		s = xmlXPathPopString(c);
		r = strdup(s ? (const char *)s : "");
		xmlFree(s);
		return r;
	}
	if (c->context->node == NULL)
		return NULL;
	/* The text rules ask four functions about the same node. */
	if (ST(c)->text_node != c->context->node) {
		free(ST(c)->text);
		s = xmlNodeGetContent(c->context->node);
		ST(c)->text = strdup(s ? (const char *)s : "");
		ST(c)->text_node = ST(c)->text ? c->context->node : NULL;
		xmlFree(s);
	}
	return ST(c)->text;	/* borrowed: see text_done() */
}

/* Releases what pop_text() returned. */
static void
text_done(int nargs, char *s)
{
	if (nargs > 0)
		free(s);
}

static char *
pop_str(xmlXPathParserContext *c)
{
	xmlChar *s = xmlXPathPopString(c);
	char	*r = strdup(s ? (const char *)s : "");

	xmlFree(s);
	return r;
}

static char *
pop_date(xmlXPathParserContext *c)
{
	char *s = pop_str(c), *b, *e;

	if (s == NULL)
		return NULL;
	for (b = s; *b == ' ' || *b == '\n' || *b == '\t'; b++)
		continue;
	for (e = b + strlen(b); e > b && (e[-1] == ' ' || e[-1] == '\n' ||
	    e[-1] == '\t'); e--)
		continue;
	*e = '\0';
	memmove(s, b, strlen(b) + 1);
	return s;
}

/* pia:days(a, b): days from date a to date b (b - a); NaN if either is
 * not a YYYY-MM-DD date. */
static void
f_days(xmlXPathParserContext *c, int nargs)
{
	char	*b = pop_date(c), *a = pop_date(c);
	long	 d;
	int	 ok = 0;

	(void)nargs;
	d = a && b ? pia_date_days_between(a, b, &ok) : 0;
	valuePush(c, xmlXPathNewFloat(ok ? (double)d : NAN));
	free(a);
	free(b);
}

static void
f_add(xmlXPathParserContext *c, int years)
{
	double	 n = xmlXPathPopNumber(c);
	char	*d = pop_date(c), out[11] = "";

	if (d != NULL && !isnan(n) && fabs(n) < 1e6) {
		if (years)
			pia_date_add_years(d, (int)n, out);
		else
			pia_date_add_days(d, (long)n, out);
	}
	free(d);
	ret_str(c, out);
}

/* pia:add-years(date, n), pia:add-days(date, n): ISO date or "". */
static void
f_add_years(xmlXPathParserContext *c, int nargs)
{
	(void)nargs;
	f_add(c, 1);
}

static void
f_add_days(xmlXPathParserContext *c, int nargs)
{
	(void)nargs;
	f_add(c, 0);
}

/* pia:today(): the reference date (--today). */
static void
f_today(xmlXPathParserContext *c, int nargs)
{
	(void)nargs;
	ret_str(c, ST(c)->today);
}

/* pia:date(s): s when it is a real YYYY-MM-DD date, else "". */
static void
f_date(xmlXPathParserContext *c, int nargs)
{
	char *s = pop_date(c);

	(void)nargs;
	ret_str(c, s && pia_date_valid(s) ? s : "");
	free(s);
}

/* pia:wareki(date): 和暦 in Japanese messages, the ISO date in English;
 * the text itself when not a date. */
static void
f_wareki(xmlXPathParserContext *c, int nargs)
{
	char	*s = pop_date(c), *w = NULL;

	(void)nargs;
	if (s != NULL && !EN(c))
		w = pia_wareki_format(s, NULL);
	ret_str(c, w ? w : s);
	free(w);
	free(s);
}

static void
pop_band(xmlXPathParserContext *c, double *lo, double *hi)
{
	char *s;

	*lo = *hi = NAN;
	if (c->value != NULL && c->value->type == XPATH_NUMBER) {
		*lo = *hi = xmlXPathPopNumber(c);
		return;
	}
	s = pop_str(c);
	if (s != NULL && *s)
		pia_band_bounds(s, lo, hi);
	free(s);
}

/* pia:band-min(x), pia:band-max(x): bounds of a band ("1万人以上10万人未満":
 * 10000 and 99999; "30万人以上": 300000 and Infinity); NaN if blank. */
static void
f_band_min(xmlXPathParserContext *c, int nargs)
{
	double lo, hi;

	(void)nargs;
	pop_band(c, &lo, &hi);
	valuePush(c, xmlXPathNewFloat(lo));
}

static void
f_band_max(xmlXPathParserContext *c, int nargs)
{
	double lo, hi;

	(void)nargs;
	pop_band(c, &lo, &hi);
	valuePush(c, xmlXPathNewFloat(hi));
}

/*
 * pia:threshold(population, handlers, incident): the しきい値判断 result,
 * "none", "basic", "focused" or "full".  population and handlers are
 * numbers or band texts (blank: unknown); incident is "yes", "no" or ""
 * (unknown), or a boolean.  When the inputs leave the result open, the
 * possible results, lowest first, separated by spaces ("focused full").
 */
static void
f_threshold(xmlXPathParserContext *c, int nargs)
{
	double		 plo, phi, hlo, hhi;
	int		 inc = -1;
	enum pia_thr	 lo, hi, t;
	char		 out[64] = "";

	(void)nargs;
	if (c->value != NULL && c->value->type == XPATH_BOOLEAN)
		inc = xmlXPathPopBoolean(c);
	else {
		char *s = pop_str(c);

		if (s != NULL && (strcmp(s, "yes") == 0 ||
		    strcmp(s, "true") == 0))
			inc = 1;
		else if (s != NULL && (strcmp(s, "no") == 0 ||
		    strcmp(s, "false") == 0))
			inc = 0;
		free(s);
	}
	pop_band(c, &hlo, &hhi);
	pop_band(c, &plo, &phi);
	pia_threshold_range(plo, phi, hlo, hhi, inc, &lo, &hi);
	for (t = lo; t <= hi; t++) {
		strcat(out, t == lo ? "" : " ");
		strcat(out, pia_thr_id(t));
	}
	ret_str(c, out);
}

/* pia:threshold-declared(node?): the mandatory result that the chosen
 * しきい値判断結果 option states, by its key in the vocabulary ("" if
 * blank). */
static void
f_threshold_declared(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = pop_node(c, nargs);
	const struct pia_vnode	*v = vnode(c, n);
	int			 i = option_of(c, n);

	ret_str(c, pia_thr_id(pia_thr_of_option(v ? pia_vnode_options(v,
	    ST(c)->kind) : NULL, i)));
}

/* pia:threshold-text(result): the official wording of a result (基礎項目
 * 評価書 Ⅲ list) in Japanese messages, a description in English. */
static void
f_threshold_text(xmlXPathParserContext *c, int nargs)
{
	static const enum pia_msg words[] = { PIA_M_XP_THR_NONE,
	    PIA_M_XP_THR_BASIC, PIA_M_XP_THR_FOCUSED, PIA_M_XP_THR_FULL };
	char			*s = pop_str(c), *tok, *save, *out = NULL, *o;
	char			*w;
	enum pia_thr		 t;
	const struct pia_optlist *l = NULL;
	const char		*ja;

	(void)nargs;
	if (ST(c)->vocab != NULL)
		l = pia_vocab_optlist(ST(c)->vocab, "threshold-basic");
	for (tok = s ? strtok_r(s, " ", &save) : NULL; tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if ((t = pia_thr_parse(tok)) == PIA_THR_UNKNOWN)
			continue;
		/* the option of the 基礎項目評価書's list in Japanese */
		if ((ja = pia_thr_option_text(l, t)) == NULL)
			ja = tok;
		if ((w = pia_msg_str(ST(c)->lang, words[t], ja)) == NULL)
			break;
		o = out ? pia_msg_str(ST(c)->lang, PIA_M_XP_THR_MORE, out, w) :
		    pia_msg_str(ST(c)->lang, PIA_M_XP_THR_FIRST, w);
		free(w);
		free(out);
		out = o;
	}
	free(s);
	ret_own(c, out);
}

/* pia:kind-name(id): "全項目評価書" for "full" (English in English). */
static void
f_kind_name(xmlXPathParserContext *c, int nargs)
{
	char		*s = pop_str(c);
	enum pia_kind	 k = pia_kind_parse(s);

	(void)nargs;
	free(s);
	if (k == PIA_KIND_NONE || ST(c)->vocab == NULL)
		ret_str(c, "");
	else
		ret_str(c, EN(c) ? pia_vocab_kind_en(ST(c)->vocab, k) :
		    pia_vocab_kind_name(ST(c)->vocab, k));
}

/*
 * Text hygiene: the criteria and the search live in model/hygiene.c
 * (pia_hygiene.h), shared with the importer; these functions only word
 * the hit for the rule texts of validators/rules/text.sch.
 */

/* pia:foreign(text): "X (U+XXXX) 「…」" for the first character of
 * another script (Thai, Hangul, simplified-only Han...), or "". */
static void
f_foreign(xmlXPathParserContext *c, int nargs)
{
	char			*s = pop_text(c, nargs), *q, *r = NULL;
	struct pia_hygiene	 h;

	if (s == NULL || !pia_hygiene_foreign(s, &h)) {
		text_done(nargs, s);
		ret_str(c, "");
		return;
	}
	q = pia_hygiene_quote(s, &h);
	if (h.cp == 0xfffd && h.len == 1) {
		if (asprintf(&r, "U+FFFD 「%s」", q ? q : "") < 0)
			r = NULL;
	} else if (asprintf(&r, "%.*s (U+%04X) 「%s」", (int)h.len, s + h.off,
	    h.cp, q ? q : "") < 0)
		r = NULL;
	free(q);
	text_done(nargs, s);
	ret_own(c, r);
}

/* pia:latin-word(text): the first English function word written in lower
 * case between kana or kanji ("情報 that 不正確"), with its context; or
 * "".  Technical terms (web), acronyms and names with capitals (ISMS,
 * eLTAX, Web) are left alone. */
static void
f_latin_word(xmlXPathParserContext *c, int nargs)
{
	char			*s = pop_text(c, nargs), *q, *r = NULL;
	struct pia_hygiene	 h;

	if (s != NULL && pia_hygiene_english(s, &h)) {
		q = pia_hygiene_quote(s, &h);
		if (asprintf(&r, "%.*s 「%s」", (int)h.len, s + h.off,
		    q ? q : "") < 0)
			r = NULL;
		free(q);
	}
	text_done(nargs, s);
	ret_own(c, r);
}

/* pia:placeholder(text): the first template placeholder left in the text
 * or "": an instruction of the form ("(手続を実施する対象人数を入力)"; not
 * "(パンチ入力)") as it stands, or a mark (○○, XX, TODO...) with its
 * context. */
static void
f_placeholder(xmlXPathParserContext *c, int nargs)
{
	char			*s = pop_text(c, nargs), *q, *r = NULL;
	struct pia_hygiene	 h;

	if (s != NULL && pia_hygiene_placeholder(s, &h)) {
		q = pia_hygiene_quote(s, &h);
		if (h.kind == PIA_HYG_INSTRUCTION)
			r = q;
		else {
			if (asprintf(&r, "%.*s 「%s」", (int)h.len, s + h.off,
			    q ? q : "") < 0)
				r = NULL;
			free(q);
		}
	}
	text_done(nargs, s);
	ret_own(c, r);
}

/* pia:bad-wareki(text): the first 和暦 date in free text that names no
 * real day of its era ("平成31年5月1日", "令和5年2月30日"), with the
 * reason; or "".  Full-width digits and 元年 are accepted. */
static void
f_bad_wareki(xmlXPathParserContext *c, int nargs)
{
	char			*s = pop_text(c, nargs), *date, *r = NULL;
	enum pia_date_err	 e;

	if ((date = pia_hygiene_wareki(s, &e)) != NULL &&
	    asprintf(&r, "%s (%s)", date, pia_date_strerror(e,
	    ST(c)->lang)) < 0)
		r = NULL;
	free(date);
	text_done(nargs, s);
	ret_own(c, r);
}

/* pia:starred-item(text): whether a 変更箇所 項目 text names an item
 * marked ※ in the kind: for each part separated by "、", a ※ or ◎ mark
 * written in the row names a starred item, else the last word
 * ("⑧事故発生時手順の策定・周知", as written or in NFKC) is compared
 * with the printed titles of the vocabulary. */
/* The printed titles (without ※) of the starred items of the kind,
 * collected once. */
static void
starred_collect(struct xpstate *st, const struct pia_vnode *v, enum pia_kind k)
{
	const struct pia_vnode	*c;
	char			*t, *sp, **nv;

	for (c = pia_vnode_first(v, k); c != NULL; c = pia_vnode_next(c, k)) {
		if (pia_vnode_starred(c, k) &&
		    (t = pia_vnode_title(c, k, "ja")) != NULL) {
			if ((sp = strstr(t, " ※")) != NULL)
				*sp = '\0';
			if ((nv = realloc(st->starred[k], (st->nstarred[k] + 1) *
			    sizeof(*nv))) == NULL) {
				free(t);
				return;
			}
			st->starred[k] = nv;
			nv[st->nstarred[k]++] = t;
		}
		starred_collect(st, c, k);
	}
}

static int
starred_title(struct xpstate *st, const char *word)
{
	enum pia_kind	k = st->kind;
	size_t		i;

	if (k < 0 || k >= PIA_KIND__MAX)
		return 0;
	if (!st->starred_done[k]) {
		starred_collect(st, pia_vocab_form(st->vocab), k);
		st->starred_done[k] = 1;
	}
	for (i = 0; i < st->nstarred[k]; i++)
		if (strcmp(st->starred[k][i], word) == 0)
			return 1;
	return 0;
}

static void
f_starred_item(xmlXPathParserContext *c, int nargs)
{
	char	*s = pop_str(c), *part, *save, *w;
	int	 hit = 0;

	(void)nargs;
	if (s != NULL && ST(c)->vocab != NULL) {
		/* split on "、" */
		char *p;

		while ((p = strstr(s, "、")) != NULL) {
			*p = '\n';
			memmove(p + 1, p + strlen("、"), strlen(p +
			    strlen("、")) + 1);
		}
		for (part = strtok_r(s, "\n", &save); part != NULL && !hit;
		    part = strtok_r(NULL, "\n", &save)) {
			char *n;

			/* a row may mark the item itself: ※ or ◎ */
			if (strstr(part, "※") != NULL ||
			    strstr(part, "◎") != NULL) {
				hit = 1;
				break;
			}
			w = strrchr(part, ' ');
			w = w ? w + 1 : part;
			hit = starred_title(ST(c), w);
			/* full-width digits, spaces: compare in NFKC */
			if (!hit && (n = pia_nfkc(w)) != NULL) {
				hit = starred_title(ST(c), n);
				free(n);
			}
		}
	}
	free(s);
	valuePush(c, xmlXPathNewBoolean(hit));
}

/* pia:starred(node?): the item carries ※ (itself or an ancestor). */
static void
f_starred(xmlXPathParserContext *c, int nargs)
{
	xmlNode			*n = pop_node(c, nargs);
	const struct pia_vnode	*v = vnode(c, n);

	valuePush(c, xmlXPathNewBoolean(v != NULL &&
	    pia_vnode_starred(v, ST(c)->kind)));
}

/* The text s compared loosely: NFKC, with every white space removed
 * (malloc'd; NULL when out of memory). */
static char *
norm_text(const char *s)
{
	char	*n, *p, *q;

	if ((n = pia_nfkc(s)) == NULL)
		return NULL;
	for (p = q = n; *p; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
			*q++ = *p;
	*q = '\0';
	return n;
}

/* pia:norm(x?): the string value of x (a node set stands for its first
 * node) in NFKC without white space, so that two texts that differ only
 * in width or spacing compare equal.  Cached per element for the current
 * document: the change-history rules compare each row with the others. */
static void
f_norm(xmlXPathParserContext *c, int nargs)
{
	xmlNode		*n = NULL;
	xmlChar		*s;
	const void	*v;
	char		*r;

	if (nargs == 0)
		n = c->context->node;
	else if (c->value != NULL && c->value->type == XPATH_NODESET) {
		n = pop_node(c, nargs);
		if (n == NULL) {
			ret_str(c, "");
			return;
		}
	}
	if (n != NULL && pmap_get(&ST(c)->norms, n, &v)) {
		ret_str(c, v);
		return;
	}
	s = n != NULL ? xmlNodeGetContent(n) : xmlXPathPopString(c);
	r = norm_text(s ? (const char *)s : "");
	xmlFree(s);
	ret_str(c, r);
	if (n != NULL && r != NULL)
		pmap_put(&ST(c)->norms, n, r);	/* freed at reset */
	else
		free(r);
}

/* pia:void(x?): x says nothing: blank, or only a placeholder written for
 * "nothing" ("-", "―", "ー", "特になし", "該当なし", "なし"...).  Used where
 * the form wants content (required, conditional and explanation fields);
 * where the form allows なし the rules do not ask. */
static int
void_text(const char *n)
{
	static const char *const marks[] = { "", "-", "--", "‐", "‑", "‒",
	    "–", "—", "―", "−", "ー", "－", "ｰ", "特になし", "該当なし",
	    "なし", "無し", "特に無し", "該当無し", "特記事項なし", "記載なし",
	    "N/A", "n/a", "NA", "×", "/", "／", NULL };
	size_t i;

	for (i = 0; marks[i] != NULL; i++)
		if (strcmp(n, marks[i]) == 0)
			return 1;
	return 0;
}

static void
f_void(xmlXPathParserContext *c, int nargs)
{
	xmlNode	*n;
	xmlChar	*s;
	char	*r;
	int	 yes;

	if (nargs > 0 && (c->value == NULL ||
	    c->value->type != XPATH_NODESET)) {
		s = xmlXPathPopString(c);
		r = norm_text(s ? (const char *)s : "");
		xmlFree(s);
		yes = r != NULL && void_text(r);
		free(r);
		valuePush(c, xmlXPathNewBoolean(yes));
		return;
	}
	n = pop_node(c, nargs);
	if (n != NULL && filled(n) == 0) {
		valuePush(c, xmlXPathNewBoolean(1));
		return;
	}
	/* a ticked box or an image is content */
	if (n != NULL && (s = xmlNodeGetContent(n)) != NULL) {
		r = norm_text((const char *)s);
		xmlFree(s);
		yes = r != NULL && void_text(r);
		free(r);
		if (yes) {
			const xmlNode *k;

			for (k = n->children; k != NULL; k = k->next)
				if (k->type == XML_ELEMENT_NODE && (xmlStrEqual(
				    k->name, BAD_CAST "check") ||
				    xmlStrEqual(k->name, BAD_CAST "image")))
					yes = 0;
		}
		valuePush(c, xmlXPathNewBoolean(yes));
		return;
	}
	valuePush(c, xmlXPathNewBoolean(n == NULL));
}

/* libxml2 does not check arity: each function is wrapped. */
#define WRAP(f, lo, hi) \
static void \
w_##f(xmlXPathParserContext *c, int nargs) \
{ \
	if (nargs < (lo) || nargs > (hi)) { \
		xmlXPathErr(c, XPATH_INVALID_ARITY); \
		return; \
	} \
	f_##f(c, nargs); \
}

WRAP(label, 0, 1)
WRAP(title, 0, 1)
WRAP(option_index, 0, 1)
WRAP(option, 2, 2)
WRAP(required, 0, 1)
WRAP(filled, 0, 1)
WRAP(has_text, 0, 1)
WRAP(free_text, 0, 1)
WRAP(missing, 0, 1)
WRAP(starred, 0, 1)
WRAP(starred_item, 1, 1)
WRAP(days, 2, 2)
WRAP(add_years, 2, 2)
WRAP(add_days, 2, 2)
WRAP(today, 0, 0)
WRAP(date, 1, 1)
WRAP(wareki, 1, 1)
WRAP(band_min, 1, 1)
WRAP(band_max, 1, 1)
WRAP(threshold, 3, 3)
WRAP(threshold_declared, 0, 1)
WRAP(threshold_text, 1, 1)
WRAP(kind_name, 1, 1)
WRAP(foreign, 0, 1)
WRAP(latin_word, 0, 1)
WRAP(placeholder, 0, 1)
WRAP(bad_wareki, 0, 1)
WRAP(norm, 0, 1)
WRAP(void, 0, 1)

static const struct {
	const char		*name;
	xmlXPathFunction	 fn;
} funcs[] = {
	{ "label", w_label },
	{ "title", w_title },
	{ "option-index", w_option_index },
	{ "option", w_option },
	{ "required", w_required },
	{ "filled", w_filled },
	{ "has-text", w_has_text },
	{ "free-text", w_free_text },
	{ "missing", w_missing },
	{ "starred", w_starred },
	{ "starred-item", w_starred_item },
	{ "days", w_days },
	{ "add-years", w_add_years },
	{ "add-days", w_add_days },
	{ "today", w_today },
	{ "date", w_date },
	{ "wareki", w_wareki },
	{ "band-min", w_band_min },
	{ "band-max", w_band_max },
	{ "threshold", w_threshold },
	{ "threshold-declared", w_threshold_declared },
	{ "threshold-text", w_threshold_text },
	{ "kind-name", w_kind_name },
	{ "foreign", w_foreign },
	{ "latin-word", w_latin_word },
	{ "placeholder", w_placeholder },
	{ "bad-wareki", w_bad_wareki },
	{ "norm", w_norm },
	{ "void", w_void },
	{ NULL, NULL }
};

int
xpfunc_register(xmlXPathContext *x)
{
	int i;

	for (i = 0; funcs[i].name != NULL; i++)
		if (xmlXPathRegisterFuncNS(x, BAD_CAST funcs[i].name,
		    BAD_CAST PIA_FUNC_NS, funcs[i].fn) != 0)
			return -1;
	return 0;
}

xmlXPathFunction
xpfunc_lookup(const char *name)
{
	int i;

	for (i = 0; funcs[i].name != NULL; i++)
		if (strcmp(funcs[i].name, name) == 0)
			return funcs[i].fn;
	return NULL;
}

int
xpfunc_known(const char *name)
{
	int i;

	for (i = 0; funcs[i].name != NULL; i++)
		if (strcmp(funcs[i].name, name) == 0)
			return 1;
	return 0;
}

int
xpfunc_core(const char *name)
{
	static const char *const core[] = { "last", "position", "count", "id",
	    "local-name", "namespace-uri", "name", "string", "concat",
	    "starts-with", "contains", "substring-before", "substring-after",
	    "substring", "string-length", "normalize-space", "translate",
	    "boolean", "not", "true", "false", "lang", "number", "sum",
	    "floor", "ceiling", "round", NULL };
	int i;

	for (i = 0; core[i] != NULL; i++)
		if (strcmp(core[i], name) == 0)
			return 1;
	return 0;
}
