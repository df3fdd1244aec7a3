/*
 * util.c: files (bounded reads, atomic writes), the data directory, the
 * names of the kinds of assessment, and growing arrays (pia_buf.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pia.h"
#include "pia_buf.h"

#ifndef PIA_DATADIR
#define PIA_DATADIR "/usr/local/share/pia"
#endif

/* Japanese for the errno values a user meets; strerror() for the rest. */
static const char *
errno_ja(int e)
{
	switch (e) {
	case ENOENT:
		return pia_msg_fmt(PIA_M_ERRNO_ENOENT, "ja");
	case EACCES:
	case EPERM:
		return pia_msg_fmt(PIA_M_ERRNO_EACCES, "ja");
	case EISDIR:
		return pia_msg_fmt(PIA_M_ERRNO_EISDIR, "ja");
	case ENOSPC:
		return pia_msg_fmt(PIA_M_ERRNO_ENOSPC, "ja");
	case EROFS:
		return pia_msg_fmt(PIA_M_ERRNO_EROFS, "ja");
	case ENOTDIR:
		return pia_msg_fmt(PIA_M_ERRNO_ENOTDIR, "ja");
	default:
		return strerror(e);
	}
}

static const char *const kind_ids[PIA_KIND__MAX] = {
	"full", "focused", "basic"
};

const char *
pia_kind_id(enum pia_kind k)
{
	return k >= 0 && k < PIA_KIND__MAX ? kind_ids[k] : NULL;
}

void
pia_today(char out[11])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		*out = '\0';
}

enum pia_kind
pia_kind_parse(const char *s)
{
	int	 k;

	for (k = 0; s != NULL && k < PIA_KIND__MAX; k++)
		if (strcmp(s, kind_ids[k]) == 0)
			return (enum pia_kind)k;
	return PIA_KIND_NONE;
}

char *
pia_file_read(const char *path, size_t max, size_t *lenp, struct pia_diags *d)
{
	FILE	*f;
	char	*buf = NULL, *nb;
	size_t	 len = 0, cap = 0, got;
	int	 std = strcmp(path, "-") == 0;
	const char *name = std ? "<stdin>" : path;

	if ((f = std ? stdin : fopen(path, "rb")) == NULL) {
		pia_diag(d, PIA_M_IO_OPEN, name, 0, NULL, errno_ja(errno),
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				pia_diag(d, PIA_M_OOM, name, 0, NULL);
				goto fail;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (len > max) {
			pia_diag(d, PIA_M_IO_TOO_LARGE, name, 0, NULL, max);
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		pia_diag(d, PIA_M_IO_READ, name, 0, NULL, errno_ja(errno),
		    strerror(errno));
		goto fail;
	}
	if (!std)
		fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
fail:
	if (!std)
		fclose(f);
	free(buf);
	return NULL;
}

static int
write_direct(const char *path, const void *buf, size_t len,
    struct pia_diags *d)
{
	const char	*p = buf;
	ssize_t		 w;
	int		 fd;

	if ((fd = open(path, O_WRONLY)) == -1)
		goto err;
	while (len > 0) {
		if ((w = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto err;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) == -1)
		goto err;
	return 0;
err:
	pia_diag(d, PIA_M_IO_WRITE, path, 0, NULL, errno_ja(errno),
	    strerror(errno));
	return -1;
}

/* Creates path.tmpXXXXXX with mode 0666 less the umask (mkstemp would
 * make it 0600); *tmp gets its malloc'd name.  Returns the descriptor or
 * -1. */
static int
tmp_create(const char *path, char **tmp)
{
	static const char	 az[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	struct timespec		 ts;
	unsigned long		 r;
	size_t			 n;
	int			 fd, i, j;

	if (asprintf(tmp, "%s.tmpXXXXXX", path) < 0) {
		*tmp = NULL;
		return -1;
	}
	n = strlen(*tmp);
	for (i = 0; i < 100; i++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		r = (unsigned long)ts.tv_nsec * 2654435761u ^
		    (unsigned long)getpid() ^ ((unsigned long)i << 20);
		for (j = 0; j < 6; j++, r /= 36)
			(*tmp)[n - 6 + j] = az[r % 36];
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd != -1 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int
pia_file_write_atomic(const char *path, const void *buf, size_t len,
    struct pia_diags *d)
{
	return pia_file_write_atomic_flags(path, buf, len, 0, d);
}

int
pia_file_write_atomic_flags(const char *path, const void *buf, size_t len,
    unsigned flags, struct pia_diags *d)
{
	char		*tmp = NULL, *dirc = NULL, *real = NULL;
	const char	*p = buf;
	size_t		 left = len;
	ssize_t		 w;
	int		 fd = -1, rc = -1, keep = 0, e;
	struct stat	 st;
	sigset_t	 block, old;

	if (strcmp(path, "-") == 0) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout)) {
			pia_diag(d, PIA_M_IO_WRITE, "<stdout>", 0, NULL,
			    errno_ja(errno), strerror(errno));
			return -1;
		}
		return 0;
	}
	/* A link planted at the output path (a shared directory) would
	 * have us replace the file it names: only when asked. */
	if (!(flags & PIA_WRITE_FOLLOW) && lstat(path, &st) == 0 &&
	    S_ISLNK(st.st_mode)) {
		pia_diag(d, PIA_M_IO_OUT_SYMLINK, path, 0, NULL);
		return -1;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		pia_diag(d, PIA_M_IO_OUT_DIR, path, 0, NULL);
		return -1;
	}
	/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written
	 * to as it is: renaming over it would replace the device. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_direct(path, buf, len, d);
	/* The mode of a file replaced is kept; a new one gets 0666 less
	 * the umask, as open(2) gives it. */
	keep = stat(path, &st) == 0;
	if ((flags & PIA_WRITE_FOLLOW) && (real = realpath(path, NULL)) != NULL)
		path = real;
	/* No catchable signal between creating the temporary and renaming
	 * or removing it: one that comes meanwhile is delivered after. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGPIPE);
	sigaddset(&block, SIGXFSZ);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	if ((fd = tmp_create(path, &tmp)) == -1) {
		e = errno;
		dirc = strdup(path);
		pia_diag(d, PIA_M_IO_CREATE, path, 0, NULL,
		    dirc ? dirname(dirc) : path, errno_ja(e), strerror(e));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	while (left > 0) {
		if ((w = write(fd, p, left)) < 0) {
			if (errno == EINTR)
				continue;
			goto werr;
		}
		p += w;
		left -= (size_t)w;
	}
	if ((keep && fchmod(fd, st.st_mode & 07777) == -1) || fsync(fd) == -1)
		goto werr;
	if (close(fd) == -1) {
		fd = -1;
		goto werr;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto werr;
	rc = 0;
	goto out;
werr:
	pia_diag(d, PIA_M_IO_WRITE_NONE, path, 0, NULL, errno_ja(errno),
	    strerror(errno));
out:
	if (fd != -1)
		close(fd);
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(tmp);
	free(dirc);
	free(real);
	return rc;
}

static char *
try_path(const char *dir, const char *rel)
{
	char	*p;

	if (dir == NULL || *dir == '\0' || asprintf(&p, "%s/%s", dir, rel) < 0)
		return NULL;
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *
pia_data_path(const char *rel)
{
	char	 exe[PATH_MAX];
	char	*p;
	ssize_t	 n;

	if ((p = try_path(getenv("PIA_DATADIR"), rel)) != NULL)
		return p;
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		char	*dir, share[PATH_MAX + 16];

		exe[n] = '\0';
		dir = dirname(exe);
		/* A build tree: the data sits beside the executable. */
		if ((p = try_path(dir, rel)) != NULL)
			return p;
		/* A relocated install: PREFIX/bin/pia, or
		 * PREFIX/libexec/pia/pia-render, and PREFIX/share/pia. */
		snprintf(share, sizeof(share), "%s/../share/pia", dir);
		if ((p = try_path(share, rel)) != NULL)
			return p;
		snprintf(share, sizeof(share), "%s/../../share/pia", dir);
		if ((p = try_path(share, rel)) != NULL)
			return p;
	}
	return try_path(PIA_DATADIR, rel);
}

void *
pia_grow(void *p, size_t *cap, size_t n, size_t sz)
{
	size_t	 nc;
	void	*np;

	if (n < *cap)
		return p;
	nc = *cap ? *cap * 2 : 16;
	if (nc <= n)
		nc = n + 1;
	if (sz == 0 || nc > SIZE_MAX / sz || (np = realloc(p, nc * sz)) == NULL)
		return NULL;
	*cap = nc;
	return np;
}

const char *
pia_attr(const xmlNode *e, const char *name)
{
	const xmlAttr	*a;

	for (a = e->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ?
			    (const char *)a->children->content : "";
	return NULL;
}

char *
pia_vstrf(const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*s;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}
