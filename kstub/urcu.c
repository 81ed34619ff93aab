// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one file that talks to liburcu (memb flavour).  Its headers map
 * rcu_read_lock, call_rcu, rcu_dereference... to its own API as macros,
 * which would clash with the kernel names kstub defines, so the rest of
 * kstub reaches liburcu only through these functions.
 *
 * Plain builds inline liburcu's read side (_LGPL_SOURCE).  TSan builds call
 * the library functions: the library is not instrumented, and kstub
 * annotates RCU's happens-before edges itself (see rcu.c).
 */
#include "config.h"

#include "internal.h"

#ifndef KSTUB_TSAN
#define _LGPL_SOURCE
#endif
#include <pthread.h>
#include <stddef.h>
#include <urcu/urcu-memb.h>

void kstub_urcu_register(void)
{
	urcu_memb_register_thread();
}

void kstub_urcu_unregister(void)
{
	urcu_memb_unregister_thread();
}

void kstub_urcu_read_lock(void)
{
	urcu_memb_read_lock();
}

void kstub_urcu_read_unlock(void)
{
	urcu_memb_read_unlock();
}

void kstub_urcu_synchronize(void)
{
	urcu_memb_synchronize_rcu();
}

void kstub_urcu_barrier(void)
{
	urcu_memb_barrier();
}

static void kstub_urcu_trampoline(struct rcu_head *head)
{
	kstub_rcu_invoke((struct callback_head *)head);
}

void kstub_urcu_call(struct callback_head *head)
{
	urcu_memb_call_rcu((struct rcu_head *)head, kstub_urcu_trampoline);
}

/*
 * liburcu's call_rcu threads do not survive fork(): without this a child
 * that forks without exec would queue callbacks nobody runs, and its
 * rcu_barrier() would never return.  liburcu asks its users to call these
 * around fork(); kernel code never would, so kstub does.  Not under TSan:
 * it kills a forked child of a threaded process that starts a thread, as
 * the new call_rcu thread would be (even right before exec).
 */
#ifndef KSTUB_TSAN
static void kstub_urcu_before_fork(void)
{
	urcu_memb_call_rcu_before_fork();
}

static void kstub_urcu_after_fork_parent(void)
{
	urcu_memb_call_rcu_after_fork_parent();
}

static void kstub_urcu_after_fork_child(void)
{
	urcu_memb_call_rcu_after_fork_child();
}

__attribute__((constructor)) static void kstub_urcu_init(void)
{
	pthread_atfork(kstub_urcu_before_fork, kstub_urcu_after_fork_parent,
		       kstub_urcu_after_fork_child);
}
#endif

/* Remember liburcu's layout before <linux/types.h> renames rcu_head. */
enum {
	KSTUB_URCU_HEAD_SIZE = sizeof(struct rcu_head),
	KSTUB_URCU_HEAD_FUNC = offsetof(struct rcu_head, func),
};

#include <linux/types.h>

_Static_assert(offsetof(struct callback_head, kstub_tramp) ==
		       KSTUB_URCU_HEAD_FUNC,
	       "struct callback_head must start like liburcu's rcu_head");
_Static_assert(offsetof(struct callback_head, func) >= KSTUB_URCU_HEAD_SIZE,
	       "the kernel callback must not overlap liburcu's rcu_head");
