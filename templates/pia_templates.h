/*
 * pia_templates.h: what presents an assessment.  Skeletons for `pia new`
 * now; the print vocabulary, typesetter and PDF/HTML devices come later.
 */
#ifndef PIA_TEMPLATES_H
#define PIA_TEMPLATES_H

#include "pia.h"

/** A fresh, schema-valid assessment of the kind with every section
 *  present, every field empty and a Japanese comment before each field
 *  (number, label, ※, hint, options).  Malloc'd UTF-8 text; *len gets its
 *  length.  NULL when out of memory. */
char	*pia_skeleton(const struct pia_vocab *, enum pia_kind, size_t *len);

#endif
