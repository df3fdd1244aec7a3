/*
 * cmd_diff.c: pia diff [-T text|json|xml|csv|html|pdf|layout] [--date D]
 * OLD NEW.
 *
 * Prints the 変更箇所 rows that turn OLD into NEW.  Exit status as diff(1):
 * 0 equal, 1 different, 2 trouble.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include <libxml/tree.h>

#include "extern.h"
#ifdef PIA_WITH_RENDER
#include "pia_templates.h"
#endif
#include "pia_diff.h"
#ifdef PIA_WITH_RENDER
#include "diff_marks.h"
#endif

/* The labels of the 変更箇所 columns, from the vocabulary. */
static const char *const colnames[] = { "date", "item", "before", "after",
    "timing", "reason" };

const char *
diff_col(const struct pia_vocab *v, enum pia_kind k, int col, int en)
{
	const struct pia_vnode *s, *l, *f;

	for (s = pia_vnode_first(pia_vocab_form(v), k); s != NULL;
	    s = pia_vnode_next(s, k)) {
		if (pia_vnode_el(s) == NULL ||
		    strcmp(pia_vnode_el(s), PIA_CHANGES_EL) != 0)
			continue;
		for (l = pia_vnode_first(s, k); l; l = pia_vnode_next(l, k))
			for (f = pia_vnode_first(l, k); f;
			    f = pia_vnode_next(f, k))
				if (strcmp(pia_vnode_el(f), colnames[col]) == 0)
					return en ? pia_vnode_en(f) :
					    pia_vnode_label(f, k);
	}
	return colnames[col];
}

int
diff_date_arg(const struct cmd *self, const char *s)
{
	if (!pia_date_valid(s))
		return usage_error(self, "--date は YYYY-MM-DD 形式の日付です: %s",
		    "--date takes a date YYYY-MM-DD: %s", s);
	return 0;
}

void
diff_today(char out[11])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
diff_load(const char *oldp, const char *newp, unsigned flags,
    struct pia_vocab **v, struct pia_doc **o, struct pia_doc **n,
    struct pia_changes **ch, struct pia_diags *d)
{
	if ((*v = pia_vocab_load_default(d)) == NULL)
		return -1;
	*o = pia_doc_load(oldp, NULL, d);
	*n = pia_doc_load(newp, NULL, d);
	if (*o == NULL || *n == NULL)
		return -1;
	if ((*ch = pia_diff(*v, *o, *n, flags, d)) == NULL)
		return -1;
	return 0;
}

static const char *
proposal(void)
{
	return L("(案)", " (proposed)");
}

static const char *
kind_note(enum pia_chkind k)
{
	switch (k) {
	case PIA_CH_ADD:
		return L("追加", "added");
	case PIA_CH_DEL:
		return L("削除", "removed");
	case PIA_CH_RENUM:
		return L("番号の変更", "renumbered");
	case PIA_CH_MOVE:
		return L("移動", "moved");
	case PIA_CH_EQUIV:
		return L("空白・文字幅のみ", "whitespace or width only");
	default:
		return NULL;
	}
}

/* A value on the lines after a label, continuation lines indented. */
static void
text_value(FILE *f, const char *label, const char *s)
{
	fprintf(f, "   %s: ", label);
	for (; *s; s++) {
		fputc(*s, f);
		if (*s == '\n')
			fputs("      ", f);
	}
	fputc('\n', f);
}

static void
out_text(FILE *f, const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date, const char *oldp, const char *newp)
{
	enum pia_kind	 k = pia_changes_kind(ch);
	int		 en = strcmp(lang, "en") == 0;
	size_t		 i, pre = 0, n = pia_changes_count(ch);
	char		*w;

	if (n == 0)
		return;
	w = en ? NULL : pia_wareki_format(date, NULL);
	fprintf(f, "--- %s\n+++ %s\n%s: %s\n", oldp, newp,
	    diff_col(v, k, 0, en), w ? w : date);
	free(w);
	for (i = 0; i < n; i++) {
		const struct pia_change *c = pia_changes_get(ch, i);
		const char		*note = kind_note(c->kind);

		fprintf(f, "\n%zu. %s%s%s%s\n", i + 1, en ? c->item_en :
		    c->item, note ? " [" : "", note ? note : "",
		    note ? "]" : "");
		text_value(f, diff_col(v, k, 2, en), c->before);
		text_value(f, diff_col(v, k, 3, en), c->after);
		fprintf(f, "   %s: %s%s%s\n", diff_col(v, k, 4, en),
		    pia_timing_text(v, c->timing), proposal(),
		    c->starred ? L(" ※重要な変更の候補", " (※ item: a candidate "
		    "important change)") : "");
		if (c->reason_ja != NULL)
			text_value(f, diff_col(v, k, 5, en),
			    en ? c->reason_en : c->reason_ja);
		pre += c->timing == PIA_TIMING_PRE;
	}
	fprintf(f, L("\n%zu 件の変更 (事前%s %zu 件、事後%s %zu 件)\n",
	    "\n%zu changes (事前%s %zu, 事後%s %zu)\n"), n, proposal(), pre,
	    proposal(), n - pre);
}

static void
csv_cell(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
	fputs(last ? "\r\n" : ",", f);
}

static void
out_csv(FILE *f, const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date)
{
	enum pia_kind	 k = pia_changes_kind(ch);
	size_t		 i;
	int		 c;
	char		*w = pia_wareki_format(date, NULL), *t;

	for (c = 0; c < 6; c++)
		csv_cell(f, diff_col(v, k, c, 0), c == 5);
	for (i = 0; i < pia_changes_count(ch); i++) {
		const struct pia_change *r = pia_changes_get(ch, i);

		csv_cell(f, w ? w : date, 0);
		csv_cell(f, r->item, 0);
		csv_cell(f, r->before, 0);
		csv_cell(f, r->after, 0);
		if (asprintf(&t, "%s(案)", pia_timing_text(v, r->timing)) < 0)
			t = NULL;
		csv_cell(f, t ? t : "", 0);
		free(t);
		csv_cell(f, r->reason_ja ? r->reason_ja : "", 1);
	}
	free(w);
}

static void
json_node(FILE *f, const char *key, const xmlNode *e)
{
	char	*x;

	fprintf(f, ",\"%s_line\":", key);
	if (e == NULL) {
		fprintf(f, "null,\"%s_xpath\":null", key);
		return;
	}
	fprintf(f, "%ld,\"%s_xpath\":", pia_node_line(e), key);
	x = pia_node_xpath(e);
	json_str(f, x);
	free(x);
}

static void
out_json(FILE *f, const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date, const char *oldp, const char *newp)
{
	size_t	 i, n = pia_changes_count(ch);

	fputs("{\"old\":", f);
	json_str(f, oldp);
	fputs(",\"new\":", f);
	json_str(f, newp);
	fputs(",\"kind\":", f);
	json_str(f, pia_kind_id(pia_changes_kind(ch)));
	fputs(",\"date\":", f);
	json_str(f, date);
	fprintf(f, ",\"equal\":%s,\"count\":%zu,\"changes\":[",
	    n ? "false" : "true", n);
	for (i = 0; i < n; i++) {
		const struct pia_change *c = pia_changes_get(ch, i);

		fputs(i ? ",\n{" : "\n{", f);
		fputs("\"id\":", f);
		json_str(f, c->id);
		fputs(",\"kind\":", f);
		json_str(f, pia_chkind_name(c->kind));
		fputs(",\"date\":", f);
		json_str(f, date);
		fputs(",\"item\":", f);
		json_str(f, c->item);
		fputs(",\"item_en\":", f);
		json_str(f, c->item_en);
		fputs(",\"before\":", f);
		json_str(f, c->before);
		fputs(",\"after\":", f);
		json_str(f, c->after);
		fputs(",\"timing\":", f);
		json_str(f, pia_timing_text(v, c->timing));
		fprintf(f, ",\"timing_proposed\":true,\"starred\":%s",
		    c->starred ? "true" : "false");
		fputs(",\"reason\":", f);
		json_str(f, c->reason_ja);
		json_node(f, "old", c->old_node);
		json_node(f, "new", c->new_node);
		fputc('}', f);
	}
	fputs(n ? "\n]}\n" : "]}\n", f);
}

static void
html_esc(FILE *f, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len && s[i]; i++)
		switch (s[i]) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\n':
			fputs("<br>", f);
			break;
		default:
			fputc(s[i], f);
		}
}

/* One side of an edit with the changed words marked (<del> or <ins>).
 * The EQ spans and the side's own spans spell s in order. */
static void
html_marked(FILE *f, const char *s, const struct pia_wspan *w, int nw,
    enum pia_wop side)
{
	const char	*tag = side == PIA_W_DEL ? "del" : "ins";
	size_t		 at = 0;
	int		 i;

	for (i = 0; i < nw; i++) {
		if (w[i].op == PIA_W_EQ)
			html_esc(f, s + at, w[i].len);
		else if (w[i].op == side) {
			fprintf(f, "<%s>", tag);
			html_esc(f, s + at, w[i].len);
			fprintf(f, "</%s>", tag);
		} else
			continue;
		at += w[i].len;
	}
}

/*
 * The word diff of a row whose two sides are both there (an edit, or an
 * equivalent spelling): its number of spans, *ws set (the caller frees),
 * or -1 when the row is printed without marks.  The HTML and the printed
 * table mark the same rows.
 */
static int
row_wdiff(const struct pia_change *r, struct pia_wspan **ws)
{
	*ws = NULL;
	if (r->kind != PIA_CH_EDIT && r->kind != PIA_CH_EQUIV)
		return -1;
	return pia_word_diff(r->before, r->after, ws);
}

static void
out_html(FILE *f, const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date, const char *oldp, const char *newp)
{
	enum pia_kind	 k = pia_changes_kind(ch);
	size_t		 i;
	int		 c, en = strcmp(lang, "en") == 0;
	char		*w = pia_wareki_format(date, NULL);

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
	    "<meta charset=\"UTF-8\">\n<title>");
	html_esc(f, diff_col(v, k, 1, 0), (size_t)-1);
	fputs(" - ", f);
	html_esc(f, newp, (size_t)-1);
	fputs("</title>\n<style>\n"
	    "body{font-family:sans-serif;margin:1.5em}\n"
	    "table{border-collapse:collapse;width:100%}\n"
	    "th,td{border:1px solid #888;padding:.3em .5em;"
	    "vertical-align:top;text-align:left}\n"
	    "th{background:#eee}\n"
	    "del{background:#fdd;text-decoration:line-through}\n"
	    "ins{background:#dfd;text-decoration:none}\n"
	    ".proposed{color:#a60}\n.kind{color:#666;font-size:smaller}\n"
	    "</style>\n</head>\n<body>\n<h1>", f);
	html_esc(f, diff_col(v, k, 1, 0), (size_t)-1);
	fputs("</h1>\n<p>", f);
	html_esc(f, oldp, (size_t)-1);
	fputs(" &rarr; ", f);
	html_esc(f, newp, (size_t)-1);
	fprintf(f, L("(%zu 件)", " (%zu rows)"), pia_changes_count(ch));
	fputs("</p>\n<table>\n<thead><tr>", f);
	for (c = 0; c < 6; c++) {
		fputs("<th>", f);
		html_esc(f, diff_col(v, k, c, 0), (size_t)-1);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < pia_changes_count(ch); i++) {
		const struct pia_change	*r = pia_changes_get(ch, i);
		const char		*note = kind_note(r->kind);
		struct pia_wspan	*ws;
		int			 nw = row_wdiff(r, &ws);

		fprintf(f, "<tr id=\"%s\"><td>", r->id);
		html_esc(f, w ? w : date, (size_t)-1);
		fputs("</td><td>", f);
		html_esc(f, r->item, (size_t)-1);
		if (note != NULL) {
			fputs(" <span class=\"kind\">[", f);
			html_esc(f, note, (size_t)-1);
			fputs("]</span>", f);
		}
		fputs("</td><td>", f);
		if (nw >= 0)
			html_marked(f, r->before, ws, nw, PIA_W_DEL);
		else
			html_esc(f, r->before, (size_t)-1);
		fputs("</td><td>", f);
		if (nw >= 0)
			html_marked(f, r->after, ws, nw, PIA_W_INS);
		else
			html_esc(f, r->after, (size_t)-1);
		fprintf(f, "</td><td class=\"proposed\">%s(案)%s</td><td>",
		    pia_timing_text(v, r->timing), r->starred ? " ※" : "");
		if (r->reason_ja != NULL)
			html_esc(f, r->reason_ja, (size_t)-1);
		fputs("</td></tr>\n", f);
		free(ws);
	}
	fputs("</tbody>\n</table>\n<p class=\"proposed\">", f);
	fputs(en ? "提出時期 (事前/事後) is pia's proposal: 事前 for ※ items "
	    "(candidates for an important change), 事後 otherwise; the author "
	    "decides." : "提出時期の「(案)」は pia による提案です。※の付された"
	    "項目 (重要な変更の候補) は事前、それ以外は事後としています。"
	    "最終的な判断は評価実施機関が行ってください。", f);
	fputs("</p>\n</body>\n</html>\n", f);
	free(w);
}

static int
out_xml(FILE *f, const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date)
{
	xmlDoc	*doc = pia_changes_xml(v, ch, date);
	xmlChar	*buf = NULL;
	int	 len = 0;

	if (doc == NULL)
		return -1;
	xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
	if (buf != NULL) {
		fwrite(buf, 1, (size_t)len, f);
		xmlFree(buf);
	}
	xmlFreeDoc(doc);
	return buf != NULL ? 0 : -1;
}

#ifdef PIA_WITH_RENDER
/*
 * A proposed 提出時期 is marked by <?pia proposed="timing"?> before its
 * <timing>; the printed table says so, as the text and CSV outputs do.
 */
static void
mark_proposals(xmlNode *changes)
{
	xmlNode	*c, *e;
	int	 proposed;

	for (c = changes->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		proposed = 0;
		for (e = c->children; e != NULL; e = e->next) {
			if (e->type == XML_PI_NODE &&
			    xmlStrEqual(e->name, BAD_CAST "pia"))
				proposed = 1;
			else if (proposed && e->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(e->name, BAD_CAST "timing")) {
				xmlNodeAddContent(e, BAD_CAST "(案)");
				proposed = 0;
			}
		}
	}
}

static xmlNode *
child_el(xmlNode *e, const char *name)
{
	for (e = e->children; e != NULL; e = e->next)
		if (e->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(e->name, BAD_CAST name))
			return e;
	return NULL;
}

/*
 * The changed words of each row marked in its <before> and <after>, as
 * the HTML output marks them; the rows of ch are the <change> elements of
 * changes, in order.  Returns -1 when out of memory.
 */
static int
mark_words(xmlNode *changes, const struct pia_changes *ch)
{
	const struct pia_change	*r;
	struct pia_wspan	*ws;
	xmlNode			*c, *b, *a;
	size_t			 i = 0;
	int			 nw, rc = 0;

	for (c = changes->children; c != NULL && rc == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (i >= pia_changes_count(ch))
			break;
		r = pia_changes_get(ch, i++);
		if ((nw = row_wdiff(r, &ws)) < 0)
			continue;
		if ((b = child_el(c, "before")) != NULL &&
		    diff_mark_side(b, r->before, ws, nw, PIA_W_DEL) == -1)
			rc = -1;
		if ((a = child_el(c, "after")) != NULL &&
		    diff_mark_side(a, r->after, ws, nw, PIA_W_INS) == -1)
			rc = -1;
		free(ws);
	}
	return rc;
}

/*
 * The 変更箇所 table alone as a PDF (or its layout dump, for the tests):
 * the rows go into an otherwise empty assessment of the new revision's
 * kind, which the renderer prints, the changed words marked.  The marks
 * are not in the schema: this document is never validated nor saved.
 */
static int
out_pdf(const struct pia_vocab *v, const struct pia_changes *ch,
    const char *date, enum pia_kind kind, enum pia_render_format fmt,
    char **buf, size_t *len, struct pia_diags *d)
{
	xmlDoc		*rows, *xml = NULL;
	xmlNode		*root, *changes;
	xmlNs		*ns;
	struct pia_doc	*doc = NULL;
	int		 rc = -1;

	if ((rows = pia_changes_xml(v, ch, date)) == NULL)
		return -1;
	if ((xml = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		goto out;
	root = xmlNewNode(NULL, BAD_CAST "assessment");
	ns = xmlNewNs(root, BAD_CAST PIA_NS, NULL);
	xmlSetNs(root, ns);
	xmlNewProp(root, BAD_CAST "kind", BAD_CAST pia_kind_id(kind));
	xmlDocSetRootElement(xml, root);
	changes = xmlDocCopyNode(xmlDocGetRootElement(rows), xml, 1);
	xmlAddChild(root, changes);
	mark_proposals(changes);
	if (mark_words(changes, ch) == -1) {
		pia_diags_add(d, PIA_ERROR, "memory", NULL, 0, NULL, NULL,
		    "メモリが足りません", "out of memory");
		goto out;
	}
	xmlReconciliateNs(xml, root);
	if ((doc = pia_doc_wrap(xml, "changes", d)) == NULL) {
		xml = NULL;
		goto out;
	}
	xml = NULL;
	rc = pia_render_changes(v, doc, fmt, buf, len, d);
out:
	xmlFreeDoc(xml);
	xmlFreeDoc(rows);
	pia_doc_free(doc);
	return rc;
}

#endif

int
cmd_diff(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "whitespace", no_argument, NULL, 'W' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("diff");
	struct pia_diags	*d = NULL;
	struct pia_vocab	*v = NULL;
	struct pia_doc		*o = NULL, *n = NULL;
	struct pia_changes	*ch = NULL;
	const char		*fmt = "text", *out = "-";
	char			 date[11] = "", *buf = NULL;
	size_t			 len = 0;
	unsigned		 flags = 0;
	FILE			*f = NULL;
	int			 c, rc = EXIT_USAGE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "T:o:W", lopts, NULL)) != -1) {
		switch (c) {
		case 'T':
			fmt = optarg;
			break;
		case 'd':
			if (diff_date_arg(self, optarg) != 0)
				return EXIT_USAGE;
			snprintf(date, sizeof(date), "%s", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'W':
			flags |= PIA_DIFF_EQUIV;
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return lang_error(self);
			break;
		default:
			return usage_error(self, "オプションが不正です",
			    "bad option");
		}
	}
	if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "xml") &&
	    strcmp(fmt, "csv") && strcmp(fmt, "html") && strcmp(fmt, "pdf") &&
	    strcmp(fmt, "layout"))
		return usage_error(self, "不明な出力形式です: %s "
		    "(text、json、xml、csv、html、pdf、layout のいずれか)",
		    "unknown output format: %s (text, json, xml, csv, html, pdf "
		    "or layout)", fmt);
	if (strcmp(fmt, "pdf") == 0 && strcmp(out, "-") == 0 &&
	    isatty(STDOUT_FILENO))
		return usage_error(self, "PDF は -o FILE で書き出してください",
		    "write the PDF with -o FILE");
	if (argc - optind != 2)
		return usage_error(self, "比較する評価書を2つ (旧、新) 指定して"
		    "ください", "give two assessments to compare (old, new)");
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return usage_error(self, "標準入力 (-) は一方にしか使えません",
		    "standard input (-) can stand for one file only");
#ifndef PIA_WITH_RENDER
	/* The PDF is made by pia-render, which links the renderer. */
	if (strcmp(fmt, "pdf") == 0 || strcmp(fmt, "layout") == 0)
		return run_renderer(argc, argv);
#endif
	if (*date == '\0')
		diff_today(date);
	if ((d = pia_diags_new()) == NULL ||
	    diff_load(argv[optind], argv[optind + 1], flags, &v, &o, &n, &ch,
	    d) == -1)
		goto out;
#ifdef PIA_WITH_RENDER
	if (strcmp(fmt, "pdf") == 0 || strcmp(fmt, "layout") == 0) {
		if (out_pdf(v, ch, date, pia_doc_kind(n), strcmp(fmt, "pdf") ?
		    PIA_RENDER_LAYOUT : PIA_RENDER_PDF, &buf, &len, d) == -1)
			goto out;
		if (pia_file_write_atomic(out, buf, len, d) == -1)
			goto out;
		rc = pia_changes_count(ch) > 0 ? EXIT_FINDINGS : EXIT_OK;
		goto out;
	}
#endif
	if ((f = open_memstream(&buf, &len)) == NULL)
		goto out;
	if (strcmp(fmt, "json") == 0)
		out_json(f, v, ch, date, argv[optind], argv[optind + 1]);
	else if (strcmp(fmt, "csv") == 0)
		out_csv(f, v, ch, date);
	else if (strcmp(fmt, "html") == 0)
		out_html(f, v, ch, date, argv[optind], argv[optind + 1]);
	else if (strcmp(fmt, "xml") == 0) {
		if (out_xml(f, v, ch, date) == -1)
			goto out;
	} else
		out_text(f, v, ch, date, argv[optind], argv[optind + 1]);
	if (fclose(f) != 0) {
		f = NULL;
		goto out;
	}
	f = NULL;
	if (pia_file_write_atomic(out, buf, len, d) == -1)
		goto out;
	rc = pia_changes_count(ch) > 0 ? EXIT_FINDINGS : EXIT_OK;
out:
	if (f != NULL)
		fclose(f);
	if (d != NULL && pia_diags_count(d) > 0)
		print_findings_text(stderr, d);
	free(buf);
	pia_changes_free(ch);
	pia_doc_free(o);
	pia_doc_free(n);
	pia_vocab_free(v);
	pia_diags_free(d);
	return rc;
}
