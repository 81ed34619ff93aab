// SPDX-License-Identifier: GPL-2.0-only
/* atomic_t, atomic_long_t, atomic64_t and cmpxchg/xchg: values and results. */
#include "config.h"

#include <linux/kernel.h>
#include <linux/atomic.h>

#include "harness.h"

static atomic_long_t total = ATOMIC_LONG_INIT(0);

static void *adder(void *arg, int i)
{
	int n;

	for (n = 0; n < 10000; n++) {
		atomic_long_inc(&total);
		atomic_long_add_return(2, &total);
		atomic_long_sub(1, &total);
	}
	return NULL;
}

int main(void)
{
	atomic_t a = ATOMIC_INIT(5);
	atomic64_t q = ATOMIC64_INIT(1LL << 40);
	int old, x = 3;
	long y = 7;

	plan(22);
	is_int(atomic_read(&a), 5, "ATOMIC_INIT");
	atomic_set(&a, 1);
	atomic_inc(&a);
	is_int(atomic_inc_return(&a), 3, "inc_return");
	is_int(atomic_fetch_add(2, &a), 3, "fetch_add returns the old value");
	is_int(atomic_sub_return(4, &a), 1, "sub_return");
	ok(atomic_dec_and_test(&a), "dec_and_test to 0");
	ok(!atomic_inc_not_zero(&a), "inc_not_zero on 0 fails");
	ok(!atomic_add_unless(&a, 1, 0), "add_unless at the excluded value");
	is_int(atomic_dec_if_positive(&a), -1, "dec_if_positive on 0");
	is_int(atomic_read(&a), 0, "and leaves it");
	is_int(atomic_cmpxchg(&a, 0, 9), 0, "cmpxchg returns the old value");
	is_int(atomic_cmpxchg(&a, 0, 1), 9, "a failed cmpxchg changes nothing");
	old = 9;
	ok(atomic_try_cmpxchg(&a, &old, 10), "try_cmpxchg succeeds");
	old = 9;
	ok(!atomic_try_cmpxchg(&a, &old, 11) && old == 10,
	   "a failed try_cmpxchg updates the expected value");
	is_int(atomic_xchg(&a, 0), 10, "xchg");
	atomic_or(6, &a);
	atomic_andnot(2, &a);
	is_int(atomic_fetch_xor(1, &a), 4, "or/andnot/fetch_xor");
	ok(atomic_add_negative(-6, &a), "add_negative");
	atomic64_add(1, &q);
	ok(atomic64_read(&q) == (1LL << 40) + 1, "atomic64 is 64 bits wide");
	is_int(cmpxchg(&x, 3, 4), 3, "cmpxchg on a plain int");
	is_int(xchg(&y, 8L), 7, "xchg on a plain long");
	ok(x == 4 && y == 8, "both stored");
	run_threads(4, adder, NULL);
	is_int(atomic_long_read(&total), 4 * 10000 * 2,
	       "concurrent atomic_long updates add up");
	ok(atomic_long_inc_not_zero(&total), "inc_not_zero on non-zero");
	return exit_status();
}
