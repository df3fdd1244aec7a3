/*
 * preview.c: the page's buttons.  The PDF preview runs `pia render` on
 * the document as it stands (given on standard input, so nothing is
 * written beside FILE), in a child process of pia-render itself: a
 * failure of the renderer cannot take the editor down, and the memory of
 * Pango and Cairo goes with the child.  The 変更箇所 button shows the rows
 * `pia history --prev` would add, made on a copy of the tree, and adds
 * them on request.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../extern.h"
#include "pia_diff.h"
#include "edit.h"

extern char **environ;

/* Reads fd to its end into a malloc'd buffer. */
static int
slurp(int fd, char **out, size_t *len, size_t max)
{
	char	*buf = NULL, *p;
	size_t	 n = 0, cap = 0;
	ssize_t	 r;

	for (;;) {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 262144;
			if (cap > max + 65536 ||
			    (p = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				return -1;
			}
			buf = p;
		}
		if ((r = read(fd, buf + n, cap - n)) == -1) {
			if (errno == EINTR)
				continue;
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (buf == NULL && (buf = malloc(1)) == NULL)
		return -1;
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int
edit_pdf(struct edit_session *s, char **out, size_t *len, char **err)
{
	/* pia-render's own words (cli/render_main.c): render FORMAT ONLY
	 * OUT IN PUBLIC STRICT, the document on standard input. */
	char		*argv[] = { "pia-render", "render", "pdf", "-", "-",
			    "-", "0", "0", NULL };
	posix_spawn_file_actions_t fa;
	xmlChar		*doc = NULL;
	char		*elen = NULL;
	size_t		 elen_n = 0;
	int		 in = -1, ef = -1, po[2] = { -1, -1 }, n = 0, st, rc = -1;
	pid_t		 pid;

	*out = NULL;
	*err = NULL;
	xmlDocDumpMemoryEnc(pia_doc_xml(s->doc), &doc, &n, "UTF-8");
	if (doc == NULL ||
	    (in = memfd_create("pia-edit-doc", MFD_CLOEXEC)) == -1 ||
	    (ef = memfd_create("pia-edit-err", MFD_CLOEXEC)) == -1 ||
	    write(in, doc, (size_t)n) != n || lseek(in, 0, SEEK_SET) == -1 ||
	    pipe2(po, O_CLOEXEC) == -1)
		goto out;
	if (posix_spawn_file_actions_init(&fa) != 0)
		goto out;
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, ef, 2);
	setenv("PIA_LANG", s->lang, 1);
	st = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (st != 0) {
		if (asprintf(err, "%s", strerror(st)) < 0)
			*err = NULL;
		goto out;
	}
	close(po[1]);
	po[1] = -1;
	if (slurp(po[0], out, len, PIA_MAX_INPUT * 4) == -1)
		kill(pid, SIGTERM);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	if (lseek(ef, 0, SEEK_SET) == 0 && slurp(ef, &elen, &elen_n,
	    1 << 20) == 0)
		*err = elen;
	if (*out != NULL && WIFEXITED(st) && WEXITSTATUS(st) == 0)
		rc = 0;
out:
	if (rc == -1) {
		free(*out);
		*out = NULL;
	}
	xmlFree(doc);
	if (in != -1)
		close(in);
	if (ef != -1)
		close(ef);
	if (po[0] != -1)
		close(po[0]);
	if (po[1] != -1)
		close(po[1]);
	return rc;
}

/* The text of a <change>'s child name. */
static void
cell(FILE *f, xmlNode *ch, const char *name)
{
	xmlNode	*c;
	xmlChar	*v = NULL;

	for (c = ch->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST name)) {
			v = xmlNodeGetContent(c);
			break;
		}
	json_str(f, v != NULL ? (const char *)v : "");
	xmlFree(v);
}

/* The <change> children of the 変更箇所 section of doc. */
static xmlNode *
changes_el(xmlDoc *doc)
{
	xmlNode	*c;

	for (c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST PIA_CHANGES_EL))
			return c;
	return NULL;
}

int
edit_changes(struct edit_session *s, int append, FILE *f,
    struct pia_diags *d)
{
	struct pia_changes	*ch = NULL;
	struct pia_doc		*copy = NULL;
	xmlDoc			*x;
	xmlNode			*box, *c;
	char			 date[11];
	long			 added, before = 0, i;
	int			 rc = -1, first = 1;

	if (s->prev == NULL)
		return -1;
	pia_today(date);
	if (append) {
		if ((ch = pia_diff(s->vocab, s->prev, s->doc, 0, d)) == NULL ||
		    (added = pia_changes_append(s->vocab, ch, date, s->doc,
		    d)) < 0)
			goto out;
		if (added > 0) {
			s->dirty = 1;
			s->rev++;
		}
		fprintf(f, "{\"added\":%ld}", added);
		rc = 0;
		goto out;
	}
	/* what would be added: append to a copy, read the new rows */
	if ((x = xmlCopyDoc(pia_doc_xml(s->doc), 1)) == NULL ||
	    (copy = pia_doc_wrap(x, pia_doc_name(s->doc), d)) == NULL)
		goto out;
	if ((box = changes_el(x)) != NULL)
		for (c = box->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				before++;
	if ((ch = pia_diff(s->vocab, s->prev, copy, 0, d)) == NULL ||
	    (added = pia_changes_append(s->vocab, ch, date, copy, d)) < 0)
		goto out;
	fputs("{\"prev\":", f);
	json_str(f, pia_doc_name(s->prev));
	fputs(",\"rows\":[", f);
	i = 0;
	if ((box = changes_el(x)) != NULL)
		for (c = box->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || i++ < before)
				continue;
			fputs(first ? "[" : ",[", f);
			cell(f, c, "item");
			fputc(',', f);
			cell(f, c, "before");
			fputc(',', f);
			cell(f, c, "after");
			fputc(',', f);
			cell(f, c, "timing");
			fputc(']', f);
			first = 0;
		}
	fputs("]}", f);
	rc = 0;
out:
	pia_changes_free(ch);
	pia_doc_free(copy);
	return rc;
}
