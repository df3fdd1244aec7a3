/*
 * changes.c: the rows of a diff as <change> elements of the 変更箇所
 * section, the labels of its columns, and the insertion of the rows into
 * an assessment (pia history), once only (model/diff/diff.md §6).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "pia.h"
#include "pia_diff.h"
#include "extern.h"

/* The element of each column inside <change>, in column order. */
static const char *const colnames[PIA_COL__MAX] = { "date", "item",
    "before", "after", "timing", "reason" };

const char *
pia_changes_label(const struct pia_vocab *v, enum pia_kind k,
    enum pia_chcol col, const char *lang)
{
	const struct pia_vnode	*s, *l, *f;
	int			 en = lang != NULL && strcmp(lang, "en") == 0;

	if ((int)col < 0 || col >= PIA_COL__MAX)
		return "";
	for (s = pia_vnode_first(pia_vocab_form(v), k); s != NULL;
	    s = pia_vnode_next(s, k)) {
		if (pia_vnode_el(s) == NULL ||
		    strcmp(pia_vnode_el(s), PIA_CHANGES_EL) != 0)
			continue;
		for (l = pia_vnode_first(s, k); l; l = pia_vnode_next(l, k))
			for (f = pia_vnode_first(l, k); f;
			    f = pia_vnode_next(f, k))
				if (strcmp(pia_vnode_el(f), colnames[col]) == 0)
					return en ? pia_vnode_en(f) :
					    pia_vnode_label(f, k);
	}
	return colnames[col];
}

static int
el_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PIA_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Appends the text s (n bytes) to e; -1 when out of memory. */
static int
add_text(xmlNode *e, const char *s, size_t n)
{
	xmlNode	*t;

	if (n > INT_MAX ||
	    (t = xmlNewTextLen((const xmlChar *)s, (int)n)) == NULL)
		return -1;
	if (xmlAddChild(e, t) == NULL) {
		xmlFreeNode(t);
		return -1;
	}
	return 0;
}

/* Plain text into e, a line end becoming <br/>.  -1 when out of
 * memory. */
static int
add_lines(xmlNode *e, xmlNs *ns, const char *s)
{
	const char	*nl;

	for (; (nl = strchr(s, '\n')) != NULL; s = nl + 1)
		if (add_text(e, s, (size_t)(nl - s)) == -1 ||
		    xmlNewChild(e, ns, (const xmlChar *)"br", NULL) == NULL)
			return -1;
	return add_text(e, s, strlen(s));
}

static int
blank(const xmlChar *s)
{
	for (; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Copies the paragraphs and lists of a text field into e; the layout
 * whitespace between blocks is left to indent().  -1 when out of
 * memory. */
static int
copy_rich(xmlNode *e, xmlNs *ns, const xmlNode *src)
{
	const xmlNode	*c;
	xmlNode		*n;
	int		 layout = 1;

	for (c = src->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && !blank(c->content))
			layout = 0;
	for (c = src->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (!layout && add_text(e, (const char *)c->content,
			    c->content ? strlen((const char *)c->content) : 0)
			    == -1)
				return -1;
		} else if (c->type == XML_ELEMENT_NODE) {
			if ((n = xmlNewChild(e, ns, c->name, NULL)) == NULL ||
			    copy_rich(n, ns, c) == -1)
				return -1;
		}
	}
	return 0;
}

static int
has_blocks(const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next)
		if (el_is(c, "p") || el_is(c, "ul") || el_is(c, "ol"))
			return 1;
	return 0;
}

/* <before> or <after>: a text field's blocks, else the printed value.
 * -1 when out of memory. */
static int
value_el(const struct pia_vocab *v, enum pia_kind k, xmlNode *parent,
    xmlNs *ns, const char *name, const xmlNode *field, const char *text,
    enum pia_chkind kind)
{
	xmlNode			*e = xmlNewChild(parent, ns,
				    (const xmlChar *)name, NULL);
	const struct pia_vnode	*vn;

	if (e == NULL)
		return -1;
	if (field != NULL && kind != PIA_CH_RENUM && kind != PIA_CH_MOVE &&
	    (vn = pia_vocab_lookup(v, k, field)) != NULL &&
	    pia_vnode_type(vn) == PIA_V_FIELD &&
	    pia_vnode_ftype(vn) == PIA_F_TEXT && has_blocks(field))
		return copy_rich(e, ns, field);
	return add_lines(e, ns, text);
}

/* Whitespace for a pretty-printed tree: elements holding only elements
 * get a line end and indentation before each child.  -1 when out of
 * memory. */
static int
indent(xmlNode *e, int depth)
{
	xmlNode		*c, *t;
	char		 buf[128];
	int		 w = 2 * (depth + 1);

	for (c = e->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			return 0;
	if (e->children == NULL || w > (int)sizeof(buf) - 2)
		return 0;
	for (c = e->children; c != NULL; c = c->next) {
		snprintf(buf, sizeof(buf), "\n%*s", w, "");
		if ((t = xmlNewText((const xmlChar *)buf)) == NULL)
			return -1;
		if (xmlAddPrevSibling(c, t) == NULL) {
			xmlFreeNode(t);
			return -1;
		}
		if (c->type == XML_ELEMENT_NODE && indent(c, depth + 1) == -1)
			return -1;
	}
	snprintf(buf, sizeof(buf), "\n%*s", w - 2, "");
	return add_text(e, buf, strlen(buf));
}

xmlNode *
pia_change_xml(const struct pia_vocab *v, enum pia_kind k,
    const struct pia_change *c, const char *date, xmlNs *ns)
{
	xmlNode		*e, *pi;

	if ((e = xmlNewNode(ns, (const xmlChar *)"change")) == NULL)
		return NULL;
	if (xmlNewProp(e, (const xmlChar *)"id", (const xmlChar *)c->id) ==
	    NULL ||
	    xmlNewTextChild(e, ns, (const xmlChar *)"date",
	    (const xmlChar *)date) == NULL ||
	    xmlNewTextChild(e, ns, (const xmlChar *)"item",
	    (const xmlChar *)c->item) == NULL ||
	    value_el(v, k, e, ns, "before", c->old_node, c->before,
	    c->kind) == -1 ||
	    value_el(v, k, e, ns, "after", c->new_node, c->after,
	    c->kind) == -1)
		goto fail;
	/* The schema has no room for an attribute: a processing instruction
	 * (ignored by validation) marks 提出時期 as pia's proposal. */
	if ((pi = xmlNewDocPI(NULL, (const xmlChar *)"pia",
	    (const xmlChar *)"proposed=\"timing\"")) == NULL)
		goto fail;
	if (xmlAddChild(e, pi) == NULL) {
		xmlFreeNode(pi);
		goto fail;
	}
	if (xmlNewTextChild(e, ns, (const xmlChar *)"timing",
	    (const xmlChar *)pia_timing_text(v, c->timing)) == NULL ||
	    xmlNewTextChild(e, ns, (const xmlChar *)"reason",
	    (const xmlChar *)(c->reason_ja ? c->reason_ja : "")) == NULL)
		goto fail;
	return e;
fail:
	xmlFreeNode(e);
	return NULL;
}

xmlDoc *
pia_changes_xml(const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date)
{
	xmlDoc		*doc;
	xmlNode		*root, *e;
	xmlNs		*ns;
	size_t		 i;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return NULL;
	if ((root = xmlNewNode(NULL, (const xmlChar *)PIA_CHANGES_EL)) ==
	    NULL)
		goto fail;
	xmlDocSetRootElement(doc, root);
	if ((ns = xmlNewNs(root, (const xmlChar *)PIA_NS, NULL)) == NULL)
		goto fail;
	xmlSetNs(root, ns);
	for (i = 0; i < pia_changes_count(ch); i++) {
		e = pia_change_xml(v, pia_changes_kind(ch),
		    pia_changes_get(ch, i), date, ns);
		if (e == NULL)
			goto fail;
		if (xmlAddChild(root, e) == NULL) {
			xmlFreeNode(e);
			goto fail;
		}
	}
	if (indent(root, 0) == -1)
		goto fail;
	return doc;
fail:
	xmlFreeDoc(doc);
	return NULL;
}

/* Dashes that mean "nothing" in a hand-written 変更箇所 row. */
static int
is_none(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "―") == 0 ||
	    strcmp(s, "－") == 0 || strcmp(s, "—") == 0 ||
	    strcmp(s, "‐") == 0 || *s == '\0';
}

static int
same_text(const char *a, const char *b)
{
	if (is_none(a) || is_none(b))
		return is_none(a) && is_none(b);
	return strcmp(a, b) == 0 || pia_text_equiv(a, b);
}

static char *
child_text(const struct pia_vocab *v, enum pia_kind k, const xmlNode *e,
    const char *name)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next)
		if (el_is(c, name))
			return pia_value_text(v, k, c, "ja");
	return strdup("");
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of a document, sorted: new rows take ids not among them. */
struct ids {
	char	**v;
	size_t	  n, cap;
};

/* Adds id (taken over); -1 when out of memory (id is then freed). */
static int
ids_add(struct ids *ids, char *id)
{
	char	**nv;
	size_t	  nc;

	if (id == NULL)
		return -1;
	if (ids->n == ids->cap) {
		nc = ids->cap ? ids->cap * 2 : 64;
		if ((nv = realloc(ids->v, nc * sizeof(*nv))) == NULL) {
			free(id);
			return -1;
		}
		ids->v = nv;
		ids->cap = nc;
	}
	ids->v[ids->n++] = id;
	return 0;
}

/* Every @id below e (e and its siblings included); -1 when out of
 * memory. */
static int
ids_collect(const xmlNode *e, struct ids *ids)
{
	const xmlNode	*c;
	xmlChar		*id;
	int		 rc;

	for (c = e; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((id = xmlGetNoNsProp(c, (const xmlChar *)"id")) != NULL) {
			rc = ids_add(ids, strdup((const char *)id));
			xmlFree(id);
			if (rc == -1)
				return -1;
		}
		if (ids_collect(c->children, ids) == -1)
			return -1;
	}
	return 0;
}

static int
ids_has(const struct ids *ids, const char *id)
{
	return bsearch(&id, ids->v, ids->n, sizeof(*ids->v), strp_cmp) != NULL;
}

static void
ids_free(struct ids *ids)
{
	size_t	 i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
}

/* A unique id for a row: its own, or with a suffix -2, -3, ...  NULL
 * when out of memory. */
static char *
unique_id(const struct ids *ids, const char *own)
{
	char	*id;
	int	 seq;

	if ((id = strdup(own)) == NULL)
		return NULL;
	for (seq = 2; ids_has(ids, id); seq++) {
		free(id);
		if (asprintf(&id, "%s-%d", own, seq) < 0)
			return NULL;
	}
	return id;
}

/* Appends the text s to e, -1 when out of memory (as add_text). */
static int
add_str(xmlNode *e, const char *s)
{
	return add_text(e, s, strlen(s));
}

/* The 変更箇所 section of the assessment root, created when missing: last
 * but for <unplaced>.  NULL when out of memory. */
static xmlNode *
changes_section(xmlNode *root)
{
	xmlNode	*c, *sec = NULL, *last, *t;

	for (c = root->children; c != NULL; c = c->next)
		if (el_is(c, PIA_CHANGES_EL))
			sec = c;
	if (sec != NULL)
		return sec;
	if ((sec = xmlNewNode(root->ns, (const xmlChar *)PIA_CHANGES_EL)) ==
	    NULL)
		return NULL;
	for (c = root->children; c != NULL; c = c->next)
		if (el_is(c, "unplaced"))
			break;
	if (c != NULL) {
		if (xmlAddPrevSibling(c, sec) == NULL)
			goto fail;
		return sec;
	}
	for (last = root->last; last != NULL && last->type == XML_TEXT_NODE;
	    last = last->prev)
		continue;
	if ((last != NULL ? xmlAddNextSibling(last, sec) :
	    xmlAddChild(root, sec)) == NULL)
		goto fail;
	if ((t = xmlNewText((const xmlChar *)"\n  ")) == NULL)
		return NULL;
	if (xmlAddPrevSibling(sec, t) == NULL) {
		xmlFreeNode(t);
		return NULL;
	}
	return sec;
fail:
	xmlFreeNode(sec);
	return NULL;
}

/* A row of the 変更箇所 section as printed, for comparison (§6). */
struct row {
	char	*item, *before, *after;
};

static void
rows_free(struct row *rows, size_t n)
{
	size_t	 i;

	for (i = 0; rows != NULL && i < n; i++) {
		free(rows[i].item);
		free(rows[i].before);
		free(rows[i].after);
	}
	free(rows);
}

/* The rows of the section: *rows (*n of them, the caller frees with
 * rows_free, also on failure).  -1 when out of memory. */
static int
rows_get(const struct pia_vocab *v, enum pia_kind k, const xmlNode *sec,
    struct row **rows, size_t *n)
{
	const xmlNode	*c;
	struct row	*r;

	*n = 0;
	for (c = sec->children; c != NULL; c = c->next)
		*n += el_is(c, "change");
	if ((*rows = calloc(*n + 1, sizeof(**rows))) == NULL)
		return -1;
	for (r = *rows, c = sec->children; c != NULL; c = c->next) {
		if (!el_is(c, "change"))
			continue;
		r->item = child_text(v, k, c, "item");
		r->before = child_text(v, k, c, "before");
		r->after = child_text(v, k, c, "after");
		if (r->item == NULL || r->before == NULL || r->after == NULL)
			return -1;
		r++;
	}
	return 0;
}

/* Whether the section already has row c, compared as printed. */
static int
rows_have(const struct row *rows, size_t n, const struct pia_change *c)
{
	size_t	 j;

	for (j = 0; j < n; j++)
		if (same_text(rows[j].item, c->item) &&
		    same_text(rows[j].before, c->before) &&
		    same_text(rows[j].after, c->after))
			return 1;
	return 0;
}

long
pia_changes_append(const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date, struct pia_doc *pd, struct pia_diags *d)
{
	xmlDoc		*doc = pia_doc_xml(pd);
	xmlNode		*root = xmlDocGetRootElement(doc), *sec, *c, *e;
	enum pia_kind	 k = pia_doc_kind(pd);
	struct row	*rows = NULL;
	struct ids	 ids = { NULL, 0, 0 };
	struct pia_change row;
	char		 ind[64], *id;
	size_t		 nrows = 0, i;
	long		 added = 0;
	int		 depth = 0;

	if ((sec = changes_section(root)) == NULL ||
	    rows_get(v, k, sec, &rows, &nrows) == -1 ||
	    ids_collect(root, &ids) == -1)
		goto oom;
	qsort(ids.v, ids.n, sizeof(*ids.v), strp_cmp);
	for (c = sec->parent; c != NULL && c != root; c = c->parent)
		depth++;
	/* Drop trailing whitespace so that new rows indent like the rest. */
	while (sec->last != NULL && sec->last->type == XML_TEXT_NODE) {
		c = sec->last;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	snprintf(ind, sizeof(ind), "\n%*s", 2 * depth + 4, "");
	for (i = 0; i < pia_changes_count(ch); i++) {
		row = *pia_changes_get(ch, i);
		if (rows_have(rows, nrows, &row))
			continue;
		if ((id = unique_id(&ids, row.id)) == NULL)
			goto oom;
		/* Later rows of this run must not take its id either. */
		if (ids_add(&ids, id) == -1)
			goto oom;
		qsort(ids.v, ids.n, sizeof(*ids.v), strp_cmp);
		row.id = id;
		if ((e = pia_change_xml(v, k, &row, date, sec->ns)) == NULL)
			goto oom;
		if (add_str(sec, ind) == -1 || xmlAddChild(sec, e) == NULL) {
			xmlFreeNode(e);
			goto oom;
		}
		if (indent(e, depth + 2) == -1)
			goto oom;
		added++;
	}
	snprintf(ind, sizeof(ind), "\n%*s", 2 * depth + 2, "");
	if (add_str(sec, ind) == -1)
		goto oom;
	goto out;
oom:
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	added = -1;
out:
	rows_free(rows, nrows);
	ids_free(&ids);
	return added;
}

/* How long pia history waits for another one updating the same file. */
#define HISTORY_WAIT	10	/* seconds */

/*
 * Locks the revision at path for the whole read, append and rename of
 * pia history (flock, advisory: two pia history runs on one file update
 * it one after the other instead of losing one update).  The rename
 * replaces the file, so a lock won on a file that is no longer at path
 * is dropped and taken again on the new one.  Returns the locked
 * descriptor, -2 when path does not open (loading it will say why), or
 * -1 with a finding.
 */
static int
history_lock(const char *path, struct pia_diags *d)
{
	const struct timespec	 tick = { 0, 100 * 1000 * 1000 };
	struct stat		 a, b;
	int			 fd, ticks = 0;

	for (;;) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			return -2;
		while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			if (errno != EWOULDBLOCK && errno != EINTR) {
				pia_diag(d, PIA_M_HISTORY_NOLOCK, path, 0, NULL,
				    strerror(errno));
				close(fd);
				return -1;
			}
			if (ticks++ >= HISTORY_WAIT * 10) {
				pia_diag(d, PIA_M_HISTORY_BUSY, path, 0, NULL,
				    HISTORY_WAIT);
				close(fd);
				return -1;
			}
			nanosleep(&tick, NULL);
		}
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return fd;
		close(fd);
	}
}

long
pia_history(const char *oldpath, const char *newpath, const char *date,
    const char *outpath, struct pia_diags *d)
{
	struct pia_changes	*ch;
	long			 added;
	int			 lock = -2;

	if (strcmp(newpath, "-") != 0 &&
	    (lock = history_lock(newpath, d)) == -1)
		return -1;
	if ((ch = pia_diff_files(oldpath, newpath, 0, d)) == NULL) {
		added = -1;
		goto out;
	}
	added = pia_changes_append(ch->vocab, ch, date, ch->own_new, d);
	if (added > 0 || (added == 0 && outpath != NULL))
		if (pia_doc_save(ch->own_new, outpath != NULL ? outpath :
		    newpath, d) == -1)
			added = -1;
	pia_changes_free(ch);
out:
	if (lock >= 0)
		close(lock);
	return added;
}
