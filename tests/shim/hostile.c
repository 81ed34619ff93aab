// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs that end in the ways kernel-style test drivers do, each a way
 * a report could be lost: shim-hostile MODE.
 *
 *   segv-sigaction   install a SIGSEGV handler with sigaction that
 *                    calls _exit(0), then fault
 *   segv-signal      the same with signal()
 *   leak-_exit       leak an object, then _exit(0)
 *   leak-_Exit       leak an object, then _Exit(0)
 *   dtor-_exit       leak, return from main; a destructor calls _exit(3)
 *   chdir            chdir("/"), leak, exit(0)
 *   exec             exec /bin/true (not a kstub program)
 *   daemon           fork a child that calls setsid() and sleeps for
 *                    ARG seconds (default 3600), then exit(0)
 *   ok               allocate, free, exit(0)
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/slab.h>

static volatile int *volatile hostile_null;
static int hostile_dtor_exit;

static void hostile_exit0(int sig)
{
	(void)sig;
	_exit(0);
}

static void hostile_segv(void)
{
	*hostile_null = 1;
}

static void hostile_leak(void)
{
	void *p = kmalloc(16, GFP_KERNEL);

	/* Keep the compiler from dropping the allocation. */
	__asm__ volatile("" : : "r"(p) : "memory");
}

static void __attribute__((destructor)) hostile_dtor(void)
{
	if (hostile_dtor_exit)
		_exit(3);
}

static int hostile_daemon(const char *arg)
{
	unsigned int secs = arg ? (unsigned int)atoi(arg) : 3600;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (!pid) {
		setsid();
		while (secs)
			secs = sleep(secs);
		_exit(0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "ok";
	struct sigaction sa;

	kfree(kmalloc(8, GFP_KERNEL));
	if (!strcmp(mode, "segv-sigaction")) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = hostile_exit0;
		sigaction(SIGSEGV, &sa, NULL);
		hostile_segv();
	} else if (!strcmp(mode, "segv-signal")) {
		signal(SIGSEGV, hostile_exit0);
		hostile_segv();
	} else if (!strcmp(mode, "leak-_exit")) {
		hostile_leak();
		_exit(0);
	} else if (!strcmp(mode, "leak-_Exit")) {
		hostile_leak();
		_Exit(0);
	} else if (!strcmp(mode, "dtor-_exit")) {
		hostile_leak();
		hostile_dtor_exit = 1;
		return 0;
	} else if (!strcmp(mode, "chdir")) {
		if (chdir("/"))
			return 1;
		hostile_leak();
		exit(0);
	} else if (!strcmp(mode, "exec")) {
		execl("/bin/true", "true", (char *)NULL);
		return 127;
	} else if (!strcmp(mode, "daemon")) {
		return hostile_daemon(argc > 2 ? argv[2] : NULL);
	} else if (strcmp(mode, "ok")) {
		fprintf(stderr, "shim-hostile: unknown mode '%s'\n", mode);
		return 2;
	}
	return 0;
}
