/*
 * server.c: the HTTP side of `pia edit`, on libmicrohttpd.
 *
 * Bound to 127.0.0.1 only.  Every request must carry the session's token
 * (16 random bytes from getrandom(2), in the URL as ?t= or in the header
 * X-Pia-Token), name this server in Host (127.0.0.1:PORT or
 * localhost:PORT, so that a DNS-rebinding name is refused) and, when the
 * browser says where it comes from (Origin, Sec-Fetch-Site), come from
 * this page; bodies are limited to EDIT_MAX_BODY.  No URL names a file:
 * the page, its script and its style sheet are read into memory at
 * start, and FILE is the only file written.
 *
 * All requests run on the daemon's one thread, so the document needs no
 * lock.  The main thread waits for SIGINT, SIGTERM or SIGHUP, and stops
 * too when no request came for --idle seconds (the page pings every 15
 * seconds; a closed page says goodbye and is given a few seconds in case
 * it was a reload).  Edits reach the server as they are typed; whatever
 * was not saved when it stops is saved then (edit_save_on_exit).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../extern.h"
#include "pia_templates.h"
#include "edit.h"

#define EDIT_MAX_BODY	(1024 * 1024)
#define EDIT_BYE_GRACE	10

extern char **environ;

struct server {
	struct edit_session	*s;
	char			 token[33];
	unsigned		 port;
	char			 host[2][32], origin[2][48];
	char			*page, *js, *css;
	size_t			 page_len, js_len, css_len;
	atomic_long		 last;		/* time of the last request */
	atomic_int		 bye;		/* the page said goodbye */
};

struct req {
	char	*body;
	size_t	 len;
	int	 refused;
};

static long
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type,
    void *buf, size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response	*r;
	enum MHD_Result		 rc;

	if ((r = MHD_create_response_from_buffer(len, buf, mode)) == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'none'; script-src 'self'; style-src 'self'; "
	    "connect-src 'self'; img-src 'self' data:; frame-src 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* A short text answer from the catalogue. */
static enum MHD_Result
reply_msg(struct MHD_Connection *c, unsigned status, const char *lang,
    enum pia_msg m)
{
	char	*s = pia_msg_str(lang, m);

	if (s == NULL)
		return MHD_NO;
	return reply(c, status, "text/plain; charset=utf-8", s, strlen(s),
	    MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result
reply_json(struct MHD_Connection *c, unsigned status, char *buf, size_t len)
{
	return reply(c, status, "application/json; charset=utf-8", buf, len,
	    MHD_RESPMEM_MUST_FREE);
}

/* Compares without leaking how much of the token was right. */
static int
token_ok(const struct server *sv, const char *t)
{
	unsigned char	 diff = 0;
	size_t		 i;

	if (t == NULL || strlen(t) != 32)
		return 0;
	for (i = 0; i < 32; i++)
		diff |= (unsigned char)(t[i] ^ sv->token[i]);
	return diff == 0;
}

/* Host, Origin, Sec-Fetch-Site and the token; 0 when the request may
 * go on, else the HTTP status to refuse it with. */
static unsigned
check(const struct server *sv, struct MHD_Connection *c)
{
	const char	*h, *o, *f, *t;

	h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (h == NULL || (strcmp(h, sv->host[0]) != 0 &&
	    strcmp(h, sv->host[1]) != 0))
		return MHD_HTTP_MISDIRECTED_REQUEST;
	o = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (o != NULL && strcmp(o, sv->origin[0]) != 0 &&
	    strcmp(o, sv->origin[1]) != 0)
		return MHD_HTTP_FORBIDDEN;
	f = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if (f != NULL && strcmp(f, "same-origin") != 0 &&
	    strcmp(f, "none") != 0)
		return MHD_HTTP_FORBIDDEN;
	t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Pia-Token");
	if (t == NULL)
		t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "t");
	if (!token_ok(sv, t))
		return MHD_HTTP_FORBIDDEN;
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The value of name in a form-encoded body, decoded; malloc'd, or NULL
 * when absent. */
static char *
param(const struct req *r, const char *name)
{
	const char	*p = r->body, *end, *eq, *s;
	char		*v, *d;
	size_t		 n = strlen(name);
	int		 hi, lo;

	for (; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL || (size_t)(eq - p) != n ||
		    strncmp(p, name, n) != 0)
			continue;
		if ((v = malloc((size_t)(end - eq))) == NULL)
			return NULL;
		for (s = eq + 1, d = v; s < end; s++) {
			if (*s == '+')
				*d++ = ' ';
			else if (*s == '%' && s + 2 < end &&
			    (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0) {
				*d++ = (char)(hi * 16 + lo);
				s += 2;
			} else
				*d++ = *s;
		}
		*d = '\0';
		return v;
	}
	return NULL;
}

/* The answer to an edit: what changed and the findings. */
static enum MHD_Result
answer(struct server *sv, struct MHD_Connection *c, int rc, const char *id,
    const char *addr, const char *note, int state)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;
	xmlNode	*e;

	if (rc == EDIT_BADREQ)
		return reply_msg(c, MHD_HTTP_BAD_REQUEST, sv->s->lang,
		    PIA_M_EDIT_BAD_REQUEST);
	if (rc == EDIT_NOMEM || (f = open_memstream(&buf, &len)) == NULL)
		return MHD_NO;
	fprintf(f, "{\"ok\":true,\"changed\":%s", rc == EDIT_OK ? "true" :
	    "false");
	if (id != NULL) {
		fputs(",\"id\":", f);
		json_str(f, id);
	}
	if (note != NULL) {
		fputs(",\"note\":", f);
		json_str(f, note);
	}
	if (addr != NULL && (e = edit_find(sv->s, addr, 0)) != NULL) {
		const struct pia_vnode *v = pia_vocab_lookup(sv->s->vocab,
		    sv->s->kind, e);
		enum pia_ftype ft = v != NULL ? pia_vnode_ftype(v) : PIA_F_DATE;

		fputs(",\"value\":", f);
		edit_value_json(f, e, ft);
	}
	if (state) {
		fputs(",\"state\":", f);
		edit_state_json(sv->s, f);
	} else {
		fputc(',', f);
		edit_status_json(sv->s, f);
	}
	fputc('}', f);
	if (fclose(f) != 0) {
		free(buf);
		return MHD_NO;
	}
	return reply_json(c, MHD_HTTP_OK, buf, len);
}

static enum MHD_Result
api_save(struct server *sv, struct MHD_Connection *c, const struct req *r)
{
	struct pia_diags	*d;
	char			*force = param(r, "force"), *buf = NULL, *m;
	size_t			 len = 0;
	FILE			*f;
	int			 rc;

	if ((d = pia_diags_new()) == NULL) {
		free(force);
		return MHD_NO;
	}
	rc = edit_save(sv->s, force != NULL && strcmp(force, "1") == 0, d);
	free(force);
	if ((f = open_memstream(&buf, &len)) == NULL) {
		pia_diags_free(d);
		return MHD_NO;
	}
	if (rc == 1) {
		m = pia_msg_str(sv->s->lang, PIA_M_EDIT_CONFLICT);
		fputs("{\"ok\":false,\"conflict\":true,\"msg\":", f);
		json_str(f, m);
		fputc('}', f);
		free(m);
	} else if (rc == -1) {
		fputs("{\"ok\":false,\"msg\":", f);
		json_str(f, pia_diags_count(d) > 0 ?
		    pia_diag_msg(pia_diags_get(d, 0), sv->s->lang) : "");
		fputc('}', f);
	} else
		fprintf(f, "{\"ok\":true,\"dirty\":%s}", sv->s->dirty ?
		    "true" : "false");
	pia_diags_free(d);
	if (fclose(f) != 0) {
		free(buf);
		return MHD_NO;
	}
	return reply_json(c, rc == 1 ? MHD_HTTP_CONFLICT : rc == -1 ?
	    MHD_HTTP_INTERNAL_SERVER_ERROR : MHD_HTTP_OK, buf, len);
}

static enum MHD_Result
api_pdf(struct server *sv, struct MHD_Connection *c)
{
	char	*pdf = NULL, *err = NULL, *m;
	size_t	 len = 0;

	if (edit_pdf(sv->s, &pdf, &len, &err) == 0) {
		free(err);
		return reply(c, MHD_HTTP_OK, "application/pdf", pdf, len,
		    MHD_RESPMEM_MUST_FREE);
	}
	/* what pia render said, under the page's heading */
	m = pia_msg_str(sv->s->lang, PIA_M_EDIT_PDF_FAILED);
	if (m == NULL || asprintf(&pdf, "%s\n\n%s", m, err ? err : "") < 0)
		pdf = NULL;
	free(m);
	free(err);
	if (pdf == NULL)
		return MHD_NO;
	return reply(c, MHD_HTTP_UNPROCESSABLE_CONTENT,
	    "text/plain; charset=utf-8", pdf, strlen(pdf),
	    MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result
api_changes(struct server *sv, struct MHD_Connection *c, int append)
{
	struct pia_diags	*d;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 rc;

	if (sv->s->prev == NULL)
		return reply_msg(c, MHD_HTTP_NOT_FOUND, sv->s->lang,
		    PIA_M_EDIT_NOT_FOUND);
	if ((d = pia_diags_new()) == NULL)
		return MHD_NO;
	if ((f = open_memstream(&buf, &len)) == NULL) {
		pia_diags_free(d);
		return MHD_NO;
	}
	rc = edit_changes(sv->s, append, f, d);
	pia_diags_free(d);
	if (fclose(f) != 0 || rc == -1) {
		free(buf);
		return reply_msg(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    sv->s->lang, PIA_M_EDIT_BAD_REQUEST);
	}
	return reply_json(c, MHD_HTTP_OK, buf, len);
}

/* Routes a request whose body has been read. */
static enum MHD_Result
route(struct server *sv, struct MHD_Connection *c, const char *url,
    int post, const struct req *r)
{
	char		*a = NULL, *v = NULL, *note = NULL, *buf = NULL;
	const char	*id = NULL;
	size_t		 len = 0;
	FILE		*f;
	int		 rc;
	enum MHD_Result	 res;

	if (!post && strcmp(url, "/") == 0)
		return reply(c, MHD_HTTP_OK, "text/html; charset=utf-8",
		    sv->page, sv->page_len, MHD_RESPMEM_PERSISTENT);
	if (!post && strcmp(url, "/editor.js") == 0)
		return reply(c, MHD_HTTP_OK, "text/javascript; charset=utf-8",
		    sv->js, sv->js_len, MHD_RESPMEM_PERSISTENT);
	if (!post && strcmp(url, "/editor.css") == 0)
		return reply(c, MHD_HTTP_OK, "text/css; charset=utf-8",
		    sv->css, sv->css_len, MHD_RESPMEM_PERSISTENT);
	if (!post && strcmp(url, "/api/state") == 0) {
		if ((f = open_memstream(&buf, &len)) == NULL)
			return MHD_NO;
		rc = edit_state_json(sv->s, f);
		if (fclose(f) != 0 || rc == -1) {
			free(buf);
			return MHD_NO;
		}
		return reply_json(c, MHD_HTTP_OK, buf, len);
	}
	if (!post && strcmp(url, "/api/pdf") == 0)
		return api_pdf(sv, c);
	if (!post && strcmp(url, "/api/changes") == 0)
		return api_changes(sv, c, 0);
	if (!post)
		return reply_msg(c, MHD_HTTP_NOT_FOUND, sv->s->lang,
		    PIA_M_EDIT_NOT_FOUND);
	if (strcmp(url, "/api/ping") == 0 || strcmp(url, "/api/bye") == 0) {
		atomic_store(&sv->bye, strcmp(url, "/api/bye") == 0);
		if ((f = open_memstream(&buf, &len)) == NULL)
			return MHD_NO;
		fprintf(f, "{\"ok\":true,\"rev\":%lu,\"dirty\":%s}",
		    sv->s->rev, sv->s->dirty ? "true" : "false");
		if (fclose(f) != 0) {
			free(buf);
			return MHD_NO;
		}
		return reply_json(c, MHD_HTTP_OK, buf, len);
	}
	if (strcmp(url, "/api/save") == 0)
		return api_save(sv, c, r);
	if (strcmp(url, "/api/history") == 0) {
		if (sv->s->prev == NULL)
			return reply_msg(c, MHD_HTTP_NOT_FOUND, sv->s->lang,
			    PIA_M_EDIT_NOT_FOUND);
		return api_changes(sv, c, 1);
	}
	a = param(r, "a");
	if (strcmp(url, "/api/set") == 0) {
		if (a == NULL || (v = param(r, "v")) == NULL)
			rc = EDIT_BADREQ;
		else
			rc = edit_set(sv->s, a, v, &note);
		/* when a flag of III followed, send everything */
		res = answer(sv, c, rc, NULL, a, note, rc == EDIT_OK &&
		    sv->s->followed > 0);
	} else if (strcmp(url, "/api/add") == 0) {
		v = param(r, "after");
		rc = a == NULL ? EDIT_BADREQ : edit_add(sv->s, a,
		    v != NULL && *v ? v : NULL, &id);
		res = answer(sv, c, rc, id, NULL, NULL, 1);
	} else if (strcmp(url, "/api/remove") == 0) {
		rc = a == NULL ? EDIT_BADREQ : edit_remove(sv->s, a);
		res = answer(sv, c, rc, NULL, NULL, NULL, 1);
	} else if (strcmp(url, "/api/move") == 0) {
		v = param(r, "d");
		rc = a == NULL || v == NULL ? EDIT_BADREQ : edit_move(sv->s, a,
		    atoi(v));
		res = answer(sv, c, rc, NULL, NULL, NULL, 1);
	} else
		res = reply_msg(c, MHD_HTTP_NOT_FOUND, sv->s->lang,
		    PIA_M_EDIT_NOT_FOUND);
	free(a);
	free(v);
	free(note);
	return res;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data, size_t *size,
    void **con_cls)
{
	struct server	*sv = cls;
	struct req	*r = *con_cls;
	const char	*cl;
	unsigned	 st;
	int		 post;
	char		*p;

	(void)version;
	post = strcmp(method, "POST") == 0;
	if (r == NULL) {
		if ((r = calloc(1, sizeof(*r))) == NULL)
			return MHD_NO;
		*con_cls = r;
		if (!post && strcmp(method, "GET") != 0) {
			r->refused = 1;
			return reply_msg(c, MHD_HTTP_METHOD_NOT_ALLOWED,
			    sv->s->lang, PIA_M_EDIT_BAD_REQUEST);
		}
		if ((st = check(sv, c)) != 0) {
			r->refused = 1;
			return reply_msg(c, st, sv->s->lang,
			    PIA_M_EDIT_FORBIDDEN);
		}
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "Content-Length");
		if (cl != NULL && strtoull(cl, NULL, 10) > EDIT_MAX_BODY) {
			r->refused = 1;
			return reply_msg(c, MHD_HTTP_CONTENT_TOO_LARGE,
			    sv->s->lang, PIA_M_EDIT_TOO_LARGE);
		}
		atomic_store(&sv->last, now());
		return MHD_YES;
	}
	if (r->refused) {
		*size = 0;
		return MHD_YES;
	}
	if (*size > 0) {
		if (r->len + *size > EDIT_MAX_BODY) {
			r->refused = 1;
			*size = 0;
			return reply_msg(c, MHD_HTTP_CONTENT_TOO_LARGE,
			    sv->s->lang, PIA_M_EDIT_TOO_LARGE);
		}
		if ((p = realloc(r->body, r->len + *size + 1)) == NULL)
			return MHD_NO;
		r->body = p;
		memcpy(r->body + r->len, data, *size);
		r->len += *size;
		r->body[r->len] = '\0';
		*size = 0;
		return MHD_YES;
	}
	atomic_store(&sv->last, now());
	return route(sv, c, url, post, r);
}

static void
done(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req	*r = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (r != NULL) {
		free(r->body);
		free(r);
	}
	*con_cls = NULL;
}

/* The editor's texts in the page's language, as name, text pairs. */
static const char **
page_texts(const char *lang)
{
	const struct pia_msg_entry	*e;
	const char			**t;
	size_t				 n = 0;
	int				 m;

	if ((t = calloc(2 * PIA_M__MAX + 2, sizeof(*t))) == NULL)
		return NULL;
	for (m = 0; m < PIA_M__MAX; m++) {
		e = pia_msg_get(m);
		if (e->level != -1 || strncmp(e->name, "EDIT_", 5) != 0)
			continue;
		t[n++] = e->name;
		t[n++] = pia_msg_fmt(m, lang);
	}
	return t;
}

static char *
asset(const char *rel, size_t *len, struct pia_diags *d)
{
	char	*path, *buf;

	if ((path = pia_data_path(rel)) == NULL) {
		pia_diag(d, PIA_M_EDIT_ASSET, NULL, 0, NULL, rel);
		return NULL;
	}
	buf = pia_file_read(path, PIA_MAX_INPUT, len, d);
	free(path);
	return buf;
}

static int
setup(struct server *sv, const struct edit_opts *o, struct pia_diags *d)
{
	unsigned char	 rnd[16];
	const char	*params[5], **texts;
	char		 tok[40], lng[8];
	int		 i, rc;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		pia_diag(d, PIA_M_EDIT_RANDOM, NULL, 0, NULL);
		return -1;
	}
	for (i = 0; i < 16; i++)
		snprintf(sv->token + 2 * i, 3, "%02x", rnd[i]);
	if ((sv->js = asset("templates/editor/editor.js", &sv->js_len, d)) ==
	    NULL || (sv->css = asset("templates/editor/editor.css",
	    &sv->css_len, d)) == NULL)
		return -1;
	snprintf(tok, sizeof(tok), "'%s'", sv->token);
	snprintf(lng, sizeof(lng), "'%s'", o->lang);
	params[0] = "lang";
	params[1] = lng;
	params[2] = "token";
	params[3] = tok;
	params[4] = NULL;
	if ((texts = page_texts(o->lang)) == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		return -1;
	}
	rc = pia_editor_page(sv->s->vocab, sv->s->kind, texts, params,
	    &sv->page, &sv->page_len, d);
	free(texts);
	return rc;
}

static struct MHD_Daemon *
start(struct server *sv, unsigned port)
{
	struct sockaddr_in	 sa;
	struct MHD_Daemon	*dm;
	const union MHD_DaemonInfo *info;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	dm = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO,
	    (uint16_t)port, NULL, NULL, handle, sv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)32,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, done, sv,
	    MHD_OPTION_END);
	if (dm == NULL)
		return NULL;
	if ((info = MHD_get_daemon_info(dm, MHD_DAEMON_INFO_BIND_PORT)) ==
	    NULL || info->port == 0) {
		MHD_stop_daemon(dm);
		return NULL;
	}
	sv->port = info->port;
	return dm;
}

/* Opens url in the desktop's browser when there is a display. */
static pid_t
open_browser(const char *url)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[] = { "xdg-open", (char *)url, NULL };
	pid_t				 pid = -1;

	if (getenv("DISPLAY") == NULL && getenv("WAYLAND_DISPLAY") == NULL)
		return -1;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "xdg-open", &fa, NULL, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

int
edit_serve(const struct edit_opts *o)
{
	struct server		 sv;
	struct pia_diags	*d;
	struct MHD_Daemon	*dm = NULL;
	sigset_t		 set;
	struct timespec		 tick = { 1, 0 };
	char			 url[128], *where = NULL;
	pid_t			 xdg = -1;
	long			 quiet;
	int			 sig, rc = EXIT_SYSTEM, stop = 0;

	memset(&sv, 0, sizeof(sv));
	if ((d = pia_diags_new()) == NULL)
		return EXIT_SYSTEM;
	if ((sv.s = edit_session_open(o, d)) == NULL) {
		rc = pia_diags_count_level(d, PIA_ERROR) > 0 &&
		    pia_diags_get(d, 0)->rule != NULL &&
		    strcmp(pia_diags_get(d, 0)->rule, "xml") == 0 ?
		    EXIT_FINDINGS : EXIT_SYSTEM;
		goto out;
	}
	if (setup(&sv, o, d) == -1)
		goto out;
	/* the daemon's thread inherits the blocked signals; sigtimedwait
	 * below takes them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((dm = start(&sv, o->port)) == NULL) {
		pia_diag(d, PIA_M_EDIT_HTTP, NULL, 0, NULL, o->port);
		goto out;
	}
	snprintf(sv.host[0], sizeof(sv.host[0]), "127.0.0.1:%u", sv.port);
	snprintf(sv.host[1], sizeof(sv.host[1]), "localhost:%u", sv.port);
	snprintf(sv.origin[0], sizeof(sv.origin[0]), "http://127.0.0.1:%u",
	    sv.port);
	snprintf(sv.origin[1], sizeof(sv.origin[1]), "http://localhost:%u",
	    sv.port);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/?t=%s", sv.port,
	    sv.token);
	atomic_store(&sv.last, now());
	pia_msg_print(stdout, o->lang, PIA_M_EDIT_LISTENING, o->file, url);
	fflush(stdout);
	if (o->open)
		xdg = open_browser(url);
	while (!stop) {
		sig = sigtimedwait(&set, NULL, &tick);
		if (sig > 0)
			break;
		if (xdg > 0 && waitpid(xdg, NULL, WNOHANG) == xdg)
			xdg = -1;
		quiet = now() - atomic_load(&sv.last);
		if (quiet >= o->idle || (atomic_load(&sv.bye) &&
		    quiet >= (o->idle < EDIT_BYE_GRACE ? o->idle :
		    EDIT_BYE_GRACE))) {
			pia_msg_print(stderr, o->lang, PIA_M_EDIT_STOPPING_IDLE,
			    (int)quiet);
			stop = 1;
		}
	}
	MHD_stop_daemon(dm);
	dm = NULL;
	if (edit_save_on_exit(sv.s, &where, d) == -1)
		goto out;
	if (where != NULL && strcmp(where, sv.s->path) == 0)
		pia_msg_print(stderr, o->lang, PIA_M_EDIT_SAVED_ON_EXIT, where);
	else if (where != NULL)
		pia_msg_print(stderr, o->lang, PIA_M_EDIT_RECOVERED,
		    sv.s->path, where);
	pia_msg_print(stderr, o->lang, PIA_M_EDIT_STOPPED);
	rc = EXIT_OK;
out:
	if (dm != NULL)
		MHD_stop_daemon(dm);
	if (xdg > 0)
		waitpid(xdg, NULL, WNOHANG);
	if (pia_diags_count(d) > 0)
		print_findings_text(stderr, d);
	free(where);
	free(sv.page);
	free(sv.js);
	free(sv.css);
	edit_session_free(sv.s);
	edit_validate_cleanup();
	pia_diags_free(d);
	return rc;
}
