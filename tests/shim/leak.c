// SPDX-License-Identifier: GPL-2.0-only
/*
 * An error-path leak in kernel style, and (built with KFAULT_FIXED) its
 * fix.  foo_create() allocates the object and its name, then a buffer in
 * foo_alloc_buf(); when that fails, the buggy error path returns without
 * freeing the first two.  Only fault injection reaches that path.
 */
#include "config.h"

#include <stdio.h>

#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>

struct foo {
	char *name;
	int *buf;
};

static noinline int foo_alloc_buf(struct foo *f)
{
	f->buf = kcalloc(16, sizeof(*f->buf), GFP_KERNEL);
	barrier();
	return f->buf ? 0 : -ENOMEM;
}

static noinline struct foo *foo_create(const char *name)
{
	struct foo *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	f->name = kstrdup(name, GFP_KERNEL);
	if (!f->name)
		goto err_free_foo;
	if (foo_alloc_buf(f)) {
#ifdef KFAULT_FIXED
		goto err_free_name;
#else
		return NULL; /* the bug: f and f->name are lost */
#endif
	}
	return f;

#ifdef KFAULT_FIXED
err_free_name:
	kfree(f->name);
#endif
err_free_foo:
	kfree(f);
	return NULL;
}

static noinline void foo_destroy(struct foo *f)
{
	kfree(f->buf);
	kfree(f->name);
	kfree(f);
}

int main(void)
{
	struct foo *f = foo_create("foo");

	printf("%s\n", f ? "created" : "failed");
	if (f)
		foo_destroy(f);
	return 0;
}
