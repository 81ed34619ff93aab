// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault sweep: systematic fault injection.
 *
 * A clean counting run (the user's filters, nothing failed, record=1)
 * tells which eligible calls PROG makes and from where.  Each point is
 * then one run that fails one call: the first call of each distinct
 * stack (default), or every Nth call (--mode nth); --keep-failing adds
 * a pass that fails that call and every one after it.  Runs go in
 * parallel slots with a timeout; each is classified as it ends and its
 * JSON line written at once, so an interrupted sweep loses nothing and
 * --resume picks up where it stopped.  --shard I/N keeps every Nth
 * point, so N machines share one sweep.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static const char sweep_help[] =
	"Usage: kfault sweep [options] -- PROG [ARGS...]\n"
	"Count PROG's fault points in a clean run, then run PROG once per\n"
	"point with that point failed, in parallel, and classify each run\n"
	"as ok, leak, crash, sanitizer, warn, hang, exit, nondeterministic,\n"
	"unreadable or noreport.\n"
	"Exits 0 when every point is ok, 1 otherwise, 2 on usage errors.\n\n"
	"  --mode stack|nth     one point per distinct call stack (default)\n"
	"                       or one per eligible call\n"
	"  --occurrences K      stack mode: the first K calls of each stack\n"
	"                       in each thread (default 1)\n"
	"  --race               each point under --schedules delay schedules,\n"
	"                       concentrated around the injected fault\n"
	"  --schedules K        schedules per point (--race; default 16)\n"
	"  --seed S             the first schedule's seed (default 1)\n"
	"  --race-spec RULES    the delay rules of --race (default: see\n"
	"                       kfault(1))\n"
	"  --time S             budget of the whole sweep, in seconds\n"
	"  --point-time S       --race: budget of one point's schedules\n"
	"  --fork               run the points in fork servers: PROG runs its\n"
	"                       calls before a point once, and each point\n"
	"                       forks there (default; a point reached while\n"
	"                       other threads run is run anew)\n"
	"  --exec               run each point anew, a whole run each\n"
	"  --keep-failing       add a pass that also fails every later call\n"
	"  --keep-runs          keep every run's stdout, stderr and report\n"
	"                       (default: those of the points not ok)\n"
	"  --json FILE          one JSON object per point, as each ends\n"
	"  --junit FILE         a JUnit XML report at the end\n"
	"  --resume FILE        skip the points FILE (a --json output) has\n"
	"  --shard I/N          run only points I, I+N, I+2N... (1 <= I <= N)\n"
	"  --list               print the points of the counting run; run "
	"none\n"
	"  --coverage[=DIR]     for a program built with gcc --coverage: the\n"
	"                       error paths the points ran and those none did\n"
	"                       (.gcda below DIR, default PROG's directory),\n"
	"                       and an HTML report in RESULTS/coverage\n";

enum {
	OPT_MODE = 0x200,
	OPT_KEEP,
	OPT_JSON,
	OPT_JUNIT,
	OPT_RESUME,
	OPT_SHARD,
	OPT_LIST,
	OPT_COVERAGE,
	OPT_OCCURRENCES,
	OPT_RACE,
	OPT_SCHEDULES,
	OPT_SEED,
	OPT_RACE_SPEC,
	OPT_TIME,
	OPT_POINT_TIME,
	OPT_FORK,
	OPT_EXEC,
	OPT_KEEP_RUNS,
};

/*
 * sweep --race: the delays beside each fault point, one set of rules per
 * schedule, in turn.  The faulting thread is held back on its error path
 * (after_fault: its next fault_window sites, where it unlocks, frees and
 * calls into RCU), and every thread now and then at its locks, RCU
 * sections and refcounts: briefly in the first set, so that another
 * thread can get into the error path's window, and long in the second,
 * so that a thread holding what the error path tears down keeps holding
 * it (doc/reproductions.md, B14 and B15, measures both).
 */
static const char *const kfc_sweep_race_rules[] = {
	"class=all,after_fault=1,delay=sleep:0-1ms,probability=50;"
	"class=refcount|rcu|lock,delay=sleep:0-500us,probability=20",
	"class=all,after_fault=1,delay=sleep:0-1ms,probability=50;"
	"class=refcount|rcu|lock,delay=sleep:0-2ms,probability=20",
};

enum sweep_mode { MODE_STACK, MODE_NTH };
/* How the points' runs are made: --fork or --exec. */
enum sweep_runs { RUNS_DEFAULT, RUNS_FORK, RUNS_EXEC };
#define RUNS_DEFAULT_FORK true

/* As --mode takes them and the table and the --json header say them. */
static const char *const mode_names[] = {
	[MODE_STACK] = "stack", [MODE_NTH] = "nth"};

/* Bytes shown of each end of a failed clean run's stderr. */
#define KFC_SHOW_STDERR 65536

struct sweep {
	struct kfc_opts o;
	const char *lib;
	enum sweep_mode mode;
	bool keep_failing;
	bool list;
	const char *json_path;
	const char *junit_path;
	const char *resume_path;
	long shard_i, shard_n;
	FILE *json;
	FILE *junit;
	const char *json_out; /* the path json writes to */
	bool json_failed; /* a write to it failed: results are missing */
	struct kfc_sweep_id id; /* the --json file's header */
	struct kfc_point *pts;
	size_t nr;
	/* the counting run's report: the points' stacks are its own */
	struct kfc_report count;
	size_t nr_done, nr_bad;
	double t0;
	bool progress;
	bool coverage;
	const char *coverage_dir;
	struct kfc_coverage *cov;
	long occurrences; /* stack mode: calls of a stack per thread */
	bool race;
	long schedules;
	unsigned long long seed;
	const char *const *race_rules; /* a set of rules per schedule */
	size_t nr_race_rules;
	const char *race_spec; /* --race-spec */
	double time_all, time_point; /* budgets, 0: none */
	double deadline; /* of the whole sweep, 0: none */
	bool out_of_time;
	enum sweep_runs runs; /* as asked */
	bool fork; /* the points go to fork servers */
	const char *exec_why; /* --fork asked, but every point runs anew */
	struct kfc_fork_server **servers; /* running; NULL once ended */
	size_t nr_servers;
	bool rescan; /* a server's points came back: start them anew */
	bool fork_refused; /* a server refused its spec (said once) */
	size_t fork_said; /* points the servers' logs told of, so far */
	struct kfc_pool *pool; /* while the points run */
	bool keep_runs; /* --keep-runs: an ok run's files too */
	struct kfc_slots *slots; /* the files of runs of their own (slots.c) */
};

/* A budget in seconds: 1 when taken, -1 (said) when not. */
static int seconds_option(const char *opt, const char *arg, double *out)
{
	if (kfc_parse_double(arg, out) || *out <= 0 || *out > 1e9) {
		kfc_usage_error("sweep",
				"--%s: '%s' is not seconds (more "
				"than 0)",
				opt, arg);
		return -1;
	}
	return 1;
}

static int count_option(const char *opt, const char *arg, long max, long *out)
{
	if (kfc_parse_long(arg, out) || *out < 1 || *out > max) {
		kfc_usage_error("sweep", "--%s: '%s' is not a count (1..%ld)",
				opt, arg, max);
		return -1;
	}
	return 1;
}

static int sweep_option(int c, const char *arg, void *ctx)
{
	struct sweep *sw = ctx;
	char *slash;

	switch (c) {
	case OPT_MODE:
		for (sw->mode = MODE_STACK; sw->mode <= MODE_NTH; sw->mode++)
			if (!strcmp(arg, mode_names[sw->mode]))
				return 1;
		kfc_usage_error("sweep",
				"--mode: '%s' is neither stack nor nth", arg);
		return -1;
	case OPT_KEEP_RUNS:
		sw->keep_runs = true;
		return 1;
	case OPT_KEEP:
		sw->keep_failing = true;
		return 1;
	case OPT_JSON:
		sw->json_path = arg;
		return 1;
	case OPT_JUNIT:
		sw->junit_path = arg;
		return 1;
	case OPT_RESUME:
		sw->resume_path = arg;
		return 1;
	case OPT_COVERAGE:
		sw->coverage = true;
		sw->coverage_dir = arg;
		return 1;
	case OPT_LIST:
		sw->list = true;
		return 1;
	case OPT_OCCURRENCES:
		return count_option("occurrences", arg, 1L << 20,
				    &sw->occurrences);
	case OPT_RACE:
		sw->race = true;
		return 1;
	case OPT_SCHEDULES:
		return count_option("schedules", arg, 1L << 20, &sw->schedules);
	case OPT_SEED:
		if (kfc_parse_ull(arg, &sw->seed)) {
			kfc_usage_error("sweep", "--seed: '%s' is not a number",
					arg);
			return -1;
		}
		return 1;
	case OPT_RACE_SPEC:
		if (!*arg || !strstr(arg, "delay=")) {
			kfc_usage_error("sweep",
					"--race-spec: '%s' has no delay= rule",
					arg);
			return -1;
		}
		sw->race_spec = arg;
		return 1;
	case OPT_TIME:
		return seconds_option("time", arg, &sw->time_all);
	case OPT_POINT_TIME:
		return seconds_option("point-time", arg, &sw->time_point);
	case OPT_FORK:
	case OPT_EXEC:
		if (sw->runs &&
		    sw->runs != (c == OPT_FORK ? RUNS_FORK : RUNS_EXEC)) {
			kfc_usage_error("sweep", "--fork and --exec: one or "
						 "the other");
			return -1;
		}
		sw->runs = c == OPT_FORK ? RUNS_FORK : RUNS_EXEC;
		return 1;
	case OPT_SHARD:
		slash = strchr(arg, '/');
		if (slash) {
			char *i = kfc_xstrdup(arg);
			int bad;

			i[slash - arg] = '\0';
			bad = kfc_parse_long(i, &sw->shard_i) ||
			      kfc_parse_long(slash + 1, &sw->shard_n);
			free(i);
			if (!bad && sw->shard_n >= 1 && sw->shard_i >= 1 &&
			    sw->shard_i <= sw->shard_n)
				return 1;
		}
		kfc_usage_error("sweep",
				"--shard: '%s' is not I/N with 1 <= I <= N",
				arg);
		return -1;
	}
	return 0;
}

/* ---- the counting run ---------------------------------------------------- */

static char *run_path(const struct sweep *sw, const char *name, const char *ext)
{
	return kfc_xasprintf("%s/%s.%s", sw->o.results, name, ext);
}

/* A run of PROG under @spec, with its files, limited to @timeout. */
static struct kfc_launch run_launch(const struct sweep *sw, const char *spec,
				    const char *report, const char *out,
				    const char *err, double timeout)
{
	return (struct kfc_launch){
		.argv = sw->o.argv,
		.spec = spec,
		.report = report,
		.lib = sw->lib,
		.out_path = out,
		.err_path = err,
		.timeout = timeout,
	};
}

/* Run PROG once, wait, classify; the pool is the caller's. */
static int run_once(struct sweep *sw, struct kfc_pool *pool, const char *spec,
		    const char *report, const char *name, struct kfc_proc *done)
{
	char *out = run_path(sw, name, "out"), *err = run_path(sw, name, "err");
	struct kfc_launch l =
		run_launch(sw, spec, report, out, err, sw->o.timeout);
	int ret = kfc_pool_start(pool, &l, NULL);

	if (!ret && !kfc_pool_wait(pool, done))
		ret = -1;
	free(out);
	free(err);
	return ret;
}

/*
 * The shim refused the spec, PROG could not start, it left no report, or
 * its report is not one this kfault reads: no point of the sweep could
 * be judged either.
 */
static bool clean_run_failed(const struct kfc_verdict *v)
{
	if (v->outcome == KFC_unreadable || v->outcome == KFC_noreport)
		return true;
	return kfc_never_ran(v);
}

/* The clean run; fills @r.  Returns 0, or the command's exit status. */
static int count_calls(struct sweep *sw, struct kfc_pool *pool,
		       struct kfc_report *r)
{
	char *report = run_path(sw, "count", "json");
	char *err = run_path(sw, "count", "err");
	char *spec =
		kfc_spec_compose(sw->o.spec.s, "probability=0", "record=1");
	struct kfc_expect any = {0};
	struct kfc_proc done;
	struct kfc_verdict v;
	int ret = KFC_EXIT_USAGE;

	/* An earlier sweep's counting run is not this one's. */
	if (kfc_remove_stale(report) ||
	    run_once(sw, pool, spec, report, "count", &done))
		goto out;
	/* A shim without record=1: count per rule, nth mode only. */
	if (WIFEXITED(done.status) &&
	    WEXITSTATUS(done.status) == KFAULT_EXIT_SPEC) {
		free(spec);
		spec = kfc_spec_compose(sw->o.spec.s, "probability=0", NULL);
		if (kfc_remove_stale(report) ||
		    run_once(sw, pool, spec, report, "count", &done))
			goto out;
	}
	kfc_report_load(r, report);
	kfc_classify(&v, &done, err, r, &any, NULL);
	if (clean_run_failed(&v)) {
		kfc_warn("sweep: the clean run failed: %s", v.detail);
		/* its start and end: the whole may be of any size */
		fflush(stderr);
		kfc_show_file(stderr, err, KFC_SHOW_STDERR, KFC_SHOW_STDERR);
		if (kfc_not_kstub(&v, r))
			kfc_warn("sweep: " KFC_NOT_KSTUB_HINT, sw->o.argv[0]);
		goto out;
	}
	if (v.outcome == KFC_exit && !sw->o.expect.nr_ok_exits) {
		kfc_expect_default(&sw->o.expect, v.exit);
		v.outcome = KFC_ok;
	}
	if (v.outcome == KFC_exit && kfc_expect_exit_ok(&sw->o.expect, v.exit))
		v.outcome = KFC_ok;
	if (v.outcome != KFC_ok) {
		kfc_warn("sweep: the clean run is not clean: %s%s%s (see %s)",
			 kfc_outcome_name(v.outcome), v.detail[0] ? ": " : "",
			 v.detail, err);
		ret = KFC_EXIT_FOUND;
		goto out;
	}
	kfc_expect_default(&sw->o.expect, v.exit);
	ret = 0;
out:
	free(spec);
	free(err);
	free(report);
	return ret;
}

/* ---- points ---------------------------------------------------------------- */

static struct kfc_point *add_point(struct sweep *sw, long nth, const char *cls,
				   const struct kfc_stack *stack)
{
	struct kfc_point *p;

	sw->pts = kfc_xrealloc(sw->pts, (sw->nr + 1) * sizeof(*sw->pts));
	p = &sw->pts[sw->nr];
	memset(p, 0, sizeof(*p));
	p->v = &kfc_verdict_none;
	p->id = (long)++sw->nr;
	p->nth = nth;
	p->cls = kfc_xstrdup(cls ? cls : "?");
	/* the counting run's report's stacks are kept for the sweep */
	if (stack && stack->shared)
		p->stack = *stack;
	else if (stack)
		kfc_stack_copy(&p->stack, stack);
	return p;
}

/*
 * Can the points name a call of one thread?  When calls came from more
 * than one thread and the user's spec does not pick threads itself: then
 * a process-wide number would name another call in each run.
 */
static bool thread_points(const struct sweep *sw, const struct kfc_report *r)
{
	static const char *const own[] = {
		"created=", "per_thread=", "stack_id=", "thread=",
		"thread_name="};
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strstr(sw->o.spec.s, own[i]))
			return false;
	for (i = 0; i < r->nr_calls; i++)
		if (r->calls[i].created != 1)
			return true;
	return false;
}

/* Threads told apart by creation order; the rest share slot 0. */
#define KFC_POINT_THREADS 65

/*
 * Stack mode: the first --occurrences calls of each distinct stack, of
 * each thread when the program has several (created=J, per_thread=1,
 * stack_id=ID, fail_nth=K: the same call in every run), ordered by thread
 * so that point ids do not depend on how the threads interleaved.
 */
static void stack_points(struct sweep *sw, const struct kfc_report *r)
{
	bool threads = thread_points(sw, r);
	long *seen = kfc_xcalloc((r->nr_stacks + 1) * KFC_POINT_THREADS,
				 sizeof(*seen));
	long n, pass, t;
	size_t i;

	/* threads 1, 2, ... 64, then 0: the unnumbered, process-wide */
	for (n = 0; n < (threads ? KFC_POINT_THREADS : 1); n++) {
		pass = threads ? (n + 1) % KFC_POINT_THREADS : 0;
		for (i = 0; i < r->nr_calls; i++) {
			const struct kfc_call *c = &r->calls[i];
			size_t k = c->stack >= 0 ? (size_t)c->stack + 1 : 0;
			const char *id = k ? r->stack_ids[k - 1] : "";
			struct kfc_point *p;
			long *count;

			t = threads && c->created > 0 &&
					    c->created < KFC_POINT_THREADS &&
					    *id
				    ? c->created
				    : 0;
			if (t != pass)
				continue;
			count = &seen[k * KFC_POINT_THREADS + t];
			if (++*count > sw->occurrences)
				continue;
			p = add_point(sw, c->n, c->cls, kfc_call_stack(r, c));
			if (!t)
				continue;
			p->created = t;
			p->occurrence = *count;
			p->stack_id = kfc_xstrdup(id);
		}
	}
	free(seen);
}

static int make_points(struct sweep *sw, const struct kfc_report *r)
{
	size_t i, first_pass;

	if (sw->mode == MODE_STACK && !r->has_calls) {
		kfc_warn("sweep: this libkfault.so does not record calls "
			 "(record=1), so stacks are unknown before the runs: "
			 "failing every call (--mode nth)");
		sw->mode = MODE_NTH;
	}
	/* A point per stack needs every stack: never sweep a part. */
	if (sw->mode == MODE_STACK && (r->calls_dropped || r->stacks_dropped)) {
		kfc_warn("sweep: the clean run made more eligible calls than "
			 "libkfault could record (%ld calls and %ld distinct "
			 "stacks not kept): stack mode would leave call sites "
			 "out; use --mode nth",
			 r->calls_dropped, r->stacks_dropped);
		return KFC_EXIT_USAGE;
	}
	if (sw->mode == MODE_NTH) {
		long total = r->eligible >= 0 ? r->eligible : r->sites_total;

		/* Calls past the shim's record buffer have no stack yet. */
		if ((long)r->nr_calls > total)
			total = (long)r->nr_calls;
		for (i = 0; i < (size_t)total; i++)
			add_point(sw, (long)i + 1,
				  i < r->nr_calls ? r->calls[i].cls : NULL,
				  i < r->nr_calls
					  ? kfc_call_stack(r, &r->calls[i])
					  : NULL);
	} else {
		stack_points(sw, r);
	}
	first_pass = sw->nr;
	for (i = 0; sw->keep_failing && i < first_pass; i++) {
		/* add_point moves the array: copy what it reads first */
		struct kfc_point first = sw->pts[i];

		/* process-wide: every call after it fails too */
		add_point(sw, first.nth, first.cls, &first.stack)->persist =
			true;
	}
	return 0;
}

/* What a function name in a spec may hold (a C name, a clone's suffix). */
#define KFC_SYMBOL_CHARS \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."

/*
 * The keys that make the user's rule fail @p's call.  A point of one
 * stack also names the stack's innermost function as the caller, unless
 * the user's rule has a caller= of its own: the shim then walks the stack
 * only of calls made from there, and the cost of a run does not grow
 * with the program's other call sites.
 */
static void point_keys(struct kfc_buf *b, const struct kfc_point *p,
		       const char *user)
{
	char fn[256];

	if (p->stack_id) {
		kfc_buf_printf(b,
			       "created=%ld,per_thread=1,stack_id=%s,"
			       "fail_nth=%ld",
			       p->created, p->stack_id, p->occurrence);
		if (p->stack.nr && !strstr(user, "caller=") &&
		    kfc_frame_func(p->stack.frames[0], fn, sizeof(fn))[0] &&
		    strspn(fn, KFC_SYMBOL_CHARS) == strlen(fn))
			kfc_buf_printf(b, ",caller=%s", fn);
	} else
		kfc_buf_printf(b, "fail_nth=%ld%s", p->nth,
			       p->persist ? ",probability=100,times=-1" : "");
}

/* Keep this shard's points only; ids stay the sweep's. */
static void keep_shard(struct sweep *sw)
{
	size_t i, n = 0;

	if (!sw->shard_n)
		return;
	for (i = 0; i < sw->nr; i++) {
		struct kfc_point *p = &sw->pts[i];

		if ((p->id - 1) % sw->shard_n == sw->shard_i - 1) {
			sw->pts[n++] = *p;
			continue;
		}
		free(p->cls);
		free(p->stack_id);
		kfc_stack_release(&p->stack);
	}
	sw->nr = n;
}

static void list_points(struct sweep *sw)
{
	struct kfc_buf b = {0};
	size_t i;

	for (i = 0; i < sw->nr; i++) {
		struct kfc_point *p = &sw->pts[i];

		kfc_point_resolve(p);
		b.len = 0;
		point_keys(&b, p, sw->o.spec.s);
		printf("%ld\t%s\t%s\t", p->id, b.s, p->cls);
		b.len = 0;
		kfc_point_stack_text(&b, p);
		printf("%s\n", b.s);
	}
	kfc_buf_release(&b);
}

/* ---- results ---------------------------------------------------------------- */

/* Write @s to the --json file now; a failure is said once, and counts. */
static void json_put(struct sweep *sw, const char *s)
{
	if (fputs(s, sw->json) != EOF && fflush(sw->json) == 0)
		return;
	if (!sw->json_failed)
		kfc_warn("%s: cannot write: %s; the results in it are "
			 "incomplete",
			 sw->json_out, strerror(errno));
	sw->json_failed = true;
}

static void write_point(struct sweep *sw, struct kfc_point *p)
{
	struct kfc_buf b = {0};

	kfc_point_resolve(p);
	kfc_results_point(&b, p);
	json_put(sw, b.s);
	kfc_buf_release(&b);
}

static void take_result(struct sweep *sw, const struct kfc_result *res)
{
	size_t i;

	for (i = 0; i < sw->nr; i++) {
		struct kfc_point *p = &sw->pts[i];

		if (!kfc_result_is_point(res, p))
			continue;
		kfc_result_verdict(p, res);
		p->resumed = true;
		sw->nr_done++;
		if (p->v->outcome != KFC_ok)
			sw->nr_bad++;
		return;
	}
}

/*
 * Write @path anew: the header, then the good lines of @rs, through a
 * temporary file renamed over it, so that a kill leaves one or the other.
 */
static int rewrite_results(struct sweep *sw, const char *path,
			   const struct kfc_results *rs)
{
	char *tmp = kfc_xasprintf("%s.XXXXXX", path);
	struct kfc_buf b = {0};
	size_t i;
	int fd, ret = -1;

	kfc_results_header(&b, &sw->id);
	for (i = 0; i < rs->nr; i++) {
		kfc_buf_puts(&b, rs->pts[i].raw);
		kfc_buf_puts(&b, "\n");
	}
	fd = mkstemp(tmp);
	if (fd < 0 || kfc_write_all(fd, b.s, b.len) || fsync(fd) || close(fd) ||
	    rename(tmp, path)) {
		kfc_warn("--resume %s: cannot repair it: %s", path,
			 strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	kfc_buf_release(&b);
	free(tmp);
	return ret;
}

/* Take the points a previous --json output already has. */
static int load_resume(struct sweep *sw)
{
	bool same = !sw->json_path || !strcmp(sw->json_path, sw->resume_path);
	struct kfc_results rs;
	size_t i;
	int ret = 0;

	if (kfc_results_read(&rs, sw->resume_path, &sw->id))
		return -1;
	for (i = 0; i < rs.nr; i++)
		take_result(sw, &rs.pts[i]);
	if (rs.broken)
		kfc_warn("--resume %s: %zu line%s cut short or not a result "
			 "(line %zu: %s): %s; their points run again",
			 sw->resume_path, rs.broken, rs.broken == 1 ? "" : "s",
			 rs.first_broken, rs.first_why,
			 same ? "dropped from the file" : "not copied");
	if (rs.dups)
		kfc_warn("--resume %s: %zu repeated line%s: %s",
			 sw->resume_path, rs.dups, rs.dups == 1 ? "" : "s",
			 same ? "kept once in the file" : "copied once");
	/* Appended to: it must be a header and whole lines only. */
	if (same && (rs.broken || rs.dups || !rs.header))
		ret = rewrite_results(sw, sw->resume_path, &rs);
	kfc_results_release(&rs);
	return ret;
}

static int open_json(struct sweep *sw)
{
	bool same = sw->resume_path &&
		    (!sw->json_path || !strcmp(sw->json_path, sw->resume_path));
	const char *path = same ? sw->resume_path : sw->json_path;
	struct kfc_buf b = {0};
	size_t i;

	if (!path)
		return 0;
	/* load_resume left it with its header and whole lines */
	sw->json = fopen(path, same ? "a" : "w");
	sw->json_out = path;
	if (!sw->json) {
		kfc_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	if (same)
		return 0;
	kfc_results_header(&b, &sw->id);
	json_put(sw, b.s);
	kfc_buf_release(&b);
	for (i = 0; i < sw->nr; i++)
		if (sw->pts[i].resumed)
			write_point(sw, &sw->pts[i]);
	/* Nothing can be kept: better not run at all. */
	return sw->json_failed ? -1 : 0;
}

/* ---- running --------------------------------------------------------------- */

static void progress(void *arg)
{
	struct sweep *sw = arg;
	const int width = 30;
	int fill;

	if (!sw->progress || !sw->nr)
		return;
	fill = (int)(width * sw->nr_done / sw->nr);
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu points, %zu not ok, %.0fs ", fill,
		"##############################", width - fill, "", sw->nr_done,
		sw->nr, sw->nr_bad, kfc_now() - sw->t0);
	fflush(stderr);
}

static void progress_clear(struct sweep *sw)
{
	if (sw->progress)
		fprintf(stderr, "\r%*s\r", 72, "");
}

/* --race: may another schedule of @p start? */
static bool more_schedules(const struct sweep *sw, const struct kfc_point *p)
{
	if (p->started >= sw->schedules)
		return false;
	return !sw->time_point || !p->started ||
	       kfc_now() < p->t0 + sw->time_point;
}

/* The spec of @p's runs (of its @schedule), the seed left out; malloc'ed. */
static char *point_spec(const struct sweep *sw, const struct kfc_point *p,
			long schedule)
{
	struct kfc_buf keys = {0};
	char *spec;

	point_keys(&keys, p, sw->o.spec.s);
	spec = kfc_spec_compose(
		sw->o.spec.s, keys.s,
		sw->race ? sw->race_rules[schedule % sw->nr_race_rules] : NULL);
	kfc_buf_release(&keys);
	return spec;
}

/* A run of the sweep: one point, and for --race one of its schedules. */
struct sweep_run {
	struct kfc_point *p;
	long schedule; /* from 0 */
	char *name; /* "point-3" or "point-3-s2": its files' names */
	int slot; /* the slot whose files it writes; -1: its own */
};

static struct sweep_run *new_run(struct kfc_point *p, bool race)
{
	struct sweep_run *run = kfc_xcalloc(1, sizeof(*run));

	run->p = p;
	run->slot = -1;
	run->schedule = race ? p->started : 0;
	run->name =
		race ? kfc_xasprintf("point-%ld-s%ld", p->id, run->schedule + 1)
		     : kfc_xasprintf(KFAULT_FORK_POINT "%ld", p->id);
	return run;
}

static void free_run(struct sweep *sw, struct sweep_run *run)
{
	if (run->slot >= 0)
		kfc_slot_put(sw->slots, run->slot);
	free(run->name);
	free(run);
}

/* @run's file @ext ("out", "err", "json"): where it writes. */
static char *run_file(const struct sweep *sw, const struct sweep_run *run,
		      const char *ext)
{
	if (run->slot < 0)
		return run_path(sw, run->name, ext);
	return kfc_slot_path(sw->slots, run->slot, ext);
}

/*
 * After its verdict, a slot's run: its files become its own (@keep), or
 * stay the slot's for the next run.  A forked run's files are its own
 * already.  1 when a slot's files became the run's own (its slot is free
 * again), 0 when nothing moved, -1 when a kept file could not be moved
 * (said).
 */
static int settle_files(struct sweep *sw, struct sweep_run *run, bool keep)
{
	if (run->slot < 0)
		return 0;
	if (!keep) {
		kfc_slot_unkept(sw->slots, run->name);
		return 0;
	}
	if (kfc_slot_keep(sw->slots, run->slot, run->name))
		return -1;
	kfc_slot_put(sw->slots, run->slot);
	run->slot = -1;
	return 1;
}

static int start_point(struct sweep *sw, struct kfc_pool *pool,
		       struct kfc_point *p)
{
	struct sweep_run *run = new_run(p, sw->race);
	char *report, *out, *err;
	char *spec = point_spec(sw, p, run->schedule), *full;
	struct kfc_launch l;
	int ret;

	if (!sw->slots)
		sw->slots = kfc_slots_new(sw->o.results, (int)sw->o.jobs);
	run->slot = kfc_slot_take(sw->slots);
	report = run_file(sw, run, "json");
	out = run_file(sw, run, "out");
	err = run_file(sw, run, "err");

	if (sw->race) {
		full = kfc_xasprintf("%s;seed=%llu", spec,
				     sw->seed + run->schedule);
		free(spec);
		spec = full;
		p->started++;
	}
	l = run_launch(sw, spec, report, out, err, sw->o.timeout);
	ret = run->slot >= 0 ? kfc_slot_prepare(sw->slots, run->slot, &l)
			     : kfc_remove_stale(report);
	if (!ret)
		ret = kfc_pool_start(pool, &l, run);
	if (ret)
		free_run(sw, run);
	else
		p->running = true;
	free(spec);
	free(err);
	free(out);
	free(report);
	return ret;
}

/* The point is judged: count it, write its line. */
static void point_done(struct sweep *sw, struct kfc_point *p)
{
	kfc_point_resolve(p);
	p->done = true;
	sw->nr_done++;
	if (p->v->outcome != KFC_ok)
		sw->nr_bad++;
	if (sw->json)
		write_point(sw, p);
	progress(sw);
}

/* --race, a schedule not ok: the point's verdict and its replay line. */
static void race_failed(struct sweep *sw, struct kfc_point *p,
			const struct sweep_run *run)
{
	char *spec = point_spec(sw, p, run->schedule);
	struct kfc_buf b = {0};

	p->seed = sw->seed + run->schedule;
	kfc_replay_line(&b, p->seed, false, spec, sw->o.timeout, &sw->o.expect,
			sw->o.argv);
	p->replay = b.s;
	free(spec);
}

/* Read and judge the files @run wrote. */
static void judge_run(struct sweep *sw, const struct sweep_run *run,
		      const struct kfc_proc *done, struct kfc_verdict *v,
		      struct kfc_report *r)
{
	char *report = run_file(sw, run, "json");
	char *err = run_file(sw, run, "err");
	const struct kfc_point *p = run->p;

	kfc_report_load(r, report);
	kfc_classify(v, done, err, r, &sw->o.expect,
		     p->stack.nr ? &p->stack : NULL);
	free(err);
	free(report);
}

static void finish_point(struct sweep *sw, const struct kfc_proc *done)
{
	struct sweep_run *run = done->data;
	struct kfc_point *p = run->p;
	struct kfc_verdict v;
	struct kfc_report r;
	bool keep;

	p->finished++;
	p->running = false;
	if (run->slot >= 0)
		kfc_slot_ended(sw->slots, run->slot);
	judge_run(sw, run, done, &v, &r);
	/*
	 * A forked run's files are its own, made by the server's child:
	 * they stay (removing them would make the next child's new ones
	 * slower to create, and wait for the disk's discard).
	 */
	keep = sw->keep_runs || v.outcome != KFC_ok || run->slot < 0;
	if (settle_files(sw, run, keep) > 0 && v.outcome != KFC_ok) {
		/* again, so that what the verdict says names its own files */
		kfc_report_release(&r);
		judge_run(sw, run, done, &v, &r);
	}
	/* --race: a schedule that ends after its point failed */
	if (p->done)
		goto out;
	p->v = kfc_verdict_keep(&v);
	p->seconds += done->elapsed;
	free(p->err_path);
	p->err_path = keep ? run_file(sw, run, "err") : NULL;
	if (v.outcome == KFC_nondeterministic && r.fault_stack.nr)
		kfc_stack_copy(&p->fault_stack, &r.fault_stack);
	/* Without recorded calls the point's stack is where the fault hit. */
	if (!p->stack.nr && r.fault_stack.nr) {
		kfc_stack_copy(&p->stack, &r.fault_stack);
		free(p->cls);
		p->cls = kfc_xstrdup(r.fault_cls);
	}
	if (!sw->race) {
		point_done(sw, p);
		goto out;
	}
	if (v.outcome != KFC_ok) {
		race_failed(sw, p, run);
		point_done(sw, p);
		goto out;
	}
	/* every schedule ok: ok; the point's own budget ends it too */
	if (p->finished == p->started &&
	    (sw->out_of_time || !more_schedules(sw, p)))
		point_done(sw, p);
out:
	kfc_report_release(&r);
	free_run(sw, run);
}

/* ---- fork servers ------------------------------------------------------------ */

/*
 * Why the points cannot go to fork servers, or NULL when they can: what
 * the runs of a point do before its call must not depend on the point.
 */
static const char *fork_refusal(const struct sweep *sw)
{
	static const char *const keys[] = {
		"delay",       "sched",	      "trace",	  "record",
		"fork",	       "fork_points", "fail_nth", "per_thread",
		"probability", "interval",    "times",	  "space"};
	const char *spec = sw->o.spec.s ? sw->o.spec.s : "";
	static char why[96];
	size_t i;

	if (sw->race)
		return "--race runs each point under its own delays";
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *k = spec;
		size_t n = strlen(keys[i]);

		/* the key at the start of an item */
		while ((k = strstr(k, keys[i]))) {
			if ((k == spec || strchr(",; \t\n", k[-1])) &&
			    k[n] == '=') {
				snprintf(why, sizeof(why),
					 "the spec sets %s=", keys[i]);
				return why;
			}
			k += n;
		}
	}
	if (strchr(sw->o.results, '\n'))
		return "the results directory's name has a newline";
	return NULL;
}

/* The server started with @data, or -1. */
static long server_of(const struct sweep *sw, const void *data)
{
	size_t i;

	for (i = 0; i < sw->nr_servers; i++)
		if (sw->servers[i] && sw->servers[i] == data)
			return (long)i;
	return -1;
}

static void finish_point(struct sweep *sw, const struct kfc_proc *done);

/* What a server's log said of one point. */
static void fork_result(void *arg, const struct kfc_fork_result *r)
{
	struct sweep *sw = arg;
	struct kfc_point *p = r->p;
	struct kfc_proc done = {0};

	p->server = NULL;
	sw->fork_said++;
	if (!r->forked) {
		p->anew_why = r->why;
		sw->rescan = true;
		return;
	}
	p->forked = true;
	done.status = r->status;
	done.timed_out = r->timed_out;
	done.elapsed = r->elapsed;
	done.data = new_run(p, false);
	finish_point(sw, &done);
}

/*
 * A server may take as long as a run, and as long as a point's run for
 * each point: its deadline moves on each time its log says something.
 */
static double server_deadline(const struct sweep *sw)
{
	return kfc_now() + 2 * (sw->o.timeout + KFC_KILL_GRACE) + 1;
}

/* Read the running servers' logs (every tick). */
static void read_servers(struct sweep *sw, struct kfc_pool *pool)
{
	size_t i, before;

	for (i = 0; i < sw->nr_servers; i++) {
		if (!sw->servers[i])
			continue;
		before = sw->fork_said;
		kfc_fork_server_read(sw->servers[i], false, fork_result, sw);
		if (sw->fork_said != before)
			kfc_pool_set_deadline(pool, sw->servers[i],
					      server_deadline(sw));
		/* --time spent: the server stops where it is */
		if (sw->deadline && kfc_now() >= sw->deadline)
			kfc_pool_set_deadline(pool, sw->servers[i], kfc_now());
	}
}

static void tick(void *arg)
{
	struct sweep *sw = arg;
	struct kfc_pool *pool = sw->pool;

	read_servers(sw, pool);
	progress(sw);
}

/* A server ended: the rest of its points run anew. */
static void server_ended(struct sweep *sw, size_t i,
			 const struct kfc_proc *done)
{
	struct kfc_fork_server *s = sw->servers[i];
	char *err;

	sw->servers[i] = NULL;
	if (WIFEXITED(done->status) &&
	    WEXITSTATUS(done->status) == KFAULT_EXIT_SPEC &&
	    !sw->fork_refused) {
		sw->fork_refused = true;
		err = kfc_xasprintf("%s/fork-%zu.err", sw->o.results, i + 1);
		progress_clear(sw);
		kfc_warn("sweep: the fork server refused its spec (see %s); "
			 "its points run anew",
			 err);
		free(err);
	}
	kfc_fork_server_read(s, true, fork_result, sw);
	kfc_fork_server_release(s);
}

/* An absolute path to the results directory (the program may chdir). */
static char *results_abs(const struct sweep *sw)
{
	char *cwd;
	char *abs;

	if (sw->o.results[0] == '/')
		return kfc_xstrdup(sw->o.results);
	cwd = getcwd(NULL, 0);
	if (!cwd)
		return NULL;
	abs = kfc_xasprintf("%s/%s", cwd, sw->o.results);
	free(cwd);
	return abs;
}

/* Start a server for every point not done yet, jobs of them at most. */
static int start_servers(struct sweep *sw, struct kfc_pool *pool)
{
	struct kfc_point **todo = kfc_xcalloc(sw->nr, sizeof(*todo));
	struct kfc_point **mine = kfc_xcalloc(sw->nr, sizeof(*mine));
	char *dir = results_abs(sw), *spec, *report, *out, *err, *name;
	size_t i, n = 0, k, nr;
	struct kfc_launch l = {0};
	int ret = 0;

	for (i = 0; i < sw->nr; i++)
		if (!sw->pts[i].done)
			todo[n++] = &sw->pts[i];
	sw->nr_servers = n < (size_t)sw->o.jobs ? n : (size_t)sw->o.jobs;
	sw->servers = kfc_xcalloc(sw->nr_servers + 1, sizeof(*sw->servers));
	spec = kfc_spec_compose(sw->o.spec.s, "fork=1", NULL);
	for (k = 0; dir && k < sw->nr_servers; k++) {
		/* each takes every nr_servers-th point, so all go as far */
		for (nr = 0, i = k; i < n; i += sw->nr_servers)
			mine[nr++] = todo[i];
		sw->servers[k] = kfc_fork_server_new(dir, (int)k + 1, mine, nr,
						     sw->o.timeout);
		if (!sw->servers[k]) {
			ret = -1;
			break;
		}
		name = kfc_xasprintf("fork-%zu", k + 1);
		report = run_path(sw, name, "json");
		out = run_path(sw, name, "out");
		err = run_path(sw, name, "err");
		/* no timeout of its own: its deadline moves (server_deadline) */
		l = run_launch(sw, spec, report, out, err, 0);
		l.fork_points = kfc_fork_server_points(sw->servers[k]);
		if (kfc_remove_stale(report) ||
		    kfc_pool_start(pool, &l, sw->servers[k])) {
			kfc_fork_server_release(sw->servers[k]);
			sw->servers[k] = NULL;
			ret = -1;
		} else {
			kfc_pool_set_deadline(pool, sw->servers[k],
					      server_deadline(sw));
			for (i = 0; i < nr; i++)
				mine[i]->server = sw->servers[k];
		}
		free(name);
		free(report);
		free(out);
		free(err);
		if (ret)
			break;
	}
	if (!dir)
		kfc_warn("sweep: cannot tell where %s is: %s", sw->o.results,
			 strerror(errno));
	free(spec);
	free(dir);
	free(mine);
	free(todo);
	return dir ? ret : -1;
}

/* Returns the signal that interrupted the sweep, or 0. */
static int run_points(struct sweep *sw)
{
	struct kfc_pool pool;
	struct kfc_proc done;
	size_t next = 0;
	long s;
	int sig;

	kfc_pool_init(&pool, sw->o.jobs);
	sw->pool = &pool;
	pool.tick = tick;
	pool.tick_arg = sw;
	if (sw->fork && start_servers(sw, &pool))
		pool.interrupted = SIGTERM;
	for (;;) {
		if (sw->rescan) {
			sw->rescan = false;
			next = 0;
		}
		while (!pool.interrupted && !kfc_pool_full(&pool) &&
		       next < sw->nr) {
			struct kfc_point *p = &sw->pts[next];

			if (sw->deadline && kfc_now() >= sw->deadline) {
				sw->out_of_time = true;
				next = sw->nr;
				break;
			}
			if (p->done || p->server || (!sw->race && p->running) ||
			    (sw->race && !more_schedules(sw, p))) {
				next++;
				continue;
			}
			if (!p->started)
				p->t0 = kfc_now();
			if (start_point(sw, &pool, p) < 0) {
				pool.interrupted = SIGTERM;
				break;
			}
			if (!sw->race)
				next++;
		}
		if (kfc_pool_wait(&pool, &done)) {
			s = server_of(sw, done.data);
			if (s >= 0)
				server_ended(sw, (size_t)s, &done);
			else
				finish_point(sw, &done);
			continue;
		}
		if (pool.interrupted || (next >= sw->nr && !sw->rescan))
			break;
	}
	sig = pool.interrupted;
	kfc_pool_release(&pool);
	sw->pool = NULL;
	kfc_slots_free(sw->slots);
	sw->slots = NULL;
	for (s = 0; s < (long)sw->nr_servers; s++)
		kfc_fork_server_release(sw->servers[s]);
	free(sw->servers);
	sw->servers = NULL;
	return sig;
}

static void release_points(struct sweep *sw)
{
	size_t i;

	for (i = 0; i < sw->nr; i++) {
		free(sw->pts[i].cls);
		free(sw->pts[i].err_path);
		free(sw->pts[i].stack_id);
		free(sw->pts[i].replay);
		kfc_srcstack_release(&sw->pts[i].src);
		kfc_stack_release(&sw->pts[i].stack);
		kfc_stack_release(&sw->pts[i].fault_stack);
	}
	free(sw->pts);
	kfc_report_release(&sw->count);
}

static int sweep_prepare(struct sweep *sw)
{
	struct kfc_report *r = &sw->count;
	struct kfc_pool pool;
	int ret;

	if (kfc_results_dir(sw->o.results) < 0)
		return KFC_EXIT_USAGE;
	if (sw->coverage) {
		/* Default: the program's own directory, and below. */
		char *prog = kfc_which(sw->o.argv[0]), *slash;
		char *dir = kfc_xstrdup(prog ? prog : sw->o.argv[0]);

		slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		sw->cov = kfc_coverage_start(sw->coverage_dir
						     ?: (slash ? dir : "."));
		free(dir);
		free(prog);
	}
	kfc_pool_init(&pool, 1);
	ret = count_calls(sw, &pool, r);
	if (sw->cov)
		kfc_coverage_clean_done(sw->cov);
	if (pool.interrupted)
		ret = KFC_EXIT_FOUND;
	kfc_pool_release(&pool);
	if (ret)
		goto out;
	ret = make_points(sw, r);
	if (ret)
		goto out;
	if (!sw->list)
		fprintf(stderr,
			"kfault sweep: the clean run made %zu eligible "
			"call%s; %zu point%s (%s mode%s%s)%s, %s\n",
			r->has_calls ? r->nr_calls : (size_t)sw->nr,
			(r->has_calls ? r->nr_calls : sw->nr) == 1 ? "" : "s",
			sw->nr, sw->nr == 1 ? "" : "s", mode_names[sw->mode],
			sw->occurrences > 1 ? ", more than one call per stack"
					    : "",
			sw->keep_failing ? ", with a keep-failing pass" : "",
			sw->race ? ", each under delay schedules" : "",
			sw->fork ? "forked by fork servers"
				 : "a run of its own each");
	sw->id.points = (long)sw->nr;
	sw->id.shard_i = sw->shard_i;
	sw->id.shard_n = sw->shard_n;
	keep_shard(sw);
out:
	return ret;
}

/* The --race options need --race; fill in their defaults.  0 or -1. */
static int race_options_check(struct sweep *sw)
{
	if (!sw->occurrences)
		sw->occurrences = 1;
	if (sw->occurrences > 1 && sw->mode != MODE_STACK) {
		kfc_usage_error("sweep", "--occurrences: only in stack mode "
					 "(nth mode has every call)");
		return -1;
	}
	if (!sw->race &&
	    (sw->schedules || sw->race_spec || sw->time_point || sw->seed)) {
		kfc_usage_error("sweep", "--%s: only with --race",
				sw->schedules	 ? "schedules"
				: sw->race_spec	 ? "race-spec"
				: sw->time_point ? "point-time"
						 : "seed");
		return -1;
	}
	if (!sw->race)
		return 0;
	if (strstr(sw->o.spec.s, "seed=") || strstr(sw->o.spec.s, "delay=")) {
		kfc_usage_error("sweep",
				"--race: the seed comes from --seed and the "
				"delays from --race-spec, not --spec");
		return -1;
	}
	if (!sw->schedules)
		sw->schedules = 16;
	if (!sw->seed)
		sw->seed = 1;
	if (sw->race_spec) {
		sw->race_rules = &sw->race_spec;
		sw->nr_race_rules = 1;
	} else {
		sw->race_rules = kfc_sweep_race_rules;
		sw->nr_race_rules = sizeof(kfc_sweep_race_rules) /
				    sizeof(kfc_sweep_race_rules[0]);
	}
	kfc_warn_unsanitized("sweep --race", sw->o.argv[0]);
	return 0;
}

/*
 * The mode as the --json header keeps it: a --race sweep's results are
 * only those of the same schedules.
 */
static char *sweep_mode_id(const struct sweep *sw)
{
	struct kfc_buf b = {0};
	size_t i;

	kfc_buf_puts(&b, mode_names[sw->mode]);
	if (sw->occurrences > 1)
		kfc_buf_printf(&b, ",occurrences=%ld", sw->occurrences);
	if (!sw->race)
		return b.s;
	kfc_buf_printf(&b, ",race,schedules=%ld,seed=%llu", sw->schedules,
		       sw->seed);
	for (i = 0; i < sw->nr_race_rules; i++)
		kfc_buf_printf(&b, "%s%s", i ? " / " : ",", sw->race_rules[i]);
	return b.s;
}

/*
 * How the points ran, a line above the table's last: "fork servers: 40
 * forked, 2 run anew (other threads ran at the call)".
 */
static char *runs_label(const struct sweep *sw)
{
	size_t i, forked = 0, anew = 0;
	const char *why = NULL;
	bool whys = false; /* more than one reason */
	struct kfc_buf b = {0};

	kfc_buf_add(&b, "", 0);
	for (i = 0; i < sw->nr; i++) {
		const struct kfc_point *p = &sw->pts[i];

		if (!p->done || p->resumed)
			continue;
		if (p->forked) {
			forked++;
		} else if (p->anew_why) {
			anew++;
			whys |= why && strcmp(why, p->anew_why);
			why = why ? why : p->anew_why;
		}
	}
	if (!sw->fork) {
		kfc_buf_puts(&b, "a run per point");
		if (sw->exec_why)
			kfc_buf_printf(&b, " (not forked: %s)", sw->exec_why);
		return b.s;
	}
	kfc_buf_printf(&b, "fork servers: %zu forked", forked);
	if (anew)
		kfc_buf_printf(&b, ", %zu run anew (%s%s)", anew, why,
			       whys ? "; and other reasons" : "");
	return b.s;
}

int kfc_cmd_sweep(int argc, char **argv)
{
	static const struct option own[] = {
		{"mode", required_argument, NULL, OPT_MODE},
		{"keep-failing", no_argument, NULL, OPT_KEEP},
		{"json", required_argument, NULL, OPT_JSON},
		{"junit", required_argument, NULL, OPT_JUNIT},
		{"resume", required_argument, NULL, OPT_RESUME},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"list", no_argument, NULL, OPT_LIST},
		{"coverage", optional_argument, NULL, OPT_COVERAGE},
		{"occurrences", required_argument, NULL, OPT_OCCURRENCES},
		{"race", no_argument, NULL, OPT_RACE},
		{"schedules", required_argument, NULL, OPT_SCHEDULES},
		{"seed", required_argument, NULL, OPT_SEED},
		{"race-spec", required_argument, NULL, OPT_RACE_SPEC},
		{"time", required_argument, NULL, OPT_TIME},
		{"point-time", required_argument, NULL, OPT_POINT_TIME},
		{"fork", no_argument, NULL, OPT_FORK},
		{"exec", no_argument, NULL, OPT_EXEC},
		{"keep-runs", no_argument, NULL, OPT_KEEP_RUNS},
		{0},
	};
	struct sweep sw = {0};
	char *label, *runs;
	int ret, sig;
	size_t i;

	ret = kfc_opts_parse(&sw.o, argc, argv, own, NULL, sweep_option, &sw,
			     "sweep");
	if (ret == 'h') {
		printf("%s\n%s", sweep_help, kfc_common_help);
		ret = KFC_EXIT_OK;
		goto out;
	}
	if (!ret && sw.o.fault_knobs) {
		kfc_usage_error("sweep",
				"--%s: the sweep sets the fault knobs "
				"itself",
				sw.o.fault_knobs);
		ret = -1;
	}
	if (!ret)
		ret = race_options_check(&sw);
	if (ret < 0) {
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	if (sw.o.timeout <= 0)
		sw.o.timeout = 60;
	sw.lib = kfc_find_lib();
	if (!sw.lib) {
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	if (sw.runs == RUNS_FORK ||
	    (sw.runs == RUNS_DEFAULT && RUNS_DEFAULT_FORK)) {
		sw.exec_why = fork_refusal(&sw);
		sw.fork = !sw.exec_why;
		if (sw.exec_why && sw.runs == RUNS_FORK)
			kfc_warn("sweep: --fork: %s: each point runs anew",
				 sw.exec_why);
	}
	ret = sweep_prepare(&sw);
	if (ret)
		goto out;
	if (sw.list) {
		list_points(&sw);
		goto out;
	}
	sw.id.argv = sw.o.argv;
	sw.id.spec = sw.o.spec.s;
	sw.id.mode = sweep_mode_id(&sw);
	sw.id.keep_failing = sw.keep_failing;
	sw.id.runs = sw.fork ? "fork" : "exec";
	kfc_program_id(sw.o.argv[0], &sw.id.program, &sw.id.program_hash);
	if ((sw.resume_path && load_resume(&sw)) || open_json(&sw)) {
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	/* Opened now: a file that cannot be written stops the sweep now. */
	if (sw.junit_path && !(sw.junit = fopen(sw.junit_path, "w"))) {
		kfc_warn("--junit %s: %s", sw.junit_path, strerror(errno));
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	sw.t0 = kfc_now();
	if (sw.time_all)
		sw.deadline = sw.t0 + sw.time_all;
	sw.progress = !sw.o.quiet && isatty(2);
	sig = run_points(&sw);
	progress_clear(&sw);
	for (i = 0; i < sw.nr; i++)
		kfc_point_resolve(&sw.pts[i]);
	label = sw.race ? kfc_xasprintf("%s mode, %ld schedules each",
					mode_names[sw.mode], sw.schedules)
			: kfc_xasprintf("%s mode", mode_names[sw.mode]);
	runs = runs_label(&sw);
	kfc_table_print(stdout, sw.pts, sw.nr, label, runs);
	free(runs);
	free(label);
	if (sw.out_of_time)
		fprintf(stderr,
			"kfault sweep: --time %g spent: %zu of %zu points "
			"done%s%s\n",
			sw.time_all, sw.nr_done, sw.nr,
			sw.json ? "; continue with --resume " : "",
			sw.json ? (sw.resume_path ?: sw.json_path) : "");
	if (sig)
		fprintf(stderr,
			"kfault sweep: interrupted (%s): %zu of %zu points "
			"done%s%s\n",
			strsignal(sig), sw.nr_done, sw.nr,
			sw.json ? "; continue with --resume " : "",
			sw.json ? (sw.resume_path ?: sw.json_path) : "");
	ret = !sig && sw.nr_bad == 0 && sw.nr_done == sw.nr ? KFC_EXIT_OK
							    : KFC_EXIT_FOUND;
	if (sw.cov) {
		char *html = kfc_xasprintf("%s/coverage", sw.o.results);

		fflush(stdout);
		if (kfc_coverage_finish(sw.cov, stdout, html) < 0)
			ret = KFC_EXIT_USAGE;
		free(html);
	}
	if (sw.junit) {
		if (kfc_junit_write(sw.junit, sw.pts, sw.nr, sw.o.argv) < 0) {
			kfc_warn("%s: cannot write: %s", sw.junit_path,
				 strerror(errno));
			ret = KFC_EXIT_USAGE;
		}
		sw.junit = NULL;
	}
	if (sw.json && fclose(sw.json) && !sw.json_failed) {
		kfc_warn("%s: cannot write: %s; the results in it are "
			 "incomplete",
			 sw.json_out, strerror(errno));
		sw.json_failed = true;
	}
	sw.json = NULL;
	/* What the sweep found is not all where it was asked to go. */
	if (sw.json_failed)
		ret = KFC_EXIT_USAGE;
out:
	if (sw.json)
		fclose(sw.json);
	if (sw.junit)
		fclose(sw.junit);
	/* argv and spec are borrowed */
	free(sw.id.mode);
	free(sw.id.program);
	free(sw.id.program_hash);
	release_points(&sw);
	kfc_coverage_release(sw.cov);
	kfc_opts_release(&sw.o);
	kfc_source_release();
	kfc_debuginfo_release();
	return ret;
}
