/*
 * text.c: the importer's text helpers: blanks, decimal numbers, label keys
 * (NFKC, blanks and ※ removed) and the edit distance of close labels.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pia_hygiene.h"
#include "extern.h"

char *
imp_trim(char *s)
{
	char	*e;

	s = (char *)skip_blank(s);
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		else if (e - s >= 3 && memcmp(e - 3, N_IDEO_SPACE, 3) == 0)
			e -= 3;
		else if (e - s >= 2 && memcmp(e - 2, N_NBSP, 2) == 0)
			e -= 2;
		else
			break;
	}
	*e = '\0';
	return s;
}

long
imp_num_at(const char *s, const char **end)
{
	long	 n = 0;
	int	 any = 0;

	while (isdigit((unsigned char)*s) && n < 100000) {
		n = n * 10 + (*s++ - '0');
		any = 1;
	}
	if (end)
		*end = s;
	return any ? n : -1;
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
		i += pia_utf8_next(s + i, SIZE_MAX, &v[(*n)++]);
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
		else if (starts(r, N_NOTE))
			r += strlen(N_NOTE);
		else
			*w++ = *r++;
	}
	*w = '\0';
	return n;
}
