// SPDX-License-Identifier: GPL-2.0-only
/*
 * A kernel-style constructor with three error paths: two that a fault
 * sweep reaches (allocation failures), one that it never does (a check
 * no allocation failure makes true).  coverage.sh builds it with gcc
 * --coverage and asks kfault sweep --coverage which ran.
 */
#include "config.h"

#include <stdio.h>

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/slab.h>

struct foo {
	char *name;
	int *buf;
};

static noinline struct foo *foo_create(const char *name)
{
	struct foo *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	f->name = kstrdup(name, GFP_KERNEL);
	if (!f->name)
		goto err_free_foo;
	if (f->name[0] == '\0')
		goto err_bad_name;
	f->buf = kcalloc(4, sizeof(*f->buf), GFP_KERNEL);
	if (!f->buf)
		goto err_free_name;
	return f;

err_bad_name:
	pr_err("foo: empty name\n");
err_free_name:
	kfree(f->name);
err_free_foo:
	kfree(f);
	return NULL;
}

int main(void)
{
	struct foo *f = foo_create("foo");

	if (f) {
		kfree(f->buf);
		kfree(f->name);
		kfree(f);
	}
	printf("done\n");
	return 0;
}
