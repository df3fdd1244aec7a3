/*
 * sch_compile.c: the compiling half of the rule engine.  Reads rule files
 * written in a subset of ISO Schematron (ISO/IEC 19757-3) with XPath 1.0
 * as query language, checks them and compiles every expression once with
 * libxml2's XPath into a struct pia_rules (sch.h), which sch_eval.c then
 * runs on each document.  libxml2's own Schematron module is not used
 * (deprecated upstream, no let, no role, English-only messages).
 *
 * Supported: schema/@queryBinding (xslt, xslt1, xpath, xpath1 or absent),
 * ns, let (@value) at schema, pattern and rule level, pattern, rule
 * (@context, first matching rule of a pattern wins), assert and report
 * (@test, @id, @role error|warning|info, @subject, @diagnostics),
 * value-of, name, emph/dir/span (their text), diagnostics/diagnostic with
 * xml:lang for the message in the other language, title and p (ignored),
 * phase (ignored: every pattern runs), and the foreign attribute
 * pia:source naming the clause that requires a check.  Not supported, and
 * refused with an error: include, abstract patterns and rules, extends,
 * let without @value, property.
 *
 * Two compilations make evaluation cheap: a rule context is split into
 * alternatives that start from the document's index of elements by name
 * (make_alts), and a test that starts with a call of a pia: function is
 * answered by calling it directly (sch_fast_test).
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "pia.h"
#include "pia_validators.h"
#include "sch.h"

const char *const pia_rules_builtin[] = {
	"required", "thresholds", "procedure", "consistency", "text", "proposals",
	NULL
};

/* Appends a zeroed element to a growing array; NULL when out of memory. */
static void *
grow(void *arrp, size_t *n, size_t sz)
{
	void	**a = arrp;
	char	 *p;

	if ((p = realloc(*a, (*n + 1) * sz)) == NULL)
		return NULL;
	*a = p;
	memset(p + *n * sz, 0, sz);
	return p + (*n)++ * sz;
}

static void
msg_free(struct msg *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].text);
		xmlXPathFreeCompExpr(m->v[i].comp);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

static void
lets_free(struct lets *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		xmlXPathFreeCompExpr(l->v[i].comp);
	}
	free(l->v);
}

static void
rules_clear(struct pia_rules *r)
{
	size_t i, j, k;

	for (i = 0; i < r->npat; i++) {
		struct pattern *p = &r->pat[i];

		for (j = 0; j < p->n; j++) {
			struct rule *u = &p->v[j];

			for (k = 0; k < u->n; k++) {
				struct check *c = &u->v[k];

				free(c->id);
				free(c->source);
				xmlXPathFreeCompExpr(c->test);
				xmlXPathFreeCompExpr(c->subject);
				msg_free(&c->msg[0]);
				msg_free(&c->msg[1]);
				free(c->desc[0]);
				free(c->desc[1]);
			}
			free(u->v);
			for (k = 0; k < u->nalts; k++) {
				free(u->alts[k].local);
				free(u->alts[k].uri);
				xmlXPathFreeCompExpr(u->alts[k].self);
			}
			free(u->alts);
			lets_free(&u->lets);
			xmlXPathFreeCompExpr(u->context);
			xmlXPathFreeCompExpr(u->subject);
		}
		free(p->v);
		lets_free(&p->lets);
	}
	free(r->pat);
	for (i = 0; i < r->nsch; i++) {
		for (j = 0; j < r->sch[i].nns; j++) {
			free(r->sch[i].ns[j].prefix);
			free(r->sch[i].ns[j].uri);
		}
		free(r->sch[i].ns);
		free(r->sch[i].file);
		free(r->sch[i].title);
		lets_free(&r->sch[i].lets);
	}
	free(r->sch);
	r->pat = NULL;
	r->sch = NULL;
	r->npat = r->nsch = 0;
}

struct pia_rules *
pia_rules_new(const char *today)
{
	struct pia_rules	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if (today != NULL && pia_date_valid(today))
		snprintf(r->today, sizeof(r->today), "%s", today);
	else
		pia_today(r->today);
	return r;
}

void
pia_rules_free(struct pia_rules *r)
{
	if (r == NULL)
		return;
	rules_clear(r);
	free(r->only);
	free(r->skip);
	free(r);
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */
/* ------------------------------------------------------------------ */

struct load {
	struct pia_rules	*r;	/* the temporary set being built */
	const struct pia_rules	*main;	/* for unique ids */
	struct pia_diags	*d;
	const char		*file;
	xmlXPathContext		*xp;	/* for compiling */
	struct xpstate		 st;
	const char		*scope[256];	/* variable names in scope */
	size_t			 nscope;
	xmlDoc			*doc;
	xmlNode			*diagnostics;
	int			 errors;
};

void
sch_xp_error(void *ctx, xmlError *e)
{
	struct xpstate *st = ctx;

	if (st->nerr++ == 0)
		snprintf(st->err, sizeof(st->err), "%s", e->message ?
		    e->message : pia_msg_fmt(PIA_M_SCH_XPATH_ERROR, "en"));
	{
		size_t n = strlen(st->err);

		while (n > 0 && (st->err[n - 1] == '\n' || st->err[n - 1] == ' '))
			st->err[--n] = '\0';
	}
}

/* Reports problem m of the rule file at node n: under rule "rules", or
 * under the id of the check concerned, "rule ID: " before the text. */
static void
load_error(struct load *ls, const xmlNode *n, const char *id,
    enum pia_msg m, ...)
{
	va_list	 ap, aq;
	long	 line = n ? xmlGetLineNo(n) : 0;
	char	*ja, *en, *ja2 = NULL, *en2 = NULL;

	ls->errors++;
	va_start(ap, m);
	if (id == NULL) {
		pia_vdiag(ls->d, m, ls->file, line, NULL, ap);
		va_end(ap);
		return;
	}
	va_copy(aq, ap);
	ja = pia_msg_vstr("ja", m, ap);
	en = pia_msg_vstr("en", m, aq);
	va_end(aq);
	va_end(ap);
	if (ja != NULL && en != NULL &&
	    (ja2 = pia_msg_str("ja", PIA_M_SCH_RULE_PREFIX, id, ja)) != NULL &&
	    (en2 = pia_msg_str("en", PIA_M_SCH_RULE_PREFIX, id, en)) != NULL)
		pia_diags_add_msg(ls->d, pia_msg_get(m)->level, id, ls->file,
		    line, NULL, NULL, ja2, en2);
	else
		pia_diag(ls->d, PIA_M_OOM, ls->file, line, NULL);
	free(ja);
	free(en);
	free(ja2);
	free(en2);
}

static int
is_sch(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST SCH_NS) &&
	    (name == NULL || xmlStrEqual(n->name, BAD_CAST name));
}

static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, BAD_CAST name);
}

static const char *
ns_uri(const struct schema *s, const char *prefix, size_t len)
{
	size_t i;

	for (i = 0; i < s->nns; i++)
		if (strlen(s->ns[i].prefix) == len &&
		    strncmp(s->ns[i].prefix, prefix, len) == 0)
			return s->ns[i].uri;
	if (len == 3 && strncmp(prefix, "xml", 3) == 0)
		return "http://www.w3.org/XML/1998/namespace";
	return NULL;
}

static int
name_char(int c, int first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    (c & 0x80) || (!first && ((c >= '0' && c <= '9') || c == '-' ||
	    c == '.'));
}

/*
 * What libxml2 only finds when evaluating: unknown prefixes, functions
 * and variables.  A light scan of the expression: string literals are
 * skipped, a QName followed by "(" is a function call unless it is a
 * node type test, a "$QName" a variable reference.
 */
static int
check_names(struct load *ls, const xmlNode *n, const char *id,
    const char *expr)
{
	const struct schema	*s = &ls->r->sch[ls->r->nsch - 1];
	const char		*p = expr, *b, *colon;
	char			 name[128];
	size_t			 len, i;
	int			 var, bad = 0;

	while (*p) {
		if (*p == '"' || *p == '\'') {
			const char *q = strchr(p + 1, *p);

			p = q ? q + 1 : p + strlen(p);
			continue;
		}
		if (*p == '$' || name_char((unsigned char)*p, 1)) {
			var = *p == '$';
			if (var)
				p++;
			b = p;
			colon = NULL;
			while (name_char((unsigned char)*p, 0) ||
			    (*p == ':' && p[1] != ':' && colon == NULL &&
			    name_char((unsigned char)p[1], 1)))
				if (*p++ == ':')
					colon = p - 1;
			len = (size_t)(p - b);
			if (len == 0 || len >= sizeof(name))
				continue;
			memcpy(name, b, len);
			name[len] = '\0';
			if (colon != NULL && p[0] != ':' &&
			    ns_uri(s, b, (size_t)(colon - b)) == NULL &&
			    !(p[0] == '*')) {
				name[colon - b] = '\0';
				load_error(ls, n, id,
				    PIA_M_SCH_PREFIX_UNDECLARED, name);
				bad = 1;
				continue;
			}
			if (var) {
				for (i = ls->nscope; i > 0; i--)
					if (strcmp(ls->scope[i - 1], name) == 0)
						break;
				if (i == 0) {
					load_error(ls, n, id,
					    PIA_M_SCH_VAR_UNDEFINED, name);
					bad = 1;
				}
				continue;
			}
			{
				const char *q = p;

				while (*q == ' ' || *q == '\t' || *q == '\n' ||
				    *q == '\r')
					q++;
				if (*q != '(' || p[0] == ':')
					continue;
			}
			if (colon == NULL) {
				if (strcmp(name, "and") == 0 ||
				    strcmp(name, "or") == 0 ||
				    strcmp(name, "div") == 0 ||
				    strcmp(name, "mod") == 0 ||
				    strcmp(name, "node") == 0 ||
				    strcmp(name, "text") == 0 ||
				    strcmp(name, "comment") == 0 ||
				    strcmp(name, "processing-instruction") == 0 ||
				    xpfunc_core(name))
					continue;
			} else {
				const char *u = ns_uri(s, b,
				    (size_t)(colon - b));

				if (u != NULL && strcmp(u, PIA_FUNC_NS) == 0 &&
				    xpfunc_known(name + (colon - b) + 1))
					continue;
			}
			load_error(ls, n, id, PIA_M_SCH_FUNC_UNKNOWN, name);
			bad = 1;
			continue;
		}
		p++;
	}
	return bad ? -1 : 0;
}

/*
 * Whether the alternative [b, e) of a rule context starts with a name test
 * whose predicates do not depend on position: then "//x[p]/y" may be
 * evaluated as "/descendant::x[p]/y", which libxml2 does in one walk
 * instead of a child step from every node.  Positional predicates
 * (position(), last(), a number) keep the "//" form.
 */
static int
first_step_plain(const char *b, const char *e)
{
	const char	*p = b;
	int		 depth = 0;
	char		 q = 0;

	if (!name_char((unsigned char)*p, 1) && *p != '*')
		return 0;
	for (; p < e; p++) {
		if (q) {
			if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '"' || *p == '\'')
			q = *p;
		else if (*p == '[') {
			const char *d = p + 1;

			while (*d == ' ')
				d++;
			if (*d >= '0' && *d <= '9')
				return 0;
			depth++;
		} else if (*p == ']')
			depth--;
		else if (depth == 0 && *p == ':' && p[1] == ':')
			return 0;	/* an axis: keep "//" */
		else if (depth == 0 && *p == '/')
			break;
		else if (depth > 0 && (strncmp(p, "position", 8) == 0 ||
		    strncmp(p, "last", 4) == 0))
			return 0;
	}
	return 1;
}

/* The end of the alternative starting at p in a union "a | b | c": the
 * next "|" outside quotes, brackets and parentheses, or the final NUL. */
static const char *
alt_end(const char *p)
{
	int	 depth = 0;
	char	 q = 0;

	for (; *p != '\0'; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'')
			q = *p;
		else if (*p == '[' || *p == '(')
			depth++;
		else if (*p == ']' || *p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			break;
	}
	return p;
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

/* Compiles expr; with as_pattern, a rule context ("a:x | a:y") is turned
 * into an expression over the whole document ("//a:x | //a:y"). */
static xmlXPathCompExpr *
compile(struct load *ls, const xmlNode *n, const char *id, const char *what,
    const char *expr, int as_pattern)
{
	xmlXPathCompExpr	*c;
	char			*buf = NULL, *o;
	const char		*p, *start;

	if (expr == NULL || *expr == '\0') {
		load_error(ls, n, id, PIA_M_SCH_ATTR_MISSING, what);
		return NULL;
	}
	if (check_names(ls, n, id, expr) == -1)
		return NULL;
	if (as_pattern) {
		if ((buf = malloc(strlen(expr) * 14 + 16)) == NULL)
			return NULL;
		o = buf;
		for (start = expr; ; start = p + 1) {
			p = alt_end(start);
			start = skip_space(start);
			if (o != buf)
				*o++ = '|';
			if (*start != '/')
				o += sprintf(o, "%s", first_step_plain(start, p) ?
				    "/descendant::" : "//");
			memcpy(o, start, (size_t)(p - start));
			o += p - start;
			if (*p == '\0')
				break;
		}
		*o = '\0';
	}
	ls->st.nerr = 0;
	ls->st.err[0] = '\0';
	c = xmlXPathCtxtCompile(ls->xp, BAD_CAST(buf ? buf : expr));
	if (c == NULL)
		load_error(ls, n, id, PIA_M_SCH_XPATH_SYNTAX,
		    *ls->st.err ? ls->st.err : expr);
	free(buf);
	return c;
}

/*
 * "a:*[pia:f()]" (every element of a namespace whose pia:f() is true): f
 * is called directly on each element of the index.  -1 when the
 * alternative has another form (then the whole context is evaluated).
 */
static int
star_alt(struct load *ls, struct rule *u, const char *b, const char *colon,
    const char *end)
{
	const struct schema	*s = &ls->r->sch[ls->r->nsch - 1];
	const char		*uri = ns_uri(s, b, (size_t)(colon - b));
	const char		*p = colon + 2, *fb, *fc = NULL, *fu;
	char			 name[64], *expr;
	xmlXPathFunction	 fn;
	struct alt		*a;

	if (uri == NULL || *p != '[')
		return -1;
	for (fb = ++p; name_char((unsigned char)*p, p == fb) ||
	    (*p == ':' && fc == NULL); p++)
		if (*p == ':')
			fc = p;
	if (fc == NULL || strncmp(p, "()]", 3) != 0 ||
	    (size_t)(p - fc - 1) >= sizeof(name))
		return -1;
	if ((fu = ns_uri(s, fb, (size_t)(fc - fb))) == NULL ||
	    strcmp(fu, PIA_FUNC_NS) != 0)
		return -1;
	memcpy(name, fc + 1, (size_t)(p - fc - 1));
	name[p - fc - 1] = '\0';
	if ((fn = xpfunc_lookup(name)) == NULL)
		return -1;
	p += 3;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' ||
	    *p == '\r'))
		p++;
	/* More predicates or steps: one evaluation per element would cost
	 * more than the predicates inside one evaluation. */
	if (p < end)
		return -1;
	if ((a = grow(&u->alts, &u->nalts, sizeof(*a))) == NULL ||
	    (a->uri = strdup(uri)) == NULL)
		return -1;
	a->fast = fn;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' ||
	    *p == '\r'))
		p++;
	if (p < end) {
		if (asprintf(&expr, "self::%.*s*%.*s", (int)(colon - b + 1), b,
		    (int)(end - p), p) < 0)
			return -1;
		a->self = xmlXPathCtxtCompile(ls->xp, BAD_CAST expr);
		free(expr);
		if (a->self == NULL)
			return -1;
	}
	return 0;
}

/* Splits a rule context into its alternatives; when each starts with a
 * plain element name (first_step_plain), compiles "self::" + each into
 * u->alts.  Otherwise leaves u->alts NULL. */
static int
make_alts(struct load *ls, const xmlNode *n, const char *id, struct rule *u,
    const char *ctx)
{
	const struct schema	*s = &ls->r->sch[ls->r->nsch - 1];
	const char		*p, *start, *b, *colon, *e, *uri;
	char			*expr;
	struct alt		*a;

	for (start = ctx; ; start = p + 1) {
		p = alt_end(start);
		start = skip_space(start);
		if (!first_step_plain(start, p) || *start == '*')
			goto plain;
		for (b = start, colon = NULL, e = b; name_char((unsigned char)*e,
		    e == b) || (*e == ':' && colon == NULL); e++)
			if (*e == ':')
				colon = e;
		if (colon != NULL && colon[1] == '*') {
			if (star_alt(ls, u, b, colon, p) == -1)
				goto plain;
			if (*p == '\0')
				break;
			continue;
		}
		uri = colon ? ns_uri(s, b, (size_t)(colon - b)) : NULL;
		if ((colon && uri == NULL) ||
		    (a = grow(&u->alts, &u->nalts, sizeof(*a))) == NULL)
			goto plain;
		a->local = strndup(colon ? colon + 1 : b, (size_t)(e -
		    (colon ? colon + 1 : b)));
		a->uri = uri ? strdup(uri) : NULL;
		if (asprintf(&expr, "self::%.*s", (int)(p - start), start) < 0)
			return -1;
		ls->st.nerr = 0;
		a->self = xmlXPathCtxtCompile(ls->xp, BAD_CAST expr);
		free(expr);
		if (a->local == NULL || a->self == NULL)
			goto plain;
		if (*p == '\0')
			break;
	}
	return 0;
plain:
	/* not indexable: the whole context is evaluated */
	(void)n;
	(void)id;
	while (u->nalts > 0) {
		a = &u->alts[--u->nalts];
		free(a->local);
		free(a->uri);
		xmlXPathFreeCompExpr(a->self);
	}
	free(u->alts);
	u->alts = NULL;
	return 0;
}

static int
scope_push(struct load *ls, const char *name)
{
	if (ls->nscope == sizeof(ls->scope) / sizeof(ls->scope[0]))
		return -1;
	ls->scope[ls->nscope++] = name;
	return 0;
}

static int
load_let(struct load *ls, xmlNode *n, struct lets *l, const char *id)
{
	struct let	*v;
	char		*name = attr(n, "name"), *val = attr(n, "value");
	int		 rc = -1;

	if (name == NULL || *name == '\0') {
		load_error(ls, n, id, PIA_M_SCH_LET_NO_NAME);
		goto out;
	}
	if (val == NULL) {
		load_error(ls, n, id, PIA_M_SCH_LET_NO_VALUE, name);
		goto out;
	}
	if ((v = grow(&l->v, &l->n, sizeof(*v))) == NULL)
		goto out;
	v->name = name;
	name = NULL;
	if ((v->comp = compile(ls, n, id, "value", val, 0)) == NULL)
		goto out;
	if (scope_push(ls, v->name) == -1)
		goto out;
	rc = 0;
out:
	xmlFree(name);
	xmlFree(val);
	return rc;
}

char *
sch_squeeze(const char *s)
{
	char		*o = malloc(strlen(s) + 1), *w = o;
	const char	*e;

	if (o == NULL)
		return NULL;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	while (*s) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			int nl = 0;

			for (e = s; *e == ' ' || *e == '\n' || *e == '\t' ||
			    *e == '\r'; e++)
				nl |= *e == '\n';
			if (*e == '\0')
				break;
			if (!(nl && w > o && (w[-1] & 0x80) && (*e & 0x80)))
				*w++ = ' ';
			s = e;
			continue;
		}
		*w++ = *s++;
	}
	*w = '\0';
	return o;
}

static const char *
lang_of(const xmlNode *n)
{
	xmlChar		*l = xmlNodeGetLang(n);
	int		 en = l != NULL && strncmp((char *)l, "en", 2) == 0;

	xmlFree(l);
	return en ? "en" : "ja";
}

static int
msg_add(struct msg *m, int type, const char *text, xmlXPathCompExpr *c)
{
	struct part *p;

	if (type == P_TEXT && m->n > 0 && m->v[m->n - 1].type == P_TEXT) {
		char *s;

		if (asprintf(&s, "%s%s", m->v[m->n - 1].text, text) < 0)
			return -1;
		free(m->v[m->n - 1].text);
		m->v[m->n - 1].text = s;
		return 0;
	}
	if ((p = grow(&m->v, &m->n, sizeof(*p))) == NULL)
		return -1;
	p->type = type;
	p->comp = c;
	if (text != NULL && (p->text = strdup(text)) == NULL)
		return -1;
	return 0;
}

static int
load_msg(struct load *ls, xmlNode *n, struct msg *m, const char *id)
{
	xmlNode	*c;
	char	*sel;
	int	 rc = 0;

	for (c = n->children; c != NULL && rc == 0; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			rc = msg_add(m, P_TEXT, (const char *)c->content, NULL);
		else if (is_sch(c, "value-of") || is_sch(c, "name")) {
			xmlXPathCompExpr *x = NULL;
			int value = is_sch(c, "value-of");

			sel = attr(c, value ? "select" : "path");
			if (sel != NULL || value)
				if ((x = compile(ls, c, id, "select", sel,
				    0)) == NULL)
					rc = -1;
			xmlFree(sel);
			if (rc == 0)
				rc = msg_add(m, value ? P_VALUE : P_NAME, NULL,
				    x);
		} else if (is_sch(c, "emph") || is_sch(c, "dir") ||
		    is_sch(c, "span"))
			rc = load_msg(ls, c, m, id);
		else if (c->type == XML_ELEMENT_NODE && is_sch(c, NULL)) {
			load_error(ls, c, id, PIA_M_SCH_MSG_UNSUPPORTED,
			    (const char *)c->name);
			rc = -1;
		}
	}
	return rc;
}

static xmlNode *
find_diagnostic(struct load *ls, const char *id)
{
	xmlNode	*c;
	char	*v;
	int	 eq;

	if (ls->diagnostics == NULL)
		return NULL;
	for (c = ls->diagnostics->children; c != NULL; c = c->next) {
		if (!is_sch(c, "diagnostic"))
			continue;
		v = attr(c, "id");
		eq = v != NULL && strcmp(v, id) == 0;
		xmlFree(v);
		if (eq)
			return c;
	}
	return NULL;
}

static int
id_taken(const struct pia_rules *r, const char *id)
{
	size_t i, j, k;

	if (r == NULL)
		return 0;
	for (i = 0; i < r->npat; i++)
		for (j = 0; j < r->pat[i].n; j++)
			for (k = 0; k < r->pat[i].v[j].n; k++)
				if (strcmp(r->pat[i].v[j].v[k].id, id) == 0)
					return 1;
	return 0;
}

static char *
inherited_source(const xmlNode *n)
{
	xmlChar *s;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if ((s = xmlGetNsProp(n, BAD_CAST "source",
		    BAD_CAST PIA_FUNC_NS)) != NULL)
			return (char *)s;
	return NULL;
}

/*
 * Tests that begin with a single call of a pia: function without
 * arguments, "pia:f()", "not(pia:f())" or "pia:f() = ''", optionally
 * followed by " or ..." (asserts only): the call is made directly, without
 * an XPath evaluation per node; when it does not settle the test, the
 * compiled test is evaluated as usual.  The text and required rule sets
 * ask such a question of every element.
 */
static void
fast_test(struct load *ls, struct check *c, const char *t)
{
	const struct schema	*s = &ls->r->sch[ls->r->nsch - 1];
	const char		*p = t, *b, *colon;
	char			 name[64];
	int			 kind = FAST_BOOL;
	size_t			 len;

	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	if (strncmp(p, "not(", 4) == 0) {
		kind = FAST_NOT;
		p += 4;
	}
	for (b = p, colon = NULL; name_char((unsigned char)*p, p == b) ||
	    (*p == ':' && colon == NULL); p++)
		if (*p == ':')
			colon = p;
	if (colon == NULL || strncmp(p, "()", 2) != 0 ||
	    (len = (size_t)(p - colon - 1)) >= sizeof(name))
		return;
	{
		const char *u = ns_uri(s, b, (size_t)(colon - b));

		if (u == NULL || strcmp(u, PIA_FUNC_NS) != 0)
			return;
	}
	memcpy(name, colon + 1, len);
	name[len] = '\0';
	p += 2;
	if (kind == FAST_NOT) {
		if (*p++ != ')')
			return;
	} else {
		while (*p == ' ')
			p++;
		if (strncmp(p, "= ''", 4) == 0) {
			kind = FAST_EMPTY;
			p += 4;
		}
	}
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	if (*p != '\0' && (c->report || strncmp(p, "or", 2) != 0 ||
	    name_char((unsigned char)p[2], 0)))
		return;
	c->fast = xpfunc_lookup(name);
	c->fast_kind = c->fast ? kind : 0;
	c->fast_alone = *p == '\0';
}

/* The message m as a description of its check: "…" for each computed
 * part.  Malloc'd; NULL when out of memory. */
static char *
describe(const struct msg *m, const char *gap)
{
	size_t	 i, len = 1;
	char	*s, *out;

	for (i = 0; i < m->n; i++)
		len += m->v[i].type == P_TEXT ? strlen(m->v[i].text) :
		    strlen(gap);
	if ((s = malloc(len)) == NULL)
		return NULL;
	*s = '\0';
	for (i = 0; i < m->n; i++)
		strcat(s, m->v[i].type == P_TEXT ? m->v[i].text : gap);
	out = sch_squeeze(s);
	free(s);
	return out;
}

static int
load_check(struct load *ls, xmlNode *n, struct rule *u)
{
	struct check	*c;
	char		*id = attr(n, "id"), *role = NULL, *test = NULL;
	char		*subj = NULL, *diags = NULL, *src;
	const char	*own;
	int		 rc = -1, i;

	if (id == NULL || *id == '\0') {
		load_error(ls, n, NULL, PIA_M_SCH_NO_ID, (const char *)n->name);
		goto out;
	}
	if (id_taken(ls->r, id) || id_taken(ls->main, id)) {
		load_error(ls, n, id, PIA_M_SCH_ID_TWICE);
		goto out;
	}
	if ((c = grow(&u->v, &u->n, sizeof(*c))) == NULL)
		goto out;
	c->id = id;
	id = NULL;
	c->on = 1;
	c->report = is_sch(n, "report");
	c->line = xmlGetLineNo(n);
	c->schema = ls->r->nsch - 1;
	c->level = PIA_ERROR;
	if ((role = attr(n, "role")) != NULL) {
		if (strcmp(role, "error") == 0 || strcmp(role, "fatal") == 0)
			c->level = PIA_ERROR;
		else if (strcmp(role, "warning") == 0 ||
		    strcmp(role, "warn") == 0)
			c->level = PIA_WARNING;
		else if (strcmp(role, "info") == 0 ||
		    strcmp(role, "information") == 0)
			c->level = PIA_INFO;
		else {
			load_error(ls, n, c->id, PIA_M_SCH_ROLE, role);
			goto out;
		}
	}
	src = inherited_source(n);
	c->source = src ? strdup(src) : NULL;
	xmlFree(src);
	test = attr(n, "test");
	if ((c->test = compile(ls, n, c->id, "test", test, 0)) == NULL)
		goto out;
	fast_test(ls, c, test);
	if ((subj = attr(n, "subject")) != NULL &&
	    (c->subject = compile(ls, n, c->id, "subject", subj, 0)) == NULL)
		goto out;
	own = lang_of(n);
	i = strcmp(own, "en") == 0;
	if (load_msg(ls, n, &c->msg[i], c->id) == -1)
		goto out;
	if ((diags = attr(n, "diagnostics")) != NULL) {
		char *save, *t;

		for (t = strtok_r(diags, " \t\n", &save); t != NULL;
		    t = strtok_r(NULL, " \t\n", &save)) {
			xmlNode *dn = find_diagnostic(ls, t);

			if (dn == NULL) {
				load_error(ls, n, c->id,
				    PIA_M_SCH_NO_DIAGNOSTIC, t);
				goto out;
			}
			i = strcmp(lang_of(dn), "en") == 0;
			msg_free(&c->msg[i]);
			if (load_msg(ls, dn, &c->msg[i], c->id) == -1)
				goto out;
		}
	}
	/* described in the other language when one has no message, as
	 * fire() does with the findings */
	/* The computed parts as the catalogue shows its placeholders
	 * (pia_msg_readable): … in Japanese, ... in English. */
	if ((c->desc[0] = describe(&c->msg[0], "…")) == NULL ||
	    (c->desc[1] = describe(&c->msg[1], "...")) == NULL)
		goto out;
	for (i = 0; i < 2; i++)
		if (*c->desc[i] == '\0' && *c->desc[!i] != '\0') {
			free(c->desc[i]);
			if ((c->desc[i] = strdup(c->desc[!i])) == NULL)
				goto out;
		}
	rc = 0;
out:
	xmlFree(id);
	xmlFree(role);
	xmlFree(test);
	xmlFree(subj);
	xmlFree(diags);
	return rc;
}

static int
load_rule(struct load *ls, xmlNode *n, struct pattern *p)
{
	struct rule	*u;
	xmlNode		*c;
	char		*ctx = NULL, *subj = NULL, *id = attr(n, "id");
	size_t		 scope = ls->nscope;
	int		 rc = -1;

	if ((ctx = attr(n, "abstract")) != NULL && strcmp(ctx, "true") == 0) {
		load_error(ls, n, id, PIA_M_SCH_ABSTRACT_RULE);
		goto out;
	}
	xmlFree(ctx);
	if ((u = grow(&p->v, &p->n, sizeof(*u))) == NULL)
		goto out;
	ctx = attr(n, "context");
	if ((u->context = compile(ls, n, id, "context", ctx, 1)) == NULL)
		goto out;
	if (make_alts(ls, n, id, u, ctx) == -1)
		goto out;
	if ((subj = attr(n, "subject")) != NULL &&
	    (u->subject = compile(ls, n, id, "subject", subj, 0)) == NULL)
		goto out;
	for (c = n->children; c != NULL; c = c->next) {
		if (!is_sch(c, NULL))
			continue;
		if (is_sch(c, "let")) {
			if (load_let(ls, c, &u->lets, id) == -1)
				goto out;
		} else if (is_sch(c, "assert") || is_sch(c, "report")) {
			if (load_check(ls, c, u) == -1)
				goto out;
		} else if (!is_sch(c, "p") && !is_sch(c, "title")) {
			load_error(ls, c, id, PIA_M_SCH_RULE_UNSUPPORTED,
			    (const char *)c->name);
			goto out;
		}
	}
	rc = 0;
out:
	ls->nscope = scope;
	xmlFree(ctx);
	xmlFree(subj);
	xmlFree(id);
	return rc;
}

static int
load_pattern(struct load *ls, xmlNode *n)
{
	struct pattern	*p;
	xmlNode		*c;
	char		*a;
	size_t		 scope = ls->nscope;
	int		 rc = -1;

	if ((a = attr(n, "abstract")) != NULL || (a = attr(n, "is-a")) != NULL) {
		load_error(ls, n, NULL, PIA_M_SCH_ABSTRACT_PATTERN);
		xmlFree(a);
		return -1;
	}
	if ((p = grow(&ls->r->pat, &ls->r->npat, sizeof(*p))) == NULL)
		return -1;
	p->schema = ls->r->nsch - 1;
	for (c = n->children; c != NULL; c = c->next) {
		if (!is_sch(c, NULL))
			continue;
		if (is_sch(c, "let")) {
			if (load_let(ls, c, &p->lets, NULL) == -1)
				goto out;
		} else if (is_sch(c, "rule")) {
			if (load_rule(ls, c, p) == -1)
				goto out;
		} else if (!is_sch(c, "p") && !is_sch(c, "title")) {
			load_error(ls, c, NULL, PIA_M_SCH_PATTERN_UNSUPPORTED,
			    (const char *)c->name);
			goto out;
		}
	}
	rc = 0;
out:
	ls->nscope = scope;
	return rc;
}

static void
capture_parse(void *ctx, xmlError *e)
{
	struct load *ls = ((xmlParserCtxt *)ctx)->_private;

	if (e->level < XML_ERR_ERROR || ls->errors > 0)
		return;
	/* libxml2's message ends in a newline; the finding does not. */
	pia_diag(ls->d, PIA_M_SCH_NOT_WELL_FORMED, ls->file, e->line, NULL,
	    e->message ? (int)strcspn(e->message, "\n") : 0,
	    e->message ? e->message : "");
	ls->errors++;
}

/* Moves the rules of src to the end of dst. */
static int
merge(struct pia_rules *dst, struct pia_rules *src)
{
	struct schema	*s;
	struct pattern	*p;
	size_t		 base = dst->nsch, i;

	if (src->nsch == 0)
		return 0;
	if ((s = realloc(dst->sch, (dst->nsch + src->nsch) *
	    sizeof(*s))) == NULL)
		return -1;
	dst->sch = s;
	if ((p = realloc(dst->pat, (dst->npat + src->npat + 1) *
	    sizeof(*p))) == NULL)
		return -1;
	dst->pat = p;
	memcpy(dst->sch + dst->nsch, src->sch, src->nsch * sizeof(*s));
	for (i = 0; i < src->npat; i++) {
		size_t j, k;

		src->pat[i].schema += base;
		for (j = 0; j < src->pat[i].n; j++)
			for (k = 0; k < src->pat[i].v[j].n; k++)
				src->pat[i].v[j].v[k].schema += base;
	}
	if (src->npat > 0)
		memcpy(dst->pat + dst->npat, src->pat, src->npat * sizeof(*p));
	dst->nsch += src->nsch;
	dst->npat += src->npat;
	free(src->sch);
	free(src->pat);
	src->sch = NULL;
	src->pat = NULL;
	src->nsch = src->npat = 0;
	return 0;
}

int
pia_rules_load(struct pia_rules *r, const char *path, struct pia_diags *d)
{
	struct load		 ls;
	struct schema		*s;
	xmlParserCtxt		*pc = NULL;
	xmlNode			*root, *c;
	char			*qb = NULL;
	int			 rc = -1;

	memset(&ls, 0, sizeof(ls));
	ls.d = d;
	ls.file = path;
	ls.main = r;
	if ((ls.r = pia_rules_new(r->today)) == NULL ||
	    (pc = xmlNewParserCtxt()) == NULL ||
	    (ls.xp = xmlXPathNewContext(NULL)) == NULL)
		goto out;
	ls.xp->error = sch_xp_error;
	ls.xp->userData = &ls.st;
	pc->_private = &ls;
	pc->sax->serror = capture_parse;
	ls.doc = xmlCtxtReadFile(pc, path, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
	if (ls.doc != NULL && ls.errors > 0) {
		xmlFreeDoc(ls.doc);
		ls.doc = NULL;
	}
	if (ls.doc == NULL) {
		if (ls.errors == 0)
			pia_diag(d, PIA_M_SCH_UNREADABLE, path, 0, NULL);
		ls.errors++;
		goto out;
	}
	root = xmlDocGetRootElement(ls.doc);
	if (!is_sch(root, "schema")) {
		load_error(&ls, root, NULL, PIA_M_SCH_NOT_SCHEMATRON, SCH_NS);
		goto out;
	}
	if ((qb = attr(root, "queryBinding")) != NULL &&
	    strcmp(qb, "xslt") != 0 && strcmp(qb, "xslt1") != 0 &&
	    strcmp(qb, "xpath") != 0 && strcmp(qb, "xpath1") != 0) {
		load_error(&ls, root, NULL, PIA_M_SCH_QUERY_BINDING, qb);
		goto out;
	}
	if ((s = grow(&ls.r->sch, &ls.r->nsch, sizeof(*s))) == NULL ||
	    (s->file = strdup(path)) == NULL)
		goto out;
	for (c = root->children; c != NULL; c = c->next) {
		if (is_sch(c, "diagnostics"))
			ls.diagnostics = c;
		if (is_sch(c, "title") && s->title == NULL) {
			xmlChar *t = xmlNodeGetContent(c);

			s->title = t != NULL ? sch_squeeze((char *)t) : NULL;
			xmlFree(t);
			if (s->title == NULL)
				goto out;
		}
	}
	for (c = root->children; c != NULL; c = c->next) {
		if (!is_sch(c, NULL))
			continue;
		if (is_sch(c, "ns")) {
			struct ns *n = grow(&s->ns, &s->nns, sizeof(*n));

			if (n == NULL)
				goto out;
			n->prefix = attr(c, "prefix");
			n->uri = attr(c, "uri");
			if (n->prefix == NULL || n->uri == NULL) {
				load_error(&ls, c, NULL,
				    PIA_M_SCH_NS_INCOMPLETE);
				goto out;
			}
		} else if (is_sch(c, "let")) {
			if (load_let(&ls, c, &s->lets, NULL) == -1)
				goto out;
		} else if (is_sch(c, "pattern")) {
			if (load_pattern(&ls, c) == -1)
				goto out;
		} else if (is_sch(c, "include") || is_sch(c, "extends")) {
			load_error(&ls, c, NULL, PIA_M_SCH_UNSUPPORTED,
			    (const char *)c->name);
			goto out;
		} else if (!is_sch(c, "title") && !is_sch(c, "p") &&
		    !is_sch(c, "phase") && !is_sch(c, "diagnostics")) {
			load_error(&ls, c, NULL, PIA_M_SCH_UNSUPPORTED,
			    (const char *)c->name);
			goto out;
		}
	}
	if (ls.errors == 0 && merge(r, ls.r) == 0)
		rc = 0;
out:
	if (rc == -1 && ls.errors == 0)
		pia_diag(d, PIA_M_OOM, path, 0, NULL);
	xmlFree(qb);
	xmlFreeDoc(ls.doc);
	xmlFreeParserCtxt(pc);
	if (ls.xp != NULL)
		xmlXPathFreeContext(ls.xp);
	pia_rules_free(ls.r);
	return rc;
}

int
pia_rules_load_builtin(struct pia_rules *r, struct pia_diags *d)
{
	const char *const	*n;
	char			 rel[128], *path;
	int			 rc = 0;

	for (n = pia_rules_builtin; *n != NULL; n++) {
		snprintf(rel, sizeof(rel), "validators/rules/%s.sch", *n);
		if ((path = pia_data_path(rel)) == NULL) {
			pia_diag(d, PIA_M_SCH_BUILTIN_MISSING, rel, 0, NULL);
			rc = -1;
			continue;
		}
		if (pia_rules_load(r, path, d) == -1)
			rc = -1;
		free(path);
	}
	return rc;
}

size_t
pia_rules_check_count(const struct pia_rules *r)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->npat; i++)
		for (j = 0; j < r->pat[i].n; j++)
			n += r->pat[i].v[j].n;
	return n;
}

const struct check *
pia_rules_check(const struct pia_rules *r, size_t n)
{
	size_t i, j;

	for (i = 0; i < r->npat; i++)
		for (j = 0; j < r->pat[i].n; j++) {
			if (n < r->pat[i].v[j].n)
				return &r->pat[i].v[j].v[n];
			n -= r->pat[i].v[j].n;
		}
	return NULL;
}

const char *
pia_rules_file(const struct pia_rules *r, size_t i)
{
	return i < r->nsch ? r->sch[i].file : NULL;
}

const char *
pia_rules_title(const struct pia_rules *r, size_t i)
{
	return i < r->nsch ? r->sch[i].title : NULL;
}

int
pia_rules_match(const char *list, const char *id)
{
	char	*s, *t, *save;
	int	 hit = 0;

	if ((s = strdup(list)) == NULL)
		return 0;
	for (t = strtok_r(s, ", ", &save); t != NULL && !hit;
	    t = strtok_r(NULL, ", ", &save))
		hit = fnmatch(t, id, 0) == 0;
	free(s);
	return hit;
}

int
pia_rules_wanted(const struct pia_rules *r, const char *id)
{
	if (id == NULL)
		return 1;
	if (r->only != NULL && !pia_rules_match(r->only, id))
		return 0;
	if (r->skip != NULL && pia_rules_match(r->skip, id))
		return 0;
	return 1;
}

int
pia_rules_filter(struct pia_rules *r, const char *only, const char *skip)
{
	size_t i, j, k;

	free(r->only);
	free(r->skip);
	r->only = only ? strdup(only) : NULL;
	r->skip = skip ? strdup(skip) : NULL;
	if ((only != NULL && r->only == NULL) ||
	    (skip != NULL && r->skip == NULL))
		return -1;
	for (i = 0; i < r->npat; i++)
		for (j = 0; j < r->pat[i].n; j++)
			for (k = 0; k < r->pat[i].v[j].n; k++) {
				struct check *c = &r->pat[i].v[j].v[k];

				c->on = pia_rules_wanted(r, c->id);
			}
	return 0;
}
