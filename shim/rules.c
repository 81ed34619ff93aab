// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rules at run time: which calls a rule is eligible for (its filters),
 * whether an eligible call fails (the kernel's should_fail() order) or is
 * delayed, and the counters both decisions keep.
 *
 * The parsed rules (struct kfault_rule) are read-only here; everything
 * that changes is in kf_state[], one struct kfault_rule_state per rule,
 * updated with atomics from any thread.
 *
 * The fault decision follows the kernel's should_fail(): fail_nth first,
 * then probability 0, times, space, interval, probability; a failure
 * consumes one of times.
 */
#include "config.h"

#include "kfault.h"

static struct kfault_rule_state kf_state[KFAULT_MAX_RULES];

unsigned int kfault_windows_open;

void kfault_window_open(struct kfault_thread *t)
{
	unsigned long window = kf_cfg.fault_window ?: 64;

	if (!t->window_end)
		__atomic_add_fetch(&kfault_windows_open, 1, __ATOMIC_RELAXED);
	t->window_end = t->steps + window + 1;
}

struct kfault_rule_state *kfault_rule_state(const struct kfault_rule *r)
{
	return &kf_state[r->index - 1];
}

static int kf_resolve_funcs(struct kfault_funcs *fn, const char *key, char *err,
			    size_t errlen)
{
	unsigned int i, n;

	for (i = 0; i < fn->nr_names; i++) {
		n = kfault_symbols_find(fn->name[i], fn->r + fn->nr,
					KFAULT_MAX_RANGES - fn->nr);
		if (!n) {
			kfault_spec_error(err, errlen, key, fn->rule[i],
					  fn->item[i],
					  "no function '%s' in the program or "
					  "its libraries (static and not "
					  "inlined?)",
					  fn->name[i]);
			return -1;
		}
		fn->nr += n;
	}
	return 0;
}

int kfault_rules_resolve(struct kfault_config *cfg, char *err, size_t errlen)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_rules; i++) {
		struct kfault_rule *r = &cfg->rules[i];

		if (kf_resolve_funcs(&r->caller, "caller", err, errlen) ||
		    kf_resolve_funcs(&r->stack_in, "stack", err, errlen) ||
		    kf_resolve_funcs(&r->stack_out, "stack", err, errlen))
			return -1;
	}
	return 0;
}

/* PCT: @r's change points, distinct and sorted, in [1, pct_steps]. */
static void kf_pct_plan(const struct kfault_rule *r,
			struct kfault_rule_state *st, uint64_t seed)
{
	struct kfault_thread tmp = {.prng = seed ^ (uint64_t)r->index << 48};
	unsigned int i, j;

	for (i = 0; i < r->pct_depth; i++) {
		unsigned long p;
		bool dup;

		do {
			p = 1 + kfault_below(&tmp, r->pct_steps);
			dup = false;
			for (j = 0; j < i; j++)
				dup |= st->pct_points[j] == p;
		} while (dup);
		for (j = i; j > 0 && st->pct_points[j - 1] > p; j--)
			st->pct_points[j] = st->pct_points[j - 1];
		st->pct_points[j] = p;
	}
}

void kfault_rules_arm(const struct kfault_config *cfg)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_rules; i++) {
		const struct kfault_rule *r = &cfg->rules[i];
		struct kfault_rule_state *st = &kf_state[i];

		st->times = r->times_init;
		st->space = r->space_init;
		if (r->mode == KFAULT_DELAY_PCT)
			kf_pct_plan(r, st, cfg->seed);
	}
}

/* In a forked child: progress (counters, times, space) carries on. */
void kfault_rules_atfork_child(void)
{
	unsigned int i;

	for (i = 0; i < KFAULT_MAX_RULES; i++)
		kf_state[i].injected = 0;
	/* Only the forking thread goes on: no window is open in the child. */
	for (i = 0; i < kfault_nr_threads(); i++)
		kfault_thread_slot(i)->window_end = 0;
	kfault_windows_open = 0;
}

static bool kf_stack_id_in(const struct kfault_rule *r, const uintptr_t *frames,
			   unsigned int nr)
{
	uint64_t id = kfault_stack_hash(frames, nr);
	unsigned int i;

	for (i = 0; i < r->nr_stack_ids; i++)
		if (r->stack_ids[i] == id)
			return true;
	return false;
}

bool kfault_rule_slow(const struct kfault_rule *r,
		      const struct kstub_site *site, uintptr_t *frames,
		      unsigned int *nr)
{
	if (r->caller.nr &&
	    !kfault_in_ranges(&r->caller, (uintptr_t)site->caller - 1))
		return false;
	if (r->stack_in.nr || r->stack_out.nr || r->nr_stack_ids) {
		if (!*nr)
			*nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES,
					       site->caller);
		if (r->nr_stack_ids && !kf_stack_id_in(r, frames, *nr))
			return false;
		if (r->stack_in.nr &&
		    !kfault_stack_has(&r->stack_in, frames, *nr))
			return false;
		if (kfault_stack_has(&r->stack_out, frames, *nr))
			return false;
	}
	return true;
}

bool kfault_rule_eligible(const struct kfault_rule *r,
			  const struct kfault_thread *t,
			  const struct kstub_site *site, uintptr_t *frames,
			  unsigned int *nr)
{
	if (!kfault_rule_quick(r, t, site))
		return false;
	return !r->slow_filters || kfault_rule_slow(r, site, frames, nr);
}

/*
 * times: acting consumes one unless it is -1; at 0 the rule no longer
 * acts, except for a fail_nth call, which @must fail.
 */
static bool kf_take_time(struct kfault_rule_state *st, bool must)
{
	long t = __atomic_load_n(&st->times, __ATOMIC_RELAXED);

	do {
		if (t == -1)
			return true;
		if (t == 0)
			return must;
	} while (!__atomic_compare_exchange_n(&st->times, &t, t - 1, false,
					      __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return true;
}

bool kfault_should_fail(const struct kfault_rule *r, struct kfault_thread *t,
			size_t size, unsigned long *call)
{
	struct kfault_rule_state *st = kfault_rule_state(r);
	unsigned long n;
	long s;

	/* Past the Nth call, the shared counter is no longer needed. */
	if (r->fail_nth && !(kf_load(&st->nth_done) && !r->per_thread)) {
		if (r->per_thread)
			n = ++t->nth[r->index - 1];
		else
			n = kf_inc(&st->nth_count);
		*call = n;
		if (n == r->fail_nth) {
			kf_store(&st->nth_done, true);
			return kf_take_time(st, true);
		}
		if (n < r->fail_nth)
			return false;
	}
	if (!r->ppm)
		return false;
	if (!__atomic_load_n(&st->times, __ATOMIC_RELAXED))
		return false;
	s = __atomic_load_n(&st->space, __ATOMIC_RELAXED);
	while (s > (long)size) {
		if (__atomic_compare_exchange_n(&st->space, &s, s - size, false,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return false;
	}
	if (r->interval > 1 && kf_inc(&st->interval_count) % r->interval)
		return false;
	if (kfault_below(t, 1000000) >= r->ppm)
		return false;
	return kf_take_time(st, false);
}

bool kfault_delay_chosen(const struct kfault_rule *r, struct kfault_thread *t)
{
	struct kfault_rule_state *st = kfault_rule_state(r);

	if (r->mode == KFAULT_DELAY_PCT)
		return true;
	if (r->interval > 1 && kf_inc(&st->interval_count) % r->interval)
		return false;
	if (r->ppm < 1000000 && kfault_below(t, 1000000) >= r->ppm)
		return false;
	return kf_take_time(st, false);
}

unsigned long kfault_rule_calls(const struct kfault_rule *r)
{
	unsigned int i, n = kfault_nr_threads();
	unsigned long sum = kf_load(&kfault_rule_state(r)->eligible);

	for (i = 0; i < n; i++)
		sum += kf_load(&kfault_thread_slot(i)->eligible[r->index - 1]);
	return sum;
}
