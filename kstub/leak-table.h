/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The leak table's hot path, inlined into the allocators (slab.c); the
 * rest is in leak.c.  Never installed.
 *
 * A fixed open-addressing table keyed by the caller's return address: a
 * site claims its slot once, with a compare-and-swap on the key, and never
 * gives it up.  The counts of a slot are kept per thread, in a block of
 * counters only that thread writes, so an allocation or a free is two
 * relaxed atomic stores to memory no other thread writes: no lock, no
 * locked instruction, no shared cache line.  Readers sum the blocks.  A
 * thread that frees another's object counts it negative in its own block,
 * so only the sum over blocks means anything.  Blocks are never freed:
 * when a thread exits its block, counts and all, goes to the next new
 * thread.  When the table is full, or a site's probe sequence is, the
 * site is charged to slot 0, "other sites", whose caller is NULL: the
 * numbers stay exact in sum, only their attribution coarsens.
 */
#ifndef KSTUB_LEAK_TABLE_H
#define KSTUB_LEAK_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define LEAK_SLOTS 16384 /* a power of two, at most 65536 */
#define LEAK_MAX_PROBE 64
#define LEAK_OTHER 0

struct leak_count {
	long objects;
	long bytes;
};

struct leak_block {
	struct leak_block *next; /* all blocks, newest first */
	int busy; /* owned by a live thread */
	struct leak_count count[LEAK_SLOTS];
};

extern const void *kstub_leak_keys[LEAK_SLOTS] KSTUB_HIDDEN;
/* With allocation stacks on: the stack of each slot, NULL for a caller's. */
extern const struct kstub_stack *kstub_leak_stacks[LEAK_SLOTS] KSTUB_HIDDEN;
extern int kstub_leak_stacks_on KSTUB_HIDDEN;
extern __thread struct leak_block *kstub_leak_mine
	__attribute__((tls_model("initial-exec"))) KSTUB_HIDDEN;

/* The slow paths: a thread's first block, a site's first slot. */
struct leak_block *kstub_leak_block_get(void) KSTUB_HIDDEN;
unsigned int kstub_leak_slot_claim(const void *caller) KSTUB_HIDDEN;
/* The slot of the calling thread's stack from @caller outwards. */
unsigned int kstub_leak_slot_stack(const void *caller) KSTUB_HIDDEN;

static inline unsigned int leak_hash(const void *caller)
{
	uint64_t h = (uintptr_t)caller * 0x9e3779b97f4a7c15ull;

	return (unsigned int)(h >> 32) & (LEAK_SLOTS - 1);
}

static inline unsigned int leak_slot_of(const void *caller)
{
	unsigned int i = leak_hash(caller);

	if (__builtin_expect(__atomic_load_n(&kstub_leak_keys[i],
					     __ATOMIC_RELAXED) == caller &&
				     i != LEAK_OTHER,
			     1))
		return i;
	return kstub_leak_slot_claim(caller);
}

static inline struct leak_count *leak_count_mine(unsigned int slot)
{
	struct leak_block *b = kstub_leak_mine;

	if (__builtin_expect(!b, 0))
		b = kstub_leak_block_get();
	return &b->count[slot & (LEAK_SLOTS - 1)];
}

/* Only the owning thread writes: no read-modify-write needed. */
static inline void leak_add(long *v, long delta)
{
	__atomic_store_n(v, __atomic_load_n(v, __ATOMIC_RELAXED) + delta,
			 __ATOMIC_RELAXED);
}

/*
 * Charge @size bytes to @caller's site, or, with allocation stacks on, to
 * the site's stack; returns the slot.
 */
static inline unsigned int kstub_leak_alloc(const void *caller, size_t size)
{
	unsigned int i = __builtin_expect(__atomic_load_n(&kstub_leak_stacks_on,
							  __ATOMIC_RELAXED),
					  0)
				 ? kstub_leak_slot_stack(caller)
				 : leak_slot_of(caller);
	struct leak_count *c = leak_count_mine(i);

	leak_add(&c->objects, 1);
	leak_add(&c->bytes, (long)size);
	return i;
}

/* Credit back an object of @size bytes charged to @slot. */
static inline void kstub_leak_free(unsigned int slot, size_t size)
{
	struct leak_count *c = leak_count_mine(slot);

	leak_add(&c->objects, -1);
	leak_add(&c->bytes, -(long)size);
}

/* An object of @slot changed size in place (krealloc). */
static inline void kstub_leak_resize(unsigned int slot, size_t old_size,
				     size_t new_size)
{
	leak_add(&leak_count_mine(slot)->bytes,
		 (long)new_size - (long)old_size);
}

#endif
