// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs under test: start them in their own process group with the
 * shim preloaded and their output in files, wait for them in parallel
 * slots, and stop the ones that overrun their time (SIGABRT, so that the
 * shim reports where it stands, then SIGKILL to the group after a grace
 * period).
 *
 * Nothing a run started outlives it.  The command is a child subreaper,
 * so what a program leaves running (a shell's background job, a forked
 * daemon, a process that escaped its group with setsid) is reparented to
 * the command rather than to init; at the end of each run its process
 * group is killed, then every such stray that no running program still
 * owns.  Each program gets SIGKILL when the command dies (a parent-death
 * signal), so a kill -9 of kfault takes its runs with it.
 *
 * SIGCHLD, SIGINT, SIGTERM and SIGHUP stay blocked while the pool exists
 * and are taken with sigtimedwait(), so the command never runs code in a
 * signal handler and never loses an interrupt between two checks.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Longest sleep between two checks of deadlines and the progress bar. */
#define KFC_TICK 0.2
/* Rounds of killing strays; each round takes what the last one orphaned. */
#define KFC_STRAY_ROUNDS 64

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
	/* What the runs orphan comes to us, not to init: see reap_strays(). */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
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

/* In the child: @msg and errno's name on stderr, without malloc. */
static void __attribute__((noreturn))
child_fail(const char *msg, const char *what)
{
	const char *e = strerrorname_np(errno);
	struct iovec iov[] = {
		{(void *)"kfault: ", 8},
		{(void *)msg, strlen(msg)},
		{(void *)what, strlen(what)},
		{(void *)": ", 2},
		{(void *)(e ? e : "?"), strlen(e ? e : "?")},
		{(void *)"\n", 1},
	};

	if (writev(2, iov, sizeof(iov) / sizeof(iov[0])) < 0)
		_exit(KFAULT_EXIT_NOEXEC);
	_exit(KFAULT_EXIT_NOEXEC);
}

/* Make @nfd the child's @fd (dup2 clears close-on-exec). */
static void child_redirect(int fd, int nfd)
{
	if (nfd >= 0 && dup2(nfd, fd) < 0)
		child_fail("dup2", "");
}

/*
 * Sanitizer options every run with the shim gets, unless the user's own
 * *SAN_OPTIONS set the key: a program with a shared ASan runtime must
 * accept the preloaded shim, and TSan must not sleep a second at every
 * exit (its default atexit_sleep_ms=1000), a second per run of a sweep.
 */
static const struct {
	const char *env, *key, *value;
} kfc_san_options[] = {
	{"ASAN_OPTIONS", "verify_asan_link_order", "0"},
	{"TSAN_OPTIONS", "atexit_sleep_ms", "0"},
};

/* Does @opts (sanitizer flags: "k=v" split by ' ', ',' or ':') set @key? */
static bool san_has_key(const char *opts, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = opts; p && *p; p += strcspn(p, " ,:\t\n")) {
		p += strspn(p, " ,:\t\n");
		if (!strncmp(p, key, n) && p[n] == '=')
			return true;
	}
	return false;
}

/*
 * The child's environment: ours, with the spec, the report's path, the
 * shim preloaded and the sanitizers' options (kfc_san_options) set.
 * Built in the parent: the child of vfork() may not allocate.
 */
struct child_env {
	char **envp;
	size_t nr;
	char **owned; /* the strings made here */
	size_t nr_owned;
};

/* Set @name to @value (NULL: remove it) in @e. */
static void env_put(struct child_env *e, const char *name, const char *value)
{
	size_t i, n = strlen(name);
	char *kv = value ? kfc_xasprintf("%s=%s", name, value) : NULL;

	for (i = 0; i < e->nr; i++)
		if (!strncmp(e->envp[i], name, n) && e->envp[i][n] == '=')
			break;
	if (!kv) {
		if (i < e->nr)
			e->envp[i] = e->envp[--e->nr];
		e->envp[e->nr] = NULL;
		return;
	}
	e->owned[e->nr_owned++] = kv;
	if (i == e->nr)
		e->nr++;
	e->envp[i] = kv;
	e->envp[e->nr] = NULL;
}

/* Our value of @name in @e (as built so far), or NULL. */
static const char *env_get(const struct child_env *e, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < e->nr; i++)
		if (!strncmp(e->envp[i], name, n) && e->envp[i][n] == '=')
			return e->envp[i] + n + 1;
	return NULL;
}

static void child_env_build(struct child_env *e, const struct kfc_launch *l)
{
	size_t i, n = 0,
		  extra = 5 +
			  sizeof(kfc_san_options) / sizeof(kfc_san_options[0]);
	const char *pre;

	while (environ[n])
		n++;
	e->envp = kfc_xcalloc(n + extra + 1, sizeof(*e->envp));
	e->owned = kfc_xcalloc(extra, sizeof(*e->owned));
	memcpy(e->envp, environ, n * sizeof(*e->envp));
	e->nr = n;
	e->nr_owned = 0;
	if (l->spec)
		env_put(e, KFAULT_ENV_SPEC, l->spec);
	env_put(e, KFAULT_ENV_REPORT, l->report);
	env_put(e, KFAULT_ENV_FORK_POINTS, l->fork_points);
	if (!l->lib)
		return;
	pre = env_get(e, "LD_PRELOAD");
	if (pre && *pre) {
		char *v = kfc_xasprintf("%s:%s", l->lib, pre);

		env_put(e, "LD_PRELOAD", v);
		free(v);
	} else {
		env_put(e, "LD_PRELOAD", l->lib);
	}
	for (i = 0; i < sizeof(kfc_san_options) / sizeof(kfc_san_options[0]);
	     i++) {
		const char *old = env_get(e, kfc_san_options[i].env);
		char *v;

		if (san_has_key(old, kfc_san_options[i].key))
			continue;
		v = kfc_xasprintf(
			"%s%s%s=%s", old ? old : "", old && *old ? ":" : "",
			kfc_san_options[i].key, kfc_san_options[i].value);
		env_put(e, kfc_san_options[i].env, v);
		free(v);
	}
}

static void child_env_release(struct child_env *e)
{
	size_t i;

	for (i = 0; i < e->nr_owned; i++)
		free(e->owned[i]);
	free(e->owned);
	free(e->envp);
}

/* Is the run's output captured (a sweep's), not the terminal's? */
static bool captured(const struct kfc_launch *l)
{
	return l->out_path || l->have_fds;
}

/*
 * The child of vfork(): system calls only (it shares the command's
 * memory until it execs), all signals blocked until the handlers are
 * back to their defaults.
 */
static void __attribute__((noreturn))
child_exec(const struct kfc_launch *l, pid_t parent, int out, int err, int null,
	   char **envp)
{
	struct sigaction dfl = {.sa_handler = SIG_DFL};
	struct rlimit nocore = {0, 0};

	/* Die with the command; if it is already gone, do not start. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(KFAULT_EXIT_NOEXEC);
	sigaction(SIGINT, &dfl, NULL);
	sigaction(SIGTERM, &dfl, NULL);
	sigaction(SIGHUP, &dfl, NULL);
	sigaction(SIGCHLD, &kfc_old_chld, NULL);
	if (!l->foreground)
		setpgid(0, 0);
	if (captured(l)) {
		/* No core files from a sweep's crashes and timeouts. */
		setrlimit(RLIMIT_CORE, &nocore);
		child_redirect(0, null);
	}
	child_redirect(1, out);
	child_redirect(2, err);
	sigprocmask(SIG_SETMASK, &kfc_old_mask, NULL);
	execvpe(l->argv[0], l->argv, envp);
	child_fail("cannot run ", l->argv[0]);
}

/* vfork() and exec in the child; the child's pid, or -1. */
static pid_t __attribute__((noinline))
child_spawn(const struct kfc_launch *l, const pid_t parent, const int out,
	    const int err, const int null, char **const envp)
{
	pid_t pid = vfork();

	if (pid == 0)
		child_exec(l, parent, out, err, null, envp);
	return pid;
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
	pid_t self = getpid();
	int i, out = -1, err = -1, null = -1;
	struct child_env env;
	sigset_t all, mask;

	for (i = 0; i < pool->slots && !p; i++)
		if (!pool->procs[i].pid)
			p = &pool->procs[i];
	if (!p) {
		kfc_warn("internal error: no free slot");
		return -1;
	}
	/* Here, not in the child: never through a symlink, errors said. */
	if (l->have_fds) {
		out = l->out_fd;
		err = l->err_fd;
	} else {
		if (l->out_path && (out = kfc_create_run_file(l->out_path)) < 0)
			return -1;
		if (l->err_path &&
		    (err = kfc_create_run_file(l->err_path)) < 0) {
			close_fd(out);
			return -1;
		}
	}
	if (captured(l))
		null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	child_env_build(&env, l);
	fflush(NULL);
	memset(p, 0, sizeof(*p));
	/*
	 * vfork: the child borrows our memory until it execs, so starting
	 * a run costs the same whatever our size (fork copied our page
	 * tables, a cost that grew with the points of a large sweep).
	 */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &mask);
	p->pid = child_spawn(l, self, out, err, null, env.envp);
	if (p->pid < 0)
		kfc_warn("fork: %s", strerror(errno));
	sigprocmask(SIG_SETMASK, &mask, NULL);
	child_env_release(&env);
	if (!l->have_fds) {
		close_fd(out);
		close_fd(err);
	}
	close_fd(null);
	if (p->pid < 0) {
		p->pid = 0;
		return -1;
	}
	/* Both sides set the group, whichever runs first. */
	if (!l->foreground)
		setpgid(p->pid, p->pid);
	p->own_group = !l->foreground;
	p->start = kfc_now();
	p->deadline = l->timeout > 0 ? p->start + l->timeout : 0;
	p->data = data;
	p->report = l->report ? kfc_xstrdup(l->report) : NULL;
	pool->running++;
	return 0;
}

/* State, parent and process group of @pid; false when it is gone. */
static bool proc_stat(pid_t pid, char *state, pid_t *ppid, pid_t *pgrp)
{
	char path[64], stat[512], *end;
	long pp, g;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	/* after "pid (comm)", where comm may hold anything */
	end = fgets(stat, sizeof(stat), f) ? strrchr(stat, ')') : NULL;
	fclose(f);
	if (!end || sscanf(end, ") %c %ld %ld", state, &pp, &g) != 3)
		return false;
	*ppid = (pid_t)pp;
	*pgrp = (pid_t)g;
	return true;
}

static void add_pid(pid_t **pids, size_t *nr, long pid)
{
	*pids = kfc_xrealloc(*pids, (*nr + 1) * sizeof(**pids));
	(*pids)[(*nr)++] = (pid_t)pid;
}

/*
 * Our children now: read from /proc/self/task/PID/children, or, on a
 * kernel without it, by a walk of /proc for a parent of our pid.
 */
static size_t list_children(pid_t **out)
{
	pid_t self = getpid(), *pids = NULL, ppid, pgrp;
	size_t nr = 0;
	struct dirent *d;
	char path[64], state;
	DIR *dir;
	FILE *f;
	long v;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/children",
		 (long)self);
	f = fopen(path, "re");
	if (f) {
		while (fscanf(f, "%ld", &v) == 1)
			add_pid(&pids, &nr, v);
		fclose(f);
		*out = pids;
		return nr;
	}
	dir = opendir("/proc");
	while (dir && (d = readdir(dir))) {
		char *end;

		v = strtol(d->d_name, &end, 10);
		if (!*end && v > 0 && proc_stat(v, &state, &ppid, &pgrp) &&
		    ppid == self)
			add_pid(&pids, &nr, v);
	}
	if (dir)
		closedir(dir);
	*out = pids;
	return nr;
}

/*
 * Does @pid's environment say KFAULT_REPORT=@report?  When it cannot be
 * read (a process in the middle of an exec shows none), say yes: it is
 * killed at a later look, at the latest when no program runs.
 */
static bool env_has_report(pid_t pid, const char *report)
{
	const size_t klen = strlen(KFAULT_ENV_REPORT "=");
	bool found = false;
	size_t len, i;
	char path[64];
	char *env;

	snprintf(path, sizeof(path), "/proc/%ld/environ", (long)pid);
	env = kfc_read_file(path, &len);
	if (!env || !len) {
		free(env);
		return true;
	}
	/* NUL-separated; kfc_read_file ends the last one with a NUL too */
	for (i = 0; i < len && !found; i += strlen(env + i) + 1)
		found = !strncmp(env + i, KFAULT_ENV_REPORT "=", klen) &&
			!strcmp(env + i + klen, report);
	free(env);
	return found;
}

/* One of the pool's programs (reaped by reap_one(), even a zombie)? */
static bool is_running(const struct kfc_pool *pool, pid_t pid)
{
	int i;

	for (i = 0; i < pool->slots; i++)
		if (pool->procs[i].pid == pid)
			return true;
	return false;
}

/*
 * Was @pid left by a program that still runs: in its process group, or
 * carrying its report's path in the environment (a daemon that left the
 * group with setsid)?
 */
static bool owned_by_running(const struct kfc_pool *pool, pid_t pid, pid_t pgrp)
{
	int i;

	for (i = 0; i < pool->slots; i++) {
		const struct kfc_proc *p = &pool->procs[i];

		if (p->pid && p->own_group && p->pid == pgrp)
			return true;
	}
	for (i = 0; i < pool->slots; i++) {
		const struct kfc_proc *p = &pool->procs[i];

		if (p->pid && p->report && env_has_report(pid, p->report))
			return true;
	}
	return false;
}

/*
 * Kill and reap our children that are not running programs and that no
 * running program owns: what ended runs left behind, reparented to us.
 * Killing one reparents its own children to us, hence the rounds.
 */
static void reap_strays(const struct kfc_pool *pool)
{
	int round, status;

	for (round = 0; round < KFC_STRAY_ROUNDS; round++) {
		pid_t *pids, ppid, pgrp;
		size_t nr, i, taken = 0;
		char state;

		nr = list_children(&pids);
		for (i = 0; i < nr; i++) {
			if (is_running(pool, pids[i]) ||
			    !proc_stat(pids[i], &state, &ppid, &pgrp))
				continue;
			/* A zombie is its run's no longer: reap it. */
			if (state != 'Z' &&
			    owned_by_running(pool, pids[i], pgrp))
				continue;
			if (state != 'Z')
				kill(pids[i], SIGKILL);
			while (waitpid(pids[i], &status, 0) < 0 &&
			       errno == EINTR)
				;
			taken++;
		}
		free(pids);
		if (!taken)
			return;
	}
}

/* A program ended: free its slot; what it left behind dies. */
static void end_proc(struct kfc_pool *pool, struct kfc_proc *p)
{
	if (p->own_group)
		kill_proc(p, SIGKILL);
	free(p->report);
	memset(p, 0, sizeof(*p));
	pool->running--;
	reap_strays(pool);
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
		*done = *p;
		done->report = NULL;
		end_proc(pool, p);
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

void kfc_pool_set_deadline(struct kfc_pool *pool, const void *data,
			   double deadline)
{
	int i;

	for (i = 0; i < pool->slots; i++) {
		struct kfc_proc *p = &pool->procs[i];

		if (p->pid && p->data == data && !p->timed_out)
			p->deadline = deadline;
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
		end_proc(pool, p);
	}
	reap_strays(pool);
}
