// SPDX-License-Identifier: GPL-2.0-only
/*
 * The process side of libkfault: read the spec before main, arm the hook,
 * and write the report at exit, on a fatal signal, or when a sanitizer
 * stops the program; give a forked child its own state and report.
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

/* Sanitizer runtimes live in the executable; absent otherwise. */
extern void __sanitizer_set_death_callback(void (*cb)(void))
	__attribute__((weak));

static int kf_reported;
static const int kf_fatal[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
#define KF_NR_FATAL (sizeof(kf_fatal) / sizeof(kf_fatal[0]))
static struct sigaction kf_old[KF_NR_FATAL];

static void kf_say(const char *msg)
{
	ssize_t n = write(2, msg, strlen(msg));

	(void)n;
}

static bool kf_report_once(void)
{
	kfault_disarm();
	return !__atomic_exchange_n(&kf_reported, 1, __ATOMIC_ACQ_REL);
}

static void kf_on_exit(int status, void *arg)
{
	if (!kf_report_once())
		return;
	kfault_report(KFAULT_EXIT_NORMAL, status, 0);
	if (kf_cfg.leak_exitcode && kfault_report_leaks()) {
		fflush(NULL);
		_exit(kf_cfg.leak_exitcode);
	}
}

static void kf_on_death(void)
{
	if (kf_report_once())
		kfault_report(KFAULT_EXIT_SANITIZER, 0, 0);
}

static void kf_on_signal(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;
	unsigned int i;

	if (kf_report_once())
		kfault_report(KFAULT_EXIT_SIGNAL, 0, sig);
	for (i = 0; i < KF_NR_FATAL; i++)
		if (kf_fatal[i] == sig)
			break;
	if (i == KF_NR_FATAL)
		return;
	/* Hand over to whoever was there before us. */
	sigaction(sig, &kf_old[i], NULL);
	errno = saved_errno;
	if ((kf_old[i].sa_flags & SA_SIGINFO) && kf_old[i].sa_sigaction) {
		kf_old[i].sa_sigaction(sig, si, uc);
	} else if (kf_old[i].sa_handler != SIG_DFL &&
		   kf_old[i].sa_handler != SIG_IGN) {
		kf_old[i].sa_handler(sig);
	} else {
		/*
		 * Default action: re-raise; it is blocked until we return,
		 * then kills the process with this signal as its status.
		 */
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void kf_install_signals(void)
{
	struct sigaction sa;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = kf_on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < KF_NR_FATAL; i++)
		sigaction(kf_fatal[i], &sa, &kf_old[i]);
}

/* The child of fork: only this thread exists; start the records afresh. */
static void kf_atfork_child(void)
{
	kf_forked = true;
	kfault_symbols_atfork_child();
	kfault_threads_atfork_child();
	kfault_records_atfork_child();
	kfault_rules_atfork_child();
	__atomic_store_n(&kf_reported, 0, __ATOMIC_RELAXED);
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

/* report= and trace= files are created before main: a bad path stops it. */
static int kf_create_outputs(char *err, size_t errlen)
{
	const struct {
		const char *key, *path;
	} out[] = {{"report", kf_cfg.report}, {"trace", kf_cfg.trace}};
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		if (!out[i].path[0])
			continue;
		fd = kf_open_output(out[i].path, NULL, 0);
		if (fd < 0) {
			kfault_spec_error(err, errlen, out[i].key, 0, 0,
					  "cannot create '%s': %s", out[i].path,
					  strerror(errno));
			return -1;
		}
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
	    kf_create_outputs(err, sizeof(err)))
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
	if (kf_cfg.collect)
		mask = KFAULT_ALL_CLASSES;
	kfault_report_init();
	kfault_trace_start();
	ret = pthread_atfork(NULL, NULL, kf_atfork_child);
	if (ret) {
		fprintf(stderr, "kfault: pthread_atfork: %s; not armed\n",
			strerror(ret));
		return;
	}
	on_exit(kf_on_exit, NULL);
	kf_install_signals();
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(kf_on_death);
	kfault_arm(mask);
}

/* Before main, and before the program's own constructors. */
static void __attribute__((constructor)) kf_init(void)
{
	int saved_errno = errno;

	kf_setup();
	errno = saved_errno;
}
