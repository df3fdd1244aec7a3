/*
 * validate.c: the validation pipeline, one call for the command, the
 * editor and the renderer: load the document safely, validate it against
 * the XSD of its kind, run the compiled rule sets, keep the findings that
 * the only/skip patterns want, sort them by line.  A validator compiles
 * everything once and may be shared by threads: the XSDs are compiled on
 * first use under a lock, and each thread at work takes an evaluation
 * state from a pool.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pia.h"
#include "pia_validators.h"
#include "sch.h"

/* What validating changes: the XSDs compiled so far and the evaluation
 * states not in use, under one lock. */
struct vshared {
	pthread_mutex_t		 mu;
	struct pia_schema	*schema[PIA_KIND__MAX];
	struct sch_eval		**idle;
	size_t			 nidle, capidle;
};

struct pia_validator {
	struct pia_rules	*rules;
	const struct pia_vocab	*vocab;
	struct pia_vocab	*own_vocab;	/* loaded here, else NULL */
	int			 schema_on;	/* the schema stage runs */
	const struct check	**on;		/* the checks that run */
	size_t			 non;
	struct vshared		*sh;
};

/* Appends the patterns of list that match no rule id (neither "schema"
 * nor the id of a loaded check) to *out, separated by ", ". */
static int
unmatched(const struct pia_rules *r, const char *list, char **out)
{
	char	*s, *t, *save, *o;
	size_t	 i, n = pia_rules_check_count(r);
	int	 hit, none = 1, rc = 0;

	if ((s = strdup(list)) == NULL)
		return -1;
	for (t = strtok_r(s, ", ", &save); t != NULL && rc == 0;
	    t = strtok_r(NULL, ", ", &save)) {
		none = 0;
		hit = pia_rules_match(t, "schema");
		for (i = 0; i < n && !hit; i++)
			hit = pia_rules_match(t, pia_rules_check(r, i)->id);
		if (hit)
			continue;
		if (asprintf(&o, "%s%s%s", *out ? *out : "", *out ? ", " : "",
		    t) < 0)
			rc = -1;
		else {
			free(*out);
			*out = o;
		}
	}
	/* "--only ''" names no rule at all */
	if (rc == 0 && none && *out == NULL && (*out = strdup("''")) == NULL)
		rc = -1;
	free(s);
	return rc;
}

/* "schema, req-blank, ...": every rule id, for the message of a pattern
 * that matches none. */
static char *
rule_ids(const struct pia_rules *r)
{
	size_t	 i, len = sizeof("schema");
	char	*s;

	for (i = 0; i < pia_rules_check_count(r); i++)
		len += strlen(pia_rules_check(r, i)->id) + 2;
	if ((s = malloc(len)) == NULL)
		return NULL;
	strcpy(s, "schema");
	for (i = 0; i < pia_rules_check_count(r); i++) {
		strcat(s, ", ");
		strcat(s, pia_rules_check(r, i)->id);
	}
	return s;
}

/* One finding per option whose patterns include one that matches no
 * rule id.  Returns the number of such options, or -1. */
static int
check_patterns(const struct pia_rules *r, const char *only, const char *skip,
    struct pia_diags *d)
{
	const char	*opt[2] = { "only", "skip" }, *val[2] = { only, skip };
	char		*bad, *ids = NULL;
	int		 i, n = 0;

	for (i = 0; i < 2; i++) {
		bad = NULL;
		if (val[i] == NULL)
			continue;
		if (unmatched(r, val[i], &bad) == -1) {
			n = -1;
			break;
		}
		if (bad == NULL)
			continue;
		if (ids == NULL && (ids = rule_ids(r)) == NULL) {
			free(bad);
			n = -1;
			break;
		}
		pia_diag(d, PIA_M_VAL_FILTER_NOMATCH, NULL, 0, NULL, opt[i], bad,
		    ids);
		free(bad);
		n++;
	}
	free(ids);
	if (n == -1)
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	return n;
}

/* Loads the rule sets of opts; PIA_VS_OK or what failed. */
static enum pia_vstatus
load_rules(struct pia_validator *v, const struct pia_validate_opts *o,
    struct pia_diags *d)
{
	const char *const	*f;
	size_t			 i, n;
	int			 bad;

	if (pia_rules_load_builtin(v->rules, d) == -1)
		return PIA_VS_SYSTEM;
	for (f = o->rules; f != NULL && *f != NULL; f++)
		if (pia_rules_load(v->rules, *f, d) == -1)
			return PIA_VS_RULES;
	if ((bad = check_patterns(v->rules, o->only, o->skip, d)) != 0)
		return bad < 0 ? PIA_VS_SYSTEM : PIA_VS_FILTER;
	if (pia_rules_filter(v->rules, o->only, o->skip) == -1)
		goto oom;
	v->schema_on = pia_rules_wanted(v->rules, "schema");
	n = pia_rules_check_count(v->rules);
	if ((v->on = calloc(n ? n : 1, sizeof(*v->on))) == NULL)
		goto oom;
	for (i = 0; i < n; i++)
		if (pia_rules_check(v->rules, i)->on)
			v->on[v->non++] = pia_rules_check(v->rules, i);
	return PIA_VS_OK;
oom:
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
	return PIA_VS_SYSTEM;
}

struct pia_validator *
pia_validator_new(const struct pia_validate_opts *opts,
    enum pia_vstatus *status, struct pia_diags *d)
{
	static const struct pia_validate_opts	 none;
	struct pia_validator			*v;
	enum pia_vstatus			 st = PIA_VS_SYSTEM;

	if (opts == NULL)
		opts = &none;
	if ((v = calloc(1, sizeof(*v))) == NULL ||
	    (v->sh = calloc(1, sizeof(*v->sh))) == NULL ||
	    (v->rules = pia_rules_new(opts->today)) == NULL) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		if (v != NULL) {
			free(v->sh);
			free(v);
		}
		v = NULL;
		goto out;
	}
	if (pthread_mutex_init(&v->sh->mu, NULL) != 0) {
		pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
		pia_rules_free(v->rules);
		free(v->sh);
		free(v);
		v = NULL;
		goto out;
	}
	if ((v->vocab = opts->vocab) == NULL &&
	    (v->vocab = v->own_vocab = pia_vocab_load_default(d)) == NULL)
		goto fail;
	if ((st = load_rules(v, opts, d)) != PIA_VS_OK)
		goto fail;
	goto out;
fail:
	pia_validator_free(v);
	v = NULL;
out:
	if (status != NULL)
		*status = v != NULL ? PIA_VS_OK : st;
	return v;
}

void
pia_validator_free(struct pia_validator *v)
{
	size_t	 i;
	int	 k;

	if (v == NULL)
		return;
	for (i = 0; i < v->sh->nidle; i++)
		sch_eval_free(v->sh->idle[i]);
	free(v->sh->idle);
	for (k = 0; k < PIA_KIND__MAX; k++)
		pia_schema_free(v->sh->schema[k]);
	pthread_mutex_destroy(&v->sh->mu);
	free(v->sh);
	free(v->on);
	pia_rules_free(v->rules);
	pia_vocab_free(v->own_vocab);
	free(v);
}

int
pia_validator_wants(const struct pia_validator *v, const char *id)
{
	return id == NULL || strcmp(id, "xml") == 0 || strcmp(id, "io") == 0 ||
	    strcmp(id, "oom") == 0 || pia_rules_wanted(v->rules, id);
}

size_t
pia_validator_rule_count(const struct pia_validator *v)
{
	return (v->schema_on ? 1 : 0) + v->non;
}

int
pia_validator_rule(const struct pia_validator *v, size_t i,
    struct pia_rule_info *info)
{
	const struct check *c;

	memset(info, 0, sizeof(*info));
	if (v->schema_on && i == 0) {
		info->id = "schema";
		info->level = PIA_ERROR;
		info->desc_ja = pia_msg_fmt(PIA_M_VAL_SCHEMA_DESC, "ja");
		info->desc_en = pia_msg_fmt(PIA_M_VAL_SCHEMA_DESC, "en");
		return 0;
	}
	if (v->schema_on)
		i--;
	if (i >= v->non)
		return -1;
	c = v->on[i];
	info->id = c->id;
	info->level = c->level;
	info->clause = c->source;
	info->desc_ja = c->desc[0];
	info->desc_en = c->desc[1];
	info->file = pia_rules_file(v->rules, c->schema);
	info->set_title = pia_rules_title(v->rules, c->schema);
	info->line = c->line;
	return 0;
}

/* The XSD of kind k, compiled on first use; NULL with findings in d. */
static const struct pia_schema *
schema_of(const struct pia_validator *v, enum pia_kind k, struct pia_diags *d)
{
	struct pia_schema *s;

	pthread_mutex_lock(&v->sh->mu);
	if ((s = v->sh->schema[k]) == NULL)
		s = v->sh->schema[k] = pia_schema_load(k, d);
	pthread_mutex_unlock(&v->sh->mu);
	return s;
}

/* An evaluation state from the pool, or a new one. */
static struct sch_eval *
eval_take(const struct pia_validator *v)
{
	struct sch_eval *e = NULL;

	pthread_mutex_lock(&v->sh->mu);
	if (v->sh->nidle > 0)
		e = v->sh->idle[--v->sh->nidle];
	pthread_mutex_unlock(&v->sh->mu);
	return e != NULL ? e : sch_eval_new();
}

/* Puts e back into the pool (frees it when the pool cannot grow). */
static void
eval_give(const struct pia_validator *v, struct sch_eval *e)
{
	struct vshared	*sh = v->sh;
	struct sch_eval	**idle;

	pthread_mutex_lock(&sh->mu);
	if (sh->nidle == sh->capidle) {
		size_t cap = sh->capidle ? sh->capidle * 2 : 4;

		if ((idle = realloc(sh->idle, cap * sizeof(*idle))) == NULL) {
			pthread_mutex_unlock(&sh->mu);
			sch_eval_free(e);
			return;
		}
		sh->idle = idle;
		sh->capidle = cap;
	}
	sh->idle[sh->nidle++] = e;
	pthread_mutex_unlock(&sh->mu);
}

/* The schema and rule stages on doc, findings in d unfiltered; 0 or -1. */
static int
run(const struct pia_validator *v, const struct pia_doc *doc,
    struct pia_diags *d)
{
	const struct pia_schema	*s;
	struct sch_eval		*e;
	int			 rc;

	if (v->schema_on) {
		if ((s = schema_of(v, pia_doc_kind(doc), d)) == NULL ||
		    pia_schema_validate(s, doc, v->vocab, d) < 0)
			return -1;
	}
	if ((e = eval_take(v)) == NULL) {
		pia_diag(d, PIA_M_OOM, pia_doc_name(doc), 0, NULL);
		return -1;
	}
	rc = sch_eval_run(e, v->rules, doc, v->vocab, d);
	eval_give(v, e);
	return rc < 0 ? -1 : 0;
}

/* Moves the findings of from that the filter wants to the end of d,
 * sorted by line (stable); returns their number, or -1. */
static int
finish(const struct pia_validator *v, struct pia_diags *from,
    struct pia_diags *d)
{
	struct pia_diags	*keep;
	size_t			 i, n;
	int			 rc = 0;

	if ((keep = pia_diags_new()) == NULL)
		return -1;
	for (i = 0; i < pia_diags_count(from) && rc == 0; i++) {
		const struct pia_diag *g = pia_diags_get(from, i);

		if (pia_validator_wants(v, g->rule))
			rc = pia_diags_add_msg(keep, g->level, g->rule,
			    g->file, g->line, g->xpath, g->source, g->msg_ja,
			    g->msg_en);
	}
	pia_diags_sort(keep);
	n = pia_diags_count(keep);
	if (rc == 0 && pia_diags_move(d, keep) == -1)
		rc = -1;
	pia_diags_free(keep);
	return rc == 0 ? (int)n : -1;
}

int
pia_validate_doc(const struct pia_validator *v, const struct pia_doc *doc,
    struct pia_diags *d)
{
	struct pia_diags	*local;
	int			 rc, n;

	pia_node_pos_forget();
	if ((local = pia_diags_new()) == NULL) {
		pia_diag(d, PIA_M_OOM, pia_doc_name(doc), 0, NULL);
		return -1;
	}
	rc = run(v, doc, local);
	n = finish(v, local, d);
	pia_diags_free(local);
	return rc == -1 || n == -1 ? -1 : n;
}

/* pia_validate() and pia_validate_memory(): path NULL for buf. */
static int
validate_input(const struct pia_validator *v, const char *path,
    const char *buf, size_t len, const char *name, enum pia_kind *kind,
    struct pia_diags *d)
{
	struct pia_diags	*local;
	struct pia_doc		*doc;
	int			 rc = 0, n;

	if (kind != NULL)
		*kind = PIA_KIND_NONE;
	if ((local = pia_diags_new()) == NULL) {
		pia_diag(d, PIA_M_OOM, name ? name : path, 0, NULL);
		return -1;
	}
	doc = path != NULL ? pia_doc_load(path, name, local) :
	    pia_doc_load_memory(buf, len, name, local);
	if (doc != NULL) {
		if (kind != NULL)
			*kind = pia_doc_kind(doc);
		rc = run(v, doc, local);
		pia_doc_free(doc);
	}
	n = finish(v, local, d);
	pia_diags_free(local);
	return rc == -1 || n == -1 ? -1 : n;
}

int
pia_validate(const struct pia_validator *v, const char *path,
    const char *name, enum pia_kind *kind, struct pia_diags *d)
{
	return validate_input(v, path, NULL, 0, name, kind, d);
}

int
pia_validate_memory(const struct pia_validator *v, const char *buf,
    size_t len, const char *name, enum pia_kind *kind, struct pia_diags *d)
{
	return validate_input(v, NULL, buf, len, name ? name : "<memory>",
	    kind, d);
}
