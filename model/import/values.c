/*
 * values.c: value readers for the other fields (和暦 dates with 頃 or
 * (予定), periods "A から B まで", record items, single lines, Text with
 * its HTML) and the dispatch of a row's value cells by the type of the
 * field; a date or period given twice keeps the first.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* A declared count "(3) 件", "() 件", "5件" in s: the number, 0 for "()",
 * -1 when there is none. */
long
imp_declared_count(const char *s)
{
	const char	*k, *p;
	long		 n;

	if ((k = strstr(s, N_COUNT)) == NULL)
		return -1;
	p = k;
	while (p > s && (p[-1] == ' '))
		p--;
	if (p > s && (p[-1] == ')' ||
	    (p - s >= 3 && starts(p - 3, N_FW_RPAREN)))) {
		p -= p[-1] == ')' ? 1 : 3;
		while (p > s && (p[-1] == ' '))
			p--;
		while (p > s && isdigit((unsigned char)p[-1]))
			p--;
		n = imp_num_at(p, NULL);
		return n < 0 ? 0 : n;
	}
	while (p > s && isdigit((unsigned char)p[-1]))
		p--;
	n = imp_num_at(p, NULL);
	return n;
}

/* 和暦 date with 頃 / (予定); writes the element; 0 or -1 (not a date). */
int
imp_set_date(struct imp *I, xmlNode *el, const char *val, long line, int report)
{
	char		*s = imp_plain(val), *p, iso[11];
	const char	*qual = NULL;
	enum pia_date_err e;

	if (s == NULL)
		return -1;
	if ((p = strstr(s, N_PLANNED_P)) != NULL ||
	    (p = strstr(s, N_PLANNED_FW)) != NULL) {
		qual = N_PLANNED;
		*p = '\0';
	}
	if ((p = strstr(s, N_ABOUT)) != NULL) {
		qual = N_ABOUT;
		*p = '\0';
	}
	if ((p = strstr(s, N_AS_OF)) != NULL && p[strlen(N_AS_OF)] == '\0')
		*p = '\0';
	imp_trim(s);
	e = pia_wareki_parse(s, iso);
	if (e != PIA_DATE_OK) {
		if (report)
			imp_find(I, line, PIA_M_IMPORT_DATE, s,
			    pia_date_strerror(e, "ja"));
		free(s);
		return -1;
	}
	xmlNodeSetContent(el, (const xmlChar *)iso);
	if (qual != NULL)
		xmlSetProp(el, (const xmlChar *)"qualifier",
		    (const xmlChar *)qual);
	free(s);
	return 0;
}

/* Splits a period "A から B まで", "A～B" into <from>/<to> of el;
 * returns -1 when a date cannot be read. */
static int
period_into(struct imp *I, xmlNode *el, const char *val, long line,
    int report)
{
	char		*s = imp_plain(val), *a, *b = NULL, *p;
	static const char *const seps[] = N_PERIOD_SEPS;
	xmlNode		*f, *t;
	size_t		 i;
	int		 bad = 0;

	if (s == NULL)
		return -1;
	for (i = 0; seps[i] != NULL; i++)
		if ((p = strstr(s, seps[i])) != NULL) {
			*p = '\0';
			b = p + strlen(seps[i]);
			break;
		}
	a = imp_trim(s);
	if (b != NULL) {
		if ((p = strstr(b, N_UNTIL)) != NULL)
			*p = '\0';
		b = imp_trim(b);
	}
	if (*a != '\0') {
		f = xmlNewChild(el, I->tree.ns, (const xmlChar *)"from", NULL);
		if (f == NULL || imp_set_date(I, f, a, line, report) == -1)
			bad = 1;
	}
	if (b != NULL && *b != '\0') {
		t = xmlNewChild(el, I->tree.ns, (const xmlChar *)"to", NULL);
		if (t == NULL || imp_set_date(I, t, b, line, report) == -1)
			bad = 1;
	}
	free(s);
	return bad ? -1 : 0;
}

static void
read_period(struct imp *I, int v, const char *val, long line)
{
	xmlNode	*el;

	if ((el = imp_el_for(I, v, 1)) != NULL &&
	    period_into(I, el, val, line, 1) == -1)
		imp_unplace(I, line, val, 0);
}

/* Record items: "<宛名>" or "(1) 識別情報" open a category, "① 受給者情報"
 * a subcategory; "- ・A・B・C" and "・A、B、C" are items. */
static void
read_items(struct imp *I, int v, const char *val)
{
	char		*s = imp_plain(val), *p, *q;
	xmlNode		*el, *at;
	int		 level;

	if (s == NULL || (el = imp_el_for(I, v, 1)) == NULL) {
		free(s);
		return;
	}
	p = s;
	if (starts(p, "- "))
		p += 2;
	p = (char *)skip_blank(p);
	if (!starts(p, N_BULLET) && strlen(p) < 80 && !strstr(p, N_COMMA)) {
		/* A category heading. */
		level = 0;
		if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] ==
		    0x91 && I->at.cat[0] != NULL)
			level = 1;
		if (*p == '<' || starts(p, N_FW_LT) || starts(p, N_LENT_OPEN)) {
			q = p + (*p == '<' ? 1 : 3);
			p = q;
			if ((q = strstr(p, ">")) || (q = strstr(p, N_FW_GT)) ||
			    (q = strstr(p, N_LENT_CLOSE)))
				*q = '\0';
		}
		at = level ? I->at.cat[0] : el;
		I->at.cat[level] = xmlNewChild(at, I->tree.ns, (const xmlChar *)
		    "category", NULL);
		if (I->at.cat[level] == NULL ||
		    xmlNewProp(I->at.cat[level], (const xmlChar *)"name",
		    (const xmlChar *)imp_trim(p)) == NULL)
			I->oom = 1;
		if (level == 0)
			I->at.cat[1] = NULL;
		free(s);
		return;
	}
	at = I->at.cat[1] ? I->at.cat[1] : I->at.cat[0] ? I->at.cat[0] : el;
	/* Items separated by "・"; by "、" too when a line lists many. */
	while (*p != '\0') {
		char	*e;
		size_t	 commas = 0;

		if (starts(p, N_BULLET))
			p += 3;
		if ((e = strstr(p, N_BULLET)) == NULL)
			e = p + strlen(p);
		for (q = p; q < e && (q = strstr(q, N_COMMA)) && q < e; q += 3)
			commas++;
		while (p < e) {
			char *c = commas > 2 ? strstr(p, N_COMMA) : NULL;
			char *end = c && c < e ? c : e;
			char *item = strndup(p, (size_t)(end - p));

			if (item && *imp_trim(item))
				xmlNewTextChild(at, I->tree.ns,
				    (const xmlChar *)"item",
				    (const xmlChar *)imp_trim(item));
			free(item);
			p = end == e ? e : end + 3;
		}
	}
	free(s);
}

/* Adds text to a Text field (HTML converted); "- " lines make a list. */
static void
add_text_value(struct imp *I, xmlNode *el, const char *val)
{
	const char	*p = val;
	int		 depth = 0;

	while (*p == ' ')
		p++, depth++;
	if (starts(p, "- ") && strchr(p, '<') == NULL) {
		xmlNode *list = el->last, *li, *parent = el;

		p += 2;
		if (list == NULL || list->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)list->name, "ul") != 0) {
			if (el->children != NULL &&
			    el->children->type == XML_TEXT_NODE &&
			    el->children->next == NULL) {
				xmlNode *t = el->children, *pp;

				xmlUnlinkNode(t);
				pp = xmlNewChild(el, I->tree.ns,
				    (const xmlChar *)"p", NULL);
				if (pp)
					xmlAddChild(pp, t);
			}
			list = xmlNewChild(el, I->tree.ns,
			    (const xmlChar *)"ul", NULL);
		}
		if (list == NULL)
			return;
		/* One more blank of indent: a nested list in the last item. */
		if (depth > 0 && list->last != NULL) {
			parent = list->last;
			list = parent->last;
			if (list == NULL || list->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)list->name, "ul") != 0)
				list = xmlNewChild(parent, I->tree.ns,
				    (const xmlChar *)"ul", NULL);
			if (list == NULL)
				return;
		}
		li = xmlNewTextChild(list, I->tree.ns, (const xmlChar *)"li",
		    NULL);
		if (li != NULL)
			imp_html_to_text(li, I->tree.ns, p);
		return;
	}
	if (imp_html_to_text(el, I->tree.ns, val) == -1)
		I->oom = 1;
}

/* Whether val reads to what el already holds (a date or a period). */
static int
same_date_value(struct imp *I, xmlNode *el, int v, const char *val)
{
	xmlNode		*tmp;
	xmlChar		*a, *b;
	struct pia_diags *keep = I->d;
	int		 same;

	if ((tmp = xmlNewNode(I->tree.ns, el->name)) == NULL)
		return 0;
	I->d = NULL;		/* a trial: no findings */
	if (I->v[v].ftype == PIA_F_DATE) {
		if (imp_set_date(I, tmp, val, 0, 0) == -1) {
			I->d = keep;
			xmlFreeNode(tmp);
			return 0;
		}
	} else
		period_into(I, tmp, val, 0, 0);
	I->d = keep;
	a = xmlNodeGetContent(el);
	b = xmlNodeGetContent(tmp);
	same = a != NULL && b != NULL && strcmp((char *)a, (char *)b) == 0;
	xmlFree(a);
	xmlFree(b);
	xmlFreeNode(tmp);
	return same;
}

/* Places the value cells of a row in field v. */
void
imp_place_value(struct imp *I, int v, const char *val, long line)
{
	xmlNode	*el;
	char	*plain;

	if (I->v[v].type == PIA_V_DERIVED) {
		imp_note_derived(I, v, val, line);
		return;
	}
	switch (I->v[v].ftype) {
	case PIA_F_CHOICE:
		imp_read_choice(I, v, val, line);
		break;
	case PIA_F_CHECKS:
		imp_read_checks(I, v, val, line);
		break;
	case PIA_F_DATE:
	case PIA_F_PERIOD:
		if ((el = imp_el_for(I, v, 0)) != NULL && (imp_has_content(el) ||
		    (I->v[v].ftype == PIA_F_PERIOD && el->children != NULL))) {
			/* Given twice: the same value is fine; else the first
			 * stays, the second is kept aside and said (a period
			 * whose first dates could not be read included: a
			 * second <from>/<to> would break the schema). */
			char *t, *pv;

			if (same_date_value(I, el, v, val))
				break;
			t = imp_field_title(I, v);
			pv = imp_plain(val);

			imp_find(I, line, PIA_M_IMPORT_CONFLICT_DATE, t,
			    pv ? pv : "");
			free(pv);
			free(t);
			imp_unplace(I, line, val, 0);
		} else if (I->v[v].ftype == PIA_F_PERIOD)
			read_period(I, v, val, line);
		else if ((el = imp_el_for(I, v, 1)) != NULL &&
		    imp_set_date(I, el, val, line, 1) == -1)
			imp_unplace(I, line, val, 0);
		break;
	case PIA_F_FLAG:
		imp_read_flags(I, I->v[v].parent, val, line);
		break;
	case PIA_F_ITEMS:
		read_items(I, v, val);
		break;
	case PIA_F_LINE:
		if ((el = imp_el_for(I, v, 1)) != NULL &&
		    (plain = imp_plain(val)) != NULL) {
			if (imp_section_of(I, v) == imp_first_section(I))
				imp_check_title(I, plain, line);
			if (el->children != NULL)
				xmlNodeAddContent(el, (const xmlChar *)" ");
			xmlNodeAddContent(el, (const xmlChar *)plain);
			free(plain);
		}
		break;
	case PIA_F_IMAGE:
		imp_unplace(I, line, val, 1);
		break;
	default:
		if ((el = imp_el_for(I, v, 1)) != NULL)
			add_text_value(I, el, val);
		break;
	}
	I->at.last_v = v;
}

