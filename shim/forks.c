// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fork server (fork_points= and a rule with fork=1): the program runs
 * once, failing nothing; at each eligible call of the fork=1 rule that is
 * one of the points the command listed, and while the calling thread is
 * the process's only thread, the process forks.  The child is the point's
 * run: it fails this call, as fail_nth (or created=, per_thread=1,
 * stack_id=, fail_nth=) would in a run of its own, and goes on with its
 * output and report in the point's files.  The parent fails nothing,
 * waits for the child (a point's time limit counts the prefix the parent
 * ran, as a run of its own would), says in the log what became of it, and
 * goes on to the next call.  A point reached while other threads are
 * alive is logged "exec": the command runs it anew.
 *
 * Everything here is on the hook path or before main: tables are mmap'd,
 * files are read and written with system calls, nothing is malloc'ed.
 * The points file is read before main and read-only after; the counts of
 * stack points are atomics (any thread reaches the hook).
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kfault.h"

/* Seconds between SIGABRT and SIGKILL of a point that overran. */
#define KF_KILL_GRACE_NS (2 * UINT64_C(1000000000))

/* One point, as the command listed it. */
struct kf_point {
	unsigned long id;
	unsigned long n; /* nth: the call; stack: the occurrence */
	uint64_t stack_id; /* stack points */
	unsigned int created; /* stack points: the thread; 0: nth */
	bool persist;
};

/*
 * The stack points of one (thread, stack id): points [first, first + nr)
 * of kf_stack_pts, and the calls of that stack that thread made so far.
 */
struct kf_key {
	unsigned int created;
	uint64_t stack_id;
	unsigned long count;
	unsigned long first, nr;
};

static bool kf_serving; /* this process is the fork server */
static bool kf_point_child; /* the next fork() makes a point's run */
static struct kf_point *kf_nth_pts, *kf_stack_pts;
static unsigned long kf_nr_nth, kf_nr_stack;
static struct kf_key *kf_keys;
static unsigned long kf_nr_keys;
static uint64_t kf_created_mask; /* threads with stack points (1..64) */
static uint64_t kf_timeout_ns;
static char kf_dir[512];
static int kf_log = -1;
static uint64_t kf_start_ns, kf_waited_ns;
/* kstub's: end its idle threads (an older kstub lacks it) */
static bool (*kf_quiesce)(void);

static void *kf_map(size_t size)
{
	void *p = mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* ---- the log -------------------------------------------------------- */

/* One whole line, one write(2): the command reads it as it comes. */
static void kf_log_line(const char *what, unsigned long id, const char *why,
			long status, bool timed_out, uint64_t us)
{
	struct kfault_out o;
	int saved_errno = errno;

	kf_out_init(&o, kf_log);
	kf_puts(&o, what);
	kf_putc(&o, ' ');
	kf_putu(&o, id);
	kf_putc(&o, ' ');
	if (why) {
		kf_puts(&o, why);
	} else {
		kf_puti(&o, status);
		kf_puts(&o, timed_out ? " 1 " : " 0 ");
		kf_putu(&o, us);
	}
	kf_putc(&o, '\n');
	kf_flush(&o);
	errno = saved_errno;
}

/* ---- the points file ------------------------------------------------ */

struct kf_reader {
	const char *s, *end;
	unsigned long line;
	char *err;
	size_t errlen;
};

static int kf_file_error(struct kf_reader *rd, const char *what)
{
	kfault_spec_error(rd->err, rd->errlen, "fork_points", 0, 0,
			  "'%s', line %lu: %s", kf_cfg.fork_points, rd->line,
			  what);
	return -1;
}

/* The next word of the line (a pointer and length); false at its end. */
static bool kf_word(struct kf_reader *rd, const char **w, size_t *len)
{
	while (rd->s < rd->end && *rd->s == ' ')
		rd->s++;
	*w = rd->s;
	while (rd->s < rd->end && *rd->s != ' ' && *rd->s != '\n')
		rd->s++;
	*len = rd->s - *w;
	return *len != 0;
}

static bool kf_is(const char *w, size_t len, const char *word)
{
	return len == strlen(word) && !memcmp(w, word, len);
}

/* A number in @base: decimal, or hex (16) without its "0x". */
static int kf_number(struct kf_reader *rd, int base, uint64_t *out)
{
	const char *w;
	size_t len, i;
	uint64_t v = 0;

	if (!kf_word(rd, &w, &len))
		return kf_file_error(rd, "a number is missing");
	if (base == 16 && len > 2 && w[0] == '0' && w[1] == 'x') {
		w += 2;
		len -= 2;
	}
	for (i = 0; i < len; i++) {
		unsigned int d;

		if (w[i] >= '0' && w[i] <= '9')
			d = w[i] - '0';
		else if (base == 16 && w[i] >= 'a' && w[i] <= 'f')
			d = w[i] - 'a' + 10;
		else
			return kf_file_error(rd, "not a number");
		if (v > (UINT64_MAX - d) / base)
			return kf_file_error(rd, "a number out of range");
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* The rest of the line, a path, into @dst. */
static int kf_rest(struct kf_reader *rd, char *dst, size_t size)
{
	const char *s;
	size_t len;

	while (rd->s < rd->end && *rd->s == ' ')
		rd->s++;
	s = rd->s;
	while (rd->s < rd->end && *rd->s != '\n')
		rd->s++;
	len = rd->s - s;
	if (!len || len >= size)
		return kf_file_error(rd, "a path empty or too long");
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

static int kf_point_line(struct kf_reader *rd, bool stack, struct kf_point *pt)
{
	uint64_t id, a, b, c = 0;

	if (kf_number(rd, 10, &id) || kf_number(rd, 10, &a) ||
	    kf_number(rd, stack ? 16 : 10, &b) ||
	    (stack && kf_number(rd, 10, &c)))
		return -1;
	memset(pt, 0, sizeof(*pt));
	pt->id = id;
	if (stack) {
		if (a < 1 || a > 64 || c < 1)
			return kf_file_error(rd, "a stack point out of range");
		pt->created = a;
		pt->stack_id = b;
		pt->n = c;
	} else {
		if (a < 1 || b > 1)
			return kf_file_error(rd, "an nth point out of range");
		pt->n = a;
		pt->persist = b;
	}
	return 0;
}

/* Count the points (first pass), or store them (second). */
static int kf_read_points(struct kf_reader *rd, bool store, int *log_fd)
{
	unsigned long nth = 0, stack = 0;
	const char *w;
	size_t len;
	uint64_t v;

	rd->line = 0;
	while (rd->s < rd->end) {
		rd->line++;
		if (!kf_word(rd, &w, &len)) {
			/* an empty line */
		} else if (rd->line == 1) {
			if (!kf_is(w, len, "kfault-fork-points") ||
			    kf_number(rd, 10, &v) || v != 1)
				return kf_file_error(rd, "not a points file "
							 "of version 1");
		} else if (kf_is(w, len, "nth") || kf_is(w, len, "stack")) {
			bool is_stack = kf_is(w, len, "stack");
			struct kf_point pt;

			if (kf_point_line(rd, is_stack, &pt))
				return -1;
			if (!store)
				;
			else if (is_stack)
				kf_stack_pts[stack] = pt;
			else if (nth && kf_nth_pts[nth - 1].n > pt.n)
				return kf_file_error(rd, "nth points out of "
							 "order");
			else
				kf_nth_pts[nth] = pt;
			if (is_stack)
				stack++;
			else
				nth++;
		} else if (store) {
			/* the other items were taken in the first pass */
		} else if (kf_is(w, len, "server")) {
			if (kf_number(rd, 10, &v))
				return -1;
			kf_serving = (uint64_t)getppid() == v;
		} else if (kf_is(w, len, "timeout")) {
			if (kf_number(rd, 10, &v))
				return -1;
			kf_timeout_ns = v * 1000000;
		} else if (kf_is(w, len, "dir")) {
			if (kf_rest(rd, kf_dir, sizeof(kf_dir)))
				return -1;
		} else if (kf_is(w, len, "log")) {
			char path[512];

			if (kf_rest(rd, path, sizeof(path)))
				return -1;
			*log_fd = open(path,
				       O_WRONLY | O_APPEND | O_CREAT |
					       O_CLOEXEC | O_NOFOLLOW,
				       0644);
			if (*log_fd < 0)
				return kf_file_error(rd, "cannot open the log");
		} else {
			return kf_file_error(rd, "an unknown item");
		}
		while (rd->s < rd->end && *rd->s != '\n')
			rd->s++;
		rd->s++;
	}
	if (!store) {
		kf_nr_nth = nth;
		kf_nr_stack = stack;
	}
	return 0;
}

/* Stack points by (thread, stack id), each key once. */
static int kf_make_keys(void)
{
	unsigned long i, j;

	/* the command lists them grouped by key, occurrences in order */
	kf_keys = kf_map(sizeof(*kf_keys) * kf_nr_stack);
	if (!kf_keys)
		return -1;
	for (i = 0; i < kf_nr_stack; i = j) {
		struct kf_key *k = &kf_keys[kf_nr_keys++];

		k->created = kf_stack_pts[i].created;
		k->stack_id = kf_stack_pts[i].stack_id;
		k->first = i;
		for (j = i;
		     j < kf_nr_stack && kf_stack_pts[j].created == k->created &&
		     kf_stack_pts[j].stack_id == k->stack_id;
		     j++)
			;
		k->nr = j - i;
		kf_created_mask |= UINT64_C(1) << (k->created - 1);
	}
	return 0;
}

int kfault_forks_init(char *err, size_t errlen)
{
	struct kf_reader rd = {.err = err, .errlen = errlen};
	int fd, log_fd = -1, ret = -1;
	struct stat st;
	void *text;

	if (!kf_cfg.fork_points[0])
		return 0;
	kf_start_ns = kfault_now_ns();
	kf_quiesce =
		(bool (*)(void))dlsym(RTLD_DEFAULT, "kstub_quiesce_threads");
	fd = open(kf_cfg.fork_points, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		kfault_spec_error(err, errlen, "fork_points", 0, 0,
				  "cannot read '%s': %s", kf_cfg.fork_points,
				  fd < 0 ? strerror(errno) : "not a file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	text = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (text == MAP_FAILED) {
		kfault_spec_error(err, errlen, "fork_points", 0, 0,
				  "cannot read '%s': %s", kf_cfg.fork_points,
				  strerror(errno));
		return -1;
	}
	rd.s = text;
	rd.end = rd.s + st.st_size;
	if (kf_read_points(&rd, false, &log_fd))
		goto out;
	kf_nth_pts = kf_map(sizeof(*kf_nth_pts) * kf_nr_nth);
	kf_stack_pts = kf_map(sizeof(*kf_stack_pts) * kf_nr_stack);
	rd.s = text;
	if (!kf_nth_pts || !kf_stack_pts ||
	    kf_read_points(&rd, true, &log_fd) || kf_make_keys())
		goto out;
	if (!kf_dir[0] || log_fd < 0 || !kf_timeout_ns) {
		kfault_spec_error(err, errlen, "fork_points", 0, 0,
				  "'%s' lacks its dir, log or timeout",
				  kf_cfg.fork_points);
		goto out;
	}
	kf_log = log_fd;
	log_fd = -1;
	/* the command learns that a server runs, and which process it is */
	if (kf_serving)
		kf_log_line("serve", getpid(), "-", 0, 0, 0);
	ret = 0;
out:
	if (log_fd >= 0)
		close(log_fd);
	munmap(text, st.st_size);
	return ret;
}

/* ---- is it safe to fork here? ---------------------------------------- */

/* Threads of this process (/proc/self/stat), or 0 when it cannot say. */
static unsigned long kf_os_threads(void)
{
	char buf[1024], *p;
	ssize_t n;
	int fd, field;

	fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* after "pid (comm)", where comm may hold anything */
	p = strrchr(buf, ')');
	/* fields 3 (state) to 20 (num_threads) */
	for (field = 2; p && field < 20; field++)
		p = strchr(p + 1, ' ');
	return p ? strtoul(p + 1, NULL, 10) : 0;
}

static bool kf_one_thread(void)
{
	unsigned long n = kf_os_threads();

	return n && n - kfault_runtime_threads() == 1;
}

/* Looks at the thread count while a thread that was joined goes away. */
#define KF_GONE_LOOKS 1000

/*
 * Only this thread runs (a sanitizer runtime's own threads aside): the
 * child, which has only the forking thread, lacks nothing the program
 * made, and no lock is held by a thread it does not have.  kstub's own
 * threads that are idle (the RCU callback thread) are ended first: they
 * start again when next needed, in the server and in the child alike.
 */
static bool kf_alone(void)
{
	int i;

	if (kf_one_thread())
		return true;
	if (!kf_quiesce || !kf_quiesce())
		return false;
	/* joined, it may still be counted for a moment */
	for (i = 0; i < KF_GONE_LOOKS; i++) {
		if (kf_one_thread())
			return true;
		sched_yield();
	}
	return false;
}

/* ---- a point's files -------------------------------------------------- */

/* DIR/point-ID.ext into @buf. */
static void kf_point_path(char *buf, size_t size, unsigned long id,
			  const char *ext)
{
	struct kfault_out o = {.fd = -1};

	kf_puts(&o, kf_dir);
	kf_puts(&o, "/" KFAULT_FORK_POINT);
	kf_putu(&o, id);
	kf_putc(&o, '.');
	kf_puts(&o, ext);
	if (o.len >= size)
		o.len = size - 1;
	memcpy(buf, o.buf, o.len);
	buf[o.len] = '\0';
}

/* Created anew: what was there goes (a symlink is never followed). */
static int kf_create(const char *path)
{
	if (unlink(path) && errno != ENOENT)
		return -1;
	return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0644);
}

static int kf_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/* What @from (a regular file) holds so far, into @to: the prefix. */
static int kf_copy_prefix(int from, int to)
{
	char path[64], buf[4096];
	struct kfault_out o = {.fd = -1};
	struct stat st;
	ssize_t n;
	int fd;

	if (fstat(from, &st) || !S_ISREG(st.st_mode))
		return 0;
	kf_puts(&o, "/proc/self/fd/");
	kf_putu(&o, from);
	memcpy(path, o.buf, o.len);
	path[o.len] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* in the kernel when it can: a program may print megabytes first */
	while ((n = syscall(SYS_copy_file_range, fd, NULL, to, NULL, 1 << 30,
			    0)) > 0)
		;
	/* what is left (another file system, an old kernel): by hand */
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || kf_write_all(to, buf, n)) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

/*
 * The point's files, made by the server before it forks: stdout and
 * stderr with what the run printed so far (the output of a run of its
 * own starts the same way), and an empty report (as before main).  A
 * file that cannot be made is not worth a fork: -1.
 */
static int kf_point_files(const struct kf_point *pt, int fds[2], char *report,
			  size_t size)
{
	static const char *const ext[2] = {"out", "err"};
	char path[600];
	int i, fd;

	fds[0] = fds[1] = -1;
	for (i = 0; i < 2; i++) {
		kf_point_path(path, sizeof(path), pt->id, ext[i]);
		fds[i] = kf_create(path);
		if (fds[i] < 0 || kf_copy_prefix(i + 1, fds[i]))
			goto err;
	}
	kf_point_path(report, size, pt->id, "json");
	fd = kf_create(report);
	if (fd < 0)
		goto err;
	close(fd);
	return 0;
err:
	for (i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return -1;
}

/* ---- SIGCHLD, raw: the server's own business, no interposer's -------- */

/* The kernel's struct sigaction (rt_sigaction(2)). */
struct kf_ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static int kf_sigchld(const struct kf_ksigaction *act,
		      struct kf_ksigaction *old)
{
	return syscall(SYS_rt_sigaction, SIGCHLD, act, old, 8);
}

/* ---- the child: the point's run -------------------------------------- */

/*
 * The rule from here on is the point's: fail_nth=N's (nothing more
 * fails), or with PERSIST fail_nth=N,probability=100,times=-1's (every
 * later call fails).
 */
static void kf_child_rule(struct kfault_rule *r, const struct kf_point *pt)
{
	struct kfault_rule_state *st = kfault_rule_state(r);

	r->fork = false;
	r->ppm = pt->persist ? 1000000 : 0;
	st->times = pt->persist ? -1 : 0;
	st->nth_done = true;
}

static void kf_child(struct kfault_rule *r, const struct kf_point *pt,
		     pid_t server, const int fds[2], const char *report,
		     const sigset_t *mask)
{
	/* Dies with the server; if it is already gone, goes no further. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != server)
		syscall(SYS_exit_group, 127);
	setpgid(0, 0);
	close(kf_log);
	kf_log = -1;
	kf_serving = false;
	dup2(fds[0], 1);
	dup2(fds[1], 2);
	close(fds[0]);
	close(fds[1]);
	strcpy(kf_cfg.report, report);
	kf_child_rule(r, pt);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, mask, NULL, 8);
}

/* ---- the parent: wait for the point's run ----------------------------- */

struct kf_ended {
	int status;
	bool timed_out;
	bool lost;
};

static void kf_sleep_ms(int ms)
{
	struct timespec ts = {0, ms * 1000000L};

	syscall(SYS_nanosleep, &ts, NULL);
}

/*
 * Wait for @pid until @deadline (CLOCK_MONOTONIC ns); past it SIGABRT,
 * then SIGKILL to its group every grace period, as the command does with
 * a run of its own.  A pidfd tells when it ends; without one, a look
 * every millisecond.
 */
static void kf_wait(pid_t pid, uint64_t deadline, struct kf_ended *e)
{
	int pidfd = syscall(SYS_pidfd_open, pid, 0);
	uint64_t now, kill_at = 0;
	pid_t got;

	memset(e, 0, sizeof(*e));
	for (;;) {
		got = syscall(SYS_wait4, pid, &e->status, WNOHANG, NULL);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			e->lost = true;
			break;
		}
		now = kfault_now_ns();
		if (!e->timed_out && now >= deadline) {
			kill(pid, SIGABRT);
			e->timed_out = true;
			kill_at = now + KF_KILL_GRACE_NS;
		} else if (e->timed_out && now >= kill_at) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			kill_at = now + KF_KILL_GRACE_NS;
		}
		if (pidfd >= 0) {
			uint64_t next = e->timed_out ? kill_at : deadline;
			struct pollfd pfd = {.fd = pidfd, .events = POLLIN};
			struct timespec ts = {0, 0};

			if (next > now) {
				ts.tv_sec = (next - now) / 1000000000;
				ts.tv_nsec = (next - now) % 1000000000;
			}
			syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8);
		} else {
			kf_sleep_ms(1);
		}
	}
	/* What it left running in its group ends with it. */
	kill(-pid, SIGKILL);
	if (pidfd >= 0)
		close(pidfd);
}

/* ---- at a point --------------------------------------------------------- */

/*
 * Fork point @pt at this call: true in the child, which fails the call;
 * in the server, false once the child has ended and the log says so.
 */
static bool kf_fork(struct kfault_rule *r, const struct kf_point *pt)
{
	uint64_t t0, own, deadline, waited;
	int fds[2], saved_errno = errno;
	sigset_t block, old;
	struct kf_ksigaction chld, dfl = {.handler = SIG_DFL};
	char report[sizeof(kf_cfg.report)];
	struct kf_ended e;
	bool ignored;
	pid_t server = getpid(), pid;

	if (!kf_alone()) {
		kf_log_line("exec", pt->id, KFAULT_FORK_WHY_THREADS, 0, 0, 0);
		errno = saved_errno;
		return false;
	}
	if (kf_point_files(pt, fds, report, sizeof(report))) {
		kf_log_line("exec", pt->id, KFAULT_FORK_WHY_FILES, 0, 0, 0);
		errno = saved_errno;
		return false;
	}
	/*
	 * The server reaps the child itself: SIGCHLD stays blocked until
	 * then (a handler of the program's sees one signal, after), and is
	 * not ignored meanwhile (that would reap it first).
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &block, &old, 8);
	kf_sigchld(NULL, &chld);
	ignored = chld.handler == SIG_IGN || (chld.flags & SA_NOCLDWAIT);
	if (ignored)
		kf_sigchld(&dfl, NULL);
	t0 = kfault_now_ns();
	kf_point_child = true;
	pid = fork();
	kf_point_child = false;
	if (pid == 0) {
		if (ignored)
			kf_sigchld(&chld, NULL);
		kf_child(r, pt, server, fds, report, &old);
		errno = saved_errno;
		return true;
	}
	close(fds[0]);
	close(fds[1]);
	if (pid < 0) {
		kf_log_line("exec", pt->id, KFAULT_FORK_WHY_FORK, 0, 0, 0);
	} else {
		/* the run's own time so far: its prefix, the waits left out */
		own = t0 - kf_start_ns - kf_waited_ns;
		deadline = t0 + (own < kf_timeout_ns ? kf_timeout_ns - own : 0);
		kf_wait(pid, deadline, &e);
		waited = kfault_now_ns() - t0;
		kf_waited_ns += waited;
		if (e.lost)
			kf_log_line("exec", pt->id, KFAULT_FORK_WHY_LOST, 0, 0,
				    0);
		else
			kf_log_line("fork", pt->id, NULL, e.status, e.timed_out,
				    (own + waited) / 1000);
	}
	if (ignored)
		kf_sigchld(&chld, NULL);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
	errno = saved_errno;
	return false;
}

/* The first nth point at call @n, or NULL. */
static const struct kf_point *kf_nth_at(unsigned long n)
{
	unsigned long lo = 0, hi = kf_nr_nth;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (kf_nth_pts[mid].n < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < kf_nr_nth && kf_nth_pts[lo].n == n ? &kf_nth_pts[lo] : NULL;
}

static struct kf_key *kf_key_of(unsigned int created, uint64_t id)
{
	unsigned long i;

	/* few keys: a program's distinct stacks of a thread */
	for (i = 0; i < kf_nr_keys; i++)
		if (kf_keys[i].created == created && kf_keys[i].stack_id == id)
			return &kf_keys[i];
	return NULL;
}

bool kfault_fork_point(struct kfault_rule *r, struct kfault_thread *t,
		       const struct kstub_site *site, uintptr_t *frames,
		       unsigned int *nr, unsigned long *call)
{
	struct kfault_rule_state *st = kfault_rule_state(r);
	unsigned long n = kf_inc(&st->nth_count), occ, i;
	const struct kf_point *pt;
	struct kf_key *k;

	if (!kf_serving)
		return false;
	for (pt = kf_nth_at(n); pt && pt < kf_nth_pts + kf_nr_nth && pt->n == n;
	     pt++) {
		if (kf_fork(r, pt)) {
			*call = n;
			return true;
		}
	}
	if (!t->created || t->created > 64 ||
	    !(kf_created_mask >> (t->created - 1) & 1))
		return false;
	if (!*nr)
		*nr = kfault_backtrace(frames, KFAULT_MAX_FRAMES, site->caller);
	k = kf_key_of(t->created, kfault_stack_hash(frames, *nr));
	if (!k)
		return false;
	occ = kf_inc(&k->count);
	for (i = k->first; i < k->first + k->nr; i++) {
		if (kf_stack_pts[i].n != occ)
			continue;
		if (kf_fork(r, &kf_stack_pts[i])) {
			*call = occ;
			return true;
		}
	}
	return false;
}

bool kfault_forks_point_child(void)
{
	return kf_point_child;
}
