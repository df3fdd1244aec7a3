/*
 * marks.c: the rows of a diff as the printed 変更箇所 table reads them
 * (pia_changes_marked): proposals marked (案), and the changed words of a
 * row marked inside its <before> or <after> element, for every printed
 * form of a diff (pia diff -T pdf, -T layout and -T html).  The marks are
 * elements del and ins in their own namespace (PIA_MARKS_NS, not the
 * assessment's: the schema has no room for them), that only the in-memory
 * document handed to the renderer ever holds; templates/print.xsl turns
 * them into the print vocabulary's <del> and <ins>.
 *
 * The word diff (pia_word_diff) runs on the values as printed
 * (pia_value_text), while the element keeps the field's paragraphs and
 * lists; each run of non-blank characters of a text node is found in the
 * printed value, in order, and the bytes it covers take the marks of the
 * printed bytes.  Blanks are marked only between two marked words, so a
 * mark never starts or ends with a space.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "pia.h"
#include "pia_diff.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	    (xmlStrEqual(n->name, BAD_CAST "p") ||
	    xmlStrEqual(n->name, BAD_CAST "ul") ||
	    xmlStrEqual(n->name, BAD_CAST "ol"));
}

/* The text nodes under e in document order; loose text beside blocks is
 * left out (the stylesheet prints it as a paragraph of its own, without
 * inline content). */
static int
collect(xmlNode *e, int top, xmlNode ***v, size_t *n, size_t *cap)
{
	xmlNode	*c, **nv;
	int	 blocks = 0;

	if (top)
		for (c = e->children; c != NULL; c = c->next)
			blocks |= is_block(c);
	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (collect(c, 0, v, n, cap) == -1)
				return -1;
			continue;
		}
		if (c->type != XML_TEXT_NODE || blocks)
			continue;
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			if ((nv = realloc(*v, *cap * sizeof(*nv))) == NULL)
				return -1;
			*v = nv;
		}
		(*v)[(*n)++] = c;
	}
	return 0;
}

static const char *
find(const char *h, size_t hlen, const char *s, size_t slen)
{
	size_t	 i;

	for (i = 0; slen <= hlen && i <= hlen - slen; i++)
		if (memcmp(h + i, s, slen) == 0)
			return h + i;
	return NULL;
}

/* Replaces text node t by its pieces, the marked ones (st[i] set) in
 * elements named tag.  Returns -1 when out of memory. */
static int
split(xmlNode *t, const unsigned char *st, xmlNs *ns, const char *tag)
{
	const char	*s = (const char *)t->content;
	size_t		 n = strlen(s), i, j;
	xmlNode		*ph, *seg;

	/* A placeholder element: a text piece put before an element is
	 * never merged into a neighbour. */
	if ((ph = xmlNewNode(NULL, BAD_CAST "x")) == NULL)
		return -1;
	xmlReplaceNode(t, ph);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && st[j] == st[i]; j++)
			continue;
		if (st[i]) {
			seg = xmlNewNode(ns, BAD_CAST tag);
			if (seg != NULL)
				xmlAddChild(seg, xmlNewTextLen(BAD_CAST s + i,
				    (int)(j - i)));
		} else
			seg = xmlNewTextLen(BAD_CAST s + i, (int)(j - i));
		if (seg == NULL)
			goto fail;
		xmlAddPrevSibling(ph, seg);
	}
	xmlUnlinkNode(ph);
	xmlFreeNode(ph);
	xmlFreeNode(t);
	return 0;
fail:
	/* Put the text back whole. */
	xmlReplaceNode(ph, t);
	xmlFreeNode(ph);
	return -1;
}

/*
 * Marks, inside side (a <before> or <after> element made by
 * pia_change_xml), the words that the spans w (pia_word_diff of the two
 * printed values) give to that side: op PIA_W_DEL for <before>,
 * PIA_W_INS for <after>; printed is that side's printed value.  Returns
 * 0, or -1 when out of memory (side is then whole, maybe partly marked).
 */
static int
mark_side(xmlNode *side, const char *printed,
    const struct pia_wspan *w, int nw, enum pia_wop op)
{
	size_t		 plen = strlen(printed), at = 0, pos = 0, i, j, k;
	size_t		 nt = 0, cap = 0, tn;
	unsigned char	*mk = NULL, *st = NULL;
	xmlNode		**tv = NULL;
	const char	*s, *q;
	xmlNs		*ns = NULL;
	int		 any = 0, rc = -1, prev;

	if ((mk = calloc(plen + 1, 1)) == NULL)
		goto out;
	for (k = 0; k < (size_t)nw; k++) {
		if (w[k].op != PIA_W_EQ && w[k].op != op)
			continue;
		if (w[k].op == op && at + w[k].len <= plen) {
			memset(mk + at, 1, w[k].len);
			any = 1;
		}
		at += w[k].len;
	}
	rc = 0;
	if (!any)
		goto out;
	rc = -1;
	if (collect(side, 1, &tv, &nt, &cap) == -1)
		goto out;
	for (k = 0; k < nt; k++) {
		s = (const char *)tv[k]->content;
		tn = strlen(s);
		free(st);
		if ((st = calloc(tn + 1, 1)) == NULL)
			goto out;
		any = 0;
		/* Each run of non-blanks, found in the printed value. */
		for (i = 0; i < tn; i = j) {
			if (is_blank(s[i])) {
				j = i + 1;
				continue;
			}
			for (j = i; j < tn && !is_blank(s[j]); j++)
				continue;
			if ((q = find(printed + pos, plen - pos, s + i,
			    j - i)) == NULL)
				continue;
			pos = (size_t)(q - printed);
			for (at = i; at < j; at++, pos++)
				any |= st[at] = mk[pos];
		}
		if (!any)
			continue;
		/* Blanks between two marked words are marked too. */
		for (i = 0, prev = 0; i < tn; i = j) {
			for (j = i; j < tn && is_blank(s[j]); j++)
				continue;
			if (j > i && prev && j < tn && st[j])
				memset(st + i, 1, j - i);
			if (j < tn)
				prev = st[j];
			j = j > i ? j : j + 1;
		}
		if (ns == NULL && (ns = xmlNewNs(side, BAD_CAST PIA_MARKS_NS,
		    BAD_CAST "m")) == NULL)
			goto out;
		if (split(tv[k], st, ns, op == PIA_W_DEL ? "del" : "ins") == -1)
			goto out;
	}
	rc = 0;
out:
	free(mk);
	free(st);
	free(tv);
	return rc;
}

/*
 * A proposed 提出時期 is marked by <?pia proposed="timing"?> before its
 * <timing>; the printed table says so, as the text and CSV outputs do.
 */
static void
mark_proposals(xmlNode *changes)
{
	const char	*mark = pia_msg_fmt(PIA_M_DIFF_PROPOSED, "ja");
	xmlNode		*c, *e;
	int		 proposed;

	for (c = changes->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		proposed = 0;
		for (e = c->children; e != NULL; e = e->next) {
			if (e->type == XML_PI_NODE &&
			    xmlStrEqual(e->name, BAD_CAST "pia"))
				proposed = 1;
			else if (proposed && e->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(e->name, BAD_CAST "timing")) {
				xmlNodeAddContent(e, BAD_CAST mark);
				proposed = 0;
			}
		}
	}
}

static xmlNode *
child_el(xmlNode *e, const char *name)
{
	for (e = e->children; e != NULL; e = e->next)
		if (e->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(e->name, BAD_CAST name))
			return e;
	return NULL;
}

/*
 * The changed words of each row marked in its <before> and <after>; the
 * rows of ch are the <change> elements of changes, in order.  Only a row
 * whose two sides are both there (an edit, or an equivalent spelling) is
 * marked (a value that is not UTF-8 is left unmarked).  Returns -1 when
 * out of memory.
 */
static int
mark_words(xmlNode *changes, const struct pia_changes *ch)
{
	const struct pia_change	*r;
	struct pia_wspan	*ws;
	xmlNode			*c, *b, *a;
	size_t			 i = 0;
	int			 nw, rc = 0;

	for (c = changes->children; c != NULL && rc == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (i >= pia_changes_count(ch))
			break;
		r = pia_changes_get(ch, i++);
		if (r->kind != PIA_CH_EDIT && r->kind != PIA_CH_EQUIV)
			continue;
		if ((nw = pia_word_diff(r->before, r->after, &ws)) < 0)
			continue;
		if ((b = child_el(c, "before")) != NULL &&
		    mark_side(b, r->before, ws, nw, PIA_W_DEL) == -1)
			rc = -1;
		if ((a = child_el(c, "after")) != NULL &&
		    mark_side(a, r->after, ws, nw, PIA_W_INS) == -1)
			rc = -1;
		free(ws);
	}
	return rc;
}

struct pia_doc *
pia_changes_marked(const struct pia_changes *ch, const char *date,
    struct pia_diags *d)
{
	xmlDoc		*rows, *xml = NULL;
	xmlNode		*root, *changes;
	xmlNs		*ns;
	struct pia_doc	*doc = NULL;

	if ((rows = pia_changes_xml(pia_changes_vocab(ch), ch, date)) == NULL)
		goto oom;
	if ((xml = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (root = xmlNewNode(NULL, BAD_CAST "assessment")) == NULL)
		goto oom;
	xmlDocSetRootElement(xml, root);
	if ((ns = xmlNewNs(root, BAD_CAST PIA_NS, NULL)) == NULL)
		goto oom;
	xmlSetNs(root, ns);
	if (xmlNewProp(root, BAD_CAST "kind",
	    BAD_CAST pia_kind_id(pia_changes_kind(ch))) == NULL)
		goto oom;
	if ((changes = xmlDocCopyNode(xmlDocGetRootElement(rows), xml, 1)) ==
	    NULL)
		goto oom;
	xmlAddChild(root, changes);
	mark_proposals(changes);
	if (mark_words(changes, ch) == -1)
		goto oom;
	xmlReconciliateNs(xml, root);
	/* pia_doc_wrap takes xml over, also when it fails. */
	doc = pia_doc_wrap(xml, "changes", d);
	xml = NULL;
	goto out;
oom:
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
out:
	xmlFreeDoc(xml);
	xmlFreeDoc(rows);
	return doc;
}
