/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The calling thread's node.  Every thread is on node 0 unless it moved
 * itself with kstub_set_numa_node_id(), so a test chooses where its
 * "CPUs" are.
 */
#ifndef _KSTUB_LINUX_TOPOLOGY_H
#define _KSTUB_LINUX_TOPOLOGY_H

#include <linux/nodemask.h>

int numa_node_id(void);
/* Puts the calling thread on node @nid; -EINVAL when it is not online. */
int kstub_set_numa_node_id(int nid);
#define numa_mem_id() numa_node_id()
#define cpu_to_node(cpu) 0

#endif
