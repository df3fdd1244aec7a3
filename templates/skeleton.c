/*
 * skeleton.c: the blank assessments written by `pia new`, generated from
 * the vocabulary so that they always match the schema and the labels.
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

static void
put(struct out *o, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	size_t	 cap;
	char	*ns;

	if (o->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
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
	va_start(ap, fmt);
	vsnprintf(o->s + o->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->n += (size_t)n;
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

	put(o, checks ? " 〔チェック欄: <check option=\"選択肢\">( )欄の記載"
	    "</check> を選ぶものだけ〕" : " 〔選択肢:");
	for (i = 0; i < pia_optlist_count(l); i++)
		put(o, " %zu) %s%s", i + 1, pia_optlist_text(l, i),
		    pia_optlist_slot(l, i) ? "( )" : "");
	if (!checks)
		put(o, "〕");
}

static void
comment(struct out *o, const struct pia_vnode *n, enum pia_kind k, int depth)
{
	char			*title = pia_vnode_title(n, k, "ja");
	const char		*hint = pia_vnode_hint(n, k);
	const struct pia_optlist *l = pia_vnode_options(n, k);

	indent(o, depth);
	put(o, "<!-- %s", title ? title : "");
	if (*hint)
		put(o, ": %s", hint);
	switch (pia_vnode_ftype(n)) {
	case PIA_F_DATE:
		put(o, " 〔日付 YYYY-MM-DD〕");
		break;
	case PIA_F_PERIOD:
		put(o, " 〔期間 from/to を YYYY-MM-DD で〕");
		break;
	case PIA_F_FLAG:
		put(o, " 〔チェックするなら true〕");
		break;
	case PIA_F_ITEMS:
		put(o, " 〔<category name=\"分類\"><item>項目名</item>"
		    "</category>〕");
		break;
	case PIA_F_IMAGE:
		put(o, " 〔<image src=\"図のファイル\">説明</image>〕");
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
		put(o, " 〔未確認: 公式様式で要確認〕");
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
			put(o, "<!-- %s%s%s: 自動で表示されます "
			    "(記入不要) -->\n", pia_vnode_num(n, k),
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
			put(o, "<!-- %s1、%s2、…: 繰り返す部分。<%s> を必要な数だけ"
			    "複製し、id は文書内で一意にします -->\n",
			    pia_vnode_label(n, k), pia_vnode_label(n, k),
			    pia_vnode_entry(n));
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
	put(&o, "<!--\n  特定個人情報保護評価書(%s) %s の雛形 (pia new で作成、kind=%s)\n"
	    "\n  各要素の前のコメントが様式上の項目です。要素の中に記入してください。\n"
	    "  空欄のままでもスキーマ上は有効です。記入漏れは pia validate が"
	    "指摘します。\n"
	    "  日付は ISO 8601 (例 2026-03-16) で記入します。表示は和暦"
	    "(令和8年3月16日)になります。\n"
	    "  body 属性: 地方公共団体等 又は 行政機関等\n-->\n",
	    pia_vocab_kind_name(v, k), pia_vocab_kind_style(v, k),
	    pia_kind_id(k));
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
