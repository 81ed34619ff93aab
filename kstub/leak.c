// SPDX-License-Identifier: GPL-2.0-only
/*
 * Leak accounting: live objects and bytes per allocation site.
 *
 * A fixed open-addressing table keyed by the caller's return address.  A
 * site claims its slot once, with a compare-and-swap on the key, and never
 * gives it up; after that every allocation and free is two relaxed atomic
 * additions on the slot, so the hot path takes no lock.  Each object keeps
 * its slot number (struct kstub_obj), so a free never searches.  When the
 * table is full, or a site's probe sequence is, the site is charged to
 * slot 0, "other sites", whose caller is NULL: numbers stay exact in sum,
 * only their attribution coarsens.
 *
 * Opt-in exit check: with KSTUB_LEAK_CHECK=1 in the environment, kstub
 * runs kstub_leak_check(stderr) when the process exits normally and, if
 * anything leaked and the exit status was 0, changes it to
 * KSTUB_LEAK_EXIT_STATUS.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include <linux/rcupdate.h>
#include <kstub/leak.h>
#include <kstub/report.h>

#define LEAK_SLOTS 4096 /* a power of two, at most 65536 */
#define LEAK_MAX_PROBE 64
#define LEAK_OTHER 0

struct leak_slot {
	const void *caller; /* NULL: free (slot 0: "other sites") */
	long objects;
	long bytes;
	long unused; /* pads the slot to 32 bytes */
};

static struct leak_slot leak_table[LEAK_SLOTS];

static unsigned int leak_hash(const void *caller)
{
	uint64_t h = (uintptr_t)caller * 0x9e3779b97f4a7c15ull;

	return (unsigned int)(h >> 32) & (LEAK_SLOTS - 1);
}

static unsigned int leak_slot_of(const void *caller)
{
	unsigned int i = leak_hash(caller), n;

	if (!caller)
		return LEAK_OTHER;
	for (n = 0; n < LEAK_MAX_PROBE; n++, i = (i + 1) & (LEAK_SLOTS - 1)) {
		const void *key, *empty = NULL;

		if (i == LEAK_OTHER)
			continue;
		key = __atomic_load_n(&leak_table[i].caller, __ATOMIC_RELAXED);
		if (key == caller)
			return i;
		if (key)
			continue;
		if (__atomic_compare_exchange_n(&leak_table[i].caller, &empty,
						caller, false, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED) ||
		    empty == caller)
			return i;
	}
	return LEAK_OTHER;
}

unsigned int kstub_leak_alloc(const void *caller, size_t size)
{
	unsigned int i = leak_slot_of(caller);

	__atomic_add_fetch(&leak_table[i].objects, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&leak_table[i].bytes, (long)size, __ATOMIC_RELAXED);
	return i;
}

void kstub_leak_free(unsigned int slot, size_t size)
{
	struct leak_slot *s = &leak_table[slot & (LEAK_SLOTS - 1)];

	__atomic_sub_fetch(&s->objects, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&s->bytes, (long)size, __ATOMIC_RELAXED);
}

void kstub_leak_resize(unsigned int slot, size_t old_size, size_t new_size)
{
	struct leak_slot *s = &leak_table[slot & (LEAK_SLOTS - 1)];

	__atomic_add_fetch(&s->bytes, (long)new_size - (long)old_size,
			   __ATOMIC_RELAXED);
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
		struct kstub_leak_site site = {
			.caller = __atomic_load_n(&leak_table[i].caller,
						  __ATOMIC_RELAXED),
			.objects = __atomic_load_n(&leak_table[i].objects,
						   __ATOMIC_RELAXED),
			.bytes = __atomic_load_n(&leak_table[i].bytes,
						 __ATOMIC_RELAXED),
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
		bytes +=
			__atomic_load_n(&leak_table[i].bytes, __ATOMIC_RELAXED);
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
