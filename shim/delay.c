// SPDX-License-Identifier: GPL-2.0-only
/*
 * Delay injection: widen race windows by holding the calling thread back
 * at a site.  Every random choice comes from the thread's stream, derived
 * from the one seed, so a run replays by its seed (as far as the threads
 * reach the sites in the same order).
 *
 * PCT mode: the rule's eligible events are numbered process-wide; at
 * DEPTH change points chosen from the seed among the first pct_steps
 * events, the thread that reaches one is held back until the other
 * threads have passed pct_hold_events sites or pct_hold has passed.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <time.h>

#include "kfault.h"

#define KF_PCT_HOLD_EVENTS 64

/* Sites passed by any thread with a delay rule armed: PCT's progress. */
static unsigned long kf_progress;

static void kf_sleep_ns(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = ns / 1000000000,
		.tv_nsec = ns % 1000000000,
	};

	while (nanosleep(&ts, &ts))
		;
}

static bool kf_pct_point(const struct kfault_rule *r, unsigned long n)
{
	const struct kfault_rule_state *st = kfault_rule_state(r);
	unsigned int i;

	for (i = 0; i < r->pct_depth; i++)
		if (st->pct_points[i] == n)
			return true;
	return false;
}

static void kf_pct_hold(const struct kfault_rule *r)
{
	unsigned long start = kf_load(&kf_progress);
	uint64_t until = kfault_now_ns() + r->pct_hold_ns;

	while (kf_load(&kf_progress) - start < KF_PCT_HOLD_EVENTS &&
	       kfault_now_ns() < until)
		kf_sleep_ns(20000);
}

/* Returns the time held back, 0 if this rule did not delay. */
static uint64_t kf_delay_one(const struct kfault_rule *r,
			     struct kfault_thread *t,
			     const struct kstub_site *site, unsigned long n)
{
	uint64_t start = kfault_now_ns(), ns;

	switch (r->mode) {
	case KFAULT_DELAY_YIELD:
		sched_yield();
		break;
	case KFAULT_DELAY_SLEEP:
		ns = r->min_ns;
		if (r->max_ns > r->min_ns)
			ns += kfault_below(t, r->max_ns - r->min_ns + 1);
		kf_sleep_ns(ns);
		break;
	case KFAULT_DELAY_PCT:
		if (!kf_pct_point(r, n))
			return 0;
		kf_pct_hold(r);
		break;
	case KFAULT_DELAY_NONE:
		return 0;
	}
	ns = kfault_now_ns() - start;
	return ns ? ns : 1;
}

void kfault_delay(struct kfault_thread *t, const struct kstub_site *site)
{
	uintptr_t frames[KFAULT_MAX_FRAMES];
	struct kfault_record rec;
	unsigned int i, nr = 0;
	int saved_errno = errno;

	kf_inc(&kf_progress);
	for (i = 0; i < kf_cfg.nr_rules; i++) {
		const struct kfault_rule *r = &kf_cfg.rules[i];
		struct kfault_rule_state *st = kfault_rule_state(r);
		unsigned long n;
		uint64_t start, ns;

		if (!r->is_delay ||
		    !kfault_rule_eligible(r, t, site, frames, &nr))
			continue;
		n = kf_inc(&st->eligible);
		if (!kfault_delay_chosen(r, t))
			continue;
		start = kfault_now_ns();
		ns = kf_delay_one(r, t, site, n);
		if (!ns)
			continue;
		if (!nr && kfault_record_wanted(true))
			nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES,
					      site->caller);
		kf_inc(&st->injected);
		kfault_record_event(&rec, r->index, t, site, n, ns, frames, nr);
		if (kf_cfg.trace[0])
			kfault_trace(t, KFAULT_TRACE_DELAY, site, start,
				     ns / 1000 > UINT32_MAX ? UINT32_MAX
							    : ns / 1000);
	}
	errno = saved_errno;
}
