/* driver.c: main() for the harnesses built without libFuzzer (make
 * check): feeds each file named, and each file of each directory named,
 * to LLVMFuzzerTestOneInput once.  A missing argument is skipped (the
 * shared corpus may be absent); a broken promise aborts. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
run_file(const char *path)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, cap = 0, n;
	int	 rc = -1;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			char	*nb;

			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap)) == NULL)
				goto out;
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		goto out;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

static int
run_path(const char *path, int *count)
{
	struct stat	 st;
	struct dirent	**ents;
	char		*p;
	int		 i, n, rc = 0;

	if (stat(path, &st) == -1)
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		if (run_file(path) == -1)
			return -1;
		(*count)++;
		return 0;
	}
	if ((n = scandir(path, &ents, NULL, alphasort)) == -1) {
		perror(path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.' && rc == 0) {
			if (asprintf(&p, "%s/%s", path, ents[i]->d_name) == -1)
				rc = -1;
			else {
				rc = run_path(p, count);
				free(p);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char *argv[])
{
	int	i, count = 0;

	for (i = 1; i < argc; i++)
		if (run_path(argv[i], &count) == -1)
			return 2;
	printf("%d inputs\n", count);
	return 0;
}
