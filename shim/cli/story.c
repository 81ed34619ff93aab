// SPDX-License-Identifier: GPL-2.0-only
/*
 * The interleaving of a scheduled run told in source terms: from the
 * report's sched.log (sched_log=N), which thread was about to do which
 * kstub operation at which file:line, step by step, with a line at every
 * switch saying whether the thread was preempted or could not go on.
 *
 * Only the steps around each switch and the last steps before the end are
 * shown; a run of steps by one thread in between is one line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../sites.h"

#define STORY_AROUND 2 /* steps shown on either side of a switch */
#define STORY_LAST 6 /* steps shown before the end */

/*
 * Steps whose "caller" is the function about to run (a callback, a work
 * item, a timer), not a return address.
 */
static bool story_about_to_run(const char *op)
{
	return !strcmp(op, "rcu_callback") || !strcmp(op, "work_run") ||
	       !strcmp(op, "timer_run");
}

/* "func (file.c:12)" for @st's caller, or its raw frame; malloc'ed. */
static char *story_where(const struct kfc_sched_step *st)
{
	const struct kfc_srcstack *src;

	if (!st->caller.nr)
		return kfc_xstrdup("");
	/* the lookup takes a return address, one past its call */
	src = st->caller.objs[0]
		      ? kfc_source_lookup(st->caller.objs[0],
					  st->caller.offs[0] +
						  story_about_to_run(st->op))
		      : NULL;
	if (src && src->nr && src->f[0].file)
		return kfc_srcframe_text(&src->f[0]);
	return kfc_xstrdup(st->caller.frames[0]);
}

static void story_step(FILE *f, const struct kfc_sched_step *st)
{
	char *where = story_where(st);

	if (*where)
		fprintf(f, "  %6ld  t%-3ld %-20s %s\n", st->step, st->thread,
			st->op, where);
	else
		fprintf(f, "  %6ld  t%-3ld %s\n", st->step, st->thread, st->op);
	free(where);
}

static void story_switch(FILE *f, const struct kfc_sched_step *a,
			 const struct kfc_sched_step *b, long nr)
{
	if (a->preempted)
		fprintf(f,
			"  -- switch %ld: t%ld is preempted before its %s; "
			"t%ld runs\n",
			nr, a->thread, a->op, b->thread);
	else if (!strcmp(a->op, "thread_exit"))
		fprintf(f, "  -- t%ld has ended; t%ld runs\n", a->thread,
			b->thread);
	else
		fprintf(f, "  -- t%ld cannot go on (%s); t%ld runs\n",
			a->thread, a->op, b->thread);
}

/* Is @op one of kstub's reports (a WARN, a BUG, a lockdep splat)? */
static bool story_report(const char *op)
{
	int cls = kfault_class_find(op);

	return cls >= 0 && !strcmp(kfault_classes[cls].group, "report");
}

/*
 * The steps between @a and @b that are not shown, as one line: one
 * thread's, since every hand-over the log holds is shown.
 */
static void story_gap(FILE *f, const struct kfc_sched_step *a,
		      const struct kfc_sched_step *b)
{
	long missing = b->step - a->step - 1;

	if (missing <= 0)
		return;
	if (a->thread == b->thread)
		fprintf(f, "          ... %ld more step%s of t%ld\n", missing,
			missing == 1 ? "" : "s", a->thread);
	else
		fprintf(f, "          ... %ld steps (not logged)\n", missing);
}

void kfc_story_print(FILE *f, const struct kfc_report *r, const char *ending)
{
	const struct kfc_sched_step *log = r->sched_log;
	size_t n = r->nr_sched_log, i, k, prev, tail = 0, all = n;
	long preemptions = 0;
	bool *show, marked = false;

	/*
	 * Past the last exact step the watchdog let threads go (a sanitizer
	 * reporting, say): what follows is not the schedule's.
	 */
	while (!r->sched_exact && n && log[n - 1].step > r->sched_exact_steps)
		n--;
	if (!n) {
		fprintf(f, "  (no steps were logged)\n");
		return;
	}
	/* around each switch, each report, and at the end */
	show = kfc_xcalloc(n, sizeof(*show));
	for (i = 0; i < n; i++) {
		bool turn = i + 1 < n && log[i].thread != log[i + 1].thread;

		if (i + STORY_LAST >= n || i == 0)
			show[i] = true;
		if (!turn && !story_report(log[i].op))
			continue;
		for (k = i >= STORY_AROUND - 1 ? i + 1 - STORY_AROUND : 0;
		     k < n && k <= i + STORY_AROUND; k++)
			show[k] = true;
	}
	if (log[0].step > 1)
		fprintf(f, "          ... %ld steps before (not logged)\n",
			log[0].step - 1);
	fprintf(f, "  %6s  %-4s %-20s %s\n", "step", "who", "about to",
		"where");
	for (i = 0, prev = 0; i < n; i++) {
		if (!show[i])
			continue;
		if (i)
			story_gap(f, &log[prev], &log[i]);
		story_step(f, &log[i]);
		if (!marked && story_report(log[i].op)) {
			fprintf(f, "  <- the report%s%s\n", ending ? ": " : "",
				ending ? ending : "");
			marked = true;
			tail = i + STORY_AROUND;
		}
		if (marked && i >= tail && i + 1 < n) {
			fprintf(f,
				"          ... and %ld more steps to the end\n",
				log[n - 1].step - log[i].step);
			break;
		}
		if (i + 1 < n && log[i].thread != log[i + 1].thread &&
		    log[i + 1].step == log[i].step + 1)
			story_switch(f, &log[i], &log[i + 1],
				     log[i].preempted ? ++preemptions : 0);
		prev = i;
	}
	if (n < all)
		fprintf(f,
			"  -- after step %ld the watchdog let threads go "
			"(the run was reporting, or blocked outside kstub)\n",
			log[n - 1].step);
	if (!marked && log[n - 1].next && log[n - 1].next != log[n - 1].thread)
		fprintf(f, "  -- t%ld runs\n", log[n - 1].next);
	if (ending && !marked)
		fprintf(f, "  == %s\n", ending);
	free(show);
}
