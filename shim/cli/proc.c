// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs under test: start them in their own process group with the
 * shim preloaded and their output in files, wait for them in parallel
 * slots, and stop the ones that overrun their time (SIGABRT, so that the
 * shim reports where it stands, then SIGKILL to the group after a grace
 * period).
 *
 * SIGCHLD, SIGINT, SIGTERM and SIGHUP stay blocked while the pool exists
 * and are taken with sigtimedwait(), so the command never runs code in a
 * signal handler and never loses an interrupt between two checks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Seconds between SIGTERM and SIGKILL of a program that overran. */
#define KFC_KILL_GRACE 2.0
/* Longest sleep between two checks of deadlines and the progress bar. */
#define KFC_TICK 0.2

static sigset_t kfc_old_mask;
static struct sigaction kfc_old_chld;

static void kfc_sigchld(int sig)
{
	(void)sig;
}

static void kill_proc(const struct kfc_proc *p, int sig)
{
	kill(p->own_group ? -p->pid : p->pid, sig);
}

static void kfc_signal_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

void kfc_pool_init(struct kfc_pool *pool, int slots)
{
	struct sigaction sa = {.sa_handler = kfc_sigchld};
	sigset_t set;

	memset(pool, 0, sizeof(*pool));
	pool->slots = slots > 0 ? slots : 1;
	pool->procs = kfc_xcalloc(pool->slots, sizeof(*pool->procs));
	/* A handler, so that a blocked SIGCHLD is kept pending. */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, &kfc_old_chld);
	kfc_signal_set(&set);
	sigprocmask(SIG_BLOCK, &set, &kfc_old_mask);
}

void kfc_pool_release(struct kfc_pool *pool)
{
	kfc_pool_kill_all(pool);
	free(pool->procs);
	pool->procs = NULL;
	sigaction(SIGCHLD, &kfc_old_chld, NULL);
	sigprocmask(SIG_SETMASK, &kfc_old_mask, NULL);
}

/* Make @nfd the child's @fd (dup2 clears close-on-exec). */
static void child_redirect(int fd, int nfd)
{
	if (nfd < 0)
		return;
	if (dup2(nfd, fd) < 0) {
		dprintf(2, "kfault: dup2: %s\n", strerror(errno));
		_exit(KFAULT_EXIT_NOEXEC);
	}
}

static void child_env(const struct kfc_launch *l)
{
	const char *asan = getenv("ASAN_OPTIONS");
	const char *pre = getenv("LD_PRELOAD");

	if (l->spec)
		setenv(KFAULT_ENV_SPEC, l->spec, 1);
	if (l->report)
		setenv(KFAULT_ENV_REPORT, l->report, 1);
	else
		unsetenv(KFAULT_ENV_REPORT);
	if (l->lib) {
		char *v = pre && *pre ? kfc_xasprintf("%s:%s", l->lib, pre)
				      : kfc_xstrdup(l->lib);

		setenv("LD_PRELOAD", v, 1);
		/* A program with a shared ASan runtime wants it first. */
		if (!asan || !strstr(asan, "verify_asan_link_order")) {
			v = kfc_xasprintf("%s%sverify_asan_link_order=0",
					  asan ? asan : "",
					  asan && *asan ? ":" : "");
			setenv("ASAN_OPTIONS", v, 1);
		}
	}
}

static void __attribute__((noreturn))
child_exec(const struct kfc_launch *l, int out, int err)
{
	int null;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigaction(SIGCHLD, &kfc_old_chld, NULL);
	sigprocmask(SIG_SETMASK, &kfc_old_mask, NULL);
	if (!l->foreground)
		setpgid(0, 0);
	if (l->out_path) {
		/* No core files from a sweep's crashes and timeouts. */
		struct rlimit nocore = {0, 0};

		setrlimit(RLIMIT_CORE, &nocore);
		null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		child_redirect(0, null);
	}
	child_redirect(1, out);
	child_redirect(2, err);
	child_env(l);
	execvp(l->argv[0], l->argv);
	dprintf(2, "kfault: cannot run %s: %s\n", l->argv[0], strerror(errno));
	_exit(KFAULT_EXIT_NOEXEC);
}

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

int kfc_pool_start(struct kfc_pool *pool, const struct kfc_launch *l,
		   void *data)
{
	struct kfc_proc *p = NULL;
	int i, out = -1, err = -1;

	for (i = 0; i < pool->slots && !p; i++)
		if (!pool->procs[i].pid)
			p = &pool->procs[i];
	if (!p) {
		kfc_warn("internal error: no free slot");
		return -1;
	}
	/* Here, not in the child: never through a symlink, errors said. */
	if (l->out_path && (out = kfc_create_run_file(l->out_path)) < 0)
		return -1;
	if (l->err_path && (err = kfc_create_run_file(l->err_path)) < 0) {
		close_fd(out);
		return -1;
	}
	fflush(NULL);
	memset(p, 0, sizeof(*p));
	p->pid = fork();
	if (p->pid < 0) {
		kfc_warn("fork: %s", strerror(errno));
		p->pid = 0;
		close_fd(out);
		close_fd(err);
		return -1;
	}
	if (p->pid == 0)
		child_exec(l, out, err);
	close_fd(out);
	close_fd(err);
	/* Both sides set the group, whichever runs first. */
	if (!l->foreground)
		setpgid(p->pid, p->pid);
	p->own_group = !l->foreground;
	p->start = kfc_now();
	p->deadline = l->timeout > 0 ? p->start + l->timeout : 0;
	p->data = data;
	pool->running++;
	return 0;
}

static bool reap_one(struct kfc_pool *pool, struct kfc_proc *done)
{
	int i, status;

	for (i = 0; i < pool->slots; i++) {
		struct kfc_proc *p = &pool->procs[i];
		pid_t r;

		if (!p->pid)
			continue;
		r = waitpid(p->pid, &status, WNOHANG);
		if (r == 0 || (r < 0 && errno == EINTR))
			continue;
		p->status = r < 0 ? (KFAULT_EXIT_NOEXEC << 8) : status;
		p->elapsed = kfc_now() - p->start;
		/* Leave nothing of a killed program's group behind. */
		if (p->timed_out && p->own_group)
			kill_proc(p, SIGKILL);
		*done = *p;
		memset(p, 0, sizeof(*p));
		pool->running--;
		return true;
	}
	return false;
}

/* Enforce deadlines; returns the time of the next one (or now + tick). */
static double enforce_deadlines(struct kfc_pool *pool, double now)
{
	double next = now + KFC_TICK;
	int i;

	for (i = 0; i < pool->slots; i++) {
		struct kfc_proc *p = &pool->procs[i];

		if (!p->pid || !p->deadline)
			continue;
		if (!p->timed_out && now >= p->deadline) {
			/*
			 * SIGABRT to the program alone, in the foreground
			 * (kfault run) as in a sweep: the shim writes its
			 * report on it (where the fault was injected); the
			 * program or its group gets SIGKILL after the grace
			 * period.
			 */
			kill(p->pid, SIGABRT);
			p->timed_out = true;
			p->kill_at = now + KFC_KILL_GRACE;
		} else if (p->timed_out && now >= p->kill_at) {
			kill_proc(p, SIGKILL);
			p->kill_at = now + KFC_KILL_GRACE;
		}
		if (!p->timed_out && p->deadline < next)
			next = p->deadline;
		if (p->timed_out && p->kill_at < next)
			next = p->kill_at;
	}
	return next;
}

bool kfc_pool_wait(struct kfc_pool *pool, struct kfc_proc *done)
{
	sigset_t set;

	kfc_signal_set(&set);
	for (;;) {
		double now, next, wait;
		struct timespec ts;
		int sig;

		if (pool->interrupted)
			return false;
		if (reap_one(pool, done))
			return true;
		if (!pool->running)
			return false;
		now = kfc_now();
		next = enforce_deadlines(pool, now);
		wait = next > now ? next - now : 0;
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - ts.tv_sec) * 1e9);
		sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
			pool->interrupted = sig;
			return false;
		}
		if (sig < 0 && pool->tick)
			pool->tick(pool->tick_arg);
	}
}

void kfc_pool_kill_all(struct kfc_pool *pool)
{
	int i, status;

	for (i = 0; i < pool->slots; i++) {
		struct kfc_proc *p = &pool->procs[i];

		if (!p->pid)
			continue;
		kill_proc(p, SIGKILL);
		while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
			;
		memset(p, 0, sizeof(*p));
		pool->running--;
	}
}
