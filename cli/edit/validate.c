/*
 * validate.c: the findings the page shows, from the validation that
 * `pia validate` runs (cli/cmd_validate.c: the schema of the kind, then
 * the built-in rule sets), compiled once and run on the tree in memory
 * after every edit.  edit_validate() is the only caller of the validators,
 * so that moving to their single entry point changes that one function.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_validators.h"
#include "edit/edit.h"

static struct pia_schema	*schema[PIA_KIND__MAX];
static struct pia_rules		*rules;
static struct pia_vocab		*vocab;

int
edit_validate(const struct pia_doc *doc, struct pia_diags *d)
{
	enum pia_kind	 k = pia_doc_kind(doc);

	if (vocab == NULL && (vocab = pia_vocab_load_default(d)) == NULL)
		return -1;
	if (schema[k] == NULL && (schema[k] = pia_schema_load(k, d)) == NULL)
		return -1;
	if (rules == NULL) {
		if ((rules = pia_rules_new(NULL)) == NULL)
			return -1;
		if (pia_rules_load_builtin(rules, d) == -1) {
			pia_rules_free(rules);
			rules = NULL;
			return -1;
		}
	}
	if (pia_schema_validate(schema[k], doc, vocab, d) < 0 ||
	    pia_rules_validate(rules, doc, vocab, d) < 0)
		return -1;
	pia_diags_sort(d);
	return 0;
}

void
edit_validate_cleanup(void)
{
	int	 k;

	for (k = 0; k < PIA_KIND__MAX; k++) {
		pia_schema_free(schema[k]);
		schema[k] = NULL;
	}
	pia_rules_free(rules);
	rules = NULL;
	pia_vocab_free(vocab);
	vocab = NULL;
}

/* The element an XPath of pia_node_xpath() names ("/a:assessment/a:files/
 * a:file[2]/a:overview"), or the deepest one found. */
static xmlNode *
from_xpath(xmlDoc *doc, const char *x)
{
	xmlNode		*e = NULL, *c;
	const char	*p = x, *end, *br;
	size_t		 len;
	long		 want, i;

	while (p != NULL && *p == '/') {
		p++;
		if (strncmp(p, "a:", 2) != 0)
			break;
		p += 2;
		end = p + strcspn(p, "/");
		br = memchr(p, '[', (size_t)(end - p));
		len = (size_t)((br ? br : end) - p);
		want = br ? strtol(br + 1, NULL, 10) : 1;
		c = e == NULL ? xmlDocGetRootElement(doc) : e->children;
		for (i = 0; c != NULL; c = e == NULL ? NULL : c->next) {
			if (c->type == XML_ELEMENT_NODE &&
			    strlen((const char *)c->name) == len &&
			    strncmp((const char *)c->name, p, len) == 0 &&
			    ++i == want)
				break;
		}
		if (c == NULL)
			break;
		e = c;
		p = end;
	}
	return e;
}

void
edit_findings_json(FILE *f, const struct pia_diags *d, xmlDoc *doc,
    const char *lang)
{
	const struct pia_diag	*g;
	xmlNode			*e;
	char			*addr;
	size_t			 i;

	fputs("\"findings\":[", f);
	for (i = 0; i < pia_diags_count(d); i++) {
		g = pia_diags_get(d, i);
		e = g->xpath != NULL ? from_xpath(doc, g->xpath) : NULL;
		addr = e != NULL ? edit_addr(e) : NULL;
		fprintf(f, "%s{\"level\":\"%s\",\"rule\":", i ? "," : "",
		    pia_level_name(g->level));
		json_str(f, g->rule);
		fputs(",\"msg\":", f);
		json_str(f, pia_diag_msg(g, lang));
		fputs(",\"source\":", f);
		json_str(f, g->source);
		fputs(",\"addr\":", f);
		json_str(f, addr != NULL ? addr : "");
		fprintf(f, ",\"line\":%ld}", g->line);
		free(addr);
	}
	fputc(']', f);
}
