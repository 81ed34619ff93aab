// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small library routines of the kernel's lib/: lock-less list removal
 * (<linux/llist.h>), integer square root (<linux/math.h>).
 */
#include "config.h"

#include <linux/llist.h>
#include <linux/math.h>
#include <linux/bitops.h>

struct llist_node *llist_del_first(struct llist_head *head)
{
	struct llist_node *first =
		__atomic_load_n(&head->first, __ATOMIC_ACQUIRE);

	/*
	 * Reading first->next is safe: only this thread removes single
	 * entries, so @first stays on the list (or goes with a del_all
	 * whose taker cannot free it before we fail the exchange).
	 */
	while (first && !__atomic_compare_exchange_n(
				&head->first, &first, READ_ONCE(first->next),
				true, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
		;
	return first;
}

bool llist_del_first_this(struct llist_head *head, struct llist_node *this)
{
	struct llist_node *first =
		__atomic_load_n(&head->first, __ATOMIC_ACQUIRE);

	while (first == this) {
		if (__atomic_compare_exchange_n(
			    &head->first, &first, READ_ONCE(this->next), true,
			    __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
			return true;
	}
	return false;
}

struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *reversed = NULL;

	while (head) {
		struct llist_node *next = head->next;

		head->next = reversed;
		reversed = head;
		head = next;
	}
	return reversed;
}

/* floor(sqrt(x)), bit by bit from the top. */
u32 int_sqrt(unsigned long x)
{
	unsigned long res = 0, bit;

	if (x <= 1)
		return x;
	bit = 1UL << (__fls(x) & ~1UL);
	while (bit) {
		if (x >= res + bit) {
			x -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	return res;
}
