/* fuzz_import.c: libFuzzer harness of the importer (pia_import): any
 * bytes as published text.  Promises: NULL comes with an error finding;
 * a document comes in the shape of the schema of its kind (the importer
 * says "the result always has the shape of the schema"), and survives
 * saving and loading again. */
#include <libxml/tree.h>

#include "fuzz.h"
#include "pia_import.h"
#include "pia_validators.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pia_schema	*schema[PIA_KIND_BASIC + 1];
	struct pia_diags		*d, *sd;
	struct pia_doc			*doc, *again;
	enum pia_kind			 k;
	xmlChar				*xml = NULL;
	int				 xlen = 0, n, i;

	if ((d = pia_diags_new()) == NULL)
		return 0;
	doc = pia_import((const char *)data, size, "fuzz", fuzz_vocab(),
	    PIA_KIND_NONE, NULL, d);
	if (doc == NULL) {
		FUZZ_PROMISE(fuzz_has(d, PIA_ERROR), "NULL without finding");
		goto out;
	}
	k = pia_doc_kind(doc);
	FUZZ_PROMISE(k >= 0 && k <= PIA_KIND_BASIC, "kind");
	if (schema[k] == NULL && (schema[k] = pia_schema_load(k, d)) == NULL)
		abort();
	if ((sd = pia_diags_new()) == NULL)
		goto out;
	n = pia_schema_validate(schema[k], doc, NULL, sd);
	if (n > 0)
		for (i = 0; i < n && i < 5; i++)
			fprintf(stderr, "%s\n",
			    pia_diag_msg(pia_diags_get(sd, i), "en"));
	FUZZ_PROMISE(n <= 0, "import not schema-valid");
	xmlDocDumpMemoryEnc(pia_doc_xml(doc), &xml, &xlen, "UTF-8");
	if (xml != NULL) {
		again = pia_doc_load_memory((const char *)xml, (size_t)xlen,
		    "again", sd);
		FUZZ_PROMISE(again != NULL, "import does not load again");
		pia_doc_free(again);
		xmlFree(xml);
	}
	pia_diags_free(sd);
out:
	pia_doc_free(doc);
	pia_diags_free(d);
	return 0;
}
