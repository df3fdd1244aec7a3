/*
 * pia_buf.h: a growable string buffer and growable arrays, internal to
 * model/ (value.c, diff.c, import/).  On allocation failure the buffer
 * remembers it (oom) and further appends do nothing, so callers check
 * once at the end.
 */
#ifndef PIA_BUF_H
#define PIA_BUF_H

#include <stddef.h>

struct pia_buf {
	char	*s;
	size_t	 n, cap;
	int	 oom;
};

void	 pia_buf_addn(struct pia_buf *, const char *, size_t);
void	 pia_buf_add(struct pia_buf *, const char *);
/** The string (never NULL unless oom); ownership passes to the caller. */
char	*pia_buf_take(struct pia_buf *);

/** Makes room for element n of the array p of *cap elements of sz bytes
 *  (the capacity doubles, 16 at first).  Returns the array, moved or not,
 *  with *cap updated; NULL when out of memory, p and *cap unchanged. */
void	*pia_grow(void *p, size_t *cap, size_t n, size_t sz);

#endif
