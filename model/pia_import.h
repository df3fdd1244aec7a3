/*
 * pia_import.h: turning the text of a published assessment (a PDF taken
 * to text: one form row per line, label and value cells separated by
 * tabs, HTML fragments inside values) into an assessment document.
 *
 * The importer is model code: text in, model document and findings out.
 * It never prints and never exits.  It lives in model/import/, one file
 * per phase (model/import/extern.h lists them).  Labels, numbers and option lists are
 * matched against the vocabulary (model/vocab.xml) at run time; nothing
 * of the form is typed into the importer.
 */
#ifndef PIA_IMPORT_H
#define PIA_IMPORT_H

#include <stddef.h>

#include "pia.h"

/** What became of the source, for the coverage report. */
struct pia_import_stats {
	size_t	lines;		/* lines in the source */
	size_t	cells;		/* non-empty cells (tab-separated) */
	size_t	placed;		/* cells that landed in a model field or
				   matched a label of the form */
	size_t	labels;		/* of which labels of the form */
	size_t	values;		/* of which values stored in a field */
	size_t	layout;		/* recognised layout: title, table of
				   contents, repeated table headers, block
				   headings, separators, duplicate renderings */
	size_t	unplaced;	/* cells kept in <unplaced> */
	size_t	fragments;	/* <unplaced> elements written (also parts of
				   placed cells, e.g. text run into a choice) */
	size_t	changes;	/* rows of the 変更箇所 table recovered */
	size_t	changes_checked;	/* of which every column checked: a
				   date, a 項目 of the form, 事前/事後 */
	size_t	changes_aside;	/* rows set aside: cells out of their
				   columns */
	size_t	files;		/* 特定個人情報ファイル blocks */
	enum pia_kind kind;	/* the form detected */
};

/**
 * Imports the text buf (len bytes, UTF-8; a NUL after it is not needed)
 * as an assessment.  name is what findings call the file.
 *
 * The form is detected from the title line ("…評価書(全項目評価書)"),
 * else from the section headings found; force (not PIA_KIND_NONE)
 * overrides the detection.
 *
 * Every recognised row goes to its place in the model; text that cannot be
 * placed is kept in <unplaced source-line="N" heading="…"> at the end of
 * the document.  Findings are appended to d with the source line, rule ids:
 *   import-unplaced     text kept in <unplaced>
 *   import-count        a declared count "(3) 件" against the entries
 *   import-option       a choice value outside its list (nearest named),
 *                       also in 変更箇所 rows whose 項目 names a choice
 *   import-optlist      the list printed after <選択肢> is not the form's
 *   import-blank        a blank choice the form needs (※, or its group
 *                       is filled)
 *   import-tick         tick notation that cannot be read, or read by the
 *                       per-document rule
 *   import-slot         a box not ticked whose "( )" text is filled
 *   import-missing      entries missing before a numbered one
 *   import-heading      a heading the form does not have
 *   import-label        a heading read as a close label of the form (info)
 *   import-path         a 変更箇所 項目 that names no heading (info)
 *   import-title        the cover names another form
 *   import-derived      printed file names unlike those given in II
 *   import-duplicate    a field or entry given twice
 *   import-conflict     two different values for a choice, date or flag
 *   import-date         a date that cannot be read
 *   import-choice       several options ticked in a single choice
 *   import-foreign      a character of another script (pia_foreign_char)
 *   import-english      an English function word inside Japanese
 *   import-placeholder  a template placeholder "(…を入力)"
 *   import-encoding     invalid UTF-8 or control characters replaced
 *   import-kind, import-input, oom   failures (NULL returned)
 * The texts are those of model/catalogue.def, section "import".
 *
 * Entries keep the number printed in the source: "委託事項4" becomes
 * <task id="task-4"> in the fourth place.  Numbers missing before it
 * (pages missing) get empty entries with their ids (nothing invented) and
 * an "import-missing" finding; entries of the second and later 特定個人
 * 情報ファイル are prefixed ("f2-task-1").  Printed but empty entries
 * ("提供先1" with blank cells) are dropped.
 *
 * The result always has the shape of the schema of its kind (incomplete
 * drafts included).  Returns NULL only on failure (out of memory, invalid
 * UTF-8 beyond repair, or no form recognisable), with an error finding.
 * stats may be NULL.
 */
struct pia_doc	*pia_import(const char *buf, size_t len, const char *name,
		    const struct pia_vocab *, enum pia_kind force,
		    struct pia_import_stats *stats, struct pia_diags *d);

/** The same reading the file path ("-" is standard input). */
struct pia_doc	*pia_import_file(const char *path, const char *name,
		    const struct pia_vocab *, enum pia_kind force,
		    struct pia_import_stats *stats, struct pia_diags *d);

#endif /* PIA_IMPORT_H */
