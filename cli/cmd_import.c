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
	    "\"files\":%zu,\"changes\":%zu,\"findings\":[", st->lines,
	    st->cells, st->placed, st->labels, st->values, st->layout, st->unplaced,
	    st->fragments, st->cells > st->layout ? (double)st->placed /
	    (double)(st->cells - st->layout) : 1.0, st->files, st->changes);
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

int
cmd_import(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("import");
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
	while ((ch = getopt_long(argc, argv, "o:T:", lopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'T':
			if (strcmp(optarg, "text") == 0)
				fmt = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = OUT_JSON;
			else
				return usage_error(self, "不明な出力形式です: %s "
				    "(text か json)", "unknown format: %s "
				    "(text or json)", optarg);
			break;
		case 'k':
			if ((force = pia_kind_parse(optarg)) == PIA_KIND_NONE)
				return usage_error(self, "不明な様式です: %s "
				    "(full、focused、basic)", "unknown form: %s "
				    "(full, focused or basic)", optarg);
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
		return usage_error(self, "取り込むテキストファイルを指定してくだ"
		    "さい", "no text file to import");
	if (optind + 1 < argc)
		return usage_error(self, "取り込むファイルは 1 つです: %s",
		    "one file at a time: %s", argv[optind + 1]);
	in = argv[optind];
	name = strcmp(in, "-") == 0 ? "<stdin>" : in;
	if (out != NULL && strcmp(out, "-") == 0)
		out = NULL;
	/* Never replace the text being imported. */
	if (out != NULL && strcmp(in, "-") != 0 && stat(in, &si) == 0 &&
	    stat(out, &so) == 0 && si.st_dev == so.st_dev &&
	    si.st_ino == so.st_ino)
		return usage_error(self, "出力先が入力と同じファイルです: %s",
		    "the output is the input file: %s", out);
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
		fprintf(stderr, "%s", L("pia import: 内部エラー: 取り込んだ文書が"
		    "スキーマに合いません。出力しません\n", "pia import: "
		    "internal error: the imported document does not match "
		    "the schema; nothing written\n"));
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
			pia_diags_add(sys, PIA_ERROR, "io", out, 0, NULL, NULL,
			    "書き込めません", "cannot write");
			if (f != NULL)
				fclose(f);
			goto out;
		}
		if (fclose(f) != 0) {
			pia_diags_add(sys, PIA_ERROR, "io", out, 0, NULL, NULL,
			    "書き込めません", "cannot write");
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
	fprintf(stderr, L("pia import: %s: %s、セル %zu のうち %zu を配置 "
	    "(%.1f%%、レイアウト %zu を除く)、未配置 %zu (断片 %zu)、特定個人情報ファイル "
	    "%zu、変更箇所 %zu 行、エラー %zu 件、警告 %zu 件\n",
	    "pia import: %s: %s, %zu of %zu cells placed (%.1f%%, "
	    "excluding %zu of layout), %zu unplaced (%zu fragments), %zu files, %zu change "
	    "rows, %zu errors, %zu warnings\n"), name,
	    strcmp(lang, "en") == 0 ? pia_vocab_kind_en(vocab, st.kind) :
	    pia_vocab_kind_name(vocab, st.kind),
	    strcmp(lang, "en") == 0 ? st.placed : st.cells,
	    strcmp(lang, "en") == 0 ? st.cells : st.placed,
	    st.cells > st.layout ? 100.0 * (double)st.placed /
	    (double)(st.cells - st.layout) : 100.0, st.layout, st.unplaced,
	    st.fragments,
	    st.files, st.changes, pia_diags_count_level(d, PIA_ERROR),
	    pia_diags_count_level(d, PIA_WARNING));
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
