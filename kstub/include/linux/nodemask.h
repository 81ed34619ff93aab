/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NUMA nodes.  kstub models nr_node_ids nodes (1 by default, at most
 * MAX_NUMNODES), all possible, online, with normal memory and CPUs.
 *
 * The count comes from the environment variable KSTUB_NR_NODES, read once
 * when libkstub is loaded, or from kstub_set_nr_nodes() called by a test
 * before anything sized by nr_node_ids exists (memcgs, shrinkers).  After
 * that the node masks never change, so they are read without locks.
 */
#ifndef _KSTUB_LINUX_NODEMASK_H
#define _KSTUB_LINUX_NODEMASK_H

#include <linux/kernel.h>
#include <linux/numa.h>

typedef struct {
	unsigned long bits[BITS_TO_LONGS(MAX_NUMNODES)];
} nodemask_t;

enum node_states {
	N_POSSIBLE,
	N_ONLINE,
	N_NORMAL_MEMORY,
	N_HIGH_MEMORY = N_NORMAL_MEMORY,
	N_MEMORY,
	N_CPU,
	N_GENERIC_INITIATOR,
	NR_NODE_STATES
};

extern nodemask_t node_states[NR_NODE_STATES];
extern unsigned int nr_node_ids;
extern unsigned int nr_online_nodes;

/*
 * Sets the node count: 1 <= @nr <= MAX_NUMNODES.  Returns 0, or -EINVAL.
 * Only for tests, before the first memcg or shrinker is created.
 */
int kstub_set_nr_nodes(unsigned int nr);

static inline bool __node_isset(int node, const nodemask_t *mask)
{
	return node >= 0 && node < MAX_NUMNODES &&
	       (mask->bits[node / BITS_PER_LONG] >> (node % BITS_PER_LONG)) &
		       1UL;
}
#define node_isset(node, mask) __node_isset((node), &(mask))

static inline void __node_set(int node, nodemask_t *mask)
{
	mask->bits[node / BITS_PER_LONG] |= 1UL << (node % BITS_PER_LONG);
}
#define node_set(node, mask) __node_set((node), &(mask))

static inline void __node_clear(int node, nodemask_t *mask)
{
	mask->bits[node / BITS_PER_LONG] &= ~(1UL << (node % BITS_PER_LONG));
}
#define node_clear(node, mask) __node_clear((node), &(mask))

static inline void __nodes_clear(nodemask_t *mask)
{
	*mask = (nodemask_t){{0}};
}
#define nodes_clear(mask) __nodes_clear(&(mask))

/* The first node set in @mask at or after @node, or MAX_NUMNODES. */
static inline int __next_node_from(int node, const nodemask_t *mask)
{
	for (; node < MAX_NUMNODES; node++)
		if (node_isset(node, *mask))
			return node;
	return MAX_NUMNODES;
}
#define first_node(mask) __next_node_from(0, &(mask))
#define next_node(n, mask) __next_node_from((n) + 1, &(mask))

static inline int __nodes_weight(const nodemask_t *mask)
{
	int node, w = 0;

	for (node = 0; node < MAX_NUMNODES; node++)
		w += node_isset(node, *mask);
	return w;
}
#define nodes_weight(mask) __nodes_weight(&(mask))
#define nodes_empty(mask) (__nodes_weight(&(mask)) == 0)

#define for_each_node_mask(node, mask)                         \
	for ((node) = first_node(mask); (node) < MAX_NUMNODES; \
	     (node) = next_node((node), (mask)))

static inline bool node_state(int node, enum node_states state)
{
	return node_isset(node, node_states[state]);
}

#define for_each_node_state(node, state) \
	for_each_node_mask((node), node_states[state])
#define for_each_node(node) for_each_node_state(node, N_POSSIBLE)
#define for_each_online_node(node) for_each_node_state(node, N_ONLINE)

#define node_online(node) node_state((node), N_ONLINE)
#define node_possible(node) node_state((node), N_POSSIBLE)
#define num_online_nodes() ((int)nr_online_nodes)
#define num_possible_nodes() nodes_weight(node_states[N_POSSIBLE])
#define num_node_state(state) nodes_weight(node_states[state])
#define first_online_node first_node(node_states[N_ONLINE])
#define first_memory_node first_node(node_states[N_MEMORY])
#define next_online_node(nid) next_node((nid), node_states[N_ONLINE])

#endif
