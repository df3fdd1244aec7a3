/* fuzz_rules.c: libFuzzer harness of the rule-file compiler and
 * evaluator: any bytes as a custom Schematron file (--rules), run on
 * samples/full.xml.  Promises: a rule file that does not load gives
 * PIA_VS_RULES with an error finding; one that loads validates the sample
 * or fails with a finding saying why. */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "pia_validators.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pia_doc		*doc;
	struct pia_validate_opts	 o = { 0 };
	struct pia_validator		*val;
	struct pia_diags		*d;
	enum pia_vstatus		 st;
	const char			*rules[2];
	char				 path[64];
	int				 fd = -1, n;

	if ((d = pia_diags_new()) == NULL)
		return 0;
	if (doc == NULL &&
	    (doc = pia_doc_load("samples/full.xml", NULL, d)) == NULL)
		abort();
	if ((fd = memfd_create("rules", 0)) == -1)
		goto out;
	if (write(fd, data, size) != (ssize_t)size)
		goto out;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rules[0] = path;
	rules[1] = NULL;
	o.today = "2026-02-02";
	o.vocab = fuzz_vocab();
	o.rules = rules;
	if ((val = pia_validator_new(&o, &st, d)) == NULL) {
		FUZZ_PROMISE(fuzz_has(d, PIA_ERROR), "refused without finding");
		goto out;
	}
	n = pia_validate_doc(val, doc, d);
	if (n == -1)
		FUZZ_PROMISE(fuzz_has(d, PIA_ERROR), "failure without finding");
	pia_validator_free(val);
out:
	if (fd != -1)
		close(fd);
	pia_diags_free(d);
	return 0;
}
