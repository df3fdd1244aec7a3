/*
 * sch.c: a rule engine for a subset of ISO Schematron (ISO/IEC 19757-3)
 * with XPath 1.0 as query language, on libxml2's XPath.  Every expression
 * is compiled once when the rule file is loaded and evaluated on each
 * document.  libxml2's own Schematron module is not used (deprecated
 * upstream, no let, no role, English-only messages).
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
 */
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "pia.h"
#include "pia_validators.h"
#include "xpfunc.h"

#define SCH_NS	"http://purl.oclc.org/dsdl/schematron"

const char *const pia_rules_builtin[] = {
	"required", "thresholds", "procedure", "consistency", "text", NULL
};

enum { P_TEXT, P_VALUE, P_NAME };

struct part {
	int			 type;
	char			*text;
	xmlXPathCompExpr	*comp;
};

struct msg {
	struct part	*v;
	size_t		 n;
};

struct let {
	char			*name;
	xmlXPathCompExpr	*comp;
};

struct lets {
	struct let	*v;
	size_t		 n;
};

struct check {
	char			*id;
	int			 report;
	int			 on;
	enum pia_level		 level;
	xmlXPathCompExpr	*test, *subject;
	xmlXPathFunction	 fast;		/* see fast_test() */
	int			 fast_kind, fast_alone;
	struct msg		 msg[2];	/* ja, en */
	char			*source;
	long			 line;
	size_t			 schema;
};

/* An alternative of a rule context whose first step is a plain element
 * name: evaluated from the document's index of elements by name, as
 * "self::" + the alternative, instead of a walk of the whole document. */
struct alt {
	char			*local, *uri;	/* local NULL: any name (a:*) */
	xmlXPathCompExpr	*self;		/* NULL: nothing more to test */
	xmlXPathFunction	 fast;		/* a:*[pia:f()]: f called directly */
};

struct rule {
	xmlXPathCompExpr	*context, *subject;
	struct alt		*alts;		/* NULL: evaluate context */
	size_t			 nalts;
	struct lets		 lets;
	struct check		*v;
	size_t			 n;
};

struct pattern {
	size_t		 schema;
	struct lets	 lets;
	struct rule	*v;
	size_t		 n;
};

struct ns {
	char	*prefix, *uri;
};

struct schema {
	char		*file;
	struct ns	*ns;
	size_t		 nns;
	struct lets	 lets;
};

struct nodes {
	const xmlChar	 *name;
	xmlNode		**v;
	size_t		  n, cap;
};

/* Variables in scope while evaluating. */
struct var {
	const char		*name;
	xmlXPathObject		*val;
};

struct pia_rules {
	struct schema	*sch;
	size_t		 nsch;
	struct pattern	*pat;
	size_t		 npat;
	char		 today[11];
	char		*only, *skip;
	/* evaluation */
	xmlXPathContext	*xp;
	xmlXPathParserContext *pctx;	/* for the fast tests */
	struct xpstate	 st;
	struct var	*vars;
	size_t		 nvars, capvars;
	const void	**seen;		/* pointer set, open addressing */
	size_t		 capseen;
	size_t		*used;		/* slots of seen in use */
	size_t		 nused;
	struct nodes	*idx;		/* element index, open addressing */
	size_t		 capidx, nidx;
	struct nodes	 all;		/* every element, in document order */
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
	time_t			 t;
	struct tm		 tm;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if (today != NULL && pia_date_valid(today))
		snprintf(r->today, sizeof(r->today), "%s", today);
	else {
		t = time(NULL);
		localtime_r(&t, &tm);
		strftime(r->today, sizeof(r->today), "%Y-%m-%d", &tm);
	}
	return r;
}

void
pia_rules_free(struct pia_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	rules_clear(r);
	if (r->pctx != NULL)
		xmlXPathFreeParserContext(r->pctx);
	if (r->xp != NULL)
		xmlXPathFreeContext(r->xp);
	xpstate_free(&r->st);
	free(r->vars);
	free(r->seen);
	free(r->used);
	for (i = 0; r->idx != NULL && i < r->capidx; i++)
		free(r->idx[i].v);
	free(r->idx);
	free(r->all.v);
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

static void
xp_error(void *ctx, xmlError *e)
{
	struct xpstate *st = ctx;

	if (st->nerr++ == 0)
		snprintf(st->err, sizeof(st->err), "%s", e->message ?
		    e->message : "XPath error");
	{
		size_t n = strlen(st->err);

		while (n > 0 && (st->err[n - 1] == '\n' || st->err[n - 1] == ' '))
			st->err[--n] = '\0';
	}
}

static void
load_error(struct load *ls, const xmlNode *n, const char *id,
    const char *fmt_ja, const char *fmt_en, const char *a, const char *b)
{
	char ja[1024], en[1024];

	snprintf(ja, sizeof(ja), fmt_ja, a ? a : "", b ? b : "");
	snprintf(en, sizeof(en), fmt_en, a ? a : "", b ? b : "");
	if (id != NULL) {
		char ja2[1100], en2[1100];

		snprintf(ja2, sizeof(ja2), "規則 %s: %s", id, ja);
		snprintf(en2, sizeof(en2), "rule %s: %s", id, en);
		pia_diags_add_msg(ls->d, PIA_ERROR, id, ls->file,
		    n ? xmlGetLineNo(n) : 0, NULL, NULL, ja2, en2);
	} else
		pia_diags_add_msg(ls->d, PIA_ERROR, "rules", ls->file,
		    n ? xmlGetLineNo(n) : 0, NULL, NULL, ja, en);
	ls->errors++;
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
				load_error(ls, n, id, "名前空間接頭辞 %s が sch:ns "
				    "で宣言されていません%s", "namespace prefix "
				    "%s is not declared with sch:ns%s", name, "");
				bad = 1;
				continue;
			}
			if (var) {
				for (i = ls->nscope; i > 0; i--)
					if (strcmp(ls->scope[i - 1], name) == 0)
						break;
				if (i == 0) {
					load_error(ls, n, id, "変数 $%s は定義され"
					    "ていません (let で定義)%s",
					    "variable $%s is not defined (define "
					    "it with let)%s", name, "");
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
			load_error(ls, n, id, "不明な関数 %s() です%s",
			    "unknown function %s()%s", name, "");
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
		load_error(ls, n, id, "%s 属性がありません%s",
		    "the %s attribute is missing%s", what, "");
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
		load_error(ls, n, id, "XPath の構文誤り: %s", "XPath syntax "
		    "error: %s", *ls->st.err ? ls->st.err : expr, "");
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
		load_error(ls, n, id, "let に name 属性がありません%s%s",
		    "let without a name attribute%s%s", "", "");
		goto out;
	}
	if (val == NULL) {
		load_error(ls, n, id, "let %s: value 属性のない let は"
		    "未対応です%s", "let %s: let without a value attribute is "
		    "not supported%s", name, "");
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
			load_error(ls, c, id, "メッセージ中の sch:%s は未対応です%s",
			    "sch:%s is not supported in a message%s",
			    (const char *)c->name, "");
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
enum { FAST_BOOL = 1, FAST_NOT, FAST_EMPTY };

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

static int
load_check(struct load *ls, xmlNode *n, struct rule *u)
{
	struct check	*c;
	char		*id = attr(n, "id"), *role = NULL, *test = NULL;
	char		*subj = NULL, *diags = NULL, *src;
	const char	*own;
	int		 rc = -1, i;

	if (id == NULL || *id == '\0') {
		load_error(ls, n, NULL, "%s に id 属性がありません (結果に規則 id "
		    "として表示されます)", "%s without an id attribute (findings "
		    "show it as the rule id)", (const char *)n->name, "");
		goto out;
	}
	if (id_taken(ls->r, id) || id_taken(ls->main, id)) {
		load_error(ls, n, id, "id が重複しています%s%s",
		    "the id is used twice%s%s", "", "");
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
			load_error(ls, n, c->id, "role「%s」は error、warning、"
			    "info のいずれかです%s", "role \"%s\" must be error, "
			    "warning or info%s", role, "");
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
				load_error(ls, n, c->id, "diagnostic %s が"
				    "ありません%s", "no diagnostic %s%s", t, "");
				goto out;
			}
			i = strcmp(lang_of(dn), "en") == 0;
			msg_free(&c->msg[i]);
			if (load_msg(ls, dn, &c->msg[i], c->id) == -1)
				goto out;
		}
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
		load_error(ls, n, id, "抽象規則 (abstract) は未対応です%s%s",
		    "abstract rules are not supported%s%s", "", "");
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
			load_error(ls, c, id, "rule の中の sch:%s は未対応です%s",
			    "sch:%s is not supported in a rule%s",
			    (const char *)c->name, "");
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
		load_error(ls, n, NULL, "抽象パターン (abstract, is-a) は未対応"
		    "です%s%s", "abstract patterns (abstract, is-a) are not "
		    "supported%s%s", "", "");
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
			load_error(ls, c, NULL, "pattern の中の sch:%s は未対応"
			    "です%s", "sch:%s is not supported in a pattern%s",
			    (const char *)c->name, "");
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
	pia_diags_add(ls->d, PIA_ERROR, "rules", ls->file, e->line, NULL,
	    NULL, "規則ファイルが整形式ではありません: %s",
	    "the rule file is not well-formed: %s", e->message ?
	    e->message : "");
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
	ls.xp->error = xp_error;
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
			pia_diags_add(d, PIA_ERROR, "rules", path, 0, NULL, NULL,
			    "規則ファイルを読めません", "cannot read the rule file");
		ls.errors++;
		goto out;
	}
	root = xmlDocGetRootElement(ls.doc);
	if (!is_sch(root, "schema")) {
		load_error(&ls, root, NULL, "ISO Schematron の文書ではありません "
		    "(根要素は名前空間 %s の schema)%s", "not an ISO Schematron "
		    "document (the root must be schema in namespace %s)%s",
		    SCH_NS, "");
		goto out;
	}
	if ((qb = attr(root, "queryBinding")) != NULL &&
	    strcmp(qb, "xslt") != 0 && strcmp(qb, "xslt1") != 0 &&
	    strcmp(qb, "xpath") != 0 && strcmp(qb, "xpath1") != 0) {
		load_error(&ls, root, NULL, "queryBinding「%s」は未対応です "
		    "(XPath 1.0: xslt、xpath)%s", "queryBinding \"%s\" is not "
		    "supported (XPath 1.0: xslt, xpath)%s", qb, "");
		goto out;
	}
	if ((s = grow(&ls.r->sch, &ls.r->nsch, sizeof(*s))) == NULL ||
	    (s->file = strdup(path)) == NULL)
		goto out;
	for (c = root->children; c != NULL; c = c->next)
		if (is_sch(c, "diagnostics"))
			ls.diagnostics = c;
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
				load_error(&ls, c, NULL, "sch:ns には prefix と "
				    "uri が必要です%s%s", "sch:ns needs prefix "
				    "and uri%s%s", "", "");
				goto out;
			}
		} else if (is_sch(c, "let")) {
			if (load_let(&ls, c, &s->lets, NULL) == -1)
				goto out;
		} else if (is_sch(c, "pattern")) {
			if (load_pattern(&ls, c) == -1)
				goto out;
		} else if (is_sch(c, "include") || is_sch(c, "extends")) {
			load_error(&ls, c, NULL, "sch:%s は未対応です%s",
			    "sch:%s is not supported%s",
			    (const char *)c->name, "");
			goto out;
		} else if (!is_sch(c, "title") && !is_sch(c, "p") &&
		    !is_sch(c, "phase") && !is_sch(c, "diagnostics")) {
			load_error(&ls, c, NULL, "sch:%s は未対応です%s",
			    "sch:%s is not supported%s",
			    (const char *)c->name, "");
			goto out;
		}
	}
	if (ls.errors == 0 && merge(r, ls.r) == 0)
		rc = 0;
out:
	if (rc == -1 && ls.errors == 0)
		pia_diags_add(d, PIA_ERROR, "rules", path, 0, NULL, NULL,
		    "規則ファイルを読み込めません (メモリ不足)",
		    "cannot load the rule file (out of memory)");
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
			pia_diags_add(d, PIA_ERROR, "rules", rel, 0, NULL, NULL,
			    "組み込みの規則ファイルが見つかりません",
			    "built-in rule file not found");
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

static struct check *
nth_check(const struct pia_rules *r, size_t n)
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

int
pia_rules_check_info(const struct pia_rules *r, size_t i, const char **id,
    enum pia_level *level, const char **source, const char **file, long *line)
{
	struct check *c = nth_check(r, i);

	if (c == NULL || !c->on)
		return -1;
	*id = c->id;
	*level = c->level;
	*source = c->source;
	*file = r->sch[c->schema].file;
	*line = c->line;
	return 0;
}

size_t
pia_rules_count(const struct pia_rules *r)
{
	size_t i, n = 0;

	for (i = 0; i < pia_rules_check_count(r); i++)
		n += nth_check(r, i)->on;
	return n;
}

static int
matches(const char *list, const char *id)
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
	if (r->only != NULL && !matches(r->only, id))
		return 0;
	if (r->skip != NULL && matches(r->skip, id))
		return 0;
	return 1;
}

void
pia_rules_filter(struct pia_rules *r, const char *only, const char *skip)
{
	size_t i;

	free(r->only);
	free(r->skip);
	r->only = only ? strdup(only) : NULL;
	r->skip = skip ? strdup(skip) : NULL;
	for (i = 0; i < pia_rules_check_count(r); i++) {
		struct check *c = nth_check(r, i);

		c->on = pia_rules_wanted(r, c->id);
	}
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                           */
/* ------------------------------------------------------------------ */

static xmlXPathObject *
var_lookup(void *ctx, const xmlChar *name, const xmlChar *uri)
{
	struct pia_rules	*r = ctx;
	size_t			 i;

	if (uri != NULL)
		return NULL;
	for (i = r->nvars; i > 0; i--)
		if (strcmp(r->vars[i - 1].name, (const char *)name) == 0)
			return xmlXPathObjectCopy(r->vars[i - 1].val);
	return NULL;
}

static void
vars_pop(struct pia_rules *r, size_t to)
{
	while (r->nvars > to)
		xmlXPathFreeObject(r->vars[--r->nvars].val);
}

static void
runtime_error(struct pia_rules *r, const char *id, long line, size_t schema,
    struct pia_diags *d)
{
	pia_diags_add(d, PIA_ERROR, id ? id : "rules", r->sch[schema].file,
	    line, NULL, NULL, "規則を評価できません (%s): %s",
	    "cannot evaluate the rule (%s): %s", pia_doc_name(r->st.doc),
	    *r->st.err ? r->st.err : "XPath error");
}

/* Evaluates lets with the context node n and pushes them. */
static int
lets_push(struct pia_rules *r, const struct lets *l, xmlNode *n)
{
	xmlXPathObject	*o;
	size_t		 i;

	for (i = 0; i < l->n; i++) {
		r->xp->node = n;
		r->st.nerr = 0;
		if ((o = xmlXPathCompiledEval(l->v[i].comp, r->xp)) == NULL)
			return -1;
		if (r->nvars == r->capvars) {
			size_t		 cap = r->capvars ? r->capvars * 2 : 32;
			struct var	*v = realloc(r->vars, cap * sizeof(*v));

			if (v == NULL) {
				xmlXPathFreeObject(o);
				return -1;
			}
			r->vars = v;
			r->capvars = cap;
		}
		r->vars[r->nvars].name = l->v[i].name;
		r->vars[r->nvars++].val = o;
	}
	return 0;
}

static size_t
hashp(const void *p, size_t cap)
{
	unsigned long long x = (unsigned long long)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

/* Marks n as matched in this pattern; 0 when it already was. */
static int
claim(struct pia_rules *r, const void *n, size_t *count)
{
	size_t h;

	if ((*count + 1) * 2 > r->capseen) {
		size_t		 cap = r->capseen ? r->capseen * 2 : 1024, i;
		const void	**old = r->seen, **nw = calloc(cap, sizeof(*nw));
		size_t		*used = malloc(cap / 2 * sizeof(*used));

		if (nw == NULL || used == NULL) {
			free(nw);
			free(used);
			return -1;
		}
		r->nused = 0;
		for (i = 0; i < r->capseen; i++)
			if (old[i] != NULL) {
				h = hashp(old[i], cap);
				while (nw[h] != NULL)
					h = (h + 1) & (cap - 1);
				nw[h] = old[i];
				used[r->nused++] = h;
			}
		free(old);
		free(r->used);
		r->seen = nw;
		r->used = used;
		r->capseen = cap;
	}
	h = hashp(n, r->capseen);
	while (r->seen[h] != NULL) {
		if (r->seen[h] == n)
			return 0;
		h = (h + 1) & (r->capseen - 1);
	}
	r->seen[h] = n;
	r->used[r->nused++] = h;
	(*count)++;
	return 1;
}

/* Empties the set, touching only the slots in use. */
static void
unclaim_all(struct pia_rules *r)
{
	while (r->nused > 0)
		r->seen[r->used[--r->nused]] = NULL;
}

struct buf {
	char	*s;
	size_t	 n, cap;
};

static int
buf_add(struct buf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		size_t	 cap = (b->n + len + 1) * 2;
		char	*p = realloc(b->s, cap);

		if (p == NULL)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
	return 0;
}

/* Whitespace of the rule file: runs become one space, none between two
 * non-ASCII characters (Japanese text broken over lines), trimmed. */
static char *
squeeze(const char *s)
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

static char *
build_msg(struct pia_rules *r, const struct msg *m, xmlNode *n, int en)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	char		*out;

	r->st.lang = en ? "en" : "ja";
	buf_add(&b, "", 0);
	for (i = 0; i < m->n; i++) {
		const struct part *p = &m->v[i];

		if (p->type == P_TEXT)
			buf_add(&b, p->text, strlen(p->text));
		else {
			xmlXPathObject	*o = NULL;
			xmlChar		*s = NULL;
			xmlNode		*t = n;

			if (p->comp != NULL) {
				r->xp->node = n;
				o = xmlXPathCompiledEval(p->comp, r->xp);
			}
			if (p->type == P_VALUE && o != NULL)
				s = xmlXPathCastToString(o);
			else if (p->type == P_NAME) {
				if (o != NULL && o->type == XPATH_NODESET &&
				    o->nodesetval && o->nodesetval->nodeNr > 0)
					t = o->nodesetval->nodeTab[0];
				else if (o != NULL)
					t = NULL;
				s = xmlStrdup(t && t->name ? t->name :
				    BAD_CAST "");
			}
			if (s != NULL)
				buf_add(&b, (char *)s, strlen((char *)s));
			xmlFree(s);
			xmlXPathFreeObject(o);
		}
	}
	out = b.s ? squeeze(b.s) : NULL;
	free(b.s);
	return out;
}

/* The element a finding points at: the node itself, the owner of an
 * attribute, the parent of a text node. */
static xmlNode *
element_of(xmlNode *n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->parent;
	return n;
}

static int
fire(struct pia_rules *r, const struct check *c, xmlXPathCompExpr *subj,
    xmlNode *n, struct pia_diags *d)
{
	xmlNode		*at = n;
	char		*ja = NULL, *en = NULL, *xp = NULL;
	int		 rc = -1;

	if (subj != NULL) {
		xmlXPathObject *o;

		r->xp->node = n;
		o = xmlXPathCompiledEval(subj, r->xp);
		if (o != NULL && o->type == XPATH_NODESET && o->nodesetval &&
		    o->nodesetval->nodeNr > 0)
			at = o->nodesetval->nodeTab[0];
		xmlXPathFreeObject(o);
	}
	ja = build_msg(r, &c->msg[0], n, 0);
	en = build_msg(r, &c->msg[1], n, 1);
	if (ja == NULL || en == NULL)
		goto out;
	if (*ja == '\0' && *en != '\0') {
		free(ja);
		ja = strdup(en);
	} else if (*en == '\0') {
		free(en);
		en = strdup(ja);
	}
	if (ja == NULL || en == NULL)
		goto out;
	if (at->type == XML_ATTRIBUTE_NODE) {
		char *p = pia_node_xpath(at->parent);

		if (p != NULL && asprintf(&xp, "%s/@%s", p, at->name) < 0)
			xp = NULL;
		free(p);
	} else if ((at = element_of(at)) != NULL &&
	    at->type == XML_ELEMENT_NODE)
		xp = pia_node_xpath(at);
	else
		xp = strdup("/");
	rc = pia_diags_add_msg(d, c->level, c->id, pia_doc_name(r->st.doc),
	    at ? pia_node_line(element_of(at)) : 0, xp, c->source, ja, en);
out:
	free(ja);
	free(en);
	free(xp);
	return rc;
}

/* The element index: names as interned in the document's dictionary
 * (compared as pointers), each with its elements in document order. */
static struct nodes *
index_slot(struct pia_rules *r, const xmlChar *name, int add)
{
	size_t h;

	if (add && (r->nidx + 1) * 2 > r->capidx) {
		/* grow: rehash the names in use, keep every vector */
		struct nodes	*old = r->idx, *nw;
		size_t		 cap = r->capidx * 2, i, k;

		if ((nw = calloc(cap, sizeof(*nw))) == NULL)
			return NULL;
		for (i = 0; i < r->capidx; i++) {
			if (old[i].name == NULL) {
				free(old[i].v);
				continue;
			}
			for (k = hashp(old[i].name, cap); nw[k].name != NULL;
			    k = (k + 1) & (cap - 1))
				continue;
			nw[k] = old[i];
		}
		free(old);
		r->idx = nw;
		r->capidx = cap;
	}
	h = hashp(name, r->capidx);

	while (r->idx[h].name != NULL) {
		if (r->idx[h].name == name)
			return &r->idx[h];
		h = (h + 1) & (r->capidx - 1);
	}
	if (!add)
		return NULL;
	r->idx[h].name = name;
	r->nidx++;
	return &r->idx[h];
}

static int
index_walk(struct pia_rules *r, xmlNode *n)
{
	struct nodes	*v;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = index_slot(r, n->name, 1)) == NULL)
			return -1;
		if (v->n == v->cap) {
			size_t	  cap = v->cap ? v->cap * 2 : 8;
			xmlNode	**nv = realloc(v->v, cap * sizeof(*nv));

			if (nv == NULL)
				return -1;
			v->v = nv;
			v->cap = cap;
		}
		v->v[v->n++] = n;
		if (r->all.n == r->all.cap) {
			size_t	  cap = r->all.cap ? r->all.cap * 2 : 1024;
			xmlNode	**nv = realloc(r->all.v, cap * sizeof(*nv));

			if (nv == NULL)
				return -1;
			r->all.v = nv;
			r->all.cap = cap;
		}
		r->all.v[r->all.n++] = n;
		if (index_walk(r, n->children) == -1)
			return -1;
	}
	return 0;
}

static int
index_build(struct pia_rules *r, xmlDoc *x)
{
	if (r->idx == NULL) {
		r->capidx = 1024;	/* > 2 x the names of the vocabulary */
		if ((r->idx = calloc(r->capidx, sizeof(*r->idx))) == NULL)
			return -1;
	}
	return index_walk(r, xmlDocGetRootElement(x));
}

static void
index_clear(struct pia_rules *r)
{
	size_t i;

	for (i = 0; r->idx != NULL && i < r->capidx; i++) {
		r->idx[i].name = NULL;
		r->idx[i].n = 0;
	}
	r->nidx = 0;
	r->all.n = 0;
}

/* Elements named local, or NULL. */
static struct nodes *
index_get(struct pia_rules *r, xmlDoc *x, const char *local)
{
	const xmlChar *name;

	name = x->dict ? xmlDictExists(x->dict, BAD_CAST local, -1) : NULL;
	if (name == NULL) {
		/* no dictionary: compare the strings */
		size_t i;

		if (x->dict != NULL)
			return NULL;
		for (i = 0; i < r->capidx; i++)
			if (r->idx[i].name != NULL &&
			    strcmp((const char *)r->idx[i].name, local) == 0)
				return &r->idx[i];
		return NULL;
	}
	return index_slot(r, name, 0);
}

/* Calls pia function fn on the context node: 1 or 0 (its result as a
 * boolean), -1 on an error. */
static int
fast_call(struct pia_rules *r, xmlXPathFunction fn)
{
	xmlXPathObject	*o;
	int		 b;

	r->pctx->error = 0;
	r->pctx->valueNr = 0;
	fn(r->pctx, 0);
	if (r->pctx->error != 0 || (o = valuePop(r->pctx)) == NULL)
		return -1;
	b = xmlXPathCastToBoolean(o);
	xmlXPathFreeObject(o);
	return b;
}

/* The nodes a rule context matches, in document order.  Nodes are added
 * without libxml2's duplicate scan (quadratic in the set's size): a node
 * two alternatives both match is dropped by claim(). */
static xmlXPathObject *
context_nodes(struct pia_rules *r, const struct rule *u, xmlDoc *x)
{
	xmlXPathObject	*all, *o;
	struct nodes	*v;
	size_t		 i, m;

	r->xp->node = (xmlNode *)x;
	if (u->alts == NULL)
		return xmlXPathCompiledEval(u->context, r->xp);
	if ((all = xmlXPathNewNodeSet(NULL)) == NULL)
		return NULL;
	for (i = 0; i < u->nalts; i++) {
		if (u->alts[i].local == NULL)
			v = &r->all;
		else if ((v = index_get(r, x, u->alts[i].local)) == NULL)
			continue;
		for (m = 0; m < v->n; m++) {
			xmlNode *n = v->v[m];

			if ((u->alts[i].uri == NULL) != (n->ns == NULL) ||
			    (n->ns != NULL && strcmp((const char *)n->ns->href,
			    u->alts[i].uri) != 0))
				continue;
			if (u->alts[i].fast != NULL) {
				r->xp->node = n;
				if (fast_call(r, u->alts[i].fast) != 1)
					continue;
				if (u->alts[i].self == NULL) {
					xmlXPathNodeSetAddUnique(all->nodesetval, n);
					continue;
				}
			}
			r->xp->node = n;
			if ((o = xmlXPathCompiledEval(u->alts[i].self,
			    r->xp)) == NULL) {
				xmlXPathFreeObject(all);
				return NULL;
			}
			if (o->type == XPATH_NODESET && o->nodesetval != NULL) {
				int k;

				for (k = 0; k < o->nodesetval->nodeNr; k++)
					xmlXPathNodeSetAddUnique(all->nodesetval,
					    o->nodesetval->nodeTab[k]);
			}
			xmlXPathFreeObject(o);
		}
	}
	return all;
}

/* The fast test of c on the context node: 1 or 0, -1 when it cannot
 * tell (then the compiled test decides). */
static int
fast_eval(struct pia_rules *r, const struct check *c)
{
	xmlXPathObject	*o;
	int		 b;

	r->pctx->error = 0;
	r->pctx->valueNr = 0;
	c->fast(r->pctx, 0);
	if (r->pctx->error != 0 || (o = valuePop(r->pctx)) == NULL)
		return -1;
	if (c->fast_kind == FAST_EMPTY)
		b = o->type == XPATH_STRING && o->stringval != NULL &&
		    o->stringval[0] == '\0';
	else
		b = xmlXPathCastToBoolean(o) == (c->fast_kind == FAST_BOOL);
	xmlXPathFreeObject(o);
	return b;
}

static int
setup_context(struct pia_rules *r)
{
	if (r->xp != NULL)
		return 0;
	if ((r->xp = xmlXPathNewContext(NULL)) == NULL)
		return -1;
	r->xp->error = xp_error;
	r->xp->userData = &r->st;
	/* reuse XPath objects instead of malloc and free for each */
	xmlXPathContextSetCache(r->xp, 1, 500, 0);
	xmlXPathRegisterVariableLookup(r->xp, var_lookup, r);
	if ((r->pctx = xmlXPathNewParserContext(BAD_CAST "", r->xp)) == NULL)
		return -1;
	/* xmlXPathNewParserContext leaves the value stack to the compiler */
	if (r->pctx->valueTab == NULL) {
		if ((r->pctx->valueTab = xmlMalloc(16 *
		    sizeof(xmlXPathObjectPtr))) == NULL)
			return -1;
		r->pctx->valueMax = 16;
		r->pctx->valueNr = 0;
	}
	return xpfunc_register(r->xp);
}

int
pia_rules_validate(struct pia_rules *r, const struct pia_doc *doc,
    const struct pia_vocab *vocab, struct pia_diags *d)
{
	xmlDoc		*x = pia_doc_xml(doc);
	size_t		 i, j, k, m, cur = (size_t)-1, base = 0, seen;
	int		 found = 0, b, rc = -1;

	if (setup_context(r) == -1)
		return -1;
	r->xp->doc = x;
	xpstate_reset(&r->st);
	r->st.doc = doc;
	r->st.vocab = vocab;
	r->st.kind = pia_doc_kind(doc);
	r->st.today = r->today;
	r->st.lang = "ja";
	r->nvars = 0;
	if (index_build(r, x) == -1)
		goto out;
	for (i = 0; i < r->npat; i++) {
		struct pattern	*p = &r->pat[i];
		size_t		 pbase;

		if (p->schema != cur) {
			const struct schema *s = &r->sch[p->schema];

			vars_pop(r, 0);
			xmlXPathRegisteredNsCleanup(r->xp);
			for (j = 0; j < s->nns; j++)
				xmlXPathRegisterNs(r->xp, BAD_CAST s->ns[j].prefix,
				    BAD_CAST s->ns[j].uri);
			cur = p->schema;
			if (lets_push(r, &s->lets, (xmlNode *)x) == -1) {
				runtime_error(r, NULL, 0, cur, d);
				found++;
				continue;
			}
			base = r->nvars;
		}
		vars_pop(r, base);
		if (lets_push(r, &p->lets, (xmlNode *)x) == -1) {
			runtime_error(r, NULL, 0, cur, d);
			found++;
			continue;
		}
		pbase = r->nvars;
		unclaim_all(r);
		seen = 0;
		for (j = 0; j < p->n; j++) {
			struct rule	*u = &p->v[j];
			xmlXPathObject	*o;
			xmlNodeSet	*ns;
			int		 any = 0;

			for (k = 0; k < u->n; k++)
				any |= u->v[k].on;
			if (!any)
				continue;
			r->st.nerr = 0;
			if ((o = context_nodes(r, u, x)) == NULL) {
				runtime_error(r, u->n ? u->v[0].id : NULL, 0,
				    cur, d);
				found++;
				continue;
			}
			ns = o->type == XPATH_NODESET ? o->nodesetval : NULL;
			for (m = 0; ns != NULL && m < (size_t)ns->nodeNr; m++) {
				xmlNode *n = ns->nodeTab[m];

				if ((b = claim(r, n, &seen)) == -1) {
					xmlXPathFreeObject(o);
					goto out;
				}
				if (b == 0 || !any)
					continue;
				vars_pop(r, pbase);
				if (lets_push(r, &u->lets, n) == -1) {
					runtime_error(r, u->n ? u->v[0].id :
					    NULL, 0, cur, d);
					found++;
					continue;
				}
				for (k = 0; k < u->n; k++) {
					struct check *c = &u->v[k];

					if (!c->on)
						continue;
					r->xp->node = n;
					r->st.nerr = 0;
					b = c->fast ? fast_eval(r, c) : -1;
					if (b != 1 || c->fast_alone == 0) {
						if (b != 1 || c->report) {
							r->xp->node = n;
							b = xmlXPathCompiledEvalToBoolean(
							    c->test, r->xp);
						}
					}
					if (b < 0) {
						runtime_error(r, c->id, c->line,
						    cur, d);
						found++;
						continue;
					}
					if (b == c->report) {
						if (fire(r, c, c->subject ?
						    c->subject : u->subject, n,
						    d) == -1) {
							xmlXPathFreeObject(o);
							goto out;
						}
						found++;
					}
				}
			}
			xmlXPathFreeObject(o);
		}
	}
	rc = found;
out:
	vars_pop(r, 0);
	index_clear(r);
	r->xp->doc = NULL;
	r->xp->node = NULL;
	return rc;
}
