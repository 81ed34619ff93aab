/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Leak accounting: live objects and bytes per allocation site.
 *
 * Every kstub allocation (slab, vmalloc, kmem_cache, the string helpers)
 * records its site, the kernel code's return address, and every free
 * credits it back.  Counters are updated with atomics and may be read at
 * any time from any thread; a consistent picture needs quiescence, which
 * kstub_leak_check() provides by waiting for pending RCU callbacks first.
 *
 * The site of an object is the return address in the code that called the
 * allocation API (kmalloc, kstrdup, kmem_cache_alloc, ...), or with
 * allocation stacks on (below) its whole stack.  Sites are kept in a
 * fixed table; if it ever fills, further sites are counted together
 * under caller NULL.
 *
 * With KSTUB_LEAK_CHECK=1 in the environment, kstub runs
 * kstub_leak_check(stderr) when the process exits (exit() or a return
 * from main, not _exit() or a signal) and, when objects leaked and the
 * exit status was 0, exits with KSTUB_LEAK_EXIT_STATUS instead.
 *
 * kstub_leak_check() and kstub_leak_for_each(1, ...) wait in rcu_barrier():
 * never call them from an RCU callback or inside rcu_read_lock().
 */
#ifndef KSTUB_LEAK_H
#define KSTUB_LEAK_H

#include <stddef.h>
#include <stdio.h>

#define KSTUB_LEAK_EXIT_STATUS 33

struct kstub_leak_site {
	const void *caller; /* allocation site (return address) */
	unsigned long objects; /* live objects allocated there */
	size_t bytes; /* live bytes allocated there */
	/*
	 * With allocation stacks on, the stack these objects were allocated
	 * from, caller first (return addresses); else NULL and 0.
	 */
	const void *const *frames;
	unsigned int nr_frames;
};

/*
 * Allocation stacks: with them on (or KSTUB_LEAK_STACKS=1 in the
 * environment), every allocation records its stack, each distinct stack
 * is a site of its own, and kstub_leak_for_each() gives each its frames,
 * as kmemleak does: two paths through one allocating function leak
 * apart.  Costs a stack walk per allocation; off by default.
 */
void kstub_leak_set_stacks(int on);

/*
 * Call @fn for every site with live objects, after rcu_barrier() when
 * @barrier is non-zero.  Returns the number of live objects in all.
 */
unsigned long kstub_leak_for_each(int barrier,
				  void (*fn)(const struct kstub_leak_site *,
					     void *),
				  void *arg);

/* Live objects and bytes right now, without waiting. */
unsigned long kstub_live_objects(void);
size_t kstub_live_bytes(void);

/*
 * Wait for RCU callbacks, then print one line per leaking site (symbolized
 * caller, objects, bytes) to @out.  Returns the number of leaked objects.
 */
unsigned long kstub_leak_check(FILE *out);

#endif /* KSTUB_LEAK_H */
