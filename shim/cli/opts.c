// SPDX-License-Identifier: GPL-2.0-only
/*
 * Options every kfault command shares: the spec (raw, or built from
 * flags named after its keys), the results directory, slots, timeout and
 * the exit statuses that count as a handled error.  A command adds its
 * own options through a second table and a callback.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum {
	OPT_SPEC = 0x100,
	OPT_RESULTS,
	OPT_TIMEOUT,
	OPT_OK_EXIT,
	OPT_SPEC_KEY, /* + index into spec_flags */
};

/* Flags that are spec keys under another spelling. */
static const struct {
	const char *flag;
	const char *key;
	bool fault_knob;
} spec_flags[] = {
	{"class", "class"},
	{"stack", "stack"},
	{"caller", "caller"},
	{"gfp", "gfp"},
	{"fail-nth", "fail_nth", true},
	{"probability", "probability", true},
	{"interval", "interval", true},
	{"times", "times", true},
	{"space", "space", true},
	{"delay", "delay"},
	{"trace", "trace"},
	{"verbose", "verbose"},
};
#define NR_SPEC_FLAGS (sizeof(spec_flags) / sizeof(spec_flags[0]))

const char kfc_common_help[] =
	"Spec (see kfault-spec(7)); flags add one key each:\n"
	"  --spec SPEC          a spec as " KFAULT_ENV_SPEC
	" takes it (key=value,...)\n"
	"  --class C            site classes (slab, vmalloc, idr, ...)\n"
	"  --stack F            only calls with function F on the stack\n"
	"  --caller F           only calls made directly by F\n"
	"  --gfp G              only allocations with these GFP flags\n"
	"  --delay D            delay schedule (race, replay)\n"
	"  --trace FILE         --verbose N\n"
	"  --fail-nth N  --probability P  --interval N  --times N  --space B\n"
	"                       fault knobs (run only; sweep sets its own)\n"
	"Runs:\n"
	"  -j, --jobs N         programs at once (default: number of CPUs)\n"
	"  --timeout S          stop a run after S seconds (default 60; run:\n"
	"                       none)\n"
	"  -o, --results DIR    per-run stdout/stderr/report (default\n"
	"                       kfault-results)\n"
	"  --ok-exit N[,N...]   exit statuses that mean \"error handled\"\n"
	"  -q, --quiet          no progress bar\n"
	"  -h, --help           this help\n";

void kfc_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kfault %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'kfault %s --help'.\n", cmd);
}

/*
 * Numbers the options take are written in decimal, without a sign (none
 * may be negative), spaces, "nan", "inf" or hex: strtod() and strtol()
 * alone take all of those.
 */
static bool plain_number(const char *s)
{
	return (*s >= '0' && *s <= '9') ||
	       (*s == '.' && s[1] >= '0' && s[1] <= '9');
}

int kfc_parse_double(const char *s, double *out)
{
	char *end;

	*out = 0;
	if (!plain_number(s) || strpbrk(s, "xXpP"))
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return errno || *end || !isfinite(*out) ? -1 : 0;
}

int kfc_parse_ull(const char *s, unsigned long long *out)
{
	char *end;

	*out = 0;
	if (!plain_number(s) || strchr(s, '.'))
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (*end)
		return -1;
	return errno == ERANGE ? -ERANGE : errno ? -1 : 0;
}

int kfc_parse_long(const char *s, long *out)
{
	unsigned long long v;
	int err = kfc_parse_ull(s, &v);

	if (!err && v > LONG_MAX)
		err = -ERANGE;
	*out = err ? 0 : (long)v;
	return err;
}

void kfc_spec_add(struct kfc_buf *spec, const char *key, const char *value)
{
	if (spec->len)
		kfc_buf_puts(spec, ",");
	kfc_buf_printf(spec, "%s=%s", key, value);
}

static int parse_ok_exits(struct kfc_expect *e, const char *arg)
{
	char *copy = kfc_xstrdup(arg), *tok, *save = NULL;
	int ret = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		long v;

		if (kfc_parse_long(tok, &v) || v < 0 || v > 255) {
			ret = -1;
			break;
		}
		e->ok_exits = kfc_xrealloc(e->ok_exits,
					   (e->nr_ok_exits + 1) * sizeof(int));
		e->ok_exits[e->nr_ok_exits++] = (int)v;
	}
	free(copy);
	return tok || !e->nr_ok_exits ? -1 : ret;
}

static struct option *merge_options(const struct option *own)
{
	static const struct option common[] = {
		{"spec", required_argument, NULL, OPT_SPEC},
		{"jobs", required_argument, NULL, 'j'},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"results", required_argument, NULL, 'o'},
		{"ok-exit", required_argument, NULL, OPT_OK_EXIT},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
	};
	size_t nc = sizeof(common) / sizeof(common[0]), no = 0, i;
	struct option *all;

	while (own && own[no].name)
		no++;
	all = kfc_xcalloc(nc + NR_SPEC_FLAGS + no + 1, sizeof(*all));
	memcpy(all, common, sizeof(common));
	for (i = 0; i < NR_SPEC_FLAGS; i++)
		all[nc + i] =
			(struct option){spec_flags[i].flag, required_argument,
					NULL, OPT_SPEC_KEY + (int)i};
	if (no)
		memcpy(all + nc + NR_SPEC_FLAGS, own, no * sizeof(*own));
	return all;
}

static int common_option(struct kfc_opts *o, int c, const char *arg,
			 const char *cmd)
{
	long n;

	switch (c) {
	case OPT_SPEC:
		if (*arg && o->spec.len)
			kfc_buf_puts(&o->spec, ",");
		kfc_buf_puts(&o->spec, arg);
		return 1;
	case 'j':
		if (kfc_parse_long(arg, &n) || n < 1 || n > 1024) {
			kfc_usage_error(cmd, "--jobs: '%s' is not 1..1024",
					arg);
			return -1;
		}
		o->jobs = (int)n;
		return 1;
	case OPT_TIMEOUT:
		if (kfc_parse_double(arg, &o->timeout) || o->timeout <= 0 ||
		    o->timeout > 1e6) {
			kfc_usage_error(cmd,
					"--timeout: '%s' is not seconds "
					"(more than 0, at most 1000000)",
					arg);
			return -1;
		}
		return 1;
	case 'o':
		o->results = arg;
		return 1;
	case OPT_OK_EXIT:
		if (parse_ok_exits(&o->expect, arg)) {
			kfc_usage_error(cmd,
					"--ok-exit: '%s' is not a list of "
					"statuses 0..255",
					arg);
			return -1;
		}
		return 1;
	case 'q':
		o->quiet = true;
		return 1;
	}
	if (c >= OPT_SPEC_KEY && c < OPT_SPEC_KEY + (int)NR_SPEC_FLAGS) {
		kfc_spec_add(&o->spec, spec_flags[c - OPT_SPEC_KEY].key, arg);
		if (spec_flags[c - OPT_SPEC_KEY].fault_knob)
			o->fault_knobs = spec_flags[c - OPT_SPEC_KEY].flag;
		return 1;
	}
	return 0;
}

int kfc_opts_parse(struct kfc_opts *o, int argc, char **argv,
		   const struct option *own, const char *own_short,
		   int (*extra)(int c, const char *arg, void *ctx), void *ctx,
		   const char *cmd)
{
	struct option *all = merge_options(own);
	char *shorts = kfc_xasprintf("+j:o:qh%s", own_short ? own_short : "");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int c, ret = 0;

	memset(o, 0, sizeof(*o));
	o->results = "kfault-results";
	o->jobs = cpus > 0 ? (int)cpus : 1;
	kfc_buf_add(&o->spec, "", 0);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		int r;

		if (c == 'h') {
			ret = 'h';
			goto out;
		}
		if (c == '?' || c == ':') {
			if (optopt && optopt < 0x100)
				kfc_usage_error(
					cmd, "bad option '-%c'%s", optopt,
					c == ':' ? " (needs a value)" : "");
			else
				kfc_usage_error(cmd, "bad option '%s'",
						argv[optind - 1]);
			ret = -1;
			goto out;
		}
		r = common_option(o, c, optarg, cmd);
		if (r == 0 && extra)
			r = extra(c, optarg, ctx);
		if (r <= 0) {
			if (r == 0)
				kfc_usage_error(cmd,
						"option '%s' does not "
						"apply here",
						argv[optind - 1]);
			ret = -1;
			goto out;
		}
	}
	if (optind >= argc) {
		kfc_usage_error(cmd,
				"no program given (kfault %s [options] "
				"-- PROG ARGS)",
				cmd);
		ret = -1;
		goto out;
	}
	o->argv = argv + optind;
out:
	free(shorts);
	free(all);
	return ret;
}

void kfc_opts_release(struct kfc_opts *o)
{
	kfc_buf_release(&o->spec);
	free(o->expect.ok_exits);
	memset(o, 0, sizeof(*o));
}
