/*
 * links.c: the form asks once.  A fact stated in I or II (委託しない,
 * 提供・移転 行っていない, 情報連携 実施しない) is also a lone checkbox in
 * III (委託しない, 提供・移転しない, 接続しない); the editor sets the
 * checkbox from the answer, shows it as set from there, and drops the
 * entries left blank that the answer makes void, so that the risk
 * answers waived by validators/rules/required.sch and the entries that
 * consistency.sch would report do not have to be touched by hand.
 *
 * Options are named by their position in the vocabulary's list, as the
 * rule sets do (0-based here): "delegation" 1 委託しない; "provision-status"
 * 0 提供を行っている, 1 移転を行っている, 2 行っていない; "implementation"
 * 1 実施しない.
 */
#include <stdlib.h>
#include <string.h>

#include "../extern.h"
#include "edit.h"

static const struct link {
	const char	*src;		/* the answer: from the file, or root */
	int		 per_file;	/* src is inside each files/file */
	unsigned	 on;		/* options that set the flags ... */
	unsigned	 off;		/* ... and that clear them (win) */
	const char	*flags[2];	/* from the file entry */
	const char	*lists[2];	/* entries voided, from the file */
} links[] = {
	{ "overview/delegation/status", 1, 1u << 1, 1u << 0,
	  { "risks/delegation/none", NULL },
	  { "overview/delegation/task", NULL } },
	{ "overview/provision/status", 1, 1u << 2, (1u << 0) | (1u << 1),
	  { "risks/provision/none", NULL },
	  { "overview/provision/recipient", "overview/provision/destination" } },
	{ "basic-info/network-linkage/implementation", 0, 1u << 1, 1u << 0,
	  { "risks/network/no-acquisition", "risks/network/no-provision" },
	  { NULL, NULL } },
};

#define NLINKS	(sizeof(links) / sizeof(links[0]))

/* The options chosen in field e, as bits of their positions. */
static unsigned
chosen(struct edit_session *s, xmlNode *e)
{
	const struct pia_vnode	 *v = pia_vocab_lookup(s->vocab, s->kind, e);
	const struct pia_optlist *l = v ? pia_vnode_options(v, s->kind) : NULL;
	char			 *val, *line, *t, *save = NULL;
	unsigned		  bits = 0;
	int			  i;

	if (l == NULL)
		return 0;
	if ((val = edit_value_get(e, pia_vnode_ftype(v))) == NULL)
		return 0;
	if (pia_vnode_ftype(v) == PIA_F_CHOICE) {
		if ((i = pia_optlist_find(l, val)) >= 0 && i < 32)
			bits = 1u << i;
	} else {
		for (line = strtok_r(val, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			if (line[0] != '1' || (t = strchr(line + 2, '\t')) ==
			    NULL)
				continue;
			*t = '\0';
			if ((i = pia_optlist_find(l, line + 2)) >= 0 && i < 32)
				bits |= 1u << i;
		}
	}
	free(val);
	return bits;
}

/* Sets the flags of link k in the file at prefix ("files/file#ID/"); with
 * the flag on, removes the blank entries of its lists. */
static int
set_flags(struct edit_session *s, const struct link *k, const char *prefix,
    int on)
{
	xmlNode	*f, *box, *c, *next;
	char	*a, *slash;
	int	 i, n = 0;

	for (i = 0; i < 2 && k->flags[i] != NULL; i++) {
		if (asprintf(&a, "%s%s", prefix, k->flags[i]) < 0)
			return n;
		f = edit_find(s, a, 1);
		free(a);
		if (f != NULL && edit_value_set(f, PIA_F_FLAG, on ? "true" :
		    "false") == EDIT_OK)
			n++;
	}
	for (i = 0; on && i < 2 && k->lists[i] != NULL; i++) {
		if (asprintf(&a, "%s%s", prefix, k->lists[i]) < 0)
			return n;
		slash = strrchr(a, '/');
		*slash = '\0';
		if ((box = edit_find(s, a, 0)) != NULL)
			for (c = box->children; c != NULL; c = next) {
				next = c->next;
				if (c->type == XML_ELEMENT_NODE &&
				    strcmp((const char *)c->name, slash + 1)
				    == 0 && edit_blank(c)) {
					edit_unlink(c);
					n++;
				}
			}
		free(a);
	}
	return n;
}

/* Calls fn for the prefix ("files/file#ID/") of every file entry. */
static void
each_file(struct edit_session *s, void (*fn)(struct edit_session *,
    const char *, void *), void *arg)
{
	xmlNode	*files, *c;
	xmlChar	*id;
	char	*p;

	if ((files = edit_find(s, "files", 0)) == NULL)
		return;
	for (c = files->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(c->name, BAD_CAST "file") ||
		    (id = xmlGetProp(c, BAD_CAST "id")) == NULL)
			continue;
		if (asprintf(&p, "files/file#%s/", (const char *)id) >= 0) {
			fn(s, p, arg);
			free(p);
		}
		xmlFree(id);
	}
}

struct apply {
	const struct link	*k;
	int			 on, n;
};

static void
apply_one(struct edit_session *s, const char *prefix, void *arg)
{
	struct apply	*a = arg;

	a->n += set_flags(s, a->k, prefix, a->on);
}

int
edit_links_apply(struct edit_session *s, xmlNode *e)
{
	const struct link	*k;
	struct apply		 a;
	char			*addr, *rest, *prefix;
	unsigned		 bits;
	size_t			 i;
	int			 n = 0;

	if ((addr = edit_addr(e)) == NULL)
		return 0;
	for (i = 0; i < NLINKS; i++) {
		k = &links[i];
		rest = addr;
		if (k->per_file) {
			if (strncmp(addr, "files/file#", 11) != 0 ||
			    (rest = strchr(addr + 11, '/')) == NULL)
				continue;
			rest++;
		}
		if (strcmp(rest, k->src) != 0)
			continue;
		bits = chosen(s, e);
		if (!(bits & (k->on | k->off)))
			break;
		a.k = k;
		a.on = !(bits & k->off);
		a.n = 0;
		if (k->per_file) {
			if ((prefix = strndup(addr, (size_t)(rest - addr))) !=
			    NULL)
				apply_one(s, prefix, &a);
			free(prefix);
		} else
			each_file(s, apply_one, &a);
		n += a.n;
		break;
	}
	free(addr);
	return n;
}

struct lj {
	FILE	*f;
	int	 n;
	int	 hide;
};

static void
json_one(struct edit_session *s, const char *prefix, void *arg)
{
	struct lj	*j = arg;
	size_t		 i;
	int		 f, l;
	char		*a;

	(void)s;
	for (i = 0; i < NLINKS; i++)
		for (f = 0; f < 2 && links[i].flags[f] != NULL; f++) {
			if (j->hide && links[i].lists[0] == NULL)
				continue;
			if (asprintf(&a, "%s%s", prefix, links[i].flags[f]) < 0)
				return;
			fputs(j->n++ ? "," : "", j->f);
			json_str(j->f, a);
			free(a);
			if (!j->hide)
				continue;
			fputs(":[", j->f);
			for (l = 0; l < 2 && links[i].lists[l] != NULL; l++) {
				if (asprintf(&a, "%s%s", prefix,
				    links[i].lists[l]) < 0)
					break;
				fputs(l ? "," : "", j->f);
				json_str(j->f, a);
				free(a);
			}
			fputc(']', j->f);
		}
}

void
edit_links_json(struct edit_session *s, FILE *f)
{
	struct lj	 j = { f, 0, 0 };

	fputs("\"linked\":[", f);
	each_file(s, json_one, &j);
	fputs("],\"hide\":{", f);
	j.n = 0;
	j.hide = 1;
	each_file(s, json_one, &j);
	fputc('}', f);
}
