/* SPDX-License-Identifier: GPL-2.0-only */
/* The node-count limits of a CONFIG_NUMA kernel; see <linux/nodemask.h>. */
#ifndef _KSTUB_LINUX_NUMA_H
#define _KSTUB_LINUX_NUMA_H

#define NODES_SHIFT 6
#define MAX_NUMNODES (1 << NODES_SHIFT)
#define NUMA_NO_NODE (-1)

#endif
