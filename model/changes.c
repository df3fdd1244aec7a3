/*
 * changes.c: the rows of a diff as <change> elements of the 変更箇所
 * section, and their insertion into an assessment (pia history), once
 * only (model/diff.md §6).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_diff.h"

static int
el_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PIA_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Plain text into e, a line end becoming <br/>. */
static void
add_lines(xmlNode *e, xmlNs *ns, const char *s)
{
	const char	*nl;

	for (; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		xmlAddChild(e, xmlNewTextLen((const xmlChar *)s,
		    (int)(nl - s)));
		xmlNewChild(e, ns, (const xmlChar *)"br", NULL);
	}
	xmlAddChild(e, xmlNewText((const xmlChar *)s));
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
 * whitespace between blocks is left to indent(). */
static void
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
			if (!layout)
				xmlAddChild(e, xmlNewText(c->content));
		}
		else if (c->type == XML_ELEMENT_NODE) {
			n = xmlNewChild(e, ns, c->name, NULL);
			copy_rich(n, ns, c);
		}
	}
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

static void
value_el(const struct pia_vocab *v, enum pia_kind k, xmlNode *parent,
    xmlNs *ns, const char *name, const xmlNode *field, const char *text,
    enum pia_chkind kind)
{
	xmlNode			*e = xmlNewChild(parent, ns,
				    (const xmlChar *)name, NULL);
	const struct pia_vnode	*vn;

	if (e == NULL)
		return;
	if (field != NULL && kind != PIA_CH_RENUM && kind != PIA_CH_MOVE &&
	    (vn = pia_vocab_lookup(v, k, field)) != NULL &&
	    pia_vnode_type(vn) == PIA_V_FIELD &&
	    pia_vnode_ftype(vn) == PIA_F_TEXT && has_blocks(field))
		copy_rich(e, ns, field);
	else
		add_lines(e, ns, text);
}

/* Whitespace for a pretty-printed tree: elements holding only elements
 * get a line end and indentation before each child. */
static void
indent(xmlNode *e, int depth)
{
	xmlNode		*c;
	char		 buf[128];
	int		 w = 2 * (depth + 1);

	for (c = e->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			return;
	if (e->children == NULL || w > (int)sizeof(buf) - 2)
		return;
	for (c = e->children; c != NULL; c = c->next) {
		snprintf(buf, sizeof(buf), "\n%*s", w, "");
		xmlAddPrevSibling(c, xmlNewText((const xmlChar *)buf));
		if (c->type == XML_ELEMENT_NODE)
			indent(c, depth + 1);
	}
	snprintf(buf, sizeof(buf), "\n%*s", w - 2, "");
	xmlAddChild(e, xmlNewText((const xmlChar *)buf));
}

xmlNode *
pia_change_xml(const struct pia_vocab *v, enum pia_kind k,
    const struct pia_change *c, const char *date, xmlNs *ns)
{
	xmlNode		*e;

	if ((e = xmlNewNode(ns, (const xmlChar *)"change")) == NULL)
		return NULL;
	xmlNewProp(e, (const xmlChar *)"id", (const xmlChar *)c->id);
	xmlNewTextChild(e, ns, (const xmlChar *)"date", (const xmlChar *)date);
	xmlNewTextChild(e, ns, (const xmlChar *)"item",
	    (const xmlChar *)c->item);
	value_el(v, k, e, ns, "before", c->old_node, c->before, c->kind);
	value_el(v, k, e, ns, "after", c->new_node, c->after, c->kind);
	/* The schema has no room for an attribute: a processing instruction
	 * (ignored by validation) marks 提出時期 as pia's proposal. */
	xmlAddChild(e, xmlNewDocPI(NULL, (const xmlChar *)"pia",
	    (const xmlChar *)"proposed=\"timing\""));
	xmlNewTextChild(e, ns, (const xmlChar *)"timing",
	    (const xmlChar *)pia_timing_text(v, c->timing));
	xmlNewTextChild(e, ns, (const xmlChar *)"reason",
	    (const xmlChar *)(c->reason_ja ? c->reason_ja : ""));
	return e;
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
	root = xmlNewNode(NULL, (const xmlChar *)PIA_CHANGES_EL);
	if (root == NULL)
		goto fail;
	ns = xmlNewNs(root, (const xmlChar *)PIA_NS, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < pia_changes_count(ch); i++) {
		e = pia_change_xml(v, pia_changes_kind(ch),
		    pia_changes_get(ch, i), date, ns);
		if (e == NULL)
			goto fail;
		xmlAddChild(root, e);
	}
	indent(root, 0);
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

struct row {
	char	*item, *before, *after;
};

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

/* Every @id of the document, sorted, for unique new ids. */
static void
collect_ids(const xmlNode *e, char ***ids, size_t *n, size_t *cap)
{
	const xmlNode	*c;
	xmlChar		*id;

	for (c = e; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((id = xmlGetNoNsProp(c, (const xmlChar *)"id")) != NULL) {
			if (*n == *cap) {
				size_t nc = *cap ? *cap * 2 : 64;
				char **nv = realloc(*ids, nc * sizeof(*nv));

				if (nv == NULL) {
					xmlFree(id);
					return;
				}
				*ids = nv;
				*cap = nc;
			}
			(*ids)[(*n)++] = strdup((const char *)id);
			xmlFree(id);
		}
		collect_ids(c->children, ids, n, cap);
	}
}

long
pia_changes_append(const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date, struct pia_doc *pd, struct pia_diags *d)
{
	xmlDoc		*doc = pia_doc_xml(pd);
	xmlNode		*root = xmlDocGetRootElement(doc), *sec = NULL, *c;
	xmlNode		*e, *last;
	enum pia_kind	 k = pia_doc_kind(pd);
	struct row	*rows = NULL;
	char		**ids = NULL, *id = NULL, *key;
	size_t		 nrows = 0, nids = 0, cap = 0, i, j;
	long		 added = 0;
	int		 seq;

	for (c = root->children; c != NULL; c = c->next)
		if (el_is(c, PIA_CHANGES_EL))
			sec = c;
	if (sec == NULL) {
		/* The 変更箇所 section comes last but for <unplaced>. */
		if ((sec = xmlNewNode(root->ns,
		    (const xmlChar *)PIA_CHANGES_EL)) == NULL)
			goto oom;
		for (c = root->children; c != NULL; c = c->next)
			if (el_is(c, "unplaced"))
				break;
		if (c != NULL)
			xmlAddPrevSibling(c, sec);
		else {
			for (last = root->last; last != NULL &&
			    last->type == XML_TEXT_NODE; last = last->prev)
				continue;
			if (last != NULL)
				xmlAddNextSibling(last, sec);
			else
				xmlAddChild(root, sec);
			xmlAddPrevSibling(sec, xmlNewText(
			    (const xmlChar *)"\n  "));
		}
	}
	/* The rows already there, as printed. */
	for (c = sec->children; c != NULL; c = c->next)
		nrows += el_is(c, "change");
	if ((rows = calloc(nrows + 1, sizeof(*rows))) == NULL)
		goto oom;
	for (nrows = 0, c = sec->children; c != NULL; c = c->next) {
		if (!el_is(c, "change"))
			continue;
		rows[nrows].item = child_text(v, k, c, "item");
		rows[nrows].before = child_text(v, k, c, "before");
		rows[nrows].after = child_text(v, k, c, "after");
		if (!rows[nrows].item || !rows[nrows].before ||
		    !rows[nrows].after) {
			nrows++;
			goto oom;
		}
		nrows++;
	}
	collect_ids(root, &ids, &nids, &cap);
	qsort(ids, nids, sizeof(*ids), strp_cmp);
	/* Drop trailing whitespace so that new rows indent like the rest. */
	while (sec->last != NULL && sec->last->type == XML_TEXT_NODE) {
		c = sec->last;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	for (i = 0; i < pia_changes_count(ch); i++) {
		struct pia_change	 row = *pia_changes_get(ch, i);
		char			 ind[64];
		int			 depth = 1;

		for (j = 0; j < nrows; j++)
			if (same_text(rows[j].item, row.item) &&
			    same_text(rows[j].before, row.before) &&
			    same_text(rows[j].after, row.after))
				break;
		if (j < nrows)
			continue;
		/* A unique id: the row's own, or with a suffix. */
		free(id);
		id = strdup(row.id);
		for (seq = 2; id != NULL; seq++) {
			key = id;
			if (bsearch(&key, ids, nids, sizeof(*ids),
			    strp_cmp) == NULL)
				break;
			free(id);
			if (asprintf(&id, "%s-%d", row.id, seq) < 0)
				id = NULL;
		}
		if (id == NULL)
			goto oom;
		row.id = id;
		if ((e = pia_change_xml(v, k, &row, date, sec->ns)) == NULL)
			goto oom;
		for (c = sec->parent; c != NULL && c != root; c = c->parent)
			depth++;
		snprintf(ind, sizeof(ind), "\n%*s", 2 * depth + 2, "");
		xmlAddChild(sec, xmlNewText((const xmlChar *)ind));
		xmlAddChild(sec, e);
		indent(e, depth + 1);
		/* Later rows of this run must not repeat it either, nor take
		 * its id. */
		ids = realloc(ids, (nids + 1) * sizeof(*ids));
		if (ids == NULL)
			goto oom;
		ids[nids++] = id;
		id = NULL;
		qsort(ids, nids, sizeof(*ids), strp_cmp);
		added++;
	}
	{
		char	 ind[64];
		int	 depth = 0;

		for (c = sec->parent; c != NULL && c != root; c = c->parent)
			depth++;
		snprintf(ind, sizeof(ind), "\n%*s", 2 * depth + 2, "");
		xmlAddChild(sec, xmlNewText((const xmlChar *)ind));
	}
	goto out;
oom:
	pia_diags_add(d, PIA_ERROR, "memory", NULL, 0, NULL, NULL,
	    "メモリが足りません", "out of memory");
	added = -1;
out:
	for (i = 0; i < nrows; i++) {
		free(rows[i].item);
		free(rows[i].before);
		free(rows[i].after);
	}
	free(rows);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(id);
	return added;
}
