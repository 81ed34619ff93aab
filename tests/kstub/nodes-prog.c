// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prints what kstub made of the node count, for nodes.sh:
 * "<nr_node_ids> <online> <for_each_node> <N_MEMORY> <first> <node_id>",
 * or, with a number, the same after kstub_set_nr_nodes(number); with
 * "memcg", the memcg switches after creating one memcg:
 * "disabled=<0|1> root=<0|1> kmem=<0|1>".
 */
#include "config.h"

/* a test of the memcg model: built as with CONFIG_MEMCG=y */
#define CONFIG_MEMCG 1

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/memcontrol.h>
#include <linux/nodemask.h>
#include <linux/topology.h>

int main(int argc, char **argv)
{
	int nid, each = 0, mem = 0;

	if (argc > 1 && !strcmp(argv[1], "memcg")) {
		struct mem_cgroup *memcg = kstub_memcg_create(NULL);

		printf("disabled=%d root=%d kmem=%d\n", mem_cgroup_disabled(),
		       root_mem_cgroup != NULL, memcg_kmem_online());
		if (!IS_ERR(memcg))
			kstub_memcg_offline(memcg);
		return 0;
	}
	if (argc > 1 && kstub_set_nr_nodes(atoi(argv[1]))) {
		printf("EINVAL\n");
		return 0;
	}
	for_each_node(nid)
		each++;
	for_each_node_state(nid, N_MEMORY)
		mem++;
	printf("%u %d %d %d %d %d\n", nr_node_ids, num_online_nodes(), each,
	       mem, first_online_node, numa_node_id());
	return 0;
}
