/*
 * session.c: the document `pia edit` holds.  It is the tree read from
 * FILE, edited in place: a field's element gets its new value, an entry
 * is copied from the skeleton of `pia new` or unlinked, so comments,
 * processing instructions and everything the page does not show stay as
 * they were.  Saving writes the tree back atomically, and refuses when
 * FILE changed on disk since it was read (modification time, size and a
 * hash of its bytes).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../extern.h"
#include "pia_templates.h"
#include "edit.h"

/* Writes the empty elements under e as <x></x>, as `pia new` does: an
 * element made or emptied here looks like one of the skeleton. */
void
edit_open_empty(xmlNode *e)
{
	xmlNode	*c;

	if (e->type != XML_ELEMENT_NODE)
		return;
	if (e->children == NULL) {
		xmlAddChild(e, xmlNewText(BAD_CAST ""));
		return;
	}
	for (c = e->children; c != NULL; c = c->next)
		edit_open_empty(c);
}

/*
 * The parser keeps no trace of how an empty element was written, <x/> or
 * <x></x>, and the serialiser writes <x/>.  So that saving changes only
 * what was edited, the start tags written <x/> in the file are found by
 * line and name, and every other empty element gets an empty text, which
 * is written <x></x> again.
 */
struct selfclosed {
	long	 line;
	char	 name[40];
};

static int
sc_cmp(const void *a, const void *b)
{
	const struct selfclosed	*x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
mark_open(xmlNode *e, struct selfclosed *v, size_t n)
{
	struct selfclosed	 key;
	xmlNode			*c;

	for (; e != NULL; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (e->children != NULL) {
			mark_open(e->children, v, n);
			continue;
		}
		key.line = xmlGetLineNo(e);
		snprintf(key.name, sizeof(key.name), "%s",
		    (const char *)e->name);
		if (n == 0 || bsearch(&key, v, n, sizeof(*v), sc_cmp) == NULL)
			if ((c = xmlNewText(BAD_CAST "")) != NULL)
				xmlAddChild(e, c);
	}
}

static int
keep_empty_tags(xmlDoc *doc, const char *buf, size_t len)
{
	struct selfclosed	*v = NULL, *t;
	const char		*p = buf, *end = buf + len, *q, *nm;
	size_t			 n = 0, cap = 0, nl;
	long			 line = 1;
	char			 quote;

	while (p < end) {
		if (*p == '\n') {
			line++;
			p++;
			continue;
		}
		if (*p != '<') {
			p++;
			continue;
		}
		/* comments, CDATA and processing instructions hold no tags */
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			q = memmem(p, (size_t)(end - p), "-->", 3);
		else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			q = memmem(p, (size_t)(end - p), "]]>", 3);
		else if (end - p >= 2 && (p[1] == '?' || p[1] == '!' ||
		    p[1] == '/'))
			q = memchr(p, '>', (size_t)(end - p));
		else {
			nm = p + 1;
			for (q = nm, quote = 0; q < end; q++) {
				if (quote != 0 && *q == quote)
					quote = 0;
				else if (quote == 0 && (*q == '"' || *q == '\''))
					quote = *q;
				else if (quote == 0 && *q == '>')
					break;
			}
			if (q < end && q[-1] == '/') {
				nl = strcspn(nm, " \t\r\n/>");
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					if ((t = realloc(v, cap * sizeof(*v))) == NULL) {
						free(v);
						return -1;
					}
					v = t;
				}
				v[n].line = line;
				snprintf(v[n].name, sizeof(v[n].name), "%.*s",
				    (int)(nl < 39 ? nl : 39), nm);
				n++;
			}
		}
		if (q == NULL)
			break;
		for (; p < q; p++)
			if (*p == '\n')
				line++;
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), sc_cmp);
	mark_open(xmlDocGetRootElement(doc), v, n);
	free(v);
	return 0;
}

/* FNV-1a: enough to tell whether a file changed under us. */
static unsigned long long
hash(const char *s, size_t n)
{
	unsigned long long	 h = 14695981039346656037ULL;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The file as it is now: 0, or -1 when it cannot be read (it then does
 * not exist when errno is ENOENT). */
static int
disk_now(const char *path, struct edit_disk *dk, int want_hash)
{
	struct stat	 st;
	char		*buf;
	size_t		 len;
	struct pia_diags *d;

	memset(dk, 0, sizeof(*dk));
	if (stat(path, &st) == -1)
		return -1;
	dk->exists = 1;
	dk->mtime = st.st_mtim;
	dk->size = st.st_size;
	if (!want_hash)
		return 0;
	if ((d = pia_diags_new()) == NULL)
		return -1;
	buf = pia_file_read(path, PIA_MAX_INPUT, &len, d);
	pia_diags_free(d);
	if (buf == NULL)
		return -1;
	dk->hash = hash(buf, len);
	free(buf);
	return 0;
}

/* Whether the file is still as recorded (a change of time alone, with
 * the same bytes, does not count). */
static int
disk_same(struct edit_session *s)
{
	struct edit_disk	 now;

	if (disk_now(s->path, &now, 0) == -1)
		return !s->disk.exists && errno == ENOENT;
	if (!s->disk.exists)
		return 0;
	if (now.size == s->disk.size &&
	    now.mtime.tv_sec == s->disk.mtime.tv_sec &&
	    now.mtime.tv_nsec == s->disk.mtime.tv_nsec)
		return 1;
	if (disk_now(s->path, &now, 1) == -1 || now.hash != s->disk.hash)
		return 0;
	s->disk = now;
	return 1;
}

struct edit_session *
edit_session_open(const struct edit_opts *o, struct pia_diags *d)
{
	struct edit_session	*s;
	char			*buf = NULL;
	size_t			 len;
	enum pia_kind		 k;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->path = strdup(o->file)) == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		goto fail;
	}
	s->lang = o->lang;
	if ((s->vocab = pia_vocab_load_default(d)) == NULL)
		goto fail;
	if (disk_now(o->file, &s->disk, 0) == 0) {
		if ((buf = pia_file_read(o->file, PIA_MAX_INPUT, &len, d)) ==
		    NULL)
			goto fail;
		s->disk.hash = hash(buf, len);
		if ((s->doc = pia_doc_load_memory(buf, len, o->file, d)) ==
		    NULL)
			goto fail;
		if (keep_empty_tags(pia_doc_xml(s->doc), buf, len) == -1) {
			pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
			goto fail;
		}
		free(buf);
		buf = NULL;
	} else {
		if (errno != ENOENT || o->kind == PIA_KIND_NONE) {
			pia_diag(d, PIA_M_IO_OPEN, o->file, 0, NULL,
			    strerror(errno), strerror(errno));
			goto fail;
		}
		s->disk.exists = 0;
		if ((buf = pia_skeleton(s->vocab, o->kind, &len)) == NULL ||
		    (s->doc = pia_doc_load_memory(buf, len, o->file, d)) ==
		    NULL)
			goto fail;
		free(buf);
		buf = NULL;
		edit_open_empty(xmlDocGetRootElement(pia_doc_xml(s->doc)));
	}
	k = s->kind = pia_doc_kind(s->doc);
	if ((buf = pia_skeleton(s->vocab, k, &len)) == NULL ||
	    (s->skel = pia_doc_load_memory(buf, len, "skeleton", d)) == NULL)
		goto fail;
	free(buf);
	buf = NULL;
	edit_open_empty(xmlDocGetRootElement(pia_doc_xml(s->skel)));
	if (o->prev != NULL &&
	    (s->prev = pia_doc_load(o->prev, NULL, d)) == NULL)
		goto fail;
	return s;
fail:
	free(buf);
	edit_session_free(s);
	return NULL;
}

void
edit_session_free(struct edit_session *s)
{
	if (s == NULL)
		return;
	pia_doc_free(s->doc);
	pia_doc_free(s->skel);
	pia_doc_free(s->prev);
	pia_vocab_free(s->vocab);
	free(s->path);
	free(s);
}

static int
named(const xmlNode *n, const char *name, size_t len)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST PIA_NS) &&
	    strlen((const char *)n->name) == len &&
	    strncmp((const char *)n->name, name, len) == 0;
}

static int
has_id(const xmlNode *n, const char *id, size_t len)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST "id");
	int	 r;

	r = v != NULL && strlen((const char *)v) == len &&
	    strncmp((const char *)v, id, len) == 0;
	xmlFree(v);
	return r;
}

/*
 * The names of the children of element e in the form's order, as a
 * position: the index of name among them, or -1 when e has no such
 * child in the form.  A list's wrapper holds its entries only; a list
 * without a wrapper puts them among the other children.
 */
static int
order_of(struct edit_session *s, const xmlNode *e, const char *name)
{
	const struct pia_vnode	*pv, *n;
	const char		*el;
	int			 i = 0;

	if ((pv = pia_vocab_lookup(s->vocab, s->kind, e)) == NULL)
		return -1;
	if (pia_vnode_ftype(pv) == PIA_F_PERIOD)
		return strcmp(name, "from") == 0 ? 0 :
		    strcmp(name, "to") == 0 ? 1 : -1;
	if (pia_vnode_type(pv) == PIA_V_LIST && pia_vnode_el(pv) != NULL &&
	    strcmp((const char *)e->name, pia_vnode_el(pv)) == 0)
		return strcmp(name, pia_vnode_entry(pv)) == 0 ? 0 : -1;
	for (n = pia_vnode_first(pv, s->kind); n != NULL;
	    n = pia_vnode_next(n, s->kind)) {
		if (pia_vnode_type(n) == PIA_V_DERIVED)
			continue;
		el = pia_vnode_el(n);
		if (el == NULL && pia_vnode_type(n) == PIA_V_LIST)
			el = pia_vnode_entry(n);
		if (el != NULL && strcmp(el, name) == 0)
			return i;
		i++;
	}
	return -1;
}

/* The last child of parent that comes before name in the form. */
static xmlNode *
prev_in_order(struct edit_session *s, xmlNode *parent, const char *name)
{
	xmlNode	*c, *prev = NULL;
	int	 want = order_of(s, parent, name), o;

	for (c = parent->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		o = order_of(s, parent, (const char *)c->name);
		if (o >= 0 && o < want)
			prev = c;
	}
	return prev;
}

static int
blank_node(const xmlNode *n)
{
	const char *s;

	if (n->type != XML_TEXT_NODE || n->content == NULL)
		return 0;
	for (s = (const char *)n->content; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

void
edit_insert(xmlNode *parent, xmlNode *prev, xmlNode *e)
{
	const xmlNode	*c;
	const char	*ind = NULL, *nl;
	char		 buf[256];
	xmlNode		*ws, *first;

	/* the indentation of the siblings, or one step more than parent's */
	for (c = parent->children; c != NULL && ind == NULL; c = c->next)
		if (c->type != XML_TEXT_NODE && c->prev != NULL &&
		    blank_node(c->prev) &&
		    strchr((const char *)c->prev->content, '\n') != NULL)
			ind = (const char *)c->prev->content;
	if (ind != NULL) {
		nl = strrchr(ind, '\n');
		snprintf(buf, sizeof(buf), "%s", nl);
	} else {
		ind = parent->prev != NULL && blank_node(parent->prev) ?
		    (const char *)parent->prev->content : "\n";
		nl = strrchr(ind, '\n');
		snprintf(buf, sizeof(buf), "%s  ", nl ? nl : "\n");
	}
	ws = xmlNewText(BAD_CAST buf);
	if (prev != NULL) {
		xmlAddNextSibling(prev, ws);
		xmlAddNextSibling(ws, e);
	} else if ((first = parent->children) != NULL) {
		if (blank_node(first)) {
			xmlAddNextSibling(first, e);
			xmlAddNextSibling(e, ws);
		} else {
			xmlAddPrevSibling(first, e);
			xmlAddNextSibling(e, ws);
		}
	} else {
		xmlAddChild(parent, ws);
		xmlAddChild(parent, e);
		/* the closing tag where the parent's own line starts */
		buf[strlen(buf) - 2] = '\0';
		xmlAddChild(parent, xmlNewText(BAD_CAST buf));
	}
}

void
edit_unlink(xmlNode *e)
{
	xmlNode	*ws = e->prev;

	if (ws != NULL && blank_node(ws)) {
		xmlUnlinkNode(ws);
		xmlFreeNode(ws);
	}
	xmlUnlinkNode(e);
	xmlFreeNode(e);
}

int
edit_blank(const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next) {
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && !blank_node(c))
			return 0;
		if (c->type == XML_ELEMENT_NODE &&
		    (xmlStrEqual(c->name, BAD_CAST "check") ||
		    xmlStrEqual(c->name, BAD_CAST "image") || !edit_blank(c)))
			return 0;
	}
	return 1;
}

/* edit_find(), telling in *made the first element it had to make. */
static xmlNode *
find(struct edit_session *s, const char *addr, int create, xmlNode **made)
{
	xmlNode		*e = xmlDocGetRootElement(pia_doc_xml(s->doc)), *c;
	const char	*p = addr, *end, *hash;
	size_t		 nlen;
	char		 name[128];

	while (e != NULL && *p != '\0') {
		if ((end = strchr(p, '/')) == NULL)
			end = p + strlen(p);
		hash = memchr(p, '#', (size_t)(end - p));
		nlen = (size_t)((hash ? hash : end) - p);
		if (nlen == 0 || nlen >= sizeof(name))
			return NULL;
		for (c = e->children; c != NULL; c = c->next)
			if (named(c, p, nlen) && (hash == NULL ||
			    has_id(c, hash + 1, (size_t)(end - hash - 1))))
				break;
		if (c == NULL) {
			if (!create || hash != NULL)
				return NULL;
			memcpy(name, p, nlen);
			name[nlen] = '\0';
			if (order_of(s, e, name) < 0 ||
			    (c = xmlNewDocNode(e->doc, e->ns, BAD_CAST name,
			    NULL)) == NULL)
				return NULL;
			edit_open_empty(c);
			edit_insert(e, prev_in_order(s, e, name), c);
			if (made != NULL && *made == NULL)
				*made = c;
		}
		e = c;
		p = *end ? end + 1 : end;
	}
	return e;
}

xmlNode *
edit_find(struct edit_session *s, const char *addr, int create)
{
	return find(s, addr, create, NULL);
}

char *
edit_addr(const xmlNode *e)
{
	char	*s = NULL, *t;
	xmlChar	*id;
	int	 r;

	if ((s = strdup("")) == NULL)
		return NULL;
	for (; e != NULL && e->type == XML_ELEMENT_NODE &&
	    e->parent != NULL && e->parent->type == XML_ELEMENT_NODE;
	    e = e->parent) {
		id = xmlGetProp(e, BAD_CAST "id");
		r = asprintf(&t, "%s%s%s%s%s", (const char *)e->name,
		    id ? "#" : "", id ? (const char *)id : "", *s ? "/" : "",
		    s);
		xmlFree(id);
		free(s);
		if (r < 0)
			return NULL;
		s = t;
	}
	return s;
}

/* The field type of element e: from the vocabulary, from/to of a
 * period being dates. */
static enum pia_ftype
ftype_of(struct edit_session *s, const xmlNode *e)
{
	const struct pia_vnode	*v;

	if (e->parent != NULL && e->parent->type == XML_ELEMENT_NODE &&
	    (xmlStrEqual(e->name, BAD_CAST "from") ||
	    xmlStrEqual(e->name, BAD_CAST "to")) &&
	    (v = pia_vocab_lookup(s->vocab, s->kind, e->parent)) != NULL &&
	    pia_vnode_ftype(v) == PIA_F_PERIOD)
		return PIA_F_DATE;
	if ((v = pia_vocab_lookup(s->vocab, s->kind, e)) == NULL ||
	    pia_vnode_type(v) != PIA_V_FIELD)
		return PIA_F_NONE;
	return pia_vnode_ftype(v);
}

/* A date as typed: ISO as is, 和暦 as ISO; else kept as typed, with a
 * note saying why it does not read (the schema reports it too). */
static char *
date_value(const char *v, const char *lang, char **note)
{
	char			 iso[11];
	enum pia_date_err	 err;
	char			*w;

	*note = NULL;
	while (*v == ' ')
		v++;
	if (*v == '\0' || pia_date_valid(v))
		return strdup(v);
	if (strlen(v) == 7 && v[4] == '-') {
		char	 probe[11];

		snprintf(probe, sizeof(probe), "%s-01", v);
		if (pia_date_valid(probe))
			return strdup(v);
	}
	if ((err = pia_wareki_parse(v, iso)) == PIA_DATE_OK)
		return strdup(iso);
	/* 令和8年3月16日頃 and the like: the model keeps 頃 apart; say so */
	if ((w = pia_msg_str(lang, PIA_M_EDIT_DATE_BAD,
	    pia_date_strerror(err, lang))) == NULL)
		return NULL;
	*note = w;
	return strdup(v);
}

int
edit_set(struct edit_session *s, const char *addr, const char *value,
    char **note)
{
	xmlNode		*e, *made = NULL;
	enum pia_ftype	 ft;
	char		*v = NULL;
	int		 rc;

	*note = NULL;
	s->followed = 0;
	/* a field missing from the file is made where the form has it; an
	 * address that names no field makes nothing */
	if ((e = find(s, addr, 1, &made)) == NULL ||
	    (ft = ftype_of(s, e)) == PIA_F_NONE) {
		if (made != NULL)
			edit_unlink(made);
		return EDIT_BADREQ;
	}
	if (ft == PIA_F_DATE) {
		if ((v = date_value(value, s->lang, note)) == NULL)
			return EDIT_NOMEM;
		value = v;
	} else if (ft == PIA_F_FLAG)
		value = strcmp(value, "true") == 0 ? "true" : "false";
	rc = edit_value_set(e, ft, value);
	free(v);
	if (rc == EDIT_OK) {
		s->followed = edit_links_apply(s, e);
		s->dirty = 1;
		s->rev++;
	}
	return rc;
}

/* Every id in the document under n, to make new ones unique. */
static int
id_used(const xmlNode *n, const char *id)
{
	const xmlNode	*c;
	xmlChar		*v;
	int		 r;

	for (c = n; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetProp(c, BAD_CAST "id")) != NULL) {
			r = strcmp((const char *)v, id) == 0;
			xmlFree(v);
			if (r)
				return 1;
		}
		if (c->children != NULL && id_used(c->children, id))
			return 1;
	}
	return 0;
}

/* Puts the elements of a copy from the skeleton into the document's
 * namespace, so that it declares none of its own. */
static void
own_ns(xmlNode *e, xmlNs *ns)
{
	xmlNode	*c;

	if (e->nsDef != NULL && e->parent == NULL) {
		xmlFreeNsList(e->nsDef);
		e->nsDef = NULL;
	}
	for (c = e; c != NULL; c = c == e ? NULL : c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		c->ns = ns;
		if (c->children != NULL) {
			xmlNode *k;

			for (k = c->children; k != NULL; k = k->next)
				if (k->type == XML_ELEMENT_NODE)
					own_ns(k, ns);
		}
	}
}

/* Gives e and the entries inside it fresh ids, NAME-N. */
static int
fresh_ids(struct edit_session *s, xmlNode *e, xmlNode *root)
{
	xmlNode	*c;
	char	 id[160];
	int	 i;

	if (xmlHasProp(e, BAD_CAST "id")) {
		for (i = 1; i < 1000000; i++) {
			snprintf(id, sizeof(id), "%s-%d", (const char *)e->name,
			    i);
			if (!id_used(root, id) && !id_used(e, id))
				break;
		}
		if (xmlSetProp(e, BAD_CAST "id", BAD_CAST id) == NULL)
			return -1;
	}
	for (c = e->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && fresh_ids(s, c, root) == -1)
			return -1;
	return 0;
}

/* The skeleton's element at addr with the ids left out (the first entry
 * of each list). */
static xmlNode *
skel_find(struct edit_session *s, const char *addr)
{
	xmlNode		*e = xmlDocGetRootElement(pia_doc_xml(s->skel)), *c;
	const char	*p = addr, *end, *hash;
	size_t		 nlen;

	while (e != NULL && *p != '\0') {
		if ((end = strchr(p, '/')) == NULL)
			end = p + strlen(p);
		hash = memchr(p, '#', (size_t)(end - p));
		nlen = (size_t)((hash ? hash : end) - p);
		for (c = e->children; c != NULL; c = c->next)
			if (named(c, p, nlen))
				break;
		e = c;
		p = *end ? end + 1 : end;
	}
	return e;
}

int
edit_add(struct edit_session *s, const char *key, const char *after,
    const char **id)
{
	static char	 idbuf[160];
	xmlNode		*parent, *blank, *e, *prev = NULL, *c, *made = NULL;
	xmlChar		*v;
	const char	*slash = strrchr(key, '/'), *entry;
	char		*paddr;

	*id = NULL;
	entry = slash ? slash + 1 : key;
	if ((paddr = strndup(key, slash ? (size_t)(slash - key) : 0)) == NULL)
		return EDIT_NOMEM;
	parent = find(s, paddr, 1, &made);
	free(paddr);
	if (parent == NULL || strchr(entry, '#') != NULL ||
	    order_of(s, parent, entry) < 0) {
		if (made != NULL)
			edit_unlink(made);
		return EDIT_BADREQ;
	}
	if ((blank = skel_find(s, key)) != NULL &&
	    (e = xmlDocCopyNode(blank, parent->doc, 1)) != NULL)
		own_ns(e, parent->ns);
	else if ((e = xmlNewDocNode(parent->doc, parent->ns, BAD_CAST entry,
	    NULL)) != NULL)
		xmlSetProp(e, BAD_CAST "id", BAD_CAST entry);
	if (e == NULL)
		return EDIT_NOMEM;
	if (fresh_ids(s, e, xmlDocGetRootElement(parent->doc)) == -1) {
		xmlFreeNode(e);
		return EDIT_NOMEM;
	}
	for (c = parent->children; c != NULL; c = c->next) {
		if (!named(c, entry, strlen(entry)))
			continue;
		if (after == NULL)
			prev = c;
		else if (has_id(c, after, strlen(after))) {
			prev = c;
			break;
		}
	}
	if (prev == NULL)
		prev = prev_in_order(s, parent, entry);
	edit_insert(parent, prev, e);
	v = xmlGetProp(e, BAD_CAST "id");
	snprintf(idbuf, sizeof(idbuf), "%s", v ? (const char *)v : "");
	xmlFree(v);
	*id = idbuf;
	s->dirty = 1;
	s->rev++;
	return EDIT_OK;
}

int
edit_remove(struct edit_session *s, const char *addr)
{
	xmlNode	*e;

	if ((e = edit_find(s, addr, 0)) == NULL || !xmlHasProp(e, BAD_CAST "id"))
		return EDIT_BADREQ;
	edit_unlink(e);
	s->dirty = 1;
	s->rev++;
	return EDIT_OK;
}

int
edit_move(struct edit_session *s, const char *addr, int dir)
{
	xmlNode	*e, *o, *ws;

	if ((e = edit_find(s, addr, 0)) == NULL || !xmlHasProp(e, BAD_CAST "id"))
		return EDIT_BADREQ;
	for (o = dir < 0 ? e->prev : e->next; o != NULL;
	    o = dir < 0 ? o->prev : o->next)
		if (o->type == XML_ELEMENT_NODE)
			break;
	if (o == NULL || !xmlStrEqual(o->name, e->name))
		return EDIT_NOCHANGE;
	/* the entry travels with the blank text before it */
	if (dir < 0) {
		ws = e->prev != NULL && blank_node(e->prev) ? e->prev : NULL;
		xmlUnlinkNode(e);
		if (ws != NULL)
			xmlUnlinkNode(ws);
		xmlAddPrevSibling(o, e);
		if (ws != NULL)
			xmlAddPrevSibling(o, ws);
	} else {
		ws = o->prev != NULL && blank_node(o->prev) ? o->prev : NULL;
		xmlUnlinkNode(o);
		if (ws != NULL)
			xmlUnlinkNode(ws);
		xmlAddPrevSibling(e, o);
		if (ws != NULL)
			xmlAddPrevSibling(e, ws);
	}
	s->dirty = 1;
	s->rev++;
	return EDIT_OK;
}

static int
write_doc(struct edit_session *s, const char *path, struct pia_diags *d)
{
	xmlChar		*buf = NULL;
	int		 len = 0, rc;

	xmlDocDumpMemoryEnc(pia_doc_xml(s->doc), &buf, &len, "UTF-8");
	if (buf == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		return -1;
	}
	rc = pia_file_write_atomic(path, buf, (size_t)len, d);
	if (rc == 0 && strcmp(path, s->path) == 0) {
		if (disk_now(path, &s->disk, 0) == 0)
			s->disk.hash = hash((const char *)buf, (size_t)len);
		s->dirty = 0;
	}
	xmlFree(buf);
	return rc;
}

int
edit_save(struct edit_session *s, int force, struct pia_diags *d)
{
	if (!force && !disk_same(s))
		return 1;
	return write_doc(s, s->path, d);
}

int
edit_save_on_exit(struct edit_session *s, char **where, struct pia_diags *d)
{
	size_t	 n;
	char	*p;

	*where = NULL;
	if (!s->dirty)
		return 0;
	if (disk_same(s))
		p = strdup(s->path);
	else {
		n = strlen(s->path);
		if (n > 4 && strcmp(s->path + n - 4, ".xml") == 0)
			n -= 4;
		if (asprintf(&p, "%.*s.recovered.xml", (int)n, s->path) < 0)
			p = NULL;
	}
	if (p == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		return -1;
	}
	if (write_doc(s, p, d) == -1) {
		free(p);
		return -1;
	}
	*where = p;
	return 0;
}

/* ---- the page's state ---- */

struct walk {
	struct edit_session	*s;
	FILE			*f;
	int			 nv, nl, nd;	/* members written so far */
	enum { W_VALUES, W_LISTS, W_DERIVED } what;
	xmlXPathContext		*xp;
};

static xmlNode *
child(xmlNode *e, const char *name)
{
	xmlNode	*c;

	for (c = e != NULL ? e->children : NULL; c != NULL; c = c->next)
		if (named(c, name, strlen(name)))
			return c;
	return NULL;
}

static void
key(struct walk *w, int *n, const char *addr, const char *seg,
    const char *tail)
{
	char	*k = NULL;

	if (asprintf(&k, "%s%s%s%s", addr, *addr && seg ? "/" : "",
	    seg ? seg : "", tail ? tail : "") < 0)
		return;
	fputs((*n)++ ? "," : "", w->f);
	json_str(w->f, k);
	fputc(':', w->f);
	free(k);
}

/* A derived value: @value at the element of the enclosing group, else
 * from the root; node-sets give one line per node (as print.xsl). */
static void
derived(struct walk *w, const struct pia_vnode *n, xmlNode *e)
{
	const char		*x = pia_vnode_attr(n, "value", w->s->kind);
	xmlXPathObject		*r = NULL;
	xmlNode			*ctx[2];
	int			 i, k;
	char			 num[64];

	ctx[0] = e;
	ctx[1] = xmlDocGetRootElement(pia_doc_xml(w->s->doc));
	for (k = 0; k < 2 && x != NULL; k++) {
		if (ctx[k] == NULL)
			continue;
		w->xp->node = ctx[k];
		xmlXPathFreeObject(r);
		if ((r = xmlXPathEvalExpression(BAD_CAST x, w->xp)) == NULL)
			break;
		if (r->type != XPATH_NODESET ||
		    !xmlXPathNodeSetIsEmpty(r->nodesetval))
			break;
	}
	if (r == NULL) {
		fputs("\"\"", w->f);
		return;
	}
	if (r->type == XPATH_NODESET) {
		char	*out = NULL;
		size_t	 len = 0;
		FILE	*m = open_memstream(&out, &len);

		for (i = 0; m != NULL && r->nodesetval != NULL &&
		    i < r->nodesetval->nodeNr; i++) {
			xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);

			fprintf(m, "%s%s", i ? "\n" : "", v ? (char *)v : "");
			xmlFree(v);
		}
		if (m != NULL)
			fclose(m);
		json_str(w->f, out != NULL ? out : "");
		free(out);
	} else if (r->type == XPATH_NUMBER) {
		snprintf(num, sizeof(num), "%g", r->floatval);
		json_str(w->f, num);
	} else {
		xmlChar *v = xmlXPathCastToString(r);

		json_str(w->f, (const char *)v);
		xmlFree(v);
	}
	xmlXPathFreeObject(r);
}

/* Walks the form below vnode v alongside element e (NULL when absent). */
static void
walk(struct walk *w, const struct pia_vnode *v, xmlNode *e, const char *addr)
{
	const struct pia_vnode	*n;
	enum pia_kind		 k = w->s->kind;
	const char		*el, *entry;
	xmlNode			*x, *c, *box;
	char			*a, *ka;
	xmlChar			*id;
	int			 first;

	for (n = pia_vnode_first(v, k); n != NULL; n = pia_vnode_next(n, k)) {
		el = pia_vnode_el(n);
		switch (pia_vnode_type(n)) {
		case PIA_V_FIELD:
			if (w->what != W_VALUES || el == NULL)
				break;
			x = child(e, el);
			if (pia_vnode_ftype(n) == PIA_F_PERIOD) {
				if ((c = child(x, "from")) != NULL) {
					key(w, &w->nv, addr, el, "/from");
					edit_value_json(w->f, c, PIA_F_DATE);
				}
				if ((c = child(x, "to")) != NULL) {
					key(w, &w->nv, addr, el, "/to");
					edit_value_json(w->f, c, PIA_F_DATE);
				}
			} else if (x != NULL) {
				key(w, &w->nv, addr, el, NULL);
				edit_value_json(w->f, x, pia_vnode_ftype(n));
			}
			break;
		case PIA_V_DERIVED:
			if (w->what != W_DERIVED || e == NULL)
				break;
			if (asprintf(&a, "|%s", pia_vnode_attr(n, "value", k)) <
			    0)
				break;
			key(w, &w->nd, addr, NULL, a);
			free(a);
			derived(w, n, e);
			break;
		case PIA_V_LIST:
			entry = pia_vnode_entry(n);
			box = el != NULL ? child(e, el) : e;
			if (box == NULL)
				break;
			if (el != NULL) {
				if (asprintf(&ka, "%s%s%s", addr, *addr ? "/" :
				    "", el) < 0)
					break;
			} else if ((ka = strdup(addr)) == NULL)
				break;
			if (w->what == W_LISTS) {
				key(w, &w->nl, ka, entry, NULL);
				fputc('[', w->f);
				first = 1;
				for (c = box->children; c != NULL; c = c->next) {
					if (!named(c, entry, strlen(entry)) ||
					    (id = xmlGetProp(c, BAD_CAST "id")) ==
					    NULL)
						continue;
					fputs(first ? "" : ",", w->f);
					json_str(w->f, (const char *)id);
					xmlFree(id);
					first = 0;
				}
				fputc(']', w->f);
			}
			/* then what the entries hold */
			for (c = box->children; c != NULL; c = c->next) {
				if (!named(c, entry, strlen(entry)) ||
				    (id = xmlGetProp(c, BAD_CAST "id")) == NULL)
					continue;
				if (asprintf(&a, "%s%s%s#%s", ka, *ka ? "/" : "",
				    entry, (const char *)id) >= 0) {
					walk(w, n, c, a);
					free(a);
				}
				xmlFree(id);
			}
			free(ka);
			break;
		default:
			if (el == NULL || (x = child(e, el)) == NULL)
				break;
			if (asprintf(&a, "%s%s%s", addr, *addr ? "/" : "", el) <
			    0)
				break;
			walk(w, n, x, a);
			free(a);
			break;
		}
	}
}

static int
walk_all(struct edit_session *s, FILE *f, int what)
{
	struct walk	 w;
	xmlNode		*root = xmlDocGetRootElement(pia_doc_xml(s->doc));

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.f = f;
	w.what = what;
	if (what == W_DERIVED) {
		if ((w.xp = xmlXPathNewContext(pia_doc_xml(s->doc))) == NULL)
			return -1;
		xmlXPathRegisterNs(w.xp, BAD_CAST "a", BAD_CAST PIA_NS);
	}
	fputc('{', f);
	walk(&w, pia_vocab_form(s->vocab), root, "");
	fputc('}', f);
	xmlXPathFreeContext(w.xp);
	return 0;
}

int
edit_status_json(struct edit_session *s, FILE *f)
{
	struct pia_diags	*d;

	if ((d = pia_diags_new()) == NULL)
		return -1;
	edit_validate(s->doc, d);
	fprintf(f, "\"rev\":%lu,\"dirty\":%s,", s->rev,
	    s->dirty ? "true" : "false");
	edit_findings_json(f, d, pia_doc_xml(s->doc), s->lang);
	pia_diags_free(d);
	fputs(",\"derived\":", f);
	walk_all(s, f, W_DERIVED);
	fputc(',', f);
	edit_links_json(s, f);
	return 0;
}

int
edit_state_json(struct edit_session *s, FILE *f)
{
	fputs("{\"file\":", f);
	json_str(f, s->path);
	fprintf(f, ",\"kind\":\"%s\",\"prev\":%s,\"values\":",
	    pia_kind_id(s->kind), s->prev ? "true" : "false");
	walk_all(s, f, W_VALUES);
	fputs(",\"lists\":", f);
	walk_all(s, f, W_LISTS);
	fputc(',', f);
	edit_status_json(s, f);
	fputs("}", f);
	return ferror(f) ? -1 : 0;
}
