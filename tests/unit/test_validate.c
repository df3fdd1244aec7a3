/*
 * test_validate.c: the validation pipeline (validators/validate.c): one
 * call on a file, a buffer or a loaded document; the only/skip filter and
 * the patterns that match nothing; rule files that do not load; the list
 * of rules; one validator shared by threads.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pia_validators.h"

static const char bad[] =
    "<assessment xmlns=\"urn:pia:assessment:1\" kind=\"full\">\n"
    "<cover><publication-date>2023-02-30</publication-date></cover>\n"
    "</assessment>\n";

/* Whether every finding of d has one of the rule ids of the list. */
static int
only_rules(const struct pia_diags *d, const char *const *ids)
{
	const char *const	*p;
	size_t			 i;

	for (i = 0; i < pia_diags_count(d); i++) {
		for (p = ids; *p != NULL; p++)
			if (strcmp(pia_diags_get(d, i)->rule, *p) == 0)
				break;
		if (*p == NULL)
			return 0;
	}
	return 1;
}

static void
defaults(void **state)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_validator	*v;
	struct pia_rule_info	 r;
	enum pia_vstatus	 st = PIA_VS_SYSTEM;
	enum pia_kind		 k = PIA_KIND_NONE;
	size_t			 i;
	int			 n;

	(void)state;
	v = pia_validator_new(NULL, &st, d);
	assert_non_null(v);
	assert_int_equal(st, PIA_VS_OK);
	assert_int_equal(pia_diags_count(d), 0);
	/* the schema stage first, then every check */
	assert_true(pia_validator_rule_count(v) > 40);
	assert_int_equal(pia_validator_rule(v, 0, &r), 0);
	assert_string_equal(r.id, "schema");
	assert_null(r.file);
	for (i = 1; i < pia_validator_rule_count(v); i++) {
		assert_int_equal(pia_validator_rule(v, i, &r), 0);
		assert_non_null(r.file);
		assert_true(r.line > 0);
		assert_true(*r.desc_ja != '\0' && *r.desc_en != '\0');
	}
	assert_int_equal(pia_validator_rule(v, i, &r), -1);
	/* a buffer: schema and rules, sorted by line */
	n = pia_validate_memory(v, bad, sizeof(bad) - 1, "bad.xml", &k, d);
	assert_true(n > 1);
	assert_int_equal((size_t)n, pia_diags_count(d));
	assert_int_equal(k, PIA_KIND_FULL);
	for (i = 1; i < pia_diags_count(d); i++)
		assert_true(pia_diags_get(d, i - 1)->line <=
		    pia_diags_get(d, i)->line);
	assert_string_equal(pia_diags_get(d, 0)->file, "bad.xml");
	/* not well-formed: a finding, not a failure */
	n = pia_validate_memory(v, "<assessment", 11, "cut.xml", &k, d);
	assert_true(n >= 1);
	assert_int_equal(k, PIA_KIND_NONE);
	assert_string_equal(pia_diags_get(d, pia_diags_count(d) - 1)->rule,
	    "xml");
	/* a clean sample */
	assert_int_equal(pia_validate(v, "samples/full.xml", NULL, &k, d), 0);
	assert_int_equal(k, PIA_KIND_FULL);
	pia_validator_free(v);
	pia_validator_free(NULL);
	pia_diags_free(d);
}

static void
filter(void **state)
{
	static const char *const schema_xml[] = { "schema", "xml", NULL };
	struct pia_validate_opts o;
	struct pia_diags	*d = pia_diags_new(), *e = pia_diags_new();
	struct pia_validator	*v;
	struct pia_doc		*doc;
	enum pia_vstatus	 st;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.only = "schema";
	assert_non_null(v = pia_validator_new(&o, &st, d));
	assert_int_equal(pia_validator_rule_count(v), 1);
	assert_true(pia_validator_wants(v, "schema"));
	assert_false(pia_validator_wants(v, "req-blank"));
	assert_true(pia_validator_wants(v, "xml"));
	assert_true(pia_validator_wants(v, NULL));
	doc = pia_doc_load_memory(bad, sizeof(bad) - 1, "bad.xml", e);
	assert_non_null(doc);
	assert_int_equal(pia_validate_doc(v, doc, d), 1);
	assert_true(only_rules(d, schema_xml));
	pia_doc_free(doc);
	pia_validator_free(v);

	/* skip everything but schema */
	o.only = NULL;
	o.skip = "req-*, thr-*,proc-*,cons-*,text-*,prop-*";
	assert_non_null(v = pia_validator_new(&o, &st, d));
	assert_int_equal(pia_validator_rule_count(v), 1);
	pia_validator_free(v);
	pia_diags_free(e);
	pia_diags_free(d);
}

static void
refused(void **state)
{
	static const char *const missing[] = { "no/such/rules.sch", NULL };
	struct pia_validate_opts o;
	struct pia_diags	*d = pia_diags_new();
	const struct pia_diag	*g;
	enum pia_vstatus	 st;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.only = "req-blank,req-blnk";
	assert_null(pia_validator_new(&o, &st, d));
	assert_int_equal(st, PIA_VS_FILTER);
	assert_int_equal(pia_diags_count(d), 1);
	g = pia_diags_get(d, 0);
	assert_string_equal(g->rule, "rules");
	/* names the pattern that matches nothing, and the rule ids */
	assert_non_null(strstr(g->msg_en, "--only req-blnk: "));
	assert_non_null(strstr(g->msg_en, "req-blank, "));
	assert_non_null(strstr(g->msg_ja, "req-blnk"));

	o.only = NULL;
	o.rules = missing;
	assert_null(pia_validator_new(&o, &st, d));
	assert_int_equal(st, PIA_VS_RULES);
	assert_true(pia_diags_count(d) > 1);
	pia_diags_free(d);
}

struct job {
	const struct pia_validator	*v;
	const char			*file;
	size_t				 counts[8];
};

static void *
worker(void *arg)
{
	struct job	*j = arg;
	size_t		 i;

	for (i = 0; i < sizeof(j->counts) / sizeof(j->counts[0]); i++) {
		struct pia_diags *d = pia_diags_new();

		if (pia_validate(j->v, j->file, NULL, NULL, d) == -1)
			j->counts[i] = (size_t)-1;
		else
			j->counts[i] = pia_diags_count(d);
		pia_diags_free(d);
	}
	return NULL;
}

/* One validator, three threads, the same answers as one thread. */
static void
threads(void **state)
{
	static const char *const files[] = { "tests/validate/bad-date.xml",
	    "tests/validate/bad-flag.xml", "tests/validate/bad-check.xml" };
	struct pia_validate_opts o;
	struct pia_diags	*d = pia_diags_new();
	struct pia_validator	*v;
	struct job		 j[3];
	pthread_t		 t[3];
	size_t			 want[3], i, k;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.today = "2026-06-01";
	assert_non_null(v = pia_validator_new(&o, NULL, d));
	for (i = 0; i < 3; i++) {
		struct pia_diags *e = pia_diags_new();

		assert_true(pia_validate(v, files[i], NULL, NULL, e) > 0);
		want[i] = pia_diags_count(e);
		pia_diags_free(e);
		memset(&j[i], 0, sizeof(j[i]));
		j[i].v = v;
		j[i].file = files[i];
	}
	for (i = 0; i < 3; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, &j[i]), 0);
	for (i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		for (k = 0; k < sizeof(j[i].counts) / sizeof(j[i].counts[0]);
		    k++)
			assert_int_equal(j[i].counts[k], want[i]);
	}
	pia_validator_free(v);
	pia_diags_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(filter),
		cmocka_unit_test(refused),
		cmocka_unit_test(threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
