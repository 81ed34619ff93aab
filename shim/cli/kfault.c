// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault: fail every allocation of a kernel-style program one at a time,
 * or shake its thread schedule until it breaks, and say what happened.
 * See kfault(1).  This file only picks the command.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *what;
} commands[] = {
	{"run", kfc_cmd_run, "one run under the shim; print its report"},
	{"sweep", kfc_cmd_sweep,
	 "fail each fault point of PROG in turn and classify every run"},
	{"race", kfc_cmd_race,
	 "rerun PROG under seeded delay schedules until it fails"},
	{"replay", kfc_cmd_replay, "rerun one delay schedule by its seed"},
	{"symbolize", kfc_cmd_symbolize,
	 "a report's stacks as function (file:line), inlines included"},
	{"merge", kfc_cmd_merge,
	 "the --json files of a sweep's shards as one sweep"},
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: kfault COMMAND [options] -- PROG [ARGS...]\n"
		   "       kfault COMMAND --help\n"
		   "       kfault --version\n\nCommands:\n");
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].what);
	fprintf(f, "\nPROG runs with libkfault.so preloaded (found through "
		   "$" KFAULT_ENV_LIB
		   ", the build\ntree, or the install directory) "
		   "and the spec in $" KFAULT_ENV_SPEC ".  See kfault(1)\nand "
		   "kfault-spec(7).\n");
}

/*
 * What a command printed on stdout (the table, the replay line, the
 * report) is its result: when it could not all be written, say so and
 * fail, whatever the command found.
 */
static int close_stdout(int ret)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return ret;
	kfc_warn("cannot write to standard output: %s",
		 errno ? strerror(errno) : "write error");
	return KFC_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return KFC_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *sub[] = {argv[2], "--help", NULL};

			for (i = 0; i < NR_COMMANDS; i++)
				if (!strcmp(argv[2], commands[i].name))
					return commands[i].fn(2, sub);
		}
		usage(stdout);
		return KFC_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("kfault %s\n", PACKAGE_VERSION);
		return KFC_EXIT_OK;
	}
	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return close_stdout(commands[i].fn(argc - 1, argv + 1));
	fprintf(stderr, "kfault: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return KFC_EXIT_USAGE;
}
