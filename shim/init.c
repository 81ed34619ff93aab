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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
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
	kfault_inject_reset();
	__atomic_store_n(&kf_reported, 0, __ATOMIC_RELAXED);
	kfault_trace_start();
}

/* Read KFAULT, or the file KFAULT_SPEC names, into @buf. */
static const char *kf_spec_text(char *buf, size_t len)
{
	const char *env = getenv("KFAULT"), *file = getenv("KFAULT_SPEC");
	ssize_t n, got = 0;
	int fd;

	if (env && file) {
		fprintf(stderr, "kfault: spec: KFAULT_SPEC: both KFAULT and "
				"KFAULT_SPEC are set; use one\n");
		_exit(KFAULT_EXIT_SPEC);
	}
	if (env) {
		kf_cfg.spec_source = "KFAULT";
		return env;
	}
	if (!file)
		return NULL;
	kf_cfg.spec_source = "KFAULT_SPEC";
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr,
			"kfault: spec: KFAULT_SPEC: cannot read '%s': %s\n",
			file, strerror(errno));
		_exit(KFAULT_EXIT_SPEC);
	}
	while ((n = read(fd, buf + got, len - 1 - got)) > 0)
		got += n;
	close(fd);
	if (got == (ssize_t)len - 1) {
		fprintf(stderr,
			"kfault: spec: KFAULT_SPEC: '%s' is longer than %zu "
			"bytes\n",
			file, len - 2);
		_exit(KFAULT_EXIT_SPEC);
	}
	buf[got] = '\0';
	return buf;
}

static void kf_setup(void)
{
	static char buf[KFAULT_SPEC_MAX + 1];
	char err[512];
	int (*abi)(void);
	const char *text;
	unsigned int i;
	uint64_t mask;

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
		if (getenv("KFAULT") || getenv("KFAULT_SPEC"))
			kf_say("kfault: refusing to act in a setuid/setgid "
			       "program\n");
		return;
	}
	text = kf_spec_text(buf, sizeof(buf));
	if (!text)
		return;
	if (kfault_inject_setup() || kfault_symbols_init()) {
		kf_say("kfault: cannot set up (out of memory?); not armed\n");
		return;
	}
	if (kfault_spec_parse(text, &kf_cfg, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		_exit(KFAULT_EXIT_SPEC);
	}
	if (!kf_cfg.seed_given) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		kf_cfg.seed = ((uint64_t)ts.tv_nsec << 20 ^ ts.tv_sec) ^
			      (uint64_t)getpid() << 40;
	}
	for (i = 0; i < kf_cfg.nr_rules; i++)
		if (kf_cfg.rules[i].mode == KFAULT_DELAY_PCT)
			kfault_pct_plan(&kf_cfg.rules[i], kf_cfg.seed);
	kf_collect = kf_cfg.report[0] || kf_cfg.trace[0] || kf_cfg.verbose >= 2;
	mask = kf_cfg.fault_mask | kf_cfg.delay_mask;
	if (kf_collect)
		mask = (UINT64_C(1) << KSTUB_NR_SITE_CLASSES) - 1;
	kfault_report_init();
	kfault_trace_start();
	pthread_atfork(NULL, NULL, kf_atfork_child);
	on_exit(kf_on_exit, NULL);
	kf_install_signals();
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(kf_on_death);
	__atomic_store_n(&kf_active_mask, mask, __ATOMIC_RELEASE);
}

/* Before main, and before the program's own constructors. */
static void __attribute__((constructor)) kf_init(void)
{
	int saved_errno = errno;

	kf_setup();
	errno = saved_errno;
}
