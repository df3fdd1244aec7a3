/*
 * exec.c: hands `pia render` and the printed formats of `pia diff` (HTML,
 * PDF, layout) to pia-render.
 *
 * Pango, Cairo and their GLib stack cost about 9 ms of dynamic loading at
 * every start, more than a whole validation; so the pia command links
 * none of them and runs the renderer as a second program, pia-render
 * (render_main.c), once the command line is checked.  It is looked for
 * beside pia (a build tree), in ../libexec/pia from it (a relocated
 * install), then in the libexec directory set at build time.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"

#ifndef PIA_LIBEXECDIR
#define PIA_LIBEXECDIR "/usr/local/libexec/pia"
#endif

static int
try_exec(const char *dir, char **argv)
{
	char	 path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/pia-render", dir) >=
	    (int)sizeof(path) || access(path, X_OK) == -1)
		return -1;
	execv(path, argv);
	return -1;
}

int
run_renderer(char *const words[])
{
	char	 exe[PATH_MAX], up[PATH_MAX + 32], *dir;
	char	**av;
	ssize_t	 n;
	size_t	 i, nw;

	for (nw = 0; words[nw] != NULL; nw++)
		continue;
	if ((av = calloc(nw + 2, sizeof(char *))) == NULL)
		return EXIT_SYSTEM;
	av[0] = "pia-render";
	for (i = 0; i < nw; i++)
		av[i + 1] = words[i];
	if (setenv("PIA_LANG", lang, 1) == -1) {
		free(av);
		return EXIT_SYSTEM;
	}
	if (fflush(NULL) == EOF) {
		free(av);
		return EXIT_SYSTEM;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		dir = dirname(exe);
		try_exec(dir, av);
		if (snprintf(up, sizeof(up), "%s/../libexec/pia", dir) <
		    (int)sizeof(up))
			try_exec(up, av);
	}
	try_exec(PIA_LIBEXECDIR, av);
	fprintf(stderr, "pia %s: ", words[0]);
	pia_msg_print(stderr, lang, PIA_M_RENDER_NOT_FOUND);
	fputc('\n', stderr);
	free(av);
	return EXIT_SYSTEM;
}
