// SPDX-License-Identifier: GPL-2.0-only
/* list.h and hlist: order, removal, splicing, moving, safe iteration. */
#include "config.h"

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/rculist.h>

#include "harness.h"

struct item {
	int v;
	struct list_head node;
	struct hlist_node hnode;
};

/* The values of @head in order, as digits: {1,2,3} -> 123. */
static long digits(struct list_head *head)
{
	struct item *it;
	long n = 0;

	list_for_each_entry(it, head, node)
		n = n * 10 + it->v;
	return n;
}

int main(void)
{
	struct item it[6];
	struct item *pos, *tmp;
	LIST_HEAD(a);
	LIST_HEAD(b);
	HLIST_HEAD(h);
	long n = 0;
	int i;

	plan(20);
	for (i = 0; i < 6; i++) {
		it[i].v = i + 1;
		INIT_LIST_HEAD(&it[i].node);
		INIT_HLIST_NODE(&it[i].hnode);
	}
	ok(list_empty(&a), "LIST_HEAD is empty");
	ok(list_first_entry_or_null(&a, struct item, node) == NULL,
	   "list_first_entry_or_null on empty");
	list_add_tail(&it[1].node, &a);
	list_add_tail(&it[2].node, &a);
	list_add(&it[0].node, &a);
	is_int(digits(&a), 123, "list_add/list_add_tail order");
	ok(list_first_entry(&a, struct item, node) == &it[0],
	   "list_first_entry");
	ok(list_last_entry(&a, struct item, node) == &it[2], "list_last_entry");
	ok(list_is_last(&it[2].node, &a), "list_is_last");
	list_del(&it[1].node);
	is_int(digits(&a), 13, "list_del");
	ok(it[1].node.next == LIST_POISON1, "list_del poisons");
	list_add_tail(&it[3].node, &b);
	list_add_tail(&it[4].node, &b);
	list_splice_tail_init(&b, &a);
	is_int(digits(&a), 1345, "list_splice_tail_init appends");
	ok(list_empty(&b), "and empties the source");
	list_move(&it[4].node, &a);
	is_int(digits(&a), 5134, "list_move");
	list_move_tail(&it[4].node, &b);
	is_int(digits(&b), 5, "list_move_tail to another list");
	list_splice_init(&b, &a);
	is_int(digits(&a), 5134, "list_splice_init prepends");
	list_for_each_entry_safe(pos, tmp, &a, node)
		if (pos->v & 1)
			list_del_init(&pos->node);
	is_int(digits(&a), 4, "list_for_each_entry_safe deletes while walking");
	ok(list_is_singular(&a), "list_is_singular");
	is_int(list_count_nodes(&a), 1, "list_count_nodes");
	list_replace_init(&it[3].node, &it[5].node);
	is_int(digits(&a), 6, "list_replace_init");

	for (i = 0; i < 3; i++)
		hlist_add_head(&it[i].hnode, &h);
	hlist_del_init(&it[1].hnode);
	ok(hlist_unhashed(&it[1].hnode), "hlist_del_init unhashes");
	{
		struct item *hp;
		struct hlist_node *hn;

		hlist_for_each_entry_safe(hp, hn, &h, hnode)
			n = n * 10 + hp->v;
	}
	is_int(n, 31, "hlist_add_head order, hlist_for_each_entry_safe");
	hlist_del(&it[0].hnode);
	hlist_del(&it[2].hnode);
	ok(hlist_empty(&h), "hlist_empty after deleting all");
	return exit_status();
}
