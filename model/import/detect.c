/*
 * detect.c: the form of the text: the title line ("…評価書(全項目評価
 * 書)") within the first lines, else the form whose numbered headings
 * appear most; the form stamp ("平成30年5月 様式4"); a cover that names
 * another form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Whether a node of kind k below n has this number and label key. */
static int
count_heading(const struct pia_vnode *n, enum pia_kind k, const char *num,
    const char *key)
{
	const struct pia_vnode	*c;
	int			 found = 0;

	for (c = pia_vnode_first(n, k); c != NULL && !found;
	    c = pia_vnode_next(c, k)) {
		char	*nk = imp_vnum_key(pia_vnode_num(c, k));
		char	*lk = nk && *nk ? imp_key(pia_vnode_label(c, k)) : NULL;

		found = lk != NULL && strcmp(nk, num) == 0 &&
		    strcmp(lk, key) == 0;
		free(lk);
		free(nk);
		if (!found)
			found = count_heading(c, k, num, key);
	}
	return found;
}

enum pia_kind
imp_detect_kind(const struct pia_vocab *vocab, char **lines, size_t n,
    long *at)
{
	size_t		 i;
	int		 k, score[PIA_KIND__MAX] = { 0 }, best = -1;

	*at = 0;
	for (i = 0; i < n && i < 60; i++) {
		char *key = imp_key(lines[i]);

		for (k = 0; key && k < PIA_KIND__MAX; k++) {
			const char	*nm = pia_vocab_kind_name(vocab, k);
			char		*pat;

			if (nm == NULL || asprintf(&pat, N_TITLE, nm) < 0)
				continue;
			if (strstr(key, pat) != NULL) {
				free(pat);
				free(key);
				*at = (long)i + 1;
				return k;
			}
			free(pat);
		}
		free(key);
	}
	/* No title: the form whose numbered headings (number and label)
	 * appear most. */
	for (i = 0; i < n; i++) {
		char		 num[32], *key, *cut, *line;
		const char	*r;

		if ((line = strdup(lines[i])) == NULL)
			break;
		line[strcspn(line, "\t")] = '\0';
		if ((cut = strstr(line, N_NOTE)) != NULL)
			*cut = '\0';
		r = imp_parse_num(line, num, sizeof(num));
		if (num[0] == '\0' || (key = imp_key(r)) == NULL || *key ==
		    '\0') {
			if (num[0] != '\0')
				free(key);
			free(line);
			continue;
		}
		for (k = 0; k < PIA_KIND__MAX; k++)
			score[k] += count_heading(pia_vocab_form(vocab), k,
			    num, key);
		free(key);
		free(line);
	}
	for (k = 0; k < PIA_KIND__MAX; k++)
		if (score[k] > 0 && (best < 0 || score[k] > score[best]))
			best = k;
	return best < 0 ? PIA_KIND_NONE : best;
}

/* A stamp line "平成30年5月 様式4": a 和暦 month and the 様式 of one of
 * the forms (model/vocab.xml); its plain text, or NULL. */
char *
imp_form_stamp(const struct pia_vocab *vocab, const char *line)
{
	char		*k, *r = NULL, iso[11];
	const char	*style;
	size_t		 n, sl;
	int		 kind;

	if (strlen(line) > 64 || (k = imp_key(line)) == NULL)
		return NULL;
	n = strlen(k);
	for (kind = 0; kind < PIA_KIND__MAX && r == NULL; kind++) {
		style = pia_vocab_kind_style(vocab, (enum pia_kind)kind);
		if ((sl = strlen(style)) == 0 || n <= sl ||
		    strcmp(k + n - sl, style) != 0)
			continue;
		k[n - sl] = '\0';
		if (pia_wareki_parse(k, iso) == PIA_DATE_OK)
			r = imp_plain(line);
		k[n - sl] = style[0];
	}
	free(k);
	return r;
}

/* A cover line that names another form ("…基礎項目評価書" in a 重点項目
 * 評価書) and not its own. */
void
imp_check_title(struct imp *I, const char *text, long line)
{
	const char	*own = pia_vocab_kind_name(I->vocab, I->kind);
	int		 k;

	if (own == NULL || strstr(text, own) != NULL)
		return;
	for (k = 0; k < PIA_KIND__MAX; k++) {
		const char *nm = pia_vocab_kind_name(I->vocab, k);

		if (k != (int)I->kind && nm != NULL && strstr(text, nm)) {
			imp_find(I, line, PIA_M_IMPORT_TITLE, text, nm, own);
			break;
		}
	}
}
