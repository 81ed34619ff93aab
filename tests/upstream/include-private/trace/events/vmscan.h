/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for the two vmscan events mm/shrinker.c fires, for a tree
 * without include/trace/events/vmscan.h (one that has it is used as it
 * is).  They check their arguments' types and record nothing.
 */
#ifndef KFAULT_UPSTREAM_TRACE_VMSCAN_H
#define KFAULT_UPSTREAM_TRACE_VMSCAN_H

struct shrinker;
struct shrink_control;

static inline void
trace_mm_shrink_slab_start(struct shrinker *shr, struct shrink_control *sc,
			   long nr_objects_to_shrink, unsigned long cache_items,
			   unsigned long long delta, unsigned long total_scan,
			   int priority)
{
}

static inline void trace_mm_shrink_slab_end(struct shrinker *shr, int nid,
					    int shrinker_retval,
					    long unused_scan_cnt,
					    long new_scan_cnt, long total_scan)
{
}

#endif
