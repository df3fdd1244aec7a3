/*
 * cmd_help.c: pia help [COMMAND], and pia help findings: every finding
 * pia can report, from the catalogue (model/catalogue.def) and from the
 * built-in rule sets (validators/rules/NAME.sch, as the validator
 * compiles them).
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
 * The checks of the built-in rule sets, as the validator compiled them
 * (validators/validate.c): id, level, clause and description, grouped by
 * rule file.  The schema stage is not a rule set of its own here: its
 * findings are the catalogue's.
 */
static int
list_rules(struct listing *l, struct pia_diags *d)
{
	struct pia_validate_opts	 o;
	struct pia_validator		*v;
	struct pia_rule_info		 ri;
	struct finding			*f;
	enum pia_vstatus		 st;
	const char			*prev = NULL, *base;
	char				*name, *rel;
	size_t				 i, n;
	int				 rc = -1;

	memset(&o, 0, sizeof(o));
	if ((v = pia_validator_new(&o, &st, d)) == NULL)
		return -1;
	n = pia_validator_rule_count(v);
	for (i = 0; i < n; i++) {
		if (pia_validator_rule(v, i, &ri) == -1 || ri.file == NULL)
			continue;
		if (prev == NULL || strcmp(prev, ri.file) != 0) {
			prev = ri.file;
			base = strrchr(ri.file, '/');
			base = base != NULL ? base + 1 : ri.file;
			name = strndup(base, strcspn(base, "."));
			if (asprintf(&rel, "validators/rules/%s", base) < 0)
				rel = NULL;
			if (add_set(l, name, dupnull(ri.set_title), rel) == -1)
				goto oom;
		}
		if ((f = add_finding(l)) == NULL)
			goto oom;
		f->level = ri.level;
		f->rule = strdup(ri.id);
		f->source = dupnull(ri.clause);
		f->ja = dupnull(ri.desc_ja);
		f->en = dupnull(ri.desc_en);
		if (f->rule == NULL || (ri.clause != NULL && f->source == NULL) ||
		    f->ja == NULL || f->en == NULL)
			goto oom;
	}
	rc = 0;
	goto out;
oom:
	l->oom = 1;
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
out:
	pia_validator_free(v);
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
	struct listing		 l;
	struct pia_diags	*d = NULL;
	int			 ch, json = 0, rc = EXIT_SYSTEM;

	memset(&l, 0, sizeof(l));
	optind = 1;
	while ((ch = opts_next(self, argc, argv, "T:", NULL, &rc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			return rc;
		case 'T':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") == 0)
				json = 0;
			else
				return usage_error(self,
				    PIA_M_CLI_FORMAT_TEXT_JSON, optarg);
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
	if (!l.oom)
		list_rules(&l, d);
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
help_command(const struct cmd *c)
{
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

/* pia help [--lang L] [COMMAND [--lang L] | findings ...] */
int
cmd_help(int argc, char **argv)
{
	const struct cmd	*c, *self = cmd_find("help");
	int			 ch, rc;

	optind = 1;
	while ((ch = opts_next(self, argc, argv, "+", NULL, &rc)) != -1)
		if (ch == OPTS_EXIT)
			return rc;
	argc -= optind - 1;
	argv += optind - 1;
	if (argc > 1 && strcmp(argv[1], "findings") == 0)
		return help_findings(self, argc - 1, argv + 1);
	if (argc > 1 && (c = cmd_find(argv[1])) != NULL) {
		optind = 1;
		argc--;
		argv++;
		while ((ch = opts_next(self, argc, argv, "", NULL, &rc)) != -1)
			if (ch == OPTS_EXIT)
				return rc;
		if (optind != argc)
			return usage_error(self, PIA_M_CLI_EXTRA_ARG,
			    argv[optind]);
		return help_command(c);
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
