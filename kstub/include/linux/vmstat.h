/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM event and page-state counters.  kstub has no pages, zones or
 * per-cpu statistics: the updates are accepted and dropped, the reads
 * are zero.  Code that accounts reclaim (count_vm_events(SLABS_SCANNED,
 * n)) compiles and runs unchanged.
 */
#ifndef _KSTUB_LINUX_VMSTAT_H
#define _KSTUB_LINUX_VMSTAT_H

#include <linux/types.h>

enum vm_event_item {
	PGPGIN,
	PGPGOUT,
	PSWPIN,
	PSWPOUT,
	PGFAULT,
	PGMAJFAULT,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	SLABS_SCANNED,
	NR_VM_EVENT_ITEMS
};

enum node_stat_item {
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_KERNEL_MISC_RECLAIMABLE,
	NR_VM_NODE_STAT_ITEMS
};

#define count_vm_event(item) ((void)(item))
#define count_vm_events(item, delta) ((void)(item), (void)(delta))
#define __count_vm_event(item) count_vm_event(item)
#define __count_vm_events(item, delta) count_vm_events(item, delta)
#define count_memcg_events(memcg, item, delta) \
	((void)(memcg), (void)(item), (void)(delta))
#define mod_node_page_state(pgdat, item, delta) \
	((void)(pgdat), (void)(item), (void)(delta))
#define inc_node_page_state(page, item) ((void)(page), (void)(item))
#define dec_node_page_state(page, item) ((void)(page), (void)(item))
#define global_node_page_state(item) ((void)(item), 0UL)
#define node_page_state(pgdat, item) ((void)(pgdat), (void)(item), 0UL)

#endif
