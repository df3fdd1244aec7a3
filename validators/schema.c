/*
 * schema.c: structure and type validation with the XSD generated from the
 * vocabulary.  libxml2's messages are English and name elements by
 * {namespace}name; each one is rewritten as a finding that names the field
 * as the form prints it, in Japanese and English.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

#include "pia.h"
#include "pia_validators.h"

struct pia_schema {
	enum pia_kind	 kind;
	xmlSchema	*xsd;
};

struct vstate {
	const struct pia_doc	*doc;
	const struct pia_vocab	*vocab;
	struct pia_diags	*diags;
	int			 count;
};

static void
capture_parse_error(void *ctx, xmlError *e)
{
	struct pia_diags *d = ctx;

	pia_diag(d, PIA_M_SCHEMA_LOAD, e->file ? e->file : "", e->line, NULL,
	    e->message ? e->message : "");
}

struct pia_schema *
pia_schema_load(enum pia_kind kind, struct pia_diags *d)
{
	struct pia_schema	*s = NULL;
	xmlSchemaParserCtxt	*pc = NULL;
	char			 rel[64], *path = NULL;

	/* The lean copy, without documentation, compiles faster. */
	snprintf(rel, sizeof(rel), "model/schema/lean/pia-%s.xsd",
	    pia_kind_id(kind));
	if ((path = pia_data_path(rel)) == NULL) {
		pia_diag(d, PIA_M_SCHEMA_NOT_FOUND, rel, 0, NULL);
		goto out;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (pc = xmlSchemaNewParserCtxt(path)) == NULL)
		goto fail;
	xmlSchemaSetParserStructuredErrors(pc, capture_parse_error, d);
	s->kind = kind;
	if ((s->xsd = xmlSchemaParse(pc)) == NULL)
		goto fail;
	goto out;
fail:
	pia_schema_free(s);
	s = NULL;
out:
	xmlSchemaFreeParserCtxt(pc);
	free(path);
	return s;
}

void
pia_schema_free(struct pia_schema *s)
{
	if (s == NULL)
		return;
	xmlSchemaFree(s->xsd);
	free(s);
}

/* Removes "{urn:...}" namespace prefixes and the trailing newline. */
static char *
clean(const char *m)
{
	char	*s, *o;

	if ((s = strdup(m ? m : "")) == NULL)
		return NULL;
	for (o = s; *m; ) {
		if (*m == '{') {
			const char *c = strchr(m, '}');
			if (c != NULL) {
				m = c + 1;
				continue;
			}
		}
		*o++ = *m++;
	}
	*o = '\0';
	while (o > s && (o[-1] == '\n' || o[-1] == ' '))
		*--o = '\0';
	return s;
}

/* "1) a 2) b ..." */
static char *
option_text(const struct pia_optlist *l)
{
	size_t	 i, len = 1;
	char	*s, *p;

	for (i = 0; i < pia_optlist_count(l); i++)
		len += strlen(pia_optlist_text(l, i)) + 16;
	if ((s = p = malloc(len)) == NULL)
		return NULL;
	*p = '\0';
	for (i = 0; i < pia_optlist_count(l); i++)
		p += sprintf(p, "%s%zu) %s", i ? " " : "", i + 1,
		    pia_optlist_text(l, i));
	return s;
}

/*
 * Rewrites one libxml2 validity error as a finding that names the field as
 * the form prints it.  The common mistakes (a value outside the option
 * list, a date that is not ISO, a missing or repeated id, an element out of
 * place) get their own messages; the rest keep libxml2's text.
 */
static void
on_valid_error(void *ctx, xmlError *e)
{
	struct vstate		*st = ctx;
	xmlNode			*el = e->node;
	const struct pia_vnode	*vn = NULL;
	enum pia_kind		 k = pia_doc_kind(st->doc);
	char			*msg = NULL, *path = NULL, *pathen = NULL;
	char			*xp = NULL, *opts = NULL;
	const char		*m = e->message ? e->message : "";
	xmlChar			*val = NULL;
	char			 iso[11] = "", *hint_ja = NULL, *hint_en = NULL;
	enum pia_ftype		 ft = PIA_F_NONE;
	int			 other_attr;

	if (e->level == XML_ERR_WARNING)
		return;
	st->count++;
	other_attr = strstr(m, "attribute '") != NULL &&
	    strstr(m, "attribute 'option'") == NULL;
	if (el != NULL && el->type == XML_ATTRIBUTE_NODE)
		el = el->parent;
	/* A <check> is described by its checkbox field, <from>/<to> by
	 * their period. */
	if (el != NULL && el->type == XML_ELEMENT_NODE && el->parent != NULL) {
		if (xmlStrEqual(el->name, BAD_CAST "check")) {
			if (!other_attr)
				val = xmlGetNoNsProp(el, BAD_CAST "option");
			el = el->parent;
		} else if (xmlStrEqual(el->name, BAD_CAST "from") ||
		    xmlStrEqual(el->name, BAD_CAST "to")) {
			val = xmlNodeGetContent(el);
			el = el->parent;
		}
	}
	if (el != NULL && el->type == XML_ELEMENT_NODE) {
		xp = pia_node_xpath(el);
		if (val == NULL)
			val = xmlNodeGetContent(el);
		if (st->vocab != NULL) {
			vn = pia_vocab_lookup(st->vocab, k, el);
			path = pia_vocab_path(st->vocab, k, el, "ja");
			pathen = pia_vocab_path(st->vocab, k, el, "en");
		}
	}
	if (vn != NULL && pia_vnode_type(vn) == PIA_V_FIELD)
		ft = pia_vnode_ftype(vn);
	msg = clean(m);
	if (path == NULL || *path == '\0') {
		free(path);
		free(pathen);
		path = strdup(el ? (const char *)el->name : "?");
		pathen = strdup(path ? path : "?");
	}
#define V	(val ? (const char *)val : "")
#define REPORT(msgid, ...) \
	pia_diag(st->diags, (msgid), pia_doc_name(st->doc), e->line, xp, path, \
	    pathen, __VA_ARGS__)
	if (strstr(m, "attribute 'id'") != NULL && strstr(m, "required")) {
		pia_diag(st->diags, PIA_M_SCHEMA_ID_MISSING, pia_doc_name(st->doc),
		    e->line, xp, path, pathen);
	} else if (strstr(m, "'xs:ID'") != NULL) {
		xmlChar *id = xmlGetNoNsProp(el, BAD_CAST "id");

		REPORT(PIA_M_SCHEMA_ID_BAD, id ? (const char *)id : "");
		xmlFree(id);
	} else if (e->code == XML_SCHEMAV_CVC_ENUMERATION_VALID &&
	    !other_attr && vn != NULL && pia_vnode_options(vn, k) != NULL) {
		opts = option_text(pia_vnode_options(vn, k));
		REPORT(PIA_M_SCHEMA_OPTION, V, opts ? opts : "");
	} else if ((ft == PIA_F_DATE || ft == PIA_F_PERIOD) && !other_attr) {
		/* a 和暦 date: say how to write it */
		if (pia_wareki_parse(V, iso) == PIA_DATE_OK) {
			hint_ja = pia_msg_str("ja", PIA_M_SCHEMA_DATE_HINT, iso);
			hint_en = pia_msg_str("en", PIA_M_SCHEMA_DATE_HINT, iso);
		}
		REPORT(PIA_M_SCHEMA_DATE, V, hint_ja ? hint_ja : "",
		    hint_en ? hint_en : "");
	} else if (strstr(m, "attribute 'ticked'") != NULL) {
		xmlChar *t = xmlGetNoNsProp(e->node, BAD_CAST "ticked");

		REPORT(PIA_M_SCHEMA_TICKED, t ? (const char *)t : "");
		xmlFree(t);
	} else if (ft == PIA_F_FLAG) {
		REPORT(PIA_M_SCHEMA_FLAG, V);
	} else if (e->code == XML_SCHEMAV_ELEMENT_CONTENT) {
		REPORT(PIA_M_SCHEMA_PLACE, el ? (const char *)el->name : "?",
		    msg ? msg : "");
	} else
		REPORT(PIA_M_SCHEMA_OTHER, msg ? msg : "");
#undef REPORT
#undef V
	xmlFree(val);
	free(hint_ja);
	free(hint_en);
	free(opts);
	free(msg);
	free(path);
	free(pathen);
	free(xp);
}

int
pia_schema_validate(const struct pia_schema *s, const struct pia_doc *doc,
    const struct pia_vocab *vocab, struct pia_diags *d)
{
	xmlSchemaValidCtxt	*vc;
	struct vstate		 st;
	int			 rc;

	pia_node_pos_forget();
	if (pia_doc_kind(doc) != s->kind) {
		pia_diag(d, PIA_M_SCHEMA_KIND, pia_doc_name(doc), 0, NULL);
		return -1;
	}
	if ((vc = xmlSchemaNewValidCtxt(s->xsd)) == NULL)
		return -1;
	st.doc = doc;
	st.vocab = vocab;
	st.diags = d;
	st.count = 0;
	xmlSchemaSetValidStructuredErrors(vc, on_valid_error, &st);
	rc = xmlSchemaValidateDoc(vc, pia_doc_xml(doc));
	xmlSchemaFreeValidCtxt(vc);
	if (rc < 0) {
		pia_diag(d, PIA_M_SCHEMA_RUN, pia_doc_name(doc), 0, NULL);
		return -1;
	}
	return st.count;
}
