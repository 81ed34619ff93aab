// SPDX-License-Identifier: GPL-2.0-only
/*
 * One ended run -> one outcome.  The evidence, strongest first: the
 * timeout, a sanitizer's report in stderr, the shim saying it could not
 * write its report, a shim's report that this kfault cannot read
 * (another version, not a report, cut short), a fatal signal, no report
 * at all, the injected fault landing somewhere else than planned,
 * WARN/BUG counts and leaks from the shim's report, and last the exit
 * status.  A run without a report is never ok: nothing says the fault
 * was handled.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli.h"

#define KFC_OUTCOME_NAME(name) #name,
static const char *const kfc_outcome_names[] = {KFC_OUTCOMES(KFC_OUTCOME_NAME)};
#undef KFC_OUTCOME_NAME

const char *kfc_outcome_name(enum kfc_outcome o)
{
	return o < KFC_NR_OUTCOMES ? kfc_outcome_names[o] : "?";
}

int kfc_outcome_parse(const char *name)
{
	int i;

	for (i = 0; i < KFC_NR_OUTCOMES; i++)
		if (!strcmp(kfc_outcome_names[i], name))
			return i;
	return -1;
}

bool kfc_expect_exit_ok(const struct kfc_expect *e, int status)
{
	size_t i;

	for (i = 0; i < e->nr_ok_exits; i++)
		if (e->ok_exits[i] == status)
			return true;
	return false;
}

void kfc_expect_default(struct kfc_expect *e, int status)
{
	if (e->nr_ok_exits)
		return;
	e->ok_exits = kfc_xcalloc(1, sizeof(int));
	e->ok_exits[0] = status;
	e->nr_ok_exits = 1;
}

/* Copy the rest of the line at @p (at most @size - 1 bytes) into @out. */
static void line_at(const char *p, char *out, size_t size)
{
	size_t n = strcspn(p, "\n");

	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* Sanitizer reports that mean the program died of a signal. */
static bool deadly_signal_report(const char *kind)
{
	static const char *const deadly[] = {
		"SEGV", "BUS", "FPE", "ILL", "ABRT", "stack-overflow", NULL};
	const char *const *d;

	for (d = deadly; *d; d++)
		if (!strncmp(kind, *d, strlen(*d)))
			return true;
	return false;
}

/*
 * Look through stderr for a sanitizer's report.  Returns the outcome it
 * means (sanitizer, crash, leak) or KFC_ok when there is none.
 */
static enum kfc_outcome scan_stderr(const char *text, char *detail, size_t size)
{
	static const char *const markers[] = {
		"ERROR: AddressSanitizer: ",
		"WARNING: ThreadSanitizer: ",
		"ERROR: ThreadSanitizer: ",
		"ERROR: UndefinedBehaviorSanitizer: ",
		"ERROR: MemorySanitizer: ",
		NULL};
	const char *const *m;
	const char *p;

	for (m = markers; *m; m++) {
		p = strstr(text, *m);
		if (!p)
			continue;
		p += strlen(*m);
		line_at(p, detail, size);
		return deadly_signal_report(p) ? KFC_crash : KFC_sanitizer;
	}
	p = strstr(text, "runtime error: ");
	if (p) {
		line_at(p, detail, size);
		return KFC_sanitizer;
	}
	p = strstr(text, "ERROR: LeakSanitizer: ");
	if (p) {
		line_at(p + strlen("ERROR: "), detail, size);
		return KFC_leak;
	}
	return KFC_ok;
}

/* What the shim says on stderr when it cannot write the report. */
#define KFC_SHIM_NO_WRITE "kfault: cannot write the report to "

static bool shim_could_not_write(const char *text, char *detail, size_t size)
{
	const char *p = strstr(text, KFC_SHIM_NO_WRITE);
	char line[200];

	if (!p)
		return false;
	line_at(p + strlen("kfault: "), line, sizeof(line));
	snprintf(detail, size, "no report: the shim says it %s", line);
	return true;
}

/* Why the run left no report, for a verdict's detail. */
static void no_report_detail(const struct kfc_report *r, char *detail,
			     size_t size)
{
	const char *path = r->path ? r->path : "the report";

	switch (r->none) {
	case KFC_REPORT_MISSING:
		snprintf(detail, size, "no report: %s was never created", path);
		break;
	case KFC_REPORT_EMPTY:
		snprintf(detail, size,
			 "no report: %s is empty (the shim never wrote it: "
			 "exec, a kill, or a write error)",
			 path);
		break;
	default:
		snprintf(detail, size, "no report: %s: %s", path,
			 strerror(r->err));
	}
}

static bool stderr_has_kstub_report(const char *text, bool *bug)
{
	const char *w = strstr(text, "WARNING: at ");
	const char *b = strstr(text, "BUG: ");

	*bug = b != NULL;
	return w || b;
}

/* What the contract's exit statuses mean, for a verdict's detail. */
static const char *exit_meaning(int status)
{
	switch (status) {
	case KFAULT_EXIT_SPEC:
		return " (the shim refused the spec)";
	case KFAULT_EXIT_NOEXEC:
		return " (could not run the program)";
	}
	return "";
}

static enum kfc_outcome judge(struct kfc_verdict *v, const struct kfc_proc *p,
			      const char *err, const struct kfc_report *r,
			      const struct kfc_expect *e,
			      const struct kfc_stack *expected)
{
	char fn[96], want[96];
	enum kfc_outcome san;
	bool bug = false;

	if (p->timed_out) {
		snprintf(v->detail, sizeof(v->detail), "timed out after %.1fs",
			 p->elapsed);
		return KFC_hang;
	}
	san = err ? scan_stderr(err, v->detail, sizeof(v->detail)) : KFC_ok;
	if (san == KFC_sanitizer || san == KFC_crash)
		return san;
	if (err && shim_could_not_write(err, v->detail, sizeof(v->detail)))
		return KFC_noreport;
	if (r->refused) {
		snprintf(v->detail, sizeof(v->detail), "%s", r->refused);
		return KFC_unreadable;
	}
	/* stderr not captured (kfault run): the report still knows */
	if (!err && r->sanitizer_stop) {
		snprintf(v->detail, sizeof(v->detail),
			 "stopped by the sanitizer (its report is above)");
		return KFC_sanitizer;
	}
	if (!r->present && err && stderr_has_kstub_report(err, &bug) &&
	    !v->signal)
		return KFC_warn;
	/*
	 * A sanitizer that catches the fatal signal itself (ASan's SEGV
	 * handler) exits with a status instead; the shim saw the signal.
	 */
	if (!v->signal && r->present && r->fatal_signal) {
		snprintf(v->detail, sizeof(v->detail),
			 "%s (ended by the sanitizer)",
			 strsignal(r->fatal_signal));
		return KFC_crash;
	}
	if (v->signal) {
		if (r->bugs || (!r->present && err &&
				stderr_has_kstub_report(err, &bug) && bug)) {
			snprintf(v->detail, sizeof(v->detail), "BUG (%s)",
				 strsignal(v->signal));
			return KFC_warn;
		}
		snprintf(v->detail, sizeof(v->detail), "%s",
			 strsignal(v->signal));
		return KFC_crash;
	}
	if (!r->present) {
		/* These statuses say why there is none. */
		if (v->exit == KFAULT_EXIT_SPEC ||
		    v->exit == KFAULT_EXIT_NOEXEC) {
			snprintf(v->detail, sizeof(v->detail),
				 "exit status %d%s", v->exit,
				 exit_meaning(v->exit));
			return KFC_exit;
		}
		no_report_detail(r, v->detail, sizeof(v->detail));
		return KFC_noreport;
	}
	if (expected && (!r->fault_stack.nr ||
			 !kfc_stack_same(expected, &r->fault_stack))) {
		kfc_frame_func(expected->nr ? expected->frames[0] : "?", want,
			       sizeof(want));
		if (!r->fault_stack.nr)
			snprintf(v->detail, sizeof(v->detail),
				 "no fault injected (expected in %s)", want);
		else
			snprintf(v->detail, sizeof(v->detail),
				 "fault hit %s, not %s",
				 kfc_frame_func(r->fault_stack.frames[0], fn,
						sizeof(fn)),
				 want);
		return KFC_nondeterministic;
	}
	if (r->warns) {
		snprintf(v->detail, sizeof(v->detail), "%ld WARN/BUG report%s",
			 r->warns, r->warns == 1 ? "" : "s");
		return KFC_warn;
	}
	if (r->leak_objects) {
		snprintf(v->detail, sizeof(v->detail),
			 "%ld object%s, %ld bytes leaked", r->leak_objects,
			 r->leak_objects == 1 ? "" : "s", r->leak_bytes);
		return KFC_leak;
	}
	if (san == KFC_leak)
		return KFC_leak;
	if (!kfc_expect_exit_ok(e, v->exit)) {
		snprintf(v->detail, sizeof(v->detail), "exit status %d%s",
			 v->exit, exit_meaning(v->exit));
		return KFC_exit;
	}
	return KFC_ok;
}

void kfc_classify(struct kfc_verdict *v, const struct kfc_proc *p,
		  const char *stderr_path, const struct kfc_report *r,
		  const struct kfc_expect *e,
		  const struct kfc_stack *expected_stack)
{
	char *err = stderr_path ? kfc_read_file(stderr_path, NULL) : NULL;

	memset(v, 0, sizeof(*v));
	if (WIFSIGNALED(p->status)) {
		v->exit = -1;
		v->signal = WTERMSIG(p->status);
	} else {
		v->exit = WEXITSTATUS(p->status);
	}
	v->outcome = judge(v, p, err, r, e, expected_stack);
	kfc_title(v, err, r, expected_stack);
	free(err);
}

bool kfc_not_kstub(const struct kfc_verdict *v, const struct kfc_report *r)
{
	return v->outcome == KFC_noreport && r->none == KFC_REPORT_MISSING &&
	       !v->signal;
}
