/*
 * vocab.c: the vocabulary of the three forms (model/vocab.xml) as a tree
 * that the schema generator, the skeletons, the diff's 項目 paths, the
 * renderer and the messages all walk.  Attributes are resolved per kind
 * once, at load time (A.kind overrides A; @in is inherited).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "pia.h"
#include "pia_buf.h"

struct pia_optlist {
	const char	 *id;
	int		  checks;
	size_t		  n;
	const char	**text;
	const char	**key;
	const char	**group;
	int		 *slot;
	const xmlNode	**node;		/* the <o> elements */
};

struct pia_vnode {
	enum pia_vtype		 type;
	enum pia_ftype		 ftype;
	const char		*el, *entry, *en;
	const char		*label[PIA_KIND__MAX], *num[PIA_KIND__MAX];
	const char		*mark[PIA_KIND__MAX], *hint[PIA_KIND__MAX];
	const struct pia_optlist *opts[PIA_KIND__MAX];
	unsigned		 in_mask;
	int			 self, unconfirmed;
	xmlNode			*src;
	struct pia_vnode	*parent, *child, *next;
};

struct pia_vocab {
	xmlDoc			*xml;
	struct pia_vnode	*form;
	struct pia_optlist	*lists;
	size_t			 nlists;
	const char		*kname[PIA_KIND__MAX], *kstyle[PIA_KIND__MAX];
	const char		*ken[PIA_KIND__MAX];
	const xmlNode		*kel[PIA_KIND__MAX];	/* <kind> */
	const xmlNode		*texts;			/* <texts> */
};

#define ALL_KINDS	((1u << PIA_KIND__MAX) - 1)

/* Attribute name of the kind, or name itself; one pass, no formatting. */
static const char *
prop_kind(const xmlNode *n, const char *name, enum pia_kind k)
{
	const xmlAttr	*a;
	const char	*an, *base = NULL, *kid = pia_kind_id(k);
	size_t		 ln = strlen(name);

	for (a = n->properties; a != NULL; a = a->next) {
		an = (const char *)a->name;
		if (a->ns != NULL || strncmp(an, name, ln) != 0)
			continue;
		if (an[ln] == '\0')
			base = a->children && a->children->content ?
			    (const char *)a->children->content : "";
		else if (kid != NULL && an[ln] == '.' &&
		    strcmp(an + ln + 1, kid) == 0)
			return a->children && a->children->content ?
			    (const char *)a->children->content : "";
	}
	return base;
}

static int
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PIA_VOCAB_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static unsigned
parse_in(const char *s)
{
	unsigned	 m = 0;
	int		 k;
	char		 w[32];
	size_t		 i;

	while (*s) {
		while (*s == ' ')
			s++;
		for (i = 0; *s && *s != ' ' && i < sizeof(w) - 1; s++)
			w[i++] = *s;
		w[i] = '\0';
		if (i && (k = pia_kind_parse(w)) != PIA_KIND_NONE)
			m |= 1u << k;
	}
	return m;
}

static enum pia_ftype
parse_ftype(const char *s)
{
	static const struct { const char *n; enum pia_ftype t; } tab[] = {
		{ "text", PIA_F_TEXT }, { "line", PIA_F_LINE },
		{ "choice", PIA_F_CHOICE }, { "checks", PIA_F_CHECKS },
		{ "date", PIA_F_DATE }, { "period", PIA_F_PERIOD },
		{ "flag", PIA_F_FLAG }, { "items", PIA_F_ITEMS },
		{ "image", PIA_F_IMAGE },
	};
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(s, tab[i].n) == 0)
			return tab[i].t;
	return PIA_F_NONE;
}

const struct pia_optlist *
pia_vocab_optlist(const struct pia_vocab *v, const char *id)
{
	size_t	 i;

	for (i = 0; id != NULL && i < v->nlists; i++)
		if (strcmp(v->lists[i].id, id) == 0)
			return &v->lists[i];
	return NULL;
}

static int
load_lists(struct pia_vocab *v, xmlNode *opts, struct pia_diags *d,
    const char *path)
{
	xmlNode		*l, *o;
	size_t		 n = 0, i;

	for (l = opts->children; l; l = l->next)
		if (is_el(l, "choice") || is_el(l, "checks"))
			n++;
	if ((v->lists = calloc(n, sizeof(*v->lists))) == NULL)
		return -1;
	for (l = opts->children; l; l = l->next) {
		struct pia_optlist *ol;

		if (!is_el(l, "choice") && !is_el(l, "checks"))
			continue;
		ol = &v->lists[v->nlists++];
		ol->id = pia_attr(l, "id");
		ol->checks = is_el(l, "checks");
		if (ol->id == NULL) {
			pia_diag(d, PIA_M_VOCAB_LIST_NO_ID, path,
			    xmlGetLineNo(l), NULL);
			return -1;
		}
		for (o = l->children; o; o = o->next)
			if (is_el(o, "o"))
				ol->n++;
		ol->text = calloc(ol->n ? ol->n : 1, sizeof(char *));
		ol->key = calloc(ol->n ? ol->n : 1, sizeof(char *));
		ol->group = calloc(ol->n ? ol->n : 1, sizeof(char *));
		ol->slot = calloc(ol->n ? ol->n : 1, sizeof(int));
		ol->node = calloc(ol->n ? ol->n : 1, sizeof(xmlNode *));
		if (!ol->text || !ol->group || !ol->key || !ol->slot || !ol->node)
			return -1;
		for (i = 0, o = l->children; o; o = o->next) {
			const char *s;

			if (!is_el(o, "o"))
				continue;
			ol->text[i] = o->children && o->children->content ?
			    (const char *)o->children->content : "";
			ol->key[i] = pia_attr(o, "key");
			ol->group[i] = pia_attr(o, "group");
			ol->slot[i] = (s = pia_attr(o, "slot")) && !strcmp(s, "yes");
			ol->node[i] = o;
			i++;
		}
	}
	return 0;
}

static void
free_tree(struct pia_vnode *n)
{
	struct pia_vnode *c, *next;

	if (n == NULL)
		return;
	for (c = n->child; c; c = next) {
		next = c->next;
		free_tree(c);
	}
	free(n);
}

static struct pia_vnode *
build(struct pia_vocab *v, xmlNode *x, struct pia_vnode *parent,
    const char *path, struct pia_diags *d)
{
	struct pia_vnode	*n, **tail;
	xmlNode			*c;
	const char		*s;
	int			 k;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	n->src = x;
	n->parent = parent;
	if (is_el(x, "form"))
		n->type = PIA_V_FORM;
	else if (is_el(x, "section"))
		n->type = PIA_V_SECTION;
	else if (is_el(x, "group"))
		n->type = PIA_V_GROUP;
	else if (is_el(x, "list"))
		n->type = PIA_V_LIST;
	else if (is_el(x, "field"))
		n->type = PIA_V_FIELD;
	else
		n->type = PIA_V_DERIVED;
	n->el = pia_attr(x, "el");
	n->entry = pia_attr(x, "entry");
	n->en = pia_attr(x, "en");
	n->ftype = parse_ftype(pia_attr(x, "type"));
	n->self = (s = pia_attr(x, "self")) != NULL && strcmp(s, "yes") == 0;
	n->unconfirmed = (s = pia_attr(x, "status")) != NULL &&
	    strcmp(s, "unconfirmed") == 0;
	n->in_mask = (s = pia_attr(x, "in")) != NULL ? parse_in(s) :
	    parent ? parent->in_mask : ALL_KINDS;
	for (k = 0; k < PIA_KIND__MAX; k++) {
		n->label[k] = prop_kind(x, "label", k);
		n->num[k] = prop_kind(x, "num", k);
		n->mark[k] = prop_kind(x, "mark", k);
		n->hint[k] = prop_kind(x, "hint", k);
		if ((s = prop_kind(x, "options", k)) != NULL &&
		    (n->opts[k] = pia_vocab_optlist(v, s)) == NULL) {
			pia_diag(d, PIA_M_VOCAB_LIST_UNDEFINED, path,
			    xmlGetLineNo(x), NULL, s);
			free(n);
			return NULL;
		}
	}
	if (n->type == PIA_V_FIELD &&
	    (n->el == NULL || n->ftype == PIA_F_NONE)) {
		pia_diag(d, PIA_M_VOCAB_FIELD_NO_TYPE, path, xmlGetLineNo(x),
		    NULL);
		free(n);
		return NULL;
	}
	tail = &n->child;
	for (c = x->children; c; c = c->next) {
		if (!(is_el(c, "section") || is_el(c, "group") ||
		    is_el(c, "list") || is_el(c, "field") ||
		    is_el(c, "derived")))
			continue;
		if ((*tail = build(v, c, n, path, d)) == NULL) {
			free_tree(n);
			return NULL;
		}
		tail = &(*tail)->next;
	}
	return n;
}

struct pia_vocab *
pia_vocab_load(const char *path, struct pia_diags *d)
{
	struct pia_vocab	*v;
	xmlNode			*root, *c, *k;
	int			 kind;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	v->xml = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (v->xml == NULL ||
	    (root = xmlDocGetRootElement(v->xml)) == NULL ||
	    !is_el(root, "vocabulary")) {
		pia_diag(d, PIA_M_VOCAB_UNREADABLE, path, 0, NULL);
		goto fail;
	}
	for (c = root->children; c; c = c->next) {
		if (is_el(c, "options") && load_lists(v, c, d, path) == -1)
			goto fail;
		if (is_el(c, "kinds"))
			for (k = c->children; k; k = k->next) {
				if (!is_el(k, "kind") || (kind =
				    pia_kind_parse(pia_attr(k, "id"))) < 0)
					continue;
				v->kname[kind] = pia_attr(k, "name");
				v->kstyle[kind] = pia_attr(k, "style");
				v->ken[kind] = pia_attr(k, "en");
				v->kel[kind] = k;
			}
		if (is_el(c, "texts"))
			v->texts = c;
	}
	for (c = root->children; c; c = c->next)
		if (is_el(c, "form") &&
		    (v->form = build(v, c, NULL, path, d)) == NULL)
			goto fail;
	if (v->form == NULL) {
		pia_diag(d, PIA_M_VOCAB_NO_FORM, path, 0, NULL);
		goto fail;
	}
	return v;
fail:
	pia_vocab_free(v);
	return NULL;
}

struct pia_vocab *
pia_vocab_load_default(struct pia_diags *d)
{
	struct pia_vocab	*v;
	char			*p;

	if ((p = pia_data_path("model/vocab.xml")) == NULL) {
		pia_diag(d, PIA_M_VOCAB_NOT_FOUND, "model/vocab.xml", 0,
		    NULL);
		return NULL;
	}
	v = pia_vocab_load(p, d);
	free(p);
	return v;
}

void
pia_vocab_free(struct pia_vocab *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	free_tree(v->form);
	for (i = 0; i < v->nlists; i++) {
		free(v->lists[i].text);
		free(v->lists[i].key);
		free(v->lists[i].group);
		free(v->lists[i].slot);
		free(v->lists[i].node);
	}
	free(v->lists);
	xmlFreeDoc(v->xml);
	free(v);
}

const struct pia_vnode *
pia_vocab_form(const struct pia_vocab *v)
{
	return v->form;
}

const char *
pia_vocab_kind_name(const struct pia_vocab *v, enum pia_kind k)
{
	return k >= 0 && k < PIA_KIND__MAX && v->kname[k] ? v->kname[k] : "";
}

const char *
pia_vocab_kind_style(const struct pia_vocab *v, enum pia_kind k)
{
	return k >= 0 && k < PIA_KIND__MAX && v->kstyle[k] ? v->kstyle[k] : "";
}

const char *
pia_vocab_kind_attr(const struct pia_vocab *v, enum pia_kind k,
    const char *name)
{
	return k >= 0 && k < PIA_KIND__MAX && v->kel[k] ?
	    pia_attr(v->kel[k], name) : NULL;
}

const char *
pia_vocab_text(const struct pia_vocab *v, const char *id)
{
	const xmlNode	*t;
	const char	*i;

	for (t = v->texts ? v->texts->children : NULL; t; t = t->next)
		if (is_el(t, "text") && (i = pia_attr(t, "id")) != NULL &&
		    strcmp(i, id) == 0)
			return t->children && t->children->content ?
			    (const char *)t->children->content : "";
	return "";
}

const xmlNode *
pia_vocab_texts(const struct pia_vocab *v)
{
	return v->texts;
}

const char *
pia_vocab_kind_en(const struct pia_vocab *v, enum pia_kind k)
{
	return k >= 0 && k < PIA_KIND__MAX && v->ken[k] ? v->ken[k] : "";
}

int
pia_vnode_in(const struct pia_vnode *n, enum pia_kind k)
{
	return k == PIA_KIND_NONE || (n->in_mask & (1u << k)) != 0;
}

const struct pia_vnode *
pia_vnode_next(const struct pia_vnode *n, enum pia_kind k)
{
	for (n = n->next; n != NULL && !pia_vnode_in(n, k); n = n->next)
		continue;
	return n;
}

const struct pia_vnode *
pia_vnode_first(const struct pia_vnode *n, enum pia_kind k)
{
	n = n->child;
	return n == NULL || pia_vnode_in(n, k) ? n : pia_vnode_next(n, k);
}

const struct pia_vnode *
pia_vnode_parent(const struct pia_vnode *n)
{
	return n->parent;
}

enum pia_vtype
pia_vnode_type(const struct pia_vnode *n)
{
	return n->type;
}

enum pia_ftype
pia_vnode_ftype(const struct pia_vnode *n)
{
	return n->ftype;
}

const char *
pia_vnode_el(const struct pia_vnode *n)
{
	return n->el;
}

const char *
pia_vnode_entry(const struct pia_vnode *n)
{
	return n->type == PIA_V_LIST ? n->entry : NULL;
}

const char *
pia_vnode_attr(const struct pia_vnode *n, const char *name, enum pia_kind k)
{
	return prop_kind(n->src, name, k);
}

#define KIDX(k)	((k) >= 0 && (k) < PIA_KIND__MAX ? (k) : 0)
#define OR(s)	((s) != NULL ? (s) : "")

const char *
pia_vnode_label(const struct pia_vnode *n, enum pia_kind k)
{
	return OR(n->label[KIDX(k)]);
}

const char *
pia_vnode_num(const struct pia_vnode *n, enum pia_kind k)
{
	return OR(n->num[KIDX(k)]);
}

const char *
pia_vnode_mark(const struct pia_vnode *n, enum pia_kind k)
{
	const char *m = n->mark[KIDX(k)];

	return m == NULL || strcmp(m, "-") == 0 ? "" : m;
}

const char *
pia_vnode_en(const struct pia_vnode *n)
{
	return OR(n->en);
}

const char *
pia_vnode_hint(const struct pia_vnode *n, enum pia_kind k)
{
	return OR(n->hint[KIDX(k)]);
}

int
pia_vnode_is_self(const struct pia_vnode *n)
{
	return n->self;
}

int
pia_vnode_unconfirmed(const struct pia_vnode *n)
{
	for (; n != NULL; n = n->parent)
		if (n->unconfirmed)
			return 1;
	return 0;
}

int
pia_vnode_starred(const struct pia_vnode *n, enum pia_kind k)
{
	const char *m;

	for (; n != NULL; n = n->parent)
		if ((m = n->mark[KIDX(k)]) != NULL && *m != '\0')
			return strcmp(m, "-") != 0;
	return 0;
}

const struct pia_optlist *
pia_vnode_options(const struct pia_vnode *n, enum pia_kind k)
{
	return n->opts[KIDX(k)];
}

/*
 * Finds the child of vocabulary node cur that element name e stands for:
 * a section, group or field by @el, a list by its wrapper @el or, for
 * lists without a wrapper, by @entry.
 */
static const struct pia_vnode *
match_child(const struct pia_vnode *cur, enum pia_kind k, const char *e)
{
	const struct pia_vnode *c;

	for (c = pia_vnode_first(cur, k); c; c = pia_vnode_next(c, k)) {
		if (c->el != NULL && strcmp(c->el, e) == 0)
			return c;
		if (c->type == PIA_V_LIST && c->el == NULL &&
		    strcmp(c->entry, e) == 0)
			return c;
	}
	return NULL;
}

const struct pia_vnode *
pia_vocab_lookup(const struct pia_vocab *v, enum pia_kind k, const xmlNode *e)
{
	const xmlNode		*chain[PIA_MAX_DEPTH + 2];
	const struct pia_vnode	*cur = v->form;
	int			 n = 0;

	for (; e != NULL && e->type == XML_ELEMENT_NODE && e->parent != NULL &&
	    e->parent->type == XML_ELEMENT_NODE; e = e->parent) {
		if (n == PIA_MAX_DEPTH + 1)
			return NULL;
		chain[n++] = e;
	}
	while (n-- > 0) {
		const char *name = (const char *)chain[n]->name;

		if (chain[n]->ns == NULL ||
		    strcmp((const char *)chain[n]->ns->href, PIA_NS) != 0)
			return NULL;
		/* The entries inside a list's wrapper element. */
		if (cur->type == PIA_V_LIST && cur->el != NULL &&
		    chain[n]->parent != NULL &&
		    strcmp((const char *)chain[n]->parent->name, cur->el) == 0 &&
		    strcmp(name, cur->entry) == 0)
			continue;
		if ((cur = match_child(cur, k, name)) == NULL)
			return NULL;
	}
	return cur;
}

/* Is s exactly one circled digit (U+2460..U+2473)? */
static int
circled(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return u[0] == 0xE2 && u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3 &&
	    u[3] == '\0';
}

char *
pia_vnode_title(const struct pia_vnode *n, enum pia_kind k, const char *lang)
{
	const char	*num = pia_vnode_num(n, k), *mark = pia_vnode_mark(n, k);
	const char	*label;
	char		*s = NULL;
	int		 en = lang != NULL && strcmp(lang, "en") == 0;
	int		 r;

	label = en ? pia_vnode_en(n) : pia_vnode_label(n, k);
	if (en)
		r = asprintf(&s, "%s%s%s", num, *num ? " " : "", label);
	else if (strncmp(num, "リスク", strlen("リスク")) == 0)
		r = asprintf(&s, "%s: %s%s%s", num, label, *mark ? " " : "",
		    mark);
	else
		r = asprintf(&s, "%s%s%s%s%s", num,
		    *num && !circled(num) ? " " : "", label,
		    *mark ? " " : "", mark);
	return r < 0 ? NULL : s;
}

struct sbuf {
	char	*s;
	size_t	 n, cap;
};

static void
sb_add(struct sbuf *b, const char *s, const char *sep)
{
	size_t	 need, ls = strlen(s), lp = b->n && sep ? strlen(sep) : 0;
	char	*ns;

	if (ls == 0)
		return;
	need = b->n + lp + ls + 1;
	if (need > b->cap) {
		if ((ns = realloc(b->s, need * 2)) == NULL)
			return;
		b->s = ns;
		b->cap = need * 2;
	}
	if (lp)
		memcpy(b->s + b->n, sep, lp);
	memcpy(b->s + b->n + lp, s, ls + 1);
	b->n += lp + ls;
}

/*
 * The name of an entry: the text of its first one-line field in document
 * order (a 特定個人情報ファイル's 1. 特定個人情報ファイル名).  Malloc'd, or
 * NULL when there is none or it is empty.
 */
static char *
entry_name(const struct pia_vocab *v, enum pia_kind k, const xmlNode *e,
    int depth)
{
	const xmlNode		*c;
	const struct pia_vnode	*vn;
	char			*s, *p, *q;

	for (c = e->children; c != NULL && depth < 3; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (vn = pia_vocab_lookup(v, k, c)) == NULL)
			continue;
		if (vn->type == PIA_V_FIELD && vn->ftype == PIA_F_LINE) {
			if ((s = (char *)xmlNodeGetContent(c)) == NULL)
				return NULL;
			for (p = s; *p == ' ' || *p == '\n' || *p == '\t'; p++)
				continue;
			q = strdup(p);
			xmlFree(s);
			if (q != NULL) {
				for (p = q + strlen(q); p > q && (p[-1] == ' ' ||
				    p[-1] == '\n' || p[-1] == '\t'); p--)
					continue;
				*p = '\0';
				if (*q == '\0') {
					free(q);
					q = NULL;
				}
			}
			return q;
		}
		if (vn->type == PIA_V_FIELD || vn->type == PIA_V_LIST)
			continue;
		if ((s = entry_name(v, k, c, depth + 1)) != NULL)
			return s;
	}
	return NULL;
}

char *
pia_vocab_path(const struct pia_vocab *v, enum pia_kind k, const xmlNode *e,
    const char *lang)
{
	char			*pending = NULL, *pend_label = NULL;
	const xmlNode		*chain[PIA_MAX_DEPTH + 2];
	const struct pia_vnode	*vn;
	struct sbuf		 b = { NULL, 0, 0 };
	int			 n = 0, en = lang && strcmp(lang, "en") == 0;
	const char		*sep = en ? " > " : " ";

	for (; e != NULL && e->type == XML_ELEMENT_NODE && e->parent != NULL &&
	    e->parent->type == XML_ELEMENT_NODE && n <= PIA_MAX_DEPTH;
	    e = e->parent)
		chain[n++] = e;
	while (n-- > 0) {
		char	*t = NULL;

		if ((vn = pia_vocab_lookup(v, k, chain[n])) == NULL) {
			sb_add(&b, (const char *)chain[n]->name, "/");
			continue;
		}
		if (vn->type == PIA_V_LIST) {
			int others, pos;

			if (strcmp((const char *)chain[n]->name, vn->entry))
				continue;	/* the wrapper element */
			pos = pia_node_pos(chain[n], &others);
			/* One 特定個人情報ファイル needs no number. */
			if (vn->el != NULL && !others)
				continue;
			/* Several are named by their name after the heading
			 * that follows: "II 特定個人情報ファイルの概要(○○ファイル)";
			 * the number is the fallback for a file without one. */
			if (vn->el != NULL && pending == NULL &&
			    (pending = entry_name(v, k, chain[n], 0)) != NULL) {
				free(pend_label);
				if (asprintf(&pend_label, "%s%s%d", en ?
				    pia_vnode_en(vn) : pia_vnode_label(vn, k),
				    en ? " " : "", pos) < 0)
					pend_label = NULL;
				continue;
			}
			if (asprintf(&t, "%s%s%d", en ? pia_vnode_en(vn) :
			    pia_vnode_label(vn, k), en ? " " : "", pos) < 0)
				t = NULL;
		} else if (vn->self)
			continue;
		else
			t = pia_vnode_title(vn, k, lang);
		if (t != NULL) {
			/* The ※ is not part of a 項目 path. */
			char *m = en ? NULL : strstr(t, " ※");
			if (m != NULL)
				*m = '\0';
			if (pending != NULL) {
				char *u = NULL;

				if (asprintf(&u, "%s%s(%s)", t, en ? " " : "",
				    pending) >= 0) {
					free(t);
					t = u;
				}
				free(pending);
				pending = NULL;
			}
			sb_add(&b, t, sep);
		}
		free(t);
	}
	/* The path of the file entry itself. */
	if (pending != NULL) {
		char *u = NULL;

		if (asprintf(&u, "%s(%s)", pend_label ? pend_label : "",
		    pending) >= 0)
			sb_add(&b, u, sep);
		free(u);
	}
	free(pending);
	free(pend_label);
	if (b.s == NULL)
		b.s = strdup("");
	return b.s;
}

size_t
pia_optlist_count(const struct pia_optlist *l)
{
	return l->n;
}

const char *
pia_optlist_id(const struct pia_optlist *l)
{
	return l->id;
}

const char *
pia_optlist_text(const struct pia_optlist *l, size_t i)
{
	return i < l->n ? l->text[i] : NULL;
}

int
pia_optlist_slot(const struct pia_optlist *l, size_t i)
{
	return i < l->n && l->slot[i];
}

const char *
pia_optlist_group(const struct pia_optlist *l, size_t i)
{
	return i < l->n ? l->group[i] : NULL;
}

const char *
pia_optlist_key(const struct pia_optlist *l, size_t i)
{
	return i < l->n ? l->key[i] : NULL;
}

int
pia_optlist_find_key(const struct pia_optlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && i < l->n; i++)
		if (l->key[i] != NULL && strcmp(l->key[i], key) == 0)
			return (int)i;
	return -1;
}

const char *
pia_optlist_attr(const struct pia_optlist *l, size_t i, const char *name)
{
	return i < l->n ? pia_attr(l->node[i], name) : NULL;
}

int
pia_optlist_find(const struct pia_optlist *l, const char *text)
{
	size_t	 i;

	for (i = 0; text != NULL && i < l->n; i++)
		if (strcmp(l->text[i], text) == 0)
			return (int)i;
	return -1;
}

int
pia_optlist_is_checks(const struct pia_optlist *l)
{
	return l->checks;
}
