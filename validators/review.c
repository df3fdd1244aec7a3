/*
 * review.c: pia review (pia_review.h).  Loads both revisions (XML, or
 * published text through the importer), validates the new one with the
 * one pipeline, diffs them, and matches the 変更箇所 rows that the new
 * revision adds with the differences found; then files every finding
 * under the points of the 審査の観点 and the dates of the procedure, both
 * read from validators/review-points.xml.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "pia.h"
#include "pia_buf.h"
#include "pia_i18n.h"
#include "pia_import.h"
#include "pia_review.h"

#define RV_NS	"urn:pia:review:1"

struct priv {
	struct pia_vocab	*vocab;
	struct pia_doc		*old, *new;
	struct pia_changes	*ch;
	xmlDoc			*points;
};

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static struct pia_doc *
load(const char *path, const struct pia_vocab *vocab, struct pia_diags *d)
{
	if (has_suffix(path, ".txt") || has_suffix(path, ".TXT"))
		return pia_import_file(path, NULL, vocab, PIA_KIND_NONE, NULL,
		    d);
	return pia_doc_load(path, NULL, d);
}

/* The text with every white space (ASCII and U+3000) removed, and the
 * marks of "nothing" ("-", "―", "－") as the empty string; malloc'd. */
static char *
squeeze(const char *s)
{
	char	*r, *p;

	if (s == NULL)
		s = "";
	if ((r = p = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			*p++ = *s++;
	}
	*p = '\0';
	if (strcmp(r, "-") == 0 || strcmp(r, "\xe2\x80\x95") == 0 ||
	    strcmp(r, "\xef\xbc\x8d") == 0)
		*r = '\0';
	return r;
}

/* The text of e with runs of white space made one space; malloc'd. */
static char *
text_of(const xmlNode *e)
{
	xmlChar		*c;
	struct pia_buf	 b = { NULL, 0, 0, 0 };
	const char	*s;
	int		 sp = 0;

	if (e == NULL)
		return strdup("");
	if ((c = xmlNodeGetContent(e)) == NULL)
		return strdup("");
	for (s = (const char *)c; *s == ' ' || *s == '\n' || *s == '\t'; s++)
		;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp)
			pia_buf_add(&b, " ");
		sp = 0;
		pia_buf_addn(&b, s, 1);
	}
	pia_buf_add(&b, "");
	xmlFree(c);
	return pia_buf_take(&b);
}

static const xmlNode *
child(const xmlNode *e, const char *name)
{
	for (e = e ? e->children : NULL; e != NULL; e = e->next)
		if (e->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)e->name, name) == 0)
			return e;
	return NULL;
}

static const xmlNode *
changes_of(const struct pia_doc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(pia_doc_xml(doc));

	return child(root, PIA_CHANGES_EL);
}

/* Whether OLD's 変更箇所 has a row with the same 項目, 変更前 and 変更後. */
static int
row_known(const xmlNode *oldch, const xmlNode *row)
{
	const xmlNode	*r;
	const char	*f[3] = { "item", "before", "after" };
	char		*a, *b, *ta, *tb;
	int		 i, same;

	for (r = oldch ? oldch->children : NULL; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE)
			continue;
		for (same = 1, i = 0; same && i < 3; i++) {
			ta = text_of(child(r, f[i]));
			tb = text_of(child(row, f[i]));
			a = squeeze(ta);
			b = squeeze(tb);
			same = a != NULL && b != NULL && strcmp(a, b) == 0;
			free(a);
			free(b);
			free(ta);
			free(tb);
		}
		if (same)
			return 1;
	}
	return 0;
}

/*
 * Whether the declared 項目 names the row's 項目: one of its parts (a
 * declared 項目 may list several, separated by "、") has all its words in
 * the row's 項目, in order ("リスク4 リスクに対する措置の内容" names
 * "リスク4: 特定個人情報ファイルが… リスクに対する措置の内容").  Prefixes
 * count: "委託事項6" names each field of the new entry.
 */
static int
item_names(const char *declared, const char *item)
{
	static const char	 comma[] = "\xe3\x80\x81";	/* 、 */
	char			*copy, *part, *next, *w, *sw;
	const char		*at;
	int			 ok = 0;

	if ((copy = strdup(declared)) == NULL)
		return 0;
	for (part = copy; part != NULL && !ok; part = next) {
		if ((next = strstr(part, comma)) != NULL) {
			*next = '\0';
			next += sizeof(comma) - 1;
		}
		at = item;
		ok = 1;
		for (w = strtok_r(part, " ", &sw); w && ok;
		    w = strtok_r(NULL, " ", &sw)) {
			if ((at = strstr(at, w)) == NULL)
				ok = 0;
			else
				at += strlen(w);
		}
	}
	free(copy);
	return ok;
}

/* Whether the change is in a part never declared (cover, procedures). */
static int
skipped(const xmlDoc *pts, const struct pia_change *c)
{
	const xmlNode	*n = c->new_node ? c->new_node : c->old_node;
	const xmlNode	*e, *top = NULL;
	xmlChar		*el;
	int		 skip = 0;

	for (; n != NULL && n->parent != NULL &&
	    n->parent->type == XML_ELEMENT_NODE; n = n->parent)
		top = n;
	if (top == NULL)
		return 0;
	for (e = xmlDocGetRootElement((xmlDoc *)pts)->children; e && !skip;
	    e = e->next) {
		if (e->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)e->name, "skip-section") != 0)
			continue;
		el = xmlGetProp(e, BAD_CAST "el");
		skip = el && strcmp((char *)el, (const char *)top->name) == 0;
		xmlFree(el);
	}
	return skip;
}

/* Whether the change touches an input of the しきい値判断. */
static int
threshold_input(const xmlDoc *pts, const struct pia_change *c)
{
	const xmlNode	*n = c->new_node ? c->new_node : c->old_node;
	const xmlNode	*e;
	xmlChar		*el, *parent;
	int		 hit = 0;

	if (n == NULL)
		return 0;
	for (e = xmlDocGetRootElement((xmlDoc *)pts)->children; e && !hit;
	    e = e->next) {
		if (e->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)e->name, "threshold-input") != 0)
			continue;
		el = xmlGetProp(e, BAD_CAST "el");
		parent = xmlGetProp(e, BAD_CAST "parent");
		hit = el && strcmp((char *)el, (const char *)n->name) == 0 &&
		    (parent == NULL || (n->parent && strcmp((char *)parent,
		    (const char *)n->parent->name) == 0));
		xmlFree(el);
		xmlFree(parent);
	}
	return hit;
}

/* Fills the declared rows of NEW that OLD lacks, matches them with the
 * differences and lists the differences no row declares. */
static int
match_rows(struct pia_review *r, struct priv *p, struct pia_diags *d)
{
	const xmlNode		*newch = changes_of(p->new), *row;
	const xmlNode		*oldch = changes_of(p->old);
	const struct pia_change	*c;
	struct pia_review_decl	*dc;
	size_t			 n = pia_changes_count(p->ch), i, k, cap = 0;
	char			*x, *y;
	char			*covered;
	int			 pre, thr, star;

	if ((covered = calloc(n + 1, 1)) == NULL)
		return -1;
	for (row = newch ? newch->children : NULL; row; row = row->next) {
		if (row->type != XML_ELEMENT_NODE || row_known(oldch, row))
			continue;
		if ((dc = pia_grow(r->decl, &cap, r->ndecl,
		    sizeof(*dc))) == NULL)
			goto fail;
		r->decl = dc;
		dc = &r->decl[r->ndecl++];
		memset(dc, 0, sizeof(*dc));
		dc->date = text_of(child(row, "date"));
		dc->item = text_of(child(row, "item"));
		dc->before = text_of(child(row, "before"));
		dc->after = text_of(child(row, "after"));
		dc->timing = text_of(child(row, "timing"));
		dc->reason = text_of(child(row, "reason"));
		dc->line = pia_node_line(row);
		dc->xpath = pia_node_xpath(row);
		if (!dc->date || !dc->item || !dc->before || !dc->after ||
		    !dc->timing || !dc->reason || !dc->xpath)
			goto fail;
		pre = thr = star = 0;
		for (i = 0; i < n; i++) {
			c = pia_changes_get(p->ch, i);
			if (c->kind == PIA_CH_EQUIV ||
			    !item_names(dc->item, c->item))
				continue;
			covered[i] = 1;
			star |= c->timing == PIA_TIMING_PRE;
			thr |= threshold_input(p->points, c);
			x = squeeze(c->after);
			y = squeeze(dc->after);
			if (x == NULL || y == NULL) {
				free(x);
				free(y);
				goto fail;
			}
			if (dc->made == PIA_MADE_NOT)
				dc->made = c->kind != PIA_CH_EDIT ||
				    strcmp(x, y) == 0 || strstr(y, x) != NULL ?
				    PIA_MADE_YES : PIA_MADE_OTHER;
			if (dc->made == PIA_MADE_OTHER && dc->actual == NULL &&
			    (dc->actual = strdup(c->after)) == NULL) {
				free(x);
				free(y);
				goto fail;
			}
			free(x);
			free(y);
		}
		pre = star || thr;
		dc->proposed = pia_timing_text(pia_changes_vocab(p->ch),
		    pre ? PIA_TIMING_PRE : PIA_TIMING_POST);
		if (dc->made != PIA_MADE_NOT && dc->proposed != NULL &&
		    strcmp(dc->timing, dc->proposed) != 0) {
			enum pia_msg m = thr ? PIA_M_REVIEW_WHY_THRESHOLD :
			    star ? PIA_M_REVIEW_WHY_STAR :
			    PIA_M_REVIEW_WHY_POST;

			dc->timing_bad = 1;
			dc->why_ja = pia_msg_fmt(m, "ja");
			dc->why_en = pia_msg_fmt(m, "en");
			if (pia_diag(r->findings, PIA_M_REVIEW_TIMING,
			    r->new_name, dc->line, dc->xpath, dc->timing,
			    dc->proposed, dc->why_ja, dc->why_en) == -1)
				goto fail;
		}
		if (dc->made == PIA_MADE_NOT && pia_diag(r->findings,
		    PIA_M_REVIEW_NOT_MADE, r->new_name, dc->line, dc->xpath,
		    dc->item) == -1)
			goto fail;
		if (dc->made == PIA_MADE_OTHER && pia_diag(r->findings,
		    PIA_M_REVIEW_DIFFERENT, r->new_name, dc->line, dc->xpath,
		    dc->item, dc->actual) == -1)
			goto fail;
	}
	cap = 0;
	for (i = 0; i < n; i++) {
		c = pia_changes_get(p->ch, i);
		if (covered[i] || c->kind == PIA_CH_EQUIV ||
		    skipped(p->points, c))
			continue;
		if ((r->undeclared = pia_grow(r->undeclared, &cap,
		    r->nundeclared, sizeof(size_t))) == NULL)
			goto fail;
		r->undeclared[r->nundeclared++] = i;
		k = c->new_node ? (size_t)pia_node_line(c->new_node) : 0;
		x = c->new_node ? pia_node_xpath(c->new_node) : NULL;
		if (pia_diag(r->findings, PIA_M_REVIEW_UNDECLARED, r->new_name,
		    (long)k, x, c->item, c->item_en) == -1) {
			free(x);
			goto fail;
		}
		free(x);
	}
	free(covered);
	return 0;
fail:
	free(covered);
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	return -1;
}

/* Whether rule id matches one of the comma-separated patterns. */
static int
rule_in(const char *pats, const char *id)
{
	char	*copy, *w, *sp;
	int	 hit = 0;

	if (pats == NULL || id == NULL || (copy = strdup(pats)) == NULL)
		return 0;
	for (w = strtok_r(copy, ",", &sp); w && !hit;
	    w = strtok_r(NULL, ",", &sp))
		hit = fnmatch(w, id, 0) == 0;
	free(copy);
	return hit;
}

/* The indexes of the findings (errors and warnings) whose rule matches. */
static int
finds_of(const struct pia_diags *f, const char *pats, size_t **v, size_t *n)
{
	const struct pia_diag	*g;
	size_t			 i, cap = 0;
	size_t			*nv;

	for (i = 0; i < pia_diags_count(f); i++) {
		g = pia_diags_get(f, i);
		if (g->level == PIA_INFO || !rule_in(pats, g->rule))
			continue;
		if ((nv = pia_grow(*v, &cap, *n, sizeof(size_t))) == NULL)
			return -1;
		*v = nv;
		(*v)[(*n)++] = i;
	}
	return 0;
}

static char *
prop(const xmlNode *e, const char *name)
{
	xmlChar	*v = xmlGetProp(e, BAD_CAST name);
	char	*s = v ? strdup((char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* The text of child element name of e (ja, en), or NULL. */
static char *
ctext(const xmlNode *e, const char *name)
{
	const xmlNode *c = child(e, name);

	return c ? text_of(c) : NULL;
}

/* The first node of NEW that xpath names, or NULL. */
static xmlNode *
at_node(xmlXPathContext *xc, const char *xpath)
{
	xmlXPathObject	*o;
	xmlNode		*n = NULL;

	if (xpath == NULL || (o = xmlXPathEvalExpression(BAD_CAST xpath,
	    xc)) == NULL)
		return NULL;
	if (o->type == XPATH_NODESET && o->nodesetval &&
	    o->nodesetval->nodeNr > 0)
		n = o->nodesetval->nodeTab[0];
	xmlXPathFreeObject(o);
	return n;
}

static int
add_event(struct pia_review *r, size_t *cap, const xmlNode *pt,
    const xmlNode *n)
{
	struct pia_review_event	*ev;
	char			*t;
	char			*rules;

	if ((ev = pia_grow(r->events, cap, r->nevents, sizeof(*ev))) == NULL)
		return -1;
	r->events = ev;
	ev = &r->events[r->nevents++];
	memset(ev, 0, sizeof(*ev));
	ev->key = prop(pt, "key");
	ev->ja = ctext(pt, "ja");
	ev->en = ctext(pt, "en");
	if (n != NULL && (t = text_of(n)) != NULL) {
		if (pia_date_valid(t))
			snprintf(ev->date, sizeof(ev->date), "%s", t);
		free(t);
	}
	ev->line = n ? pia_node_line(n) : 0;
	rules = prop(pt, "rules");
	if (finds_of(r->findings, rules, &ev->finds, &ev->nfinds) == -1) {
		free(rules);
		return -1;
	}
	free(rules);
	return ev->key && ev->ja && ev->en ? 0 : -1;
}

static int
cmp_event(const void *a, const void *b)
{
	const struct pia_review_event *x = a, *y = b;

	/* blank dates last; stable by key otherwise (qsort is not) */
	if (*x->date == '\0' || *y->date == '\0')
		return (*x->date == '\0') - (*y->date == '\0');
	return strcmp(x->date, y->date);
}

/* The checklist and the timeline from validators/review-points.xml. */
static int
points(struct pia_review *r, struct priv *p)
{
	xmlXPathContext		*xc = NULL;
	xmlXPathObject		*o;
	const xmlNode		*e, *q;
	struct pia_review_point	*pt;
	size_t			 pcap = 0, ecap = 0;
	char			*rules, *at, *only;
	int			 i, rc = -1;

	if ((xc = xmlXPathNewContext(pia_doc_xml(p->new))) == NULL ||
	    xmlXPathRegisterNs(xc, BAD_CAST "a", BAD_CAST PIA_NS) != 0)
		goto out;
	for (e = xmlDocGetRootElement(p->points)->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)e->name, "event") == 0) {
			at = prop(e, "at");
			only = prop(e, "new-only");
			if (only != NULL) {
				/* one event per declared row */
				for (size_t k = 0; k < r->ndecl; k++) {
					xmlNode *n = at_node(xc,
					    r->decl[k].xpath);

					if (add_event(r, &ecap, e,
					    child(n, "date")) == -1)
						goto evfail;
				}
			} else if (add_event(r, &ecap, e, at_node(xc, at)) == -1)
				goto evfail;
			free(at);
			free(only);
			continue;
evfail:
			free(at);
			free(only);
			goto out;
		}
		if (strcmp((const char *)e->name, "point") != 0)
			continue;
		if ((pt = pia_grow(r->points, &pcap, r->npoints,
		    sizeof(*pt))) == NULL)
			goto out;
		r->points = pt;
		pt = &r->points[r->npoints++];
		memset(pt, 0, sizeof(*pt));
		pt->id = prop(e, "id");
		pt->group = prop(e, "group");
		pt->ja = ctext(e, "ja");
		pt->en = ctext(e, "en");
		if (!pt->id || !pt->group || !pt->ja || !pt->en)
			goto out;
		if ((q = child(e, "question")) != NULL) {
			xmlNode *n;

			pt->question_ja = ctext(q, "ja");
			pt->question_en = ctext(q, "en");
			at = prop(q, "at");
			if ((n = at_node(xc, at)) != NULL) {
				pt->question_xpath = pia_node_xpath(n);
				pt->question_line = pia_node_line(n);
			}
			free(at);
		}
		rules = prop(e, "rules");
		i = finds_of(r->findings, rules, &pt->finds, &pt->nfinds);
		free(rules);
		if (i == -1)
			goto out;
	}
	if (r->nevents > 0)
		qsort(r->events, r->nevents, sizeof(*r->events), cmp_event);
	rc = 0;
out:
	(void)o;
	xmlXPathFreeContext(xc);
	return rc;
}

struct pia_review *
pia_review_files(const struct pia_validator *v, const char *oldpath,
    const char *newpath, struct pia_diags *d)
{
	struct pia_review	*r;
	struct priv		*p;
	char			*path = NULL;

	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (p = calloc(1, sizeof(*p))) == NULL) {
		free(r);
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		return NULL;
	}
	r->priv = p;
	if ((r->old_name = strdup(oldpath)) == NULL ||
	    (r->new_name = strdup(newpath)) == NULL ||
	    (r->findings = pia_diags_new()) == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		goto fail;
	}
	if ((p->vocab = pia_vocab_load_default(d)) == NULL)
		goto fail;
	if ((path = pia_data_path("validators/review-points.xml")) == NULL)
		goto fail;
	p->points = xmlReadFile(path, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (p->points == NULL || xmlDocGetRootElement(p->points) == NULL) {
		pia_diag(d, PIA_M_REVIEW_POINTS_BAD, path, 0, NULL, path);
		goto fail;
	}
	if ((p->old = load(oldpath, p->vocab, d)) == NULL ||
	    (p->new = load(newpath, p->vocab, d)) == NULL)
		goto fail;
	r->kind = pia_doc_kind(p->new);
	if (pia_validate_doc(v, p->new, r->findings) == -1)
		goto fail;
	if ((p->ch = pia_diff(p->vocab, p->old, p->new, 0, d)) == NULL)
		goto fail;
	r->ch = p->ch;
	if (match_rows(r, p, d) == -1)
		goto fail;
	if (points(r, p) == -1) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		goto fail;
	}
	free(path);
	return r;
fail:
	free(path);
	pia_review_free(r);
	return NULL;
}

void
pia_review_free(struct pia_review *r)
{
	struct priv	*p;
	size_t		 i;

	if (r == NULL)
		return;
	p = r->priv;
	for (i = 0; i < r->ndecl; i++) {
		free(r->decl[i].date);
		free(r->decl[i].item);
		free(r->decl[i].before);
		free(r->decl[i].after);
		free(r->decl[i].timing);
		free(r->decl[i].reason);
		free(r->decl[i].xpath);
		free(r->decl[i].actual);
	}
	free(r->decl);
	for (i = 0; i < r->npoints; i++) {
		free(r->points[i].id);
		free(r->points[i].group);
		free(r->points[i].ja);
		free(r->points[i].en);
		free(r->points[i].question_ja);
		free(r->points[i].question_en);
		free(r->points[i].question_xpath);
		free(r->points[i].finds);
	}
	free(r->points);
	for (i = 0; i < r->nevents; i++) {
		free(r->events[i].key);
		free(r->events[i].ja);
		free(r->events[i].en);
		free(r->events[i].finds);
	}
	free(r->events);
	free(r->undeclared);
	pia_diags_free(r->findings);
	free(r->old_name);
	free(r->new_name);
	if (p != NULL) {
		pia_changes_free(p->ch);
		pia_doc_free(p->old);
		pia_doc_free(p->new);
		pia_vocab_free(p->vocab);
		xmlFreeDoc(p->points);
		free(p);
	}
	free(r);
}

size_t
pia_review_count(const struct pia_review *r)
{
	return pia_diags_count_level(r->findings, PIA_ERROR) +
	    pia_diags_count_level(r->findings, PIA_WARNING);
}

char *
pia_review_section(const struct pia_review *r, const struct pia_diag *g,
    const char *lang)
{
	const struct priv	*p = r->priv;
	const struct pia_vnode	*vn;
	const char		*s, *e;
	char			 el[64];
	size_t			 n;

	if (g->xpath == NULL || strncmp(g->xpath, "/a:assessment/a:", 16))
		return strdup("");
	s = g->xpath + 16;
	for (e = s; *e && *e != '/' && *e != '['; e++)
		;
	if ((n = (size_t)(e - s)) >= sizeof(el))
		return strdup("");
	memcpy(el, s, n);
	el[n] = '\0';
	for (vn = pia_vnode_first(pia_vocab_form(p->vocab), r->kind); vn;
	    vn = pia_vnode_next(vn, r->kind))
		if (pia_vnode_el(vn) && strcmp(pia_vnode_el(vn), el) == 0 &&
		    pia_vnode_parent(vn) == pia_vocab_form(p->vocab))
			return pia_vnode_title(vn, r->kind, lang);
	return strdup(el);
}
