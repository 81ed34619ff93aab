// SPDX-License-Identifier: GPL-2.0-only
/*
 * The UBSan checks of the asan build are CONFIG_UBSAN's: what the kernel
 * does on purpose is not reported, what CONFIG_UBSAN reports is.
 *
 * Not reported (each ran in a child that UBSan killed before): walking an
 * empty lock-less list with container_of() on NULL, as
 * llist_for_each_entry_safe(pos, n, NULL, member) does (pointer-overflow:
 * the kernel's pointer arithmetic wraps), and an unaligned load, which
 * x86-64 code does (CONFIG_UBSAN_ALIGNMENT is off there).
 * Reported in the asan build: a shift past the width of its type and an
 * out-of-bounds array index (the negative controls).
 */
#include "config.h"

#include <sys/wait.h>
#include <stdint.h>

#include <linux/kernel.h>

#include "harness.h"

struct node {
	struct node *next;
};

struct entry {
	long payload;
	struct node node; /* not first: container_of(NULL) wraps */
};

static volatile int sink;

/* llist_for_each_entry_safe() over an empty list. */
static void empty_llist_walk(void *arg)
{
	struct node *volatile first = NULL;
	struct entry *pos, *n;
	int count = 0;

	/* the kernel's member_address_is_nonnull(pos, node) */
	for (pos = container_of(first, struct entry, node);
	     (uintptr_t)pos + offsetof(struct entry, node) != 0; pos = n) {
		n = container_of(pos->node.next, struct entry, node);
		count++;
	}
	sink = count;
}

static void unaligned_load(void *arg)
{
	static unsigned char buf[16] = {1, 2, 3, 4, 5, 6, 7, 8};
	unsigned char *volatile p = buf + 1;

	sink = *(u32 *)p;
}

static void shift_too_far(void *arg)
{
	volatile int by = 40;

	sink = 1 << by;
}

static void index_out_of_bounds(void *arg)
{
	int a[4] = {0};
	volatile int i = 4;

	sink = a[i];
}

int main(void)
{
	bool asan = !strcmp(tap_sanitizer(), "asan");

	plan(4);
	is_int(run_in_child(empty_llist_walk, NULL, false), 0,
	       "container_of(NULL) over an empty list is not reported");
	is_int(run_in_child(unaligned_load, NULL, false), 0,
	       "an unaligned load is not reported");
	if (!asan) {
		skip(2, "UBSan checks are in the asan build only");
		return exit_status();
	}
	ok(run_in_child(shift_too_far, NULL, true) != 0,
	   "a shift past the type's width is reported");
	ok(run_in_child(index_out_of_bounds, NULL, true) != 0,
	   "an out-of-bounds array index is reported");
	return exit_status();
}
