/*
 * diff_run.c: the end of pia diff, shared by pia (cmd_diff.c) and by
 * pia-render for the printed formats (render_main.c): diff the two files,
 * print the result with the printer of the format, write it atomically.
 */
#include <stdio.h>
#include <stdlib.h>

#include "extern.h"
#include "pia_diff.h"
#include "pia_diff_print.h"

int
diff_run(diff_printer print, const struct pia_diff_print *o,
    unsigned flags, const char *out)
{
	struct pia_diags	*d;
	struct pia_changes	*ch = NULL;
	char			*buf = NULL;
	size_t			 len = 0;
	int			 rc = EXIT_USAGE;	/* trouble, as diff(1) */

	if ((d = pia_diags_new()) == NULL)
		return EXIT_USAGE;
	if ((ch = pia_diff_files(o->old_name, o->new_name, flags, d)) == NULL)
		goto out;
	if (print(ch, o, &buf, &len, d) == -1)
		goto out;
	if (pia_file_write_atomic(out, buf, len, d) == -1)
		goto out;
	rc = pia_changes_count(ch) > 0 ? EXIT_FINDINGS : EXIT_OK;
out:
	if (pia_diags_count(d) > 0)
		print_findings_text(stderr, d);
	free(buf);
	pia_changes_free(ch);
	pia_diags_free(d);
	return rc;
}
