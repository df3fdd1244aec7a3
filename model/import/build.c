/*
 * build.c: the document tree.  Elements are created on demand with their
 * ancestors, each in its vocabulary place among its siblings (ORD in
 * extern.h), entries of lists by the number printed in the source
 * ("委託事項4" is <task id="task-4">, fourth); the current entry of each
 * list and the current 特定個人情報ファイル say where a value goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Inserts child under parent in vocabulary order. */
static void
insert_ordered(xmlNode *parent, xmlNode *child, intptr_t ord)
{
	xmlNode	*c;

	child->_private = (void *)ord;
	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) > ord) {
			xmlAddPrevSibling(c, child);
			return;
		}
	xmlAddChild(parent, child);
}

xmlNode *
imp_child_el(struct imp *I, xmlNode *parent, int vi, int create)
{
	xmlNode	*c;

	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) == ORD(vi, 0))
			return c;
	if (!create)
		return NULL;
	if ((c = xmlNewNode(I->tree.ns, (const xmlChar *)I->v[vi].el)) ==
	    NULL) {
		I->oom = 1;
		return NULL;
	}
	insert_ordered(parent, c, ORD(vi, 0));
	return c;
}

/* The entry number n of list vent li in the current context; created
 * when asked.  Becomes the current entry of the list. */
xmlNode *
imp_entry_get(struct imp *I, int li, long n, int create)
{
	xmlNode		*parent, *c;
	char		 id[96];
	const char	*en = pia_vnode_entry(I->v[li].vn);
	int		 j;

	if (n < 1 || n > 9999)
		return NULL;
	if ((parent = imp_el_for(I, I->v[li].parent, create)) == NULL)
		return NULL;
	if (I->v[li].el != NULL && (parent = imp_child_el(I, parent, li,
	    create)) == NULL)
		return NULL;
	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) == ORD(li, n))
			break;
	if (c == NULL) {
		if (!create)
			return NULL;
		if (li != I->files && I->tree.file_no > 1 &&
		    imp_enclosing_list(I, I->v[li].parent) == I->files)
			snprintf(id, sizeof(id), "f%d-%s-%ld",
			    I->tree.file_no, en, n);
		else
			snprintf(id, sizeof(id), "%s-%ld", en, n);
		if ((c = xmlNewNode(I->tree.ns, (const xmlChar *)en)) == NULL ||
		    xmlNewProp(c, (const xmlChar *)"id",
		    (const xmlChar *)id) == NULL) {
			xmlFreeNode(c);
			I->oom = 1;
			return NULL;
		}
		insert_ordered(parent, c, ORD(li, n));
		c->line = I->at.line > 65535 ? 65535 :
		    (unsigned short)I->at.line;
	}
	I->tree.entry[li] = c;
	/* Lists inside this entry start over. */
	for (j = li + 1; j <= I->v[li].end; j++)
		if (I->v[j].type == PIA_V_LIST)
			I->tree.entry[j] = NULL;
	return c;
}

/* Highest entry number of list li under its parent element. */
static long
entry_max(const xmlNode *parent, int li)
{
	const xmlNode	*c;
	long		 m = 0;

	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && ord_of(c) > ORD(li, 0) &&
		    ord_of(c) < ORD(li + 1, 0) && ord_of(c) - ORD(li, 0) > m)
			m = (long)(ord_of(c) - ORD(li, 0));
	return m;
}

/* The element of vent vi in the current context (current file, current
 * entries), created with its ancestors when asked. */
xmlNode *
imp_el_for(struct imp *I, int vi, int create)
{
	int	 chain[PIA_MAX_DEPTH], n = 0, a;
	xmlNode	*cur = I->tree.root;

	for (a = vi; a > 0 && n < PIA_MAX_DEPTH; a = I->v[a].parent)
		chain[n++] = a;
	while (n-- > 0) {
		a = chain[n];
		if (I->v[a].type == PIA_V_LIST) {
			xmlNode *e = I->tree.entry[a];

			if (e == NULL) {
				xmlNode *w = cur;
				long	 m;

				if (I->v[a].el != NULL && (w = imp_child_el(I,
				    cur, a, create)) == NULL)
					return NULL;
				m = entry_max(w, a);
				if (m == 0 && !create)
					return NULL;
				if ((e = imp_entry_get(I, a, m ? m : 1,
				    create)) == NULL)
					return NULL;
			}
			cur = e;
		} else if (I->v[a].el != NULL) {
			if ((cur = imp_child_el(I, cur, a, create)) == NULL)
				return NULL;
		}
	}
	return cur;
}

/* Whether e holds any text or check. */
int
imp_has_content(const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL &&
		    *skip_blank((const char *)c->content) != '\0')
			return 1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "check") == 0) {
			/* Ticked or unknown: both say something. */
			xmlChar *t = xmlGetProp(c, (const xmlChar *)"ticked");
			int	 on = t == NULL ||
			    strcmp((char *)t, "false") != 0;

			xmlFree(t);
			if (on || imp_has_content(c))
				return 1;
		} else if (imp_has_content(c))
			return 1;
	}
	return 0;
}

void
imp_enter_file(struct imp *I, int sect, int heading)
{
	int	 j;

	if (I->files < 0 || imp_enclosing_list(I, sect) != I->files)
		return;
	if (heading)
		I->tree.sectn[sect]++;
	else if (I->tree.sectn[sect] == 0)
		I->tree.sectn[sect] = 1;
	else if (imp_section_of(I, I->at.cursor) == sect)
		return;
	if (I->tree.sectn[sect] != I->tree.file_no ||
	    I->tree.entry[I->files] == NULL) {
		I->tree.file_no = I->tree.sectn[sect];
		imp_entry_get(I, I->files, I->tree.file_no, 1);
	}
	for (j = I->files + 1; j <= I->v[I->files].end; j++)
		if (I->v[j].type == PIA_V_LIST)
			I->tree.entry[j] = NULL;
	if (I->tree.file_no > (int)I->st->files)
		I->st->files = (size_t)I->tree.file_no;
}

