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
		struct kstub_leak_site site = {
			.caller = __atomic_load_n(&kstub_leak_keys[i],
						  __ATOMIC_RELAXED),
			.objects = c.objects,
			.bytes = c.bytes,
		};

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
}
