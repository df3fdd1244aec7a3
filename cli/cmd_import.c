/*
 * cmd_import.c: pia import [-o OUT] [-T text|json] [--kind K] FILE.txt|-
 *
 * Reads the text of a published assessment, writes the model document
 * (atomically; standard output without -o) and prints the findings like
 * pia validate, with a coverage line on standard error.  The document is
 * checked against the schema of its kind before it is written: an
 * importer bug never produces an invalid file.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "extern.h"
#include "pia_import.h"
#include "pia_validators.h"

static void
print_json(FILE *f, const char *file, const struct pia_import_stats *st,
    const struct pia_diags *d)
{
	size_t	 i;

	fprintf(f, "{\"version\":\"%s\",\"file\":", PIA_VERSION);
	json_str(f, file);
	fprintf(f, ",\"kind\":");
	json_str(f, st->kind >= 0 ? pia_kind_id(st->kind) : NULL);
	fprintf(f, ",\"lines\":%zu,\"cells\":%zu,\"placed\":%zu,"
	    "\"labels\":%zu,\"values\":%zu,"
	    "\"layout\":%zu,\"unplaced\":%zu,\"fragments\":%zu,"
	    "\"coverage\":%.4f,"
	    "\"files\":%zu,\"changes\":%zu,\"changes_checked\":%zu,"
	    "\"changes_aside\":%zu,\"findings\":[", st->lines,
	    st->cells, st->placed, st->labels, st->values, st->layout, st->unplaced,
	    st->fragments, st->cells > st->layout ? (double)st->placed /
	    (double)(st->cells - st->layout) : 1.0, st->files, st->changes,
	    st->changes_checked, st->changes_aside);
	for (i = 0; i < pia_diags_count(d); i++) {
		if (i)
			fputc(',', f);
		json_finding(f, pia_diags_get(d, i));
	}
	fprintf(f, "],\"summary\":{\"errors\":%zu,\"warnings\":%zu,"
	    "\"info\":%zu}}\n", pia_diags_count_level(d, PIA_ERROR),
	    pia_diags_count_level(d, PIA_WARNING),
	    pia_diags_count_level(d, PIA_INFO));
}

/* A usage error worded by catalogue entry m. */
static int
import_usage(const struct cmd *self, enum pia_msg m, ...)
{
	va_list	 ap;
	char	*s;
	int	 rc;

	va_start(ap, m);
	s = pia_msg_vstr(lang, m, ap);
	va_end(ap);
	rc = usage_error(self, "%s", "%s", s != NULL ? s :
	    pia_msg_fmt(PIA_M_OOM, lang));
	free(s);
	return rc;
}

/* The coverage line on standard error. */
static void
print_summary(const char *name, const struct pia_vocab *vocab,
    const struct pia_import_stats *st, const struct pia_diags *d)
{
	char	*cells;

	cells = pia_msg_str(lang, PIA_M_IMPORT_SUMMARY_CELLS, st->placed,
	    st->cells, st->cells > st->layout ? 100.0 * (double)st->placed /
	    (double)(st->cells - st->layout) : 100.0, st->layout);
	pia_msg_print(stderr, lang, PIA_M_IMPORT_SUMMARY, name,
	    pia_vocab_kind_name(vocab, st->kind),
	    pia_vocab_kind_en(vocab, st->kind), cells ? cells : "",
	    st->unplaced, st->fragments, st->files, st->changes,
	    pia_diags_count_level(d, PIA_ERROR),
	    pia_diags_count_level(d, PIA_WARNING));
	if (st->changes > 0 || st->changes_aside > 0)
		pia_msg_print(stderr, lang, PIA_M_IMPORT_SUMMARY_ROWS, name,
		    st->changes, st->changes_checked, st->changes_aside);
	free(cells);
}

int
cmd_import(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "format", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("import");
	int			 orc, replace = 0;
	enum out_format		 fmt = OUT_TEXT;
	enum pia_kind		 force = PIA_KIND_NONE;
	const char		*out = NULL, *in, *name;
	struct pia_diags	*d = NULL, *sys = NULL, *chk = NULL;
	struct pia_vocab	*vocab = NULL;
	struct pia_schema	*schema = NULL;
	struct pia_doc		*doc = NULL;
	struct pia_import_stats	 st;
	xmlChar			*xml = NULL;
	int			 ch, len = 0, rc = EXIT_SYSTEM;
	FILE			*fo;
	struct stat		 si, so;

	memset(&st, 0, sizeof(st));
	st.kind = PIA_KIND_NONE;
	optind = 1;
	while ((ch = opts_next(self, argc, argv, "o:T:", lopts, &orc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			return orc;
		case 'o':
			out = optarg;
			break;
		case 'f':
			replace = 1;
			break;
		case 'T':
			if (strcmp(optarg, "text") == 0)
				fmt = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = OUT_JSON;
			else
				return import_usage(self,
				    PIA_M_IMPORT_BAD_FORMAT, optarg);
			break;
		case 'k':
			if ((force = pia_kind_parse(optarg)) == PIA_KIND_NONE)
				return import_usage(self, PIA_M_IMPORT_BAD_KIND,
				    optarg);
			break;
		default:
			return import_usage(self, PIA_M_IMPORT_BAD_OPTION);
		}
	}
	if (optind == argc)
		return import_usage(self, PIA_M_IMPORT_NO_FILE);
	if (optind + 1 < argc)
		return import_usage(self, PIA_M_IMPORT_ONE_FILE,
		    argv[optind + 1]);
	in = argv[optind];
	if ((orc = out_allowed(self, out, replace)) != 0)
		return orc;
	name = strcmp(in, "-") == 0 ? "<stdin>" : in;
	if (out != NULL && strcmp(out, "-") == 0)
		out = NULL;
	/* Never replace the text being imported. */
	if (out != NULL && strcmp(in, "-") != 0 && stat(in, &si) == 0 &&
	    stat(out, &so) == 0 && si.st_dev == so.st_dev &&
	    si.st_ino == so.st_ino)
		return import_usage(self, PIA_M_IMPORT_SAME_FILE, out);
	/* The XML goes to standard output without -o: findings to stderr. */
	fo = out != NULL ? stdout : stderr;
	if ((d = pia_diags_new()) == NULL || (sys = pia_diags_new()) == NULL ||
	    (chk = pia_diags_new()) == NULL)
		goto out;
	if ((vocab = pia_vocab_load_default(sys)) == NULL)
		goto out;
	doc = pia_import_file(in, name, vocab, force, &st, d);
	if (doc == NULL) {
		/* Unreadable input or no form: the findings say why. */
		if (pia_diags_count_level(d, PIA_ERROR) == 0)
			goto out;
		print_findings_text(stderr, d);
		rc = EXIT_SYSTEM;
		goto out2;
	}
	if ((schema = pia_schema_load(pia_doc_kind(doc), sys)) == NULL)
		goto out;
	if (pia_schema_validate(schema, doc, vocab, chk) < 0)
		goto out;
	if (pia_diags_count_level(chk, PIA_ERROR) > 0) {
		pia_msg_print(stderr, lang, PIA_M_IMPORT_NOT_SCHEMA);
		print_findings_text(stderr, chk);
		goto out2;
	}
	xmlDocDumpFormatMemoryEnc(pia_doc_xml(doc), &xml, &len, "UTF-8", 1);
	if (xml == NULL)
		goto out;
	if (out != NULL && stat(out, &so) == 0 && !S_ISREG(so.st_mode)) {
		/* A device or a pipe (-o /dev/null): written to, never
		 * replaced by a renamed temporary file. */
		FILE *f = fopen(out, "w");

		if (f == NULL || fwrite(xml, 1, (size_t)len, f) != (size_t)len) {
			pia_diag(sys, PIA_M_IMPORT_CANNOT_WRITE, out, 0, NULL);
			if (f != NULL)
				fclose(f);
			goto out;
		}
		if (fclose(f) != 0) {
			pia_diag(sys, PIA_M_IMPORT_CANNOT_WRITE, out, 0, NULL);
			goto out;
		}
	} else if (out != NULL) {
		if (pia_file_write_atomic(out, xml, (size_t)len, sys) == -1)
			goto out;
	} else if (fwrite(xml, 1, (size_t)len, stdout) != (size_t)len ||
	    fflush(stdout) != 0)
		goto out;
	pia_diags_sort(d);
	if (fmt == OUT_JSON)
		print_json(fo, name, &st, d);
	else
		print_findings_text(fo, d);
	fflush(fo);
	print_summary(name, vocab, &st, d);
	rc = pia_diags_count_level(d, PIA_ERROR) +
	    pia_diags_count_level(d, PIA_WARNING) ? EXIT_FINDINGS : EXIT_OK;
	goto out2;
out:
	if (sys != NULL)
		print_system_errors(sys);
	if (d != NULL && pia_diags_count_level(d, PIA_ERROR))
		print_findings_text(stderr, d);
out2:
	xmlFree(xml);
	pia_schema_free(schema);
	pia_doc_free(doc);
	pia_vocab_free(vocab);
	pia_diags_free(chk);
	pia_diags_free(sys);
	pia_diags_free(d);
	return rc;
}
