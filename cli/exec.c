/*
 * exec.c: hands `pia render` and `pia diff -T pdf` to pia-render.
 *
 * Pango, Cairo and their GLib stack cost about 9 ms of dynamic loading at
 * every start, more than a whole validation; so the pia command links
 * none of them and runs the renderer as a second program, built from the
 * same sources with PIA_WITH_RENDER.  It is looked for beside pia (a build
 * tree), in ../libexec/pia from it (a relocated install), then in the
 * libexec directory set at build time.
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
run_renderer(int argc, char **argv)
{
	char	 exe[PATH_MAX], up[PATH_MAX + 32], *dir;
	char	**av;
	ssize_t	 n;
	int	 i;

	/* argv starts at the command; pia-render gets the same words. */
	if ((av = calloc((size_t)argc + 2, sizeof(char *))) == NULL)
		return EXIT_SYSTEM;
	av[0] = "pia";
	for (i = 0; i < argc; i++)
		av[i + 1] = argv[i];
	setenv("PIA_LANG", lang, 1);
	fflush(NULL);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		dir = dirname(exe);
		try_exec(dir, av);
		snprintf(up, sizeof(up), "%s/../libexec/pia", dir);
		try_exec(up, av);
	}
	try_exec(PIA_LIBEXECDIR, av);
	fprintf(stderr, "pia %s: %s\n", argv[0], L("PDF・HTML の出力に使う "
	    "pia-render が見つかりません (make でビルドされ、pia と同じ"
	    "ディレクトリか libexec/pia に置かれます)", "pia-render, which "
	    "renders PDF and HTML, was not found (make builds it beside pia; "
	    "make install puts it in libexec/pia)"));
	free(av);
	return EXIT_SYSTEM;
}
