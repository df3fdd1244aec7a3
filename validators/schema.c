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

	pia_diags_add(d, PIA_ERROR, "schema", e->file ? e->file : "",
	    e->line, NULL, NULL, "スキーマを読み込めません: %s",
	    "cannot load the schema: %s", e->message ? e->message : "");
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
		pia_diags_add(d, PIA_ERROR, "schema", rel, 0, NULL, NULL,
		    "スキーマが見つかりません (make でビルドしてください)",
		    "schema not found (build it with make)");
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
 * Appends a finding; both formats take (label, a, b) where label is the
 * Japanese path for fmt_ja and the English one for fmt_en, and b_en, when
 * not NULL, replaces b in the English message.
 */
static void
report(struct vstate *st, long line, const char *xp, const char *source,
    const char *fmt_ja, const char *fmt_en, const char *path,
    const char *pathen, const char *a, const char *b, const char *b_en)
{
	char	*ja = NULL, *en = NULL;

	if (asprintf(&ja, fmt_ja, path, a, b) < 0)
		ja = NULL;
	if (asprintf(&en, fmt_en, pathen, a, b_en ? b_en : b) < 0)
		en = NULL;
	if (ja != NULL && en != NULL)
		pia_diags_add_msg(st->diags, PIA_ERROR, "schema",
		    pia_doc_name(st->doc), line, xp, source, ja, en);
	free(ja);
	free(en);
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
	char			 iso[11] = "", hint_ja[96] = "", hint_en[96] = "";
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
	if (strstr(m, "attribute 'id'") != NULL && strstr(m, "required")) {
		report(st, e->line, xp, NULL, "%s: id 属性がありません "
		    "(繰り返す部分の各項目には文書内で一意の id が必要です)%s%s",
		    "%s: the id attribute is missing (each entry of a repeating "
		    "part needs an id unique in the document)%s%s", path,
		    pathen, "", "", NULL);
	} else if (strstr(m, "'xs:ID'") != NULL) {
		xmlChar *id = xmlGetNoNsProp(el, BAD_CAST "id");

		report(st, e->line, xp, NULL, "%s: id「%s」は重複しているか、id "
		    "に使えない値です (英字で始まる、文書内で一意の名前)%s",
		    "%s: id \"%s\" is repeated or not a valid id (a name "
		    "starting with a letter, unique in the document)%s", path,
		    pathen, id ? (const char *)id : "", "", NULL);
		xmlFree(id);
	} else if (e->code == XML_SCHEMAV_CVC_ENUMERATION_VALID &&
	    !other_attr && vn != NULL && pia_vnode_options(vn, k) != NULL) {
		opts = option_text(pia_vnode_options(vn, k));
		report(st, e->line, xp, "記載要領 (選択肢)",
		    "%s: 「%s」は選択肢にありません (選択肢: %s)",
		    "%s: \"%s\" is not one of the options (options: %s)",
		    path, pathen, V, opts ? opts : "", NULL);
	} else if ((ft == PIA_F_DATE || ft == PIA_F_PERIOD) && !other_attr) {
		if (pia_wareki_parse(V, iso) == PIA_DATE_OK) {
			snprintf(hint_ja, sizeof(hint_ja), "。和暦ではなく %s "
			    "と書きます", iso);
			snprintf(hint_en, sizeof(hint_en), "; write %s instead "
			    "of the 和暦 date", iso);
		}
		report(st, e->line, xp, NULL,
		    "%s: 日付「%s」が不正です (YYYY-MM-DD 形式の実在する日付、"
		    "又は YYYY-MM が必要です%s)",
		    "%s: invalid date \"%s\" (expected a real date as "
		    "YYYY-MM-DD, or YYYY-MM%s)", path, pathen, V,
		    hint_ja, hint_en);
	} else if (strstr(m, "attribute 'ticked'") != NULL) {
		xmlChar *t = xmlGetNoNsProp(e->node, BAD_CAST "ticked");

		report(st, e->line, xp, NULL, "%s: ticked 属性「%s」が不正です "
		    "(true、false、unknown のいずれか)%s", "%s: invalid ticked "
		    "attribute \"%s\" (true, false or unknown)%s", path, pathen,
		    t ? (const char *)t : "", "", NULL);
		xmlFree(t);
	} else if (ft == PIA_F_FLAG) {
		report(st, e->line, xp, NULL, "%s: 「%s」はチェック欄の値では"
		    "ありません (true、false 又は空欄)%s",
		    "%s: \"%s\" is not a checkbox value (true, false or "
		    "empty)%s", path, pathen, V, "", NULL);
	} else if (e->code == XML_SCHEMAV_ELEMENT_CONTENT) {
		report(st, e->line, xp, NULL,
		    "%s: 要素 %s はこの位置に置けません (様式にない要素か、"
		    "順序が違います): %s",
		    "%s: element %s is not allowed here (not in the form, or "
		    "out of order): %s", path, pathen,
		    el ? (const char *)el->name : "?", msg ? msg : "", NULL);
	} else {
		report(st, e->line, xp, NULL, "%s: スキーマに適合しません: "
		    "%s%s", "%s: schema violation: %s%s", path, pathen,
		    msg ? msg : "", "", NULL);
	}
#undef V
	xmlFree(val);
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

	if (pia_doc_kind(doc) != s->kind) {
		pia_diags_add(d, PIA_ERROR, "schema", pia_doc_name(doc), 0,
		    NULL, NULL, "スキーマの種類が文書と違います",
		    "schema kind does not match the document");
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
		pia_diags_add(d, PIA_ERROR, "schema", pia_doc_name(doc), 0,
		    NULL, NULL, "スキーマ検証を実行できませんでした",
		    "schema validation failed to run");
		return -1;
	}
	return st.count;
}
