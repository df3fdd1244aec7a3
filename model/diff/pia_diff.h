/*
 * pia_diff.h: the difference of two revisions of an assessment as rows
 * of the 変更箇所 table (変更日, 項目, 変更前の記載, 変更後の記載, 提出時期,
 * 提出時期に係る説明), the word-level marks inside long texts, the change
 * rows as XML of the assessment namespace, and the change history (pia
 * history).  The algorithm is written up in model/diff/diff.md; its
 * phases are cited in the files of model/diff/.  The result, struct
 * pia_changes, is what every printer of a diff reads (templates/diff/).
 */
#ifndef PIA_DIFF_H
#define PIA_DIFF_H

#include "pia.h"
#include "pia_value.h"

/** The section holding the change history; never diffed (it is the
 *  output of the diff, not content). */
#define PIA_CHANGES_EL	"changes"

/** What one row reports. */
enum pia_chkind {
	PIA_CH_EDIT,		/* a field's printed value changed */
	PIA_CH_ADD,		/* a field of a new entry, or a new field */
	PIA_CH_DEL,		/* a field of a removed entry, or a removed one */
	PIA_CH_RENUM,		/* an entry's number changed (委託事項6 -> 5) */
	PIA_CH_MOVE,		/* an entry moved among its siblings */
	PIA_CH_EQUIV		/* whitespace or NFKC only (PIA_DIFF_EQUIV) */
};

/** 提出時期 as proposed by pia: always a proposal for the author. */
enum pia_timing {
	PIA_TIMING_PRE,		/* 事前: a ※ item, a 重要な変更 candidate */
	PIA_TIMING_POST		/* 事後 */
};

/** One row of the 変更箇所 table.  Strings are owned by the list. */
struct pia_change {
	enum pia_chkind	 kind;
	char		*item;		/* 項目 in the official wording */
	char		*item_en;	/* the same with English labels */
	char		*before;	/* printed value, "-" when none */
	char		*after;		/* printed value, "-" when none */
	const xmlNode	*old_node;	/* field or entry in OLD, or NULL */
	const xmlNode	*new_node;	/* field or entry in NEW, or NULL */
	int		 starred;	/* a ※ item (or an entry holding one) */
	enum pia_timing	 timing;	/* proposed 提出時期 */
	const char	*reason_ja;	/* default 提出時期に係る説明, or NULL */
	const char	*reason_en;
	char		*id;		/* stable: "change-" + hash of content */
};

struct pia_changes;

/** Flags of pia_diff(). */
#define PIA_DIFF_EQUIV	0x01	/* also report whitespace/NFKC-only edits */

/**
 * The rows that turn revision old into revision new, in the order of the
 * new document (rows about removed entries where the entry stood).  Both
 * documents must be of the same kind (else NULL and an error finding).
 * Entries of repeating parts are matched by content and id, so a
 * renumbering or a move is one row, not every field changed.  The
 * 変更箇所 section itself is not compared.  The vocabulary and the
 * documents must outlive the result (rows point into them).  NULL with a
 * finding on failure.
 */
struct pia_changes	*pia_diff(const struct pia_vocab *,
			    const struct pia_doc *old, const struct pia_doc *new,
			    unsigned flags, struct pia_diags *);
/**
 * The same for two files (path "-" is standard input, for one of them):
 * loads the default vocabulary (pia_vocab_load_default) and both
 * documents, and diffs them.  The result owns the vocabulary and the
 * documents; pia_changes_free() frees them.  NULL with findings (a file
 * that does not load, forms that differ, no memory).
 */
struct pia_changes	*pia_diff_files(const char *oldpath,
			    const char *newpath, unsigned flags,
			    struct pia_diags *);
/** Frees the rows (and what pia_diff_files() loaded); NULL is a no-op. */
void			 pia_changes_free(struct pia_changes *);
size_t			 pia_changes_count(const struct pia_changes *);
const struct pia_change	*pia_changes_get(const struct pia_changes *, size_t);
/** The kind of the documents compared. */
enum pia_kind		 pia_changes_kind(const struct pia_changes *);
/** The vocabulary the rows were made with. */
const struct pia_vocab	*pia_changes_vocab(const struct pia_changes *);

/** The columns of the 変更箇所 table, in the order of the form. */
enum pia_chcol {
	PIA_COL_DATE,		/* 変更日 */
	PIA_COL_ITEM,		/* 項目 */
	PIA_COL_BEFORE,		/* 変更前の記載 */
	PIA_COL_AFTER,		/* 変更後の記載 */
	PIA_COL_TIMING,		/* 提出時期 */
	PIA_COL_REASON,		/* 提出時期に係る説明 */
	PIA_COL__MAX
};

/** The label of a column for the kind, from the vocabulary: Japanese, or
 *  English when lang is "en"; the element name when the vocabulary has
 *  no 変更箇所 section. */
const char		*pia_changes_label(const struct pia_vocab *,
			    enum pia_kind, enum pia_chcol, const char *lang);

/** "edit", "add", "delete", "renumber", "move", "equivalent". */
const char		*pia_chkind_name(enum pia_chkind);
/** The option text of the vocabulary for the timing ("事前", "事後"):
 *  the options keyed "pre" and "post" of the list "timing". */
const char		*pia_timing_text(const struct pia_vocab *,
			    enum pia_timing);

/** Word-level difference of two texts (ICU word breaks, so Japanese is
 *  segmented into words).  Each span covers bytes [off, off + len) of a
 *  (PIA_W_EQ, PIA_W_DEL) or of b (PIA_W_INS); in order, the EQ and DEL
 *  spans spell a and the EQ and INS spans spell b. */
enum pia_wop {
	PIA_W_EQ,
	PIA_W_DEL,
	PIA_W_INS
};

struct pia_wspan {
	enum pia_wop	 op;
	size_t		 off, len;
};

/**
 * Computes the spans; returns their number and sets *spans (malloc'd,
 * the caller frees), or -1 on failure (bad UTF-8, no memory).  Very long
 * texts (over 4 million word pairs) fall back to one DEL and one INS
 * around the common prefix and suffix.
 */
int			 pia_word_diff(const char *a, const char *b,
			    struct pia_wspan **spans);

/**
 * A <change> element (assessment namespace ns) for row c dated date
 * (ISO 8601), for a document of the kind: <date>, <item>, <before>,
 * <after> (a text field's paragraphs and lists are copied), <timing> with
 * the option text, preceded by the processing instruction
 * <?pia proposed="timing"?> marking it as pia's proposal, and <reason>.
 * @id is c->id.  NULL when out of memory.
 */
xmlNode			*pia_change_xml(const struct pia_vocab *,
			    enum pia_kind, const struct pia_change *c,
			    const char *date, xmlNs *ns);

/** All rows as a document whose root is <changes> in PIA_NS, ready to
 *  be placed in an assessment; NULL when out of memory. */
xmlDoc			*pia_changes_xml(const struct pia_vocab *,
			    const struct pia_changes *, const char *date);

/**
 * Appends the rows of ch, dated date, to the 変更箇所 section of doc
 * (created at the end of the assessment when missing), skipping a row
 * when the section already has one with the same 項目, 変更前 and 変更後
 * (compared as printed, whitespace and NFKC aside), so that doing it
 * twice adds nothing twice.  Ids are made unique within doc.  Returns the
 * number of rows added, or -1 with a finding.
 */
long			 pia_changes_append(const struct pia_vocab *,
			    const struct pia_changes *ch, const char *date,
			    struct pia_doc *doc, struct pia_diags *);

/**
 * pia history: diffs the files oldpath and newpath (pia_diff_files),
 * appends the rows dated date to the new revision (pia_changes_append)
 * and writes it atomically to outpath, or back to newpath when outpath is
 * NULL; with no row to add and outpath NULL nothing is written.  Returns
 * the number of rows added, or -1 with findings.
 */
long			 pia_history(const char *oldpath, const char *newpath,
			    const char *date, const char *outpath,
			    struct pia_diags *);

/** The namespace of the word marks of pia_changes_marked();
 *  templates/print.xsl turns them into the print vocabulary's del and
 *  ins. */
#define PIA_MARKS_NS	"urn:pia:marks:1"

/**
 * The rows of ch, dated date, as the 変更箇所 of an otherwise empty
 * assessment of their kind, for the printed table (pia_render_changes):
 * each proposed 提出時期 followed by (案), and the changed words of each
 * edited row (pia_word_diff of the printed values) marked inside its
 * <before> and <after> as elements del and ins of PIA_MARKS_NS.  The
 * marks are not in the schema: the document is printed, never validated
 * nor saved.  This is the one place where word marks are made; the PDF
 * and the HTML of a diff both print it.  NULL with a finding on failure.
 */
struct pia_doc		*pia_changes_marked(const struct pia_changes *,
			    const char *date, struct pia_diags *);

#endif /* PIA_DIFF_H */
