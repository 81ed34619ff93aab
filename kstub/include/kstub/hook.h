/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hook ABI between kstub and whatever preloads itself in front of it.
 *
 * Every kstub site calls kstub_hook() once, before the operation, on the
 * calling thread.  libkstub.so exports a default kstub_hook that does
 * nothing; a library loaded with LD_PRELOAD that defines the same symbol
 * replaces it by ordinary ELF interposition (kstub calls it through the
 * PLT, never directly).
 *
 * Rules for an implementation:
 *  - It may be called from any thread, including RCU callback threads and
 *    threads kstub did not create, with kstub locks held and inside RCU
 *    read-side sections.  It must not call back into kstub, but for
 *    kstub_quiesce_threads() at a KSTUB_FAULT site (below).
 *  - The return value matters only for KSTUB_FAULT classes: true makes the
 *    operation fail the way the kernel's would (allocation returns NULL,
 *    idr_alloc -ENOMEM, a killable lock -EINTR).  It is ignored for
 *    KSTUB_EVENT classes, which may only be observed or delayed.
 *  - @site and everything it points to is valid only during the call.
 */
#ifndef KSTUB_HOOK_H
#define KSTUB_HOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <kstub/sites.h>

/*
 * What a preloaded library and libkstub must agree on: struct
 * kstub_site, struct kstub_event, and the structs of <kstub/leak.h> and
 * <kstub/report.h> that the shim reads.  2: struct kstub_leak_site has
 * its stack.  3: struct kstub_site has seen and timed (the wait classes).
 */
#define KSTUB_HOOK_ABI_VERSION 3

/*
 * The object of the wait classes (idle, flush): an event count, so that
 * a hook can tell when the wait may end without reading kstub's queues.
 * Whoever may end a wait adds one to @count, under the lock of the
 * condition waited for, before it wakes the waiters; a waiter that finds
 * its condition false reads @count under that lock and reports it as the
 * site's @seen.  The wait cannot end while @count is still @seen (a
 * timed wait aside: its deadline ends it too).  Read @count with an
 * atomic load: it changes under kstub's locks, not the hook's.
 */
struct kstub_event {
	unsigned int count;
};

struct kstub_site {
	enum kstub_site_class cls;
	/* return address in the code that called the kernel API */
	const void *caller;
	/*
	 * lock, refcount, completion, rcu_head, object freed, the event a
	 * wait class waits for; else NULL
	 */
	const void *obj;
	/* bytes requested (allocation classes), else 0 */
	size_t size;
	/* gfp_t of the request (allocation classes), else 0 */
	unsigned int gfp;
	/* wait classes: the count of obj (a struct kstub_event) seen */
	unsigned int seen;
	/* wait classes: a deadline ends the wait too (a pending timer) */
	bool timed;
};

bool kstub_hook(const struct kstub_site *site);

/*
 * The page allocator's "too small to fail" rule: a request of order <=
 * PAGE_ALLOC_COSTLY_ORDER (3) that may enter direct reclaim, without
 * __GFP_NORETRY or __GFP_RETRY_MAYFAIL, is retried until it succeeds.
 * failslab ignores it, and so does kstub by default: such slab
 * allocations are reported as they were asked for and may be failed.
 * With the rule on (this call, or KSTUB_TOO_SMALL_TO_FAIL=1 in the
 * environment), kstub reports them to the hook with __GFP_NOFAIL added
 * and never fails them, as a kernel without fault injection would not.
 */
void kstub_set_too_small_to_fail(bool on);

/*
 * End kstub's own threads once they have nothing to do, so that a fork
 * made next copies the program's threads alone; each starts again when
 * it is next needed.  Today the RCU callback thread: the callbacks queued
 * so far run first, as after rcu_barrier(), unless the caller is in a
 * region a grace period waits for (then it ends only if idle already);
 * the wait is bounded: 1s, 5ms for a caller that holds a lock a callback
 * may want.  True when no such thread of kstub runs any more.  Callable from kstub_hook at a KSTUB_FAULT site:
 * none is reached with the callback engine's locks held.
 */
bool kstub_quiesce_threads(void);

/*
 * While kstub creates a thread of its own, on the creating thread: which
 * (KSTUB_THREAD_*); 0 otherwise.  A preloaded pthread_create tells them
 * from the program's by it: the RCU callback thread that
 * kstub_quiesce_threads() ended and kstub started again is the same
 * thread, as far as numbering threads goes.
 */
#define KSTUB_THREAD_RCU_CALLBACKS 1
int kstub_own_thread(void);

/* The hook ABI version libkstub was built with. */
int kstub_hook_abi_version(void);

#endif /* KSTUB_HOOK_H */
