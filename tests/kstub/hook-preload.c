// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hook in a module of its own, for hook.sh to LD_PRELOAD: it counts slab
 * and free sites, fails the second slab allocation, and at exit prints
 * what it saw, with the failed allocation's caller symbolized.
 */
#include "config.h"

#include <stdio.h>

#include <kstub/hook.h>
#include <kstub/report.h>

static unsigned long slab_sites, free_sites;
static const void *failed_caller;

bool kstub_hook(const struct kstub_site *site)
{
	if (site->cls == KSTUB_SITE_free)
		__atomic_add_fetch(&free_sites, 1, __ATOMIC_RELAXED);
	if (site->cls != KSTUB_SITE_slab)
		return false;
	if (__atomic_add_fetch(&slab_sites, 1, __ATOMIC_RELAXED) != 2)
		return false;
	failed_caller = site->caller;
	return true;
}

static __attribute__((destructor)) void hook_report(void)
{
	char sym[256] = "none";

	/* libkstub is still mapped: the program was linked with it */
	if (failed_caller)
		kstub_symbolize(failed_caller, sym, sizeof(sym));
	fprintf(stderr, "hook: slab=%lu free=%lu failed_caller=%s\n",
		slab_sites, free_sites, sym);
}
