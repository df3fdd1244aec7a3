/* fuzz_validate.c: libFuzzer harness of the loader and the validation
 * pipeline (pia_validate_memory): any bytes as a document.  Promise: a
 * document that does not load says why (an error finding), and a system
 * failure (-1) says what failed. */
#include "fuzz.h"
#include "pia_validators.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pia_validator	*val;
	struct pia_validate_opts	 o = { 0 };
	struct pia_diags		*d;
	enum pia_kind			 kind;
	int				 n;

	if (val == NULL) {
		o.today = "2026-02-02";
		o.vocab = fuzz_vocab();
		if ((d = pia_diags_new()) == NULL)
			abort();
		if ((val = pia_validator_new(&o, NULL, d)) == NULL)
			abort();
		pia_diags_free(d);
	}
	if ((d = pia_diags_new()) == NULL)
		return 0;
	n = pia_validate_memory(val, (const char *)data, size, "fuzz",
	    &kind, d);
	if (n == -1)
		FUZZ_PROMISE(fuzz_has(d, PIA_ERROR), "failure without finding");
	else {
		FUZZ_PROMISE((size_t)n == pia_diags_count(d), "count");
		if (kind == PIA_KIND_NONE)
			FUZZ_PROMISE(fuzz_has(d, PIA_ERROR),
			    "not loaded, no error finding");
	}
	pia_diags_free(d);
	return 0;
}
