/*
 * pia_value.h: the printed value of one field of an assessment, as the
 * official form shows it (option texts, ticked boxes, 和暦 dates, periods,
 * paragraphs).  The diff's 変更前/変更後 columns and the renderer share it.
 */
#ifndef PIA_VALUE_H
#define PIA_VALUE_H

#include "pia.h"

/**
 * The printed value of document element field, a field of the kind's
 * vocabulary (pia_vocab_lookup), as a malloc'd UTF-8 string; "" when the
 * field is empty.  Per field type:
 *
 * - text: paragraphs and list items on lines of their own ("・" for ul,
 *   "1. " for ol), <br/> a line break; layout whitespace (runs holding a
 *   line end) collapsed;
 * - line, choice: the text, trimmed;
 * - checks: the ticked boxes in option-list order, "[○]税務システム、
 *   [○]その他(eLTAX連携システム)"; ticked="unknown" prints "[?]";
 * - date: 和暦 ("令和7年12月1日"), with 頃 or "(予定)" from @qualifier;
 *   lang "en" keeps ISO 8601;
 * - period: "令和7年12月1日から令和7年12月30日まで";
 * - flag: "[○]" and the label when true;
 * - items: one line per category "識別情報: 個人番号、世帯番号";
 * - image: "[src] caption" per image.
 *
 * A date that is not ISO 8601 is printed as written.  Returns NULL only
 * when out of memory.  An element the vocabulary does not know is printed
 * as its text content.
 */
char	*pia_value_text(const struct pia_vocab *, enum pia_kind,
	    const xmlNode *field, const char *lang);

/** The same for a field whose vocabulary node is already known. */
char	*pia_value_text_vn(const struct pia_vnode *, enum pia_kind,
	    const xmlNode *field, const char *lang);

#endif /* PIA_VALUE_H */
