/*
 * choice.c: value readers for the fields that choose: a choice ("[value]
 * <選択肢> 1) … 2) …", a ticked box among boxes, a glyph then the value),
 * a checkbox list (every tick notation seen, with a per-document rule
 * for bare inputs), the flags of a heading ("[] 委託しない"); options
 * are matched by key (NFKC, blanks ignored), else the nearest is named.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pia_buf.h"
#include "extern.h"

/* The key of option i of ol, computed once per import. */
static const char *
okey(struct imp *I, const struct pia_optlist *ol, size_t i)
{
	struct imp_cache	*c = &I->cache;
	struct okeys		*ok;
	size_t			 j, k;

	for (j = 0; j < c->nokeys; j++)
		if (c->okeys[j].ol == ol)
			return i < c->okeys[j].n && c->okeys[j].key[i] != NULL ?
			    c->okeys[j].key[i] : "";
	if ((ok = pia_grow(c->okeys, &c->cokeys, c->nokeys,
	    sizeof(*c->okeys))) == NULL) {
		I->oom = 1;
		return "";
	}
	c->okeys = ok;
	ok = &c->okeys[c->nokeys];
	ok->ol = ol;
	ok->n = pia_optlist_count(ol);
	if ((ok->key = calloc(ok->n + 1, sizeof(char *))) == NULL) {
		I->oom = 1;
		return "";
	}
	c->nokeys++;
	for (k = 0; k < ok->n; k++)
		if ((ok->key[k] = imp_key(pia_optlist_text(ol, k))) == NULL)
			I->oom = 1;
	return i < ok->n && ok->key[i] != NULL ? ok->key[i] : "";
}

/* Index of the option whose text the plain text s is (NFKC, blanks
 * ignored; a leading "N) " is dropped), or -1. */
int
imp_option_index(const struct pia_optlist *ol, const char *s)
{
	const char	*p = skip_blank(s), *q;
	size_t		 i;

	if (isdigit((unsigned char)*p) && imp_num_at(p, &q) >= 0 && *q == ')')
		p = skip_blank(q + 1);
	for (i = 0; i < pia_optlist_count(ol); i++)
		if (pia_text_equiv(p, pia_optlist_text(ol, i)))
			return (int)i;
	return -1;
}

/* The nearest option by edit distance on keys. */
int
imp_option_nearest(struct imp *I, const struct pia_optlist *ol, const char *s,
    size_t *dist)
{
	char		*k = imp_key(s);
	unsigned int	*a = NULL;
	size_t		 na, i, best = (size_t)-1;
	int		 bi = -1;

	if (k == NULL || (a = imp_ucs(k, &na)) == NULL)
		goto out;
	for (i = 0; i < pia_optlist_count(ol); i++) {
		unsigned int	*b;
		size_t		 nb, d;

		if ((b = imp_ucs(okey(I, ol, i), &nb)) == NULL)
			continue;
		d = imp_distance(a, na, b, nb, 1000);
		if (d < best) {
			best = d;
			bi = (int)i;
		}
		free(b);
	}
out:
	*dist = best;
	free(a);
	free(k);
	return bi;
}

/* One tick mark and the text after it. */
struct tok {
	enum imp_mark	 mark;
	char		*text;		/* plain text up to the next mark */
};

/* Splits s at its tick marks: the text before the first (*prefix, plain,
 * malloc'd) and up to max marks with the text after each. */
static size_t
tokenize(const char *s, struct tok *t, size_t max, char **prefix)
{
	const char	*p = s, *start = s;
	size_t		 n = 0, len;
	enum imp_mark	 m, cur = MARK_NONE;

	*prefix = NULL;
	for (;;) {
		m = MARK_NONE;
		if (*p == '\0' || ((*p == '[' || *p == '<' ||
		    starts(p, N_TORT_OPEN) || starts(p, N_FW_LBRACKET)) &&
		    (m = imp_mark_at(p, &len)) !=
		    MARK_NONE)) {
			char *seg = strndup(start, (size_t)(p - start));
			char *pl = seg ? imp_plain(seg) : NULL;

			free(seg);
			if (cur == MARK_NONE && n == 0)
				*prefix = pl;
			else if (n < max) {
				t[n].mark = cur;
				t[n].text = pl;
				n++;
			} else
				free(pl);
			if (*p == '\0')
				break;
			cur = m;
			p += len;
			start = p;
		} else
			p++;
	}
	return n;
}

static void
toks_free(struct tok *t, size_t n)
{
	while (n-- > 0)
		free(t[n].text);
}

/* Cuts s at "<選択肢>" (or "＜選択肢＞"); returns the part after it. */
static char *
cut_options(char *s)
{
	char	*a = strstr(s, N_OPTIONS), *b = strstr(s, N_OPTIONS_FW);
	char	*c = a && (!b || a < b) ? a : b;

	if (c == NULL) {
		if ((c = strstr(s, N_OPTIONS_ESC)) == NULL)
			return NULL;
		*c = '\0';
		return c + strlen(N_OPTIONS_ESC);
	}
	*c = '\0';
	return c + (c == a ? strlen(N_OPTIONS) : strlen(N_OPTIONS_FW));
}

/* Stores a choice: the option text, or nothing with a finding. */
void
imp_set_choice(struct imp *I, int v, const char *val, long line,
    const char *raw)
{
	const struct pia_optlist *ol = I->v[v].opts;
	xmlNode		*el;
	int		 oi;
	size_t		 dist;
	char		*t, *pv;

	if ((el = imp_el_for(I, v, 1)) == NULL)
		return;
	if (val == NULL || *skip_blank(val) == '\0') {
		imp_note_blank(I, el, v, line);
		return;
	}
	if (ol == NULL) {
		xmlNodeAddContent(el, (const xmlChar *)val);
		return;
	}
	if ((oi = imp_option_index(ol, val)) >= 0) {
		xmlChar *old = xmlNodeGetContent(el);

		if (old != NULL && *old != '\0' && strcmp((char *)old,
		    pia_optlist_text(ol, (size_t)oi)) != 0) {
			/* Two different answers: keep the first. */
			t = imp_field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_CONFLICT_CHOICE, t,
			    (char *)old, pia_optlist_text(ol, (size_t)oi));
			free(t);
			imp_unplace(I, line, raw, 0);
		} else
			xmlNodeSetContent(el, (const xmlChar *)
			    pia_optlist_text(ol, (size_t)oi));
		xmlFree(old);
		return;
	}
	oi = imp_option_nearest(I, ol, val, &dist);
	t = imp_field_title(I, v);
	pv = imp_plain(val);
	imp_find(I, line, PIA_M_IMPORT_OPTION, t, pv ? pv : val,
	    oi >= 0 ? pia_optlist_text(ol, (size_t)oi) : "");
	free(pv);
	free(t);
	imp_unplace(I, line, raw, 0);
}

/* Is the line another rendering of the last choice or checkbox list
 * (the option table printed again as loose cells)? */
static int
only_options(struct imp *I, const struct pia_optlist *ol, const char *text)
{
	char		*k, *p;
	size_t		 i;
	static const char *const noise[] = N_OPTION_NOISE;

	if ((p = imp_plain(text)) == NULL)
		return 0;
	k = imp_key(p);
	free(p);
	if (k == NULL)
		return 0;
	for (i = 0; i < pia_optlist_count(ol); i++) {
		const char *o = okey(I, ol, i);

		while (*o && (p = strstr(k, o)) != NULL)
			memmove(p, p + strlen(o), strlen(p + strlen(o)) + 1);
	}
	for (i = 0; noise[i] != NULL; i++)
		while ((p = strstr(k, noise[i])) != NULL)
			memmove(p, p + strlen(noise[i]),
			    strlen(p + strlen(noise[i])) + 1);
	/* "1)" numbering left. */
	for (p = k; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			break;
	i = *p == '\0';
	free(k);
	return (int)i;
}

/* The option list printed after <選択肢>: "1) A 2) B 3) C".  Options
 * that are not the form's are reported with the nearest one; text after
 * the last option (another cell run into this one) is kept. */
static void
check_printed(struct imp *I, int v, const char *after, long line)
{
	const struct pia_optlist *ol = I->v[v].opts;
	char		*s, *p, *items[40];
	size_t		 n = 0, i, j, seen[64] = { 0 };
	int		 dup = 0;

	if (ol == NULL || (s = imp_plain(after)) == NULL)
		return;
	/* Split at "N)" preceded by the start or a blank. */
	for (p = s; *p != '\0'; p++) {
		const char *q;

		if ((p == s || p[-1] == ' ') && isdigit((unsigned char)*p) &&
		    imp_num_at(p, &q) >= 0 && q - p <= 2 && *q == ')') {
			if (p > s)
				p[-1] = '\0';
			if (n < 40)
				items[n++] = (char *)skip_blank(q + 1);
			p = (char *)q;
		}
	}
	if (n == 0 && *skip_blank(s) != '\0' && imp_declared_count(s) < 0 &&
	    strspn(skip_blank(s), N_COUNT_CHARS) != strlen(skip_blank(s)))
		imp_unplace(I, line, s, 1);
	for (i = 0; i < n; i++) {
		const char	*rest;
		char		*r, *ti;
		int		 oi = imp_option_prefix(I, ol, items[i], &rest);
		size_t		 dist;

		if (oi < 0) {
			int near = imp_option_nearest(I, ol, items[i], &dist);

			ti = imp_field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_OPTLIST, ti, items[i],
			    near >= 0 ? pia_optlist_text(ol, (size_t)near) :
			    "");
			free(ti);
			continue;
		}
		if ((size_t)oi < 64 && seen[oi]++)
			dup = 1;
		if ((r = strdup(rest)) == NULL)
			break;
		/* "(1) 件" after the last option is the count. */
		if (imp_declared_count(r) >= 0 &&
		    (p = strstr(r, N_COUNT)) != NULL) {
			char *a = strrchr(r, '(');

			if (a == NULL)
				a = strstr(r, N_FW_LPAREN);
			if (a != NULL && a < p)
				memmove(a, p + strlen(N_COUNT),
				    strlen(p + strlen(N_COUNT)) + 1);
		}
		imp_trim(r);
		memmove(r, imp_trim(r), strlen(imp_trim(r)) + 1);
		if (*r != '\0' && !only_options(I, ol, r)) {
			ti = imp_field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_UNPLACED_AFTER_OPTIONS,
			    ti, r);
			free(ti);
			imp_unplace(I, line, r, 0);
		}
		free(r);
	}
	for (j = 0; dup && j < pia_optlist_count(ol) && j < 64; j++)
		if (seen[j] == 0)
			break;
	/* A list printed twice repeats every option: only a repeat that
	 * stands in for a missing option is a defect. */
	if (dup && j < pia_optlist_count(ol)) {
		char *ti = imp_field_title(I, v);

		imp_find(I, line, PIA_M_IMPORT_OPTLIST_REPEAT, ti,
		    pia_optlist_text(ol, j));
		free(ti);
	}
	free(s);
}

/* Reads a choice cell: "[value] <選択肢> 1) …", "<input/> value <small>
 * <選択肢>…", checkbox renderings, bare text. */
void
imp_read_choice(struct imp *I, int v, const char *val, long line)
{
	char		*s, *after, *prefix = NULL, *plain = NULL, *sel = NULL;
	struct tok	 t[32];
	size_t		 n, i;
	int		 ticked = 0, unknown = 0;
	long		 cnt;

	if ((s = strdup(val)) == NULL) {
		I->oom = 1;
		return;
	}
	after = cut_options(s);
	/* A count after the options belongs to the group's first list. */
	if (after != NULL && (cnt = imp_declared_count(after)) >= 0)
		imp_note_count(I, imp_nth_list(I, I->v[v].parent, 0), cnt,
		    line);
	else if (after == NULL && (cnt = imp_declared_count(s)) >= 0 &&
	    strstr(s, ")") != NULL)
		imp_note_count(I, imp_nth_list(I, I->v[v].parent, 0), cnt,
		    line);
	if (after != NULL)
		check_printed(I, v, after, line);
	n = tokenize(s, t, 32, &prefix);
	if (n >= 2) {
		/* The choice printed as boxes: the ticked one. */
		for (i = 0; i < n; i++) {
			if (t[i].mark == MARK_TICK) {
				ticked++;
				sel = t[i].text;
			} else if (t[i].mark == MARK_BOX_INPUT)
				unknown++;
		}
		if (ticked > 1) {
			char *ti = imp_field_title(I, v);

			imp_find(I, line, PIA_M_IMPORT_CHOICE, ti);
			free(ti);
			imp_unplace(I, line, val, 0);
			sel = NULL;
		}
		imp_set_choice(I, v, ticked == 1 ? sel : NULL, line, val);
		goto out;
	}
	if (n == 1 && t[0].mark != MARK_EMPTY && t[0].text && *t[0].text) {
		/* "<input type="checkbox"/> 10人未満": the glyph is noise,
		 * the text the selection (the notation of 委託事項4, 5, 7). */
		imp_set_choice(I, v, t[0].text, line, val);
		goto out;
	}
	if ((plain = imp_plain(s)) == NULL)
		goto out;
	{
		char *a = strchr(plain, '['), *b;

		if (a == NULL && (a = strstr(plain, N_FW_LBRACKET)) != NULL)
			a += strlen(N_FW_LBRACKET) - 1;
		if (a != NULL && (b = strchr(a, ']')) == NULL)
			b = strstr(a, N_FW_RBRACKET);
		if (a != NULL && b != NULL) {
			*b = '\0';
			imp_set_choice(I, v, a + 1, line, val);
		} else
			imp_set_choice(I, v, plain, line, val);
	}
out:
	toks_free(t, n);
	free(prefix);
	free(plain);
	free(s);
}

/* Applies the per-document rule to a box's mark.  Bare inputs without
 * checked="" are unticked when the document marks ticks with checked="";
 * "[<input/>]" is ticked when its list also prints "[]" for unticked
 * boxes and uses no checked=""; otherwise the state is unknown. */
static const char *
tick_state(struct imp *I, enum imp_mark m, int list_checked, int list_empty)
{
	switch (m) {
	case MARK_TICK:
		return "true";
	case MARK_EMPTY:
		return "false";
	case MARK_BARE_INPUT:
		if (list_checked || I->uses_checked)
			return "false";
		return "unknown";
	case MARK_BOX_INPUT:
		if (list_checked)
			return "false";
		if (list_empty)
			return "true";
		return "unknown";
	default:
		return "unknown";
	}
}

/* Strips the parentheses of a slot text: "( 区政推進部 )" -> "区政推進部". */
static char *
slot_text(const char *s)
{
	const char	*a = skip_blank(s), *b;
	char		*r;

	if (*a == '(')
		a++;
	else if (starts(a, N_FW_LPAREN))
		a += strlen(N_FW_LPAREN);
	a = skip_blank(a);
	b = a + strlen(a);
	while (b > a && (b[-1] == ' '))
		b--;
	if (b > a && b[-1] == ')')
		b--;
	else if (b - a >= 3 && memcmp(b - 3, N_FW_RPAREN, 3) == 0)
		b -= 3;
	if ((r = strndup(a, (size_t)(b - a))) != NULL)
		imp_trim(r);
	return r;
}

/* Longest option whose key starts the key of text; sets *rest to the
 * plain text after it.  The cut in the plain text is searched near the
 * option's length in code points (NFKC rarely changes it). */
int
imp_option_prefix(struct imp *I, const struct pia_optlist *ol, const char *text,
    const char **rest)
{
	char		*k = imp_key(text);
	const char	*opt, *p;
	size_t		 i, bl = 0, want, cps, tries;
	int		 bi = -1;

	*rest = text + strlen(text);
	if (k == NULL)
		return -1;
	for (i = 0; i < pia_optlist_count(ol); i++) {
		const char *ok = okey(I, ol, i);
		size_t	    l = strlen(ok);

		if (l > bl && strncmp(k, ok, l) == 0) {
			bl = l;
			bi = (int)i;
		}
	}
	if (bi < 0 || strcmp(k, okey(I, ol, (size_t)bi)) == 0) {
		free(k);
		return bi;
	}
	free(k);
	opt = okey(I, ol, (size_t)bi);
	/* Code points of the option key. */
	for (want = 0, p = opt; *p != '\0'; p++)
		want += ((unsigned char)*p & 0xc0) != 0x80;
	/* Walk to that many non-blank code points, then try a few cuts. */
	for (cps = 0, p = text; *p != '\0' && cps < want; ) {
		if (*p != ' ')
			cps++;
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
	}
	for (tries = 0; tries < 8; tries++) {
		char	*head = strndup(text, (size_t)(p - text));
		char	*hk = head ? imp_key(head) : NULL;
		int	 eq = hk && strcmp(hk, opt) == 0;

		free(hk);
		free(head);
		if (eq) {
			*rest = p;
			return bi;
		}
		if (*p == '\0')
			break;
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
	}
	*rest = text + strlen(text);
	return bi;
}

/* Drops group headings of the list ("・連絡先等情報") from s, in place. */
static void
drop_groups(const struct pia_optlist *ol, char *s)
{
	size_t	 i;
	char	*p;

	for (i = 0; i < pia_optlist_count(ol); i++) {
		const char *g = pia_optlist_group(ol, i);

		if (g == NULL)
			continue;
		while ((p = strstr(s, g)) != NULL) {
			char *a = p, *b = p + strlen(g);

			if (a - s >= 3 && memcmp(a - 3, N_BULLET, 3) == 0)
				a -= 3;
			memmove(a, b, strlen(b) + 1);
		}
	}
	imp_trim(s);
	memmove(s, imp_trim(s), strlen(imp_trim(s)) + 1);
}

/* A count "(2) 件" after an option of group g's list: noted for the
 * counted-th list of the group, and cut off the text r. */
static void
take_count(struct imp *I, int v, int *counted, char *r, long line)
{
	char	*p;
	long	 cnt;

	if ((cnt = imp_declared_count(r)) < 0 || strstr(r, N_COUNT) == NULL)
		return;
	imp_note_count(I, imp_nth_list(I, I->v[v].parent, *counted), cnt,
	    line);
	(*counted)++;
	*strstr(r, N_COUNT) = '\0';
	if ((p = strrchr(r, '(')) == NULL)
		p = strstr(r, N_FW_LPAREN);
	if (p != NULL)
		*p = '\0';
	else
		r[0] = '\0';
	imp_trim(r);
}

/* Sets the check of option opt in field element el to state, with its
 * ( ) text; a check already there (a list printed twice) is merged with;
 * an unticked box without text is left out. */
static void
put_check(struct imp *I, xmlNode *el, const char *opt, const char *state,
    const char *slot)
{
	xmlNode	*c;
	xmlChar	*o;
	int	 same = 0;

	for (c = el->children; c != NULL; c = c->next) {
		o = xmlGetProp(c, (const xmlChar *)"option");
		same = o != NULL && strcmp((char *)o, opt) == 0;
		xmlFree(o);
		if (same)
			break;
	}
	if (c == NULL && (strcmp(state, "false") != 0 || (slot && *slot))) {
		c = xmlNewChild(el, I->tree.ns, (const xmlChar *)"check", NULL);
		if (c == NULL || xmlNewProp(c, (const xmlChar *)"option",
		    (const xmlChar *)opt) == NULL || xmlNewProp(c,
		    (const xmlChar *)"ticked", (const xmlChar *)state) == NULL)
			I->oom = 1;
		else if (slot && *slot)
			xmlNodeAddContent(c, (const xmlChar *)slot);
	} else if (c != NULL) {
		if (strcmp(state, "true") == 0)
			xmlSetProp(c, (const xmlChar *)"ticked",
			    (const xmlChar *)"true");
		if (slot && *slot && c->children == NULL)
			xmlNodeAddContent(c, (const xmlChar *)slot);
	}
}

/* One box of a checkbox list of field v: its option, the text after it
 * (a count, the ( ) text, or text with no place), its state.  Returns 1
 * when the state is unknown. */
static int
read_box(struct imp *I, int v, xmlNode *el, const struct tok *t,
    int list_checked, int list_empty, int *counted, long line)
{
	const struct pia_optlist *ol = I->v[v].opts;
	const char	*rest, *state, *opt;
	char		*slot = NULL, *r, *ti;
	int		 oi;

	if ((oi = imp_option_prefix(I, ol, t->text, &rest)) < 0) {
		if (*t->text != '\0') {
			ti = imp_field_title(I, v);
			imp_find(I, line, PIA_M_IMPORT_CHECK_OPTION, ti,
			    t->text);
			free(ti);
			imp_unplace(I, line, t->text, 0);
		}
		return 0;
	}
	if ((r = strdup(rest)) == NULL) {
		I->oom = 1;
		return 0;
	}
	opt = pia_optlist_text(ol, (size_t)oi);
	drop_groups(ol, r);
	take_count(I, v, counted, r, line);
	if (pia_optlist_slot(ol, (size_t)oi))
		slot = slot_text(r);
	else if (*skip_blank(r) != '\0') {
		/* Text after an option without slot. */
		ti = imp_field_title(I, v);
		imp_find(I, line, PIA_M_IMPORT_UNPLACED_AFTER_OPTION, ti, opt,
		    r);
		free(ti);
		imp_unplace(I, line, r, 0);
	}
	state = tick_state(I, t->mark, list_checked, list_empty);
	if (strcmp(state, "false") == 0 && slot && *slot) {
		ti = imp_field_title(I, v);
		imp_find(I, line, PIA_M_IMPORT_SLOT, ti, opt, slot);
		free(ti);
	}
	put_check(I, el, opt, state, slot);
	free(slot);
	free(r);
	return strcmp(state, "unknown") == 0;
}

/* Reads a checkbox list into <check> elements; merges with checks read
 * before for the same field (a list printed twice).  How ticks are
 * marked is decided per list (tick_state()); when that cannot tell, the
 * boxes are ticked="unknown" and it is said. */
void
imp_read_checks(struct imp *I, int v, const char *val, long line)
{
	const struct pia_optlist *ol = I->v[v].opts;
	struct tok	 t[64];
	char		*prefix = NULL, *junk = NULL, *ti;
	size_t		 n, i;
	int		 list_checked = 0, list_empty = 0, unknown = 0;
	int		 counted = 0, boxed = 0;
	xmlNode		*el;

	if (ol == NULL || (el = imp_el_for(I, v, 1)) == NULL)
		return;
	n = tokenize(val, t, 64, &prefix);
	for (i = 0; i < n; i++) {
		if (t[i].mark == MARK_TICK)
			list_checked |= strstr(val, "checked") != NULL;
		if (t[i].mark == MARK_EMPTY)
			list_empty = 1;
		if (t[i].mark == MARK_BOX_INPUT)
			boxed = 1;
	}
	if (prefix != NULL) {
		drop_groups(ol, prefix);
		if (*prefix != '\0' && strspn(prefix, N_BULLET "-") !=
		    strlen(prefix))
			junk = strdup(prefix);
	}
	for (i = 0; i < n && !I->oom; i++)
		if (t[i].text != NULL)
			unknown += read_box(I, v, el, &t[i], list_checked,
			    list_empty, &counted, line);
	if (unknown || (!list_checked && list_empty && boxed)) {
		ti = imp_field_title(I, v);
		imp_find(I, line, unknown ? PIA_M_IMPORT_TICK_UNKNOWN :
		    PIA_M_IMPORT_TICK_RULE, ti);
		free(ti);
	}
	if (junk != NULL) {
		imp_unplace(I, line, junk, 1);
		free(junk);
	}
	toks_free(t, n);
	free(prefix);
}

/* A flag heading cell: "[] 委託しない", "[O] 接続しない(提供)". */
int
imp_read_flags(struct imp *I, int g, const char *val, long line)
{
	struct tok	 t[16];
	char		*prefix = NULL;
	size_t		 n, i;
	int		 j, done = 0;

	n = tokenize(val, t, 16, &prefix);
	for (i = 0; i < n; i++) {
		char	*k = t[i].text ? imp_key(t[i].text) : NULL;
		int	 found = 0;

		for (j = g + 1; k && j <= I->v[g].end; j++) {
			const char *st;
			xmlNode	   *el;

			if (I->v[j].parent != g ||
			    I->v[j].ftype != PIA_F_FLAG ||
			    strcmp(I->v[j].key, k) != 0)
				continue;
			st = tick_state(I, t[i].mark, 0, 1);
			found = 1;
			if (strcmp(st, "unknown") == 0) {
				imp_find(I, line, PIA_M_IMPORT_TICK_FLAG,
				    t[i].text);
				break;
			}
			if ((el = imp_el_for(I, j, 1)) != NULL) {
				xmlChar *o = xmlNodeGetContent(el);

				if (o != NULL && *o != '\0' &&
				    strcmp((char *)o, st) != 0)
					imp_find(I, line,
					    PIA_M_IMPORT_CONFLICT_FLAG,
					    t[i].text);
				else
					xmlNodeSetContent(el,
					    (const xmlChar *)st);
				xmlFree(o);
			}
			done++;
		}
		if (!found && t[i].text && *t[i].text)
			imp_unplace(I, line, t[i].text, 1);
		free(k);
	}
	if (prefix && *prefix)
		imp_unplace(I, line, prefix, 1);
	toks_free(t, n);
	free(prefix);
	return done;
}

int
imp_is_duplicate(struct imp *I, const char *text)
{
	if (I->at.last_v < 0 || I->v[I->at.last_v].opts == NULL)
		return 0;
	return only_options(I, I->v[I->at.last_v].opts, text);
}

