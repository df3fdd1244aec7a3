/*
 * review_batch.c: pia review --batch (pia_review.h): every document of a
 * list validated by a few threads sharing one validator, with what a
 * summary needs of each (form, body, 公表日, when the 再実施 of 規則15条
 * falls due).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "pia.h"
#include "pia_i18n.h"
#include "pia_import.h"
#include "pia_review.h"

struct job {
	const struct pia_validator	*v;
	const struct pia_vocab		*vocab;
	char *const			*files;
	struct pia_batch		*b;
	pia_batch_progress		 progress;
	void				*arg;
	pthread_mutex_t			 mu;
	size_t				 next, done;
	int				 failed;
};

static const xmlNode *
child(const xmlNode *e, const char *name)
{
	for (e = e ? e->children : NULL; e != NULL; e = e->next)
		if (e->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)e->name, name) == 0)
			return e;
	return NULL;
}

static char *
text(const xmlNode *e)
{
	xmlChar	*c;
	char	*s;

	if (e == NULL || (c = xmlNodeGetContent(e)) == NULL)
		return NULL;
	s = strdup((char *)c);
	xmlFree(c);
	return s;
}

/* The 基礎項目評価 date, else the 公表日 (as the rule proc-reassess-due),
 * plus five years. */
static void
due_of(const xmlNode *root, char *published, char due[11])
{
	const xmlNode	*n;
	char		*last, tmp[32];
	int		 y;

	*due = '\0';
	n = child(child(child(root, "procedures"), "basic-assessment"),
	    "date");
	last = text(n);
	if (last == NULL || !pia_date_valid(last)) {
		free(last);
		last = published ? strdup(published) : NULL;
	}
	if (last != NULL && pia_date_valid(last) &&
	    sscanf(last, "%4d", &y) == 1) {
		snprintf(tmp, sizeof(tmp), "%04d%.6s", y + 5, last + 4);
		memcpy(due, tmp, 10);
		due[10] = '\0';
	}
	free(last);
}

static int
one(struct job *j, struct pia_batch_doc *bd)
{
	const char	*f = bd->file;
	size_t		 n = strlen(f);
	struct pia_doc	*doc;
	const xmlNode	*root;
	xmlChar		*body;

	if (n > 4 && strcmp(f + n - 4, ".txt") == 0)
		doc = pia_import_file(f, NULL, j->vocab, PIA_KIND_NONE, NULL,
		    bd->d);
	else
		doc = pia_doc_load(f, NULL, bd->d);
	if (doc == NULL)
		return 0;
	bd->kind = pia_doc_kind(doc);
	root = xmlDocGetRootElement(pia_doc_xml(doc));
	if ((body = xmlGetProp(root, BAD_CAST "body")) != NULL) {
		bd->body = strdup((char *)body);
		xmlFree(body);
	}
	bd->published = text(child(child(root, "cover"), "publication-date"));
	if (bd->published && *bd->published == '\0') {
		free(bd->published);
		bd->published = NULL;
	}
	due_of(root, bd->published, bd->due);
	n = (size_t)pia_validate_doc(j->v, doc, bd->d);
	pia_doc_free(doc);
	return (long)n == -1 ? -1 : 0;
}

static void *
worker(void *arg)
{
	struct job		*j = arg;
	struct pia_batch_doc	*bd;
	size_t			 i;

	for (;;) {
		pthread_mutex_lock(&j->mu);
		i = j->next++;
		pthread_mutex_unlock(&j->mu);
		if (i >= j->b->n || j->failed)
			break;
		bd = &j->b->docs[i];
		if (one(j, bd) == -1)
			j->failed = 1;
		bd->errors = pia_diags_count_level(bd->d, PIA_ERROR);
		bd->warnings = pia_diags_count_level(bd->d, PIA_WARNING);
		pthread_mutex_lock(&j->mu);
		j->done++;
		if (j->progress)
			j->progress(j->done, j->b->n, j->arg);
		pthread_mutex_unlock(&j->mu);
	}
	return NULL;
}

struct pia_batch *
pia_batch_run(const struct pia_validator *v, char *const *files, size_t n,
    long njobs, const char *today, pia_batch_progress progress, void *arg,
    struct pia_diags *d)
{
	struct job	 j;
	struct pia_batch *b;
	struct pia_vocab *vocab = NULL;
	pthread_t	*tids = NULL;
	size_t		 i;
	long		 k;

	memset(&j, 0, sizeof(j));
	if ((b = calloc(1, sizeof(*b))) == NULL ||
	    (b->docs = calloc(n ? n : 1, sizeof(*b->docs))) == NULL)
		goto oom;
	b->n = n;
	if (today)
		snprintf(b->today, sizeof(b->today), "%s", today);
	else
		pia_today(b->today);
	for (i = 0; i < n; i++) {
		b->docs[i].kind = PIA_KIND_NONE;
		if ((b->docs[i].file = strdup(files[i])) == NULL ||
		    (b->docs[i].d = pia_diags_new()) == NULL)
			goto oom;
	}
	if ((vocab = pia_vocab_load_default(d)) == NULL)
		goto fail;
	j.v = v;
	j.vocab = vocab;
	j.files = files;
	j.b = b;
	j.progress = progress;
	j.arg = arg;
	pthread_mutex_init(&j.mu, NULL);
	if (njobs < 1)
		njobs = 1;
	if ((size_t)njobs > n)
		njobs = n ? (long)n : 1;
	if (njobs == 1)
		worker(&j);
	else {
		if ((tids = calloc((size_t)njobs, sizeof(*tids))) == NULL)
			goto oom;
		for (k = 0; k < njobs; k++)
			if (pthread_create(&tids[k], NULL, worker, &j) != 0) {
				j.failed = 1;
				break;
			}
		while (k-- > 0)
			pthread_join(tids[k], NULL);
		free(tids);
	}
	pthread_mutex_destroy(&j.mu);
	pia_vocab_free(vocab);
	if (j.failed) {
		/* the findings of the document that failed say why */
		for (i = 0; i < n; i++)
			pia_diags_move(d, b->docs[i].d);
		pia_batch_free(b);
		return NULL;
	}
	return b;
oom:
	pia_diag(d, PIA_M_OOM, NULL, 0, NULL);
fail:
	pia_vocab_free(vocab);
	pia_batch_free(b);
	return NULL;
}

void
pia_batch_free(struct pia_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; b->docs != NULL && i < b->n; i++) {
		free(b->docs[i].file);
		free(b->docs[i].body);
		free(b->docs[i].published);
		pia_diags_free(b->docs[i].d);
	}
	free(b->docs);
	free(b);
}
