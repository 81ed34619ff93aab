// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small kernel-style "driver" with five allocation points, each in its
 * own function, and one bug planted on one error path, chosen by argv[1]:
 *
 *   none   every error path unwinds cleanly
 *   leak   widget_alloc_stats failing leaks the table
 *   crash  widget_alloc_buf's result is used unchecked (NULL deref)
 *   hang   widget_alloc_name failing waits for a completion nobody sends
 *   uaf    widget_alloc_buf failing reads the freed table (ASan sees it)
 *   warn   widget_alloc_table failing WARNs
 *   exit   widget_alloc_buf failing makes the program exit 3
 *   flaky  no bug, but the first run (no file argv[3] yet; it creates it)
 *          makes one allocation more than later runs: the Nth call moves
 *
 * It builds two widgets (argv[2] to change that), one after the other,
 * so the same stacks are seen twice: a sweep in stack mode has five
 * points, in nth mode ten.  A handled failure still exits 0, as a driver
 * whose probe failed cleanly would leave the system running.
 */
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct widget_stats {
	unsigned long ops;
	unsigned long errors;
};

struct widget {
	char *name;
	int *table;
	struct widget_stats *stats;
	char *buf;
};

enum plant {
	PLANT_NONE,
	PLANT_LEAK,
	PLANT_CRASH,
	PLANT_HANG,
	PLANT_UAF,
	PLANT_WARN,
	PLANT_FLAKY,
	PLANT_EXIT
};

static enum plant plant;
static int exit_status;
static DECLARE_COMPLETION(never_done);

static noinline int widget_alloc_name(struct widget *w, const char *name)
{
	w->name = kstrdup(name, GFP_KERNEL);
	if (!w->name && plant == PLANT_HANG)
		wait_for_completion(&never_done);
	return w->name ? 0 : -ENOMEM;
}

static noinline int widget_alloc_table(struct widget *w)
{
	w->table = kcalloc(16, sizeof(*w->table), GFP_KERNEL);
	if (plant == PLANT_WARN)
		WARN_ON(!w->table);
	return w->table ? 0 : -ENOMEM;
}

static noinline int widget_alloc_stats(struct widget *w)
{
	w->stats = kzalloc(sizeof(*w->stats), GFP_KERNEL);
	return w->stats ? 0 : -ENOMEM;
}

static noinline int widget_alloc_buf(struct widget *w)
{
	w->buf = kmalloc(64, GFP_KERNEL);
	if (plant == PLANT_CRASH)
		memset(w->buf, 0, 64);
	if (!w->buf && plant == PLANT_EXIT)
		exit_status = 3;
	return w->buf ? 0 : -ENOMEM;
}

static noinline struct widget *widget_create(const char *name)
{
	struct widget *w;
	int err;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return ERR_PTR(-ENOMEM);
	err = widget_alloc_name(w, name);
	if (err)
		goto err_free_widget;
	err = widget_alloc_table(w);
	if (err)
		goto err_free_name;
	err = widget_alloc_stats(w);
	if (err) {
		if (plant == PLANT_LEAK)
			goto err_free_name;
		goto err_free_table;
	}
	err = widget_alloc_buf(w);
	if (err)
		goto err_free_stats;
	return w;

err_free_stats:
	kfree(w->stats);
	if (plant == PLANT_UAF) {
		kfree(w->table);
		pr_info("widget %s: table[0] was %d\n", name,
			READ_ONCE(w->table[0]));
		goto err_free_name;
	}
err_free_table:
	kfree(w->table);
err_free_name:
	kfree(w->name);
err_free_widget:
	kfree(w);
	return ERR_PTR(err);
}

/* Only the first run of all, the one that creates @state, warms up. */
static noinline int warm_cache_once(const char *state)
{
	FILE *f = fopen(state, "r");
	void *warm;

	if (f) {
		fclose(f);
		return 0;
	}
	f = fopen(state, "w");
	if (!f)
		return -1;
	fclose(f);
	warm = kmalloc(32, GFP_KERNEL);
	kfree(warm);
	return 0;
}

static void widget_destroy(struct widget *w)
{
	kfree(w->buf);
	kfree(w->stats);
	kfree(w->table);
	kfree(w->name);
	kfree(w);
}

int main(int argc, char **argv)
{
	static const char *const names[] = {"none", "leak", "crash", "hang",
					    "uaf",  "warn", "flaky", "exit"};
	const char *mode = argc > 1 ? argv[1] : "none";
	unsigned int i, nr = argc > 2 ? atoi(argv[2]) : 2;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(mode, names[i]))
			plant = i;
	if (strcmp(mode, names[plant])) {
		fprintf(stderr, "usage: planted "
				"none|leak|crash|hang|uaf|warn|exit [N]\n"
				"       planted flaky N STATE-FILE\n");
		return 2;
	}
	if (plant == PLANT_FLAKY && argc > 3 && warm_cache_once(argv[3]))
		return 1;
	/*
	 * Every widget from one call site: the count comes from argv and
	 * nothing bounds it, so the compiler cannot unroll the loop.
	 */
	for (i = 0; i < nr; i++) {
		struct widget *w = widget_create(i ? "second" : "first");

		if (IS_ERR(w))
			pr_info("widget_create: %ld (handled)\n", PTR_ERR(w));
		else
			widget_destroy(w);
	}
	return exit_status;
}
