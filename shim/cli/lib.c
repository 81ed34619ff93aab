// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where libkfault.so is: $KFAULT_LIB when set; else the one of the build
 * tree when this binary runs from it (shim/kfault, or shim/.libs/kfault
 * and lt-kfault behind a libtool wrapper); else the installed one in the
 * directories configure compiled in.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef KFAULT_PKGLIBDIR
#define KFAULT_PKGLIBDIR "/usr/local/lib/kfault"
#endif
#ifndef KFAULT_LIBDIR
#define KFAULT_LIBDIR "/usr/local/lib"
#endif

#define KFAULT_LIB_NAME "libkfault.so"

static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

static char *exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return kfc_xstrdup(path);
}

const char *kfc_find_lib(void)
{
	static char *found;
	const char *env = getenv(KFAULT_ENV_LIB);
	const char *const installed[] = {KFAULT_PKGLIBDIR, KFAULT_LIBDIR};
	char *dir, *path;
	size_t i;

	if (found)
		return found;
	if (env && *env) {
		if (!readable(env)) {
			kfc_warn(KFAULT_ENV_LIB "=%s: cannot read it", env);
			return NULL;
		}
		return found = kfc_xstrdup(env);
	}
	dir = exe_dir();
	if (dir) {
		/* shim/kfault next to shim/.libs, or inside shim/.libs */
		const char *const rel[] = {"/.libs/", "/"};

		for (i = 0; i < sizeof(rel) / sizeof(rel[0]) && !found; i++) {
			path = kfc_xasprintf("%s%s" KFAULT_LIB_NAME, dir,
					     rel[i]);
			if (readable(path))
				found = path;
			else
				free(path);
		}
		free(dir);
		if (found)
			return found;
	}
	for (i = 0; i < sizeof(installed) / sizeof(installed[0]); i++) {
		path = kfc_xasprintf("%s/" KFAULT_LIB_NAME, installed[i]);
		if (readable(path))
			return found = path;
		free(path);
	}
	kfc_warn("cannot find " KFAULT_LIB_NAME " (looked in %s and %s); "
		 "set " KFAULT_ENV_LIB " to its path",
		 KFAULT_PKGLIBDIR, KFAULT_LIBDIR);
	return NULL;
}
