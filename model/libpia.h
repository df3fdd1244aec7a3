/*
 * libpia.h: the umbrella header of libpia, the library under the pia
 * command.  A program includes this one header and builds with
 * pkg-config:
 *
 *	#include <libpia.h>
 *
 *	cc -o prog prog.c $(pkg-config --cflags --libs pia)
 *
 * It includes every public header, each the manual of one stage:
 *
 *	pia.h		 documents, the vocabulary, findings, files (model/)
 *	pia_msg.h	 the catalogue of findings and texts (catalogue.def)
 *	pia_i18n.h	 和暦 dates, normalisation, word breaks, scripts (ICU)
 *	pia_value.h	 the printed value of a field
 *	pia_diff.h	 two revisions into 変更箇所 rows, and history
 *	pia_import.h	 the text of a published assessment into the model
 *	pia_hygiene.h	 text hygiene: foreign scripts, English words, placeholders
 *	pia_validators.h schema validation and the Schematron rule engine
 *	pia_templates.h	 skeletons (pia_skeleton); the renderer it also
 *			 declares (pia_render*) belongs to the pia-render
 *			 program and is not part of libpia.a
 *
 * The library never prints and never exits: every stage appends its
 * findings to a struct pia_diags.  Data files (vocabulary, schemas, rule
 * sets) are found as pia_data_path() says: $PIA_DATADIR, else the
 * installed share/pia.
 *
 * The name is the library's (libpia.a, pia.pc) so that it does not clash
 * with pia.h, the core header the others include.  The headers are
 * installed side by side in $PREFIX/include/pia/ and include one another
 * by plain name, so <libpia.h> (with pkg-config's -I.../include/pia) and
 * <pia/libpia.h> (with -I.../include) both work.
 */
#ifndef LIBPIA_H
#define LIBPIA_H

#include "pia.h"
#include "pia_msg.h"
#include "pia_i18n.h"
#include "pia_value.h"
#include "pia_diff.h"
#include "pia_import.h"
#include "pia_hygiene.h"
#include "pia_validators.h"
#include "pia_templates.h"

#endif
