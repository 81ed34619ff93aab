// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cost of one allocation and its free, for the preload benchmark
 * (shim-preload.sh): "kmalloc N" times kmalloc(64)+kfree through kstub,
 * "malloc N" times malloc(64)+free, for comparing with libfiu's POSIX
 * preload.  Prints the best of ten rounds in ns per pair: the machine may
 * be busy, and the quietest round is the closest to the cost.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/slab.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static noinline void one_kmalloc(void)
{
	void *p = kmalloc(64, GFP_KERNEL);

	barrier();
	kfree(p);
}

static noinline void one_malloc(void)
{
	void *p = malloc(64);

	__asm__ __volatile__("" : : "r"(p) : "memory");
	free(p);
}

int main(int argc, char **argv)
{
	bool km = argc > 1 && !strcmp(argv[1], "kmalloc");
	long i, n = argc > 2 ? atol(argv[2]) : 1000000;
	double best = 0;
	int round;

	if (argc < 2 || (!km && strcmp(argv[1], "malloc")) || n < 1) {
		fprintf(stderr, "usage: shim-overhead kmalloc|malloc [N]\n");
		return 2;
	}
	for (round = 0; round < 10; round++) {
		double t = now_ns(), ns;

		for (i = 0; i < n; i++) {
			if (km)
				one_kmalloc();
			else
				one_malloc();
		}
		ns = (now_ns() - t) / n;
		if (!round || ns < best)
			best = ns;
	}
	printf("%.1f\n", best);
	return 0;
}
