// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small kernel-style object with three allocations, built by the test
 * suite as usual and again by junit.sh at -O0 and at -O2 (where the
 * static functions are inlined into main): the sweep's JUnit names of
 * the two builds must be the same.  One error path is planted: when the
 * table cannot be allocated, the name leaks and stderr gets bytes that
 * are not UTF-8, control characters and markup (the JUnit file must
 * still parse).  Prints one line to stdout per thing made.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <stdio.h>

struct thing {
	char *name;
	int *table;
};

static int thing_alloc_table(struct thing *t)
{
	t->table = kcalloc(8, sizeof(*t->table), GFP_KERNEL);
	return t->table ? 0 : -ENOMEM;
}

static struct thing *thing_create(const char *name)
{
	struct thing *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->name = kstrdup(name, GFP_KERNEL);
	if (!t->name)
		goto err_free_thing;
	if (thing_alloc_table(t))
		goto err_noisy;
	return t;

err_noisy:
	/* the planted bug: t->name is not freed */
	fputs("thing: \xff\xfe <bad> & \x01\x1b[31m \xc3\x28 \xed\xa0\x80 "
	      "\xf4\x90\x80\x80 \xef\xbf\xbe end\n",
	      stderr);
err_free_thing:
	kfree(t);
	return NULL;
}

static void thing_destroy(struct thing *t)
{
	kfree(t->table);
	kfree(t->name);
	kfree(t);
}

int main(void)
{
	struct thing *t = thing_create("thing");

	if (!t)
		return 0;
	printf("made %s\n", t->name);
	thing_destroy(t);
	return 0;
}
