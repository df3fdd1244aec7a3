/*
 * validate.c: the findings the page shows, from the same validation
 * pipeline as `pia validate` (validators/validate.c: the schema of the
 * kind, then the built-in rule sets), compiled once and run on the tree
 * in memory after every edit.
 */
#include <stdlib.h>
#include <string.h>

#include "../extern.h"
#include "pia_validators.h"
#include "edit.h"

static struct pia_validator	*validator;

int
edit_validate(const struct pia_doc *doc, struct pia_diags *d)
{
	struct pia_validate_opts	 o;
	enum pia_vstatus		 st;

	if (validator == NULL) {
		memset(&o, 0, sizeof(o));
		if ((validator = pia_validator_new(&o, &st, d)) == NULL)
			return -1;
	}
	return pia_validate_doc(validator, doc, d) < 0 ? -1 : 0;
}

void
edit_validate_cleanup(void)
{
	pia_validator_free(validator);
	validator = NULL;
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
