// SPDX-License-Identifier: GPL-2.0-only
/*
 * Orderings ThreadSanitizer must see as the kernel relies on them.
 *
 * A failed cmpxchg returns the value it read, and lib/llist.c-style code
 * follows it as a pointer: the pusher initialised that node before its
 * (fully ordered) cmpxchg published it, so the popper may read it.  Each
 * case makes the popper's cmpxchg fail on a node it has no other ordering
 * with (it waits for the push with a relaxed load), then reads the node.
 * With a relaxed failure order TSan reported a race there on every run.
 *
 * Bit locks: a counter updated under a bit lock (test_and_set_bit_lock
 * with clear_bit_unlock or __clear_bit_unlock, as bit_spin_lock does) by
 * two threads is not a data race and loses no update.
 */
#include "config.h"

#include <sched.h>

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "harness.h"

struct node {
	struct node *next;
	int val;
};

enum how { TRY_CMPXCHG, CMPXCHG, ATOMIC_LONG_TRY, ATOMIC_LONG_TRY_ACQ, NR };

static const char *const how_name[] = {
	[TRY_CMPXCHG] = "try_cmpxchg",
	[CMPXCHG] = "cmpxchg",
	[ATOMIC_LONG_TRY] = "atomic_long_try_cmpxchg",
	[ATOMIC_LONG_TRY_ACQ] = "atomic_long_try_cmpxchg_acquire",
};

static struct node *head;
static atomic_long_t lhead;
static struct node sentinel = {.val = -1};
static enum how how;
static int seen;

static struct node *head_peek(void)
{
	if (how >= ATOMIC_LONG_TRY)
		return (struct node *)atomic_long_read(&lhead);
	return __atomic_load_n(&head, __ATOMIC_RELAXED);
}

/*
 * Replace @expected by @new; on failure @expected is what was there.
 * @push: the pusher's, which publishes the node: fully ordered.
 */
static bool head_swap(struct node **expected, struct node *new, bool push)
{
	long e = (long)*expected;
	struct node *old;
	bool done;

	switch (how) {
	case TRY_CMPXCHG:
		return try_cmpxchg(&head, expected, new);
	case CMPXCHG:
		old = cmpxchg(&head, *expected, new);
		done = old == *expected;
		*expected = old;
		return done;
	case ATOMIC_LONG_TRY:
		done = atomic_long_try_cmpxchg(&lhead, &e, (long)new);
		break;
	default:
		if (push)
			done = atomic_long_try_cmpxchg(&lhead, &e, (long)new);
		else
			done = atomic_long_try_cmpxchg_acquire(&lhead, &e,
							       (long)new);
		break;
	}
	*expected = (struct node *)e;
	return done;
}

static void *pusher(void)
{
	struct node *n = malloc(sizeof(*n));
	struct node *first = &sentinel;

	if (!n)
		bail_out("malloc failed");
	n->val = 42;
	do
		n->next = first;
	while (!head_swap(&first, n, true));
	return NULL;
}

/* llist_del_first() after a stale read of the head. */
static void *popper(void)
{
	struct node *entry = &sentinel, *next;

	while (head_peek() == &sentinel)
		sched_yield();
	for (;;) {
		next = entry->next;
		if (head_swap(&entry, next, false))
			break;
	}
	__atomic_store_n(&seen, entry->val, __ATOMIC_RELAXED);
	free(entry);
	return NULL;
}

static void *llist_thread(void *arg, int i)
{
	return i ? pusher() : popper();
}

static void test_failed_cmpxchg(enum how h)
{
	how = h;
	seen = 0;
	head = &sentinel;
	atomic_long_set(&lhead, (long)&sentinel);
	run_threads(2, llist_thread, NULL);
	is_int(seen, 42, "%s: a failed exchange's value may be followed",
	       how_name[h]);
}

#define BITLOCK_LOOPS 10000

static unsigned long lock_word;
static long counter;

static void *bitlock_thread(void *arg, int i)
{
	int n;

	for (n = 0; n < BITLOCK_LOOPS; n++) {
		while (test_and_set_bit_lock(3, &lock_word))
			sched_yield();
		counter++;
		if (i)
			clear_bit_unlock(3, &lock_word);
		else
			__clear_bit_unlock(3, &lock_word);
	}
	return NULL;
}

int main(void)
{
	enum how h;

	plan(NR + 2);
	for (h = 0; h < NR; h++)
		test_failed_cmpxchg(h);
	run_threads(2, bitlock_thread, NULL);
	is_int(counter, 2 * BITLOCK_LOOPS, "a bit lock excludes");
	ok(!test_bit(3, &lock_word), "and is free at the end");
	return exit_status();
}
