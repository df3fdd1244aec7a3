/*
 * print.c: the review of pia review (validators/review.c) as text, a
 * reviewer's memo, and as JSON.  Every heading is a text of the
 * catalogue; the points of the 審査の観点 come from their data file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_buf.h"
#include "pia_review.h"

static void
addf(struct pia_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
addf(struct pia_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	pia_buf_add(b, s);
	free(s);
}

/* Text m of the catalogue in lang, formatted. */
static void
addm(struct pia_buf *b, const char *lang, enum pia_msg m, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, m);
	s = pia_msg_vstr(lang, m, ap);
	va_end(ap);
	if (s == NULL) {
		b->oom = 1;
		return;
	}
	pia_buf_add(b, s);
	free(s);
}

#define EN(lang)	(strcmp((lang), "en") == 0)

static void
finding_line(struct pia_buf *b, const struct pia_diag *g, const char *lang)
{
	addf(b, "%s:%ld: %s: [%s] %s\n", g->file ? g->file : "-", g->line,
	    pia_level_name(g->level), g->rule ? g->rule : "-",
	    pia_diag_msg(g, lang));
}

static int
finish(struct pia_buf *b, char **buf, size_t *len)
{
	if (b->oom || (*buf = pia_buf_take(b)) == NULL) {
		free(b->s);
		return -1;
	}
	*len = strlen(*buf);
	return 0;
}

static void
none(struct pia_buf *b, const char *lang, const char *indent)
{
	pia_buf_add(b, indent);
	addm(b, lang, PIA_M_REVIEW_NONE);
	pia_buf_add(b, "\n");
}

/* 1. Declared and actual changes: the three lists. */
static void
text_changes(struct pia_buf *b, const struct pia_review *r,
    const char *lang, size_t made, size_t nm, size_t nt)
{
	const struct pia_change		*c;
	const struct pia_review_decl	*dc;
	size_t				 i;

	addm(b, lang, PIA_M_REVIEW_SEC_CHANGES);
	addf(b, "\n  ");
	addm(b, lang, PIA_M_REVIEW_DECLARED_H, r->ndecl, made);
	addf(b, "\n\n  ");
	addm(b, lang, PIA_M_REVIEW_UNDECLARED_H);
	addf(b, ":\n");
	for (i = 0; i < r->nundeclared; i++) {
		c = pia_changes_get(r->ch, r->undeclared[i]);
		addf(b, "  - %s [%s]\n      %s -> %s\n", EN(lang) ? c->item_en :
		    c->item, pia_chkind_name(c->kind), c->before, c->after);
	}
	if (r->nundeclared == 0)
		none(b, lang, "    ");
	addf(b, "\n  ");
	addm(b, lang, PIA_M_REVIEW_NOT_MADE_H);
	addf(b, ":\n");
	for (i = 0; i < r->ndecl; i++) {
		dc = &r->decl[i];
		if (dc->made == PIA_MADE_YES)
			continue;
		addf(b, "  - %s %s (%s %ld)\n      %s -> %s\n", dc->date,
		    dc->item, r->new_name, dc->line, dc->before, dc->after);
		if (dc->actual)
			addf(b, "      => %s\n", dc->actual);
	}
	if (nm == 0)
		none(b, lang, "    ");
	addf(b, "\n  ");
	addm(b, lang, PIA_M_REVIEW_TIMING_H);
	addf(b, ":\n");
	for (i = 0; i < r->ndecl; i++) {
		dc = &r->decl[i];
		if (!dc->timing_bad)
			continue;
		addf(b, "  - %s %s (%s %ld)\n      %s -> %s: %s\n", dc->date,
		    dc->item, r->new_name, dc->line, dc->timing, dc->proposed,
		    EN(lang) ? dc->why_en : dc->why_ja);
	}
	if (nt == 0)
		none(b, lang, "    ");
}

/* 2. The points of the 審査の観点, 適合性 then 妥当性. */
static void
text_points(struct pia_buf *b, const struct pia_review *r, const char *lang)
{
	const struct pia_review_point	*pt;
	const struct pia_diag		*g;
	size_t				 i, k;
	int				 grp;

	addf(b, "\n");
	addm(b, lang, PIA_M_REVIEW_SEC_POINTS);
	addf(b, "\n");
	for (grp = 0; grp < 2; grp++) {
		addf(b, "  ");
		addm(b, lang, grp ? PIA_M_REVIEW_VAL : PIA_M_REVIEW_FIT);
		addf(b, "\n");
		for (i = 0; i < r->npoints; i++) {
			pt = &r->points[i];
			if (strcmp(pt->group, grp ? "val" : "fit") != 0)
				continue;
			addf(b, "  [%s] %s\n", pt->nfinds ? "!" : " ",
			    EN(lang) ? pt->en : pt->ja);
			for (k = 0; k < pt->nfinds; k++) {
				g = pia_diags_get(r->findings, pt->finds[k]);
				addf(b, "      %s:%ld [%s] %s\n", g->file ?
				    g->file : "-", g->line, g->rule,
				    pia_diag_msg(g, lang));
			}
			if (pt->nfinds == 0) {
				addf(b, "      ");
				addm(b, lang, PIA_M_REVIEW_NO_FINDING);
				addf(b, "\n");
			}
			if (pt->question_ja) {
				addf(b, "      ");
				addm(b, lang, PIA_M_REVIEW_QUESTION);
				addf(b, ": %s", EN(lang) ? pt->question_en :
				    pt->question_ja);
				if (pt->question_line)
					addf(b, " (%s:%ld)", r->new_name,
					    pt->question_line);
				addf(b, "\n");
			}
		}
	}
}

/* 3. The timeline, and 4. the findings of NEW by section. */
static void
text_timeline(struct pia_buf *b, const struct pia_review *r,
    const char *lang)
{
	const struct pia_review_event	*ev;
	const struct pia_diag		*g;
	size_t				 i, k;
	char				*sec, *prev = NULL;

	addf(b, "\n");
	addm(b, lang, PIA_M_REVIEW_SEC_TIMELINE);
	addf(b, "\n");
	for (i = 0; i < r->nevents; i++) {
		ev = &r->events[i];
		addf(b, "  %-10s  %s", *ev->date ? ev->date : "----------",
		    EN(lang) ? ev->en : ev->ja);
		if (*ev->date == '\0') {
			addf(b, " ");
			addm(b, lang, PIA_M_REVIEW_BLANK);
		}
		addf(b, "\n");
		for (k = 0; k < ev->nfinds; k++) {
			g = pia_diags_get(r->findings, ev->finds[k]);
			addf(b, "              ! [%s] %s\n", g->rule,
			    pia_diag_msg(g, lang));
		}
	}
	addf(b, "\n");
	addm(b, lang, PIA_M_REVIEW_SEC_FINDINGS);
	addf(b, "\n");
	for (i = 0, k = 0; i < pia_diags_count(r->findings); i++) {
		g = pia_diags_get(r->findings, i);
		if (g->level == PIA_INFO || (g->rule &&
		    strncmp(g->rule, "review", 6) == 0))
			continue;
		if ((sec = pia_review_section(r, g, lang)) == NULL) {
			b->oom = 1;
			break;
		}
		if (prev == NULL || strcmp(prev, sec) != 0)
			addf(b, "  %s\n", *sec ? sec : "-");
		free(prev);
		prev = sec;
		addf(b, "    ");
		finding_line(b, g, lang);
		k++;
	}
	free(prev);
	if (k == 0)
		none(b, lang, "  ");
}

int
pia_review_print_text(const struct pia_review *r, const char *lang,
    char **buf, size_t *len)
{
	struct pia_buf	 b = { NULL, 0, 0, 0 };
	size_t		 i, made = 0, nm = 0, nt = 0;

	for (i = 0; i < r->ndecl; i++) {
		made += r->decl[i].made == PIA_MADE_YES;
		nm += r->decl[i].made != PIA_MADE_YES;
		nt += r->decl[i].timing_bad;
	}
	addm(&b, lang, PIA_M_REVIEW_TITLE);
	addf(&b, "\n");
	addm(&b, lang, PIA_M_REVIEW_OLD);
	addf(&b, ": %s\n", r->old_name);
	addm(&b, lang, PIA_M_REVIEW_NEW);
	addf(&b, ": %s\n", r->new_name);
	addm(&b, lang, PIA_M_REVIEW_SUMMARY, pia_review_count(r),
	    r->nundeclared, nm, nt,
	    pia_diags_count_level(r->findings, PIA_ERROR),
	    pia_diags_count_level(r->findings, PIA_WARNING));
	addf(&b, "\n\n");
	text_changes(&b, r, lang, made, nm, nt);
	text_points(&b, r, lang);
	text_timeline(&b, r, lang);
	return finish(&b, buf, len);
}

static void
jstr(struct pia_buf *b, const char *s)
{
	if (s == NULL) {
		pia_buf_add(b, "null");
		return;
	}
	pia_buf_add(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			addf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			addf(b, "\\u%04x", (unsigned char)*s);
		else
			pia_buf_addn(b, s, 1);
	}
	pia_buf_add(b, "\"");
}

static void
jfinds(struct pia_buf *b, const struct pia_review *r, const size_t *v,
    size_t n)
{
	size_t i;

	pia_buf_add(b, "[");
	for (i = 0; i < n; i++) {
		const struct pia_diag *g = pia_diags_get(r->findings, v[i]);

		addf(b, "%s{\"rule\":", i ? "," : "");
		jstr(b, g->rule);
		addf(b, ",\"line\":%ld}", g->line);
	}
	pia_buf_add(b, "]");
}

int
pia_review_print_json(const struct pia_review *r, const char *lang,
    char **buf, size_t *len)
{
	struct pia_buf			 b = { NULL, 0, 0, 0 };
	const struct pia_change		*c;
	const struct pia_review_decl	*dc;
	const struct pia_review_point	*pt;
	const struct pia_review_event	*ev;
	const struct pia_diag		*g;
	size_t				 i;
	char				*sec;
	static const char *const made[] = { "no", "yes", "differently" };

	pia_buf_add(&b, "{\"old\":");
	jstr(&b, r->old_name);
	pia_buf_add(&b, ",\"new\":");
	jstr(&b, r->new_name);
	pia_buf_add(&b, ",\"kind\":");
	jstr(&b, pia_kind_id(r->kind));
	addf(&b, ",\"count\":%zu,\"undeclared\":[", pia_review_count(r));
	for (i = 0; i < r->nundeclared; i++) {
		c = pia_changes_get(r->ch, r->undeclared[i]);
		pia_buf_add(&b, i ? ",{\"item\":" : "{\"item\":");
		jstr(&b, EN(lang) ? c->item_en : c->item);
		pia_buf_add(&b, ",\"kind\":");
		jstr(&b, pia_chkind_name(c->kind));
		pia_buf_add(&b, ",\"before\":");
		jstr(&b, c->before);
		pia_buf_add(&b, ",\"after\":");
		jstr(&b, c->after);
		addf(&b, ",\"proposed_timing\":\"%s\"}", c->timing ==
		    PIA_TIMING_PRE ? "pre" : "post");
	}
	pia_buf_add(&b, "],\"declared\":[");
	for (i = 0; i < r->ndecl; i++) {
		dc = &r->decl[i];
		pia_buf_add(&b, i ? ",{\"date\":" : "{\"date\":");
		jstr(&b, dc->date);
		pia_buf_add(&b, ",\"item\":");
		jstr(&b, dc->item);
		addf(&b, ",\"line\":%ld,\"made\":\"%s\",\"actual\":", dc->line,
		    made[dc->made]);
		jstr(&b, dc->actual);
		pia_buf_add(&b, ",\"timing\":");
		jstr(&b, dc->timing);
		pia_buf_add(&b, ",\"proposed\":");
		jstr(&b, dc->proposed);
		addf(&b, ",\"timing_disagrees\":%s,\"why\":",
		    dc->timing_bad ? "true" : "false");
		jstr(&b, dc->timing_bad ? (EN(lang) ? dc->why_en : dc->why_ja) :
		    NULL);
		pia_buf_add(&b, "}");
	}
	pia_buf_add(&b, "],\"points\":[");
	for (i = 0; i < r->npoints; i++) {
		pt = &r->points[i];
		pia_buf_add(&b, i ? ",{\"id\":" : "{\"id\":");
		jstr(&b, pt->id);
		pia_buf_add(&b, ",\"group\":");
		jstr(&b, pt->group);
		pia_buf_add(&b, ",\"text\":");
		jstr(&b, EN(lang) ? pt->en : pt->ja);
		pia_buf_add(&b, ",\"findings\":");
		jfinds(&b, r, pt->finds, pt->nfinds);
		pia_buf_add(&b, ",\"question\":");
		jstr(&b, EN(lang) ? pt->question_en : pt->question_ja);
		pia_buf_add(&b, ",\"question_xpath\":");
		jstr(&b, pt->question_xpath);
		addf(&b, ",\"question_line\":%ld}", pt->question_line);
	}
	pia_buf_add(&b, "],\"timeline\":[");
	for (i = 0; i < r->nevents; i++) {
		ev = &r->events[i];
		pia_buf_add(&b, i ? ",{\"event\":" : "{\"event\":");
		jstr(&b, ev->key);
		pia_buf_add(&b, ",\"text\":");
		jstr(&b, EN(lang) ? ev->en : ev->ja);
		pia_buf_add(&b, ",\"date\":");
		jstr(&b, *ev->date ? ev->date : NULL);
		addf(&b, ",\"line\":%ld,\"findings\":", ev->line);
		jfinds(&b, r, ev->finds, ev->nfinds);
		pia_buf_add(&b, "}");
	}
	pia_buf_add(&b, "],\"findings\":[");
	for (i = 0; i < pia_diags_count(r->findings); i++) {
		g = pia_diags_get(r->findings, i);
		if ((sec = pia_review_section(r, g, lang)) == NULL) {
			b.oom = 1;
			break;
		}
		pia_buf_add(&b, i ? ",{\"section\":" : "{\"section\":");
		jstr(&b, sec);
		free(sec);
		pia_buf_add(&b, ",\"level\":");
		jstr(&b, pia_level_name(g->level));
		pia_buf_add(&b, ",\"rule\":");
		jstr(&b, g->rule);
		addf(&b, ",\"line\":%ld,\"xpath\":", g->line);
		jstr(&b, g->xpath);
		pia_buf_add(&b, ",\"message\":");
		jstr(&b, pia_diag_msg(g, lang));
		pia_buf_add(&b, "}");
	}
	pia_buf_add(&b, "]}\n");
	return finish(&b, buf, len);
}
