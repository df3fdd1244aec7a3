/* fuzz_render.c: libFuzzer harness of the renderer (pia_render to the
 * layout format, with libpia-render): any bytes as a document; those that
 * load are typeset.  Promise: rendering succeeds or says why. */
#include "fuzz.h"
#include "pia_templates.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pia_render_opts	 o = { 0 };
	struct pia_diags	*d;
	struct pia_doc		*doc;
	char			*out = NULL;
	size_t			 len = 0;

	if ((d = pia_diags_new()) == NULL)
		return 0;
	if ((doc = pia_doc_load_memory((const char *)data, size, "fuzz",
	    d)) == NULL)
		goto out;
	o.format = PIA_RENDER_LAYOUT;
	o.epoch = 0;
	if (pia_render(fuzz_vocab(), doc, &o, &out, &len, d) == -1)
		FUZZ_PROMISE(fuzz_has(d, PIA_ERROR), "failure without finding");
	else
		FUZZ_PROMISE(out != NULL, "no output");
	free(out);
out:
	pia_doc_free(doc);
	pia_diags_free(d);
	return 0;
}
