/* fuzz_diff.c: libFuzzer harness of the diff (pia_diff): the input is
 * two documents separated by the line "--8<--" (a seed is OLD, the line,
 * NEW).  Promises: two documents of the same kind give rows or an error
 * finding; a document compared with itself has no row. */
#include <string.h>

#include "fuzz.h"
#include "pia_diff.h"

#define SEP	"\n--8<--\n"

static size_t
rows(const struct pia_doc *a, const struct pia_doc *b, int *ok)
{
	struct pia_diags	*d;
	struct pia_changes	*c;
	size_t			 n = 0;

	*ok = 0;
	if ((d = pia_diags_new()) == NULL)
		return 0;
	if ((c = pia_diff(fuzz_vocab(), a, b, 0, d)) == NULL)
		FUZZ_PROMISE(fuzz_has(d, PIA_ERROR), "NULL without finding");
	else {
		n = pia_changes_count(c);
		*ok = 1;
	}
	pia_changes_free(c);
	pia_diags_free(d);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pia_diags	*d;
	struct pia_doc		*a = NULL, *b = NULL;
	const char		*s = (const char *)data, *sep;
	size_t			 alen;
	int			 ok;

	if ((sep = memmem(s, size, SEP, strlen(SEP))) == NULL)
		return 0;
	alen = (size_t)(sep - s);
	if ((d = pia_diags_new()) == NULL)
		return 0;
	a = pia_doc_load_memory(s, alen, "old", d);
	b = pia_doc_load_memory(sep + strlen(SEP), size - alen - strlen(SEP),
	    "new", d);
	if (a != NULL) {
		FUZZ_PROMISE(rows(a, a, &ok) == 0, "rows between a document "
		    "and itself");
	}
	if (a != NULL && b != NULL)
		(void)rows(a, b, &ok);
	pia_doc_free(a);
	pia_doc_free(b);
	pia_diags_free(d);
	return 0;
}
