/*
 * html.c: the HTML fragments of the published text: the plain text of a
 * cell (tags dropped, entities decoded, blanks folded), model paragraphs
 * and lists from a Text value, and the tick marks of checkbox lists.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pia_buf.h"
#include "extern.h"

/* HTML tags that occur in the published text; anything else between
 * angle brackets ("<選択肢>", "<宛名>") is text. */
static const char *const html_tags[] = {
	"p", "ul", "ol", "li", "br", "div", "span", "small", "table", "tbody",
	"thead", "tr", "td", "th", "input", "strong", "b", "i", "u", "em",
	"font", "sup", "sub", "a", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
	"caption", "colgroup", "col", "label", "center", "big", "s", NULL
};

int
imp_is_html_tag(const char *s, size_t *len, char *name, size_t namesz,
    int *closing)
{
	const char	*p = s, *q;
	size_t		 i, nl;
	int		 quote = 0;

	if (*p != '<')
		return 0;
	p++;
	*closing = 0;
	if (*p == '/') {
		*closing = 1;
		p++;
	}
	for (q = p; isalnum((unsigned char)*q); q++)
		continue;
	nl = (size_t)(q - p);
	if (nl == 0 || nl >= namesz || (*q != '>' && *q != ' ' && *q != '/' &&
	    *q != '\t'))
		return 0;
	for (i = 0; i < nl; i++)
		name[i] = (char)tolower((unsigned char)p[i]);
	name[nl] = '\0';
	for (i = 0; html_tags[i] != NULL; i++)
		if (strcmp(html_tags[i], name) == 0)
			break;
	if (html_tags[i] == NULL)
		return 0;
	for (; *q != '\0'; q++) {
		if (quote) {
			if (*q == quote)
				quote = 0;
		} else if (*q == '"' || *q == '\'')
			quote = *q;
		else if (*q == '>')
			break;
	}
	if (*q != '>')
		return 0;
	*len = (size_t)(q - s) + 1;
	return 1;
}

/* Decodes the entity at s ("&amp;"); writes the text to out (>= 8 bytes)
 * and returns the length consumed, or 0. */
static size_t
entity(const char *s, char *out)
{
	static const struct { const char *e, *t; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&#39;", "'" },
		{ "&nbsp;", " " }, { NULL, NULL }
	};
	size_t	 i;

	for (i = 0; ents[i].e != NULL; i++)
		if (strncmp(s, ents[i].e, strlen(ents[i].e)) == 0) {
			strcpy(out, ents[i].t);
			return strlen(ents[i].e);
		}
	return 0;
}

static int
is_block(const char *name)
{
	static const char *const b[] = { "p", "div", "tr", "td", "th", "li",
	    "ul", "ol", "br", "table", "h1", "h2", "h3", "h4", "h5", "h6",
	    "caption", "hr", NULL };
	size_t	 i;

	for (i = 0; b[i] != NULL; i++)
		if (strcmp(b[i], name) == 0)
			return 1;
	return 0;
}

/* Appends s folding blanks (ASCII blanks, U+3000 is kept: it is text). */
static void
fold(struct pia_buf *b, const char *s, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i = j) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			j = i + 1;
			if (b->n > 0 && b->s[b->n - 1] != ' ')
				pia_buf_addn(b, " ", 1);
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t' &&
		    s[j] != '\n' && s[j] != '\r'; j++)
			continue;
		pia_buf_addn(b, s + i, j - i);
	}
}

/* The text of an <input> tag: a tick box. */
static const char *
input_box(const char *tag, size_t len)
{
	return memmem(tag, len, "checked", 7) != NULL ? N_BOX_TICKED :
	    N_BOX_EMPTY;
}

char *
imp_plain(const char *s)
{
	struct pia_buf	 b = { NULL, 0, 0, 0 };
	char		 name[16], ent[8];
	const char	*box;
	size_t		 len, i = 0;
	int		 closing;

	pia_buf_addn(&b, "", 0);
	while (s[i] != '\0' && !b.oom) {
		if (s[i] == '<' && imp_is_html_tag(s + i, &len, name,
		    sizeof(name), &closing)) {
			if (strcmp(name, "input") == 0) {
				box = input_box(s + i, len);
				fold(&b, " ", 1);
				fold(&b, box, strlen(box));
				fold(&b, " ", 1);
			} else if (is_block(name))
				fold(&b, " ", 1);
			i += len;
		} else if (s[i] == '&' && (len = entity(s + i, ent)) > 0) {
			fold(&b, ent, strlen(ent));
			i += len;
		} else {
			size_t j = i + 1;

			while (s[j] != '\0' && s[j] != '<' && s[j] != '&')
				j++;
			fold(&b, s + i, j - i);
			i = j;
		}
	}
	if (b.oom)
		return pia_buf_take(&b);	/* NULL */
	while (b.n > 0 && b.s[b.n - 1] == ' ')
		b.s[--b.n] = '\0';
	if (b.s[0] == ' ')
		memmove(b.s, b.s + 1, b.n--);
	return pia_buf_take(&b);
}

/*
 * HTML fragment to model Text.  Paragraph-like tags (p, div, td, ...)
 * make paragraphs, ul/ol and li make lists, br a line break.  A list
 * printed without li ("<ul> ・A ・B") gets one item per "・" bullet.
 * Other tags (span, small, table ...) are dropped, their text kept.
 */
struct hb {
	xmlNode	*top;		/* the field element */
	xmlNs	*ns;
	xmlNode	*p;		/* open paragraph, or NULL */
	xmlNode	*list[PIA_MAX_DEPTH];
	xmlNode	*li[PIA_MAX_DEPTH];
	int	 nlist;
	int	 blocks;	/* the fragment has block tags */
	struct pia_buf text;	/* pending text */
};

static xmlNode *
hb_new(struct hb *h, xmlNode *parent, const char *name)
{
	return xmlNewChild(parent, h->ns, (const xmlChar *)name, NULL);
}

static void
add_text(xmlNode *parent, const char *s)
{
	xmlNode	*t;

	if (*s == '\0')
		return;
	if ((t = xmlNewText((const xmlChar *)s)) != NULL &&
	    xmlAddChild(parent, t) == NULL)
		xmlFreeNode(t);
}

/* Splits s at "・" bullets into list items of the open list. */
static void
hb_bullets(struct hb *h, const char *s)
{
	const char	*p = s, *q;
	char		*item;
	xmlNode		*list = h->list[h->nlist - 1];

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (starts(p, N_BULLET))
			p += strlen(N_BULLET);
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		q = strstr(p, N_BULLET);
		/* A "・" inside a word ("提供・移転") is not a bullet: only one
		 * after a blank starts an item. */
		while (q != NULL && q > p && q[-1] != ' ')
			q = strstr(q + strlen(N_BULLET), N_BULLET);
		if (q == NULL)
			q = p + strlen(p);
		if ((item = strndup(p, (size_t)(q - p))) == NULL)
			return;
		while (*item && item[strlen(item) - 1] == ' ')
			item[strlen(item) - 1] = '\0';
		if (h->li[h->nlist - 1] != NULL && p == s) {
			add_text(h->li[h->nlist - 1], item);
		} else if (*item != '\0') {
			h->li[h->nlist - 1] = hb_new(h, list, "li");
			if (h->li[h->nlist - 1] != NULL)
				add_text(h->li[h->nlist - 1], item);
		}
		free(item);
		p = q;
	}
}

static void
hb_flush(struct hb *h)
{
	char	*s = h->text.s;

	if (h->text.n == 0)
		return;
	if (h->nlist > 0) {
		xmlNode *li = h->li[h->nlist - 1];

		if (li == NULL && strstr(s, N_BULLET) != NULL)
			hb_bullets(h, s);
		else if (li == NULL && strspn(s, " ") == strlen(s))
			;
		else {
			if (li == NULL)
				li = h->li[h->nlist - 1] =
				    hb_new(h, h->list[h->nlist - 1], "li");
			if (li != NULL)
				add_text(li, s);
		}
	} else if (h->p != NULL) {
		add_text(h->p, s);
	} else if (h->blocks) {
		if (strspn(s, " ") != strlen(s) &&
		    (h->p = hb_new(h, h->top, "p")) != NULL)
			add_text(h->p, s);
	} else
		add_text(h->top, s);
	h->text.n = 0;
	h->text.s[0] = '\0';
}

/* Trims blanks at the ends of the element's text and drops empty
 * paragraphs, items and lists: the children after old only (NULL: all),
 * so that a field given again and again is not walked again each time
 * (the children up to old were tidied when they were added). */
static void
tidy(xmlNode *e, xmlNode *old)
{
	xmlNode	*c, *next, *first = old != NULL ? old->next : e->children;

	for (c = first; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE)
			tidy(c, NULL);
	}
	if (old == NULL && e->children &&
	    e->children->type == XML_TEXT_NODE) {
		xmlChar *t = e->children->content;
		size_t	 k = strspn((char *)t, " ");

		if (k)
			memmove(t, t + k, strlen((char *)t + k) + 1);
	}
	if (e->last && e->last->type == XML_TEXT_NODE) {
		xmlChar *t = e->last->content;
		size_t	 n = strlen((char *)t);

		while (n > 0 && t[n - 1] == ' ')
			t[--n] = '\0';
	}
	for (c = old != NULL ? old->next : e->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE && c->content[0] == '\0') {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE &&
		    strcmp((char *)c->name, "br") != 0 && c->children == NULL) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

int
imp_html_to_text(xmlNode *e, xmlNs *ns, const char *s)
{
	struct hb	 h;
	xmlNode		*old;
	char		 name[16], ent[8];
	size_t		 len, i = 0;
	int		 closing;

	memset(&h, 0, sizeof(h));
	h.top = e;
	h.ns = ns;
	pia_buf_addn(&h.text, "", 0);
	if (h.text.oom)
		return -1;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] == '<' && imp_is_html_tag(s + i, &len, name,
		    sizeof(name), &closing) && is_block(name)) {
			h.blocks = 1;
			break;
		}
	/* Text already in the element (a continuation line): paragraphs. */
	if (e->children != NULL) {
		h.blocks = 1;
		if (e->children->type == XML_TEXT_NODE && e->children->next ==
		    NULL) {
			xmlNode *t = e->children, *p;

			xmlUnlinkNode(t);
			if ((p = xmlNewChild(e, ns, (const xmlChar *)"p",
			    NULL)) != NULL)
				xmlAddChild(p, t);
			else
				xmlFreeNode(t);
		}
	}
	old = e->last;
	i = 0;
	while (s[i] != '\0') {
		if (s[i] == '&' && (len = entity(s + i, ent)) > 0) {
			fold(&h.text, ent, strlen(ent));
			i += len;
			continue;
		}
		if (s[i] != '<' || !imp_is_html_tag(s + i, &len, name,
		    sizeof(name), &closing)) {
			size_t j = i + 1;

			while (s[j] != '\0' && s[j] != '<' && s[j] != '&')
				j++;
			fold(&h.text, s + i, j - i);
			i = j;
			continue;
		}
		i += len;
		if (strcmp(name, "input") == 0) {
			const char *box = input_box(s + i - len, len);

			fold(&h.text, box, strlen(box));
			fold(&h.text, " ", 1);
			continue;
		}
		if (!is_block(name))
			continue;
		hb_flush(&h);
		if (strcmp(name, "br") == 0) {
			xmlNode *at = h.nlist ? h.li[h.nlist - 1] :
			    h.p ? h.p : h.top;

			if (at != NULL)
				hb_new(&h, at, "br");
		} else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
			if (closing) {
				if (h.nlist > 0)
					h.nlist--;
				continue;
			}
			if (h.nlist == PIA_MAX_DEPTH - 1)
				continue;
			h.p = NULL;
			if (h.nlist > 0) {
				xmlNode *li = h.li[h.nlist - 1];

				if (li == NULL)
					li = h.li[h.nlist - 1] = hb_new(&h,
					    h.list[h.nlist - 1], "li");
				h.list[h.nlist] = hb_new(&h, li, name);
			} else
				h.list[h.nlist] = hb_new(&h, h.top, name);
			if (h.list[h.nlist] == NULL)
				goto fail;
			h.li[h.nlist++] = NULL;
		} else if (strcmp(name, "li") == 0) {
			if (h.nlist == 0 && !closing) {
				h.p = NULL;
				if ((h.list[0] = hb_new(&h, h.top, "ul")) ==
				    NULL)
					goto fail;
				h.li[0] = NULL;
				h.nlist = 1;
			}
			if (h.nlist > 0)
				h.li[h.nlist - 1] = closing ? NULL :
				    hb_new(&h, h.list[h.nlist - 1], "li");
		} else if (h.nlist > 0) {
			/* A paragraph inside a list item: a line break. */
			xmlNode *li = h.li[h.nlist - 1];

			if (!closing && li != NULL && li->children != NULL)
				hb_new(&h, li, "br");
		} else
			h.p = NULL;
	}
	hb_flush(&h);
	tidy(e, old);
	if (h.text.oom)
		goto fail;
	free(h.text.s);
	return 0;
fail:
	free(h.text.s);
	return -1;
}

enum imp_mark
imp_mark_at(const char *s, size_t *len)
{
	const char	*p = s, *close;
	char		 name[16];
	size_t		 tl;
	int		 closing, bracket = 0, ck;

	if (*p == '[') {
		bracket = 1;
		p += 1;
		close = "]";
	} else if (starts(p, N_TORT_OPEN)) {
		bracket = 1;
		p += strlen(N_TORT_OPEN);
		close = N_TORT_CLOSE;
	} else if (starts(p, N_FW_LBRACKET)) {
		bracket = 1;
		p += strlen(N_FW_LBRACKET);
		close = N_FW_RBRACKET;
	} else
		close = NULL;
	while (bracket && (*p == ' ' || starts(p, N_IDEO_SPACE)))
		p += *p == ' ' ? 1 : strlen(N_IDEO_SPACE);
	if (*p == '<' && imp_is_html_tag(p, &tl, name, sizeof(name),
	    &closing) && strcmp(name, "input") == 0) {
		ck = memmem(p, tl, "checked", 7) != NULL;
		p += tl;
		if (!bracket) {
			*len = (size_t)(p - s);
			return ck ? MARK_TICK : MARK_BARE_INPUT;
		}
		while (*p == ' ')
			p++;
		if (strncmp(p, close, strlen(close)) != 0)
			return MARK_NONE;
		*len = (size_t)(p - s) + strlen(close);
		return ck ? MARK_TICK : MARK_BOX_INPUT;
	}
	if (!bracket)
		return MARK_NONE;
	if (strncmp(p, close, strlen(close)) == 0) {
		*len = (size_t)(p - s) + strlen(close);
		return MARK_EMPTY;
	}
	/* ○ U+25CB, 〇 U+3007, ◯ U+25EF, ● U+25CF, ✓ U+2713, Latin O/o,
	 * full-width Ｏ, レ. */
	{
		static const char *const ticks[] = N_TICKS;
		size_t	 i;

		for (i = 0; ticks[i] != NULL; i++)
			if (strncmp(p, ticks[i], strlen(ticks[i])) == 0)
				break;
		if (ticks[i] == NULL)
			return MARK_NONE;
		p += strlen(ticks[i]);
		while (*p == ' ' || starts(p, N_IDEO_SPACE))
			p += *p == ' ' ? 1 : strlen(N_IDEO_SPACE);
		if (strncmp(p, close, strlen(close)) != 0)
			return MARK_NONE;
		*len = (size_t)(p - s) + strlen(close);
		return MARK_TICK;
	}
}
