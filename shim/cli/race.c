// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault race and kfault replay.
 *
 * race reruns PROG under the shim's delay injection, a new seed each
 * run (seed, seed+1, ...), in parallel slots, until one run fails or the
 * budget (--runs, --time) is spent; it prints what failed and the replay
 * command for that seed.  The shim derives every thread's delay stream
 * and the PCT change points from the seed, so a replay runs the same
 * schedule again; thread timing outside the shim's control still
 * varies, hence replay --runs.  With --sched the shim's scheduler runs
 * one thread at a time instead of delaying them (sched= in the spec):
 * the schedule is the seed's, and so is the run.
 *
 * replay --sched list:SWITCHES replays a schedule given as its switches
 * off the scheduler's default order, and replay --minimize shrinks the
 * switches of a failing scheduled run to the fewest that still fail the
 * same way (ddmin, minimize.c), then tells the interleaving (story.c).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/*
 * Used when the spec names no delay= of its own: a rule of its own, after
 * the user's rules, which stay as written (a fault rule stays one).
 */
#define KFC_RACE_DEFAULT_DELAY "delay=sleep:0-500us,probability=20"

static const char race_help[] =
	"Usage: kfault race [options] -- PROG [ARGS...]\n"
	"Run PROG again and again, each run with a new seed for the delay\n"
	"schedule, until a run fails (exit status, signal, sanitizer report,\n"
	"WARN/BUG, leak, timeout) or the budget ends.  Prints the failure and\n"
	"the kfault replay command that reruns its schedule.  Exits 1 when\n"
	"something was found, 0 when not.\n\n"
	"  --time S             budget in seconds (default 60 without --runs)\n"
	"  --runs N             budget in runs\n"
	"  --seed S             first seed (default: from the clock)\n"
	"  --no-delay           inject no delays (a baseline to compare with)\n"
	"  --sched random|pct   run one thread at a time, the seed choosing\n"
	"                       which (sched=): no delays\n"
	"  --depth D            PCT's depth, 1..16 (default 3)\n"
	"  without --delay, --sched or a delay= in --spec:\n"
	"                       " KFC_RACE_DEFAULT_DELAY "\n";

static const char replay_help[] =
	"Usage: kfault replay --seed S [options] -- PROG [ARGS...]\n"
	"       kfault replay S [options] -- PROG [ARGS...]\n"
	"Run PROG with the delay schedule of seed S, as kfault race printed\n"
	"it.  Exits 1 when the run fails, 0 when it does not.\n\n"
	"  --seed S             the seed\n"
	"  --runs N             try up to N times, stop at the first failure\n"
	"                       (--minimize: at most N runs, default 200)\n"
	"  --no-delay           as kfault race --no-delay\n"
	"  --sched random|pct, --depth D   as kfault race\n"
	"  --sched list:SWITCHES\n"
	"                       the scheduler's default order with these\n"
	"                       switches, tTHREAD@STEP/... (as --minimize\n"
	"                       prints them)\n"
	"  --minimize           shrink the failing schedule to the fewest\n"
	"                       switches that fail the same way, and tell\n"
	"                       the interleaving in source terms\n";

enum {
	OPT_TIME = 0x200,
	OPT_RUNS,
	OPT_SEED,
	OPT_NO_DELAY,
	OPT_SCHED,
	OPT_DEPTH,
	OPT_MINIMIZE
};

/* PCT's depth when --sched pct comes without --depth */
#define KFC_RACE_DEFAULT_DEPTH 3

struct race {
	struct kfc_opts o;
	const char *cmd;
	double time;
	long runs;
	unsigned long long seed;
	bool seed_given;
	bool no_delay;
	const char *sched; /* --sched: "random", "pct", "list"; NULL */
	long depth; /* --depth; 0: not given */
	char *list; /* --sched list:SWITCHES (replay) */
	bool minimize; /* replay --minimize */
	const char *extra; /* more of the shim's global keys, or NULL */
	bool exact; /* the last judged run was scheduled, and exact */
	char *rules; /* the user's rules and, when added, the default delay */
	const char *lib;
	bool not_kstub; /* the failed run's shim never ran */
	bool never_ran; /* the spec was refused, or PROG did not start */
};

static int race_option(int c, const char *arg, void *ctx)
{
	struct race *rc = ctx;
	int err;

	switch (c) {
	case OPT_TIME:
		if (kfc_parse_double(arg, &rc->time) || rc->time <= 0 ||
		    rc->time > 1e9) {
			kfc_usage_error(rc->cmd,
					"--time: '%s' is not seconds (more "
					"than 0)",
					arg);
			return -1;
		}
		return 1;
	case OPT_RUNS:
		if (kfc_parse_long(arg, &rc->runs) || rc->runs < 1) {
			kfc_usage_error(rc->cmd, "--runs: '%s' is not a count",
					arg);
			return -1;
		}
		return 1;
	case OPT_SEED:
		err = kfc_parse_ull(arg, &rc->seed);
		if (err == -ERANGE) {
			kfc_usage_error(
				rc->cmd,
				"--seed: '%s' is out of range (0..%llu)", arg,
				ULLONG_MAX);
			return -1;
		}
		if (err) {
			kfc_usage_error(rc->cmd, "--seed: '%s' is not a number",
					arg);
			return -1;
		}
		rc->seed_given = true;
		return 1;
	case OPT_NO_DELAY:
		rc->no_delay = true;
		return 1;
	case OPT_SCHED:
		if (!strncmp(arg, "list:", 5) && strcmp(rc->cmd, "replay")) {
			kfc_usage_error(rc->cmd,
					"--sched list: is one schedule: run it "
					"with kfault replay");
			return -1;
		}
		if (!strncmp(arg, "list:", 5)) {
			struct kfc_switch *v;
			size_t n;

			if (kfc_switches_parse(arg + 5, &v, &n)) {
				kfc_usage_error(
					rc->cmd,
					"--sched: '%s' is not a list of "
					"switches (tTHREAD@STEP/..., "
					"steps going up)",
					arg + 5);
				return -1;
			}
			free(v);
			free(rc->list);
			rc->list = kfc_xstrdup(arg + 5);
			rc->sched = "list";
			return 1;
		}
		if (strcmp(arg, "random") && strcmp(arg, "pct")) {
			kfc_usage_error(
				rc->cmd,
				"--sched: '%s' is not a policy (random, "
				"pct%s)",
				arg,
				strcmp(rc->cmd, "replay") ? "" : ", list:...");
			return -1;
		}
		rc->sched = arg;
		return 1;
	case OPT_MINIMIZE:
		if (strcmp(rc->cmd, "replay")) {
			kfc_usage_error(rc->cmd, "--minimize is kfault "
						 "replay's");
			return -1;
		}
		rc->minimize = true;
		return 1;
	case OPT_DEPTH:
		if (kfc_parse_long(arg, &rc->depth) || rc->depth < 1 ||
		    rc->depth > 16) {
			kfc_usage_error(rc->cmd,
					"--depth: '%s' is not a depth (1..16)",
					arg);
			return -1;
		}
		return 1;
	}
	return 0;
}

static const struct option race_options[] = {
	{"time", required_argument, NULL, OPT_TIME},
	{"runs", required_argument, NULL, OPT_RUNS},
	{"seed", required_argument, NULL, OPT_SEED},
	{"no-delay", no_argument, NULL, OPT_NO_DELAY},
	{"sched", required_argument, NULL, OPT_SCHED},
	{"depth", required_argument, NULL, OPT_DEPTH},
	{"minimize", no_argument, NULL, OPT_MINIMIZE},
	{0},
};

/* Said before the first run: see cli.h. */
void kfc_warn_unsanitized(const char *cmd, const char *prog)
{
	static const char *const runtimes[] = {"__asan_init", "__tsan_init",
					       NULL};
	char *path = kfc_which(prog);

	if (path && kfc_elf_names(path, runtimes) == 0)
		fprintf(stderr,
			"kfault %s: %s is built without AddressSanitizer or "
			"ThreadSanitizer: a use-after-free or a data race "
			"that a schedule opens goes unseen unless it "
			"crashes, hangs or trips a WARN; build it with "
			"-fsanitize=address or -fsanitize=thread\n",
			cmd, prog);
	free(path);
}

/* --sched and --depth against each other and the spec; -1: said why. */
static int race_check_sched(const struct race *rc)
{
	if (strstr(rc->o.spec.s, "sched=")) {
		kfc_usage_error(rc->cmd, "give the scheduler with --sched, "
					 "not in the spec");
		return -1;
	}
	if (rc->depth && (!rc->sched || strcmp(rc->sched, "pct"))) {
		kfc_usage_error(rc->cmd, "--depth is PCT's: it needs --sched "
					 "pct");
		return -1;
	}
	if (rc->sched && strstr(rc->o.spec.s, "delay=")) {
		kfc_usage_error(rc->cmd,
				"--sched and a delay= spec contradict each "
				"other: the scheduler decides who runs");
		return -1;
	}
	return 0;
}

/* Parse; 0 to go on, else the command's exit status. */
static int race_setup(struct race *rc, int argc, char **argv, const char *help)
{
	int ret = kfc_opts_parse(&rc->o, argc, argv, race_options, NULL,
				 race_option, rc, rc->cmd);

	if (ret == 'h') {
		printf("%s\n%s", help, kfc_common_help);
		return KFC_EXIT_OK;
	}
	if (!ret && rc->o.fault_knobs) {
		kfc_usage_error(rc->cmd, "--%s: %s injects delays, not faults",
				rc->o.fault_knobs, rc->cmd);
		ret = -1;
	}
	if (!ret && strstr(rc->o.spec.s, "seed=")) {
		kfc_usage_error(rc->cmd, "give the seed with --seed, not in "
					 "the spec");
		ret = -1;
	}
	if (!ret && rc->no_delay && strstr(rc->o.spec.s, "delay=")) {
		kfc_usage_error(rc->cmd, "--no-delay and a delay= spec "
					 "contradict each other");
		ret = -1;
	}
	ret = ret ? ret : race_check_sched(rc);
	if (ret < 0)
		return KFC_EXIT_USAGE;
	if (rc->sched && !strcmp(rc->sched, "pct") && !rc->depth)
		rc->depth = KFC_RACE_DEFAULT_DEPTH;
	/* Under the scheduler no delay: it decides who runs, not time. */
	if (!rc->no_delay && !rc->sched && !strstr(rc->o.spec.s, "delay="))
		rc->rules = kfc_spec_compose(rc->o.spec.s, NULL,
					     KFC_RACE_DEFAULT_DELAY);
	else
		rc->rules = kfc_xstrdup(rc->o.spec.s);
	if (rc->o.timeout <= 0)
		rc->o.timeout = 60;
	kfc_expect_default(&rc->o.expect, 0);
	rc->lib = kfc_find_lib();
	if (!rc->lib)
		return KFC_EXIT_USAGE;
	if (kfc_results_dir(rc->o.results) < 0)
		return KFC_EXIT_USAGE;
	kfc_warn_unsanitized(rc->cmd, rc->o.argv[0]);
	return 0;
}

static void race_release(struct race *rc)
{
	free(rc->list);
	free(rc->rules);
	kfc_opts_release(&rc->o);
}

static char *seed_path(const struct race *rc, unsigned long long seed,
		       const char *ext)
{
	return kfc_xasprintf("%s/%s-%llu.%s", rc->o.results, rc->cmd, seed,
			     ext);
}

/*
 * The list of --sched list: (or --minimize's) for the spec: inline when
 * short, else in a file of the run's (a spec holds 4 KiB).  NULL when the
 * file could not be made (said why).
 */
static char *list_value(const struct race *rc, unsigned long long seed)
{
	char *path;
	int fd, err;

	if (strlen(rc->list) < 1024)
		return kfc_xstrdup(rc->list);
	path = seed_path(rc, seed, "list");
	fd = kfc_create_run_file(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	err = kfc_write_all(fd, rc->list, strlen(rc->list));
	if (close(fd) || err) {
		kfc_warn("cannot write %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	return kfc_xasprintf("@%s", path);
}

/* The shim's global keys of the run of @seed; NULL: could not. */
static char *run_globals(const struct race *rc, unsigned long long seed)
{
	struct kfc_buf b = {0};
	char *list;

	kfc_buf_printf(&b, "seed=%llu", seed);
	if (rc->list) {
		list = list_value(rc, seed);
		if (!list) {
			kfc_buf_release(&b);
			return NULL;
		}
		kfc_buf_printf(&b, ",sched=list:%s", list);
		free(list);
	} else if (rc->depth) {
		kfc_buf_printf(&b, ",sched=pct:%ld", rc->depth);
	} else if (rc->sched) {
		kfc_buf_printf(&b, ",sched=%s", rc->sched);
	}
	if (rc->extra)
		kfc_buf_printf(&b, ",%s", rc->extra);
	return b.s;
}

static int start_seed(struct race *rc, struct kfc_pool *pool,
		      unsigned long long seed)
{
	char *report = seed_path(rc, seed, "json");
	char *out = seed_path(rc, seed, "out");
	char *err = seed_path(rc, seed, "err");
	char *globals = run_globals(rc, seed);
	char *spec =
		globals ? kfc_spec_compose(rc->rules, NULL, globals) : NULL;
	struct kfc_launch l = {
		.argv = rc->o.argv,
		.spec = spec,
		.report = report,
		.lib = rc->lib,
		.out_path = out,
		.err_path = err,
		.timeout = rc->o.timeout,
	};
	int ret;

	ret = spec ? kfc_remove_stale(report) : -1;
	if (!ret)
		ret = kfc_pool_start(pool, &l, (void *)(uintptr_t)seed);
	free(spec);
	free(globals);
	free(err);
	free(out);
	free(report);
	return ret;
}

/* Classify a run; remove its files when it passed. */
static void judge_seed(struct race *rc, const struct kfc_proc *done,
		       struct kfc_verdict *v)
{
	unsigned long long seed = (uintptr_t)done->data;
	char *report = seed_path(rc, seed, "json");
	char *out = seed_path(rc, seed, "out");
	char *err = seed_path(rc, seed, "err");
	struct kfc_report r;

	kfc_report_load(&r, report);
	kfc_classify(v, done, err, &r, &rc->o.expect, NULL);
	rc->not_kstub = kfc_not_kstub(v, &r);
	rc->exact = r.sched && r.sched_exact;
	rc->never_ran = kfc_never_ran(v);
	if (rc->never_ran) {
		/* what the shim or exec said, then a usage error */
		fflush(stderr);
		kfc_show_file(stderr, err, 4096, 4096);
		if (v->exit == KFAULT_EXIT_SPEC)
			kfc_usage_error(rc->cmd,
					"libkfault refused the spec (its "
					"message is above): nothing was run");
		else
			kfc_usage_error(rc->cmd,
					"%s could not be started (see above)",
					rc->o.argv[0]);
	}
	if (v->outcome == KFC_ok) {
		char *list = seed_path(rc, seed, "list");

		unlink(report);
		unlink(out);
		unlink(err);
		unlink(list);
		free(list);
	}
	kfc_report_release(&r);
	free(err);
	free(out);
	free(report);
}

/*
 * Attempts the printed replay makes.  The seed fixes every delay and PCT
 * change point, not the threads' own timing, so one run of a found
 * schedule reproduces a narrow race only some of the time (B4's walk:
 * about 1 in 5); replay stops at the first failure.  A run the scheduler
 * made exact is the seed's alone: one attempt.
 */
#define KFC_REPLAY_RUNS 20

/* The runs --minimize may make, without --runs. */
#define KFC_MINIMIZE_RUNS 200

/*
 * The steps on either side of each hand-over the minimized run's story is
 * told from (sched_log=): story.c shows two.
 */
#define KFC_STORY_STEPS 8

/*
 * kfc_replay_line(), and the scheduler's flags (@sched NULL: none; "list"
 * with @list); @runs attempts.
 */
static void replay_line(struct kfc_buf *b, unsigned long long seed, int runs,
			bool no_delay, const char *sched, const char *list,
			long depth, const char *spec, double timeout,
			const struct kfc_expect *expect, char *const *argv)
{
	size_t i;

	kfc_buf_printf(b, "kfault replay --seed %llu --runs %d", seed, runs);
	if (sched && list)
		kfc_buf_printf(b, " --sched list:%s", list);
	else if (sched)
		kfc_buf_printf(b, " --sched %s", sched);
	if (sched && depth && !list)
		kfc_buf_printf(b, " --depth %ld", depth);
	if (no_delay)
		kfc_buf_puts(b, " --no-delay");
	if (*spec) {
		kfc_buf_puts(b, " --spec ");
		kfc_shell_quote(b, spec);
	}
	kfc_buf_printf(b, " --timeout %g", timeout);
	if (expect->nr_ok_exits > 1 || expect->ok_exits[0]) {
		kfc_buf_puts(b, " --ok-exit ");
		for (i = 0; i < expect->nr_ok_exits; i++)
			kfc_buf_printf(b, "%s%d", i ? "," : "",
				       expect->ok_exits[i]);
	}
	kfc_buf_puts(b, " --");
	for (i = 0; argv[i]; i++) {
		kfc_buf_puts(b, " ");
		kfc_shell_quote(b, argv[i]);
	}
}

void kfc_replay_line(struct kfc_buf *b, unsigned long long seed, bool no_delay,
		     const char *spec, double timeout,
		     const struct kfc_expect *expect, char *const *argv)
{
	replay_line(b, seed, KFC_REPLAY_RUNS, no_delay, NULL, NULL, 0, spec,
		    timeout, expect, argv);
}

/* The replay line of @seed's run, judged last (rc->exact). */
static void print_replay(const struct race *rc, unsigned long long seed)
{
	struct kfc_buf b = {0};

	replay_line(&b, seed, rc->exact ? 1 : KFC_REPLAY_RUNS, rc->no_delay,
		    rc->sched, rc->list, rc->depth, rc->rules, rc->o.timeout,
		    &rc->o.expect, rc->o.argv);
	printf("%s\n", b.s);
	fflush(stdout);
	kfc_buf_release(&b);
}

static void print_failure(const struct race *rc, const char *what,
			  unsigned long long seed, const struct kfc_verdict *v)
{
	char *err = seed_path(rc, seed, "err");

	fprintf(stderr, "kfault %s: %s (seed %llu) failed: %s%s%s\n", rc->cmd,
		what, seed, kfc_outcome_name(v->outcome),
		v->detail[0] ? ": " : "", v->detail);
	if (v->title[0])
		fprintf(stderr, "kfault %s: %s\n", rc->cmd, v->title);
	fprintf(stderr, "kfault %s: its stderr is in %s\n", rc->cmd, err);
	if (rc->not_kstub)
		fprintf(stderr, "kfault %s: " KFC_NOT_KSTUB_HINT "\n", rc->cmd,
			rc->o.argv[0]);
	free(err);
}

int kfc_cmd_race(int argc, char **argv)
{
	struct race rc = {.cmd = "race"};
	struct kfc_verdict v = {0};
	unsigned long long found_seed = 0;
	long started = 0, finished = 0;
	bool found_exact = false;
	struct kfc_proc done;
	struct kfc_pool pool;
	bool found = false;
	double t0, deadline;
	char what[64];
	int ret;

	ret = race_setup(&rc, argc, argv, race_help);
	if (ret || !rc.lib)
		goto out;
	if (!rc.seed_given)
		rc.seed = (unsigned long long)time(NULL) * 1000 % 1000000007ULL;
	if (!rc.time && !rc.runs)
		rc.time = 60;
	t0 = kfc_now();
	deadline = rc.time ? t0 + rc.time : 0;
	kfc_pool_init(&pool, rc.o.jobs);
	for (;;) {
		while (!found && !kfc_pool_full(&pool) &&
		       (!rc.runs || started < rc.runs) &&
		       (!deadline || kfc_now() < deadline)) {
			if (start_seed(&rc, &pool, rc.seed + started) < 0)
				break;
			started++;
		}
		if (!kfc_pool_wait(&pool, &done))
			break;
		finished++;
		judge_seed(&rc, &done, &v);
		if (rc.never_ran) {
			kfc_pool_kill_all(&pool);
			break;
		}
		if (v.outcome != KFC_ok) {
			found = true;
			found_seed = (uintptr_t)done.data;
			found_exact = rc.exact;
			kfc_pool_kill_all(&pool);
		}
	}
	if (pool.interrupted)
		fprintf(stderr, "kfault race: interrupted\n");
	kfc_pool_release(&pool);
	if (rc.never_ran) {
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	if (!found) {
		fprintf(stderr,
			"kfault race: %ld run%s (seeds %llu..%llu) in %.1fs, "
			"no failure\n",
			finished, finished == 1 ? "" : "s", rc.seed,
			rc.seed + (started ? started - 1 : 0), kfc_now() - t0);
		ret = KFC_EXIT_OK;
		goto out;
	}
	snprintf(what, sizeof(what), "run %ld", finished);
	print_failure(&rc, what, found_seed, &v);
	fprintf(stderr,
		"kfault race: found after %ld runs in %.1fs; replay "
		"it with:\n",
		finished, kfc_now() - t0);
	rc.exact = found_exact;
	print_replay(&rc, found_seed);
	ret = KFC_EXIT_FOUND;
out:
	race_release(&rc);
	return ret;
}

/* "kfault replay 42 -- PROG" means "kfault replay --seed 42 -- PROG". */
static char **seed_first(int *argc, char **argv)
{
	char **nargv;

	if (*argc < 2 || argv[1][0] < '0' || argv[1][0] > '9')
		return NULL;
	nargv = kfc_xcalloc(*argc + 2, sizeof(*nargv));
	nargv[0] = argv[0];
	nargv[1] = kfc_xasprintf("--seed=%s", argv[1]);
	memcpy(nargv + 2, argv + 2, (*argc - 2) * sizeof(*argv));
	return nargv;
}

/* One run of rc->seed, judged into @v; false when it did not run. */
static bool run_once(struct race *rc, struct kfc_verdict *v)
{
	struct kfc_proc done;
	struct kfc_pool pool;
	bool ran;

	kfc_pool_init(&pool, 1);
	ran = start_seed(rc, &pool, rc->seed) == 0 &&
	      kfc_pool_wait(&pool, &done);
	if (ran)
		judge_seed(rc, &done, v);
	kfc_pool_release(&pool);
	return ran && !rc->never_ran;
}

/* replay --minimize: the failure to keep, and the runs left. */
struct shrink {
	struct race *rc;
	struct kfc_verdict first;
	long left;
};

/* Fails as the first run did: the same outcome, and the same title. */
static bool same_failure(const struct kfc_verdict *a,
			 const struct kfc_verdict *b)
{
	return b->outcome != KFC_ok && a->outcome == b->outcome &&
	       !strcmp(a->title, b->title);
}

static bool shrink_fails(const struct kfc_switch *set, size_t n, void *ctx)
{
	struct shrink *sh = ctx;
	struct kfc_verdict v = {0};
	struct kfc_buf b = {0};
	bool ran;

	if (sh->left <= 0)
		return false;
	sh->left--;
	kfc_switches_format(&b, set, n);
	free(sh->rc->list);
	sh->rc->list = b.s;
	ran = run_once(sh->rc, &v);
	return ran && same_failure(&sh->first, &v);
}

/* The report of the run of rc->seed, just judged; -1 when unread. */
static int load_last(const struct race *rc, struct kfc_report *r)
{
	char *path = seed_path(rc, rc->seed, "json");
	int ret = kfc_report_load(r, path);

	free(path);
	return ret;
}

/*
 * replay --minimize: run the schedule once, recording its switches; then
 * ddmin over them, each try a run of sched=list; then the smallest list
 * once more with its log, told as a story; and its replay line.
 */
static int replay_minimize(struct race *rc)
{
	struct shrink sh = {.rc = rc};
	struct kfc_report r = {0};
	struct kfc_switch *sw = NULL;
	struct kfc_verdict v = {0};
	struct kfc_buf line = {0};
	size_t n = 0, m;
	long from_preempt;
	char log_key[32];
	int ret = KFC_EXIT_FOUND;

	sh.left = rc->runs ? rc->runs : KFC_MINIMIZE_RUNS;
	rc->extra = "sched_record=1";
	if (!run_once(rc, &sh.first))
		return KFC_EXIT_USAGE;
	sh.left--;
	if (sh.first.outcome == KFC_ok) {
		fprintf(stderr,
			"kfault replay: seed %llu: the run did not "
			"fail: nothing to minimize\n",
			rc->seed);
		return KFC_EXIT_OK;
	}
	print_failure(rc, "the run", rc->seed, &sh.first);
	if (load_last(rc, &r) || !r.sched_exact || !r.sched_list ||
	    kfc_switches_parse(r.sched_list, &sw, &n)) {
		fprintf(stderr, "kfault replay: cannot minimize: %s\n",
			!r.present	 ? "its report could not be read"
			: !r.sched_exact ? "the run is not exact (the "
					   "watchdog let a thread go): its "
					   "switches would not replay it"
					 : "its report lists no switches");
		goto out;
	}
	from_preempt = r.sched_preemptions;
	kfc_report_release(&r);
	fprintf(stderr,
		"kfault replay: the schedule has %zu switch%s off the "
		"default order (%ld preemption%s); minimizing in at most "
		"%ld runs\n",
		n, n == 1 ? "" : "es", from_preempt,
		from_preempt == 1 ? "" : "s",
		rc->runs ? rc->runs : KFC_MINIMIZE_RUNS);
	rc->extra = NULL;
	rc->sched = "list";
	if (!shrink_fails(sw, n, &sh)) {
		fprintf(stderr,
			"kfault replay: the recorded switches did not fail "
			"the same way: the run depends on what the scheduler "
			"does not control; nothing minimized\n");
		goto out;
	}
	{
		struct kfc_ddmin d = {.fails = shrink_fails, .ctx = &sh};

		m = kfc_ddmin(&d, sw, n);
		if (sh.left <= 0)
			fprintf(stderr,
				"kfault replay: the budget of runs ended: the "
				"list may not be the smallest\n");
	}
	/* the smallest list once more, with its steps logged */
	snprintf(log_key, sizeof(log_key), "sched_log=%d", KFC_STORY_STEPS);
	rc->extra = log_key;
	kfc_switches_format(&line, sw, m);
	free(rc->list);
	rc->list = line.s;
	if (!run_once(rc, &v) || !same_failure(&sh.first, &v) ||
	    load_last(rc, &r)) {
		fprintf(stderr, "kfault replay: the minimized schedule did "
				"not fail again the same way\n");
		goto out;
	}
	fprintf(stderr,
		"kfault replay: minimized to %zu switch%s (%ld "
		"preemption%s) from %zu, in %ld runs\n",
		m, m == 1 ? "" : "es", r.sched_preemptions,
		r.sched_preemptions == 1 ? "" : "s", n,
		(rc->runs ? rc->runs : KFC_MINIMIZE_RUNS) - sh.left + 1);
	printf("The interleaving (t1 is the main thread, then threads in the "
	       "order created):\n");
	kfc_story_print(stdout, &r, v.title[0] ? v.title : v.detail);
	printf("Replay it with:\n");
	rc->exact = r.sched_exact;
	print_replay(rc, rc->seed);
out:
	kfc_report_release(&r);
	free(sw);
	return ret;
}

int kfc_cmd_replay(int argc, char **argv)
{
	struct race rc = {.cmd = "replay"};
	char **nargv = seed_first(&argc, argv);
	struct kfc_verdict v = {0};
	char what[64];
	long i;
	int ret;

	ret = race_setup(&rc, argc, nargv ? nargv : argv, replay_help);
	if (ret || !rc.lib)
		goto out;
	if (!rc.seed_given && !rc.list) {
		kfc_usage_error("replay", "which seed? (--seed S)");
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	if (rc.minimize && !rc.sched) {
		kfc_usage_error("replay", "--minimize shrinks a scheduled run: "
					  "give --sched random, pct or "
					  "list:...");
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	if (rc.minimize) {
		ret = replay_minimize(&rc);
		goto out;
	}
	if (!rc.runs)
		rc.runs = 1;
	for (i = 0; i < rc.runs; i++)
		if (!run_once(&rc, &v) || v.outcome != KFC_ok)
			break;
	if (rc.never_ran) {
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	if (v.outcome == KFC_ok || i == rc.runs) {
		fprintf(stderr,
			"kfault replay: seed %llu: %ld run%s, no "
			"failure\n",
			rc.seed, i, i == 1 ? "" : "s");
		ret = KFC_EXIT_OK;
		goto out;
	}
	snprintf(what, sizeof(what), "attempt %ld", i + 1);
	print_failure(&rc, what, rc.seed, &v);
	ret = KFC_EXIT_FOUND;
out:
	if (nargv)
		free(nargv[1]);
	free(nargv);
	race_release(&rc);
	return ret;
}
