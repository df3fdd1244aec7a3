/*
 * report.c: findings as SARIF 2.1.0 (GitHub code scanning, other SARIF
 * viewers) and as JUnit XML (GitLab, Jenkins test reports).
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_validators.h"

static const char *
sarif_level(enum pia_level l)
{
	return l == PIA_ERROR ? "error" : l == PIA_WARNING ? "warning" : "note";
}

struct ruleref {
	const char	*id;
	enum pia_level	 level;
	const char	*source;
};

static int
rule_index(struct ruleref *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* A file name as a URI reference: relative paths stay relative (GitHub
 * resolves them against the repository), absolute ones become file://
 * URIs; bytes outside the unreserved set are percent-encoded. */
static void
json_uri(FILE *f, const char *path)
{
	const unsigned char *u = (const unsigned char *)path;

	fputc('"', f);
	if (*u == '/')
		fputs("file://", f);
	for (; *u; u++) {
		if ((*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		    (*u >= '0' && *u <= '9') || strchr("-._~/", *u) != NULL)
			fputc(*u, f);
		else
			fprintf(f, "%%%02X", *u);
	}
	fputc('"', f);
}

void
print_sarif(FILE *f, const struct pia_diags *d, const struct pia_validator *val)
{
	size_t		 nchecks = val ? pia_validator_rule_count(val) : 0;
	size_t		 cap = nchecks + pia_diags_count(d) + 1, n = 0, i;
	struct ruleref	*v = calloc(cap, sizeof(*v));
	struct pia_rule_info r;

	if (v == NULL)
		return;
	/* Every check of the rule sets, then the stages' own ids (schema,
	 * xml, io) as they occur. */
	for (i = 0; i < nchecks; i++)
		if (pia_validator_rule(val, i, &r) == 0 && r.file != NULL) {
			v[n].id = r.id;
			v[n].level = r.level;
			v[n++].source = r.clause;
		}
	for (i = 0; i < pia_diags_count(d); i++) {
		const struct pia_diag *g = pia_diags_get(d, i);

		if (g->rule != NULL && rule_index(v, n, g->rule) < 0) {
			v[n].id = g->rule;
			v[n].level = PIA_ERROR;
			v[n++].source = g->source;
		}
	}
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	    "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
	    "\"name\":\"pia\",\"version\":", f);
	json_str(f, PIA_VERSION);
	fputs(",\"rules\":[", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s{\"id\":", i ? "," : "");
		json_str(f, v[i].id);
		fputs(",\"shortDescription\":{\"text\":", f);
		json_str(f, v[i].id);
		fputs("}", f);
		if (v[i].source != NULL) {
			fputs(",\"help\":{\"text\":", f);
			json_str(f, v[i].source);
			fputs("}", f);
		}
		fprintf(f, ",\"defaultConfiguration\":{\"level\":\"%s\"}",
		    sarif_level(v[i].level));
		if (v[i].source != NULL) {
			fputs(",\"properties\":{\"source\":", f);
			json_str(f, v[i].source);
			fputs("}", f);
		}
		fputs("}", f);
	}
	fputs("]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[", f);
	for (i = 0; i < pia_diags_count(d); i++) {
		const struct pia_diag	*g = pia_diags_get(d, i);
		char			*text = NULL;

		if (asprintf(&text, "%s%s%s%s", pia_diag_msg(g, lang),
		    g->source ? " (" : "", g->source ? g->source : "",
		    g->source ? ")" : "") < 0)
			text = NULL;
		fprintf(f, "%s{\"ruleId\":", i ? "," : "");
		json_str(f, g->rule ? g->rule : "pia");
		if (g->rule != NULL)
			fprintf(f, ",\"ruleIndex\":%d", rule_index(v, n,
			    g->rule));
		fprintf(f, ",\"level\":\"%s\",\"message\":{\"text\":",
		    sarif_level(g->level));
		json_str(f, text ? text : pia_diag_msg(g, lang));
		fputs("},\"locations\":[{\"physicalLocation\":{"
		    "\"artifactLocation\":{\"uri\":", f);
		json_uri(f, g->file ? g->file : "pia");
		fputs("}", f);
		if (g->line > 0)
			fprintf(f, ",\"region\":{\"startLine\":%ld}", g->line);
		fputs("}", f);
		if (g->xpath != NULL) {
			fputs(",\"logicalLocations\":[{\"fullyQualifiedName\":",
			    f);
			json_str(f, g->xpath);
			fputs(",\"kind\":\"element\"}]", f);
		}
		fputs("}],\"properties\":{\"message_ja\":", f);
		json_str(f, g->msg_ja);
		fputs(",\"message_en\":", f);
		json_str(f, g->msg_en);
		fputs("}}", f);
		free(text);
	}
	fputs("]}]}\n", f);
	free(v);
}

static void
xml_str(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++)
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\n':
			fputs("&#10;", f);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				fputc(*s, f);
		}
}

static void
junit_case(FILE *f, const struct pia_diag *g, const char *suite, int strict)
{
	int fail = g->level == PIA_ERROR || (strict && g->level == PIA_WARNING);

	fputs("    <testcase classname=\"", f);
	xml_str(f, suite);
	fputs("\" name=\"", f);
	fprintf(f, "[%s] ", g->rule ? g->rule : "pia");
	if (g->line > 0)
		fprintf(f, "%s %ld: ", pia_msg_fmt(PIA_M_VAL_JUNIT_LINE, lang),
		    g->line);
	xml_str(f, pia_diag_msg(g, lang));
	fputs("\">\n", f);
	if (fail) {
		fprintf(f, "      <failure type=\"%s\" message=\"",
		    pia_level_name(g->level));
		xml_str(f, pia_diag_msg(g, lang));
		fputs("\">", f);
	} else
		fputs("      <system-out>", f);
	if (g->line > 0)
		fprintf(f, "%s:%ld: ", g->file ? g->file : "pia", g->line);
	else
		fprintf(f, "%s: ", g->file ? g->file : "pia");
	fprintf(f, "%s: [%s] ", pia_level_name(g->level), g->rule ? g->rule :
	    "pia");
	xml_str(f, pia_diag_msg(g, lang));
	if (g->source != NULL) {
		fputs(" (", f);
		xml_str(f, g->source);
		fputs(")", f);
	}
	if (g->xpath != NULL) {
		fputs("&#10;XPath: ", f);
		xml_str(f, g->xpath);
	}
	fprintf(f, "</%s>\n    </testcase>\n", fail ? "failure" : "system-out");
}

void
print_junit(FILE *f, const struct pia_diags *d, const struct vresult *res,
    size_t nres, int strict)
{
	size_t	 i, j, tests = 0, fails = 0, n;
	int	 fail;

	/* Findings come grouped by file, in the order of res. */
	for (i = 0; i < pia_diags_count(d); i++) {
		const struct pia_diag *g = pia_diags_get(d, i);

		tests++;
		fails += g->level == PIA_ERROR ||
		    (strict && g->level == PIA_WARNING);
	}
	for (i = 0; i < nres; i++)
		if (res[i].errors + res[i].warnings == 0)
			tests++;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"pia validate\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\">\n", tests, fails);
	for (i = 0; i < nres; i++) {
		n = 0;
		fail = 0;
		for (j = 0; j < pia_diags_count(d); j++) {
			const struct pia_diag *g = pia_diags_get(d, j);

			if (g->file != NULL && strcmp(g->file, res[i].file) == 0) {
				n++;
				fail += g->level == PIA_ERROR ||
				    (strict && g->level == PIA_WARNING);
			}
		}
		fputs("  <testsuite name=\"", f);
		xml_str(f, res[i].file);
		fprintf(f, "\" tests=\"%zu\" failures=\"%d\" errors=\"0\">\n",
		    n ? n : 1, fail);
		if (n == 0) {
			fputs("    <testcase classname=\"", f);
			xml_str(f, res[i].file);
			fprintf(f, "\" name=\"pia validate\"/>\n");
		}
		for (j = 0; j < pia_diags_count(d); j++) {
			const struct pia_diag *g = pia_diags_get(d, j);

			if (g->file != NULL && strcmp(g->file, res[i].file) == 0)
				junit_case(f, g, res[i].file, strict);
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
}
