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

	if (s == NULL || *s == '\0')
		return -1;
	v = strtod(s, &end);
	if (*end == '\0' && v >= 0 && isfinite(v) && strspn(s, "0123456789") ==
	    strlen(s)) {
		*lo = *hi = v;
		return 0;
	}
	return pia_band_bounds(s, lo, hi);
}

int
cmd_threshold(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "population", required_argument, NULL, 'p' },
		{ "handlers", required_argument, NULL, 'h' },
		{ "incident", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'T' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const en[] = {
	    "no assessment is mandatory (voluntary only)",
	    "a basic assessment is mandatory",
	    "basic and focused assessments are mandatory",
	    "basic and full assessments are mandatory" };
	const struct cmd	*self = cmd_find("threshold");
	struct pia_diags	*sys = NULL;
	struct pia_vocab	*vocab = NULL;
	const struct pia_optlist *l;
	const char		*pop = NULL, *hand = NULL, *inc = NULL;
	double			 plo = NAN, phi = NAN, hlo = NAN, hhi = NAN;
	enum pia_thr		 lo, hi, t;
	int			 ch, json = 0, incident, rc = EXIT_SYSTEM, k;
	enum pia_kind		 kinds[3];
	size_t			 nk = 0, i;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "T:", lopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			pop = optarg;
			break;
		case 'h':
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
				return usage_error(self, "不明な出力形式です: %s "
				    "(text か json)", "unknown format: %s "
				    "(text or json)", optarg);
			break;
		case 'L':
			if (set_lang(optarg) == -1)
				return lang_error(self);
			break;
		default:
			return usage_error(self, "オプションが不正です",
			    "bad option");
		}
	}
	if (optind != argc)
		return usage_error(self, "余分な引数があります: %s",
		    "unexpected argument: %s", argv[optind]);
	if (pop == NULL || hand == NULL || inc == NULL)
		return usage_error(self, "--population、--handlers、--incident "
		    "の三つが必要です", "--population, --handlers and "
		    "--incident are all required");
	if (parse_count(pop, &plo, &phi) == -1)
		return usage_error(self, "--population には人数 (例 12000) を"
		    "指定します: %s", "--population takes a number of persons "
		    "(e.g. 12000): %s", pop);
	if (parse_count(hand, &hlo, &hhi) == -1)
		return usage_error(self, "--handlers には人数 (例 350) を"
		    "指定します: %s", "--handlers takes a number of persons "
		    "(e.g. 350): %s", hand);
	if (strcmp(inc, "yes") == 0)
		incident = 1;
	else if (strcmp(inc, "no") == 0)
		incident = 0;
	else
		return usage_error(self, "--incident は yes か no です: %s",
		    "--incident takes yes or no: %s", inc);
	pia_threshold_range(plo, phi, hlo, hhi, incident, &lo, &hi);
	if (lo != hi)
		return usage_error(self, "範囲が広すぎて結果が一つに決まりません "
		    "(%s から %s)", "the ranges given leave the result open "
		    "(%s to %s)", pia_thr_id(lo), pia_thr_id(hi));
	t = lo;
	if ((sys = pia_diags_new()) == NULL ||
	    (vocab = pia_vocab_load_default(sys)) == NULL ||
	    (l = pia_vocab_optlist(vocab, "threshold-basic")) == NULL) {
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
	if (json) {
		printf("{\"result\":");
		json_str(stdout, pia_thr_id(t));
		printf(",\"wording\":");
		json_str(stdout, pia_optlist_text(l, (size_t)pia_thr_option(t,
		    PIA_KIND_BASIC)));
		printf(",\"description\":");
		json_str(stdout, en[t]);
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
		printf(",\"source\":\"指針 第5の2\"}\n");
	} else {
		printf("%s\n", L(pia_optlist_text(l, (size_t)pia_thr_option(t,
		    PIA_KIND_BASIC)), en[t]));
		if (nk == 0)
			printf("%s\n", L("作成が義務付けられる評価書: なし "
			    "(任意に実施できます)", "assessments to produce: "
			    "none (a voluntary assessment is possible)"));
		else {
			printf("%s", L("作成する評価書: ",
			    "assessments to produce: "));
			for (i = 0; i < nk; i++)
				printf("%s%s (%s)", i ? L("、", ", ") : "",
				    L(pia_vocab_kind_name(vocab, kinds[i]),
				    pia_vocab_kind_en(vocab, kinds[i])),
				    pia_vocab_kind_style(vocab, kinds[i]));
			putchar('\n');
		}
		printf("%s\n", L("根拠: 特定個人情報保護評価指針 第5の2 "
		    "(しきい値判断)", "source: 指針 第5の2 (threshold "
		    "judgement)"));
	}
	rc = ferror(stdout) ? EXIT_SYSTEM : EXIT_OK;
	(void)k;
out:
	pia_vocab_free(vocab);
	pia_diags_free(sys);
	return rc;
}
