/*
 * transform.c: the XSLT stage.  templates/print.xsl turns an assessment
 * into the print vocabulary; templates/html.xsl turns that into HTML.
 *
 * The stylesheets never type a label: they walk a resolved copy of the
 * vocabulary for the document's kind, built here from the vocab API and
 * handed to XSLT through the extension function pia:form().  Every
 * attribute is already resolved for the kind (num.focused and the like),
 * nodes of other kinds are left out, and titles carry number and ※.
 *
 * Extension functions (namespace urn:pia:xslt:1):
 *   pia:form()        the resolved vocabulary (a node-set of one element:
 *                     form with @title and @form-version of the kind, t
 *                     children with the form's own words by @id, then
 *                     the n tree)
 *   pia:wareki(s)     an ISO date as 和暦 (pia_wareki_format); other text
 *                     is returned unchanged
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "pia.h"
#include "pia_templates.h"
#include "render.h"

#define PIA_XSLT_NS	"urn:pia:xslt:1"

static const char *const vtypes[] = {
	"form", "section", "group", "list", "field", "derived"
};
static const char *const ftypes[] = {
	"", "text", "line", "choice", "checks", "date", "period", "flag",
	"items", "image"
};

static void
set(xmlNode *e, const char *name, const char *val)
{
	if (val != NULL && *val != '\0')
		xmlNewProp(e, BAD_CAST name, BAD_CAST val);
}

/* Copies the vocabulary subtree below p for kind k into e. */
static int
resolve(xmlNode *e, const struct pia_vnode *p, enum pia_kind k)
{
	const struct pia_vnode	 *n;
	const struct pia_optlist *l;
	xmlNode			 *c, *o;
	char			 *title;
	size_t			  i;

	for (n = pia_vnode_first(p, k); n; n = pia_vnode_next(n, k)) {
		if ((c = xmlNewChild(e, NULL, BAD_CAST "n", NULL)) == NULL)
			return -1;
		set(c, "t", vtypes[pia_vnode_type(n)]);
		set(c, "ft", ftypes[pia_vnode_ftype(n)]);
		set(c, "el", pia_vnode_el(n));
		set(c, "entry", pia_vnode_entry(n));
		set(c, "num", pia_vnode_num(n, k));
		set(c, "label", pia_vnode_label(n, k));
		set(c, "mark", pia_vnode_mark(n, k));
		set(c, "value", pia_vnode_attr(n, "value", k));
		/* read by the editor's page (templates/editor/form.xsl) */
		set(c, "en", pia_vnode_en(n));
		set(c, "hint", pia_vnode_hint(n, k));
		set(c, "inline", pia_vnode_attr(n, "inline", k));
		set(c, "width", pia_vnode_attr(n, "width", k));
		if (pia_vnode_is_self(n))
			set(c, "self", "yes");
		if ((title = pia_vnode_title(n, k, "ja")) == NULL)
			return -1;
		set(c, "title", title);
		free(title);
		if ((l = pia_vnode_options(n, k)) != NULL) {
			set(c, "options", pia_optlist_id(l));
			for (i = 0; i < pia_optlist_count(l); i++) {
				o = xmlNewTextChild(c, NULL, BAD_CAST "o",
				    BAD_CAST pia_optlist_text(l, i));
				if (o == NULL)
					return -1;
				if (pia_optlist_slot(l, i))
					set(o, "slot", "yes");
				set(o, "group", pia_optlist_group(l, i));
				set(o, "count", pia_optlist_attr(l, i,
				    "count"));
			}
		}
		if (resolve(c, n, k) == -1)
			return -1;
	}
	return 0;
}

/* The words of the printed form (vocab <texts>) as t elements. */
static int
texts(xmlNode *r, const struct pia_vocab *v)
{
	const xmlNode	*t = pia_vocab_texts(v);
	xmlNode		*c;
	xmlChar		*id, *s;

	for (t = t ? t->children : NULL; t; t = t->next) {
		if (t->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)t->name, "text") != 0)
			continue;
		id = xmlGetProp(t, BAD_CAST "id");
		s = xmlNodeGetContent(t);
		c = xmlNewTextChild(r, NULL, BAD_CAST "t", s);
		if (c != NULL)
			set(c, "id", (const char *)id);
		xmlFree(id);
		xmlFree(s);
		if (c == NULL)
			return -1;
	}
	return 0;
}

static xmlDoc *
form_doc(const struct pia_vocab *v, enum pia_kind k)
{
	xmlDoc	*d;
	xmlNode	*r;

	if ((d = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	if ((r = xmlNewDocNode(d, NULL, BAD_CAST "form", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(d, r);
	set(r, "kind", pia_kind_id(k));
	set(r, "name", pia_vocab_kind_name(v, k));
	set(r, "style", pia_vocab_kind_style(v, k));
	set(r, "title", pia_vocab_kind_attr(v, k, "title"));
	set(r, "form-version", pia_vocab_kind_attr(v, k, "form-version"));
	if (texts(r, v) == 0 && resolve(r, pia_vocab_form(v), k) == 0)
		return d;
fail:
	xmlFreeDoc(d);
	return NULL;
}

static void
fn_form(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr	 t = xsltXPathGetTransformContext(ctxt);
	xmlDoc			*form = t ? t->_private : NULL;

	if (nargs != 0) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	valuePush(ctxt, xmlXPathNewNodeSet(form ?
	    xmlDocGetRootElement(form) : NULL));
}

static void
fn_wareki(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar	*s;
	char	*w;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if ((s = xmlXPathPopString(ctxt)) == NULL)
		return;
	if ((w = pia_wareki_format((const char *)s, NULL)) != NULL) {
		valuePush(ctxt, xmlXPathNewString(BAD_CAST w));
		free(w);
	} else
		valuePush(ctxt, xmlXPathNewString(s));
	xmlFree(s);
}

/* Collects the messages of the XSLT processor as one finding. */
struct errsink {
	char	buf[1024];
	size_t	n;
};

static void
xslt_error(void *ctx, const char *fmt, ...)
{
	struct errsink	*e = ctx;
	va_list		 ap;
	int		 w;

	if (e->n >= sizeof(e->buf) - 1)
		return;
	va_start(ap, fmt);
	w = vsnprintf(e->buf + e->n, sizeof(e->buf) - e->n, fmt, ap);
	va_end(ap);
	if (w > 0)
		e->n += (size_t)w < sizeof(e->buf) - e->n ? (size_t)w :
		    sizeof(e->buf) - e->n - 1;
}

static void
init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	exsltRegisterAll();
	xsltRegisterExtModuleFunction(BAD_CAST "form", BAD_CAST PIA_XSLT_NS,
	    fn_form);
	xsltRegisterExtModuleFunction(BAD_CAST "wareki",
	    BAD_CAST PIA_XSLT_NS, fn_wareki);
}

/* Applies the stylesheet rel (a data file) to in; params is a NULL-ended
 *  list of name, XPath-expression pairs. */
static xmlDoc *
apply(const char *rel, xmlDoc *in, xmlDoc *form, const char **params,
    xsltStylesheet **keep, const char *name, struct pia_diags *d)
{
	char			*path = NULL;
	xmlDoc			*sdoc = NULL, *res = NULL;
	xsltStylesheet		*ss = NULL;
	xsltTransformContext	*t = NULL;
	xsltSecurityPrefs	*sec = NULL;
	struct errsink		 e = { "", 0 };

	init();
	xsltSetGenericErrorFunc(&e, xslt_error);
	xmlSetGenericErrorFunc(&e, xslt_error);
	if ((path = pia_data_path(rel)) == NULL) {
		pia_diag(d, PIA_M_RENDER_XSL_MISSING, rel, 0, NULL);
		goto out;
	}
	sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (sdoc == NULL || (ss = xsltParseStylesheetDoc(sdoc)) == NULL) {
		pia_diag(d, PIA_M_RENDER_XSL_LOAD, path, 0, NULL, e.buf);
		if (ss == NULL)
			xmlFreeDoc(sdoc);
		goto out;
	}
	/* The stylesheets read nothing but their input: no files, no
	 * network, no output documents. */
	if ((sec = xsltNewSecurityPrefs()) == NULL)
		goto out;
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	if ((t = xsltNewTransformContext(ss, in)) == NULL)
		goto out;
	xsltSetCtxtSecurityPrefs(sec, t);
	t->_private = form;
	res = xsltApplyStylesheetUser(ss, in, params, NULL, NULL, t);
	if (res == NULL || t->state != XSLT_STATE_OK) {
		pia_diag(d, PIA_M_RENDER_TRANSFORM, name, 0, NULL, e.buf);
		xmlFreeDoc(res);
		res = NULL;
	}
out:
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (t != NULL)
		xsltFreeTransformContext(t);
	if (sec != NULL)
		xsltFreeSecurityPrefs(sec);
	if (keep != NULL && res != NULL)
		*keep = ss;
	else if (ss != NULL)
		xsltFreeStylesheet(ss);
	free(path);
	return res;
}

xmlDoc *
tmpl_print_tree(const struct pia_vocab *v, const struct pia_doc *doc,
    const char *only, int public_edition, struct pia_diags *d)
{
	xmlDoc		*form, *res;
	const char	*params[5] = { NULL, NULL, NULL, NULL, NULL };
	size_t		 np = 0;

	if ((form = form_doc(v, pia_doc_kind(doc))) == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		return NULL;
	}
	if (only != NULL && strcmp(only, "changes") == 0) {
		params[np++] = "only";
		params[np++] = "'changes'";
	}
	if (public_edition) {
		params[np++] = "public";
		params[np++] = "'yes'";
	}
	res = apply("templates/print.xsl", pia_doc_xml(doc), form, params,
	    NULL, pia_doc_name(doc), d);
	xmlFreeDoc(form);
	return res;
}

int
tmpl_html(xmlDoc *print, char **out, size_t *len, struct pia_diags *d)
{
	xsltStylesheet	*ss = NULL;
	xmlDoc		*res;
	xmlChar		*buf = NULL;
	int		 n = 0;

	*out = NULL;
	if ((res = apply("templates/html.xsl", print, NULL, NULL, &ss,
	    "html", d)) == NULL)
		return -1;
	if (xsltSaveResultToString(&buf, &n, res, ss) != 0 || buf == NULL)
		n = -1;
	xmlFreeDoc(res);
	xsltFreeStylesheet(ss);
	if (n < 0) {
		xmlFree(buf);
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		return -1;
	}
	if ((*out = malloc((size_t)n + 1)) != NULL) {
		memcpy(*out, buf, (size_t)n);
		(*out)[n] = '\0';
		*len = (size_t)n;
	}
	xmlFree(buf);
	return *out ? 0 : -1;
}

int
pia_editor_page(const struct pia_vocab *v, enum pia_kind k,
    const char *const *texts, const char **params, char **out, size_t *len,
    struct pia_diags *d)
{
	xsltStylesheet	*ss = NULL;
	xmlDoc		*form, *res = NULL;
	xmlNode		*tx, *t;
	xmlChar		*buf = NULL;
	int		 n = -1;

	*out = NULL;
	*len = 0;
	if ((form = form_doc(v, k)) == NULL ||
	    (tx = xmlNewChild(xmlDocGetRootElement(form), NULL,
	    BAD_CAST "texts", NULL)) == NULL)
		goto out;
	for (; texts != NULL && texts[0] != NULL; texts += 2) {
		if ((t = xmlNewTextChild(tx, NULL, BAD_CAST "t",
		    BAD_CAST texts[1])) == NULL)
			goto out;
		set(t, "n", texts[0]);
	}
	if ((res = apply("templates/editor/form.xsl", form, form, params,
	    &ss, "editor", d)) == NULL)
		goto out;
	if (xsltSaveResultToString(&buf, &n, res, ss) != 0 || buf == NULL ||
	    (*out = malloc((size_t)n + 1)) == NULL) {
		n = -1;
		goto out;
	}
	memcpy(*out, buf, (size_t)n);
	(*out)[n] = '\0';
	*len = (size_t)n;
out:
	if (n < 0 && pia_diags_count_level(d, PIA_ERROR) == 0)
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	xmlFree(buf);
	xmlFreeDoc(res);
	if (ss != NULL)
		xsltFreeStylesheet(ss);
	xmlFreeDoc(form);
	return n < 0 ? -1 : 0;
}
