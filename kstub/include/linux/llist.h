/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lock-less singly linked lists (a LIFO stack).
 *
 * Any number of threads may llist_add()/llist_add_batch() and
 * llist_del_all() at once without a lock.  llist_del_first() and
 * llist_del_first_this() may run beside adders and llist_del_all(), but
 * only one thread at a time may take entries off one by one (the ABA
 * rule): serialize them with a lock of your own.  The __ forms are plain
 * and need every other user excluded.  llist_del_all() hands the caller a
 * private chain, newest first; llist_reverse_order() turns it round.
 */
#ifndef _KSTUB_LINUX_LLIST_H
#define _KSTUB_LINUX_LLIST_H

#include <linux/atomic.h>
#include <linux/container_of.h>
#include <linux/stddef.h>
#include <linux/types.h>

struct llist_head {
	struct llist_node *first;
};

struct llist_node {
	struct llist_node *next;
};

#define LLIST_HEAD_INIT(name) \
	{                     \
		NULL          \
	}
#define LLIST_HEAD(name) struct llist_head name = LLIST_HEAD_INIT(name)

static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

/* A node that points at itself is on no list (llist_on_list()). */
static inline void init_llist_node(struct llist_node *node)
{
	WRITE_ONCE(node->next, node);
}

static inline bool llist_on_list(const struct llist_node *node)
{
	return READ_ONCE(node->next) != node;
}

#define llist_entry(ptr, type, member) container_of(ptr, type, member)
#define member_address_is_nonnull(ptr, member) \
	((uintptr_t)(ptr) + offsetof(typeof(*(ptr)), member) != 0)

#define llist_for_each(pos, node) for ((pos) = (node); pos; (pos) = (pos)->next)
#define llist_for_each_safe(pos, n, node) \
	for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))
#define llist_for_each_entry(pos, node, member)                   \
	for ((pos) = llist_entry((node), typeof(*(pos)), member); \
	     member_address_is_nonnull(pos, member);              \
	     (pos) = llist_entry((pos)->member.next, typeof(*(pos)), member))
#define llist_for_each_entry_safe(pos, n, node, member)                     \
	for (pos = llist_entry((node), typeof(*pos), member);               \
	     member_address_is_nonnull(pos, member) &&                      \
	     (n = llist_entry(pos->member.next, typeof(*n), member), true); \
	     pos = n)

static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

static inline struct llist_node *llist_next(struct llist_node *node)
{
	return READ_ONCE(node->next);
}

/*
 * Pushes the chain @new_first..@new_last; true when the list was empty.
 * The release in the exchange publishes the entries' contents.
 */
static inline bool llist_add_batch(struct llist_node *new_first,
				   struct llist_node *new_last,
				   struct llist_head *head)
{
	struct llist_node *first = READ_ONCE(head->first);

	do {
		WRITE_ONCE(new_last->next, first);
	} while (!__atomic_compare_exchange_n(&head->first, &first, new_first,
					      true, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	return first == NULL;
}

static inline bool __llist_add_batch(struct llist_node *new_first,
				     struct llist_node *new_last,
				     struct llist_head *head)
{
	new_last->next = head->first;
	head->first = new_first;
	return new_last->next == NULL;
}

static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	return llist_add_batch(new, new, head);
}

static inline bool __llist_add(struct llist_node *new, struct llist_head *head)
{
	return __llist_add_batch(new, new, head);
}

/* Takes the whole chain; the acquire pairs with the adders' release. */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return __atomic_exchange_n(&head->first, NULL, __ATOMIC_ACQUIRE);
}

static inline struct llist_node *__llist_del_all(struct llist_head *head)
{
	struct llist_node *first = head->first;

	head->first = NULL;
	return first;
}

/* One deleter at a time (see above). */
struct llist_node *llist_del_first(struct llist_head *head);

static inline struct llist_node *llist_del_first_init(struct llist_head *head)
{
	struct llist_node *n = llist_del_first(head);

	if (n)
		init_llist_node(n);
	return n;
}

/* Deletes @this if it is the first entry; one deleter at a time. */
bool llist_del_first_this(struct llist_head *head, struct llist_node *this);
struct llist_node *llist_reverse_order(struct llist_node *head);

#endif
