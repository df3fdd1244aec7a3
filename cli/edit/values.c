/*
 * values.c: a field's value between the assessment's XML and the page's
 * inputs.  The page edits plain text; the XML keeps the model's markup:
 *
 *   text    paragraphs (<p>) apart by a blank line, list items (<ul>,
 *           <ol>, <li>) as lines "- item" and "1. item", two spaces of
 *           indent per nested level, <br/> as a line end;
 *   items   one <item> per line, a line "【name】" starts a <category>;
 *   checks  one line per <check>: "1", "0" or "?" (ticked, not ticked,
 *           unknown), a tab, the option, a tab, the text of its slot.
 *
 * A value is written only when its text form changed, so markup that the
 * text form cannot show (a <p> around a single paragraph, say) stays as
 * it is until the field is edited.  Elements made here are indented as
 * `pia new` and the samples are.
 */
#include <stdlib.h>
#include <string.h>

#include "../extern.h"
#include "edit.h"

struct sbuf {
	char	*s;
	size_t	 n, cap;
	int	 oom;
};

static void
sb_addn(struct sbuf *b, const char *s, size_t n)
{
	char	*p;
	size_t	 cap;

	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 64;
		while (cap < b->n + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sb_add(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

static char *
sb_take(struct sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (b->s == NULL)
		return strdup("");
	return b->s;
}

static int
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
blank_str(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int
blank_text(const xmlNode *n)
{
	return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
	    && (n->content == NULL || blank_str((const char *)n->content));
}

/* The text of inline content: text as is, <br/> as a line end. */
static void
inline_text(struct sbuf *b, const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			sb_add(b, (const char *)c->content);
		else if (is_el(c, "br"))
			sb_add(b, "\n");
		else if (c->type == XML_ELEMENT_NODE)
			inline_text(b, c);
	}
}

/* s with leading and trailing blanks removed, malloc'd. */
static char *
trimmed(const char *s)
{
	const char	*e;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	return strndup(s, (size_t)(e - s));
}

/* Adds the inline text of e, trimmed, with its inner line ends followed
 * by indent (so that a <br/> inside a list item stays in the item). */
static void
add_inline(struct sbuf *b, const xmlNode *e, const char *indent)
{
	struct sbuf	 t = { NULL, 0, 0, 0 };
	char		*s, *p, *q;

	inline_text(&t, e);
	if ((s = sb_take(&t)) == NULL || (p = trimmed(s)) == NULL) {
		free(s);
		b->oom = 1;
		return;
	}
	free(s);
	for (s = p; (q = strchr(s, '\n')) != NULL; s = q + 1) {
		sb_addn(b, s, (size_t)(q - s + 1));
		sb_add(b, indent);
	}
	sb_add(b, s);
	free(p);
}

static void
list_lines(struct sbuf *b, const xmlNode *l, int depth)
{
	const xmlNode	*li, *c;
	char		 num[16], ind[64];
	int		 i = 0, k;

	for (k = 0; k < depth && k < 30; k++)
		memcpy(ind + 2 * k, "  ", 2);
	ind[2 * k] = '\0';
	for (li = l->children; li != NULL; li = li->next) {
		if (!is_el(li, "li"))
			continue;
		if (b->n > 0)
			sb_add(b, "\n");
		sb_add(b, ind);
		if (is_el(l, "ol")) {
			snprintf(num, sizeof(num), "%d. ", ++i);
			sb_add(b, num);
		} else
			sb_add(b, "- ");
		{
			/* the item's own text, then its nested lists */
			struct sbuf	 t = { NULL, 0, 0, 0 };
			char		*s, *p, *q;

			for (c = li->children; c != NULL; c = c->next) {
				if (c->type == XML_TEXT_NODE ||
				    c->type == XML_CDATA_SECTION_NODE)
					sb_add(&t, (const char *)c->content);
				else if (is_el(c, "br"))
					sb_add(&t, "\n");
			}
			if ((s = sb_take(&t)) == NULL ||
			    (p = trimmed(s)) == NULL) {
				free(s);
				b->oom = 1;
				return;
			}
			free(s);
			for (s = p; (q = strchr(s, '\n')) != NULL; s = q + 1) {
				sb_addn(b, s, (size_t)(q - s + 1));
				sb_add(b, ind);
				sb_add(b, "  ");
			}
			sb_add(b, s);
			free(p);
		}
		for (c = li->children; c != NULL; c = c->next)
			if (is_el(c, "ul") || is_el(c, "ol"))
				list_lines(b, c, depth + 1);
	}
}

static char *
text_get(const xmlNode *e)
{
	struct sbuf	 b = { NULL, 0, 0, 0 };
	const xmlNode	*c;
	int		 blocks = 0;

	for (c = e->children; c != NULL; c = c->next)
		if (is_el(c, "p") || is_el(c, "ul") || is_el(c, "ol"))
			blocks = 1;
	if (!blocks) {
		struct sbuf	 t = { NULL, 0, 0, 0 };
		char		*s, *p;

		inline_text(&t, e);
		if ((s = sb_take(&t)) == NULL)
			return NULL;
		p = trimmed(s);
		free(s);
		return p;
	}
	for (c = e->children; c != NULL; c = c->next) {
		if (blank_text(c) || c->type == XML_COMMENT_NODE ||
		    c->type == XML_PI_NODE || is_el(c, "br"))
			continue;
		if (b.n > 0)
			sb_add(&b, "\n\n");
		if (is_el(c, "ul") || is_el(c, "ol")) {
			struct sbuf	 l = { NULL, 0, 0, 0 };
			char		*s;

			list_lines(&l, c, 0);
			if ((s = sb_take(&l)) == NULL)
				b.oom = 1;
			else
				sb_add(&b, s);
			free(s);
		} else if (c->type == XML_ELEMENT_NODE)
			add_inline(&b, c, "");
		else {
			char *s = trimmed((const char *)c->content);

			if (s == NULL)
				b.oom = 1;
			else
				sb_add(&b, s);
			free(s);
		}
	}
	return sb_take(&b);
}

/* The indentation of e: the blanks after the last line end before it. */
static const char *
indent_of(const xmlNode *e, size_t *n)
{
	const char	*s, *nl;

	*n = 0;
	if (e->prev == NULL || !blank_text(e->prev))
		return "";
	s = (const char *)e->prev->content;
	if ((nl = strrchr(s, '\n')) == NULL)
		return "";
	*n = strlen(nl + 1);
	return nl + 1;
}

static xmlNode *
add_ws(xmlNode *parent, const char *ind, size_t n, int extra)
{
	char	 buf[256];
	size_t	 k;

	if (n > sizeof(buf) - 2 - (size_t)extra)
		n = sizeof(buf) - 2 - (size_t)extra;
	buf[0] = '\n';
	memcpy(buf + 1, ind, n);
	for (k = 0; k < (size_t)extra; k++)
		buf[1 + n + k] = ' ';
	buf[1 + n + extra] = '\0';
	return xmlAddChild(parent, xmlNewText(BAD_CAST buf));
}

/* Removes the value of e: every child but comments and processing
 * instructions. */
static void
clear(xmlNode *e)
{
	xmlNode	*c, *next;

	for (c = e->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			continue;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
}

/* Adds s to e as text, line ends as <br/>. */
static int
add_lines(xmlNode *e, const char *s, size_t n)
{
	const char	*q, *end = s + n;

	while (s < end) {
		q = memchr(s, '\n', (size_t)(end - s));
		if (q == NULL)
			q = end;
		if (q > s && xmlAddChild(e, xmlNewTextLen(BAD_CAST s,
		    (int)(q - s))) == NULL)
			return -1;
		if (q < end && xmlNewChild(e, e->ns, BAD_CAST "br", NULL) ==
		    NULL)
			return -1;
		s = q + 1;
	}
	return 0;
}

/* A list line: its depth (two spaces a level), whether numbered, and
 * where its text starts; 0 when it is not one. */
static int
list_line(const char *s, const char *end, int *depth, int *ordered,
    const char **text)
{
	const char	*p = s;
	int		 sp = 0;

	while (p < end && *p == ' ') {
		p++;
		sp++;
	}
	if (end - p >= 2 && p[0] == '-' && p[1] == ' ') {
		*ordered = 0;
		*text = p + 2;
	} else {
		const char *d = p;

		while (d < end && *d >= '0' && *d <= '9')
			d++;
		if (d == p || d - p > 4 || end - d < 2 || d[0] != '.' ||
		    d[1] != ' ')
			return 0;
		*ordered = 1;
		*text = d + 2;
	}
	*depth = sp / 2;
	return 1;
}

/*
 * Builds the list starting at line *sp of a block, up to end, at depth
 * d, as a child of parent; nested deeper lines become lists inside the
 * last item.  Indentation follows the samples.
 */
static int
build_list(xmlNode *parent, const char **sp, const char *end, int d,
    const char *ind, size_t indn)
{
	xmlNode		*l = NULL, *li = NULL;
	const char	*s = *sp, *q, *text, *t;
	int		 depth, ordered;

	while (s < end) {
		if ((q = memchr(s, '\n', (size_t)(end - s))) == NULL)
			q = end;
		if (!list_line(s, q, &depth, &ordered, &text)) {
			/* a continuation line of the item */
			if (li == NULL)
				break;
			for (t = s; t < q && *t == ' '; t++)
				;
			if (xmlNewChild(li, li->ns, BAD_CAST "br", NULL) ==
			    NULL || add_lines(li, t, (size_t)(q - t)) == -1)
				return -1;
			s = q < end ? q + 1 : q;
			continue;
		}
		if (depth < d || (l != NULL && depth == d &&
		    ordered != is_el(l, "ol")))
			break;
		if (depth > d && li != NULL) {
			char	 in4[256];

			snprintf(in4, sizeof(in4), "%.*s    ",
			    (int)(indn < 200 ? indn : 200), ind);
			if (build_list(li, &s, end, d + 1, in4, strlen(in4)) ==
			    -1)
				return -1;
			/* close the item after its nested list */
			if (add_ws(li, ind, indn, 2) == NULL)
				return -1;
			continue;
		}
		if (l == NULL) {
			if (add_ws(parent, ind, indn, 0) == NULL ||
			    (l = xmlNewChild(parent, parent->ns,
			    BAD_CAST (ordered ? "ol" : "ul"), NULL)) == NULL)
				return -1;
		}
		if (add_ws(l, ind, indn, 2) == NULL ||
		    (li = xmlNewChild(l, l->ns, BAD_CAST "li", NULL)) == NULL ||
		    add_lines(li, text, (size_t)(q - text)) == -1)
			return -1;
		s = q < end ? q + 1 : q;
	}
	if (l != NULL && add_ws(l, ind, indn, 0) == NULL)
		return -1;
	*sp = s;
	return 0;
}

/* Splits v into blocks at blank lines; a block of list lines becomes a
 * list, other lines a paragraph.  One plain block stays bare text. */
static int
text_set(xmlNode *e, const char *v)
{
	const char	*s = v, *end = v + strlen(v), *be, *q, *p, *r, *pe;
	const char	*ind, *text, *last;
	char		 in2[256];
	size_t		 indn, n2;
	xmlNode		*para;
	int		 depth, ordered, lists = 0, blocks = 0;

	/* Does it need markup at all? */
	for (p = v; p < end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if (list_line(p, q, &depth, &ordered, &text))
			lists = 1;
		if (q + 1 < end && q[1] == '\n')
			blocks = 1;
		if (q == end)
			break;
	}
	clear(e);
	if (!lists && !blocks)
		return add_lines(e, v, strlen(v));
	ind = indent_of(e, &indn);
	snprintf(in2, sizeof(in2), "%.*s  ", (int)(indn < 200 ? indn : 200),
	    ind);
	n2 = strlen(in2);
	while (s < end) {
		/* one block: up to a blank line */
		for (be = s; be < end; be = q + 1) {
			if ((q = memchr(be, '\n', (size_t)(end - be))) == NULL) {
				be = end;
				break;
			}
			if (q + 1 < end && q[1] == '\n') {
				be = q;
				break;
			}
		}
		while (s < be) {
			if ((q = memchr(s, '\n', (size_t)(be - s))) == NULL)
				q = be;
			if (list_line(s, q, &depth, &ordered, &text)) {
				if (build_list(e, &s, be, depth, in2, n2) == -1)
					return -1;
				continue;
			}
			/* a paragraph: the lines up to a list line */
			last = pe = s;
			while (pe < be) {
				if ((r = memchr(pe, '\n', (size_t)(be - pe))) ==
				    NULL)
					r = be;
				if (pe > s && list_line(pe, r, &depth, &ordered,
				    &text))
					break;
				last = r;
				pe = r < be ? r + 1 : r;
			}
			if (add_ws(e, in2, n2, 0) == NULL ||
			    (para = xmlNewChild(e, e->ns, BAD_CAST "p", NULL)) ==
			    NULL || add_lines(para, s, (size_t)(last - s)) == -1)
				return -1;
			s = pe;
		}
		s = be;
		while (s < end && *s == '\n')
			s++;
	}
	return add_ws(e, ind, indn, 0) == NULL ? -1 : 0;
}

static char *
items_get(const xmlNode *e)
{
	struct sbuf	 b = { NULL, 0, 0, 0 };
	const xmlNode	*c, *i;
	xmlChar		*s;

	for (c = e->children; c != NULL; c = c->next) {
		if (is_el(c, "item")) {
			if (b.n > 0)
				sb_add(&b, "\n");
			s = xmlNodeGetContent(c);
			sb_add(&b, s ? (const char *)s : "");
			xmlFree(s);
		} else if (is_el(c, "category")) {
			if (b.n > 0)
				sb_add(&b, "\n");
			s = xmlGetProp(c, BAD_CAST "name");
			sb_add(&b, "【");
			sb_add(&b, s ? (const char *)s : "");
			sb_add(&b, "】");
			xmlFree(s);
			for (i = c->children; i != NULL; i = i->next) {
				if (!is_el(i, "item"))
					continue;
				sb_add(&b, "\n");
				s = xmlNodeGetContent(i);
				sb_add(&b, s ? (const char *)s : "");
				xmlFree(s);
			}
		}
	}
	return sb_take(&b);
}

static int
items_set(xmlNode *e, const char *v)
{
	const char	*s, *q, *end = v + strlen(v), *ind;
	xmlNode		*cat = NULL, *to, *n;
	size_t		 indn, len;
	char		*line;
	static const char open[] = "【", close[] = "】";

	clear(e);
	ind = indent_of(e, &indn);
	for (s = v; s < end; s = q + 1) {
		if ((q = memchr(s, '\n', (size_t)(end - s))) == NULL)
			q = end;
		if ((line = strndup(s, (size_t)(q - s))) == NULL)
			return -1;
		{
			char *t = trimmed(line);

			free(line);
			if ((line = t) == NULL)
				return -1;
		}
		len = strlen(line);
		if (len == 0) {
			free(line);
		} else if (len > 6 && strncmp(line, open, 3) == 0 &&
		    strcmp(line + len - 3, close) == 0) {
			if (cat != NULL && add_ws(cat, ind, indn, 2) == NULL)
				goto fail;
			line[len - 3] = '\0';
			if (add_ws(e, ind, indn, 2) == NULL ||
			    (cat = xmlNewChild(e, e->ns, BAD_CAST "category",
			    NULL)) == NULL ||
			    xmlNewProp(cat, BAD_CAST "name", BAD_CAST (line + 3))
			    == NULL)
				goto fail;
			free(line);
		} else {
			to = cat != NULL ? cat : e;
			if (add_ws(to, ind, indn, cat ? 4 : 2) == NULL ||
			    (n = xmlNewChild(to, e->ns, BAD_CAST "item", NULL))
			    == NULL || xmlAddChild(n, xmlNewText(BAD_CAST line))
			    == NULL)
				goto fail;
			free(line);
		}
		if (q == end)
			break;
	}
	if (cat != NULL && add_ws(cat, ind, indn, 2) == NULL)
		return -1;
	if (e->children != NULL && add_ws(e, ind, indn, 0) == NULL)
		return -1;
	return 0;
fail:
	free(line);
	return -1;
}

static char *
checks_get(const xmlNode *e)
{
	struct sbuf	 b = { NULL, 0, 0, 0 };
	const xmlNode	*c;
	xmlChar		*o, *t, *s;

	for (c = e->children; c != NULL; c = c->next) {
		if (!is_el(c, "check"))
			continue;
		o = xmlGetProp(c, BAD_CAST "option");
		t = xmlGetProp(c, BAD_CAST "ticked");
		s = xmlNodeGetContent(c);
		if (b.n > 0)
			sb_add(&b, "\n");
		sb_add(&b, t == NULL || xmlStrEqual(t, BAD_CAST "true") ? "1" :
		    xmlStrEqual(t, BAD_CAST "false") ? "0" : "?");
		sb_add(&b, "\t");
		sb_add(&b, o ? (const char *)o : "");
		sb_add(&b, "\t");
		if (s != NULL) {
			char *p = trimmed((const char *)s);

			sb_add(&b, p ? p : "");
			free(p);
		}
		xmlFree(o);
		xmlFree(t);
		xmlFree(s);
	}
	return sb_take(&b);
}

static int
checks_set(xmlNode *e, const char *v)
{
	const char	*s, *q, *t1, *t2, *end = v + strlen(v), *ind;
	xmlNode		*n;
	size_t		 indn;
	char		*opt = NULL, *slot = NULL;

	clear(e);
	ind = indent_of(e, &indn);
	for (s = v; s < end; s = q + 1) {
		if ((q = memchr(s, '\n', (size_t)(end - s))) == NULL)
			q = end;
		if ((t1 = memchr(s, '\t', (size_t)(q - s))) == NULL ||
		    t1 - s != 1 ||
		    (t2 = memchr(t1 + 1, '\t', (size_t)(q - t1 - 1))) == NULL) {
			if (q == end)
				break;
			continue;
		}
		if ((opt = strndup(t1 + 1, (size_t)(t2 - t1 - 1))) == NULL ||
		    (slot = strndup(t2 + 1, (size_t)(q - t2 - 1))) == NULL)
			goto fail;
		if (add_ws(e, ind, indn, 2) == NULL ||
		    (n = xmlNewChild(e, e->ns, BAD_CAST "check", NULL)) == NULL ||
		    xmlNewProp(n, BAD_CAST "option", BAD_CAST opt) == NULL)
			goto fail;
		if (*s != '1' && xmlNewProp(n, BAD_CAST "ticked",
		    BAD_CAST (*s == '0' ? "false" : "unknown")) == NULL)
			goto fail;
		if (*slot != '\0' && xmlAddChild(n, xmlNewText(BAD_CAST slot))
		    == NULL)
			goto fail;
		free(opt);
		free(slot);
		opt = slot = NULL;
		if (q == end)
			break;
	}
	if (e->children != NULL && add_ws(e, ind, indn, 0) == NULL)
		return -1;
	return 0;
fail:
	free(opt);
	free(slot);
	return -1;
}

char *
edit_value_get(const xmlNode *e, enum pia_ftype ft)
{
	xmlChar	*s;
	char	*r;

	switch (ft) {
	case PIA_F_TEXT:
		return text_get(e);
	case PIA_F_ITEMS:
		return items_get(e);
	case PIA_F_CHECKS:
		return checks_get(e);
	case PIA_F_IMAGE:
		{
			struct sbuf	 b = { NULL, 0, 0, 0 };
			const xmlNode	*c;

			for (c = e->children; c != NULL; c = c->next) {
				if (!is_el(c, "image"))
					continue;
				s = xmlGetProp(c, BAD_CAST "src");
				if (b.n > 0)
					sb_add(&b, "\n");
				sb_add(&b, s ? (const char *)s : "");
				xmlFree(s);
			}
			return sb_take(&b);
		}
	default:
		s = xmlNodeGetContent(e);
		r = trimmed(s ? (const char *)s : "");
		xmlFree(s);
		return r;
	}
}

int
edit_value_set(xmlNode *e, enum pia_ftype ft, const char *value)
{
	char	*cur, *v;
	int	 rc;

	if (ft == PIA_F_IMAGE || ft == PIA_F_NONE || ft == PIA_F_PERIOD)
		return EDIT_BADREQ;
	/* the page's line ends, without \r and trailing blanks */
	{
		const char	*s;
		char		*d;

		if ((v = malloc(strlen(value) + 1)) == NULL)
			return EDIT_NOMEM;
		for (s = value, d = v; *s; s++)
			if (*s != '\r')
				*d++ = (ft == PIA_F_LINE && *s == '\n') ? ' ' :
				    *s;
		*d = '\0';
		if (ft != PIA_F_CHECKS) {
			d = trimmed(v);
			free(v);
			if ((v = d) == NULL)
				return EDIT_NOMEM;
		}
	}
	if ((cur = edit_value_get(e, ft)) == NULL) {
		free(v);
		return EDIT_NOMEM;
	}
	if (strcmp(cur, v) == 0) {
		free(cur);
		free(v);
		return EDIT_NOCHANGE;
	}
	free(cur);
	switch (ft) {
	case PIA_F_TEXT:
		rc = text_set(e, v);
		break;
	case PIA_F_ITEMS:
		rc = items_set(e, v);
		break;
	case PIA_F_CHECKS:
		rc = checks_set(e, v);
		break;
	default:
		clear(e);
		rc = *v == '\0' || xmlAddChild(e, xmlNewText(BAD_CAST v)) ?
		    0 : -1;
		break;
	}
	free(v);
	if (rc == 0 && e->children == NULL)
		edit_open_empty(e);
	return rc == 0 ? EDIT_OK : EDIT_NOMEM;
}

void
edit_json_str(FILE *f, const char *s)
{
	json_str(f, s);
}

void
edit_value_json(FILE *f, const xmlNode *e, enum pia_ftype ft)
{
	char	*v = edit_value_get(e, ft), *w, *line, *t1, *t2, *save = NULL;
	int	 first = 1;

	if (v == NULL) {
		fputs("null", f);
		return;
	}
	if (ft == PIA_F_DATE) {
		fputs("{\"iso\":", f);
		json_str(f, v);
		fputs(",\"w\":", f);
		w = *v ? pia_wareki_format(v, NULL) : NULL;
		json_str(f, w ? w : v);
		free(w);
		fputc('}', f);
	} else if (ft == PIA_F_CHECKS) {
		fputc('[', f);
		for (line = strtok_r(v, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			if ((t1 = strchr(line, '\t')) == NULL ||
			    (t2 = strchr(t1 + 1, '\t')) == NULL)
				continue;
			*t1 = *t2 = '\0';
			fprintf(f, "%s[", first ? "" : ",");
			json_str(f, line);
			fputc(',', f);
			json_str(f, t1 + 1);
			fputc(',', f);
			json_str(f, t2 + 1);
			fputc(']', f);
			first = 0;
		}
		fputc(']', f);
	} else
		json_str(f, v);
	free(v);
}
