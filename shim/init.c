// SPDX-License-Identifier: GPL-2.0-only
/*
 * The process side of libkfault: read the spec before main, resolve it,
 * create the output files and arm the hook; give a forked child its own
 * state.  exits.c writes the report on every way out.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kfault.h"

static void kf_say(const char *msg)
{
	ssize_t n = write(2, msg, strlen(msg));

	(void)n;
}

/*
 * The child of fork: only this thread exists; start the records afresh.
 * A fork server's point is no new process but the run itself, going on
 * along another path: its counts and records stay (it is single-threaded,
 * so nothing else needs mending).
 */
static void kf_atfork_child(void)
{
	if (kfault_forks_point_child())
		return;
	kf_forked = true;
	kfault_symbols_atfork_child();
	kfault_threads_atfork_child();
	kfault_records_atfork_child();
	kfault_rules_atfork_child();
	kfault_exits_atfork_child();
	kfault_spawn_atfork_child();
	kfault_sched_atfork_child();
	kfault_trace_start();
}

static void __attribute__((noreturn, format(printf, 1, 2)))
kf_spec_file_error(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "kfault: spec: %s: %s\n", KFAULT_ENV_SPEC_FILE, msg);
	_exit(KFAULT_EXIT_SPEC);
}

/*
 * The file KFAULT_SPEC names, into @buf: a regular file of text.  It is
 * opened without blocking (a FIFO would wait for a writer) and checked
 * before it is read.
 */
static const char *kf_spec_file(const char *file, char *buf, size_t len)
{
	struct stat st;
	ssize_t n, got = 0;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		kf_spec_file_error("cannot read '%s': %s", file,
				   strerror(errno));
	if (fstat(fd, &st))
		kf_spec_file_error("cannot read '%s': %s", file,
				   strerror(errno));
	if (!S_ISREG(st.st_mode))
		kf_spec_file_error("'%s' is not a regular file", file);
	for (;;) {
		n = read(fd, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			kf_spec_file_error("cannot read '%s': %s", file,
					   strerror(errno));
		if (!n || got + n == (ssize_t)len - 1) {
			got += n;
			break;
		}
		got += n;
	}
	close(fd);
	if (got == (ssize_t)len - 1)
		kf_spec_file_error("'%s' is longer than %zu bytes", file,
				   len - 2);
	if (memchr(buf, '\0', got))
		kf_spec_file_error("'%s' has a NUL byte: not a spec file",
				   file);
	buf[got] = '\0';
	return buf;
}

/* The spec: KFAULT, or the file KFAULT_SPEC names (read into @buf). */
static const char *kf_spec_text(char *buf, size_t len)
{
	const char *env = getenv(KFAULT_ENV_SPEC),
		   *file = getenv(KFAULT_ENV_SPEC_FILE);

	if (env && file) {
		fprintf(stderr, "kfault: spec: KFAULT_SPEC: both KFAULT and "
				"KFAULT_SPEC are set; use one\n");
		_exit(KFAULT_EXIT_SPEC);
	}
	if (env) {
		kf_cfg.spec_source = KFAULT_ENV_SPEC;
		return env;
	}
	if (!file)
		return NULL;
	kf_cfg.spec_source = KFAULT_ENV_SPEC_FILE;
	return kf_spec_file(file, buf, len);
}

/*
 * A relative output path is made absolute now, so that a program that
 * calls chdir() still writes where it was asked to.
 */
static int kf_absolute(char *path, size_t size)
{
	char cwd[512], rel[512];

	if (path[0] == '/')
		return 0;
	if (!getcwd(cwd, sizeof(cwd)))
		return -1;
	snprintf(rel, sizeof(rel), "%s", path);
	if ((size_t)snprintf(path, size, "%s/%s", cwd, rel) >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* KFAULT_REPORT: the report's path, from outside the spec text. */
static int kf_report_env(char *err, size_t errlen)
{
	const char *path = getenv(KFAULT_ENV_REPORT);

	if (!path)
		return 0;
	if (kf_cfg.report[0]) {
		kfault_spec_error(err, errlen, "report", 0, 0,
				  "both report= and %s are given; use one",
				  KFAULT_ENV_REPORT);
		return -1;
	}
	if (!path[0] || strlen(path) >= sizeof(kf_cfg.report)) {
		kfault_spec_error(err, errlen, "report", 0, 0,
				  "%s is empty or longer than %zu bytes",
				  KFAULT_ENV_REPORT, sizeof(kf_cfg.report) - 1);
		return -1;
	}
	strcpy(kf_cfg.report, path);
	return 0;
}

/* KFAULT_FORK_POINTS: the fork server's points file, as KFAULT_REPORT. */
static int kf_fork_points_env(char *err, size_t errlen)
{
	const char *path = getenv(KFAULT_ENV_FORK_POINTS);

	if (!path)
		return 0;
	if (kf_cfg.fork_points[0] || !path[0] ||
	    strlen(path) >= sizeof(kf_cfg.fork_points)) {
		kfault_spec_error(err, errlen, "fork_points", 0, 0, "%s: %s",
				  KFAULT_ENV_FORK_POINTS,
				  kf_cfg.fork_points[0]
					  ? "fork_points= is given too; use one"
					  : "empty or too long");
		return -1;
	}
	strcpy(kf_cfg.fork_points, path);
	return 0;
}

/* report= and trace= files are created before main: a bad path stops it. */
static int kf_create_outputs(char *err, size_t errlen)
{
	const struct {
		const char *key;
		char *path;
		size_t size;
	} out[] = {{"report", kf_cfg.report, sizeof(kf_cfg.report)},
		   {"trace", kf_cfg.trace, sizeof(kf_cfg.trace)}};
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		if (!out[i].path[0])
			continue;
		if (kf_absolute(out[i].path, out[i].size))
			fd = -1;
		else
			fd = kf_open_output(out[i].path, NULL, 0);
		if (fd < 0) {
			kfault_spec_error(err, errlen, out[i].key, 0, 0,
					  "cannot create '%s': %s", out[i].path,
					  strerror(errno));
			return -1;
		}
		kf_output_started(fd);
		close(fd);
	}
	return 0;
}

static void kf_spec_refused(const char *err)
{
	fprintf(stderr, "%s\n", err);
	_exit(KFAULT_EXIT_SPEC);
}

static void kf_setup(void)
{
	static char buf[KFAULT_SPEC_MAX + 1];
	char err[512];
	int (*abi)(void);
	const char *text;
	uint64_t mask;
	int ret;

	/* Every process we are preloaded in runs our _exit and sigaction. */
	kfault_exits_resolve();
	/* Not a kstub program (a shell, a symbolizer): nothing to do here. */
	abi = (int (*)(void))dlsym(RTLD_DEFAULT, "kstub_hook_abi_version");
	if (!abi)
		return;
	if (abi() != KSTUB_HOOK_ABI_VERSION) {
		kf_say("kfault: libkstub has another hook ABI version; not "
		       "armed\n");
		return;
	}
	if (getauxval(AT_SECURE)) {
		if (getenv(KFAULT_ENV_SPEC) || getenv(KFAULT_ENV_SPEC_FILE))
			kf_say("kfault: refusing to act in a setuid/setgid "
			       "program\n");
		return;
	}
	text = kf_spec_text(buf, sizeof(buf));
	if (!text)
		return;
	if (kfault_threads_init() || kfault_records_init() ||
	    kfault_symbols_init()) {
		kf_say("kfault: cannot set up (out of memory?); not armed\n");
		return;
	}
	if (kfault_spec_parse(text, text == buf, &kf_cfg, err, sizeof(err)) ||
	    kfault_rules_resolve(&kf_cfg, err, sizeof(err)) ||
	    kfault_sched_load(err, sizeof(err)) ||
	    kf_report_env(err, sizeof(err)) ||
	    kf_fork_points_env(err, sizeof(err)) ||
	    kfault_spec_forks(&kf_cfg, err, sizeof(err)) ||
	    kf_create_outputs(err, sizeof(err)) ||
	    kfault_forks_init(err, sizeof(err)))
		kf_spec_refused(err);
	if (!kf_cfg.seed_given) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		kf_cfg.seed = ((uint64_t)ts.tv_nsec << 20 ^ ts.tv_sec) ^
			      (uint64_t)getpid() << 40;
	}
	kfault_rules_arm(&kf_cfg);
	kf_cfg.collect =
		kf_cfg.report[0] || kf_cfg.trace[0] || kf_cfg.verbose >= 2;
	mask = kf_cfg.fault_mask | kf_cfg.delay_mask;
	/* The scheduler decides at every site, whatever its class. */
	if (kf_cfg.collect || kf_cfg.sched)
		mask = KFAULT_ALL_CLASSES;
	kfault_report_init();
	kfault_trace_start();
	ret = pthread_atfork(NULL, NULL, kf_atfork_child);
	if (ret) {
		fprintf(stderr, "kfault: pthread_atfork: %s; not armed\n",
			strerror(ret));
		return;
	}
	if (kfault_exits_install()) {
		kf_say("kfault: cannot install the exit and signal handlers; "
		       "not armed\n");
		return;
	}
	kfault_unwind_init();
	kfault_sched_init();
	kfault_spawn_arm();
	kfault_arm(mask);
}

/* Before main, and before the program's own constructors. */
static void __attribute__((constructor)) kf_init(void)
{
	int saved_errno = errno;

	kf_setup();
	errno = saved_errno;
}
