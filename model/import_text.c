/*
 * import_text.c: the text side of pia import: label keys, edit distance,
 * HTML fragments of the published text to model paragraphs and lists,
 * and the tick marks of checkbox lists.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define PIA_IMPORT_INTERNAL
#include "pia.h"
#include "pia_import.h"

/* Decodes one UTF-8 sequence; returns its length (1 on a bad byte). */
static size_t
u8dec(const char *s, unsigned int *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0 && (u[1] & 0xc0) == 0x80) {
		*cp = ((u[0] & 0x1f) << 6) | (u[1] & 0x3f);
		return 2;
	}
	if ((u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80) {
		*cp = ((u[0] & 0x0f) << 12) | ((u[1] & 0x3f) << 6) |
		    (u[2] & 0x3f);
		return 3;
	}
	if ((u[0] & 0xf8) == 0xf0 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80 && (u[3] & 0xc0) == 0x80) {
		*cp = ((u[0] & 0x07) << 18) | ((u[1] & 0x3f) << 12) |
		    ((u[2] & 0x3f) << 6) | (u[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

unsigned int *
imp_ucs(const char *s, size_t *n)
{
	unsigned int	*v;
	size_t		 len = strlen(s), i = 0;

	*n = 0;
	if ((v = malloc((len + 1) * sizeof(*v))) == NULL)
		return NULL;
	while (s[i] != '\0')
		i += u8dec(s + i, &v[(*n)++]);
	return v;
}

size_t
imp_distance(const unsigned int *a, size_t na, const unsigned int *b,
    size_t nb, size_t cap)
{
	size_t	*row, i, j, best, d;

	if ((na > nb ? na - nb : nb - na) > cap)
		return cap + 1;
	if ((row = malloc((nb + 1) * sizeof(*row))) == NULL)
		return cap + 1;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		best = row[0];
		for (j = 1; j <= nb; j++) {
			size_t up = row[j];

			d = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
			if (d < best)
				best = d;
		}
		if (best > cap) {
			free(row);
			return cap + 1;
		}
	}
	d = row[nb];
	free(row);
	return d > cap ? cap + 1 : d;
}

char *
imp_key(const char *s)
{
	char	*n, *w, *r;

	if ((n = pia_nfkc(s)) == NULL)
		return strdup("");
	for (r = w = n; *r != '\0'; ) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		else if (strncmp(r, "※", 3) == 0)
			r += 3;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return n;
}

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

/* A growing string. */
struct buf {
	char	*s;
	size_t	 n, cap;
};

static int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t	 cap = (b->n + n + 1) * 2;
		char	*ns = realloc(b->s, cap);

		if (ns == NULL)
			return -1;
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
	return 0;
}

/* Appends s folding blanks (ASCII blanks, U+3000 is kept: it is text). */
static int
buf_fold(struct buf *b, const char *s, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i = j) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			j = i + 1;
			if (b->n == 0 || b->s[b->n - 1] == ' ')
				continue;
			if (buf_add(b, " ", 1) == -1)
				return -1;
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t' &&
		    s[j] != '\n' && s[j] != '\r'; j++)
			continue;
		if (buf_add(b, s + i, j - i) == -1)
			return -1;
	}
	return 0;
}

char *
imp_plain(const char *s)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 name[16], ent[8];
	size_t		 len, i = 0;
	int		 closing;

	if (buf_add(&b, "", 0) == -1)
		return NULL;
	while (s[i] != '\0') {
		if (s[i] == '<' && imp_is_html_tag(s + i, &len, name,
		    sizeof(name), &closing)) {
			if (strcmp(name, "input") == 0) {
				int ck = memmem(s + i, len, "checked", 7) !=
				    NULL;

				if (buf_fold(&b, ck ? " [○] " : " [] ",
				    strlen(ck ? " [○] " : " [] ")) == -1)
					goto fail;
			} else if (is_block(name) && buf_fold(&b, " ", 1) == -1)
				goto fail;
			i += len;
		} else if (s[i] == '&' && (len = entity(s + i, ent)) > 0) {
			if (buf_fold(&b, ent, strlen(ent)) == -1)
				goto fail;
			i += len;
		} else {
			size_t j = i + 1;

			while (s[j] != '\0' && s[j] != '<' && s[j] != '&')
				j++;
			if (buf_fold(&b, s + i, j - i) == -1)
				goto fail;
			i = j;
		}
	}
	while (b.n > 0 && b.s[b.n - 1] == ' ')
		b.s[--b.n] = '\0';
	if (b.s[0] == ' ')
		memmove(b.s, b.s + 1, b.n--);
	return b.s;
fail:
	free(b.s);
	return NULL;
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
	struct buf text;	/* pending text */
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
		if (strncmp(p, "・", 3) == 0)
			p += 3;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		q = strstr(p, "・");
		/* A "・" inside a word ("提供・移転") is not a bullet: only one
		 * after a blank starts an item. */
		while (q != NULL && q > p && q[-1] != ' ')
			q = strstr(q + 3, "・");
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

		if (li == NULL && strstr(s, "・") != NULL)
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
 * paragraphs, items and lists. */
static void
tidy(xmlNode *e)
{
	xmlNode	*c, *next;

	for (c = e->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE)
			tidy(c);
	}
	if (e->children && e->children->type == XML_TEXT_NODE) {
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
	for (c = e->children; c != NULL; c = next) {
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
	char		 name[16], ent[8];
	size_t		 len, i = 0;
	int		 closing;

	memset(&h, 0, sizeof(h));
	h.top = e;
	h.ns = ns;
	if (buf_add(&h.text, "", 0) == -1)
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
	i = 0;
	while (s[i] != '\0') {
		if (s[i] == '&' && (len = entity(s + i, ent)) > 0) {
			buf_fold(&h.text, ent, strlen(ent));
			i += len;
			continue;
		}
		if (s[i] != '<' || !imp_is_html_tag(s + i, &len, name,
		    sizeof(name), &closing)) {
			size_t j = i + 1;

			while (s[j] != '\0' && s[j] != '<' && s[j] != '&')
				j++;
			buf_fold(&h.text, s + i, j - i);
			i = j;
			continue;
		}
		i += len;
		if (strcmp(name, "input") == 0) {
			int ck = memmem(s + i - len, len, "checked", 7) != NULL;

			buf_fold(&h.text, ck ? "[○] " : "[] ",
			    strlen(ck ? "[○] " : "[] "));
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
	tidy(e);
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

	if (strncmp(p, "[", 1) == 0) {
		bracket = 1;
		p += 1;
		close = "]";
	} else if (strncmp(p, "〔", 3) == 0) {
		bracket = 3;
		p += 3;
		close = "〕";
	} else if (strncmp(p, "［", 3) == 0) {
		bracket = 3;
		p += 3;
		close = "］";
	} else
		close = NULL;
	while (bracket && (*p == ' ' || strncmp(p, "　", 3) == 0))
		p += *p == ' ' ? 1 : 3;
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
		static const char *const ticks[] = { "○", "〇", "◯", "●",
		    "✓", "✔", "Ｏ", "ｏ", "O", "o", "レ", NULL };
		size_t	 i;

		for (i = 0; ticks[i] != NULL; i++)
			if (strncmp(p, ticks[i], strlen(ticks[i])) == 0)
				break;
		if (ticks[i] == NULL)
			return MARK_NONE;
		p += strlen(ticks[i]);
		while (*p == ' ' || strncmp(p, "　", 3) == 0)
			p += *p == ' ' ? 1 : 3;
		if (strncmp(p, close, strlen(close)) != 0)
			return MARK_NONE;
		*len = (size_t)(p - s) + strlen(close);
		return MARK_TICK;
	}
}
