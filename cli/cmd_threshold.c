/*
 * cmd_threshold.c: pia threshold --population N --handlers N
 * --incident yes|no [-T text|json]
 *
 * The しきい値判断 (指針 第5の2, rules.md §1.2) from the same C table as the
 * thresholds rule set: the result in the official wording and the
 * assessments that must be produced.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "pia_validators.h"

/* A count: digits, optionally with thousands commas, or a band text as
 * printed in the forms ("1万人以上10万人未満"); lo/hi get the range. */
static int
parse_count(const char *s, double *lo, double *hi)
{
	char	*end;
	double	 v;

	char	 digits[64];
	size_t	 i, n = 0;

	if (s == NULL || *s == '\0')
		return -1;
	/* digits with thousands commas: a count */
	for (i = 0; s[i] != '\0' && n + 1 < sizeof(digits); i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits[n++] = s[i];
		else if (s[i] != ',' || i == 0)
			break;
	if (s[i] == '\0' && n > 0) {
		digits[n] = '\0';
		v = strtod(digits, &end);
		if (*end != '\0' || !isfinite(v))
			return -1;
		*lo = *hi = v;
		return 0;
	}
	/* else only a band as printed ("1万人以上10万人未満"): a sign,
	 * "-5" or "abc" is refused, not read as a band */
	if (strstr(s, "人") == NULL || strchr(s, '-') != NULL ||
	    strchr(s, '+') != NULL)
		return -1;
	return pia_band_bounds(s, lo, hi);
}

/* The description of t: the option of the 基礎項目評価書's list in
 * Japanese (wording), a sentence in English. */
static char *
describe(enum pia_thr t, const char *wording, const char *in)
{
	static const enum pia_msg desc[] = { PIA_M_THR_CLI_NONE,
	    PIA_M_THR_CLI_BASIC, PIA_M_THR_CLI_FOCUSED, PIA_M_THR_CLI_FULL };

	return pia_msg_str(in, desc[t], wording);
}

static void
print_json(const struct pia_vocab *vocab, enum pia_thr t, const char *wording,
    const enum pia_kind *kinds, size_t nk, const char *pop, const char *hand,
    int incident)
{
	char	*en = describe(t, wording, "en");
	size_t	 i;

	printf("{\"result\":");
	json_str(stdout, pia_thr_id(t));
	printf(",\"wording\":");
	json_str(stdout, wording);
	printf(",\"description\":");
	json_str(stdout, en ? en : "");
	printf(",\"required\":[");
	for (i = 0; i < nk; i++) {
		printf("%s{\"kind\":", i ? "," : "");
		json_str(stdout, pia_kind_id(kinds[i]));
		printf(",\"name\":");
		json_str(stdout, pia_vocab_kind_name(vocab, kinds[i]));
		printf(",\"style\":");
		json_str(stdout, pia_vocab_kind_style(vocab, kinds[i]));
		printf("}");
	}
	printf("],\"inputs\":{\"population\":");
	json_str(stdout, pop);
	printf(",\"handlers\":");
	json_str(stdout, hand);
	printf(",\"incident\":%s}", incident ? "true" : "false");
	printf(",\"source\":");
	json_str(stdout, pia_msg_fmt(PIA_M_THR_CLAUSE, "ja"));
	printf("}\n");
	free(en);
}

static void
print_text(const struct pia_vocab *vocab, enum pia_thr t, const char *wording,
    const enum pia_kind *kinds, size_t nk)
{
	char	*d = describe(t, wording, lang);
	size_t	 i;

	printf("%s\n", d ? d : wording);
	free(d);
	if (nk == 0)
		printf("%s\n", pia_msg_fmt(PIA_M_THR_CLI_PRODUCE_NONE, lang));
	else {
		printf("%s", pia_msg_fmt(PIA_M_THR_CLI_PRODUCE, lang));
		for (i = 0; i < nk; i++)
			printf("%s%s (%s)", i ? pia_msg_fmt(PIA_M_VAL_LIST_SEP,
			    lang) : "", L(pia_vocab_kind_name(vocab, kinds[i]),
			    pia_vocab_kind_en(vocab, kinds[i])),
			    pia_vocab_kind_style(vocab, kinds[i]));
		putchar('\n');
	}
	printf("%s\n", pia_msg_fmt(PIA_M_THR_CLI_SOURCE, lang));
}

int
cmd_threshold(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "population", required_argument, NULL, 'p' },
		{ "handlers", required_argument, NULL, 'H' },
		{ "incident", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd	*self = cmd_find("threshold");
	int			 orc;
	struct pia_diags	*sys = NULL;
	struct pia_vocab	*vocab = NULL;
	const char		*pop = NULL, *hand = NULL, *inc = NULL;
	const char		*wording;
	double			 plo = NAN, phi = NAN, hlo = NAN, hhi = NAN;
	enum pia_thr		 lo, hi, t;
	int			 ch, json = 0, incident, rc = EXIT_SYSTEM;
	enum pia_kind		 kinds[3];
	size_t			 nk = 0;

	optind = 1;
	while ((ch = opts_next(self, argc, argv, "T:", lopts, &orc)) != -1) {
		switch (ch) {
		case OPTS_EXIT:
			return orc;
		case 'p':
			pop = optarg;
			break;
		case 'H':
			hand = optarg;
			break;
		case 'i':
			inc = optarg;
			break;
		case 'T':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") == 0)
				json = 0;
			else
				return usage_msg(self, PIA_M_THR_CLI_BAD_FORMAT,
				    optarg);
			break;
		default:
			return usage_msg(self, PIA_M_VAL_BAD_OPTION);
		}
	}
	if (optind != argc)
		return usage_msg(self, PIA_M_THR_CLI_EXTRA_ARG, argv[optind]);
	if (pop == NULL || hand == NULL || inc == NULL)
		return usage_msg(self, PIA_M_THR_CLI_MISSING);
	if (parse_count(pop, &plo, &phi) == -1)
		return usage_msg(self, PIA_M_THR_CLI_BAD_POPULATION, pop);
	if (parse_count(hand, &hlo, &hhi) == -1)
		return usage_msg(self, PIA_M_THR_CLI_BAD_HANDLERS, hand);
	if (strcmp(inc, "yes") == 0)
		incident = 1;
	else if (strcmp(inc, "no") == 0)
		incident = 0;
	else
		return usage_msg(self, PIA_M_THR_CLI_BAD_INCIDENT, inc);
	pia_threshold_range(plo, phi, hlo, hhi, incident, &lo, &hi);
	if (lo != hi)
		return usage_msg(self, PIA_M_THR_CLI_OPEN, pia_thr_id(lo),
		    pia_thr_id(hi));
	t = lo;
	/* the wording of the 基礎項目評価書's list, found by its key */
	if ((sys = pia_diags_new()) == NULL ||
	    (vocab = pia_vocab_load_default(sys)) == NULL ||
	    (wording = pia_thr_option_text(pia_vocab_optlist(vocab,
	    "threshold-basic"), t)) == NULL) {
		if (sys != NULL)
			print_system_errors(sys);
		goto out;
	}
	if (t != PIA_THR_NONE)
		kinds[nk++] = PIA_KIND_BASIC;
	if (t == PIA_THR_FOCUSED)
		kinds[nk++] = PIA_KIND_FOCUSED;
	if (t == PIA_THR_FULL)
		kinds[nk++] = PIA_KIND_FULL;
	if (json)
		print_json(vocab, t, wording, kinds, nk, pop, hand, incident);
	else
		print_text(vocab, t, wording, kinds, nk);
	rc = ferror(stdout) || fflush(stdout) == EOF ? EXIT_SYSTEM : EXIT_OK;
out:
	pia_vocab_free(vocab);
	pia_diags_free(sys);
	return rc;
}
