/*
 * skeleton.c: the blank assessments written by `pia new`, generated from
 * the vocabulary so that they always match the schema and the labels.
 * The comments come from the catalogue (SKEL_*), in Japanese: the
 * language of the document being written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_templates.h"

struct out {
	char	*s;
	size_t	 n, cap;
	int	 oom;
};

/* The language of a skeleton's comments. */
#define SKEL_LANG	"ja"

static void
vput(struct out *o, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;
	size_t	 cap;
	char	*ns;

	if (o->oom)
		return;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0) {
		o->oom = 1;
		return;
	}
	if (o->n + (size_t)n + 1 > o->cap) {
		cap = (o->n + (size_t)n + 1) * 2;
		if ((ns = realloc(o->s, cap)) == NULL) {
			o->oom = 1;
			return;
		}
		o->s = ns;
		o->cap = cap;
	}
	vsnprintf(o->s + o->n, (size_t)n + 1, fmt, ap);
	o->n += (size_t)n;
}

static void
put(struct out *o, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vput(o, fmt, ap);
	va_end(ap);
}

/* Appends text m of the catalogue. */
static void
putm(struct out *o, enum pia_msg m, ...)
{
	va_list	 ap;

	va_start(ap, m);
	vput(o, pia_msg_fmt(m, SKEL_LANG), ap);
	va_end(ap);
}

static void
indent(struct out *o, int depth)
{
	put(o, "%*s", depth * 2, "");
}

static void
comment_options(struct out *o, const struct pia_optlist *l, int checks)
{
	size_t	 i;

	putm(o, checks ? PIA_M_SKEL_CHECKS : PIA_M_SKEL_OPTIONS);
	for (i = 0; i < pia_optlist_count(l); i++)
		put(o, " %zu) %s%s", i + 1, pia_optlist_text(l, i),
		    pia_optlist_slot(l, i) ? "( )" : "");
	if (!checks)
		putm(o, PIA_M_SKEL_OPTIONS_END);
}

static void
comment(struct out *o, const struct pia_vnode *n, enum pia_kind k, int depth)
{
	char			*title = pia_vnode_title(n, k, SKEL_LANG);
	const char		*hint = pia_vnode_hint(n, k);
	const struct pia_optlist *l = pia_vnode_options(n, k);

	indent(o, depth);
	put(o, "<!-- %s", title ? title : "");
	if (*hint)
		put(o, ": %s", hint);
	switch (pia_vnode_ftype(n)) {
	case PIA_F_DATE:
		putm(o, PIA_M_SKEL_DATE);
		break;
	case PIA_F_PERIOD:
		putm(o, PIA_M_SKEL_PERIOD);
		break;
	case PIA_F_FLAG:
		putm(o, PIA_M_SKEL_FLAG);
		break;
	case PIA_F_ITEMS:
		putm(o, PIA_M_SKEL_ITEMS);
		break;
	case PIA_F_IMAGE:
		putm(o, PIA_M_SKEL_IMAGE);
		break;
	case PIA_F_CHOICE:
	case PIA_F_CHECKS:
		if (l != NULL)
			comment_options(o, l,
			    pia_vnode_ftype(n) == PIA_F_CHECKS);
		break;
	default:
		break;
	}
	if (pia_vnode_unconfirmed(n))
		putm(o, PIA_M_SKEL_UNCONFIRMED);
	put(o, " -->\n");
	free(title);
}

static void
walk(struct out *o, const struct pia_vnode *p, enum pia_kind k, int depth)
{
	const struct pia_vnode	*n;
	const char		*el;

	for (n = pia_vnode_first(p, k); n; n = pia_vnode_next(n, k)) {
		el = pia_vnode_el(n);
		switch (pia_vnode_type(n)) {
		case PIA_V_DERIVED:
			indent(o, depth);
			putm(o, PIA_M_SKEL_DERIVED, pia_vnode_num(n, k),
			    *pia_vnode_num(n, k) ? " " : "",
			    pia_vnode_label(n, k));
			break;
		case PIA_V_SECTION:
		case PIA_V_GROUP:
			comment(o, n, k, depth);
			indent(o, depth);
			put(o, "<%s>\n", el);
			walk(o, n, k, depth + 1);
			indent(o, depth);
			put(o, "</%s>\n", el);
			break;
		case PIA_V_LIST:
			indent(o, depth);
			putm(o, PIA_M_SKEL_LIST, pia_vnode_label(n, k),
			    pia_vnode_label(n, k), pia_vnode_entry(n));
			if (el != NULL) {
				indent(o, depth);
				put(o, "<%s>\n", el);
			}
			indent(o, depth + (el != NULL));
			put(o, "<%s id=\"%s-1\">\n", pia_vnode_entry(n),
			    pia_vnode_entry(n));
			walk(o, n, k, depth + 1 + (el != NULL));
			indent(o, depth + (el != NULL));
			put(o, "</%s>\n", pia_vnode_entry(n));
			if (el != NULL) {
				indent(o, depth);
				put(o, "</%s>\n", el);
			}
			break;
		case PIA_V_FIELD:
			comment(o, n, k, depth);
			indent(o, depth);
			if (pia_vnode_ftype(n) == PIA_F_PERIOD)
				put(o, "<%s><from></from><to></to></%s>\n",
				    el, el);
			else
				put(o, "<%s></%s>\n", el, el);
			break;
		default:
			break;
		}
	}
}

char *
pia_skeleton(const struct pia_vocab *v, enum pia_kind k, size_t *len)
{
	struct out	 o = { NULL, 0, 0, 0 };

	put(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	putm(&o, PIA_M_SKEL_HEAD, pia_vocab_kind_name(v, k),
	    pia_vocab_kind_style(v, k), pia_kind_id(k));
	put(&o, "<assessment xmlns=\"%s\" kind=\"%s\" version=\"1\" "
	    "body=\"地方公共団体等\">\n", PIA_NS, pia_kind_id(k));
	walk(&o, pia_vocab_form(v), k, 1);
	put(&o, "</assessment>\n");
	if (o.oom) {
		free(o.s);
		return NULL;
	}
	if (len != NULL)
		*len = o.n;
	return o.s;
}
