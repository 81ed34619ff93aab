/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lists that readers walk under rcu_read_lock() while one updater at a
 * time (serialised by the caller's lock) changes them.  Publication is a
 * release store (rcu_assign_pointer) and readers' loads are acquires
 * (rcu_dereference), so a reader sees every entry initialised.  A removed
 * entry keeps its ->next for readers still on it: free it only after a
 * grace period (call_rcu, kfree_rcu, synchronize_rcu).
 *
 * list_for_each_entry_rcu(pos, head, member, cond) takes the lockdep
 * condition under which an updater may walk without rcu_read_lock(), and
 * reports "RCU-list traversed in non-reader section!!" when neither holds.
 */
#ifndef _KSTUB_LINUX_RCULIST_H
#define _KSTUB_LINUX_RCULIST_H

#include <linux/list.h>
#include <linux/rcupdate.h>

#define list_next_rcu(list) (*((struct list_head __rcu **)(&(list)->next)))
#define hlist_first_rcu(head) (*((struct hlist_node __rcu **)(&(head)->first)))
#define hlist_next_rcu(node) (*((struct hlist_node __rcu **)(&(node)->next)))
#define hlist_pprev_rcu(node) (*((struct hlist_node __rcu **)((node)->pprev)))

static inline void INIT_LIST_HEAD_RCU(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}

#define __kstub_list_check_rcu(dummy, cond, extra...)                  \
	({                                                             \
		RCU_LOCKDEP_WARN(                                      \
			!(cond) && !rcu_read_lock_any_held(),          \
			"RCU-list traversed in non-reader section!!"); \
	})

static inline void __list_add_rcu(struct list_head *new, struct list_head *prev,
				  struct list_head *next)
{
	new->next = next;
	new->prev = prev;
	rcu_assign_pointer(list_next_rcu(prev), new);
	next->prev = new;
}

static inline void list_add_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head, head->next);
}

static inline void list_add_tail_rcu(struct list_head *new,
				     struct list_head *head)
{
	__list_add_rcu(new, head->prev, head);
}

/*
 * Unlink @entry.  The kernel stores prev->next with WRITE_ONCE; here it is
 * a release store, so that a reader who now reaches the next entry through
 * prev sees that entry initialised: the updater knows it through its lock,
 * and ThreadSanitizer needs the edge handed on to the reader.
 */
static inline void __list_del_rcu(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	next->prev = prev;
	rcu_assign_pointer(list_next_rcu(prev), next);
}

/* Readers may still be on @entry: its ->next stays, ->prev is poisoned. */
static inline void list_del_rcu(struct list_head *entry)
{
	__list_del_rcu(entry);
	entry->prev = LIST_POISON2;
}

static inline void list_del_init_rcu(struct list_head *entry)
{
	__list_del_rcu(entry);
	INIT_LIST_HEAD(entry);
}

static inline void list_replace_rcu(struct list_head *old,
				    struct list_head *new)
{
	new->next = old->next;
	new->prev = old->prev;
	rcu_assign_pointer(list_next_rcu(new->prev), new);
	new->next->prev = new;
	old->prev = LIST_POISON2;
}

#define list_entry_rcu(ptr, type, member) \
	container_of(READ_ONCE(ptr), type, member)
#define list_first_or_null_rcu(ptr, type, member)                          \
	({                                                                 \
		struct list_head *__ptr = (ptr);                           \
		struct list_head *__next =                                 \
			rcu_dereference_raw(list_next_rcu(__ptr));         \
		likely(__ptr != __next) ? list_entry(__next, type, member) \
					: NULL;                            \
	})
#define list_next_or_null_rcu(head, ptr, type, member)                      \
	({                                                                  \
		struct list_head *__head = (head);                          \
		struct list_head *__ptr = (ptr);                            \
		struct list_head *__next =                                  \
			rcu_dereference_raw(list_next_rcu(__ptr));          \
		likely(__next != __head) ? list_entry(__next, type, member) \
					 : NULL;                            \
	})

#define __kstub_list_entry_rcu(ptr, type, member) \
	container_of(rcu_dereference_raw(ptr), type, member)

#define list_for_each_entry_rcu(pos, head, member, cond...)                  \
	for (__kstub_list_check_rcu(dummy, ##cond, 0),                       \
	     pos = __kstub_list_entry_rcu(list_next_rcu(head), typeof(*pos), \
					  member);                           \
	     &pos->member != (head);                                         \
	     pos = __kstub_list_entry_rcu(list_next_rcu(&(pos)->member),     \
					  typeof(*pos), member))
#define list_for_each_entry_srcu(pos, head, member, cond) \
	list_for_each_entry_rcu(pos, head, member, cond)
#define list_for_each_entry_continue_rcu(pos, head, member)              \
	for (pos = __kstub_list_entry_rcu(list_next_rcu(&(pos)->member), \
					  typeof(*pos), member);         \
	     &pos->member != (head);                                     \
	     pos = __kstub_list_entry_rcu(list_next_rcu(&(pos)->member), \
					  typeof(*pos), member))
#define list_for_each_entry_from_rcu(pos, head, member)                  \
	for (; &(pos)->member != (head);                                 \
	     pos = __kstub_list_entry_rcu(list_next_rcu(&(pos)->member), \
					  typeof(*(pos)), member))

/* --- hlist under RCU ------------------------------------------------------ */

/* As __list_del_rcu: the store readers follow is a release. */
static inline void __hlist_del_rcu(struct hlist_node *n)
{
	struct hlist_node *next = n->next;
	struct hlist_node **pprev = n->pprev;

	rcu_assign_pointer(*(struct hlist_node __rcu **)pprev, next);
	if (next)
		WRITE_ONCE(next->pprev, pprev);
}

static inline void hlist_del_rcu(struct hlist_node *n)
{
	__hlist_del_rcu(n);
	WRITE_ONCE(n->pprev, LIST_POISON2);
}

static inline void hlist_del_init_rcu(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del_rcu(n);
		WRITE_ONCE(n->pprev, NULL);
	}
}

static inline void hlist_replace_rcu(struct hlist_node *old,
				     struct hlist_node *new)
{
	struct hlist_node *next = old->next;

	new->next = next;
	WRITE_ONCE(new->pprev, old->pprev);
	rcu_assign_pointer(*(struct hlist_node __rcu **)new->pprev, new);
	if (next)
		WRITE_ONCE(new->next->pprev, &new->next);
	WRITE_ONCE(old->pprev, LIST_POISON2);
}

static inline void hlist_add_head_rcu(struct hlist_node *n,
				      struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	WRITE_ONCE(n->pprev, &h->first);
	rcu_assign_pointer(hlist_first_rcu(h), n);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
}

static inline void hlist_add_tail_rcu(struct hlist_node *n,
				      struct hlist_head *h)
{
	struct hlist_node *i, *last = NULL;

	for (i = h->first; i; i = i->next)
		last = i;
	if (last) {
		n->next = last->next;
		WRITE_ONCE(n->pprev, &last->next);
		rcu_assign_pointer(hlist_next_rcu(last), n);
	} else {
		hlist_add_head_rcu(n, h);
	}
}

static inline void hlist_add_before_rcu(struct hlist_node *n,
					struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	n->next = next;
	rcu_assign_pointer(hlist_pprev_rcu(n), n);
	WRITE_ONCE(next->pprev, &n->next);
}

static inline void hlist_add_behind_rcu(struct hlist_node *n,
					struct hlist_node *prev)
{
	n->next = prev->next;
	WRITE_ONCE(n->pprev, &prev->next);
	rcu_assign_pointer(hlist_next_rcu(prev), n);
	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}

#define __kstub_hlist_entry_rcu(ptr, type, member) \
	hlist_entry_safe(rcu_dereference_raw(ptr), type, member)

#define hlist_for_each_entry_rcu(pos, head, member, cond...)               \
	for (__kstub_list_check_rcu(dummy, ##cond, 0),                     \
	     pos = __kstub_hlist_entry_rcu(hlist_first_rcu(head),          \
					   typeof(*(pos)), member);        \
	     pos;                                                          \
	     pos = __kstub_hlist_entry_rcu(hlist_next_rcu(&(pos)->member), \
					   typeof(*(pos)), member))
#define hlist_for_each_entry_continue_rcu(pos, member)                     \
	for (pos = __kstub_hlist_entry_rcu(hlist_next_rcu(&(pos)->member), \
					   typeof(*(pos)), member);        \
	     pos;                                                          \
	     pos = __kstub_hlist_entry_rcu(hlist_next_rcu(&(pos)->member), \
					   typeof(*(pos)), member))

#endif
