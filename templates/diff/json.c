/*
 * json.c: a diff as one JSON object: the files, the kind, the date, and
 * the rows with their kind, 項目 in both languages, values, proposed
 * 提出時期, ※, and where each row's nodes stand in the two files.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "pia.h"
#include "pia_diff_print.h"
#include "extern.h"

/* Length of the well-formed UTF-8 sequence at u, 0 if none (RFC 3629;
 * the same test as cli/output.c utf8_len, which the CLI's writers use). */
static size_t
utf8_len(const unsigned char *u)
{
	size_t	 n, i;
	unsigned lo = 0x80, hi = 0xBF;

	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		lo = u[0] == 0xE0 ? 0xA0 : 0x80;
		hi = u[0] == 0xED ? 0x9F : 0xBF;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		lo = u[0] == 0xF0 ? 0x90 : 0x80;
		hi = u[0] == 0xF4 ? 0x8F : 0xBF;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if (u[i] < lo || u[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return n;
}

/* A JSON string literal, or null.  The same escapes as the findings of
 * pia validate -T json (cli/output.c json_str): a byte that starts no
 * UTF-8 sequence (a file name in another encoding) becomes U+FFFD. */
static void
json_str(FILE *f, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (*u) {
		switch (*u) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*u < 0x20)
				fprintf(f, "\\u%04x", *u);
			else if ((n = utf8_len(u)) == 0)
				fputs("\\ufffd", f);
			else {
				while (n-- > 0)
					fputc(*u++, f);
				continue;
			}
		}
		u++;
	}
	fputc('"', f);
}

/* ,"KEY_line":N,"KEY_xpath":"..." of a node, null for none.  Returns -1
 * when out of memory. */
static int
json_node(FILE *f, const char *key, const xmlNode *e)
{
	char	*x;

	fprintf(f, ",\"%s_line\":", key);
	if (e == NULL) {
		fprintf(f, "null,\"%s_xpath\":null", key);
		return 0;
	}
	fprintf(f, "%ld,\"%s_xpath\":", pia_node_line(e), key);
	if ((x = pia_node_xpath(e)) == NULL)
		return -1;
	json_str(f, x);
	free(x);
	return 0;
}

static int
json_row(FILE *f, const struct pia_vocab *v, const struct pia_change *c,
    const char *date)
{
	fputs("\"id\":", f);
	json_str(f, c->id);
	fputs(",\"kind\":", f);
	json_str(f, pia_chkind_name(c->kind));
	fputs(",\"date\":", f);
	json_str(f, date);
	fputs(",\"item\":", f);
	json_str(f, c->item);
	fputs(",\"item_en\":", f);
	json_str(f, c->item_en);
	fputs(",\"before\":", f);
	json_str(f, c->before);
	fputs(",\"after\":", f);
	json_str(f, c->after);
	fputs(",\"timing\":", f);
	json_str(f, pia_timing_text(v, c->timing));
	fprintf(f, ",\"timing_proposed\":true,\"starred\":%s",
	    c->starred ? "true" : "false");
	fputs(",\"reason\":", f);
	json_str(f, c->reason_ja);
	if (json_node(f, "old", c->old_node) == -1 ||
	    json_node(f, "new", c->new_node) == -1)
		return -1;
	return 0;
}

int
pia_diff_print_json(const struct pia_changes *ch,
    const struct pia_diff_print *o, char **out, size_t *len,
    struct pia_diags *d)
{
	size_t	 i, n = pia_changes_count(ch);
	int	 failed = 0;
	FILE	*f;

	if ((f = diff_stream_open(out, len, d)) == NULL)
		return -1;
	fputs("{\"format_version\":1,\"old\":", f);
	json_str(f, o->old_name);
	fputs(",\"new\":", f);
	json_str(f, o->new_name);
	fputs(",\"kind\":", f);
	json_str(f, pia_kind_id(pia_changes_kind(ch)));
	fputs(",\"date\":", f);
	json_str(f, o->date);
	fprintf(f, ",\"equal\":%s,\"count\":%zu,\"changes\":[",
	    n ? "false" : "true", n);
	for (i = 0; i < n && !failed; i++) {
		fputs(i ? ",\n{" : "\n{", f);
		failed = json_row(f, pia_changes_vocab(ch),
		    pia_changes_get(ch, i), o->date) == -1;
		fputc('}', f);
	}
	fputs(n ? "\n]}\n" : "]}\n", f);
	return diff_stream_close(f, failed, out, len, d);
}
