/*
 * cmd_render.c: pia render [-T pdf|html|layout|print] [-o OUT]
 *     [--only changes] [--strict] [--public] FILE
 *
 * The document is loaded and checked against the schema of its kind
 * first: a document with errors is not rendered (exit 1), one with only
 * warnings is.  The output is written atomically, so a failure leaves no
 * partial file.  Default output: FILE with .pdf (.html for -T html),
 * standard output for -T layout and -T print.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_templates.h"
#include "pia_validators.h"

/* FILE with its .xml suffix (if any) replaced by ext. */
static char *
default_output(const char *in, const char *ext)
{
	size_t	 n = strlen(in);
	char	*s;

	if (n > 4 && strcmp(in + n - 4, ".xml") == 0)
		n -= 4;
	if ((s = malloc(n + strlen(ext) + 1)) == NULL)
		return NULL;
	memcpy(s, in, n);
	strcpy(s + n, ext);
	return s;
}

int
cmd_render(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "only", required_argument, NULL, 'O' },
		{ "strict", no_argument, NULL, 'S' },
		{ "public", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("render");
	struct pia_render_opts	 o = { PIA_RENDER_PDF, NULL, -1, 0 };
	struct pia_diags	*d = NULL;
	struct pia_vocab	*vocab = NULL;
	struct pia_schema	*schema = NULL;
	struct pia_doc		*doc = NULL;
	const char		*outarg = NULL, *in;
	char			*outpath = NULL, *buf = NULL;
	size_t			 len = 0;
	int			 ch, f, rc = EXIT_SYSTEM, strict = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "T:o:", lopts, NULL)) != -1) {
		switch (ch) {
		case 'T':
			if ((f = pia_render_format_parse(optarg)) == -1)
				return usage_error(self, "不明な出力形式です: %s "
				    "(pdf, html, layout, print)",
				    "unknown format: %s (pdf, html, layout, "
				    "print)", optarg);
			o.format = f;
			break;
		case 'o':
			outarg = optarg;
			break;
		case 'O':
			if (strcmp(optarg, "changes") != 0)
				return usage_error(self, "--only は changes "
				    "だけです", "--only takes changes", optarg);
			o.only = "changes";
			break;
		case 'P':	/* the public edition */
			o.public_edition = 1;
			break;
		case 'S':	/* a warning (a missing figure) fails too */
			strict = 1;
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return lang_error(self);
			break;
		default:
			return usage_error(self, "オプションが不正です",
			    "bad option");
		}
	}
	if (optind == argc)
		return usage_error(self, "評価書のファイルを指定してください",
		    "no assessment file given");
	if (argc - optind > 1)
		return usage_error(self, "ファイルは一つだけ指定してください",
		    "give exactly one file");
	in = argv[optind];
	if (outarg != NULL)
		outpath = strdup(outarg);
	else if (o.format == PIA_RENDER_LAYOUT || o.format == PIA_RENDER_PRINT
	    || strcmp(in, "-") == 0)
		outpath = strdup("-");
	else
		outpath = default_output(in, o.format == PIA_RENDER_HTML ?
		    ".html" : ".pdf");
	if (outpath == NULL || (d = pia_diags_new()) == NULL)
		goto out;
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
		pia_diags_add(d, PIA_ERROR, "render", pia_doc_name(doc), 0,
		    NULL, NULL, "検証エラーがあるため出力しません (pia validate "
		    "で確認してください)", "not rendered because the document "
		    "does not validate (see pia validate)");
		rc = EXIT_FINDINGS;
		goto out;
	}
	if (pia_render(vocab, doc, &o, &buf, &len, d) == -1)
		goto out;
	if (strict && pia_diags_count_level(d, PIA_WARNING) > 0) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	if (pia_file_write_atomic(outpath, buf, len, d) == -1)
		goto out;
	if (strcmp(outpath, "-") != 0)
		fprintf(stderr, L("pia render: %s を書き出しました\n",
		    "pia render: wrote %s\n"), outpath);
	rc = EXIT_OK;
out:
	/* in the order found: the schema's findings by line, then why
	 * nothing was written */
	if (d != NULL)
		print_findings_text(stderr, d);
	free(buf);
	free(outpath);
	pia_doc_free(doc);
	pia_schema_free(schema);
	pia_vocab_free(vocab);
	pia_diags_free(d);
	return rc;
}
