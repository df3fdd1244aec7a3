/*
 * pia_buf.h: helpers internal to libpia's model/: a growable string
 * buffer, growable arrays, attributes, formatted strings.  On allocation failure the buffer
 * remembers it (oom) and further appends do nothing, so callers check
 * once at the end.
 */
#ifndef PIA_BUF_H
#define PIA_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include <libxml/tree.h>

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

/** The value of the attribute name (no namespace) of e: "" when it is
 *  empty, NULL when it is absent.  Borrowed from the tree. */
const char *pia_attr(const xmlNode *e, const char *name);

/** fmt formatted into a new string; NULL when out of memory. */
char	*pia_vstrf(const char *fmt, va_list);

#endif
