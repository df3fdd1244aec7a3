/*
 * doc.c: loading and saving assessment documents.
 *
 * Input is untrusted (downloaded or imported documents), so the parser is
 * locked down: no network, no DTD loading, no entity substitution, and any
 * DOCTYPE or entity declaration stops the parse (an assessment never needs
 * one, and this closes external-entity and expansion-bomb attacks at the
 * door).  Element depth is bounded by PIA_MAX_DEPTH and size by
 * PIA_MAX_INPUT.  libxml2's own messages are captured and turned into
 * findings with file:line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "pia.h"

struct pia_doc {
	xmlDoc		*xml;
	char		*name;
	enum pia_kind	 kind;
};

/* Parser state kept in ctxt->_private. */
struct pstate {
	const char		*name;
	struct pia_diags	*diags;
	int			 depth;
	int			 stopped;	/* our own refusal was reported */
	int			 errors;
	startElementNsSAX2Func	 start;
	endElementNsSAX2Func	 end;
};

/* Reports finding m (once per parse) and stops the parser. */
static void
refuse(xmlParserCtxt *ctxt, enum pia_msg m, ...)
{
	struct pstate	*st = ctxt->_private;
	va_list		 ap;

	if (!st->stopped) {
		va_start(ap, m);
		pia_vdiag(st->diags, m, st->name, xmlSAX2GetLineNumber(ctxt),
		    NULL, ap);
		va_end(ap);
		st->errors++;
	}
	st->stopped = 1;
	xmlStopParser(ctxt);
}

static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	(void)name; (void)eid; (void)sid;
	refuse(ctx, PIA_M_XML_DOCTYPE);
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *pid, const xmlChar *sid, xmlChar *content)
{
	(void)name; (void)type; (void)pid; (void)sid; (void)content;
	refuse(ctx, PIA_M_XML_ENTITY);
}

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxt	*ctxt = ctx;
	struct pstate	*st = ctxt->_private;

	if (++st->depth > PIA_MAX_DEPTH) {
		refuse(ctxt, PIA_M_XML_TOO_DEEP, PIA_MAX_DEPTH);
		return;
	}
	st->start(ctx, localname, prefix, URI, nb_namespaces, namespaces,
	    nb_attributes, nb_defaulted, attributes);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI)
{
	xmlParserCtxt	*ctxt = ctx;
	struct pstate	*st = ctxt->_private;

	st->depth--;
	st->end(ctx, localname, prefix, URI);
}

static void
on_error(void *ctx, xmlError *e)
{
	xmlParserCtxt	*ctxt = ctx;
	struct pstate	*st = ctxt->_private;
	char		*msg;
	size_t		 n;

	if (st->stopped || e->level == XML_ERR_WARNING)
		return;
	if ((msg = strdup(e->message ? e->message : "?")) == NULL)
		return;
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* Only the first error is worth reading: the rest cascade. */
	if (st->errors == 0)
		pia_diag(st->diags, PIA_M_XML_NOT_WELL_FORMED, st->name,
		    e->line, NULL, msg);
	st->errors++;
	free(msg);
}

/* Checks the root and reads @kind. */
static int
check_root(struct pia_doc *doc, struct pia_diags *d)
{
	xmlNode	*root = xmlDocGetRootElement(doc->xml);
	xmlChar	*kind;

	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, PIA_NS) != 0 ||
	    strcmp((const char *)root->name, "assessment") != 0) {
		pia_diag(d, PIA_M_XML_NOT_ASSESSMENT, doc->name,
		    root ? pia_node_line(root) : 0, NULL,
		    root && root->ns ? (const char *)root->ns->href : "",
		    root ? (const char *)root->name : "-", PIA_NS);
		return -1;
	}
	kind = xmlGetNoNsProp(root, BAD_CAST "kind");
	doc->kind = pia_kind_parse((const char *)kind);
	if (doc->kind == PIA_KIND_NONE) {
		pia_diag(d, PIA_M_XML_BAD_KIND, doc->name, pia_node_line(root),
		    "/a:assessment", kind ? (const char *)kind : "");
		xmlFree(kind);
		return -1;
	}
	xmlFree(kind);
	return 0;
}

struct pia_doc *
pia_doc_load_memory(const char *buf, size_t len, const char *name,
    struct pia_diags *d)
{
	xmlParserCtxt	*ctxt = NULL;
	struct pstate	 st;
	struct pia_doc	*doc = NULL;
	xmlDoc		*xml = NULL;

	if (len > (size_t)PIA_MAX_INPUT) {
		pia_diag(d, PIA_M_IO_TOO_LARGE, name, 0, NULL,
		    (size_t)PIA_MAX_INPUT);
		return NULL;
	}
	memset(&st, 0, sizeof(st));
	st.name = name;
	st.diags = d;
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		goto oom;
	ctxt->_private = &st;
	st.start = ctxt->sax->startElementNs;
	st.end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = on_internal_subset;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->serror = on_error;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	xml = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOWARNING);
	if (xml == NULL || st.errors > 0 || st.stopped || !ctxt->wellFormed) {
		if (st.errors == 0)
			pia_diag(d, PIA_M_XML_UNREADABLE, name, 0, NULL);
		goto fail;
	}
	if ((doc = calloc(1, sizeof(*doc))) == NULL ||
	    (doc->name = strdup(name)) == NULL)
		goto oom;
	doc->xml = xml;
	xml = NULL;
	if (check_root(doc, d) == -1)
		goto fail;
	xmlFreeParserCtxt(ctxt);
	return doc;
oom:
	pia_diag(d, PIA_M_OOM, name, 0, NULL);
fail:
	pia_doc_free(doc);
	xmlFreeDoc(xml);
	xmlFreeParserCtxt(ctxt);
	return NULL;
}

struct pia_doc *
pia_doc_load(const char *path, const char *name, struct pia_diags *d)
{
	struct pia_doc	*doc;
	char		*buf;
	size_t		 len;

	if (name == NULL)
		name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if ((buf = pia_file_read(path, PIA_MAX_INPUT, &len, d)) == NULL)
		return NULL;
	doc = pia_doc_load_memory(buf, len, name, d);
	free(buf);
	return doc;
}

struct pia_doc *
pia_doc_wrap(xmlDoc *xml, const char *name, struct pia_diags *d)
{
	struct pia_doc	*doc;

	if ((doc = calloc(1, sizeof(*doc))) == NULL ||
	    (doc->name = strdup(name)) == NULL) {
		free(doc);
		xmlFreeDoc(xml);
		return NULL;
	}
	doc->xml = xml;
	if (check_root(doc, d) == -1) {
		pia_doc_free(doc);
		return NULL;
	}
	return doc;
}

void
pia_doc_free(struct pia_doc *doc)
{
	if (doc == NULL)
		return;
	xmlFreeDoc(doc->xml);
	free(doc->name);
	free(doc);
}

int
pia_doc_save(const struct pia_doc *doc, const char *path,
    struct pia_diags *d)
{
	xmlChar	*buf = NULL;
	int	 len = 0, rc;

	xmlDocDumpMemoryEnc(doc->xml, &buf, &len, "UTF-8");
	if (buf == NULL) {
		pia_diag(d, PIA_M_DOC_SERIALISE, path, 0, NULL);
		return -1;
	}
	rc = pia_file_write_atomic(path, buf, (size_t)len, d);
	xmlFree(buf);
	return rc;
}

enum pia_kind
pia_doc_kind(const struct pia_doc *doc)
{
	return doc->kind;
}

const char *
pia_doc_name(const struct pia_doc *doc)
{
	return doc->name;
}

xmlDoc *
pia_doc_xml(const struct pia_doc *doc)
{
	return doc->xml;
}

long
pia_node_line(const xmlNode *n)
{
	return n == NULL ? 0 : xmlGetLineNo(n);
}

/*
 * Positions among siblings of the same name, asked for every finding and
 * every row: counting all siblings each time made validation and diff
 * quadratic in the length of a list (20,000 entries: tens of seconds).
 * Each thread remembers, per depth, the last element whose position it
 * computed; the next question walks back only to it.  Findings and rows
 * come in document order, so the walks add up to the list's length.  The
 * memory is forgotten when a tree may have changed (pia_node_pos_forget,
 * called where validation and diff begin).
 */
static _Thread_local struct {
	const xmlNode	*parent, *node;
	int		 pos;
} pos_memo[PIA_MAX_DEPTH + 2];

static int
same_name(const xmlNode *a, const xmlNode *b)
{
	return a->type == XML_ELEMENT_NODE && xmlStrEqual(a->name, b->name);
}

void
pia_node_pos_forget(void)
{
	memset(pos_memo, 0, sizeof(pos_memo));
}

int
pia_node_pos(const xmlNode *e, int *others)
{
	const xmlNode	*c;
	size_t		 depth = 0;
	int		 k = 0, pos = 0;

	for (c = e->parent; c != NULL && depth < PIA_MAX_DEPTH + 1;
	    c = c->parent)
		depth++;
	if (e == pos_memo[depth].node && e->parent == pos_memo[depth].parent)
		pos = pos_memo[depth].pos;
	for (c = e->prev; c != NULL && pos == 0; c = c->prev) {
		if (!same_name(c, e))
			continue;
		if (c == pos_memo[depth].node &&
		    e->parent == pos_memo[depth].parent) {
			pos = pos_memo[depth].pos + k + 1;
			break;
		}
		k++;
	}
	if (pos == 0)
		pos = k + 1;
	pos_memo[depth].parent = e->parent;
	pos_memo[depth].node = e;
	pos_memo[depth].pos = pos;
	if (others != NULL) {
		*others = pos > 1;
		for (c = e->next; c != NULL && !*others; c = c->next)
			if (same_name(c, e))
				*others = 1;
	}
	return pos;
}

char *
pia_node_xpath(const xmlNode *n)
{
	char		*s = NULL, *t;
	int		 idx, others;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		idx = pia_node_pos(n, &others);
		if ((others ? asprintf(&t, "/%s%s[%d]%s",
		    n->ns ? "a:" : "", (const char *)n->name, idx,
		    s ? s : "") : asprintf(&t, "/%s%s%s", n->ns ? "a:" : "",
		    (const char *)n->name, s ? s : "")) < 0)
			t = NULL;
		free(s);
		if ((s = t) == NULL)
			return NULL;
	}
	return s;
}
