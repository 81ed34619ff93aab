// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a process ends, and the report written on every way out:
 *  - exit() and a return from main: an on_exit handler, after the
 *    program's own atexit handlers;
 *  - _exit() and _Exit(), interposed: the report first, then the real
 *    one (a forked child that calls them writes nothing, as documented:
 *    fork-then-_exit is how children skip their parent's handlers);
 *  - a fatal signal: our handler writes the report, then hands over to
 *    the program's handler.  A program that installs its own handler
 *    later (sigaction or signal, interposed) does not replace ours: its
 *    handler is kept and chained, so a handler that calls _exit(0) after
 *    a SIGSEGV still leaves a report that says "signal";
 *  - a sanitizer stopping the program: its death callback.
 * Only the first of these writes.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kfault.h"

#define KF_EXPORT __attribute__((visibility("default")))

/* Sanitizer runtimes live in the executable; absent otherwise. */
extern void __sanitizer_set_death_callback(void (*cb)(void))
	__attribute__((weak));

static const int kf_fatal[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
#define KF_NR_FATAL (sizeof(kf_fatal) / sizeof(kf_fatal[0]))

static int kf_reported;
static bool kf_installed; /* our fatal-signal handlers are in place */
/* What the program (or whoever came before us) wants for each signal. */
static struct sigaction kf_app[KF_NR_FATAL];

/* The next definitions, found once before main (dlsym RTLD_NEXT). */
static void (*kf_real_exit)(int);
static void (*kf_real_Exit)(int);
static int (*kf_real_sigaction)(int, const struct sigaction *,
				struct sigaction *);

static void __attribute__((noreturn)) kf_exit_now(void (*fn)(int), int status)
{
	if (fn)
		fn(status);
	for (;;)
		syscall(SYS_exit_group, status);
}

/* Before the constructor ran (another library's constructor): look now. */
static int kf_sigaction(int sig, const struct sigaction *act,
			struct sigaction *old)
{
	if (!kf_real_sigaction)
		kfault_exits_resolve();
	if (!kf_real_sigaction) {
		errno = ENOSYS;
		return -1;
	}
	return kf_real_sigaction(sig, act, old);
}

static int kf_fatal_index(int sig)
{
	unsigned int i;

	for (i = 0; i < KF_NR_FATAL; i++)
		if (kf_fatal[i] == sig)
			return i;
	return -1;
}

static bool kf_report_once(void)
{
	kfault_disarm();
	return !__atomic_exchange_n(&kf_reported, 1, __ATOMIC_ACQ_REL);
}

/* A normal end with @status; returns the status the process should have. */
static int kf_report_exit(int status)
{
	if (!kf_report_once())
		return status;
	kfault_report(KFAULT_EXIT_NORMAL, status, 0);
	if (kf_cfg.leak_exitcode && kfault_report_leaks())
		return kf_cfg.leak_exitcode;
	return status;
}

static void kf_on_exit(int status, void *arg)
{
	int st = kf_report_exit(status);

	(void)arg;
	if (st != status) {
		fflush(NULL);
		kf_exit_now(kf_real_exit, st);
	}
}

KF_EXPORT void _exit(int status)
{
	if (kf_installed && !kf_forked)
		status = kf_report_exit(status);
	kf_exit_now(kf_real_exit, status);
}

KF_EXPORT void _Exit(int status)
{
	if (kf_installed && !kf_forked)
		status = kf_report_exit(status);
	kf_exit_now(kf_real_Exit ? kf_real_Exit : kf_real_exit, status);
}

static void kf_on_death(void)
{
	if (kf_report_once())
		kfault_report(KFAULT_EXIT_SANITIZER, 0, 0);
}

static void kf_on_signal(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno, i = kf_fatal_index(sig);
	struct sigaction app;

	if (kf_report_once())
		kfault_report(KFAULT_EXIT_SIGNAL, 0, sig);
	if (i < 0)
		return;
	/* Hand over to the program's handler, or the one before us. */
	app = kf_app[i];
	kf_sigaction(sig, &app, NULL);
	errno = saved_errno;
	if ((app.sa_flags & SA_SIGINFO) && app.sa_sigaction) {
		app.sa_sigaction(sig, si, uc);
	} else if (app.sa_handler != SIG_DFL && app.sa_handler != SIG_IGN) {
		app.sa_handler(sig);
	} else {
		/*
		 * Default action: re-raise; it is blocked until we return,
		 * then kills the process with this signal as its status.
		 */
		app.sa_handler = SIG_DFL;
		app.sa_flags = 0;
		kf_sigaction(sig, &app, NULL);
		raise(sig);
	}
}

/*
 * The program sets a fatal signal's handler: keep ours in the kernel and
 * remember theirs, to run after the report.  Anything else passes.
 */
KF_EXPORT int sigaction(int sig, const struct sigaction *act,
			struct sigaction *old)
{
	int i = kf_installed ? kf_fatal_index(sig) : -1;

	if (i < 0)
		return kf_sigaction(sig, act, old);
	if (old)
		*old = kf_app[i];
	if (act)
		kf_app[i] = *act;
	return 0;
}

KF_EXPORT sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, &old))
		return SIG_ERR;
	return old.sa_handler;
}

/* In a forked child: its own report, once. */
void kfault_exits_atfork_child(void)
{
	__atomic_store_n(&kf_reported, 0, __ATOMIC_RELAXED);
}

/* Look the real functions up: before threads, and before we arm. */
void kfault_exits_resolve(void)
{
	kf_real_exit = (void (*)(int))dlsym(RTLD_NEXT, "_exit");
	kf_real_Exit = (void (*)(int))dlsym(RTLD_NEXT, "_Exit");
	kf_real_sigaction =
		(int (*)(int, const struct sigaction *,
			 struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
}

int kfault_exits_install(void)
{
	struct sigaction sa;
	unsigned int i;

	if (on_exit(kf_on_exit, NULL))
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = kf_on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < KF_NR_FATAL; i++)
		if (kf_sigaction(kf_fatal[i], &sa, &kf_app[i]))
			return -1;
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(kf_on_death);
	kf_installed = true;
	return 0;
}
