// SPDX-License-Identifier: GPL-2.0-only
/*
 * The report: what the run saw and did, as text on stderr for people and
 * as JSON (report=FILE, doc/report-format.md) for the kfault command.
 * Written once per process, at exit or on a fatal signal, with write(2)
 * into fixed buffers; kstub is only asked for its counters, and for leaks
 * only at a normal exit (the leak walk waits for RCU callbacks).
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <kstub/leak.h>
#include <kstub/report.h>

#include "kfault.h"

/* kstub's query functions, looked up once: older kstubs may lack them. */
static unsigned long (*kf_leak_for_each)(
	int, void (*)(const struct kstub_leak_site *, void *), void *);
static unsigned long (*kf_report_count)(enum kstub_report_kind);
static int (*kf_rcu_read_lock_held)(void);
static void (*kf_leak_set_stacks)(int);

#define KF_REPORT_NAME(name, banner) [KSTUB_REPORT_##name] = #name,
static const char *const kf_report_names[KSTUB_NR_REPORT_KINDS] = {
	KSTUB_REPORT_KINDS(KF_REPORT_NAME)};
#undef KF_REPORT_NAME

/* verbose=1 shows this many faults with their stacks, then counts */
#define KF_NOTE_LIMIT 20
#define KF_MAX_LEAK_SITES 512
struct kf_snapshot {
	enum kfault_exit_how how;
	int status, sig;
	unsigned long sites[KSTUB_NR_SITE_CLASSES];
	bool leaks_checked, leaks_waited;
	unsigned int nleaks;
	unsigned long leak_objects, leak_sites_dropped;
	size_t leak_bytes;
	struct kstub_leak_site leaks[KF_MAX_LEAK_SITES];
	bool reports_known;
	unsigned long reports[KSTUB_NR_REPORT_KINDS], reports_total;
	const struct kfault_record *rec;
	unsigned long nrec, nfaults, ndelays, rec_max;
	struct kfault_sched_stats sched;
};
static struct kf_snapshot kf_snap;

void kfault_report_init(void)
{
	kf_leak_for_each = (__typeof__(kf_leak_for_each))dlsym(
		RTLD_DEFAULT, "kstub_leak_for_each");
	kf_report_count = (__typeof__(kf_report_count))dlsym(
		RTLD_DEFAULT, "kstub_report_count");
	kf_rcu_read_lock_held = (__typeof__(kf_rcu_read_lock_held))dlsym(
		RTLD_DEFAULT, "rcu_read_lock_held");
	kf_leak_set_stacks = (__typeof__(kf_leak_set_stacks))dlsym(
		RTLD_DEFAULT, "kstub_leak_set_stacks");
	/* Before main: every allocation of the program has its stack. */
	if (kf_cfg.leak_stacks && kf_leak_set_stacks)
		kf_leak_set_stacks(1);
}

static void kf_leak_site(const struct kstub_leak_site *s, void *arg)
{
	struct kf_snapshot *sn = arg;

	if (sn->nleaks < KF_MAX_LEAK_SITES)
		sn->leaks[sn->nleaks++] = *s;
	else
		sn->leak_sites_dropped++;
	sn->leak_bytes += s->bytes;
}

static void kf_take_snapshot(struct kf_snapshot *sn, bool check_leaks)
{
	unsigned int i, j, n = kfault_nr_threads();

	for (i = 0; i < n; i++) {
		const struct kfault_thread *t = kfault_thread_slot(i);

		for (j = 0; j < KSTUB_NR_SITE_CLASSES; j++)
			sn->sites[j] += kf_load(&t->seen[j]);
	}
	if (check_leaks && kf_leak_for_each) {
		/*
		 * Waiting for RCU callbacks from inside a read-side section
		 * (exit() called under rcu_read_lock) would never end.
		 */
		sn->leaks_waited =
			!kf_rcu_read_lock_held || !kf_rcu_read_lock_held();
		sn->leak_objects =
			kf_leak_for_each(sn->leaks_waited, kf_leak_site, sn);
		sn->leaks_checked = true;
	}
	if (kf_report_count) {
		sn->reports_known = true;
		for (i = 0; i < KSTUB_NR_REPORT_KINDS; i++) {
			sn->reports[i] = kf_report_count(i);
			sn->reports_total += sn->reports[i];
		}
	}
	sn->nrec = kfault_records(&sn->rec, &sn->nfaults, &sn->ndelays);
	sn->rec_max = kfault_records_max();
	kfault_sched_stats(&sn->sched);
}

static const char *kf_signame(int sig)
{
	switch (sig) {
	case SIGSEGV:
		return "SIGSEGV";
	case SIGBUS:
		return "SIGBUS";
	case SIGABRT:
		return "SIGABRT";
	case SIGFPE:
		return "SIGFPE";
	case SIGILL:
		return "SIGILL";
	default:
		return "signal";
	}
}

static void kf_json_frames(struct kfault_out *o, const uintptr_t *frames,
			   unsigned int nr)
{
	unsigned int i;

	kf_puts(o, "[");
	for (i = 0; i < nr; i++) {
		kf_puts(o, i ? ",\n      " : "\n      ");
		kf_put_frame_json(o, frames[i]);
	}
	kf_puts(o, "]");
}

static void kf_json_record(struct kfault_out *o, const struct kfault_record *r)
{
	kf_putkey(o, "{", KFR_REC_RULE);
	kf_putu(o, r->rule);
	kf_putkey(o, ",", KFR_REC_CLASS);
	kf_putjs(o, kfault_class_name(r->cls));
	kf_putkey(o, ",", KFR_REC_CALL);
	kf_putu(o, r->call);
	kf_putkey(o, ",", KFR_REC_THREAD);
	kf_putu(o, r->thread);
	kf_putkey(o, ",", KFR_REC_CREATED);
	kf_putu(o, r->created);
	kf_putkey(o, ",", KFR_REC_TID);
	kf_putu(o, r->tid);
	kf_putkey(o, ",", KFR_REC_SIZE);
	kf_putu(o, r->size);
	kf_putkey(o, ",", KFR_REC_GFP);
	kf_putxs(o, r->gfp);
	if (r->delay) {
		kf_putkey(o, ",", KFR_REC_NS);
		kf_putu(o, r->ns);
	}
	kf_putkey(o, ",\n     ", KFR_REC_CALLER);
	kf_put_frame_json(o, r->caller);
	kf_putkey(o, ",\n     ", KFR_REC_BACKTRACE);
	kf_json_frames(o, r->frames, r->nr);
	kf_puts(o, "}");
}

static void kf_json_records(struct kfault_out *o, const struct kf_snapshot *sn,
			    bool delays)
{
	unsigned long i;
	bool first = true;

	kf_putkey(o, ",\n", delays ? KFR_DELAYS : KFR_FAULTS);
	kf_puts(o, "[");
	for (i = 0; i < sn->nrec; i++) {
		const struct kfault_record *r = &sn->rec[i];

		if (!__atomic_load_n(&r->ready, __ATOMIC_ACQUIRE) ||
		    r->delay != delays)
			continue;
		kf_puts(o, first ? "\n    " : ",\n    ");
		first = false;
		kf_json_record(o, r);
	}
	kf_puts(o, "]");
}

static void kf_json_rules(struct kfault_out *o)
{
	unsigned int i, c;

	kf_putkey(o, ",\n", KFR_RULES);
	kf_puts(o, "[");
	for (i = 0; i < kf_cfg.nr_rules; i++) {
		const struct kfault_rule *r = &kf_cfg.rules[i];
		bool first = true;

		kf_putkey(o, i ? ",\n    {" : "\n    {", KFR_RULE_INDEX);
		kf_putu(o, r->index);
		kf_putkey(o, ",", KFR_RULE_TEXT);
		kf_putjs(o, r->text);
		kf_putkey(o, ",", KFR_RULE_TYPE);
		kf_putjs(o, r->is_delay ? KFR_TYPE_DELAY : KFR_TYPE_FAULT);
		kf_putkey(o, ",", KFR_RULE_CLASSES);
		kf_puts(o, "[");
		for (c = 0; c < KSTUB_NR_SITE_CLASSES; c++) {
			if (!(r->classes & (UINT64_C(1) << c)))
				continue;
			if (!first)
				kf_putc(o, ',');
			first = false;
			kf_putjs(o, kfault_class_name(c));
		}
		kf_puts(o, "]");
		kf_putkey(o, ",", KFR_RULE_ELIGIBLE);
		kf_putu(o, kfault_rule_calls(r));
		kf_putkey(o, ",", KFR_RULE_INJECTED);
		kf_putu(o, kf_load(&kfault_rule_state(r)->injected));
		kf_puts(o, "}");
	}
	kf_puts(o, "]");
}

/*
 * A leak site's stack: its own (kstub's allocation stacks, leak_stacks=1),
 * else the allocating caller alone.
 */
static unsigned int kf_leak_frames(const struct kstub_leak_site *l,
				   const uintptr_t **frames)
{
	if (l->nr_frames) {
		*frames = (const uintptr_t *)l->frames;
		return l->nr_frames;
	}
	*frames = (const uintptr_t *)&l->caller;
	return l->caller ? 1 : 0;
}

static void kf_json_leaks(struct kfault_out *o, const struct kf_snapshot *sn)
{
	const uintptr_t *frames;
	unsigned int i, nr;

	kf_putkey(o, ",\n", KFR_LEAKS);
	kf_putkey(o, "{", KFR_LEAKS_CHECKED);
	kf_putb(o, sn->leaks_checked);
	kf_putkey(o, ",", KFR_LEAKS_WAITED);
	kf_putb(o, sn->leaks_waited);
	kf_putkey(o, ",", KFR_LEAKS_OBJECTS);
	kf_putu(o, sn->leak_objects);
	kf_putkey(o, ",", KFR_LEAKS_BYTES);
	kf_putu(o, sn->leak_bytes);
	kf_putkey(o, ",", KFR_LEAKS_SITES_DROPPED);
	kf_putu(o, sn->leak_sites_dropped);
	kf_putkey(o, ",", KFR_LEAKS_SITES);
	kf_puts(o, "[");
	for (i = 0; i < sn->nleaks; i++) {
		const struct kstub_leak_site *l = &sn->leaks[i];

		kf_putkey(o, i ? ",\n    {" : "\n    {", KFR_LEAK_OBJECTS);
		kf_putu(o, l->objects);
		kf_putkey(o, ",", KFR_LEAK_BYTES);
		kf_putu(o, l->bytes);
		kf_putkey(o, ",\n     ", KFR_LEAK_CALLER);
		kf_put_frame_json(o, (uintptr_t)l->caller);
		kf_putkey(o, ",\n     ", KFR_LEAK_BACKTRACE);
		nr = kf_leak_frames(l, &frames);
		kf_json_frames(o, frames, nr);
		kf_puts(o, "}");
	}
	kf_puts(o, "]}");
}

/*
 * record=1: every eligible call of the fault rules, each naming its stack
 * by its index in "stacks", where each distinct stack is written once.
 */
static void kf_json_calls(struct kfault_out *o)
{
	const struct kfault_call *c;
	const struct kfault_stack *st;
	unsigned long i, n, dropped;
	unsigned int s, nstacks;
	bool first = true;

	nstacks = kfault_nr_stacks(&dropped);
	kf_putkey(o, ",\n", KFR_STACKS_DROPPED);
	kf_putu(o, dropped);
	kf_putkey(o, ",", KFR_STACKS);
	kf_puts(o, "[");
	for (s = 1; s <= nstacks; s++) {
		st = kfault_stack_at(s);
		kf_putkey(o, s > 1 ? ",\n    {" : "\n    {", KFR_STACK_ID);
		kf_putxs(o, st ? st->id : 0);
		kf_putkey(o, ",", KFR_STACK_BACKTRACE);
		kf_json_frames(o, st ? st->frames : NULL, st ? st->nr : 0);
		kf_puts(o, "}");
	}
	kf_puts(o, "]");
	n = kfault_calls(&dropped);
	kf_putkey(o, ",\n", KFR_CALLS_DROPPED);
	kf_putu(o, dropped);
	kf_putkey(o, ",", KFR_CALLS);
	kf_puts(o, "[");
	for (i = 0; i < n; i++) {
		c = kfault_call_at(i);
		if (!c)
			continue;
		kf_putkey(o, first ? "\n    {" : ",\n    {", KFR_CALL_N);
		first = false;
		kf_putu(o, c->n);
		kf_putkey(o, ",", KFR_CALL_RULE);
		kf_putu(o, c->rule);
		kf_putkey(o, ",", KFR_CALL_CLASS);
		kf_putjs(o, kfault_class_name(c->cls));
		kf_putkey(o, ",", KFR_CALL_THREAD);
		kf_putu(o, c->thread);
		kf_putkey(o, ",", KFR_CALL_CREATED);
		kf_putu(o, c->created);
		kf_putkey(o, ",", KFR_CALL_STACK);
		if (c->stack && c->stack <= nstacks)
			kf_putu(o, c->stack - 1);
		else
			kf_puts(o, "null");
		kf_puts(o, "}");
	}
	kf_puts(o, "]");
}

static void kf_json_exit(struct kfault_out *o, const struct kf_snapshot *sn)
{
	kf_putkey(o, ",\n", KFR_EXIT);
	kf_putkey(o, "{", KFR_EXIT_HOW);
	kf_putjs(o, sn->how == KFAULT_EXIT_NORMAL   ? KFR_HOW_EXIT
		    : sn->how == KFAULT_EXIT_SIGNAL ? KFR_HOW_SIGNAL
						    : KFR_HOW_SANITIZER);
	kf_putkey(o, ",", KFR_EXIT_STATUS);
	if (sn->how == KFAULT_EXIT_NORMAL)
		kf_puti(o, sn->status);
	else
		kf_puts(o, "null");
	kf_putkey(o, ",", KFR_EXIT_SIGNAL);
	if (sn->how == KFAULT_EXIT_SIGNAL)
		kf_putu(o, sn->sig);
	else
		kf_puts(o, "null");
	kf_putkey(o, ",", KFR_EXIT_SIGNAL_NAME);
	if (sn->how == KFAULT_EXIT_SIGNAL)
		kf_putjs(o, kf_signame(sn->sig));
	else
		kf_puts(o, "null");
	kf_puts(o, "}");
}

static void kf_json_sched(struct kfault_out *o, const struct kf_snapshot *sn)
{
	const struct kfault_sched_stats *st = &sn->sched;

	kf_putkey(o, ",\n", KFR_SCHED);
	if (!st->on) {
		kf_puts(o, "null");
		return;
	}
	kf_putkey(o, "{", KFR_SCHED_POLICY);
	kf_putjs(o, kfault_sched_name(kf_cfg.sched));
	kf_putkey(o, ",", KFR_SCHED_DEPTH);
	kf_putu(o, kf_cfg.sched == KFAULT_SCHED_PCT ? kf_cfg.sched_depth : 0);
	kf_putkey(o, ",", KFR_SCHED_STEPS);
	kf_putu(o, st->steps);
	kf_putkey(o, ",", KFR_SCHED_THREADS);
	kf_putu(o, st->threads);
	kf_putkey(o, ",", KFR_SCHED_WATCHDOG);
	kf_putu(o, st->watchdog);
	kf_putkey(o, ",", KFR_SCHED_EXACT);
	kf_putb(o, st->exact);
	kf_putkey(o, ",", KFR_SCHED_EXACT_STEPS);
	kf_putu(o, st->exact_steps);
	kf_putkey(o, ",", KFR_SCHED_SWITCHES);
	kf_putu(o, st->switches);
	kf_putkey(o, ",", KFR_SCHED_PREEMPTIONS);
	kf_putu(o, st->preemptions);
	if (kf_cfg.sched_record) {
		kf_putkey(o, ",\n  ", KFR_SCHED_LIST);
		kfault_sched_put_switches(o);
	}
	if (kf_cfg.sched_log) {
		kf_putkey(o, ",\n  ", KFR_SCHED_LOG);
		kfault_sched_put_log(o);
	}
	kf_puts(o, "}");
}

static void kf_json_counts(struct kfault_out *o, const char *sep,
			   const char *key, const char *const *names,
			   const unsigned long *counts, unsigned int nr)
{
	unsigned int i;

	kf_putkey(o, sep, key);
	kf_putc(o, '{');
	for (i = 0; i < nr; i++) {
		kf_putkey(o, i ? "," : "", names[i]);
		kf_putu(o, counts[i]);
	}
	kf_putc(o, '}');
}

static void kf_write_json(struct kfault_out *o, const void *arg)
{
	const struct kf_snapshot *sn = arg;
	const char *names[KSTUB_NR_SITE_CLASSES];
	unsigned int i;

	kf_putkey(o, "{", KFR_VERSION);
	kf_putu(o, KFAULT_REPORT_VERSION);
	kf_putkey(o, ",\n", KFR_PID);
	kf_putu(o, getpid());
	kf_putkey(o, ",", KFR_PPID);
	kf_putu(o, getppid());
	kf_putkey(o, ",", KFR_FORKED);
	kf_putb(o, kf_forked);
	kf_putkey(o, ",\n", KFR_SPEC);
	kf_putjs(o, kf_cfg.spec);
	kf_putkey(o, ",", KFR_SPEC_SOURCE);
	kf_putjs(o, kf_cfg.spec_source);
	kf_putkey(o, ",", KFR_SEED);
	kf_putu(o, kf_cfg.seed);
	kf_putkey(o, ",", KFR_THREADS);
	kf_putu(o, kfault_threads_seen());
	kf_json_exit(o, sn);
	kf_json_rules(o);
	kf_putkey(o, ",\n", KFR_SITES_COLLECTED);
	kf_putb(o, kf_cfg.collect);
	for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++)
		names[i] = kfault_class_name(i);
	kf_json_counts(o, ",\n", KFR_SITES, names, sn->sites,
		       KSTUB_NR_SITE_CLASSES);
	kf_putkey(o, ",\n", KFR_FAULTS_TOTAL);
	kf_putu(o, sn->nfaults);
	kf_putkey(o, ",", KFR_DELAYS_TOTAL);
	kf_putu(o, sn->ndelays);
	kf_json_records(o, sn, false);
	kf_json_records(o, sn, true);
	if (kf_cfg.record)
		kf_json_calls(o);
	kf_json_leaks(o, sn);
	if (sn->reports_known)
		kf_json_counts(o, ",\n", KFR_REPORTS, kf_report_names,
			       sn->reports, KSTUB_NR_REPORT_KINDS);
	else
		kf_putkey(o, ",\n", KFR_REPORTS);
	if (!sn->reports_known)
		kf_puts(o, "null");
	kf_putkey(o, ",", KFR_REPORTS_TOTAL);
	kf_putu(o, sn->reports_total);
	kf_json_sched(o, sn);
	kf_puts(o, "}\n");
}

static void kf_text_stack(struct kfault_out *o, const uintptr_t *frames,
			  unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		kf_puts(o, "kfault:     #");
		kf_putu(o, i);
		kf_putc(o, ' ');
		kf_put_frame_text(o, frames[i]);
		kf_putc(o, '\n');
	}
}

static void kf_text_record(struct kfault_out *o, const struct kfault_record *r,
			   bool stack)
{
	kf_puts(o, r->delay ? "kfault: delayed " : "kfault: failed ");
	kf_puts(o, kfault_class_name(r->cls));
	kf_puts(o, " call ");
	kf_putu(o, r->call);
	kf_puts(o, " of rule ");
	kf_putu(o, r->rule);
	if (r->delay) {
		kf_puts(o, " for ");
		kf_putu(o, r->ns / 1000);
		kf_puts(o, "us");
	} else if (r->size) {
		kf_puts(o, " (");
		kf_putu(o, r->size);
		kf_puts(o, " bytes, gfp ");
		kf_putx(o, r->gfp);
		kf_putc(o, ')');
	}
	kf_puts(o, " in thread ");
	kf_putu(o, r->thread);
	kf_puts(o, " at ");
	kf_put_frame_text(o, r->caller);
	kf_putc(o, '\n');
	if (stack)
		kf_text_stack(o, r->frames, r->nr);
}

static void kf_write_text(struct kfault_out *o, const struct kf_snapshot *sn)
{
	const uintptr_t *frames;
	unsigned long i;

	kf_puts(o, "kfault: pid ");
	kf_putu(o, getpid());
	kf_puts(o, " seed ");
	kf_putu(o, kf_cfg.seed);
	kf_puts(o, ": ");
	kf_putu(o, sn->nfaults);
	kf_puts(o, " faults injected, ");
	kf_putu(o, sn->ndelays);
	kf_puts(o, " delays, ");
	if (sn->leaks_checked) {
		kf_putu(o, sn->leak_objects);
		kf_puts(o, " objects leaked (");
		kf_putu(o, sn->leak_bytes);
		kf_puts(o, " bytes), ");
	}
	kf_putu(o, sn->reports_total);
	kf_puts(o, " WARN/BUG reports");
	if (sn->how == KFAULT_EXIT_SIGNAL) {
		kf_puts(o, ", killed by ");
		kf_puts(o, kf_signame(sn->sig));
	} else if (sn->how == KFAULT_EXIT_SANITIZER) {
		kf_puts(o, ", stopped by the sanitizer");
	}
	kf_putc(o, '\n');
	if (sn->sched.on && (!sn->sched.exact || kf_cfg.verbose >= 2)) {
		kf_puts(o, "kfault: sched ");
		kf_puts(o, kfault_sched_name(kf_cfg.sched));
		kf_puts(o, ": ");
		kf_putu(o, sn->sched.steps);
		kf_puts(o, " steps, ");
		kf_putu(o, sn->sched.watchdog);
		kf_puts(o,
			sn->sched.exact
				? " watchdog hand-overs: exact\n"
				: " watchdog hand-overs: not exact (a thread "
				  "blocked or ran outside the sites; the "
				  "seed may not replay this run)\n");
	}
	/* The records kept are bounded; say when some were not. */
	if (sn->nrec >= sn->rec_max) {
		kf_puts(o, "kfault: the report lists the first ");
		kf_putu(o, sn->rec_max);
		kf_puts(o, " faults and delays; the totals count them all\n");
	}
	if (!kf_cfg.verbose)
		return;
	for (i = 0; i < sn->nrec; i++) {
		const struct kfault_record *r = &sn->rec[i];

		if (!__atomic_load_n(&r->ready, __ATOMIC_ACQUIRE))
			continue;
		/* Faults were shown with their stacks as they happened. */
		if (kf_cfg.verbose >= 2 && r->delay)
			kf_text_record(o, r, false);
	}
	for (i = 0; i < sn->nleaks; i++) {
		const struct kstub_leak_site *l = &sn->leaks[i];
		unsigned int nr;

		kf_puts(o, "kfault: leak: ");
		kf_putu(o, l->bytes);
		kf_puts(o, " bytes in ");
		kf_putu(o, l->objects);
		kf_puts(o, " objects allocated at ");
		kf_put_frame_text(o, (uintptr_t)l->caller);
		kf_putc(o, '\n');
		nr = kf_leak_frames(l, &frames);
		kf_text_stack(o, frames, nr);
	}
	if (kf_cfg.verbose >= 2) {
		kf_puts(o, "kfault: sites:");
		for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++) {
			if (!sn->sites[i])
				continue;
			kf_putc(o, ' ');
			kf_puts(o, kfault_class_name(i));
			kf_putc(o, '=');
			kf_putu(o, sn->sites[i]);
		}
		kf_putc(o, '\n');
	}
}

/* Write the report once; the caller has disarmed the hook. */
void kfault_report(enum kfault_exit_how how, int status, int sig)
{
	static struct kfault_out o;
	struct kf_snapshot *sn = &kf_snap;

	memset(sn, 0, sizeof(*sn));
	sn->how = how;
	sn->status = status;
	sn->sig = sig;
	kf_take_snapshot(sn, how == KFAULT_EXIT_NORMAL);
	/* Quiet unless something happened, or verbose=2 asks. */
	if (kf_cfg.verbose >= 2 || sn->nfaults || sn->ndelays ||
	    sn->leak_objects || sn->reports_total ||
	    (sn->sched.on && !sn->sched.exact) || how != KFAULT_EXIT_NORMAL) {
		kf_out_init(&o, 2);
		kf_write_text(&o, sn);
		kf_flush(&o);
	}
	if (kf_cfg.report[0])
		kf_write_output("report", kf_cfg.report, kf_write_json, sn);
	if (kf_cfg.trace[0])
		kfault_trace_write(kf_cfg.trace);
}

unsigned long kfault_report_leaks(void)
{
	return kf_snap.leak_objects;
}

/* verbose >= 1: one line per injected fault, as it happens. */
void kfault_note_fault(const struct kfault_record *rec)
{
	static unsigned long noted;
	struct kfault_out o;
	int saved_errno = errno;
	unsigned long n;

	if (!kf_cfg.verbose)
		return;
	/* Like the kernel's ratelimited fail_dump: the first ones tell. */
	n = kf_inc(&noted);
	if (kf_cfg.verbose < 2 && n > KF_NOTE_LIMIT)
		return;
	kf_out_init(&o, 2);
	/* As fail_dump() dumps the stack: once, where it happened. */
	kf_text_record(&o, rec, true);
	if (kf_cfg.verbose < 2 && n == KF_NOTE_LIMIT)
		kf_puts(&o, "kfault: further faults are counted, not shown "
			    "(verbose=2 shows them)\n");
	kf_flush(&o);
	errno = saved_errno;
}
