// SPDX-License-Identifier: GPL-2.0-only
/*
 * Leak accounting: live objects and bytes per allocation site.
 *
 * The table and its hot path are described in leak-table.h.
 *
 * Opt-in exit check: with KSTUB_LEAK_CHECK=1 in the environment, kstub
 * runs kstub_leak_check(stderr) when the process exits normally and, if
 * anything leaked and the exit status was 0, changes it to
 * KSTUB_LEAK_EXIT_STATUS.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "leak-table.h"
#include <linux/compiler.h>
#include <linux/rcupdate.h>
#include <kstub/leak.h>
#include <kstub/report.h>

const void *kstub_leak_keys[LEAK_SLOTS];
const struct kstub_stack *kstub_leak_stacks[LEAK_SLOTS];
int kstub_leak_stacks_on;
__thread struct leak_block *kstub_leak_mine;

static struct leak_block *leak_blocks;
static pthread_key_t leak_key;
static pthread_once_t leak_key_once = PTHREAD_ONCE_INIT;

static void leak_thread_exit(void *arg)
{
	struct leak_block *b = arg;

	kstub_leak_mine = NULL;
	__atomic_store_n(&b->busy, 0, __ATOMIC_RELEASE);
}

static void leak_key_create(void)
{
	kstub_pthread(pthread_key_create, &leak_key, leak_thread_exit);
}

/* The calling thread's block: a free one of an exited thread, or a new one */
struct leak_block *kstub_leak_block_get(void)
{
	struct leak_block *b;
	int idle = 0;

	kstub_pthread(pthread_once, &leak_key_once, leak_key_create);
	for (b = __atomic_load_n(&leak_blocks, __ATOMIC_ACQUIRE); b;
	     b = b->next) {
		if (__atomic_compare_exchange_n(&b->busy, &idle, 1, false,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			goto found;
		idle = 0;
	}
	b = calloc(1, sizeof(*b));
	if (!b) {
		fputs("kstub: out of memory for leak accounting\n", stderr);
		abort();
	}
	b->busy = 1;
	b->next = __atomic_load_n(&leak_blocks, __ATOMIC_RELAXED);
	while (!__atomic_compare_exchange_n(&leak_blocks, &b->next, b, true,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		;
found:
	kstub_pthread(pthread_setspecific, leak_key, b);
	kstub_leak_mine = b;
	return b;
}

/* A site not in its home slot: probe on, claiming a free slot for it. */
unsigned int kstub_leak_slot_claim(const void *caller)
{
	unsigned int i = leak_hash(caller), n;

	if (!caller)
		return LEAK_OTHER;
	for (n = 0; n < LEAK_MAX_PROBE; n++, i = (i + 1) & (LEAK_SLOTS - 1)) {
		const void *key, *empty = NULL;

		if (i == LEAK_OTHER)
			continue;
		key = __atomic_load_n(&kstub_leak_keys[i], __ATOMIC_RELAXED);
		if (key == caller)
			return i;
		if (key)
			continue;
		if (__atomic_compare_exchange_n(&kstub_leak_keys[i], &empty,
						caller, false, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED) ||
		    empty == caller)
			return i;
	}
	return LEAK_OTHER;
}

/*
 * Allocation stacks, each distinct one kept once (a small stack depot, as
 * the kernel's kmemleak keeps them): records are never freed, chains are
 * pushed with a compare-and-swap and read without a lock.
 */
#define DEPOT_BUCKETS 4096
struct depot_rec {
	struct depot_rec *next;
	uint64_t hash;
	struct kstub_stack stack;
};
static struct depot_rec *depot[DEPOT_BUCKETS];

static uint64_t depot_hash(const struct kstub_stack *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int i;

	for (i = 0; i < s->depth; i++)
		h = (h ^ (uintptr_t)s->pc[i]) * 0x100000001b3ull;
	return h;
}

static bool depot_same(const struct kstub_stack *a, const struct kstub_stack *b)
{
	return a->depth == b->depth &&
	       !memcmp(a->pc, b->pc, a->depth * sizeof(a->pc[0]));
}

static const struct kstub_stack *depot_find(struct depot_rec *r, uint64_t hash,
					    const struct kstub_stack *s)
{
	for (; r; r = r->next)
		if (r->hash == hash && depot_same(&r->stack, s))
			return &r->stack;
	return NULL;
}

/* The depot's copy of @s; NULL when there is no memory for it. */
static const struct kstub_stack *depot_save(const struct kstub_stack *s)
{
	uint64_t hash = depot_hash(s);
	struct depot_rec **head = &depot[hash % DEPOT_BUCKETS], *first, *r;
	const struct kstub_stack *found;

	first = __atomic_load_n(head, __ATOMIC_ACQUIRE);
	found = depot_find(first, hash, s);
	if (found)
		return found;
	r = malloc(sizeof(*r));
	if (!r)
		return NULL;
	r->hash = hash;
	r->stack = *s;
	r->stack.tid = 0;
	do {
		/* Another thread may have added it since we looked. */
		found = depot_find(first, hash, s);
		if (found) {
			free(r);
			return found;
		}
		r->next = first;
	} while (!__atomic_compare_exchange_n(
		head, &first, r, false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
	return &r->stack;
}

unsigned int kstub_leak_slot_stack(const void *caller)
{
	const struct kstub_stack *stack;
	struct kstub_stack s;
	unsigned int i;

	kstub_stack_save(&s, caller);
	stack = depot_save(&s);
	if (!stack)
		return leak_slot_of(caller);
	/* The depot record is the key: one slot per distinct stack. */
	i = leak_slot_of(stack);
	if (i != LEAK_OTHER &&
	    !__atomic_load_n(&kstub_leak_stacks[i], __ATOMIC_ACQUIRE))
		__atomic_store_n(&kstub_leak_stacks[i], stack,
				 __ATOMIC_RELEASE);
	return i;
}

void kstub_leak_set_stacks(int on)
{
	__atomic_store_n(&kstub_leak_stacks_on, !!on, __ATOMIC_RELAXED);
}

/* The counts of @slot summed over all threads. */
static struct leak_count leak_sum(unsigned int slot)
{
	struct leak_count sum = {0, 0};
	struct leak_block *b;

	for (b = __atomic_load_n(&leak_blocks, __ATOMIC_ACQUIRE); b;
	     b = b->next) {
		sum.objects += __atomic_load_n(&b->count[slot].objects,
					       __ATOMIC_RELAXED);
		sum.bytes += __atomic_load_n(&b->count[slot].bytes,
					     __ATOMIC_RELAXED);
	}
	return sum;
}

unsigned long kstub_leak_for_each(int barrier,
				  void (*fn)(const struct kstub_leak_site *,
					     void *),
				  void *arg)
{
	unsigned long total = 0;
	unsigned int i;

	if (barrier)
		rcu_barrier();
	for (i = 0; i < LEAK_SLOTS; i++) {
		struct leak_count c = leak_sum(i);
		const struct kstub_stack *st = __atomic_load_n(
			&kstub_leak_stacks[i], __ATOMIC_ACQUIRE);
		struct kstub_leak_site site = {
			.caller = __atomic_load_n(&kstub_leak_keys[i],
						  __ATOMIC_RELAXED),
			.objects = c.objects,
			.bytes = c.bytes,
		};

		if (st) {
			site.caller = st->depth ? st->pc[0] : NULL;
			site.frames = (const void *const *)st->pc;
			site.nr_frames = st->depth;
		}

		if (!site.objects)
			continue;
		total += site.objects;
		if (fn)
			fn(&site, arg);
	}
	return total;
}

unsigned long kstub_live_objects(void)
{
	return kstub_leak_for_each(0, NULL, NULL);
}

size_t kstub_live_bytes(void)
{
	size_t bytes = 0;
	unsigned int i;

	for (i = 0; i < LEAK_SLOTS; i++)
		bytes += leak_sum(i).bytes;
	return bytes;
}

static void leak_print(const struct kstub_leak_site *site, void *arg)
{
	FILE *out = arg;
	char sym[256];

	fprintf(out, "kstub: leak: %lu object%s, %zu bytes, allocated at %s\n",
		site->objects, site->objects == 1 ? "" : "s", site->bytes,
		site->caller ? kstub_symbolize(site->caller, sym, sizeof(sym))
			     : "(other sites: the leak table is full)");
}

unsigned long kstub_leak_check(FILE *out)
{
	unsigned long n = kstub_leak_for_each(1, leak_print, out);

	if (n)
		fprintf(out, "kstub: leak: %lu object%s not freed\n", n,
			n == 1 ? "" : "s");
	fflush(out);
	return n;
}

static void leak_exit_check(int status, void *arg)
{
	if (!kstub_leak_check(stderr) || status)
		return;
	fflush(NULL);
	_exit(KSTUB_LEAK_EXIT_STATUS);
}

static __attribute__((constructor)) void leak_init(void)
{
	const char *env = getenv("KSTUB_LEAK_CHECK");

	if (env && !strcmp(env, "1"))
		on_exit(leak_exit_check, NULL);
	env = getenv("KSTUB_LEAK_STACKS");
	if (env && !strcmp(env, "1"))
		kstub_leak_set_stacks(1);
}
