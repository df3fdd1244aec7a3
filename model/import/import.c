/*
 * import.c: pia import, the text of a published assessment to the model
 * (pia_import.h): the driver of the phases listed in extern.h.
 *
 *  1. The text is made safe and split into lines (read.c).
 *  2. The form is detected from the title line, else from the section
 *     headings that match each form's vocabulary (detect.c).
 *  3. The vocabulary tree of that form is flattened in document order;
 *     each node gets a key (NFKC, blanks and ※ removed) of its label and
 *     of its number.  Nothing of the form is typed in the importer
 *     (label.c).
 *  4. Each line is split into tab-separated cells.  The first cells that
 *     match labels choose the node; the remaining cells are the value,
 *     read by the field's type (line.c, choice.c, values.c); the 変更箇所
 *     table is read by position (changes.c).
 *  5. Finishing: declared counts against entries, blank choices the form
 *     needs, entries missing from the source, empty entries dropped,
 *     <unplaced> appended (finish.c).
 * Every line is also checked for foreign script, stray English words and
 * template placeholders (model/hygiene.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

void
imp_find(struct imp *I, long line, enum pia_msg m, ...)
{
	va_list	 ap;

	va_start(ap, m);
	if (pia_vdiag(I->d, m, I->name, line, NULL, ap) == -1)
		I->oom = 1;
	va_end(ap);
}

/* The form of kind I->kind flattened (and the nodes of the other forms,
 * to recognise their headings); the list of 特定個人情報ファイル is the
 * first list whose entries hold sections. */
static int
form_build(struct imp *I)
{
	const struct pia_vnode	*form = pia_vocab_form(I->vocab);
	int			 j;

	if (imp_flatten(&I->v, &I->nv, &I->cap, form, I->kind, -1, 0,
	    -1) == -1 || imp_flatten(&I->ov, &I->nov, &I->ocap, form, I->kind,
	    -1, 0, I->kind) == -1)
		return -1;
	for (j = 0; j < I->nv && I->files < 0; j++)
		if (I->v[j].type == PIA_V_LIST && I->v[j].el != NULL &&
		    I->v[j].end > j && I->v[j + 1].type == PIA_V_SECTION)
			I->files = j;
	return 0;
}

/* The empty document: <assessment kind="…" version="1">. */
static int
tree_new(struct imp *I)
{
	struct imp_tree	*t = &I->tree;

	if ((t->entry = calloc((size_t)I->nv, sizeof(*t->entry))) == NULL ||
	    (t->sectn = calloc((size_t)I->nv, sizeof(*t->sectn))) == NULL)
		return -1;
	if ((t->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (t->root = xmlNewNode(NULL, (const xmlChar *)"assessment")) ==
	    NULL)
		return -1;
	xmlDocSetRootElement(t->doc, t->root);
	if ((t->ns = xmlNewNs(t->root, (const xmlChar *)PIA_NS, NULL)) == NULL)
		return -1;
	xmlSetNs(t->root, t->ns);
	if (xmlNewProp(t->root, (const xmlChar *)"kind",
	    (const xmlChar *)pia_kind_id(I->kind)) == NULL ||
	    xmlNewProp(t->root, (const xmlChar *)"version",
	    (const xmlChar *)"1") == NULL)
		return -1;
	return 0;
}

static void
imp_free(struct imp *I)
{
	size_t	 i, k;
	int	 j;

	imp_later_free(&I->later);
	for (i = 0; i < I->cache.nokeys; i++) {
		for (k = 0; k < I->cache.okeys[i].n; k++)
			free(I->cache.okeys[i].key[k]);
		free(I->cache.okeys[i].key);
	}
	free(I->cache.okeys);
	for (j = 0; I->cache.plab != NULL && j < I->nv; j++) {
		free(I->cache.plab[j]);
		free(I->cache.pnum[j]);
	}
	free(I->cache.plab);
	free(I->cache.pnum);
	free(I->tree.entry);
	free(I->tree.sectn);
	if (I->tree.doc != NULL)
		xmlFreeDoc(I->tree.doc);
	imp_vents_free(I->v, I->nv);
	imp_vents_free(I->ov, I->nov);
}

struct pia_doc *
pia_import(const char *src, size_t len, const char *name,
    const struct pia_vocab *vocab, enum pia_kind force,
    struct pia_import_stats *stats, struct pia_diags *d)
{
	struct imp		 I;
	struct pia_import_stats	 st0;
	char			*buf = NULL, **lines = NULL;
	size_t			 nl = 0, bad;
	long			 title = 0, first;
	struct pia_doc		*doc = NULL;

	memset(&I, 0, sizeof(I));
	I.st = stats != NULL ? stats : &st0;
	memset(I.st, 0, sizeof(*I.st));
	I.vocab = vocab;
	I.name = name != NULL ? name : "-";
	I.d = d;
	I.files = -1;
	I.at.open_v = I.at.last_v = I.at.change_list = -1;

	if (memchr(src, '\0', len) != NULL) {
		pia_diag(d, PIA_M_IMPORT_INPUT, I.name, 0, NULL);
		goto out;
	}
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
		src += 3;	/* a byte order mark */
		len -= 3;
	}
	if ((buf = imp_sanitize(src, len, &len, &bad, &first)) == NULL)
		goto oom;
	if (bad > 0)
		imp_find(&I, first, PIA_M_IMPORT_ENCODING, bad);
	I.uses_checked = strstr(buf, "checked=") != NULL;
	if ((lines = imp_split_lines(buf, len, &nl)) == NULL)
		goto oom;
	I.st->lines = nl;

	I.kind = force != PIA_KIND_NONE ? force :
	    imp_detect_kind(vocab, lines, nl, &title);
	I.st->kind = I.kind;
	if (I.kind == PIA_KIND_NONE) {
		pia_diag(d, PIA_M_IMPORT_KIND, I.name, 0, NULL);
		goto out;
	}
	if (title == 0 && force == PIA_KIND_NONE)
		imp_find(&I, 0, PIA_M_IMPORT_KIND_HEADINGS,
		    pia_vocab_kind_name(vocab, I.kind));
	if (form_build(&I) == -1 || tree_new(&I) == -1)
		goto oom;

	imp_read(&I, lines, nl, title);
	/* The body was not read as the form: never a cover alone. */
	if (!I.oom && (I.st->labels == 0 || 2 * I.st->layout > I.st->cells))
		imp_find(&I, 0, PIA_M_IMPORT_STRUCTURE, I.st->cells,
		    I.st->labels, I.st->layout);
	if (I.oom || imp_finish(&I) == -1)
		goto oom;
	doc = pia_doc_wrap(I.tree.doc, I.name, d);	/* frees the tree on
							   failure */
	I.tree.doc = NULL;
	goto out;
oom:
	pia_diag(d, PIA_M_OOM, I.name, 0, NULL);
out:
	imp_free(&I);
	free(lines);
	free(buf);
	return doc;
}

struct pia_doc *
pia_import_file(const char *path, const char *name,
    const struct pia_vocab *vocab, enum pia_kind force,
    struct pia_import_stats *stats, struct pia_diags *d)
{
	char		*buf;
	size_t		 len;
	struct pia_doc	*doc;

	if (name == NULL)
		name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if ((buf = pia_file_read(path, PIA_MAX_INPUT, &len, d)) == NULL)
		return NULL;
	doc = pia_import(buf, len, name, vocab, force, stats, d);
	free(buf);
	return doc;
}
