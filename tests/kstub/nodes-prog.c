// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prints what kstub made of the node count, for nodes.sh:
 * "<nr_node_ids> <online> <for_each_node> <N_MEMORY> <first> <node_id>",
 * or, with an argument, the same after kstub_set_nr_nodes(argument).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <linux/nodemask.h>
#include <linux/topology.h>

int main(int argc, char **argv)
{
	int nid, each = 0, mem = 0;

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
