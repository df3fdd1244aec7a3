/*
 * sch_eval.c: the evaluating half of the rule engine.  Runs the rules
 * that sch_compile.c compiled on one document: for each pattern, the
 * nodes of each rule context (from an index of the document's elements
 * by name), the lets in scope, then each assert and report; a failed
 * assert or a successful report becomes a finding whose message is built
 * from its text and value-of parts, in Japanese and English.
 *
 * The compiled rules are only read: the XPath context, the variables, the
 * set of nodes already matched in a pattern and the element index live in
 * a struct sch_eval, one per thread.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "pia.h"
#include "pia_validators.h"
#include "sch.h"

/* Variables in scope while evaluating. */
struct var {
	const char		*name;
	xmlXPathObject		*val;
};

/* Elements of one name, in document order. */
struct nodes {
	const xmlChar	 *name;
	xmlNode		**v;
	size_t		  n, cap;
};

struct sch_eval {
	const struct pia_rules	*r;		/* during a run */
	xmlXPathContext		*xp;
	xmlXPathParserContext	*pctx;		/* for the fast tests */
	struct xpstate		 st;
	struct var		*vars;
	size_t			 nvars, capvars;
	const void		**seen;		/* pointer set, open addressing */
	size_t			 capseen;
	size_t			*used;		/* slots of seen in use */
	size_t			 nused;
	struct nodes		*idx;		/* element index, open addressing */
	size_t			 capidx, nidx;
	struct nodes		 all;		/* every element, in document order */
};

static xmlXPathObject *
var_lookup(void *ctx, const xmlChar *name, const xmlChar *uri)
{
	struct sch_eval	*e = ctx;
	size_t		 i;

	if (uri != NULL)
		return NULL;
	for (i = e->nvars; i > 0; i--)
		if (strcmp(e->vars[i - 1].name, (const char *)name) == 0)
			return xmlXPathObjectCopy(e->vars[i - 1].val);
	return NULL;
}

static void
vars_pop(struct sch_eval *e, size_t to)
{
	while (e->nvars > to)
		xmlXPathFreeObject(e->vars[--e->nvars].val);
}

static void
runtime_error(struct sch_eval *e, const char *id, long line, size_t schema,
    struct pia_diags *d)
{
	const char	*err = *e->st.err ? e->st.err :
			    pia_msg_fmt(PIA_M_SCH_XPATH_ERROR, "en");
	char		*ja, *en;

	if (id == NULL) {
		pia_diag(d, PIA_M_SCH_RUNTIME, e->r->sch[schema].file, line, NULL,
		    pia_doc_name(e->st.doc), err);
		return;
	}
	/* under the id of the check */
	ja = pia_msg_str("ja", PIA_M_SCH_RUNTIME, pia_doc_name(e->st.doc), err);
	en = pia_msg_str("en", PIA_M_SCH_RUNTIME, pia_doc_name(e->st.doc), err);
	if (ja != NULL && en != NULL)
		pia_diags_add_msg(d, PIA_ERROR, id, e->r->sch[schema].file,
		    line, NULL, NULL, ja, en);
	else
		pia_diag(d, PIA_M_OOM, e->r->sch[schema].file, line, NULL);
	free(ja);
	free(en);
}

/* Evaluates lets with the context node n and pushes them. */
static int
lets_push(struct sch_eval *e, const struct lets *l, xmlNode *n)
{
	xmlXPathObject	*o;
	size_t		 i;

	for (i = 0; i < l->n; i++) {
		e->xp->node = n;
		e->st.nerr = 0;
		if ((o = xmlXPathCompiledEval(l->v[i].comp, e->xp)) == NULL)
			return -1;
		if (e->nvars == e->capvars) {
			size_t		 cap = e->capvars ? e->capvars * 2 : 32;
			struct var	*v = realloc(e->vars, cap * sizeof(*v));

			if (v == NULL) {
				xmlXPathFreeObject(o);
				return -1;
			}
			e->vars = v;
			e->capvars = cap;
		}
		e->vars[e->nvars].name = l->v[i].name;
		e->vars[e->nvars++].val = o;
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
claim(struct sch_eval *e, const void *n, size_t *count)
{
	size_t h;

	if ((*count + 1) * 2 > e->capseen) {
		size_t		 cap = e->capseen ? e->capseen * 2 : 1024, i;
		const void	**old = e->seen, **nw = calloc(cap, sizeof(*nw));
		size_t		*used = malloc(cap / 2 * sizeof(*used));

		if (nw == NULL || used == NULL) {
			free(nw);
			free(used);
			return -1;
		}
		e->nused = 0;
		for (i = 0; i < e->capseen; i++)
			if (old[i] != NULL) {
				h = hashp(old[i], cap);
				while (nw[h] != NULL)
					h = (h + 1) & (cap - 1);
				nw[h] = old[i];
				used[e->nused++] = h;
			}
		free(old);
		free(e->used);
		e->seen = nw;
		e->used = used;
		e->capseen = cap;
	}
	h = hashp(n, e->capseen);
	while (e->seen[h] != NULL) {
		if (e->seen[h] == n)
			return 0;
		h = (h + 1) & (e->capseen - 1);
	}
	e->seen[h] = n;
	e->used[e->nused++] = h;
	(*count)++;
	return 1;
}

/* Empties the set, touching only the slots in use. */
static void
unclaim_all(struct sch_eval *e)
{
	while (e->nused > 0)
		e->seen[e->used[--e->nused]] = NULL;
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

static char *
build_msg(struct sch_eval *e, const struct msg *m, xmlNode *n, int en)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	char		*out;

	e->st.lang = en ? "en" : "ja";
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
				e->xp->node = n;
				o = xmlXPathCompiledEval(p->comp, e->xp);
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
	out = b.s ? sch_squeeze(b.s) : NULL;
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
fire(struct sch_eval *e, const struct check *c, xmlXPathCompExpr *subj,
    xmlNode *n, struct pia_diags *d)
{
	xmlNode		*at = n;
	char		*ja = NULL, *en = NULL, *xp = NULL;
	int		 rc = -1;

	if (subj != NULL) {
		xmlXPathObject *o;

		e->xp->node = n;
		o = xmlXPathCompiledEval(subj, e->xp);
		if (o != NULL && o->type == XPATH_NODESET && o->nodesetval &&
		    o->nodesetval->nodeNr > 0)
			at = o->nodesetval->nodeTab[0];
		xmlXPathFreeObject(o);
	}
	ja = build_msg(e, &c->msg[0], n, 0);
	en = build_msg(e, &c->msg[1], n, 1);
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
	rc = pia_diags_add_msg(d, c->level, c->id, pia_doc_name(e->st.doc),
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
index_slot(struct sch_eval *e, const xmlChar *name, int add)
{
	size_t h;

	if (add && (e->nidx + 1) * 2 > e->capidx) {
		/* grow: rehash the names in use, keep every vector */
		struct nodes	*old = e->idx, *nw;
		size_t		 cap = e->capidx * 2, i, k;

		if ((nw = calloc(cap, sizeof(*nw))) == NULL)
			return NULL;
		for (i = 0; i < e->capidx; i++) {
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
		e->idx = nw;
		e->capidx = cap;
	}
	h = hashp(name, e->capidx);

	while (e->idx[h].name != NULL) {
		if (e->idx[h].name == name)
			return &e->idx[h];
		h = (h + 1) & (e->capidx - 1);
	}
	if (!add)
		return NULL;
	e->idx[h].name = name;
	e->nidx++;
	return &e->idx[h];
}

static int
index_walk(struct sch_eval *e, xmlNode *n)
{
	struct nodes	*v;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = index_slot(e, n->name, 1)) == NULL)
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
		if (e->all.n == e->all.cap) {
			size_t	  cap = e->all.cap ? e->all.cap * 2 : 1024;
			xmlNode	**nv = realloc(e->all.v, cap * sizeof(*nv));

			if (nv == NULL)
				return -1;
			e->all.v = nv;
			e->all.cap = cap;
		}
		e->all.v[e->all.n++] = n;
		if (index_walk(e, n->children) == -1)
			return -1;
	}
	return 0;
}

static int
index_build(struct sch_eval *e, xmlDoc *x)
{
	if (e->idx == NULL) {
		e->capidx = 1024;	/* > 2 x the names of the vocabulary */
		if ((e->idx = calloc(e->capidx, sizeof(*e->idx))) == NULL)
			return -1;
	}
	return index_walk(e, xmlDocGetRootElement(x));
}

static void
index_clear(struct sch_eval *e)
{
	size_t i;

	for (i = 0; e->idx != NULL && i < e->capidx; i++) {
		e->idx[i].name = NULL;
		e->idx[i].n = 0;
	}
	e->nidx = 0;
	e->all.n = 0;
}

/* Elements named local, or NULL. */
static struct nodes *
index_get(struct sch_eval *e, xmlDoc *x, const char *local)
{
	const xmlChar *name;

	name = x->dict ? xmlDictExists(x->dict, BAD_CAST local, -1) : NULL;
	if (name == NULL) {
		/* no dictionary: compare the strings */
		size_t i;

		if (x->dict != NULL)
			return NULL;
		for (i = 0; i < e->capidx; i++)
			if (e->idx[i].name != NULL &&
			    strcmp((const char *)e->idx[i].name, local) == 0)
				return &e->idx[i];
		return NULL;
	}
	return index_slot(e, name, 0);
}

/* Calls pia function fn on the context node: 1 or 0 (its result as a
 * boolean), -1 on an error. */
static int
fast_call(struct sch_eval *e, xmlXPathFunction fn)
{
	xmlXPathObject	*o;
	int		 b;

	e->pctx->error = 0;
	e->pctx->valueNr = 0;
	fn(e->pctx, 0);
	if (e->pctx->error != 0 || (o = valuePop(e->pctx)) == NULL)
		return -1;
	b = xmlXPathCastToBoolean(o);
	xmlXPathFreeObject(o);
	return b;
}

/* The nodes a rule context matches, in document order.  Nodes are added
 * without libxml2's duplicate scan (quadratic in the set's size): a node
 * two alternatives both match is dropped by claim(). */
static xmlXPathObject *
context_nodes(struct sch_eval *e, const struct rule *u, xmlDoc *x)
{
	xmlXPathObject	*all, *o;
	struct nodes	*v;
	size_t		 i, m;

	e->xp->node = (xmlNode *)x;
	if (u->alts == NULL)
		return xmlXPathCompiledEval(u->context, e->xp);
	if ((all = xmlXPathNewNodeSet(NULL)) == NULL)
		return NULL;
	for (i = 0; i < u->nalts; i++) {
		if (u->alts[i].local == NULL)
			v = &e->all;
		else if ((v = index_get(e, x, u->alts[i].local)) == NULL)
			continue;
		for (m = 0; m < v->n; m++) {
			xmlNode *n = v->v[m];

			if ((u->alts[i].uri == NULL) != (n->ns == NULL) ||
			    (n->ns != NULL && strcmp((const char *)n->ns->href,
			    u->alts[i].uri) != 0))
				continue;
			if (u->alts[i].fast != NULL) {
				e->xp->node = n;
				if (fast_call(e, u->alts[i].fast) != 1)
					continue;
				if (u->alts[i].self == NULL) {
					xmlXPathNodeSetAddUnique(all->nodesetval, n);
					continue;
				}
			}
			e->xp->node = n;
			if ((o = xmlXPathCompiledEval(u->alts[i].self,
			    e->xp)) == NULL) {
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
fast_eval(struct sch_eval *e, const struct check *c)
{
	xmlXPathObject	*o;
	int		 b;

	e->pctx->error = 0;
	e->pctx->valueNr = 0;
	c->fast(e->pctx, 0);
	if (e->pctx->error != 0 || (o = valuePop(e->pctx)) == NULL)
		return -1;
	if (c->fast_kind == FAST_EMPTY)
		b = o->type == XPATH_STRING && o->stringval != NULL &&
		    o->stringval[0] == '\0';
	else
		b = xmlXPathCastToBoolean(o) == (c->fast_kind == FAST_BOOL);
	xmlXPathFreeObject(o);
	return b;
}

struct sch_eval *
sch_eval_new(void)
{
	struct sch_eval	*e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	if ((e->xp = xmlXPathNewContext(NULL)) == NULL)
		goto fail;
	e->xp->error = sch_xp_error;
	e->xp->userData = &e->st;
	/* reuse XPath objects instead of malloc and free for each */
	xmlXPathContextSetCache(e->xp, 1, 500, 0);
	xmlXPathRegisterVariableLookup(e->xp, var_lookup, e);
	if ((e->pctx = xmlXPathNewParserContext(BAD_CAST "", e->xp)) == NULL)
		goto fail;
	/* xmlXPathNewParserContext leaves the value stack to the compiler */
	if (e->pctx->valueTab == NULL) {
		if ((e->pctx->valueTab = xmlMalloc(16 *
		    sizeof(xmlXPathObjectPtr))) == NULL)
			goto fail;
		e->pctx->valueMax = 16;
		e->pctx->valueNr = 0;
	}
	if (xpfunc_register(e->xp) == -1)
		goto fail;
	return e;
fail:
	sch_eval_free(e);
	return NULL;
}

void
sch_eval_free(struct sch_eval *e)
{
	size_t i;

	if (e == NULL)
		return;
	if (e->pctx != NULL)
		xmlXPathFreeParserContext(e->pctx);
	if (e->xp != NULL)
		xmlXPathFreeContext(e->xp);
	xpstate_free(&e->st);
	free(e->vars);
	free(e->seen);
	free(e->used);
	for (i = 0; e->idx != NULL && i < e->capidx; i++)
		free(e->idx[i].v);
	free(e->idx);
	free(e->all.v);
	free(e);
}

/* Runs the checks of rule u on node n, a node of its context that no
 * earlier rule of the pattern matched; pbase is the variable stack of
 * the pattern.  Returns the number of findings, or -1 on a system
 * failure. */
static int
run_node(struct sch_eval *e, const struct rule *u, xmlNode *n, size_t pbase,
    size_t schema, struct pia_diags *d)
{
	size_t	 k;
	int	 found = 0, b;

	vars_pop(e, pbase);
	if (lets_push(e, &u->lets, n) == -1) {
		runtime_error(e, u->n ? u->v[0].id : NULL, 0, schema, d);
		return 1;
	}
	for (k = 0; k < u->n; k++) {
		const struct check *c = &u->v[k];

		if (!c->on)
			continue;
		e->xp->node = n;
		e->st.nerr = 0;
		/* A fast test that answers 1 settles the check, but for a
		 * report with more after the call; anything else is
		 * evaluated in full. */
		b = c->fast ? fast_eval(e, c) : -1;
		if (b != 1 || (c->fast_alone == 0 && c->report)) {
			e->xp->node = n;
			b = xmlXPathCompiledEvalToBoolean(c->test, e->xp);
		}
		if (b < 0) {
			runtime_error(e, c->id, c->line, schema, d);
			found++;
			continue;
		}
		if (b == c->report) {
			if (fire(e, c, c->subject ? c->subject : u->subject, n,
			    d) == -1)
				return -1;
			found++;
		}
	}
	return found;
}

/* Runs pattern p: each node of the document is checked by the first rule
 * of the pattern whose context matches it.  Returns the number of
 * findings, or -1 on a system failure. */
static int
run_pattern(struct sch_eval *e, const struct pattern *p, xmlDoc *x,
    size_t base, struct pia_diags *d)
{
	size_t		 j, k, m, pbase, seen = 0;
	int		 found = 0, b, any;

	vars_pop(e, base);
	if (lets_push(e, &p->lets, (xmlNode *)x) == -1) {
		runtime_error(e, NULL, 0, p->schema, d);
		return 1;
	}
	pbase = e->nvars;
	unclaim_all(e);
	for (j = 0; j < p->n; j++) {
		const struct rule	*u = &p->v[j];
		xmlXPathObject		*o;
		xmlNodeSet		*ns;

		for (k = 0, any = 0; k < u->n; k++)
			any |= u->v[k].on;
		if (!any)
			continue;
		e->st.nerr = 0;
		if ((o = context_nodes(e, u, x)) == NULL) {
			runtime_error(e, u->n ? u->v[0].id : NULL, 0, p->schema,
			    d);
			found++;
			continue;
		}
		ns = o->type == XPATH_NODESET ? o->nodesetval : NULL;
		for (m = 0; ns != NULL && m < (size_t)ns->nodeNr; m++) {
			if ((b = claim(e, ns->nodeTab[m], &seen)) == 1)
				b = run_node(e, u, ns->nodeTab[m], pbase,
				    p->schema, d);
			if (b == -1) {
				xmlXPathFreeObject(o);
				return -1;
			}
			if (b > 0)
				found += b;
		}
		xmlXPathFreeObject(o);
	}
	return found;
}

int
sch_eval_run(struct sch_eval *e, const struct pia_rules *r,
    const struct pia_doc *doc, const struct pia_vocab *vocab,
    struct pia_diags *d)
{
	xmlDoc		*x = pia_doc_xml(doc);
	size_t		 i, j, cur = (size_t)-1, base = 0;
	int		 found = 0, n, rc = -1;

	e->r = r;
	e->xp->doc = x;
	xpstate_reset(&e->st);
	e->st.doc = doc;
	e->st.vocab = vocab;
	e->st.kind = pia_doc_kind(doc);
	e->st.today = r->today;
	e->st.lang = "ja";
	e->nvars = 0;
	if (index_build(e, x) == -1)
		goto out;
	for (i = 0; i < r->npat; i++) {
		const struct pattern *p = &r->pat[i];

		/* a new rule file: its namespaces and lets */
		if (p->schema != cur) {
			const struct schema *s = &r->sch[p->schema];

			vars_pop(e, 0);
			xmlXPathRegisteredNsCleanup(e->xp);
			for (j = 0; j < s->nns; j++)
				xmlXPathRegisterNs(e->xp, BAD_CAST s->ns[j].prefix,
				    BAD_CAST s->ns[j].uri);
			cur = p->schema;
			if (lets_push(e, &s->lets, (xmlNode *)x) == -1) {
				runtime_error(e, NULL, 0, cur, d);
				found++;
				continue;
			}
			base = e->nvars;
		}
		if ((n = run_pattern(e, p, x, base, d)) == -1)
			goto out;
		found += n;
	}
	rc = found;
out:
	vars_pop(e, 0);
	index_clear(e);
	e->xp->doc = NULL;
	e->xp->node = NULL;
	e->r = NULL;
	return rc;
}
