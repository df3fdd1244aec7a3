/* test_doc.c: safe loading and atomic saving of assessments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pia.h"

#define HEAD "<assessment xmlns=\"urn:pia:assessment:1\" kind=\"full\">"

/* Loads buf and expects failure with a finding containing want. */
static void
expect_refused(const char *buf, size_t len, const char *want, long line)
{
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;
	const struct pia_diag	*g;

	doc = pia_doc_load_memory(buf, len, "t.xml", d);
	assert_null(doc);
	assert_true(pia_diags_count(d) >= 1);
	g = pia_diags_get(d, 0);
	assert_int_equal(g->level, PIA_ERROR);
	assert_string_equal(g->file, "t.xml");
	if (strstr(g->msg_ja, want) == NULL && strstr(g->msg_en, want) == NULL)
		fail_msg("finding \"%s\" lacks \"%s\"", g->msg_en, want);
	if (line >= 0)
		assert_int_equal(g->line, line);
	pia_diags_free(d);
}

static void
loads_minimal(void **state)
{
	const char		*s = HEAD "<cover><title>x</title></cover>"
				    "</assessment>";
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;

	(void)state;
	doc = pia_doc_load_memory(s, strlen(s), "m.xml", d);
	assert_non_null(doc);
	assert_int_equal(pia_doc_kind(doc), PIA_KIND_FULL);
	assert_string_equal(pia_doc_name(doc), "m.xml");
	assert_int_equal(pia_diags_count(d), 0);
	pia_doc_free(doc);
	pia_doc_free(NULL);
	pia_diags_free(d);
}

static void
refuses_malformed(void **state)
{
	const char *s = HEAD "\n<cover>\n<title>x</cover></assessment>";

	(void)state;
	expect_refused(s, strlen(s), "not well-formed", 3);
}

static void
refuses_doctype_and_xxe(void **state)
{
	const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" HEAD
	    "<cover><title>&x;</title></cover></assessment>";
	const char *ext = "<!DOCTYPE a SYSTEM \"http://example.com/a.dtd\">"
	    HEAD "</assessment>";

	(void)state;
	expect_refused(xxe, strlen(xxe), "DOCTYPE", -1);
	expect_refused(ext, strlen(ext), "DOCTYPE", -1);
}

static void
refuses_entity_bomb(void **state)
{
	const char *bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	    "<!ENTITY lol \"lol\">\n"
	    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    "]>\n" HEAD "<cover><title>&lol2;</title></cover></assessment>";

	(void)state;
	expect_refused(bomb, strlen(bomb), "DOCTYPE", -1);
}

static void
refuses_undefined_entity(void **state)
{
	const char *s = HEAD "<cover><title>&foo;</title></cover></assessment>";

	(void)state;
	expect_refused(s, strlen(s), "not well-formed", 1);
}

static void
refuses_deep_nesting(void **state)
{
	size_t	 depth = 1000, i;
	char	*buf = malloc(depth * 8 + 256), *p = buf;

	(void)state;
	p += sprintf(p, HEAD);
	for (i = 0; i < depth; i++)
		p += sprintf(p, "<p>");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "</p>");
	p += sprintf(p, "</assessment>");
	expect_refused(buf, (size_t)(p - buf), "nested too deeply", -1);
	free(buf);
}

static void
refuses_huge(void **state)
{
	size_t	 len = (size_t)PIA_MAX_INPUT + 10;
	char	*buf = malloc(len);

	(void)state;
	memset(buf, ' ', len);
	expect_refused(buf, len, "too large", -1);
	free(buf);
}

static void
refuses_wrong_root_and_kind(void **state)
{
	const char *r = "<html/>";
	const char *k = "<assessment xmlns=\"urn:pia:assessment:1\" "
	    "kind=\"big\"/>";
	const char *n = "<assessment kind=\"full\"/>";

	(void)state;
	expect_refused(r, strlen(r), "not an assessment", 1);
	expect_refused(k, strlen(k), "invalid kind", 1);
	expect_refused(n, strlen(n), "not an assessment", 1);
}

static void
refuses_bad_encoding(void **state)
{
	const char s[] = HEAD "<cover><title>\xff\xfe</title></cover>"
	    "</assessment>";

	(void)state;
	expect_refused(s, sizeof(s) - 1, "not well-formed", 1);
}

static void
line_numbers_kept(void **state)
{
	const char		*s = HEAD "\n<cover>\n\n<title>x</title>"
				    "</cover></assessment>";
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc;
	xmlNode			*t;
	char			*xp;

	(void)state;
	doc = pia_doc_load_memory(s, strlen(s), "m.xml", d);
	assert_non_null(doc);
	t = xmlDocGetRootElement(pia_doc_xml(doc))->children->next;
	t = t->children->next;
	assert_string_equal((const char *)t->name, "title");
	assert_int_equal(pia_node_line(t), 4);
	xp = pia_node_xpath(t);
	assert_string_equal(xp, "/a:assessment/a:cover/a:title");
	free(xp);
	pia_doc_free(doc);
	pia_diags_free(d);
}

static int
count_entries(const char *dir)
{
	DIR		*dp = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(dp);
	return n;
}

static void
save_is_atomic(void **state)
{
	char			 dir[] = "/tmp/pia-test-XXXXXX", path[256];
	const char		*s = HEAD "<cover><title>題名</title></cover>"
				    "</assessment>";
	struct pia_diags	*d = pia_diags_new();
	struct pia_doc		*doc, *again;
	char			*buf;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.xml", dir);
	doc = pia_doc_load_memory(s, strlen(s), "m.xml", d);
	assert_non_null(doc);
	assert_int_equal(pia_doc_save(doc, path, d), 0);
	assert_int_equal(count_entries(dir), 1);
	again = pia_doc_load(path, NULL, d);
	assert_non_null(again);
	buf = pia_file_read(path, 1 << 20, NULL, d);
	assert_non_null(strstr(buf, "題名"));
	free(buf);
	/* A directory in the way: refused, nothing written. */
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0755);
	assert_int_equal(pia_doc_save(doc, path, d), -1);
	/* A folder that does not exist: refused, nothing written. */
	snprintf(path, sizeof(path), "%s/none/out.xml", dir);
	assert_int_equal(pia_doc_save(doc, path, d), -1);
	assert_int_equal(count_entries(dir), 2);
	assert_true(pia_diags_count_level(d, PIA_ERROR) == 2);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/out.xml", dir);
	unlink(path);
	rmdir(dir);
	pia_doc_free(doc);
	pia_doc_free(again);
	pia_diags_free(d);
}

static void
read_missing_file(void **state)
{
	struct pia_diags *d = pia_diags_new();

	(void)state;
	assert_null(pia_doc_load("/nonexistent/x.xml", NULL, d));
	assert_string_equal(pia_diags_get(d, 0)->file, "/nonexistent/x.xml");
	assert_non_null(strstr(pia_diags_get(d, 0)->msg_en, "cannot open"));
	pia_diags_free(d);
}

static void
loads_every_sample(void **state)
{
	static const char *const s[] = { "samples/full.xml",
	    "samples/full-prev.xml", "samples/focused.xml",
	    "samples/basic.xml" };
	static const enum pia_kind k[] = { PIA_KIND_FULL, PIA_KIND_FULL,
	    PIA_KIND_FOCUSED, PIA_KIND_BASIC };
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		struct pia_diags *d = pia_diags_new();
		struct pia_doc *doc = pia_doc_load(s[i], NULL, d);

		if (doc == NULL)
			fail_msg("%s: %s", s[i], pia_diags_count(d) ?
			    pia_diags_get(d, 0)->msg_en : "?");
		assert_int_equal(pia_doc_kind(doc), k[i]);
		pia_doc_free(doc);
		pia_diags_free(d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_minimal),
		cmocka_unit_test(refuses_malformed),
		cmocka_unit_test(refuses_doctype_and_xxe),
		cmocka_unit_test(refuses_entity_bomb),
		cmocka_unit_test(refuses_undefined_entity),
		cmocka_unit_test(refuses_deep_nesting),
		cmocka_unit_test(refuses_huge),
		cmocka_unit_test(refuses_wrong_root_and_kind),
		cmocka_unit_test(refuses_bad_encoding),
		cmocka_unit_test(line_numbers_kept),
		cmocka_unit_test(save_is_atomic),
		cmocka_unit_test(read_missing_file),
		cmocka_unit_test(loads_every_sample),
	};

	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
