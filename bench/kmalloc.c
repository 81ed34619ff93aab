// SPDX-License-Identifier: GPL-2.0-only
/*
 * What kstub adds to an allocation: ns per kmalloc+kfree pair against
 * malloc+free of the same size, one thread, in the same run.  kstub's pair
 * includes the hook call, might_sleep (GFP_KERNEL), the object header and
 * leak accounting.  Each figure is the best of several rounds; the rounds
 * of the two alternate so both see the same machine.  Prints numbers,
 * asserts nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <linux/slab.h>

#define PAIRS 100000
#define ROUNDS 41

/* Stores through it keep the compiler from dropping malloc/free pairs. */
static void *volatile sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double libc_pairs(size_t size)
{
	double t = now_ns();
	int i;

	for (i = 0; i < PAIRS; i++) {
		char *p = malloc(size);

		p[0] = 1;
		sink = p;
		free(p);
	}
	return (now_ns() - t) / PAIRS;
}

static double kstub_pairs(size_t size, gfp_t gfp)
{
	double t = now_ns();
	int i;

	for (i = 0; i < PAIRS; i++) {
		char *p = kmalloc(size, gfp);

		p[0] = 1;
		sink = p;
		kfree(p);
	}
	return (now_ns() - t) / PAIRS;
}

static double min2(double a, double b)
{
	return a < b ? a : b;
}

static void compare(size_t size, gfp_t gfp, const char *gfp_name)
{
	double libc = 1e9, kstub = 1e9;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		libc = min2(libc, libc_pairs(size));
		kstub = min2(kstub, kstub_pairs(size, gfp));
	}
	printf("%6zu  %-10s  %8.1f  %8.1f  %+8.1f\n", size, gfp_name, libc,
	       kstub, kstub - libc);
}

int main(void)
{
	printf("ns per allocation+free pair, 1 thread, best of %d x %d\n",
	       ROUNDS, PAIRS);
	printf("%6s  %-10s  %8s  %8s  %8s\n", "size", "gfp", "malloc",
	       "kmalloc", "kstub +");
	compare(16, GFP_KERNEL, "GFP_KERNEL");
	compare(64, GFP_KERNEL, "GFP_KERNEL");
	compare(256, GFP_KERNEL, "GFP_KERNEL");
	compare(1024, GFP_KERNEL, "GFP_KERNEL");
	compare(64, GFP_ATOMIC, "GFP_ATOMIC");
	return 0;
}
