/*
 * report.c: findings as SARIF 2.1.0 (GitHub code scanning, other SARIF
 * viewers), as JUnit XML (GitLab, Jenkins test reports; the Ant schema in
 * tests/formats/junit-ant.xsd) and as GitHub Actions workflow commands.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
	const char	*desc;		/* in lang, or NULL */
	const char	*set;		/* title of its rule set, or NULL */
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

/* The rule id as a SARIF rule name: "req-missing" -> "ReqMissing"; a
 * one-word id gets "Check" ("schema" -> "SchemaCheck"), as a name that
 * differs from its id only in case is one the SARIF validator refuses
 * (SARIF1001). */
static void
json_rule_name(FILE *f, const char *id)
{
	int up = 1, words = 0;

	fputc('"', f);
	for (; *id; id++) {
		if ((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		    (*id >= '0' && *id <= '9')) {
			fputc(up && *id >= 'a' && *id <= 'z' ? *id - 'a' + 'A' :
			    *id, f);
			up = 0;
		} else {
			up = 1;
			words++;
		}
	}
	fputs(words ? "\"" : "Check\"", f);
}

/* FNV-1a 64 over the fields that identify a finding whatever its line:
 * rule, file, XPath, English message. */
static uint64_t
fingerprint(const struct pia_diag *g)
{
	const char	*part[4] = { g->rule, g->file, g->xpath, g->msg_en };
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;
	const unsigned char *u;

	for (i = 0; i < 4; i++) {
		for (u = (const unsigned char *)(part[i] ? part[i] : "");
		    *u; u++)
			h = (h ^ *u) * 0x100000001b3ULL;
		h = (h ^ 0x1f) * 0x100000001b3ULL;
	}
	return h;
}

static void
sarif_rule(FILE *f, const struct ruleref *r)
{
	const char	*desc = r->desc ? r->desc : r->id;
	char		*help = NULL;

	fputs("{\"id\":", f);
	json_str(f, r->id);
	fputs(",\"name\":", f);
	json_rule_name(f, r->id);
	fputs(",\"shortDescription\":{\"text\":", f);
	json_str(f, desc);
	fputs("},\"fullDescription\":{\"text\":", f);
	if (r->set != NULL && asprintf(&help, "%s: %s", r->set, desc) < 0)
		help = NULL;
	json_str(f, help ? help : desc);
	free(help);
	help = NULL;
	fputs("},\"help\":{\"text\":", f);
	if (r->source != NULL && asprintf(&help, "%s (%s)", desc,
	    r->source) < 0)
		help = NULL;
	json_str(f, help ? help : desc);
	free(help);
	fprintf(f, "},\"defaultConfiguration\":{\"level\":\"%s\"}",
	    sarif_level(r->level));
	if (r->source != NULL) {
		fputs(",\"properties\":{\"source\":", f);
		json_str(f, r->source);
		fputs("}", f);
	}
	fputs("}", f);
}

static void
sarif_result(FILE *f, const struct pia_diag *g, int index)
{
	char	*text = NULL;

	if (asprintf(&text, "%s%s%s%s", pia_diag_msg(g, lang),
	    g->source ? " (" : "", g->source ? g->source : "",
	    g->source ? ")" : "") < 0)
		text = NULL;
	fputs("{\"ruleId\":", f);
	json_str(f, g->rule ? g->rule : "pia");
	if (index >= 0)
		fprintf(f, ",\"ruleIndex\":%d", index);
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
		fputs(",\"logicalLocations\":[{\"fullyQualifiedName\":", f);
		json_str(f, g->xpath);
		fputs(",\"kind\":\"element\"}]", f);
	}
	fprintf(f, "}],\"partialFingerprints\":{\"piaFinding/v1\":"
	    "\"%016llx\"},\"properties\":{\"message_ja\":",
	    (unsigned long long)fingerprint(g));
	json_str(f, g->msg_ja);
	fputs(",\"message_en\":", f);
	json_str(f, g->msg_en);
	fputs("}}", f);
	free(text);
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
	 * xml, io) as they occur.  A rule id may name several checks (one
	 * per assert): the first describes it. */
	for (i = 0; i < nchecks; i++)
		if (pia_validator_rule(val, i, &r) == 0 && r.file != NULL &&
		    rule_index(v, n, r.id) < 0) {
			v[n].id = r.id;
			v[n].level = r.level;
			v[n].desc = L(r.desc_ja, r.desc_en);
			v[n].set = r.set_title;
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
	fputs(",\"semanticVersion\":", f);
	json_str(f, PIA_VERSION);
	fputs(",\"rules\":[", f);
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		sarif_rule(f, &v[i]);
	}
	fputs("]}},\"automationDetails\":{\"id\":\"pia-validate/\"},"
	    "\"columnKind\":\"unicodeCodePoints\",\"results\":[", f);
	for (i = 0; i < pia_diags_count(d); i++) {
		const struct pia_diag *g = pia_diags_get(d, i);

		if (i)
			fputc(',', f);
		sarif_result(f, g, g->rule ? rule_index(v, n, g->rule) : -1);
	}
	fputs("]}]}\n", f);
	free(v);
}

/* A finding that says the file could not be read (an error of the run,
 * not of the document). */
static int
is_error(const struct pia_diag *g)
{
	return g->rule != NULL && (strcmp(g->rule, "io") == 0 ||
	    strcmp(g->rule, "oom") == 0);
}

static int
is_failure(const struct pia_diag *g, int strict)
{
	return !is_error(g) && (g->level == PIA_ERROR ||
	    (strict && g->level == PIA_WARNING));
}

/* "FILE:LINE: level: [rule] message (clause)" and the XPath. */
static void
junit_text(FILE *f, const struct pia_diag *g)
{
	xml_str(f, g->file ? g->file : "pia");
	if (g->line > 0)
		fprintf(f, ":%ld", g->line);
	fprintf(f, ": %s: [", pia_level_name(g->level));
	xml_str(f, g->rule ? g->rule : "pia");
	fputs("] ", f);
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
}

/* The test name: rule id and XPath, which do not move when lines are
 * added above; the k-th repeat of a name in a file gets " #k". */
static void
junit_name(FILE *f, const struct pia_diag *g, size_t k)
{
	xml_str(f, g->rule ? g->rule : "pia");
	if (g->xpath != NULL) {
		fputc(' ', f);
		xml_str(f, g->xpath);
	}
	if (k > 1)
		fprintf(f, " #%zu", k);
}

static int
same_name(const struct pia_diag *a, const struct pia_diag *b)
{
	return strcmp(a->rule ? a->rule : "pia", b->rule ? b->rule : "pia")
	    == 0 && strcmp(a->xpath ? a->xpath : "", b->xpath ? b->xpath :
	    "") == 0;
}

static void
junit_case(FILE *f, const struct pia_diag *g, const char *suite, size_t k,
    int strict)
{
	const char *el = is_error(g) ? "error" : "failure";

	fputs("    <testcase classname=\"", f);
	xml_str(f, suite);
	fputs("\" name=\"", f);
	junit_name(f, g, k);
	fputs("\" time=\"0\"", f);
	if (!is_error(g) && !is_failure(g, strict)) {
		fputs("/>\n", f);
		return;
	}
	fprintf(f, ">\n      <%s type=\"", el);
	xml_str(f, g->rule ? g->rule : "pia");
	fputs("\" message=\"", f);
	xml_str(f, pia_diag_msg(g, lang));
	fputs("\">", f);
	junit_text(f, g);
	fprintf(f, "</%s>\n    </testcase>\n", el);
}

static int
in_file(const struct pia_diag *g, const char *file)
{
	return g->file != NULL && strcmp(g->file, file) == 0;
}

/* One <testsuite> per file, laid out as the Ant schema wants it:
 * properties, the test cases, system-out (findings that do not fail),
 * system-err. */
static void
junit_suite(FILE *f, const struct pia_diags *d, const struct vresult *r,
    size_t id, const char *stamp, const char *host, int strict)
{
	size_t	 j, k, n = 0, fails = 0, errs = 0, pass;

	for (j = 0; j < pia_diags_count(d); j++) {
		const struct pia_diag *g = pia_diags_get(d, j);

		if (!in_file(g, r->file))
			continue;
		n++;
		fails += is_failure(g, strict);
		errs += is_error(g);
	}
	pass = n == 0;
	if (r->failed && errs == 0)
		errs = 1, pass = 1;
	fputs("  <testsuite package=\"pia\" id=\"", f);
	fprintf(f, "%zu\" name=\"", id);
	xml_str(f, r->file);
	fprintf(f, "\" timestamp=\"%s\" hostname=\"", stamp);
	xml_str(f, host);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	    "time=\"%.3f\">\n    <properties/>\n", n + pass, fails, errs,
	    r->secs);
	if (pass) {
		fputs("    <testcase classname=\"", f);
		xml_str(f, r->file);
		fprintf(f, "\" name=\"pia validate\" time=\"%.3f\"%s\n",
		    r->secs, r->failed ? ">\n      <error type=\"system\"/>\n"
		    "    </testcase>" : "/>");
	}
	for (j = 0; j < pia_diags_count(d); j++) {
		const struct pia_diag *g = pia_diags_get(d, j);

		if (!in_file(g, r->file))
			continue;
		for (k = 1, n = 0; n < j; n++)
			if (in_file(pia_diags_get(d, n), r->file) &&
			    same_name(pia_diags_get(d, n), g))
				k++;
		junit_case(f, g, r->file, k, strict);
	}
	fputs("    <system-out>", f);
	for (j = 0; j < pia_diags_count(d); j++) {
		const struct pia_diag *g = pia_diags_get(d, j);

		if (in_file(g, r->file) && !is_failure(g, strict) &&
		    !is_error(g)) {
			junit_text(f, g);
			fputs("&#10;", f);
		}
	}
	fputs("</system-out>\n    <system-err/>\n  </testsuite>\n", f);
}

void
print_junit(FILE *f, const struct pia_diags *d, const struct vresult *res,
    size_t nres, int strict)
{
	char		 stamp[32], host[256];
	const char	*sde = getenv("SOURCE_DATE_EPOCH");
	time_t		 now = sde != NULL ? (time_t)strtoll(sde, NULL, 10) :
			    time(NULL);
	struct tm	 tm;
	size_t		 i;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		strcpy(stamp, "1970-01-01T00:00:00");
	if (gethostname(host, sizeof(host)) == -1 || host[0] == '\0')
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", f);
	for (i = 0; i < nres; i++)
		junit_suite(f, d, &res[i], i, stamp, host, strict);
	fputs("</testsuites>\n", f);
}

/* A workflow command's data (%, CR, LF escaped) or, with prop, one of
 * its properties (also : and ,); invalid UTF-8 as U+FFFD. */
static void
gh_str(FILE *f, const char *s, int prop)
{
	const unsigned char	*u = (const unsigned char *)(s ? s : "");
	size_t			 n;

	while (*u) {
		if (*u == '%')
			fputs("%25", f);
		else if (*u == '\r')
			fputs("%0D", f);
		else if (*u == '\n')
			fputs("%0A", f);
		else if (prop && *u == ':')
			fputs("%3A", f);
		else if (prop && *u == ',')
			fputs("%2C", f);
		else if ((n = utf8_len(u)) == 0)
			fputs("\xEF\xBF\xBD", f);
		else {
			while (n-- > 0)
				fputc(*u++, f);
			continue;
		}
		u++;
	}
}

void
print_github(FILE *f, const struct pia_diags *d)
{
	size_t i;

	for (i = 0; i < pia_diags_count(d); i++) {
		const struct pia_diag	*g = pia_diags_get(d, i);
		const char		*cmd = g->level == PIA_ERROR ? "error" :
					    g->level == PIA_WARNING ? "warning" :
					    "notice";

		fprintf(f, "::%s ", cmd);
		if (g->file != NULL) {
			fputs("file=", f);
			gh_str(f, g->file, 1);
			if (g->line > 0)
				fprintf(f, ",line=%ld", g->line);
			fputc(',', f);
		}
		fputs("title=", f);
		gh_str(f, "pia ", 1);
		gh_str(f, g->rule ? g->rule : "pia", 1);
		fputs("::", f);
		gh_str(f, pia_diag_msg(g, lang), 0);
		if (g->source != NULL) {
			fputs(" (", f);
			gh_str(f, g->source, 0);
			fputc(')', f);
		}
		fputc('\n', f);
	}
}
