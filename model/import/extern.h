/*
 * extern.h: what the phase files of the importer (model/import/) share:
 * the state of one import, split by the phase that owns each part, and
 * the functions each phase offers the others.  Not installed; the public
 * interface is model/pia_import.h.
 *
 * The phases (one pass over the lines, then a finishing pass):
 *   read.c     the text made safe (UTF-8, control characters), split into
 *              lines and cells; layout lines; text hygiene; the loop
 *   html.c     HTML fragments of the cells: plain text, model paragraphs
 *              and lists, tick marks
 *   detect.c   the form: the title line, else the numbered headings
 *   label.c    the vocabulary flattened in document order; label cells
 *              matched against it (exactly, by number, by edit distance)
 *   line.c     one line: labels, then its value cells, or a continuation
 *   build.c    the document tree in vocabulary order, entries of lists
 *   choice.c   value readers: choices, checkbox lists, flags, ticks
 *   values.c   value readers: dates, periods, record items, text; the
 *              dispatch by field type
 *   changes.c  the 変更箇所 table: rows by position, 項目 paths
 *   finish.c   what the finishing pass checks: counts, derived items,
 *              blank choices, missing entries; <unplaced>
 *   text.c     blanks, numbers, label keys, the edit distance
 *   import.c   pia_import(): the driver
 */
#ifndef PIA_IMPORT_EXTERN_H
#define PIA_IMPORT_EXTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "pia.h"
#include "pia_import.h"
#include "notation.h"

#define MAXCELLS	64

/* ------------------------------------------------------------------ */
/* State                                                                */
/* ------------------------------------------------------------------ */

/* A node of the vocabulary, flattened in document order (label.c).  The
 * subtree of v[i] is v[i + 1 .. v[i].end]. */
struct vent {
	const struct pia_vnode	*vn;
	int			 parent, end, depth;
	enum pia_vtype		 type;
	enum pia_ftype		 ftype;
	const char		*el;
	char			*key;		/* label key */
	char			*num;		/* number key: ①, 1., II */
	unsigned int		*ucs;		/* key as code points */
	size_t			 nucs;
	int			 self;		/* self field child, or -1 */
	const struct pia_optlist *opts;
};

/* The document being built (build.c). */
struct imp_tree {
	xmlDoc			*doc;
	xmlNode			*root;
	xmlNs			*ns;
	xmlNode			**entry;	/* current entry per list */
	int			*sectn;		/* headings seen per vent */
	int			 file_no;	/* the file being read */
};

/* Where the reading stands (line.c; values.c and changes.c read it). */
struct imp_at {
	long			 line;		/* source line being read */
	int			 cursor;	/* last matched vent */
	const char		*heading;	/* label of the last heading */
	int			 open_v;	/* field whose value goes on
						   in the next lines, or -1 */
	int			 open_cont;	/* its value came from there */
	int			 last_v;	/* last field placed, or -1 */
	int			 pend[8], npend;	/* labels of a row whose
						   values are on the next row */
	int			 in_items;	/* reading record items */
	xmlNode			*cat[4];	/* open item categories */
	int			 table;		/* in the 変更箇所 table */
	int			 change_list;	/* its list vent, or -1 */
	int			 nchange;	/* its rows read */
	long			 textline;	/* last change row said to hold
						   text for a choice */
};

/* What the finishing pass checks, noted while reading (finish.c). */
struct blank {
	xmlNode	*el;
	int	 v;
	long	 line;
};

struct count {
	int	 list;		/* list vent */
	xmlNode	*parent;	/* element holding the entries */
	long	 declared, line;
};

struct derived {
	int	 v;		/* the derived vent */
	char	*text;		/* what the source printed */
	long	 line;
	xmlNode	*file;		/* the file entry then current, or NULL */
};

struct unpl {
	long	 line;
	char	*heading, *text;
};

struct imp_later {
	struct blank		*blanks;
	size_t			 nblanks, cblanks;
	struct count		*counts;
	size_t			 ncounts, ccounts;
	struct derived		*der;
	size_t			 nder, cder;
	struct unpl		*unpl;
	size_t			 nunpl, cunpl;
};

/* Keys made on first use (choice.c, changes.c). */
struct okeys {
	const struct pia_optlist *ol;
	char			**key;		/* imp_key of each option */
	size_t			 n;
};

struct imp_cache {
	struct okeys		*okeys;		/* option keys, per list */
	size_t			 nokeys, cokeys;
	char			**plab, **pnum;	/* labels for 項目 paths */
};

/* One import. */
struct imp {
	const struct pia_vocab	*vocab;
	enum pia_kind		 kind;
	const char		*name;		/* the file, for findings */
	struct pia_diags	*d;
	struct pia_import_stats	*st;
	int			 uses_checked;	/* the text has checked="" */
	int			 oom;

	/* The form, read-only once built (label.c). */
	struct vent		*v;
	int			 nv, cap;
	struct vent		*ov;		/* nodes of the other forms */
	int			 nov, ocap;
	int			 files;		/* vent of the files list */

	struct imp_tree		 tree;
	struct imp_at		 at;
	struct imp_later	 later;
	struct imp_cache	 cache;
};

/* Cell dispositions within a line. */
enum { C_NONE = 0, C_PLACED, C_LABEL, C_LAYOUT, C_UNPLACED };

/* A line of the source split into tab-separated cells. */
struct line {
	long	 no;
	char	*raw;
	char	*cell[MAXCELLS];
	int	 disp[MAXCELLS];
	int	 n;
};

/* A label cell, read (label.c). */
struct label {
	int	 v;		/* vent, or -1 */
	long	 entry;		/* entry number for list headings, or -1 */
	int	 block;		/* block heading "システム6～10" */
	int	 exact;
	int	 bynum;		/* matched by its number, label close */
	const char *rest;	/* tick marks after the label (in the cell) */
};

/* Tick marks: "[○]", "[O]", "〔○〕", "[]", "[<input …/>]", "<input …/>". */
enum imp_mark {
	MARK_NONE = 0,
	MARK_TICK,		/* [○] [O] 〔○〕 checked inputs */
	MARK_EMPTY,		/* [] [ ] 〔 〕 */
	MARK_BOX_INPUT,		/* [<input …/>] without checked */
	MARK_BARE_INPUT		/* <input …/> without checked */
};

/*
 * Elements of the tree carry their place in the vocabulary in _private
 * (cleared when the document is done): ORD(v, 0) for the element of vent
 * v, ORD(v, n) for entry n of list v.  Siblings are kept in that order.
 */
#define ORD(v, n)	((intptr_t)((v) + 1) * 100000 + (n))

static inline intptr_t
ord_of(const xmlNode *e)
{
	return (intptr_t)e->_private;
}

/* ------------------------------------------------------------------ */
/* Small text helpers (text.c)                                          */
/* ------------------------------------------------------------------ */

static inline int
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* s after ASCII blanks, U+3000 and NBSP. */
static inline const char *
skip_blank(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (starts(s, N_IDEO_SPACE))
			s += strlen(N_IDEO_SPACE);
		else if (starts(s, N_NBSP))
			s += strlen(N_NBSP);
		else
			return s;
	}
}

static inline int
is_empty_value(const char *s)
{
	return s == NULL || *skip_blank(s) == '\0';
}

/** Trims ASCII blanks, U+3000 and NBSP at both ends, in place. */
char		*imp_trim(char *);
/** The decimal number at s, or -1; *end (may be NULL) set after it. */
long		 imp_num_at(const char *s, const char **end);
/** Code points of a UTF-8 string; *n set.  Malloc'd, NULL on failure. */
unsigned int	*imp_ucs(const char *, size_t *n);
/** Levenshtein distance of two code point strings, capped at cap + 1. */
size_t		 imp_distance(const unsigned int *, size_t,
		    const unsigned int *, size_t, size_t cap);
/** NFKC, whitespace and ※ removed: the key labels are compared by. */
char		*imp_key(const char *);

/* ------------------------------------------------------------------ */
/* HTML fragments and tick marks (html.c)                               */
/* ------------------------------------------------------------------ */

/** Text with the HTML tags removed (only real HTML tag names; "<選択肢>"
 *  and "<さいたま市における措置>" stay), entities decoded, blanks folded,
 *  trimmed.  Malloc'd. */
char		*imp_plain(const char *);
/** Appends the HTML fragment s to the Text element e as model content
 *  (paragraphs, lists, line breaks).  Returns 0 or -1. */
int		 imp_html_to_text(xmlNode *e, xmlNs *ns, const char *s);
/** Whether s starts with an HTML tag pia knows; sets its length, its
 *  name (lower case) and whether it closes. */
int		 imp_is_html_tag(const char *s, size_t *len, char *name,
		    size_t namesz, int *closing);
/** Recognises a mark at s; returns its kind and sets *len, or MARK_NONE. */
enum imp_mark	 imp_mark_at(const char *s, size_t *len);

/* ------------------------------------------------------------------ */
/* Reading (read.c, import.c)                                           */
/* ------------------------------------------------------------------ */

/** Appends finding m of the catalogue at line of the source. */
void		 imp_find(struct imp *, long line, enum pia_msg m, ...);
/** The text made safe for XML (see read.c); a new buffer. */
char		*imp_sanitize(const char *in, size_t len, size_t *outlen,
		    size_t *bad, long *first);
/** Splits buf into NUL-terminated lines in place; a malloc'd vector. */
char		**imp_split_lines(char *buf, size_t len, size_t *n);
/** Reads every line into the document (the main loop). */
void		 imp_read(struct imp *, char **lines, size_t n, long title);
/** Sets the disposition of the cells from index from still unset. */
void		 imp_mark_all(struct line *, int from, int disp);
/** The cells from index i joined with blanks; malloc'd. */
char		*imp_join_cells(const struct line *, int i);

/* ------------------------------------------------------------------ */
/* The form (detect.c, label.c)                                         */
/* ------------------------------------------------------------------ */

/** The kind named by the title line within the first lines (*at its line
 *  number), else the one whose numbered headings appear most (*at 0). */
enum pia_kind	 imp_detect_kind(const struct pia_vocab *, char **lines,
		    size_t n, long *at);
/** The plain text of a "平成30年5月 様式4" stamp line, or NULL. */
char		*imp_form_stamp(const struct pia_vocab *, const char *line);
/** Reports a cover line that names another form. */
void		 imp_check_title(struct imp *, const char *text, long line);

/** Reads the number at the start of s ("II", "(別添1)", "3.", "①",
 *  "リスク2:") into num (canonical) and returns the rest. */
const char	*imp_parse_num(const char *s, char *num, size_t numsz);
/** The canonical number of a vocabulary node; malloc'd. */
char		*imp_vnum_key(const char *num);
/** Full-width ASCII to ASCII, Unicode roman numerals to letters, blanks
 *  removed; malloc'd. */
char		*imp_lnorm(const char *);
/** Appends node n of kind k and its subtree to *vv (skip_in >= 0: the
 *  nodes not in that kind, i.e. those of the other forms). */
int		 imp_flatten(struct vent **vv, int *nv, int *cap,
		    const struct pia_vnode *n, enum pia_kind k, int parent,
		    int depth, int skip_in);
void		 imp_vents_free(struct vent *, int n);
int		 imp_enclosing_list(const struct imp *, int i);
int		 imp_section_of(const struct imp *, int i);
int		 imp_first_section(const struct imp *);
/** The k-th list (0-based) among the children of group g, or -1. */
int		 imp_nth_list(const struct imp *, int g, int k);
/** The printed title of vent v ("①委託内容"); malloc'd, never NULL
 *  unless out of memory. */
char		*imp_field_title(struct imp *, int v);
/** Matches a cell against the labels: 1 found, 2 a heading of another
 *  form, 0 none, -1 out of memory. */
int		 imp_match_label(struct imp *, const char *cell, int fuzzy,
		    struct label *);

/* ------------------------------------------------------------------ */
/* The document (build.c)                                               */
/* ------------------------------------------------------------------ */

xmlNode		*imp_child_el(struct imp *, xmlNode *parent, int vi,
		    int create);
/** Entry n of list vent li in the current context, made current. */
xmlNode		*imp_entry_get(struct imp *, int li, long n, int create);
/** The element of vent vi in the current context. */
xmlNode		*imp_el_for(struct imp *, int vi, int create);
/** Whether e holds any text or check. */
int		 imp_has_content(const xmlNode *);
/** Switches to the 特定個人情報ファイル of a per-file section vent. */
void		 imp_enter_file(struct imp *, int sect, int heading);

/* ------------------------------------------------------------------ */
/* Lines and values (line.c, choice.c, values.c, changes.c)             */
/* ------------------------------------------------------------------ */

void		 imp_line(struct imp *, struct line *);
/** Places the value cells of a row in field v. */
void		 imp_place_value(struct imp *, int v, const char *val,
		    long line);
void		 imp_read_choice(struct imp *, int v, const char *val,
		    long line);
void		 imp_read_checks(struct imp *, int v, const char *val,
		    long line);
int		 imp_read_flags(struct imp *, int g, const char *val,
		    long line);
void		 imp_set_choice(struct imp *, int v, const char *val,
		    long line, const char *raw);
int		 imp_set_date(struct imp *, xmlNode *el, const char *val,
		    long line, int report);
int		 imp_option_index(const struct pia_optlist *, const char *);
int		 imp_option_nearest(struct imp *, const struct pia_optlist *,
		    const char *, size_t *dist);
int		 imp_option_prefix(struct imp *, const struct pia_optlist *,
		    const char *text, const char **rest);
int		 imp_is_duplicate(struct imp *, const char *text);
/** A declared count "(3) 件" in s: the number, 0 for "()", -1. */
long		 imp_declared_count(const char *s);
/** One row of the 変更箇所 table. */
void		 imp_table_row(struct imp *, struct line *);

/* ------------------------------------------------------------------ */
/* Noted for the finishing pass (finish.c)                              */
/* ------------------------------------------------------------------ */

/** Keeps text that has no place; reported (import-unplaced) if asked. */
void		 imp_unplace(struct imp *, long line, const char *text,
		    int report);
void		 imp_note_blank(struct imp *, xmlNode *el, int v, long line);
void		 imp_note_count(struct imp *, int list, long n, long line);
void		 imp_note_derived(struct imp *, int v, const char *val,
		    long line);
/** The finishing pass; then <unplaced> is appended to the root. */
int		 imp_finish(struct imp *);
void		 imp_later_free(struct imp_later *);

#endif /* PIA_IMPORT_EXTERN_H */
