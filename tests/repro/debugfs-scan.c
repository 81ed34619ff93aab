// SPDX-License-Identifier: GPL-2.0-only
/*
 * B13: debugfs shrinker/<name>-<id>/scan runs scan_objects on request; a
 * shrinker that only counts (no scan_objects) must refuse the write with
 * -EOPNOTSUPP rather than call through a NULL pointer.  B13 crashes
 * (SIGSEGV) at the write.
 */
#include <stdio.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/shrinker.h>
#include <kstub/debugfs.h>

#include "repro.h"

int main(void)
{
	const char *req = "0 0 10"; /* memcg ino 0, node 0, scan 10 */
	struct shrinker *shrinker;
	char path[64];
	ssize_t ret;

	repro_boot(1);
	shrinker = repro_shrinker_alloc(0, "count-only");
	if (!shrinker)
		return 3;
	shrinker->scan_objects = NULL;
	shrinker_register(shrinker);

	snprintf(path, sizeof(path), "shrinker/count-only-%d/scan",
		 shrinker->debugfs_id);
	ret = kstub_debugfs_write(path, req, strlen(req));
	if (ret != -EOPNOTSUPP)
		fprintf(stderr, "debugfs-scan: write returned %zd\n", ret);

	shrinker_free(shrinker);
	repro_shutdown();
	return ret == -EOPNOTSUPP ? 0 : 1;
}
