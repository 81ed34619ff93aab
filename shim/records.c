// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stores the report reads, filled from the hook path:
 *  - records of injected faults and delays (with their backtraces);
 *  - with record=1, every eligible call of a fault rule and its stack,
 *    each distinct stack kept once.
 * Fixed tables in mmap'd memory, claimed with atomics, published with a
 * release store of a ready flag; the writer at exit reads what is ready.
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "kfault.h"

/* Records of injected faults and delays. */
#define KF_MAX_RECORDS 2048
#define KF_MAX_DELAY_RECORDS 1024
static struct kfault_record *kf_rec;
static unsigned long kf_nrec, kf_nfaults, kf_ndelays;

/*
 * record=1: calls in order of arrival, and their distinct stacks, each
 * kept once.  Both grow in chunks mapped on first use, up to limits far
 * past any test program (16M calls, 1M stacks); what would not fit is
 * counted (calls_dropped, stacks_dropped), never lost in silence.
 */
#define KF_CHUNK_SHIFT 14
#define KF_CHUNK (1UL << KF_CHUNK_SHIFT)
#define KF_MAX_CHUNKS 1024
struct kf_chunked {
	size_t elem;
	void *chunk[KF_MAX_CHUNKS];
};
static struct kf_chunked kf_calls = {.elem = sizeof(struct kfault_call)};
static struct kf_chunked kf_call_stacks = {.elem = sizeof(struct kfault_stack)};
static unsigned long kf_ncalls, kf_ncall_stacks, kf_stacks_dropped;
/* Stacks by id: chains through kfault_stack.next, 0 ends a chain. */
#define KF_STACK_BUCKETS (1U << 16)
static unsigned int *kf_stack_heads;

static void *kf_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Called by the constructor, before threads. */
int kfault_records_init(void)
{
	kf_rec = kf_map(sizeof(*kf_rec) * KF_MAX_RECORDS);
	kf_stack_heads = kf_map(sizeof(*kf_stack_heads) * KF_STACK_BUCKETS);
	return kf_rec && kf_stack_heads ? 0 : -1;
}

/* In a forked child the records describe the parent: start them again. */
void kfault_records_atfork_child(void)
{
	kf_nrec = 0;
	kf_ncalls = 0; /* the distinct stacks stay: their ids still hold */
	kf_nfaults = 0;
	kf_ndelays = 0;
}

bool kfault_record_wanted(bool delay)
{
	if (delay && kf_load(&kf_ndelays) >= KF_MAX_DELAY_RECORDS)
		return false;
	return kf_load(&kf_nrec) < KF_MAX_RECORDS;
}

static void kf_record_add(const struct kfault_record *rec)
{
	unsigned long *total = rec->delay ? &kf_ndelays : &kf_nfaults;
	unsigned long n = kf_inc(total), i;

	if (rec->delay && n > KF_MAX_DELAY_RECORDS)
		return;
	i = __atomic_fetch_add(&kf_nrec, 1, __ATOMIC_RELAXED);
	if (i >= KF_MAX_RECORDS)
		return;
	kf_rec[i] = *rec;
	kf_rec[i].ready = false;
	__atomic_store_n(&kf_rec[i].ready, true, __ATOMIC_RELEASE);
}

void kfault_record_event(struct kfault_record *rec, unsigned int rule,
			 const struct kfault_thread *t,
			 const struct kstub_site *site, unsigned long call,
			 uint64_t ns, const uintptr_t *frames, unsigned int nr)
{
	*rec = (struct kfault_record){
		.delay = ns != 0,
		.rule = rule,
		.cls = site->cls,
		.call = call,
		.thread = t->id,
		.created = t->created,
		.tid = t->tid,
		.size = site->size,
		.gfp = site->gfp,
		.ns = ns,
		.caller = kfault_is_code(site->caller) ? (uintptr_t)site->caller
			  : nr			       ? frames[0]
						       : 0,
		.nr = nr,
	};
	memcpy(rec->frames, frames, nr * sizeof(*frames));
	kf_record_add(rec);
}

unsigned long kfault_records_max(void)
{
	return KF_MAX_RECORDS;
}

unsigned long kfault_records(const struct kfault_record **rec,
			     unsigned long *total_faults,
			     unsigned long *total_delays)
{
	unsigned long n = kf_load(&kf_nrec);

	*rec = kf_rec;
	*total_faults = kf_load(&kf_nfaults);
	*total_delays = kf_load(&kf_ndelays);
	return n > KF_MAX_RECORDS ? KF_MAX_RECORDS : n;
}

/*
 * Into a chunk another thread may have mapped: not through memcpy, which
 * in a sanitizer build is the sanitizer's.  ThreadSanitizer saw the chunk
 * written by the mmap() of the thread that mapped it, and the handing
 * over is the shim's atomics, which it does not see: it called that a
 * data race.
 */
static void kf_copy_frames(uintptr_t *dst, const uintptr_t *src, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		__atomic_store_n(&dst[i], src[i], __ATOMIC_RELAXED);
}

/* Element @i of @a, its chunk mapped on first use; NULL past the end. */
static void *kf_chunked_at(struct kf_chunked *a, unsigned long i, bool add)
{
	unsigned long c = i >> KF_CHUNK_SHIFT;
	void *p, *cur = NULL;

	if (c >= KF_MAX_CHUNKS)
		return NULL;
	p = __atomic_load_n(&a->chunk[c], __ATOMIC_ACQUIRE);
	if (!p && add) {
		p = kf_map(a->elem * KF_CHUNK);
		if (!p)
			return NULL;
		if (!__atomic_compare_exchange_n(&a->chunk[c], &cur, p, false,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			munmap(p, a->elem * KF_CHUNK);
			p = cur;
		}
	}
	return p ? (char *)p + (i & (KF_CHUNK - 1)) * a->elem : NULL;
}

static struct kfault_stack *kf_call_stack_at(unsigned int i)
{
	return kf_chunked_at(&kf_call_stacks, i, false);
}

/* The stack with @id in the chain from @head, down to @stop; or 0. */
static unsigned int kf_stack_find(unsigned int head, unsigned int stop,
				  uint64_t id)
{
	const struct kfault_stack *s;

	for (; head && head != stop; head = s->next) {
		s = kf_call_stack_at(head - 1);
		if (s->id == id)
			return head;
	}
	return 0;
}

/* Find or add the stack: its number from 1, or 0 when none is left. */
static unsigned int kf_call_stack(const uintptr_t *frames, unsigned int nr)
{
	uint64_t id = kfault_stack_hash(frames, nr);
	unsigned int *head = &kf_stack_heads[id % KF_STACK_BUCKETS];
	unsigned int first, found, n;
	unsigned long i;
	struct kfault_stack *s;

	first = __atomic_load_n(head, __ATOMIC_ACQUIRE);
	found = kf_stack_find(first, 0, id);
	if (found)
		return found;
	i = __atomic_fetch_add(&kf_ncall_stacks, 1, __ATOMIC_RELAXED);
	s = i < UINT32_MAX ? kf_chunked_at(&kf_call_stacks, i, true) : NULL;
	if (!s) {
		kf_inc(&kf_stacks_dropped);
		return 0;
	}
	s->id = id;
	s->nr = nr;
	kf_copy_frames(s->frames, frames, nr);
	n = i + 1;
	do {
		/* Someone else added it meanwhile: theirs is the one. */
		found = kf_stack_find(first, s->next, id);
		if (found) {
			s->id = 0; /* an orphan, never reached by a chain */
			return found;
		}
		s->next = first;
	} while (!__atomic_compare_exchange_n(
		head, &first, n, false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
	return n;
}

void kfault_record_call(unsigned int rule, const struct kfault_thread *t,
			const struct kstub_site *site, unsigned long n,
			const uintptr_t *frames, unsigned int nr)
{
	unsigned long i = __atomic_fetch_add(&kf_ncalls, 1, __ATOMIC_RELAXED);
	struct kfault_call *c = kf_chunked_at(&kf_calls, i, true);

	if (!c)
		return;
	c->n = n;
	c->rule = rule;
	c->cls = site->cls;
	c->thread = t->id;
	c->created = t->created;
	c->stack = kf_call_stack(frames, nr);
	__atomic_store_n(&c->ready, true, __ATOMIC_RELEASE);
}

unsigned long kfault_calls(unsigned long *dropped)
{
	unsigned long n = kf_load(&kf_ncalls), kept = n;

	while (kept && !kf_chunked_at(&kf_calls, kept - 1, false))
		kept--;
	*dropped = n - kept;
	return kept;
}

const struct kfault_call *kfault_call_at(unsigned long i)
{
	const struct kfault_call *c = kf_chunked_at(&kf_calls, i, false);

	if (!c || !__atomic_load_n(&c->ready, __ATOMIC_ACQUIRE))
		return NULL;
	return c;
}

unsigned int kfault_nr_stacks(unsigned long *dropped)
{
	unsigned long n = kf_load(&kf_ncall_stacks);

	*dropped = kf_load(&kf_stacks_dropped);
	return n > UINT32_MAX ? UINT32_MAX : n;
}

const struct kfault_stack *kfault_stack_at(unsigned int n)
{
	return n ? kf_call_stack_at(n - 1) : NULL;
}
