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

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/*
 * What the classifier looks for in a run's stderr: the first occurrence
 * of each marker, and the line from it on.  The sanitizers' markers come
 * first, in the order they win.
 */
enum {
	KFC_MARK_ASAN,
	KFC_MARK_TSAN_WARN,
	KFC_MARK_TSAN_ERR,
	KFC_MARK_UBSAN,
	KFC_MARK_MSAN,
	KFC_MARK_NR_SANITIZERS, /* the ones above name their report after them */
	KFC_MARK_RUNTIME =
		KFC_MARK_NR_SANITIZERS, /* UBSan without its ERROR: line */
	KFC_MARK_LSAN,
	KFC_MARK_NO_WRITE, /* the shim could not write its report */
	KFC_MARK_WARN, /* kstub's WARN */
	KFC_MARK_BUG, /* and BUG */
	KFC_MARK_NR,
};

static const char *const kfc_markers[KFC_MARK_NR] = {
	[KFC_MARK_ASAN] = "ERROR: AddressSanitizer: ",
	[KFC_MARK_TSAN_WARN] = "WARNING: ThreadSanitizer: ",
	[KFC_MARK_TSAN_ERR] = "ERROR: ThreadSanitizer: ",
	[KFC_MARK_UBSAN] = "ERROR: UndefinedBehaviorSanitizer: ",
	[KFC_MARK_MSAN] = "ERROR: MemorySanitizer: ",
	[KFC_MARK_RUNTIME] = "runtime error: ",
	[KFC_MARK_LSAN] = "ERROR: LeakSanitizer: ",
	[KFC_MARK_NO_WRITE] = "kfault: cannot write the report to ",
	[KFC_MARK_WARN] = "WARNING: at ",
	[KFC_MARK_BUG] = "BUG: ",
};

/* Bytes kept of the line at a marker, the marker included. */
#define KFC_MARK_LINE 320

/* What a run's stderr says: each marker's first line, or "" if none. */
struct kfc_stderr {
	char line[KFC_MARK_NR][KFC_MARK_LINE];
};

/*
 * Take the markers in @buf[0, @len) that are still to find; one whose
 * line may go on past @len is left for the next buffer (unless @eof),
 * which starts with the last KFC_MARK_LINE bytes of this one.
 */
static void find_markers(struct kfc_stderr *se, const char *buf, size_t len,
			 bool eof)
{
	int m;

	for (m = 0; m < KFC_MARK_NR; m++) {
		const char *p, *nl;
		size_t n, rest;

		if (se->line[m][0])
			continue;
		p = memmem(buf, len, kfc_markers[m], strlen(kfc_markers[m]));
		if (!p)
			continue;
		rest = len - (size_t)(p - buf);
		n = rest < KFC_MARK_LINE - 1 ? rest : KFC_MARK_LINE - 1;
		nl = memchr(p, '\n', n);
		if (!nl && n == rest && !eof)
			continue;
		n = nl ? (size_t)(nl - p) : n;
		memcpy(se->line[m], p, n);
		se->line[m][n] = '\0';
	}
}

/*
 * Scan the file at @path in chunks, so that a program's output of any
 * size costs no memory; false when it cannot be read.
 */
static bool scan_stderr_file(struct kfc_stderr *se, const char *path)
{
	char buf[KFC_MARK_LINE + 65536];
	size_t len = 0;
	ssize_t n;
	int fd;

	memset(se, 0, sizeof(*se));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	for (;;) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		find_markers(se, buf, len, false);
		if (len > KFC_MARK_LINE) {
			memmove(buf, buf + len - KFC_MARK_LINE, KFC_MARK_LINE);
			len = KFC_MARK_LINE;
		}
	}
	find_markers(se, buf, len, true);
	close(fd);
	return true;
}

/* Copy @line, from @skip bytes on, into @out (cut to fit). */
static void line_from(const char *line, size_t skip, char *out, size_t size)
{
	size_t n = strnlen(line + skip, size - 1);

	memcpy(out, line + skip, n);
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
 * The sanitizer's report in stderr: the outcome it means (sanitizer,
 * crash, leak), or KFC_ok when there is none.
 */
static enum kfc_outcome sanitizer_report(const struct kfc_stderr *se,
					 char *detail, size_t size)
{
	int m;

	for (m = 0; m < KFC_MARK_NR_SANITIZERS; m++) {
		const char *kind = se->line[m] + strlen(kfc_markers[m]);

		if (!se->line[m][0])
			continue;
		line_from(se->line[m], strlen(kfc_markers[m]), detail, size);
		return deadly_signal_report(kind) ? KFC_crash : KFC_sanitizer;
	}
	if (se->line[KFC_MARK_RUNTIME][0]) {
		line_from(se->line[KFC_MARK_RUNTIME], 0, detail, size);
		return KFC_sanitizer;
	}
	if (se->line[KFC_MARK_LSAN][0]) {
		line_from(se->line[KFC_MARK_LSAN], strlen("ERROR: "), detail,
			  size);
		return KFC_leak;
	}
	return KFC_ok;
}

static bool shim_could_not_write(const struct kfc_stderr *se, char *detail,
				 size_t size)
{
	char line[200];

	if (!se->line[KFC_MARK_NO_WRITE][0])
		return false;
	line_from(se->line[KFC_MARK_NO_WRITE], strlen("kfault: "), line,
		  sizeof(line));
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

static bool stderr_has_kstub_report(const struct kfc_stderr *se, bool *bug)
{
	*bug = se->line[KFC_MARK_BUG][0] != '\0';
	return se->line[KFC_MARK_WARN][0] || *bug;
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
			      const struct kfc_stderr *err,
			      const struct kfc_report *r,
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
	san = err ? sanitizer_report(err, v->detail, sizeof(v->detail))
		  : KFC_ok;
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

/* How much of each end of stderr a title is read from. */
#define KFC_TITLE_READ (512 * 1024)

const struct kfc_verdict kfc_verdict_none;

static size_t verdict_hash(const void *key)
{
	const struct kfc_verdict *v = key;
	size_t h = kfc_hash_word(KFC_HASH_START, (size_t)v->outcome);

	h = kfc_hash_word(h, (size_t)(unsigned int)v->exit);
	h = kfc_hash_word(h, (size_t)(unsigned int)v->signal);
	return kfc_hash_str(kfc_hash_str(h, v->detail), v->title);
}

static bool verdict_same(const void *elem, const void *key)
{
	const struct kfc_verdict *a = elem, *b = key;

	return a->outcome == b->outcome && a->exit == b->exit &&
	       a->signal == b->signal && !strcmp(a->detail, b->detail) &&
	       !strcmp(a->title, b->title);
}

static void *verdict_copy(const void *key, void *arg)
{
	struct kfc_verdict *copy = kfc_xmalloc(sizeof(*copy));

	(void)arg;
	*copy = *(const struct kfc_verdict *)key;
	return copy;
}

/* The verdicts kept so far, for the command's life. */
static struct kfc_set kept = {.hash = verdict_hash, .same = verdict_same};

const struct kfc_verdict *kfc_verdict_keep(const struct kfc_verdict *v)
{
	return kfc_set_get(&kept, v, verdict_copy, NULL);
}

void kfc_classify(struct kfc_verdict *v, const struct kfc_proc *p,
		  const char *stderr_path, const struct kfc_report *r,
		  const struct kfc_expect *e,
		  const struct kfc_stack *expected_stack)
{
	struct kfc_stderr se;
	bool err = stderr_path && scan_stderr_file(&se, stderr_path);
	char *text;

	memset(v, 0, sizeof(*v));
	if (WIFSIGNALED(p->status)) {
		v->exit = -1;
		v->signal = WTERMSIG(p->status);
	} else {
		v->exit = WEXITSTATUS(p->status);
	}
	v->outcome = judge(v, p, err ? &se : NULL, r, e, expected_stack);
	/* The title reads the reports: bounded, as the scan is. */
	text = err ? kfc_read_ends(stderr_path, KFC_TITLE_READ) : NULL;
	kfc_title(v, text, r, expected_stack);
	free(text);
}

bool kfc_not_kstub(const struct kfc_verdict *v, const struct kfc_report *r)
{
	return v->outcome == KFC_noreport && r->none == KFC_REPORT_MISSING &&
	       !v->signal;
}

bool kfc_never_ran(const struct kfc_verdict *v)
{
	return v->outcome == KFC_exit &&
	       (v->exit == KFAULT_EXIT_SPEC || v->exit == KFAULT_EXIT_NOEXEC);
}
