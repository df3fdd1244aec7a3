/*
 * edit.h: the pieces of `pia edit` (cli/cmd_edit.c): a document held in
 * memory and edited in place (session.c, values.c, links.c), its findings
 * (validate.c), the PDF and 変更箇所 buttons (preview.c) and the HTTP
 * server on 127.0.0.1 that the page talks to (server.c).
 *
 * Fields are addressed as the page addresses them: element names from
 * the root, an entry of a repeating part as NAME#ID, e.g.
 * "files/file#file-1/overview/delegation/task#task-2/content".  All of
 * it runs on the server's one thread; nothing here prints.
 */
#ifndef PIA_CLI_EDIT_H
#define PIA_CLI_EDIT_H

#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "pia.h"

/** What cmd_edit.c hands to the server. */
struct edit_opts {
	const char	*file;		/* FILE, created on first save if new */
	const char	*prev;		/* --prev OLD, or NULL */
	enum pia_kind	 kind;		/* --kind, or PIA_KIND_NONE */
	const char	*lang;		/* "ja" or "en" */
	unsigned	 port;		/* 0: any free port */
	int		 idle;		/* seconds without the page, then stop */
	int		 open;		/* run xdg-open on the URL */
};

/** Runs the editor until SIGINT, SIGTERM or the page is gone; prints the
 *  URL first.  Returns an exit status (EXIT_OK ...). */
int	 edit_serve(const struct edit_opts *);

/* ---- session.c: the document ---- */

/** What the file on disk looked like when read or last written. */
struct edit_disk {
	int		 exists;
	struct timespec	 mtime;
	off_t		 size;
	unsigned long long hash;
};

struct edit_session {
	char			*path;
	const char		*lang;
	struct pia_vocab	*vocab;
	struct pia_doc		*doc;
	enum pia_kind		 kind;
	struct pia_doc		*skel;		/* pia new of the kind: new entries */
	struct pia_doc		*prev;		/* --prev, or NULL */
	struct edit_disk	 disk;
	int			 dirty;		/* edits not yet saved */
	unsigned long		 rev;		/* bumped by every edit */
	int			 followed;	/* elements the last set changed
						   through links.c */
};

/** Loads FILE (or makes a blank one of opts->kind when it does not
 *  exist) and --prev; NULL with findings. */
struct edit_session *edit_session_open(const struct edit_opts *,
	    struct pia_diags *);
void	 edit_session_free(struct edit_session *);

/** Results of the edit operations. */
enum {
	EDIT_OK = 0,
	EDIT_NOCHANGE = 1,	/* the value was already so */
	EDIT_BADREQ = -1,	/* no such field or entry, or not editable */
	EDIT_NOMEM = -2
};

/** Sets the field at addr from the page's text form of its value (see
 *  values.c).  *note gets a malloc'd message for the field (a date that
 *  does not read) or NULL.  II -> III links follow (links.c). */
int	 edit_set(struct edit_session *, const char *addr, const char *value,
	    char **note);
/** Adds a blank entry (from the skeleton) to the list key
 *  ("PARENT/ENTRY") after the entry with id after (NULL: at the end);
 *  *id gets the new id (static buffer of the session's, copy it). */
int	 edit_add(struct edit_session *, const char *key, const char *after,
	    const char **id);
int	 edit_remove(struct edit_session *, const char *addr);
/** Moves an entry one place up (dir < 0) or down. */
int	 edit_move(struct edit_session *, const char *addr, int dir);

/** Writes the document to its file atomically unless the file changed
 *  on disk since it was read or last written (then 1, nothing written;
 *  force writes anyway).  0 when saved, -1 with findings. */
int	 edit_save(struct edit_session *, int force, struct pia_diags *);
/** On stopping: saves unsaved edits to the file, or when it changed on
 *  disk to FILE.recovered.xml beside it; *where gets the path written
 *  (malloc'd) or NULL when nothing needed saving.  0 or -1. */
int	 edit_save_on_exit(struct edit_session *, char **where,
	    struct pia_diags *);

/** The page's state as JSON: file, kind, dirty, values, lists (entry
 *  ids), derived values, flags set from II, what they hide, and the
 *  findings. */
int	 edit_state_json(struct edit_session *, FILE *);
/** The findings alone, with derived values, as JSON members
 *  ("findings":[...],"derived":{...},...) for an edit's answer. */
int	 edit_status_json(struct edit_session *, FILE *);

/** The element at addr, or NULL; with create, missing fields and groups
 *  are made in the form's order (never entries). */
xmlNode	*edit_find(struct edit_session *, const char *addr, int create);
/** The address of element e. Malloc'd. */
char	*edit_addr(const xmlNode *e);
/** Inserts e as a child of parent after prev (NULL: first), indented as
 *  its siblings are. */
void	 edit_insert(xmlNode *parent, xmlNode *prev, xmlNode *e);
/** Unlinks e with the blank text before it; frees it. */
void	 edit_unlink(xmlNode *e);
/** Gives the empty elements under e an empty text, so that they are
 *  written <x></x> as by `pia new`. */
void	 edit_open_empty(xmlNode *e);
/** Whether an element holds no value at all (a blank entry). */
int	 edit_blank(const xmlNode *e);

/* ---- values.c: a field's value as the page shows it ---- */

/** The value of field e (of type ft) in the page's text form; malloc'd.
 *  text: paragraphs apart by a blank line, "- " and "1. " list lines;
 *  items: one per line, "【name】" lines start categories; checks: one
 *  "T<TAB>option<TAB>slot" line per box (T is 1, 0 or ?); flag: "true"
 *  or "false"; other types: the text. */
char	*edit_value_get(const xmlNode *e, enum pia_ftype ft);
/** Sets it from the same form; 0, EDIT_NOCHANGE, or an error. */
int	 edit_value_set(xmlNode *e, enum pia_ftype ft, const char *value);
/** Writes the JSON value of field e: a string, or for a date
 *  {"iso":..,"w":..}, for checks [[t,option,slot],...]. */
void	 edit_value_json(FILE *, const xmlNode *e, enum pia_ftype ft);

/* ---- links.c: a fact stated in II sets the flag in III ---- */

/** After field e changed: sets the III flags that follow it and removes
 *  the entries left blank that the flag makes void.  Returns the number
 *  of elements changed. */
int	 edit_links_apply(struct edit_session *, xmlNode *e);
/** Writes "linked":[flag addresses],"hide":{flag address:[list keys]}. */
void	 edit_links_json(struct edit_session *, FILE *);

/* ---- validate.c ---- */

/** The validation of `pia validate` (schema of the kind, then the
 *  built-in rule sets) on the document as it stands.  The one place to
 *  switch to the validators' single entry point.  0 or -1. */
int	 edit_validate(const struct pia_doc *, struct pia_diags *);
/** Writes "findings":[{level,rule,msg,addr,line},...] with the address
 *  of the field each concerns, in lang. */
void	 edit_findings_json(FILE *, const struct pia_diags *, xmlDoc *,
	    const char *lang);
void	 edit_validate_cleanup(void);

/* ---- preview.c ---- */

/** The PDF of the document as it stands, made by pia-render (`pia render
 *  -T pdf -`); on failure -1 with its messages in *err (malloc'd). */
int	 edit_pdf(struct edit_session *, char **out, size_t *len,
	    char **err);
/** The 変更箇所 rows `pia history` would add from --prev, as JSON
 *  {"prev":..,"rows":[{item,before,after,timing}]}; with append, adds
 *  them to the document (dated today) and writes {"added":N}. */
int	 edit_changes(struct edit_session *, int append, FILE *,
	    struct pia_diags *);

/** JSON string, for the values of the answers. */
void	 edit_json_str(FILE *, const char *);

#endif
