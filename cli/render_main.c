/*
 * render_main.c: main of pia-render, the program that links the renderer
 * (libxslt, Cairo, Pango; see exec.c for why it is a program of its
 * own).  pia runs it, once the command line is checked, with one of
 *
 *	pia-render render FORMAT ONLY OUT IN PUBLIC STRICT
 *	pia-render diff FORMAT DATE FLAGS OUT OLD NEW
 *	pia-render edit FILE PREV KIND PORT IDLE OPEN
 *
 * FORMAT is a format of pia render (pdf, html, layout, print) or of pia
 * diff (html, pdf, layout); ONLY is "changes" or "-"; OUT is a path or
 * "-"; FLAGS the flags of pia_diff() in decimal; the language comes from
 * PIA_LANG.  Exit status as pia render and pia diff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "extern.h"
#include "pia_diff.h"
#include "pia_diff_print.h"
#include "pia_templates.h"
#include "pia_validators.h"
#include "edit/edit.h"

const char	*lang = "ja";

/*
 * pia render: the document is loaded and checked against the schema of
 * its kind first: a document with errors is not rendered (exit 1), one
 * with only warnings is.
 */
static int
render(const char *format, const char *only, const char *out,
    const char *in, int public, int strict)
{
	struct pia_render_opts	 o = { PIA_RENDER_PDF, NULL, -1, 0 };
	struct pia_diags	*d;
	struct pia_vocab	*vocab = NULL;
	struct pia_schema	*schema = NULL;
	struct pia_doc		*doc = NULL;
	char			*buf = NULL;
	size_t			 len = 0;
	int			 f, rc = EXIT_SYSTEM;

	if ((f = pia_render_format_parse(format)) == -1)
		return EXIT_USAGE;
	o.format = f;
	o.only = strcmp(only, "changes") == 0 ? "changes" : NULL;
	o.public_edition = public;
	if ((d = pia_diags_new()) == NULL)
		return EXIT_SYSTEM;
	if ((vocab = pia_vocab_load_default(d)) == NULL)
		goto out;
	if ((doc = pia_doc_load(in, NULL, d)) == NULL) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	if ((schema = pia_schema_load(pia_doc_kind(doc), d)) == NULL)
		goto out;
	if (pia_schema_validate(schema, doc, vocab, d) < 0)
		goto out;
	if (pia_diags_count_level(d, PIA_ERROR) > 0) {
		pia_diag(d, PIA_M_RENDER_INVALID, pia_doc_name(doc), 0, NULL);
		rc = EXIT_FINDINGS;
		goto out;
	}
	if (pia_render(vocab, doc, &o, &buf, &len, d) == -1)
		goto out;
	if (strict && pia_diags_count_level(d, PIA_WARNING) > 0) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	if (pia_file_write_atomic(out, buf, len, d) == -1)
		goto out;
	if (strcmp(out, "-") != 0) {
		fputs("pia render: ", stderr);
		pia_msg_print(stderr, lang, PIA_M_RENDER_WROTE, out);
		fputc('\n', stderr);
	}
	rc = EXIT_OK;
out:
	/* in the order found: the schema's findings by line, then why
	 * nothing was written */
	print_findings_text(stderr, d);
	free(buf);
	pia_doc_free(doc);
	pia_schema_free(schema);
	pia_vocab_free(vocab);
	pia_diags_free(d);
	return rc;
}

/* pia diff -T html|pdf|layout (cmd_diff.c checked the command line). */
static int
diff(const char *format, const char *date, const char *flags,
    const char *out, const char *oldp, const char *newp)
{
	struct pia_diff_print	 o = { date, oldp, newp, lang };
	diff_printer		 print;

	if (strcmp(format, "html") == 0)
		print = pia_diff_print_html;
	else if (strcmp(format, "pdf") == 0)
		print = pia_diff_print_pdf;
	else if (strcmp(format, "layout") == 0)
		print = pia_diff_print_layout;
	else
		return EXIT_USAGE;
	return diff_run(print, &o, (unsigned)strtoul(flags, NULL, 10), out);
}

int
main(int argc, char *argv[])
{
	const char	*env;
	int		 rc;

	if ((env = getenv("PIA_LANG")) != NULL && strcmp(env, "en") == 0)
		lang = "en";
	if (argc == 8 && strcmp(argv[1], "render") == 0)
		rc = render(argv[2], argv[3], argv[4], argv[5],
		    strcmp(argv[6], "1") == 0, strcmp(argv[7], "1") == 0);
	else if (argc == 8 && strcmp(argv[1], "diff") == 0)
		rc = diff(argv[2], argv[3], argv[4], argv[5], argv[6],
		    argv[7]);
	else if (argc == 8 && strcmp(argv[1], "edit") == 0) {
		/* edit FILE PREV KIND PORT IDLE OPEN (checked by pia) */
		struct edit_opts o;

		o.file = argv[2];
		o.prev = strcmp(argv[3], "-") == 0 ? NULL : argv[3];
		o.kind = pia_kind_parse(argv[4]);
		o.lang = lang;
		o.port = (unsigned)strtoul(argv[5], NULL, 10);
		o.idle = (int)strtol(argv[6], NULL, 10);
		o.open = strcmp(argv[7], "1") == 0;
		rc = edit_serve(&o);
	} else {
		fputs("pia-render: ", stderr);
		pia_msg_print(stderr, lang, PIA_M_RENDER_INTERNAL);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	xmlCleanupParser();
	pia_i18n_cleanup();
	return rc;
}
