/*
 * pia.h: the public interface of libpia, the library behind the pia
 * command (特定個人情報保護評価書 toolkit).  This header is also its manual:
 * every declaration states its contract.
 *
 * Conventions: objects are opaque handles named pia_<object>_<verb>;
 * pia_X_free(NULL) does nothing; stages take const input and return new
 * objects; the library never prints and never exits: problems are appended
 * to a struct pia_diags as findings (level, rule id, file, line, XPath,
 * message in Japanese and English, source of the rule).
 */
#ifndef PIA_H
#define PIA_H

#include <stdarg.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "pia_i18n.h"
#include "pia_msg.h"

#define PIA_VERSION	"0.1.0"

/** Namespace of assessment documents. */
#define PIA_NS		"urn:pia:assessment:1"
/** Namespace of the vocabulary file model/vocab.xml. */
#define PIA_VOCAB_NS	"urn:pia:vocabulary:1"

/** Largest input file accepted, in bytes (a real assessment is < 1 MB). */
#define PIA_MAX_INPUT	(32L * 1024 * 1024)
/** Deepest element nesting accepted (the vocabulary needs about 10). */
#define PIA_MAX_DEPTH	64

/* ------------------------------------------------------------------ */
/* Diagnostics                                                          */
/* ------------------------------------------------------------------ */

/** Severity ladder; the worst level found decides the exit code. */
enum pia_level {
	PIA_INFO = 0,
	PIA_WARNING,
	PIA_ERROR
};

/** One finding.  Strings are owned by the list; any may be NULL but msg_ja
 *  and msg_en.  line is 0 when unknown. */
struct pia_diag {
	enum pia_level	 level;
	char		*rule;		/* rule id, e.g. "xml", "schema", "req-001" */
	char		*file;		/* file name as given by the user */
	long		 line;
	char		*xpath;		/* XPath of the node concerned */
	char		*msg_ja;
	char		*msg_en;
	char		*source;	/* clause requiring it, e.g. "指針 第5の2" */
};

struct pia_diags;

/** A new empty list, or NULL when out of memory. */
struct pia_diags	*pia_diags_new(void);
/** Frees the list and its findings; NULL is a no-op. */
void			 pia_diags_free(struct pia_diags *);
/** Appends a finding; the two formats take the same arguments in the same
 *  order (Japanese first).  Returns 0, or -1 when out of memory. */
int			 pia_diags_add(struct pia_diags *, enum pia_level,
			    const char *rule, const char *file, long line,
			    const char *xpath, const char *source,
			    const char *fmt_ja, const char *fmt_en, ...)
			    __attribute__((format(printf, 8, 10)));
/** Appends finding m of the catalogue (model/catalogue.def) with its rule
 *  id, level and clause; the arguments fill its Japanese and English
 *  formats.  This is how the stages report: no call site types message
 *  text.  Returns 0, or -1 when out of memory. */
int			 pia_diag(struct pia_diags *, enum pia_msg m,
			    const char *file, long line, const char *xpath, ...);
int			 pia_vdiag(struct pia_diags *, enum pia_msg m,
			    const char *file, long line, const char *xpath,
			    va_list);
/** Appends a finding whose messages are already written (the texts of a
 *  rule file, which are data of their own). */
int			 pia_diags_add_msg(struct pia_diags *, enum pia_level,
			    const char *rule, const char *file, long line,
			    const char *xpath, const char *source,
			    const char *msg_ja, const char *msg_en);
/** Number of findings. */
size_t			 pia_diags_count(const struct pia_diags *);
/** Number of findings of exactly this level. */
size_t			 pia_diags_count_level(const struct pia_diags *,
			    enum pia_level);
/** The i-th finding (0 <= i < count), in the order added or sorted. */
const struct pia_diag	*pia_diags_get(const struct pia_diags *, size_t i);
/** Stable sort by file, then line. */
void			 pia_diags_sort(struct pia_diags *);
/** Moves all findings of src to the end of dst; src is left empty. */
int			 pia_diags_move(struct pia_diags *dst,
			    struct pia_diags *src);
/** The message in lang ("ja" or "en"). */
const char		*pia_diag_msg(const struct pia_diag *, const char *lang);
/** "error", "warning", "info". */
const char		*pia_level_name(enum pia_level);

/* ------------------------------------------------------------------ */
/* Kinds of assessment                                                  */
/* ------------------------------------------------------------------ */

enum pia_kind {
	PIA_KIND_NONE = -1,
	PIA_KIND_FULL = 0,	/* 全項目評価書 (様式4) */
	PIA_KIND_FOCUSED,	/* 重点項目評価書 (様式3) */
	PIA_KIND_BASIC,		/* 基礎項目評価書 (様式2) */
	PIA_KIND__MAX
};

/** "full", "focused", "basic"; NULL for PIA_KIND_NONE. */
const char	*pia_kind_id(enum pia_kind);
/** Parses "full", "focused", "basic"; PIA_KIND_NONE otherwise. */
enum pia_kind	 pia_kind_parse(const char *);
/** Today's local date as "YYYY-MM-DD" in out (empty when the clock
 *  cannot be read). */
void		 pia_today(char out[11]);

/* ------------------------------------------------------------------ */
/* Files and data                                                       */
/* ------------------------------------------------------------------ */

/** Reads a whole file ("-" is standard input) into a NUL-terminated
 *  buffer, refusing more than max bytes.  On failure returns NULL and
 *  appends an error finding naming the file. */
char	*pia_file_read(const char *path, size_t max, size_t *len,
	    struct pia_diags *);
/** Writes buf to path atomically: a temporary file in the same directory,
 *  fsync, rename.  "-" writes to standard output; a device or pipe
 *  (/dev/null, a FIFO) is written to directly.  A file replaced keeps its
 *  mode; a new one gets 0666 less the umask.  A symbolic link at path is
 *  refused (an error finding) unless flags has PIA_WRITE_FOLLOW: then
 *  the file it names is replaced.  Never leaves a partial file nor the
 *  temporary: on failure it is removed and an error is appended, and the
 *  catchable signals that end a program (SIGINT, SIGTERM, SIGHUP, ...)
 *  are held until it is renamed or removed.  Returns 0 or -1. */
int	 pia_file_write_atomic_flags(const char *path, const void *buf,
	    size_t len, unsigned flags, struct pia_diags *);
#define PIA_WRITE_FOLLOW	0x01	/* replace the file a link names */
/** The same with no flags. */
int	 pia_file_write_atomic(const char *path, const void *buf, size_t len,
	    struct pia_diags *);
/** The full path of a data file given relative to the source tree (e.g.
 *  "model/vocab.xml").  Looks in $PIA_DATADIR, then beside the running
 *  executable (a build tree), then in ../share/pia from the executable (a
 *  relocated install), then in the data directory set at build time.  Malloc'd; NULL when
 *  the file exists nowhere. */
char	*pia_data_path(const char *rel);

/* ------------------------------------------------------------------ */
/* Vocabulary (model/vocab.xml)                                         */
/* ------------------------------------------------------------------ */

struct pia_vocab;
struct pia_vnode;
struct pia_optlist;

enum pia_vtype {
	PIA_V_FORM,		/* the root of the tree */
	PIA_V_SECTION,
	PIA_V_GROUP,
	PIA_V_LIST,
	PIA_V_FIELD,
	PIA_V_DERIVED
};

enum pia_ftype {
	PIA_F_NONE,
	PIA_F_TEXT,
	PIA_F_LINE,
	PIA_F_CHOICE,
	PIA_F_CHECKS,
	PIA_F_DATE,
	PIA_F_PERIOD,
	PIA_F_FLAG,
	PIA_F_ITEMS,
	PIA_F_IMAGE
};

/** Loads a vocabulary file; NULL with findings on error. */
struct pia_vocab	*pia_vocab_load(const char *path, struct pia_diags *);
/** Loads model/vocab.xml from the data directory (pia_data_path). */
struct pia_vocab	*pia_vocab_load_default(struct pia_diags *);
void			 pia_vocab_free(struct pia_vocab *);
/** The root node of the form tree. */
const struct pia_vnode	*pia_vocab_form(const struct pia_vocab *);
/** Japanese name of the kind ("全項目評価書"), its 様式 ("様式4"), and its
 *  English name. */
const char		*pia_vocab_kind_name(const struct pia_vocab *,
			    enum pia_kind);
const char		*pia_vocab_kind_style(const struct pia_vocab *,
			    enum pia_kind);
const char		*pia_vocab_kind_en(const struct pia_vocab *,
			    enum pia_kind);
/** Any attribute of the kind's <kind> element (e.g. "title": 特定個人情報
 *  保護評価書(全項目評価書), "form-version": 平成30年5月 様式4), or NULL. */
const char		*pia_vocab_kind_attr(const struct pia_vocab *,
			    enum pia_kind, const char *name);
/** A word of the form's own print (<texts>: 項目一覧, 件, (続き), ...) by
 *  id; "" when absent.  pia_vocab_texts() is the <texts> element (NULL
 *  when there is none), for the renderer to hand on whole. */
const char		*pia_vocab_text(const struct pia_vocab *,
			    const char *id);
const xmlNode		*pia_vocab_texts(const struct pia_vocab *);
/** Option list by id, or NULL. */
const struct pia_optlist *pia_vocab_optlist(const struct pia_vocab *,
			    const char *id);

/** Tree walk restricted to the nodes of one kind (PIA_KIND_NONE: all). */
const struct pia_vnode	*pia_vnode_first(const struct pia_vnode *,
			    enum pia_kind);
const struct pia_vnode	*pia_vnode_next(const struct pia_vnode *,
			    enum pia_kind);
const struct pia_vnode	*pia_vnode_parent(const struct pia_vnode *);
/** Whether the node belongs to the kind (its own or inherited @in). */
int			 pia_vnode_in(const struct pia_vnode *, enum pia_kind);
enum pia_vtype		 pia_vnode_type(const struct pia_vnode *);
enum pia_ftype		 pia_vnode_ftype(const struct pia_vnode *);
/** Element name, or NULL (derived nodes, lists without a wrapper). */
const char		*pia_vnode_el(const struct pia_vnode *);
/** Element name of a list's entries, NULL for other nodes. */
const char		*pia_vnode_entry(const struct pia_vnode *);
/** Any attribute resolved for the kind (A.kind overrides A); NULL when
 *  absent.  Convenience forms follow; they return "" when absent. */
const char		*pia_vnode_attr(const struct pia_vnode *,
			    const char *name, enum pia_kind);
const char		*pia_vnode_label(const struct pia_vnode *,
			    enum pia_kind);
const char		*pia_vnode_num(const struct pia_vnode *, enum pia_kind);
const char		*pia_vnode_mark(const struct pia_vnode *,
			    enum pia_kind);
const char		*pia_vnode_en(const struct pia_vnode *);
const char		*pia_vnode_hint(const struct pia_vnode *,
			    enum pia_kind);
/** A field printed as the value cell of its parent group (@self). */
int			 pia_vnode_is_self(const struct pia_vnode *);
/** Marked unconfirmed against the official 様式 (rules.md [U]). */
int			 pia_vnode_unconfirmed(const struct pia_vnode *);
/** Whether the node or one of its ancestors carries ※ for the kind. */
int			 pia_vnode_starred(const struct pia_vnode *,
			    enum pia_kind);
/** Option list of a choice or checks field for the kind, or NULL. */
const struct pia_optlist *pia_vnode_options(const struct pia_vnode *,
			    enum pia_kind);
/** The vocabulary node describing element e of a document of the kind, or
 *  NULL when e has no place in the form (the root maps to the form). */
const struct pia_vnode	*pia_vocab_lookup(const struct pia_vocab *,
			    enum pia_kind, const xmlNode *e);
/** The printed label of a node with its number and ※: "①委託内容". */
char			*pia_vnode_title(const struct pia_vnode *,
			    enum pia_kind, const char *lang);
/** The 項目 path of document element e in the official wording, e.g.
 *  "II 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託
 *  委託事項7 ①委託内容" (lang "ja"), or with English labels ("en").
 *  Entry numbers come from the entry's position.  Malloc'd. */
char			*pia_vocab_path(const struct pia_vocab *,
			    enum pia_kind, const xmlNode *e, const char *lang);

size_t			 pia_optlist_count(const struct pia_optlist *);
const char		*pia_optlist_id(const struct pia_optlist *);
/** Option text as printed (0-based index). */
const char		*pia_optlist_text(const struct pia_optlist *, size_t);
/** Whether option i takes free text "( )". */
int			 pia_optlist_slot(const struct pia_optlist *, size_t);
/** The group heading of option i (主な記録項目), or NULL. */
const char		*pia_optlist_group(const struct pia_optlist *, size_t);
/** The key of option i (its @key in model/vocab.xml, e.g. "pre"), or
 *  NULL: code names an option by key, never by position. */
const char		*pia_optlist_key(const struct pia_optlist *, size_t);
/** Index of the option whose key is key, or -1. */
int			 pia_optlist_find_key(const struct pia_optlist *,
			    const char *key);
/** Any attribute of option i's <o> element (e.g. "count"), or NULL. */
const char		*pia_optlist_attr(const struct pia_optlist *, size_t,
			    const char *name);
/** Index of text in the list, or -1. */
int			 pia_optlist_find(const struct pia_optlist *,
			    const char *text);
/** Whether it is a checkbox list (else a single choice). */
int			 pia_optlist_is_checks(const struct pia_optlist *);

/* ------------------------------------------------------------------ */
/* Documents                                                            */
/* ------------------------------------------------------------------ */

struct pia_doc;

/** Loads and parses an assessment safely: no network, no DTD, no entity
 *  declarations (a DOCTYPE is refused outright), depth bounded by
 *  PIA_MAX_DEPTH, size by PIA_MAX_INPUT, line numbers kept.  path "-" is
 *  standard input; name is what findings call the file (NULL: path).
 *  A malformed document gives NULL and error findings with file:line.
 *  The root must be assessment in PIA_NS with a valid @kind. */
struct pia_doc	*pia_doc_load(const char *path, const char *name,
		    struct pia_diags *);
/** The same from memory. */
struct pia_doc	*pia_doc_load_memory(const char *buf, size_t len,
		    const char *name, struct pia_diags *);
/** Wraps an existing libxml2 tree (ownership passes to the document). */
struct pia_doc	*pia_doc_wrap(xmlDoc *, const char *name, struct pia_diags *);
void		 pia_doc_free(struct pia_doc *);
/** Serialises as UTF-8 and writes atomically (pia_file_write_atomic). */
int		 pia_doc_save(const struct pia_doc *, const char *path,
		    struct pia_diags *);
enum pia_kind	 pia_doc_kind(const struct pia_doc *);
const char	*pia_doc_name(const struct pia_doc *);
/** The underlying tree; read-only for validators and renderers. */
xmlDoc		*pia_doc_xml(const struct pia_doc *);
/** Line of a node (large line numbers included). */
long		 pia_node_line(const xmlNode *);
/** Malloc'd XPath of a node with the "a:" prefix for PIA_NS, e.g.
 *  /a:assessment/a:files/a:file[1]/a:overview/a:name. */
char		*pia_node_xpath(const xmlNode *);
/** Position (from 1) of element e among its parent's element children of
 *  the same name; *others (may be NULL) is set to whether it has any.
 *  Amortised constant time when asked in document order (a per-thread
 *  memory of the last position at each depth). */
int		 pia_node_pos(const xmlNode *e, int *others);
/** Forgets those memories; call it after changing a tree whose nodes
 *  were asked for (pia_validate_doc and pia_diff call it first). */
void		 pia_node_pos_forget(void);

#endif /* PIA_H */
