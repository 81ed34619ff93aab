// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA nodes: the node masks and nr_node_ids, sized once from
 * KSTUB_NR_NODES or kstub_set_nr_nodes(); see <linux/nodemask.h>.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/kstrtox.h>
#include <linux/topology.h>

nodemask_t node_states[NR_NODE_STATES];
unsigned int nr_node_ids = 1;
unsigned int nr_online_nodes = 1;

static __thread int kstub_thread_node;

int kstub_set_nr_nodes(unsigned int nr)
{
	enum node_states st;
	unsigned int nid;

	if (nr < 1 || nr > MAX_NUMNODES)
		return -EINVAL;
	for (st = 0; st < NR_NODE_STATES; st++) {
		nodes_clear(node_states[st]);
		if (st == N_GENERIC_INITIATOR)
			continue;
		for (nid = 0; nid < nr; nid++)
			node_set(nid, node_states[st]);
	}
	WRITE_ONCE(nr_node_ids, nr);
	WRITE_ONCE(nr_online_nodes, nr);
	return 0;
}

int numa_node_id(void)
{
	return kstub_thread_node;
}

int kstub_set_numa_node_id(int nid)
{
	if (!node_online(nid))
		return -EINVAL;
	kstub_thread_node = nid;
	return 0;
}

/*
 * Read before main() and before any kernel code runs.  A value kstub does
 * not understand stops the program: a run with a node count other than
 * the one asked for would test something else.
 */
static void __attribute__((constructor)) kstub_nodes_init(void)
{
	const char *env = getenv("KSTUB_NR_NODES");
	unsigned int nr = 1;

	if (env && *env &&
	    (kstrtouint(env, 0, &nr) || kstub_set_nr_nodes(nr) < 0)) {
		fprintf(stderr,
			"kstub: KSTUB_NR_NODES=%s: expected a number from 1 to "
			"%d\n",
			env, MAX_NUMNODES);
		exit(2);
	}
	kstub_set_nr_nodes(nr);
}
