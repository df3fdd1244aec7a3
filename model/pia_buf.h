/*
 * pia_buf.h: a growable string buffer, internal to model/ (value.c,
 * diff.c).  On allocation failure the buffer remembers it (oom) and
 * further appends do nothing, so callers check once at the end.
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

#endif
