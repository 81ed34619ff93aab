// SPDX-License-Identifier: GPL-2.0-only
/*
 * refcount_t: exact under contention, and the kernel's saturation
 * semantics with one WARN per kind and the kernel's messages.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <kstub/leak.h>

#include "harness.h"

static refcount_t shared = REFCOUNT_INIT(1);

static void *get_put(void *arg, int i)
{
	int n;

	for (n = 0; n < 10000; n++) {
		if (n & 1)
			refcount_inc(&shared);
		else if (!refcount_inc_not_zero(&shared))
			return NULL;
		if (refcount_dec_and_test(&shared))
			return NULL;
	}
	return NULL;
}

/*
 * Each thread reads the object, then drops its reference; the last one
 * frees it.  The free must come after every read (TSan checks the edge).
 */
struct robj {
	refcount_t ref;
	long data[4];
};

static void *read_put(void *arg, int i)
{
	struct robj *o = arg;
	long v = o->data[i];

	if (refcount_dec_and_test(&o->ref))
		kfree(o);
	return (void *)v;
}

static void test_last_put_frees(void)
{
	unsigned long live = kstub_live_objects();
	struct robj *o;
	int round;

	for (round = 0; round < 50; round++) {
		o = kzalloc(sizeof(*o), GFP_KERNEL);
		if (!o)
			bail_out("kzalloc failed");
		refcount_set(&o->ref, 4);
		run_threads(4, read_put, o);
	}
	is_int(kstub_live_objects(), live, "the last put freed every object");
}

static unsigned long warns(void)
{
	return reports(KSTUB_REPORT_refcount);
}

/* Runs @op on a count of @start; checks one report with @text. */
#define SATURATES(start, op, text)                                        \
	do {                                                              \
		refcount_t r = REFCOUNT_INIT(start);                      \
		unsigned long n = warns();                                \
		const char *out;                                          \
		capture_begin();                                          \
		op;                                                       \
		out = capture_end();                                      \
		is_int(warns(), n + 1, #op " from " #start " warns");     \
		ok(strstr(out, "refcount_t: " text "."), "\"" text "\""); \
		is_int((int)refcount_read(&r), REFCOUNT_SATURATED,        \
		       "and saturates");                                  \
		refcount_set(&r, start);                                  \
		op;                                                       \
		is_int(warns(), n + 1, "once per kind");                  \
	} while (0)

int main(void)
{
	unsigned long gets = sites(KSTUB_SITE_refcount_get);
	unsigned long puts = sites(KSTUB_SITE_refcount_put);
	refcount_t r1 = REFCOUNT_INIT(1);
	bool dead;

	plan(26);
	run_threads(4, get_put, NULL);
	is_int(refcount_read(&shared), 1,
	       "balanced gets and puts from 4 threads");
	is_int(sites(KSTUB_SITE_refcount_get) - gets, 40000,
	       "every get reached the hook");
	is_int(sites(KSTUB_SITE_refcount_put) - puts, 40000,
	       "every put reached the hook");

	ok(refcount_inc_not_zero(&r1), "inc_not_zero on 1");
	ok(!refcount_dec_and_test(&r1), "dec_and_test 2 -> 1 is false");
	ok(refcount_dec_and_test(&r1), "dec_and_test 1 -> 0 is true");
	ok(!refcount_inc_not_zero(&r1), "inc_not_zero on 0 fails");
	is_int(refcount_read(&r1), 0, "and leaves it 0");
	is_int(warns(), 0, "correct use warns nothing");

	test_last_put_frees();
	SATURATES(0, refcount_inc(&r), "addition on 0; use-after-free");
	SATURATES(REFCOUNT_MAX, refcount_inc(&r), "saturated; leaking memory");
	SATURATES(0, dead = refcount_dec_and_test(&r),
		  "underflow; use-after-free");
	SATURATES(1, refcount_dec(&r), "decrement hit 0; leaking memory");
	(void)dead;
	return exit_status();
}
