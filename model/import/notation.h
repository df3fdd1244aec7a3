/*
 * notation.h: the printed notation that the importer reads, in one table.
 *
 * These are the words and marks of a published text that are not labels
 * of the form: labels, numbers, ※ marks and option texts come from
 * model/vocab.xml, the kind names and styles (全項目評価書, 様式4) from its
 * <kind> elements, and 和暦 eras from model/i18n.c (pia_wareki_parse).
 * What is left is how the text is written around them: brackets of full
 * width, tick marks, the <選択肢> marker, counts "(3) 件", periods
 * "A から B まで", page numbers.  Nothing here is a message: findings
 * come from model/catalogue.def.
 */
#ifndef PIA_IMPORT_NOTATION_H
#define PIA_IMPORT_NOTATION_H

/* Blanks and the full-width forms of ASCII punctuation, matched before
 * any NFKC folding. */
#define N_IDEO_SPACE	"\xe3\x80\x80"	/* U+3000 */
#define N_NBSP		"\xc2\xa0"	/* U+00A0 */
#define N_FW_LPAREN	"（"
#define N_FW_RPAREN	"）"
#define N_FW_PERIOD	"．"
#define N_FW_COLON	"："
#define N_FW_LBRACKET	"［"
#define N_FW_RBRACKET	"］"
#define N_FW_LT		"＜"
#define N_FW_GT		"＞"
#define N_FW_SLASH	"／"
#define N_FW_MINUS	"－"
#define N_TORT_OPEN	"〔"		/* tick boxes "〔○〕" */
#define N_TORT_CLOSE	"〕"
#define N_LENT_OPEN	"【"		/* categories "【宛名】" */
#define N_LENT_CLOSE	"】"
#define N_ELLIPSIS	"…"		/* a cut quote */
#define N_EM_DASH	"—"		/* an empty cell */

/* List punctuation. */
#define N_BULLET	"・"
#define N_COMMA		"、"
#define N_STOP		"。"

/* Numbers printed before labels: "Ⅲ" (U+2160 ... U+2169 as I ... X),
 * "(別添2)", "リスク3:" or "リスク:"; ※ and what follows it is a mark. */
#define N_ANNEX		"別添"
#define N_RISK		"リスク"
#define N_NOTE		"※"

/* Choices: the option list printed after the marker, tick marks inside
 * brackets ("[○]", "〔○〕", "[O]"), a count "(3) 件" after the options,
 * a deleted value in a change row. */
#define N_OPTIONS	"<選択肢>"
#define N_OPTIONS_FW	"＜選択肢＞"
#define N_OPTIONS_ESC	"&lt;選択肢&gt;"
#define N_OPTIONS_WORD	"選択肢"
#define N_TICKS		{ "○", "〇", "◯", "●", "✓", "✔", "Ｏ", "ｏ", "O", \
			  "o", "レ", NULL }
#define N_BOX_TICKED	"[○]"		/* a checked <input> as text */
#define N_BOX_EMPTY	"[]"
#define N_COUNT		"件"
#define N_COUNT_CHARS	"()" N_FW_LPAREN N_FW_RPAREN N_COUNT " "
#define N_DELETED	"削除"
/* What a second rendering of an option list leaves once its options are
 * taken out. */
#define N_OPTION_NOISE	{ N_OPTIONS_WORD, "<", ">", "[", "]", "(", ")", \
			  N_TORT_OPEN, N_TORT_CLOSE, "○", "O", N_BULLET, NULL }

/* Dates and periods: "令和5年4月1日(予定)", "令和5年4月頃",
 * "令和5年4月1日付け", "A から B まで", "A～B". */
#define N_PLANNED	"予定"
#define N_PLANNED_P	"(" N_PLANNED ")"
#define N_PLANNED_FW	N_FW_LPAREN N_PLANNED N_FW_RPAREN
#define N_ABOUT		"頃"
#define N_AS_OF		"付け"
#define N_PERIOD_SEPS	{ "から", "～", "〜", "~", N_FW_MINUS, NULL }
#define N_UNTIL		"まで"

/* Layout: the title "…評価書(全項目評価書)" (with the kind name), the
 * table of contents "項目一覧", page numbers "■ 12 / 30 ページ". */
#define N_TITLE		"評価書(%s)"
#define N_CONTENTS	"項目一覧"
#define N_CONTENTS_WORD	"一覧"
#define N_PAGE_WORDS	{ "ページ", "頁", "■", "□", N_FW_MINUS, N_FW_SLASH, \
			  N_IDEO_SPACE, NULL }

#endif /* PIA_IMPORT_NOTATION_H */
