// SPDX-License-Identifier: GPL-2.0-only
/*
 * kstub_hook: the one entry point kstub calls at every site.
 *
 * The unarmed path is one load of kf_active_mask and a branch.  Past it:
 * the recursion guard, per-thread state, site counts and the
 * first stack of each allocation caller (when collecting), the trace, then
 * the fault rules in spec order and the delay rules.  Deciding makes no
 * library call; whatever may set errno (unwinding, system calls, output)
 * saves and restores it itself, so the common path never touches it.
 *
 * The fault decision follows the kernel's should_fail(): fail_nth first,
 * then probability 0, times, space, interval, probability; a failure
 * consumes one of times.  Filters (class, gfp with __GFP_NOFAIL never
 * eligible, caller, stack) decide which calls are eligible at all.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/compiler.h>
#include <linux/gfp_types.h>

#include "kfault.h"

uint64_t kf_active_mask;
bool kf_collect;

static __thread struct kfault_thread *kf_self_p KFAULT_TLS;
static __thread int kf_busy KFAULT_TLS;

/* Thread slots: mmap'd on first use, never reused; one shared overflow. */
static struct kfault_thread *kf_threads;
static unsigned int kf_nthreads;

/* Records of injected faults and delays. */
#define KF_MAX_RECORDS 2048
#define KF_MAX_DELAY_RECORDS 1024
static struct kfault_record *kf_rec;
static unsigned long kf_nrec, kf_nfaults, kf_ndelays;

/* First stack of each allocation caller, open addressing on the caller. */
#define KF_STACKS 4096
struct kf_alloc_stack {
	uintptr_t caller; /* 0: free slot; claimed with a CAS */
	unsigned int nr; /* published last (release) */
	uintptr_t frames[KFAULT_MAX_FRAMES];
};
static struct kf_alloc_stack *kf_stacks;

/* record=1: calls in order of arrival, and their distinct stacks. */
#define KF_MAX_CALLS 65536
#define KF_CALL_STACKS 4096
static struct kfault_call *kf_calls;
static unsigned long kf_ncalls;
static struct kfault_stack *kf_call_stacks;

static void *kf_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Called by the constructor, before threads: the shared tables. */
static int kf_inject_init(void)
{
	kf_threads = kf_map(sizeof(*kf_threads) * (KFAULT_MAX_THREADS + 1));
	kf_rec = kf_map(sizeof(*kf_rec) * KF_MAX_RECORDS);
	kf_stacks = kf_map(sizeof(*kf_stacks) * KF_STACKS);
	kf_calls = kf_map(sizeof(*kf_calls) * KF_MAX_CALLS);
	kf_call_stacks = kf_map(sizeof(*kf_call_stacks) * KF_CALL_STACKS);
	return kf_threads && kf_rec && kf_stacks && kf_calls && kf_call_stacks
		       ? 0
		       : -1;
}

static uint64_t kf_splitmix(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The calling thread's stream: derived from the seed and the thread id. */
uint64_t kfault_random(struct kfault_thread *t)
{
	return kf_splitmix(&t->prng);
}

/* Uniform in [0, n), by multiplication rather than a division. */
uint64_t kfault_below(struct kfault_thread *t, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)kfault_random(t) * n) >> 64);
}

static struct kfault_thread *kf_register(void)
{
	unsigned int id = __atomic_fetch_add(&kf_nthreads, 1, __ATOMIC_RELAXED);
	int saved_errno = errno;
	struct kfault_thread *t;
	uint64_t x;

	/* Past the last slot, threads share one: their counts are merged. */
	if (id >= KFAULT_MAX_THREADS)
		id = KFAULT_MAX_THREADS;
	t = &kf_threads[id];
	t->id = id + 1;
	t->tid = syscall(SYS_gettid);
	errno = saved_errno;
	x = kf_cfg.seed ^ ((uint64_t)(id + 1) << 32);
	t->prng = kf_splitmix(&x);
	kf_self_p = t;
	return t;
}

struct kfault_thread *kfault_self(void)
{
	return kf_self_p ? kf_self_p : kf_register();
}

unsigned int kfault_nr_threads(void)
{
	unsigned int n = __atomic_load_n(&kf_nthreads, __ATOMIC_RELAXED);

	return n > KFAULT_MAX_THREADS ? KFAULT_MAX_THREADS + 1 : n;
}

struct kfault_thread *kfault_thread_slot(unsigned int i)
{
	return &kf_threads[i];
}

/* Count an injected fault (ns == 0) or delay of @r and keep its record. */
void kfault_record_event(struct kfault_record *rec, struct kfault_rule *r,
			 const struct kfault_thread *t,
			 const struct kstub_site *site, unsigned long call,
			 uint64_t ns, const uintptr_t *frames, unsigned int nr)
{
	kf_inc(&r->injected);
	*rec = (struct kfault_record){
		.delay = ns != 0,
		.rule = r->index,
		.cls = site->cls,
		.call = call,
		.thread = t->id,
		.tid = t->tid,
		.size = site->size,
		.gfp = site->gfp,
		.ns = ns,
		.caller = (uintptr_t)site->caller,
		.nr = nr,
	};
	memcpy(rec->frames, frames, nr * sizeof(*frames));
	kfault_record_add(rec);
}

/* Is there room to keep a record of this kind (so, worth a backtrace)? */
bool kfault_record_wanted(bool delay)
{
	if (delay && kf_load(&kf_ndelays) >= KF_MAX_DELAY_RECORDS)
		return false;
	return kf_load(&kf_nrec) < KF_MAX_RECORDS;
}

void kfault_record_add(const struct kfault_record *rec)
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

static size_t kf_stack_slot(uintptr_t caller)
{
	return (caller >> 4) * UINT64_C(0x9e3779b97f4a7c15) >> 52 &
	       (KF_STACKS - 1);
}

static void kf_note_alloc_caller(const struct kstub_site *site)
{
	uintptr_t caller = (uintptr_t)site->caller;
	size_t i = kf_stack_slot(caller), probes;

	for (probes = 0; probes < 16; probes++, i = (i + 1) & (KF_STACKS - 1)) {
		struct kf_alloc_stack *s = &kf_stacks[i];
		uintptr_t cur = __atomic_load_n(&s->caller, __ATOMIC_RELAXED);
		unsigned int nr;

		if (cur == caller)
			return;
		if (cur)
			continue;
		if (!__atomic_compare_exchange_n(&s->caller, &cur, caller,
						 false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED)) {
			if (cur == caller)
				return;
			continue;
		}
		nr = kfault_backtrace(s->frames, KFAULT_MAX_FRAMES,
				      site->caller);
		__atomic_store_n(&s->nr, nr, __ATOMIC_RELEASE);
		return;
	}
}

unsigned int kfault_alloc_stack(uintptr_t caller, const uintptr_t **frames)
{
	size_t i = kf_stack_slot(caller), probes;

	for (probes = 0; probes < 16; probes++, i = (i + 1) & (KF_STACKS - 1)) {
		const struct kf_alloc_stack *s = &kf_stacks[i];
		uintptr_t cur = __atomic_load_n(&s->caller, __ATOMIC_RELAXED);

		if (!cur)
			return 0;
		if (cur == caller) {
			*frames = s->frames;
			return __atomic_load_n(&s->nr, __ATOMIC_ACQUIRE);
		}
	}
	return 0;
}

/*
 * Does @site pass @r's filters?  Unwinds into @frames only when a stack
 * filter needs it (*nr == 0 means not unwound yet).
 */
bool kfault_rule_eligible(struct kfault_rule *r, const struct kfault_thread *t,
			  const struct kstub_site *site, uintptr_t *frames,
			  unsigned int *nr)
{
	if (!kfault_rule_quick(r, t, site))
		return false;
	return !r->slow_filters || kfault_rule_slow(r, site, frames, nr);
}

/* The caller= and stack= filters, which look at code addresses. */
bool kfault_rule_slow(struct kfault_rule *r, const struct kstub_site *site,
		      uintptr_t *frames, unsigned int *nr)
{
	if (r->caller.nr &&
	    !kfault_in_ranges(&r->caller, (uintptr_t)site->caller - 1))
		return false;
	if (r->stack_in.nr || r->stack_out.nr) {
		if (!*nr)
			*nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES,
					       site->caller);
		if (r->stack_in.nr &&
		    !kfault_stack_has(&r->stack_in, frames, *nr))
			return false;
		if (kfault_stack_has(&r->stack_out, frames, *nr))
			return false;
	}
	return true;
}

/* times: a failure consumes one unless it is -1; 0 never fails again. */
static bool kf_take_time(struct kfault_rule *r, bool must)
{
	long t = __atomic_load_n(&r->times, __ATOMIC_RELAXED);

	do {
		if (t == -1)
			return true;
		if (t == 0)
			return must;
	} while (!__atomic_compare_exchange_n(&r->times, &t, t - 1, false,
					      __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return true;
}

/* The kernel's should_fail() order, for one eligible call. */
static bool kf_should_fail(struct kfault_rule *r, struct kfault_thread *t,
			   size_t size, unsigned long *call)
{
	unsigned long n;
	long s;

	/* Past the Nth call, the shared counter is no longer needed. */
	if (r->fail_nth && !(kf_load(&r->nth_done) && !r->per_thread)) {
		if (r->per_thread)
			n = ++t->nth[r->index - 1];
		else
			n = kf_inc(&r->nth_count);
		*call = n;
		if (n == r->fail_nth) {
			kf_store(&r->nth_done, true);
			return kf_take_time(r, true);
		}
		if (n < r->fail_nth)
			return false;
	}
	if (!r->ppm)
		return false;
	if (!__atomic_load_n(&r->times, __ATOMIC_RELAXED))
		return false;
	s = __atomic_load_n(&r->space, __ATOMIC_RELAXED);
	while (s > (long)size) {
		if (__atomic_compare_exchange_n(&r->space, &s, s - size, false,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return false;
	}
	if (r->interval > 1 && kf_inc(&r->interval_count) % r->interval)
		return false;
	if (kfault_below(t, 1000000) >= r->ppm)
		return false;
	return kf_take_time(r, false);
}

/* A stack's id hashes object offsets, so it survives address randomization. */
static uint64_t kf_stack_id(const uintptr_t *frames, unsigned int nr)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	unsigned int i;

	for (i = 0; i < nr; i++)
		h = (h ^ kfault_object_offset(frames[i])) *
		    UINT64_C(0x100000001b3);
	return h ? h : 1;
}

/* Find or add the stack; returns its slot, or KF_CALL_STACKS if full. */
static unsigned int kf_call_stack(const uintptr_t *frames, unsigned int nr)
{
	uint64_t id = kf_stack_id(frames, nr), cur;
	unsigned int i = id % KF_CALL_STACKS, probes;

	for (probes = 0; probes < 64; probes++, i = (i + 1) % KF_CALL_STACKS) {
		struct kfault_stack *s = &kf_call_stacks[i];

		cur = __atomic_load_n(&s->id, __ATOMIC_ACQUIRE);
		if (cur == id)
			return i;
		if (cur)
			continue;
		/* Fill, then publish the id. */
		s->nr = nr;
		memcpy(s->frames, frames, nr * sizeof(*frames));
		if (__atomic_compare_exchange_n(&s->id, &cur, id, false,
						__ATOMIC_RELEASE,
						__ATOMIC_ACQUIRE))
			return i;
		if (cur == id)
			return i;
	}
	return KF_CALL_STACKS;
}

static void kf_record_call(const struct kfault_rule *r,
			   const struct kstub_site *site, unsigned long n,
			   const uintptr_t *frames, unsigned int nr)
{
	unsigned long i = __atomic_fetch_add(&kf_ncalls, 1, __ATOMIC_RELAXED);
	struct kfault_call *c;

	if (i >= KF_MAX_CALLS)
		return;
	c = &kf_calls[i];
	c->n = n;
	c->rule = r->index;
	c->cls = site->cls;
	c->stack = kf_call_stack(frames, nr);
	__atomic_store_n(&c->ready, true, __ATOMIC_RELEASE);
}

unsigned long kfault_calls(const struct kfault_call **calls,
			   unsigned long *dropped)
{
	unsigned long n = kf_load(&kf_ncalls);

	*calls = kf_calls;
	*dropped = n > KF_MAX_CALLS ? n - KF_MAX_CALLS : 0;
	return n > KF_MAX_CALLS ? KF_MAX_CALLS : n;
}

const struct kfault_stack *kfault_stack_at(unsigned int i)
{
	if (i >= KF_CALL_STACKS ||
	    !__atomic_load_n(&kf_call_stacks[i].id, __ATOMIC_ACQUIRE))
		return NULL;
	return &kf_call_stacks[i];
}

/*
 * Every fault rule sees every call it is eligible for, whether or not an
 * earlier rule failed it, so that each rule's counts mean what it says.
 */
/* Rule @r fails this call: keep the record, tell the trace and stderr. */
static void __attribute__((__noinline__))
kf_fire(struct kfault_rule *r, struct kfault_thread *t,
	const struct kstub_site *site, unsigned long call, uintptr_t *frames,
	unsigned int *nr)
{
	struct kfault_record rec;

	if (!*nr)
		*nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES, site->caller);
	kfault_record_event(&rec, r, t, site, call, 0, frames, *nr);
	if (kf_cfg.trace[0])
		kfault_trace(t, KFAULT_TRACE_FAULT, site, kfault_now_ns(),
			     site->size);
	/* As the kernel's fail_dump(): __GFP_NOWARN asks for silence. */
	if (!(site->gfp & __GFP_NOWARN))
		kfault_note_fault(&rec);
}

static inline __attribute__((__always_inline__)) bool
kf_fault(struct kfault_thread *t, const struct kstub_site *site)
{
	uintptr_t frames[KFAULT_MAX_FRAMES];
	unsigned int i, nr = 0;
	bool fail = false;

	/* The kernel never fails __GFP_NOFAIL; neither do we count it. */
	if (site->gfp & __GFP_NOFAIL)
		return false;
	for (i = 0; i < kf_cfg.nr_rules; i++) {
		struct kfault_rule *r = &kf_cfg.rules[i];
		unsigned long call;

		if (r->is_delay || !kfault_rule_quick(r, t, site) ||
		    (unlikely(r->slow_filters) &&
		     !kfault_rule_slow(r, site, frames, &nr)))
			continue;
		if (unlikely(kf_cfg.record)) {
			/* Numbered process-wide, as fail_nth counts them. */
			call = kf_inc(&r->eligible);
			if (!nr)
				nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES,
						      site->caller);
			kf_record_call(r, site, call, frames, nr);
		} else {
			/* This thread's count: no shared cache line. */
			call = kf_load(&t->eligible[i]) + 1;
			kf_store(&t->eligible[i], call);
		}
		if (likely(!kf_should_fail(r, t, site->size, &call)))
			continue;
		kf_fire(r, t, site, call, frames, &nr);
		fail = true;
	}
	return fail;
}

static bool __attribute__((__noinline__))
kf_hook_slow(const struct kstub_site *site)
{
	struct kfault_thread *t;
	uint64_t bit = UINT64_C(1) << site->cls;
	bool fail = false;

	if (kf_busy)
		return false;
	kf_busy = 1;
	t = kfault_self();
	if (unlikely(kf_collect))
		kf_inc(&t->seen[site->cls]);
	/*
	 * The first stack of each allocation caller, for the leak report:
	 * always when collecting, and for the classes a fault rule arms,
	 * whose error paths are the ones expected to leak.
	 */
	if (site->size && site->cls != KSTUB_SITE_free &&
	    (kf_collect || (kf_cfg.fault_mask & bit)) &&
	    t->last_alloc_caller != site->caller) {
		t->last_alloc_caller = site->caller;
		kf_note_alloc_caller(site);
	}
	if (unlikely(kf_cfg.trace[0]))
		kfault_trace(t, KFAULT_TRACE_SITE, site, kfault_now_ns(),
			     site->size);
	if (kf_cfg.fault_mask & bit)
		fail = kf_fault(t, site);
	if (!fail && (kf_cfg.delay_mask & bit))
		kfault_delay(t, site);
	kf_busy = 0;
	return fail;
}

__attribute__((visibility("default"))) bool
kstub_hook(const struct kstub_site *site)
{
	if (__builtin_expect(
		    !(__atomic_load_n(&kf_active_mask, __ATOMIC_RELAXED) &
		      (UINT64_C(1) << site->cls)),
		    1))
		return false;
	return kf_hook_slow(site);
}

/* Eligible calls a rule has seen, all threads together. */
unsigned long kfault_rule_calls(const struct kfault_rule *r)
{
	unsigned int i, n = kfault_nr_threads();
	unsigned long sum = kf_load(&r->eligible);

	for (i = 0; i < n; i++)
		sum += kf_load(&kf_threads[i].eligible[r->index - 1]);
	return sum;
}

/* Stop injecting and observing: the report is being written. */
void kfault_disarm(void)
{
	__atomic_store_n(&kf_active_mask, 0, __ATOMIC_RELAXED);
}

/*
 * In a forked child: the records, counts and traces describe the parent,
 * so start them again; rule progress (counters, times, space) carries on.
 */
void kfault_inject_reset(void)
{
	unsigned int i, n = kfault_nr_threads();

	for (i = 0; i < n; i++) {
		struct kfault_thread *t = &kf_threads[i];

		memset(t->seen, 0, sizeof(t->seen));
		memset(t->eligible, 0, sizeof(t->eligible));
		t->trace_len = 0;
		t->trace_dropped = 0;
	}
	kf_nrec = 0;
	kf_ncalls = 0;
	kf_nfaults = 0;
	kf_ndelays = 0;
	for (i = 0; i < kf_cfg.nr_rules; i++)
		kf_cfg.rules[i].injected = 0;
}

int kfault_inject_setup(void)
{
	return kf_inject_init();
}
