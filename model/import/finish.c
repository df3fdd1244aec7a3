/*
 * finish.c: what the reading notes for later, and the finishing pass:
 * declared counts "(3) 件" against the entries listed, derived items
 * (file names printed again in I and III) against the fields they repeat,
 * blank choices the form needs (※, or their group is filled), entries
 * missing from the source (empty ones keep the numbering) and printed but
 * empty ones dropped; then the text kept in <unplaced> is appended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia_buf.h"
#include "extern.h"

void
imp_unplace(struct imp *I, long line, const char *text, int report)
{
	struct imp_later	*l = &I->later;
	struct unpl		*u;
	char			*plain;

	if (is_empty_value(text))
		return;
	if ((u = pia_grow(l->unpl, &l->cunpl, l->nunpl, sizeof(*u))) == NULL) {
		I->oom = 1;
		return;
	}
	l->unpl = u;
	u = &l->unpl[l->nunpl++];
	u->line = line;
	u->heading = strdup(I->at.heading ? I->at.heading : "");
	u->text = strdup(text);
	if (u->heading == NULL || u->text == NULL)
		I->oom = 1;
	if (!report)
		return;
	plain = imp_plain(text);
	if (plain != NULL && strlen(plain) > 120) {
		size_t k = 110;

		while (k > 0 && ((unsigned char)plain[k] & 0xc0) == 0x80)
			k--;
		strcpy(plain + k, N_ELLIPSIS);
	}
	imp_find(I, line, PIA_M_IMPORT_UNPLACED, plain ? plain : "");
	free(plain);
}

/* A declared count "(3) 件" for list vent list, checked against the
 * entries when the document is done. */
void
imp_note_count(struct imp *I, int list, long n, long line)
{
	struct imp_later	*l = &I->later;
	struct count		*c;
	xmlNode			*parent;

	if (list < 0 || n < 0)
		return;
	if ((parent = imp_el_for(I, I->v[list].parent, 1)) == NULL)
		return;
	if (I->v[list].el != NULL &&
	    (parent = imp_child_el(I, parent, list, 1)) == NULL)
		return;
	if ((c = pia_grow(l->counts, &l->ccounts, l->ncounts,
	    sizeof(*c))) == NULL) {
		I->oom = 1;
		return;
	}
	l->counts = c;
	c = &l->counts[l->ncounts++];
	c->list = list;
	c->parent = parent;
	c->declared = n;
	c->line = line;
}

/* A choice left blank: reported at the end if the form needs it. */
void
imp_note_blank(struct imp *I, xmlNode *el, int v, long line)
{
	struct imp_later	*l = &I->later;
	struct blank		*b;

	if ((b = pia_grow(l->blanks, &l->cblanks, l->nblanks,
	    sizeof(*b))) == NULL) {
		I->oom = 1;
		return;
	}
	l->blanks = b;
	b = &l->blanks[l->nblanks++];
	b->el = el;
	b->v = v;
	b->line = line;
}

/* Notes what the source printed for a derived item ("3. 特定個人情報
 * ファイル名" in I, "1." in III), checked when the document is done. */
void
imp_note_derived(struct imp *I, int v, const char *val, long line)
{
	struct imp_later	*l = &I->later;
	struct derived		*dv;
	char			*p;

	if ((p = imp_plain(val)) == NULL) {
		I->oom = 1;
		return;
	}
	if (*p == '\0') {
		free(p);
		return;
	}
	if ((dv = pia_grow(l->der, &l->cder, l->nder, sizeof(*dv))) == NULL) {
		free(p);
		I->oom = 1;
		return;
	}
	l->der = dv;
	dv = &l->der[l->nder++];
	dv->v = v;
	dv->text = p;
	dv->line = line;
	dv->file = I->files >= 0 && imp_enclosing_list(I, v) == I->files ?
	    I->tree.entry[I->files] : NULL;
}

static void
finish_counts(struct imp *I)
{
	size_t	 i;

	for (i = 0; i < I->later.ncounts; i++) {
		struct count	*c = &I->later.counts[i];
		long		 have = 0;
		const xmlNode	*e;

		for (e = c->parent->children; e != NULL; e = e->next)
			if (e->type == XML_ELEMENT_NODE &&
			    ord_of(e) > ORD(c->list, 0) &&
			    ord_of(e) < ORD(c->list + 1, 0) &&
			    imp_has_content(e))
				have = (long)(ord_of(e) - ORD(c->list, 0));
		if (have != c->declared)
			imp_find(I, c->line, PIA_M_IMPORT_COUNT, c->declared,
			    pia_vnode_label(I->v[c->list].vn, I->kind), have);
	}
}

/* Splits s into names at "、" and ","; appends their keys to v. */
static size_t
split_names(const char *s, char **v, size_t n, size_t max)
{
	char	*c = strdup(s), *p, *q;

	if (c == NULL)
		return n;
	for (p = c; p != NULL && n < max; p = q) {
		char *a = strstr(p, N_COMMA), *b = strchr(p, ',');

		q = a && (!b || a < b) ? a : b;
		if (q != NULL) {
			*q = '\0';
			q += q == a ? strlen(N_COMMA) : 1;
		}
		if (*imp_trim(p) != '\0')
			v[n++] = imp_key(imp_trim(p));
	}
	free(c);
	return n;
}

static int
cmpstrp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the texts of the elements of vent f below e. */
static size_t
collect(struct imp *I, const xmlNode *e, int f, char **v, size_t n,
    size_t max)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL && n < max; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->_private == (void *)ORD(f, 0)) {
			xmlChar *t = xmlNodeGetContent(c);

			if (t != NULL)
				n = split_names((char *)t, v, n, max);
			xmlFree(t);
		} else
			n = collect(I, c, f, v, n, max);
	}
	return n;
}

/* A derived item printed with the same label as a field (the file names
 * in I and III repeat II-1): the printed names must be that field's. */
static void
finish_derived(struct imp *I)
{
	size_t	 i, a, b, k;
	int	 f;

	for (i = 0; i < I->later.nder; i++) {
		struct derived	*dv = &I->later.der[i];
		char		*pa[64], *pb[64];
		int		 same;

		for (f = 0; f < I->nv; f++)
			if (I->v[f].type == PIA_V_FIELD && f != dv->v &&
			    *I->v[f].key && strcmp(I->v[f].key,
			    I->v[dv->v].key) == 0)
				break;
		if (f == I->nv)
			continue;
		a = split_names(dv->text, pa, 0, 64);
		b = collect(I, dv->file ? dv->file : I->tree.root, f, pb, 0,
		    64);
		qsort(pa, a, sizeof(char *), cmpstrp);
		qsort(pb, b, sizeof(char *), cmpstrp);
		same = a == b;
		for (k = 0; same && k < a; k++)
			same = pa[k] && pb[k] && strcmp(pa[k], pb[k]) == 0;
		if (!same && b > 0) {
			char *t = pia_vnode_title(I->v[f].vn, I->kind, "ja");

			imp_find(I, dv->line, PIA_M_IMPORT_DERIVED, dv->text,
			    t ? t : "");
			free(t);
		}
		for (k = 0; k < a; k++)
			free(pa[k]);
		for (k = 0; k < b; k++)
			free(pb[k]);
	}
}

static int
flag_set_above(const struct imp *I, const xmlNode *e)
{
	const xmlNode	*a, *c;

	for (a = e->parent; a != NULL && a->type == XML_ELEMENT_NODE;
	    a = a->parent)
		for (c = a->children; c != NULL; c = c->next) {
			intptr_t o;
			int	 v;

			if (c->type != XML_ELEMENT_NODE ||
			    (o = ord_of(c)) % 100000 != 0 || o == 0)
				continue;
			v = (int)(o / 100000) - 1;
			if (v >= 0 && v < I->nv &&
			    I->v[v].ftype == PIA_F_FLAG &&
			    c->children != NULL &&
			    c->children->content != NULL &&
			    strcmp((const char *)c->children->content,
			    "true") == 0)
				return 1;
		}
	return 0;
}

static void
finish_blanks(struct imp *I)
{
	size_t	 i;

	for (i = 0; i < I->later.nblanks; i++) {
		struct blank	*b = &I->later.blanks[i];
		xmlNode		*c;
		int		 other = 0;
		char		*t;

		if (b->el == NULL || imp_has_content(b->el))
			continue;
		for (c = b->el->parent ? b->el->parent->children : NULL;
		    c != NULL; c = c->next)
			if (c != b->el && c->type == XML_ELEMENT_NODE &&
			    imp_has_content(c))
				other = 1;
		/* A ticked "…しない" flag of an enclosing group: nothing to
		 * choose ("委託しない" and a blank rating). */
		if (flag_set_above(I, b->el))
			continue;
		/* ※ of the field or of its group, not of a whole section. */
		if (!other && *pia_vnode_mark(I->v[b->v].vn, I->kind) == '\0' &&
		    (I->v[b->v].parent < 0 || I->v[I->v[b->v].parent].type !=
		    PIA_V_GROUP || *pia_vnode_mark(I->v[I->v[b->v].parent].vn,
		    I->kind) == '\0'))
			continue;
		t = imp_field_title(I, b->v);
		imp_find(I, b->line, PIA_M_IMPORT_BLANK, t);
		free(t);
	}
}

/* Drops entries with no content; fills gaps in entry numbers with empty
 * entries (pages missing from the source) and reports them. */
static void
finish_entries(struct imp *I, xmlNode *e)
{
	xmlNode	*c, *next;
	long	 last = 0, n;
	int	 li = -1;

	for (c = e->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ord_of(c) % 100000 != 0 && !imp_has_content(c) &&
		    xmlHasProp(c, (const xmlChar *)"id")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else
			finish_entries(I, c);
	}
	for (c = e->children; c != NULL; c = c->next) {
		int v;

		if (c->type != XML_ELEMENT_NODE || ord_of(c) % 100000 == 0)
			continue;
		v = (int)(ord_of(c) / 100000) - 1;
		n = (long)(ord_of(c) % 100000);
		if (v != li) {
			li = v;
			last = 0;
		}
		if (n > last + 1 && v != I->at.change_list) {
			long	 i;
			char	 id[96];
			xmlChar	*cid = xmlGetProp(c, (const xmlChar *)"id");
			char	*dash = cid ? strrchr((char *)cid, '-') : NULL;

			if (n - 1 > last + 1)
				imp_find(I, (long)c->line,
				    PIA_M_IMPORT_MISSING_RANGE,
				    pia_vnode_label(I->v[v].vn, I->kind),
				    last + 1, n - 1);
			else
				imp_find(I, (long)c->line, PIA_M_IMPORT_MISSING,
				    pia_vnode_label(I->v[v].vn, I->kind),
				    last + 1);
			for (i = last + 1; i < n && dash; i++) {
				xmlNode *ph = xmlNewNode(I->tree.ns, c->name);

				snprintf(id, sizeof(id), "%.*s-%ld",
				    (int)(dash - (char *)cid), (char *)cid, i);
				if (ph == NULL || xmlNewProp(ph,
				    (const xmlChar *)"id", (const xmlChar *)id)
				    == NULL) {
					xmlFreeNode(ph);
					I->oom = 1;
					break;
				}
				ph->_private = (void *)ORD(v, i);
				xmlAddPrevSibling(c, ph);
			}
			xmlFree(cid);
		}
		last = n;
	}
}

static void
clear_private(xmlNode *e)
{
	for (; e != NULL; e = e->next) {
		e->_private = NULL;
		if (e->type == XML_ELEMENT_NODE)
			clear_private(e->children);
	}
}


/* The <unplaced> elements, at the end of the document. */
static int
append_unplaced(struct imp *I)
{
	struct unpl	*u;
	xmlNode		*e;
	char		 ln[32];
	size_t		 i;

	for (i = 0; i < I->later.nunpl; i++) {
		u = &I->later.unpl[i];
		if ((e = xmlNewNode(I->tree.ns, (const xmlChar *)"unplaced")) ==
		    NULL)
			return -1;
		xmlAddChild(I->tree.root, e);
		snprintf(ln, sizeof(ln), "%ld", u->line);
		if (xmlNewProp(e, (const xmlChar *)"source-line",
		    (const xmlChar *)ln) == NULL)
			return -1;
		if (u->heading && *u->heading && xmlNewProp(e,
		    (const xmlChar *)"heading", (const xmlChar *)u->heading) ==
		    NULL)
			return -1;
		if (u->text)
			xmlNodeAddContent(e, (const xmlChar *)u->text);
	}
	I->st->fragments = I->later.nunpl;
	return 0;
}

int
imp_finish(struct imp *I)
{
	finish_counts(I);
	finish_derived(I);
	finish_blanks(I);
	finish_entries(I, I->tree.root);
	if (I->oom || append_unplaced(I) == -1)
		return -1;
	clear_private(I->tree.root);
	return 0;
}

void
imp_later_free(struct imp_later *l)
{
	size_t	 i;

	for (i = 0; i < l->nunpl; i++) {
		free(l->unpl[i].heading);
		free(l->unpl[i].text);
	}
	for (i = 0; i < l->nder; i++)
		free(l->der[i].text);
	free(l->unpl);
	free(l->der);
	free(l->blanks);
	free(l->counts);
}
