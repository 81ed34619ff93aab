/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the idr/memcg/debugfs tests: a hook that can fail the next
 * N sites of one class and counts the rest, and a thread launcher.  The
 * program is linked with -export-dynamic so its kstub_hook interposes on
 * libkstub's.  Include from exactly one file per program.
 */
#ifndef KSTUB_TESTS_MISC_TEST_H
#define KSTUB_TESTS_MISC_TEST_H

#include <pthread.h>
#include <stdlib.h>

#include <kstub/hook.h>
#include <kstub/leak.h>
#include <kstub/report.h>
#include "tap.h"

static int misc_fail_cls = -1;
static int misc_fail_left;
static unsigned long misc_seen[KSTUB_NR_SITE_CLASSES];

bool kstub_hook(const struct kstub_site *site)
{
	__atomic_add_fetch(&misc_seen[site->cls], 1, __ATOMIC_RELAXED);
	if ((int)site->cls != __atomic_load_n(&misc_fail_cls, __ATOMIC_RELAXED))
		return false;
	return __atomic_sub_fetch(&misc_fail_left, 1, __ATOMIC_RELAXED) >= 0;
}

/* Fail the next @n sites of class @cls (n = 0: stop failing). */
static inline void misc_fail_next(enum kstub_site_class cls, int n)
{
	__atomic_store_n(&misc_fail_left, n, __ATOMIC_RELAXED);
	__atomic_store_n(&misc_fail_cls, n ? (int)cls : -1, __ATOMIC_RELAXED);
}

static inline unsigned long misc_sites(enum kstub_site_class cls)
{
	return __atomic_load_n(&misc_seen[cls], __ATOMIC_RELAXED);
}

/* Live kernel objects once pending RCU callbacks have run. */
static inline unsigned long misc_live(void)
{
	return kstub_leak_for_each(1, NULL, NULL);
}

/* Starts @n threads running @fn(@i) and joins them all. */
static inline void misc_threads(int n, void *(*fn)(void *))
{
	pthread_t *tids = calloc(n, sizeof(*tids));
	long i;

	if (!tids)
		bail_out("calloc failed");
	for (i = 0; i < n; i++)
		if (pthread_create(&tids[i], NULL, fn, (void *)i))
			bail_out("pthread_create failed");
	for (i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	free(tids);
}

#endif
