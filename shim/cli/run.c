// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault run: one run of PROG under the shim, in the foreground (it
 * keeps the terminal, and Ctrl-C reaches it), then a summary of the
 * shim's report.  The exit status is PROG's, or KFC_EXIT_USAGE when the
 * report is one this kfault cannot read.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static const char run_help[] =
	"Usage: kfault run [options] -- PROG [ARGS...]\n"
	"Run PROG once with libkfault.so preloaded and the spec built from\n"
	"the options, then print a summary of the shim's report.  Exits with\n"
	"PROG's status (128+N when signal N killed it), or 2 when the report\n"
	"is one this kfault cannot read (another version).\n\n"
	"  --report FILE        keep the JSON report in FILE\n"
	"  --json               print the JSON report on stdout (PROG's own\n"
	"                       stdout then goes to stderr)\n";

enum { OPT_REPORT = 0x200, OPT_JSON };

struct run_ctx {
	const char *report;
	bool json;
};

static int run_option(int c, const char *arg, void *ctx)
{
	struct run_ctx *rc = ctx;

	switch (c) {
	case OPT_REPORT:
		rc->report = arg;
		return 1;
	case OPT_JSON:
		rc->json = true;
		return 1;
	}
	return 0;
}

char *kfc_spec_compose(const char *user, const char *rule_extra,
		       const char *globals)
{
	struct kfc_buf b = {0};

	kfc_buf_add(&b, "", 0);
	if (user && *user)
		kfc_buf_puts(&b, user);
	if (rule_extra && *rule_extra) {
		if (b.len)
			kfc_buf_puts(&b, ",");
		kfc_buf_puts(&b, rule_extra);
	}
	if (globals && *globals) {
		if (b.len)
			kfc_buf_puts(&b, ";");
		kfc_buf_puts(&b, globals);
	}
	return b.s;
}

static void summarize(const struct kfc_verdict *v, const struct kfc_report *r,
		      const char *prog)
{
	if (v->signal)
		fprintf(stderr, "kfault: %s killed by %s: %s", prog,
			strsignal(v->signal), kfc_outcome_name(v->outcome));
	else
		fprintf(stderr, "kfault: %s exited with status %d: %s", prog,
			v->exit, kfc_outcome_name(v->outcome));
	fprintf(stderr, "%s%s\n", v->detail[0] ? " - " : "", v->detail);
	if (!r->present) {
		/* why there is none, or why it was refused, is above */
		if (kfc_not_kstub(v, r))
			fprintf(stderr, "kfault: " KFC_NOT_KSTUB_HINT "\n",
				prog);
		return;
	}
	if (v->title[0])
		fprintf(stderr, "kfault: %s\n", v->title);
	fprintf(stderr, "kfault: %ld fault%s injected", r->faults,
		r->faults == 1 ? "" : "s");
	/* The shim printed its stack as it failed it: its place only. */
	if (r->fault_stack.nr) {
		struct kfc_srcstack src;
		char *at;

		kfc_source_resolve(&src, &r->fault_stack);
		at = src.nr ? kfc_srcframe_text(&src.f[0]) : NULL;
		fprintf(stderr, ", the first (%s) in %s", r->fault_cls,
			at ? at : r->fault_stack.frames[0]);
		free(at);
		kfc_srcstack_release(&src);
	}
	fputc('\n', stderr);
	if (r->leak_objects)
		fprintf(stderr, "kfault: %ld objects, %ld bytes leaked\n",
			r->leak_objects, r->leak_bytes);
	if (r->warns)
		fprintf(stderr, "kfault: %ld WARN/BUG reports\n", r->warns);
}

/*
 * Start the program; with @json, its stdout is our stderr, so that our
 * stdout is the report alone and parses.
 */
static int start(struct kfc_pool *pool, const struct kfc_launch *l, bool json)
{
	int saved = -1, ret;

	if (json) {
		fflush(stdout);
		saved = dup(STDOUT_FILENO);
		if (saved < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
			kfc_warn("run: stdout: %s", strerror(errno));
			if (saved >= 0)
				close(saved);
			return -1;
		}
	}
	ret = kfc_pool_start(pool, l, NULL);
	if (json) {
		dup2(saved, STDOUT_FILENO);
		close(saved);
	}
	return ret;
}

/* Wait for the one program; Ctrl-C went to it too, so keep waiting. */
static void wait_foreground(struct kfc_pool *pool, struct kfc_proc *done)
{
	for (;;) {
		if (kfc_pool_wait(pool, done))
			return;
		if (!pool->running)
			return;
		if (pool->interrupted != SIGINT)
			kill(pool->procs[0].pid, pool->interrupted);
		pool->interrupted = 0;
	}
}

int kfc_cmd_run(int argc, char **argv)
{
	static const struct option own[] = {
		{"report", required_argument, NULL, OPT_REPORT},
		{"json", no_argument, NULL, OPT_JSON},
		{0},
	};
	struct run_ctx rc = {0};
	struct kfc_launch l = {0};
	struct kfc_report r = {0};
	struct kfc_verdict v;
	struct kfc_proc done = {0};
	struct kfc_pool pool;
	struct kfc_opts o;
	char *report, *spec, *tmpdir = NULL;
	int ret;

	ret = kfc_opts_parse(&o, argc, argv, own, NULL, run_option, &rc, "run");
	if (ret == 'h') {
		printf("%s\n%s", run_help, kfc_common_help);
		kfc_opts_release(&o);
		return KFC_EXIT_OK;
	}
	if (ret < 0) {
		kfc_opts_release(&o);
		return KFC_EXIT_USAGE;
	}
	l.lib = kfc_find_lib();
	if (!l.lib) {
		kfc_opts_release(&o);
		return KFC_EXIT_USAGE;
	}
	/*
	 * A directory of our own for the report: a predictable name in a
	 * shared /tmp is one another user can plant a symlink at.
	 */
	if (!rc.report) {
		tmpdir = kfc_xasprintf("%s/kfault-run-XXXXXX",
				       getenv("TMPDIR") ?: "/tmp");
		if (!mkdtemp(tmpdir)) {
			kfc_warn("%s: %s", tmpdir, strerror(errno));
			free(tmpdir);
			kfc_opts_release(&o);
			return KFC_EXIT_USAGE;
		}
	}
	report = rc.report ? kfc_xstrdup(rc.report)
			   : kfc_xasprintf("%s/report.json", tmpdir);
	/* One run: each leaked object's own allocation stack is worth it. */
	spec = kfc_spec_compose(o.spec.s, NULL,
				o.spec.s && strstr(o.spec.s, "leak_stacks=")
					? NULL
					: "leak_stacks=1");
	l.argv = o.argv;
	l.spec = spec;
	l.report = report;
	l.timeout = o.timeout > 0 ? o.timeout : 0;
	l.foreground = true;
	kfc_expect_default(&o.expect, 0);

	kfc_pool_init(&pool, 1);
	if (start(&pool, &l, rc.json) < 0) {
		ret = KFC_EXIT_USAGE;
		goto out;
	}
	wait_foreground(&pool, &done);
	kfc_report_load(&r, report);
	kfc_classify(&v, &done, NULL, &r, &o.expect, NULL);
	if (rc.json)
		kfc_show_file(stdout, report, SIZE_MAX, 0);
	summarize(&v, &r, o.argv[0]);
	/* Not PROG's status: kfault could not say what happened. */
	if (v.outcome == KFC_unreadable)
		ret = KFC_EXIT_USAGE;
	else
		ret = v.signal ? 128 + v.signal : v.exit;
	kfc_report_release(&r);
out:
	kfc_pool_release(&pool);
	kfc_source_release();
	kfc_debuginfo_release();
	if (tmpdir) {
		unlink(report);
		rmdir(tmpdir);
	}
	free(tmpdir);
	free(spec);
	free(report);
	kfc_opts_release(&o);
	return ret;
}
