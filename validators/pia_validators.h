/*
 * pia_validators.h: what checks an assessment.  Schema validation now;
 * the Schematron rule engine builds on the same findings list.
 */
#ifndef PIA_VALIDATORS_H
#define PIA_VALIDATORS_H

#include "pia.h"

struct pia_schema;

/** Loads and compiles the XSD of one kind (model/schema/pia-<kind>.xsd
 *  from the data directory).  NULL with findings on error.  A compiled
 *  schema may be shared by threads that validate at the same time. */
struct pia_schema	*pia_schema_load(enum pia_kind, struct pia_diags *);
void			 pia_schema_free(struct pia_schema *);

/** Validates doc against the schema of its kind.  Each violation becomes
 *  an error finding (rule "schema") with file:line, the XPath of the node,
 *  and a message that names the field by its printed label and 項目 path
 *  (vocab may be NULL: element names only).  Returns the number of
 *  violations, or -1 on a system failure. */
int			 pia_schema_validate(const struct pia_schema *,
			    const struct pia_doc *, const struct pia_vocab *,
			    struct pia_diags *);

#endif
