// SPDX-License-Identifier: GPL-2.0-only
/*
 * B6: a caller frees its shrinker twice.  The mount of a super_block-like
 * object fails after its shrinker is registered; the error path frees the
 * shrinker, and the generic teardown that runs when the last reference
 * goes frees sb->s_shrinker again.  The fix is the caller's: NULL the
 * pointer after freeing (shrinker_free(NULL) does nothing).  Built with
 * -DREPRO_BUG_B6 the pointer is left dangling, and the second
 * shrinker_free() reads the freed shrinker: ASan's heap-use-after-free.
 */
#include <linux/errno.h>
#include <linux/rcupdate.h>
#include <linux/shrinker.h>
#include <linux/slab.h>

#include "repro.h"

struct sb {
	struct shrinker *s_shrinker;
};

/* Reading the on-disk super block fails. */
static int sb_fill(struct sb *sb)
{
	return -EIO;
}

/* The last reference is gone: free whatever the object still holds. */
static void sb_destroy(struct sb *sb)
{
	shrinker_free(sb->s_shrinker);
	kfree(sb);
}

int main(void)
{
	struct sb *sb;

	repro_boot(1);
	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	if (!sb)
		return 3;
	sb->s_shrinker = repro_shrinker_alloc(0, "sb-b6");
	if (!sb->s_shrinker) {
		kfree(sb);
		return 3;
	}
	sb->s_shrinker->private_data = sb;
	shrinker_register(sb->s_shrinker);

	if (sb_fill(sb)) {
		shrinker_free(sb->s_shrinker);
#ifndef REPRO_BUG_B6
		sb->s_shrinker = NULL;
#endif
	}

	/*
	 * The teardown comes later, when the last reference goes; by then
	 * the shrinker's grace period has long ended.  Make that certain.
	 */
	rcu_barrier();
	sb_destroy(sb);
	repro_shutdown();
	return 0;
}
