// SPDX-License-Identifier: GPL-2.0-only
/*
 * kstub_hook: the one entry point kstub calls at every site, and the
 * decision made there.
 *
 * The unarmed path is one load of kf_active_mask and a branch.  Past it:
 * the recursion guard, the scheduler's turn (sched=: the thread may wait
 * here for it), per-thread state, site counts (when collecting),
 * the trace, then the fault rules in spec order and the delay rules.  No
 * stack is walked unless a rule, record=1 or a record needs it: the cost
 * of a call stays the same however many distinct callers there are.  Deciding makes no library
 * call; whatever may set errno (unwinding, system calls, output) saves and
 * restores it itself, so the common path never touches it.
 *
 * Every fault rule sees every call it is eligible for, whether or not an
 * earlier rule failed it, so that each rule's counts mean what it says.
 * Filters (class, gfp with __GFP_NOFAIL never eligible, caller, stack)
 * decide which calls are eligible at all; rules.c says whether one fails.
 */
#include "config.h"

#include <linux/compiler.h>
#include <linux/gfp_types.h>

#include "kfault.h"

static uint64_t kf_active_mask; /* classes the hook must look at */

static __thread int kf_busy KFAULT_TLS;

void kfault_arm(uint64_t mask)
{
	__atomic_store_n(&kf_active_mask, mask, __ATOMIC_RELEASE);
}

void kfault_disarm(void)
{
	__atomic_store_n(&kf_active_mask, 0, __ATOMIC_RELAXED);
	kfault_sched_stop();
}

/* Rule @r fails this call: keep the record, tell the trace and stderr. */
static void __attribute__((__noinline__))
kf_fire(const struct kfault_rule *r, struct kfault_thread *t,
	const struct kstub_site *site, unsigned long call, uintptr_t *frames,
	unsigned int *nr)
{
	struct kfault_record rec;

	if (!*nr)
		*nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES, site->caller);
	kf_inc(&kfault_rule_state(r)->injected);
	kfault_window_open(t);
	kfault_record_event(&rec, r->index, t, site, call, 0, frames, *nr);
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
		const struct kfault_rule *r = &kf_cfg.rules[i];
		unsigned long call;

		if (r->is_delay || !kfault_rule_quick(r, t, site) ||
		    (unlikely(r->slow_filters) &&
		     !kfault_rule_slow(r, site, frames, &nr)))
			continue;
		if (unlikely(kf_cfg.record)) {
			/* Numbered process-wide, as fail_nth counts them. */
			call = kf_inc(&kfault_rule_state(r)->eligible);
			if (!nr)
				nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES,
						      site->caller);
			kfault_record_call(r->index, t, site, call, frames, nr);
		} else {
			/* This thread's count: no shared cache line. */
			call = kf_load(&t->eligible[i]) + 1;
			kf_store(&t->eligible[i], call);
		}
		if (unlikely(r->fork)) {
			/* the fork server: true in a point's child */
			if (!kfault_fork_point(&kf_cfg.rules[i], t, site,
					       frames, &nr, &call))
				continue;
		} else if (likely(!kfault_should_fail(r, t, site->size,
						      &call))) {
			continue;
		}
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
	/* First: what follows happens in the thread's turn. */
	if (unlikely(kf_cfg.sched))
		kfault_sched_site(site);
	t = kfault_self();
	kfault_window_step(t);
	if (unlikely(kf_cfg.collect))
		kf_inc(&t->seen[site->cls]);
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
