/*
 * cmd_help.c: pia help [COMMAND], and pia help findings: every finding
 * pia can report, from the catalogue (model/catalogue.def) and from the
 * built-in rule sets (validators/rules/NAME.sch, read as XML from the data
 * directory as pia validate finds them).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "extern.h"
#include "pia_validators.h"

#define SCH_NS	"http://purl.oclc.org/dsdl/schematron"

/* One line of the listing: a finding of the catalogue or a rule. */
struct finding {
	size_t		 set;		/* index in sets[] */
	const char	*name;		/* catalogue name, NULL for a rule */
	char		*rule;
	enum pia_level	 level;
	char		*source;	/* clause, or NULL */
	char		*ja, *en;	/* readable messages */
};

/* A group of findings: the catalogue, or one rule set. */
struct set {
	char	*name;			/* "pia" or the rule set's NAME */
	char	*title;			/* the rule set's <title>, or NULL */
	char	*file;			/* where it comes from */
};

struct listing {
	struct finding	*f;
	size_t		 nf, capf;
	struct set	*s;
	size_t		 ns, caps;
	int		 oom;
};

static void
listing_free(struct listing *l)
{
	size_t	 i;

	for (i = 0; i < l->nf; i++) {
		free(l->f[i].rule);
		free(l->f[i].source);
		free(l->f[i].ja);
		free(l->f[i].en);
	}
	for (i = 0; i < l->ns; i++) {
		free(l->s[i].name);
		free(l->s[i].title);
		free(l->s[i].file);
	}
	free(l->f);
	free(l->s);
}

static struct finding *
add_finding(struct listing *l)
{
	struct finding	*v;
	size_t		 cap;

	if (l->nf == l->capf) {
		cap = l->capf ? l->capf * 2 : 128;
		if ((v = realloc(l->f, cap * sizeof(*v))) == NULL) {
			l->oom = 1;
			return NULL;
		}
		l->f = v;
		l->capf = cap;
	}
	v = &l->f[l->nf++];
	memset(v, 0, sizeof(*v));
	v->set = l->ns - 1;
	return v;
}

/* Starts a group; its strings are taken over (freed with the listing). */
static int
add_set(struct listing *l, char *name, char *title, char *file)
{
	struct set	*v;
	size_t		 cap;

	if (l->ns == l->caps) {
		cap = l->caps ? l->caps * 2 : 8;
		if ((v = realloc(l->s, cap * sizeof(*v))) == NULL)
			goto oom;
		l->s = v;
		l->caps = cap;
	}
	if (name == NULL || file == NULL)
		goto oom;
	l->s[l->ns++] = (struct set){ name, title, file };
	return 0;
oom:
	free(name);
	free(title);
	free(file);
	l->oom = 1;
	return -1;
}

static char *
dupnull(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

/* The findings (F entries) of the catalogue, in its order. */
static int
list_catalogue(struct listing *l)
{
	const struct pia_msg_entry	*e;
	struct finding			*f;
	int				 m;

	if (add_set(l, strdup("pia"), NULL,
	    strdup("model/catalogue.def")) == -1)
		return -1;
	for (m = 0; m < PIA_M__MAX; m++) {
		e = pia_msg_get((enum pia_msg)m);
		if (e->rule == NULL)
			continue;	/* a text, not a finding */
		if ((f = add_finding(l)) == NULL)
			return -1;
		f->name = e->name;
		f->level = (enum pia_level)e->level;
		f->rule = strdup(e->rule);
		f->source = dupnull(e->clause);
		f->ja = pia_msg_readable((enum pia_msg)m, "ja");
		f->en = pia_msg_readable((enum pia_msg)m, "en");
		if (f->rule == NULL || (e->clause != NULL &&
		    f->source == NULL) || f->ja == NULL || f->en == NULL) {
			l->oom = 1;
			return -1;
		}
	}
	return 0;
}

/*
 * Reading a rule set for the listing.  The rule engine (validators/sch.c)
 * compiles the same files to evaluate them; here only the ids, roles,
 * clauses and message texts are read, with every <value-of> and <name>
 * shown as the placeholder MSG_ARG_TEXT.
 */

static int
is_sch(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST SCH_NS) &&
	    (name == NULL || xmlStrEqual(n->name, BAD_CAST name));
}

static char *
prop(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, BAD_CAST name);
}

/* Whitespace of a rule file as the engine treats it: runs become one
 * space, none between two non-ASCII characters (Japanese text broken over
 * lines), trimmed.  Done in place. */
static void
squeeze(char *s)
{
	char	*w = s, *o = s, *e;
	int	 nl;

	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	while (*s != '\0') {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			nl = 0;
			for (e = s; *e == ' ' || *e == '\n' || *e == '\t' ||
			    *e == '\r'; e++)
				nl |= *e == '\n';
			if (*e == '\0')
				break;
			if (!(nl && w > o && (w[-1] & 0x80) && (*e & 0x80)))
				*w++ = ' ';
			s = e;
			continue;
		}
		*w++ = *s++;
	}
	*w = '\0';
}

/* The text of a message element, placeholders for what a document fills
 * in, appended to fp. */
static void
msg_text(FILE *fp, const xmlNode *n, const char *lang)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE)
			fputs((const char *)c->content, fp);
		else if (is_sch(c, "value-of") || is_sch(c, "name"))
			fputs(pia_msg_fmt(PIA_M_MSG_ARG_TEXT, lang), fp);
		else if (is_sch(c, "emph") || is_sch(c, "dir") ||
		    is_sch(c, "span"))
			msg_text(fp, c, lang);
	}
}

static char *
message(const xmlNode *n, const char *lang)
{
	FILE	*fp;
	char	*s = NULL;
	size_t	 len = 0;
	int	 err;

	if ((fp = open_memstream(&s, &len)) == NULL)
		return NULL;
	msg_text(fp, n, lang);
	err = ferror(fp);
	if (fclose(fp) != 0 || err) {
		free(s);
		return NULL;
	}
	squeeze(s);
	return s;
}

static int
is_en(const xmlNode *n)
{
	xmlChar	*l = xmlNodeGetLang(n);
	int	 en = l != NULL && strncmp((const char *)l, "en", 2) == 0;

	xmlFree(l);
	return en;
}

static const xmlNode *
diagnostic(const xmlNode *root, const char *id)
{
	const xmlNode	*d, *c;
	char		*v;
	int		 eq;

	for (d = root->children; d != NULL; d = d->next) {
		if (!is_sch(d, "diagnostics"))
			continue;
		for (c = d->children; c != NULL; c = c->next) {
			if (!is_sch(c, "diagnostic"))
				continue;
			v = prop(c, "id");
			eq = v != NULL && strcmp(v, id) == 0;
			xmlFree(v);
			if (eq)
				return c;
		}
	}
	return NULL;
}

static enum pia_level
role_level(const char *role)
{
	if (role != NULL && (strcmp(role, "warning") == 0 ||
	    strcmp(role, "warn") == 0))
		return PIA_WARNING;
	if (role != NULL && (strcmp(role, "info") == 0 ||
	    strcmp(role, "information") == 0))
		return PIA_INFO;
	return PIA_ERROR;
}

static char *
inherited_source(const xmlNode *n)
{
	xmlChar	*s;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if ((s = xmlGetNsProp(n, BAD_CAST "source",
		    BAD_CAST PIA_FUNC_NS)) != NULL)
			return (char *)s;
	return NULL;
}

/* One assert or report: its own text is in its xml:lang, the texts of
 * the diagnostics it names in theirs; a language left without text shows
 * the other's. */
static int
list_check(struct listing *l, const xmlNode *root, const xmlNode *n)
{
	struct finding	*f;
	const xmlNode	*d;
	char		*id = NULL, *role = NULL, *src = NULL, *diags = NULL;
	char		*t, *save, **slot;
	int		 rc = -1;

	if ((id = prop(n, "id")) == NULL)
		return 0;	/* the engine refuses it; nothing to list */
	if ((f = add_finding(l)) == NULL)
		goto out;
	role = prop(n, "role");
	f->level = role_level(role);
	if ((f->rule = strdup(id)) == NULL)
		goto out;
	if ((src = inherited_source(n)) != NULL &&
	    (f->source = strdup(src)) == NULL)
		goto out;
	slot = is_en(n) ? &f->en : &f->ja;
	if ((*slot = message(n, is_en(n) ? "en" : "ja")) == NULL)
		goto out;
	if ((diags = prop(n, "diagnostics")) != NULL)
		for (t = strtok_r(diags, " \t\n", &save); t != NULL;
		    t = strtok_r(NULL, " \t\n", &save)) {
			if ((d = diagnostic(root, t)) == NULL)
				continue;
			slot = is_en(d) ? &f->en : &f->ja;
			free(*slot);
			if ((*slot = message(d, is_en(d) ? "en" : "ja")) ==
			    NULL)
				goto out;
		}
	if (f->ja == NULL || *f->ja == '\0') {
		free(f->ja);
		f->ja = dupnull(f->en);
	} else if (f->en == NULL || *f->en == '\0') {
		free(f->en);
		f->en = strdup(f->ja);
	}
	if (f->ja == NULL || f->en == NULL)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		l->oom = 1;
	xmlFree(id);
	xmlFree(role);
	xmlFree(src);
	xmlFree(diags);
	return rc;
}

/* Every assert and report below n, in document order. */
static int
list_checks(struct listing *l, const xmlNode *root, const xmlNode *n)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next) {
		if (is_sch(c, "assert") || is_sch(c, "report")) {
			if (list_check(l, root, c) == -1)
				return -1;
		} else if (is_sch(c, "pattern") || is_sch(c, "rule")) {
			if (list_checks(l, root, c) == -1)
				return -1;
		}
	}
	return 0;
}

/* Lists the built-in rule set NAME; problems are findings in d. */
static int
list_ruleset(struct listing *l, const char *name, struct pia_diags *d)
{
	xmlDoc		*doc = NULL;
	const xmlNode	*root, *c;
	char		*rel = NULL, *path = NULL, *title = NULL;
	int		 rc = -1;

	if (asprintf(&rel, "validators/rules/%s.sch", name) < 0) {
		rel = NULL;
		goto oom;
	}
	if ((path = pia_data_path(rel)) == NULL) {
		pia_diag(d, PIA_M_IO_OPEN, rel, 0, NULL,
		    pia_msg_fmt(PIA_M_ERRNO_ENOENT, "ja"), strerror(ENOENT));
		goto out;
	}
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    !is_sch(root, "schema")) {
		pia_diag(d, PIA_M_XML_UNREADABLE, path, 0, NULL);
		goto out;
	}
	for (c = root->children; c != NULL && title == NULL; c = c->next)
		if (is_sch(c, "title")) {
			if ((title = (char *)xmlNodeGetContent(c)) == NULL)
				goto oom;
			squeeze(title);
		}
	/* The listing owns its strings: copy libxml2's. */
	if (add_set(l, strdup(name), dupnull(title), rel) == -1) {
		rel = NULL;
		goto oom;
	}
	rel = NULL;
	if (list_checks(l, root, root) == -1)
		goto oom;
	rc = 0;
	goto out;
oom:
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
out:
	xmlFree(title);
	xmlFreeDoc(doc);
	free(path);
	free(rel);
	return rc;
}

static void
print_text(const struct listing *l)
{
	const struct finding	*f;
	const struct set	*s;
	size_t			 i, ncat = 0;

	pia_msg_print(stdout, lang, PIA_M_CLI_FINDINGS_INTRO);
	for (i = 0; i < l->nf; i++) {
		f = &l->f[i];
		if (i == 0 || f->set != l->f[i - 1].set) {
			s = &l->s[f->set];
			putchar('\n');
			if (f->set == 0)
				pia_msg_print(stdout, lang,
				    PIA_M_CLI_FINDINGS_CATALOGUE);
			else
				pia_msg_print(stdout, lang,
				    PIA_M_CLI_FINDINGS_RULESET, s->name,
				    s->title ? s->title : "", s->file);
			fputs(":\n", stdout);
		}
		ncat += f->set == 0;
		printf("  %s: [%s] %s", pia_level_name(f->level), f->rule,
		    strcmp(lang, "en") == 0 ? f->en : f->ja);
		if (f->source != NULL)
			printf(" (%s)", f->source);
		putchar('\n');
	}
	putchar('\n');
	pia_msg_print(stdout, lang, PIA_M_CLI_FINDINGS_TOTAL, l->nf, ncat,
	    l->nf - ncat);
	putchar('\n');
}

static void
print_json(const struct listing *l)
{
	const struct finding	*f;
	size_t			 i;

	fputs("{\"findings\":[", stdout);
	for (i = 0; i < l->nf; i++) {
		f = &l->f[i];
		fputs(i ? ",\n{\"set\":" : "\n{\"set\":", stdout);
		json_str(stdout, l->s[f->set].name);
		fputs(",\"file\":", stdout);
		json_str(stdout, l->s[f->set].file);
		fputs(",\"name\":", stdout);
		json_str(stdout, f->name);
		fputs(",\"rule\":", stdout);
		json_str(stdout, f->rule);
		fputs(",\"level\":", stdout);
		json_str(stdout, pia_level_name(f->level));
		fputs(",\"source\":", stdout);
		json_str(stdout, f->source);
		fputs(",\"message\":", stdout);
		json_str(stdout, strcmp(lang, "en") == 0 ? f->en : f->ja);
		fputs(",\"message_ja\":", stdout);
		json_str(stdout, f->ja);
		fputs(",\"message_en\":", stdout);
		json_str(stdout, f->en);
		fputc('}', stdout);
	}
	fputs("\n]}\n", stdout);
}

/* pia help findings [-T text|json] [--lang ja|en] */
static int
help_findings(const struct cmd *self, int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	struct listing		 l;
	struct pia_diags	*d = NULL;
	const char *const	*n;
	int			 ch, json = 0, rc = EXIT_SYSTEM;

	memset(&l, 0, sizeof(l));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "T:", lopts, NULL)) != -1) {
		switch (ch) {
		case 'T':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") == 0)
				json = 0;
			else
				return usage_error(self,
				    PIA_M_CLI_FORMAT_TEXT_JSON, optarg);
			break;
		case 'L':
			if (opt_lang(self, optarg) != 0)
				return EXIT_USAGE;
			break;
		default:
			return usage_error(self, PIA_M_CLI_BAD_OPTION);
		}
	}
	if (optind != argc)
		return usage_error(self, PIA_M_CLI_EXTRA_ARG, argv[optind]);
	if ((d = pia_diags_new()) == NULL) {
		fprintf(stderr, "pia help: %s\n",
		    pia_msg_fmt(PIA_M_OOM, lang));
		return EXIT_SYSTEM;
	}
	if (list_catalogue(&l) == -1)
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	for (n = pia_rules_builtin; *n != NULL && !l.oom; n++)
		list_ruleset(&l, *n, d);
	if (pia_diags_count(d) > 0) {
		print_system_errors(d);
		goto out;
	}
	if (json)
		print_json(&l);
	else
		print_text(&l);
	rc = out_flush(EXIT_OK);
out:
	listing_free(&l);
	pia_diags_free(d);
	return rc;
}

int
cmd_help(int argc, char **argv)
{
	const struct cmd *c, *self = cmd_find("help");

	if (argc > 1 && strcmp(argv[1], "findings") == 0)
		return help_findings(self, argc - 1, argv + 1);
	if (argc > 1 && (c = cmd_find(argv[1])) != NULL) {
		pia_msg_print(stdout, lang, PIA_M_CLI_USAGE, c->usage);
		fputs("\n\n", stdout);
		pia_msg_print(stdout, lang, c->summary);
		putchar('\n');
		if (c->help != CMD_NO_HELP) {
			putchar('\n');
			pia_msg_print(stdout, lang, c->help);
		}
		return out_flush(EXIT_OK);
	}
	if (argc > 1)
		return usage_error(self, PIA_M_CLI_UNKNOWN_TOPIC, argv[1]);
	printf("pia %s — ", PIA_VERSION);
	pia_msg_print(stdout, lang, PIA_M_CLI_TITLE);
	fputs("\n\n", stdout);
	pia_msg_print(stdout, lang, PIA_M_CLI_USAGE, CLI_SYNOPSIS);
	fputs("\n\n", stdout);
	for (c = commands; c->name != NULL; c++) {
		printf("  %-10s ", c->name);
		pia_msg_print(stdout, lang, c->summary);
		putchar('\n');
	}
	putchar('\n');
	pia_msg_print(stdout, lang, PIA_M_CLI_HELP_FOOTER);
	putchar('\n');
	return out_flush(EXIT_OK);
}
