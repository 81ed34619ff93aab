// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one file that talks to liburcu (memb flavour).  Its headers map
 * rcu_read_lock, call_rcu, rcu_dereference... to its own API as macros,
 * which would clash with the kernel names kstub defines, so the rest of
 * kstub reaches liburcu only through these functions.
 *
 * liburcu provides the readers and grace periods; call_rcu callbacks run
 * on kstub's own thread (rcu_callbacks.c).
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
