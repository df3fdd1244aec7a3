/*
 * extern.h: what the printers of templates/diff/ share (stream.c); not
 * part of the API (pia_diff_print.h is).
 */
#ifndef PIA_DIFF_PRINT_EXTERN_H
#define PIA_DIFF_PRINT_EXTERN_H

#include <stdio.h>

#include "pia.h"

/** A stream that writes into *out (malloc'd) and *len, both reset;
 *  NULL with an error finding when out of memory. */
FILE	*diff_stream_open(char **out, size_t *len, struct pia_diags *);
/** Closes f; when it failed (or failed is set), frees *out, sets it NULL
 *  and adds the out-of-memory finding.  Returns 0 or -1. */
int	 diff_stream_close(FILE *f, int failed, char **out, size_t *len,
	    struct pia_diags *);

#endif
