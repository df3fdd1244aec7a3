/*
 * stream.c: the memory stream every printer of a diff writes to.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pia.h"
#include "extern.h"

FILE *
diff_stream_open(char **out, size_t *len, struct pia_diags *d)
{
	FILE	*f;

	*out = NULL;
	*len = 0;
	if ((f = open_memstream(out, len)) == NULL)
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	return f;
}

int
diff_stream_close(FILE *f, int failed, char **out, size_t *len,
    struct pia_diags *d)
{
	failed |= ferror(f) != 0;
	failed |= fclose(f) != 0;
	if (!failed)
		return 0;
	free(*out);
	*out = NULL;
	*len = 0;
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	return -1;
}
