// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault merge: the --json files of a sweep's shards (--shard I/N, on N
 * machines or CI jobs) as one sweep: one table, one JSON file, one JUnit
 * file.
 *
 * Every file must be of the same sweep (program content, arguments,
 * spec, mode, the same number of points), each shard at most once; a
 * point in two files must be the same call.  The verdict is "every point
 * ok" only when every point of the sweep is there: a shard that is
 * missing, or cut short, leaves points without a verdict, and the merge
 * says which and fails.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char merge_help[] =
	"Usage: kfault merge [options] FILE...\n"
	"Combine the --json files of the shards of one sweep (--shard I/N)\n"
	"into one table on standard output.  Exits 0 when every point of the\n"
	"sweep is there and ok, 1 when a point is not ok or missing, 2 when\n"
	"the files are not the shards of one sweep.\n\n"
	"  --json FILE          the merged results, one header and a line per\n"
	"                       point in point order\n"
	"  --junit FILE         a JUnit XML report of every point\n"
	"  -h, --help           this help\n";

enum { OPT_JSON = 0x200, OPT_JUNIT };

struct merge {
	const char *json_path, *junit_path;
	struct kfc_result header; /* the first file's */
	const char *header_path;
	bool *shards; /* shards seen, 1..N */
	struct kfc_result *pts; /* every point once, in point order */
	size_t nr;
};

/* The first header is the sweep; every other must be the same one. */
static int take_header(struct merge *m, struct kfc_result *res,
		       const char *path)
{
	struct kfc_sweep_id *id = &res->id;

	/* an unsharded sweep, or merge's own output: the one shard */
	if (!id->shard_n && id->points)
		id->shard_i = id->shard_n = 1;
	if (!id->shard_n || !id->points) {
		kfc_warn("merge: %s does not say which shard it is and how "
			 "many points the sweep has (not written by kfault "
			 "sweep --shard I/N --json of this version)",
			 path);
		return -1;
	}
	if (!m->header_path) {
		m->header = *res;
		memset(res, 0, sizeof(*res));
		id = &m->header.id; /* @res is empty now */
		m->header_path = path;
		m->shards = kfc_xcalloc(id->shard_n + 1, sizeof(bool));
	} else {
		struct kfc_sweep_id same = *id;
		struct kfc_result first = m->header;
		struct kfc_buf why = {0};

		/* compare all but the shard, which must differ */
		same.shard_i = first.id.shard_i;
		kfc_buf_add(&why, "", 0);
		if (id->shard_n != first.id.shard_n)
			kfc_buf_printf(&why, "%ld shards there, %ld here",
				       first.id.shard_n, id->shard_n);
		else
			kfc_results_id_differs(&first.id, &same, &why);
		if (why.len) {
			kfc_warn("merge: %s is not a shard of the sweep of %s: "
				 "%s",
				 path, m->header_path, why.s);
			kfc_buf_release(&why);
			return -1;
		}
		kfc_buf_release(&why);
	}
	if (m->shards[id->shard_i]) {
		kfc_warn("merge: shard %ld/%ld is given twice (%s)",
			 id->shard_i, id->shard_n, path);
		return -1;
	}
	m->shards[id->shard_i] = true;
	return 0;
}

static int take_point(struct merge *m, struct kfc_result *res, const char *path)
{
	size_t i;

	if (res->point > m->header.id.points) {
		kfc_warn("merge: %s: point %ld, of a sweep of %ld points", path,
			 res->point, m->header.id.points);
		return -1;
	}
	for (i = 0; i < m->nr; i++) {
		if (m->pts[i].point != res->point)
			continue;
		if (!kfc_result_same_point(&m->pts[i], res)) {
			kfc_warn("merge: %s: point %ld is another call than "
				 "in an earlier file",
				 path, res->point);
			return -1;
		}
		kfc_result_release(res);
		return 0; /* the same point twice: a rerun shard */
	}
	m->pts = kfc_xrealloc(m->pts, (m->nr + 1) * sizeof(*m->pts));
	m->pts[m->nr++] = *res;
	memset(res, 0, sizeof(*res));
	return 0;
}

/* Read one shard's file: its header first, then its points. */
static int read_shard(struct merge *m, const char *path)
{
	size_t len, lineno = 0;
	char *text = kfc_read_file(path, &len);
	const char *p, *nl, *end;
	bool header = false;
	int ret = -1;

	if (!text) {
		kfc_warn("merge: %s: %s", path, strerror(errno));
		return -1;
	}
	end = text + len;
	for (p = text; p < end; p = nl + 1) {
		struct kfc_result res;
		int type;

		nl = memchr(p, '\n', end - p);
		lineno++;
		if (!nl) {
			/* killed while the line was written */
			kfc_warn("merge: %s:%zu: cut short: the line is left "
				 "out",
				 path, lineno);
			break;
		}
		type = kfc_result_parse(p, nl - p, &res);
		if (type == KFC_LINE_BROKEN) {
			kfc_warn("merge: %s:%zu: %s: the line is left out",
				 path, lineno, res.why);
			continue;
		}
		if (type == KFC_LINE_HEADER) {
			if (header || take_header(m, &res, path))
				goto err;
			header = true;
		} else if (!header) {
			kfc_warn("merge: %s: a point before the header line",
				 path);
			goto err;
		} else {
			res.raw = kfc_xasprintf("%.*s", (int)(nl - p), p);
			if (take_point(m, &res, path))
				goto err;
		}
		kfc_result_release(&res);
		continue;
	err:
		kfc_result_release(&res);
		goto out;
	}
	if (!header) {
		kfc_warn("merge: %s has no header line: not a kfault sweep "
			 "--json file",
			 path);
		goto out;
	}
	ret = 0;
out:
	free(text);
	return ret;
}

static int by_point(const void *a, const void *b)
{
	const struct kfc_result *x = a, *y = b;

	return (x->point > y->point) - (x->point < y->point);
}

/* A result line as the table and JUnit see a point. */
static void to_point(struct kfc_point *p, const struct kfc_result *res)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->id = res->point;
	p->nth = res->nth;
	p->persist = res->persist;
	p->cls = kfc_xstrdup(res->cls ? res->cls : "?");
	p->stack.frames = kfc_xcalloc(res->nr_stack + 1, sizeof(char *));
	p->stack.objs = kfc_xcalloc(res->nr_stack + 1, sizeof(char *));
	p->stack.offs = kfc_xcalloc(res->nr_stack + 1, sizeof(unsigned long));
	for (i = 0; i < res->nr_stack; i++)
		p->stack.frames[i] = kfc_xstrdup(res->stack[i]);
	p->stack.nr = res->nr_stack;
	p->src.f = kfc_xcalloc(res->src.nr + 1, sizeof(*p->src.f));
	for (i = 0; i < res->src.nr; i++) {
		p->src.f[i] = res->src.f[i];
		p->src.f[i].func = kfc_xstrdup(res->src.f[i].func);
		p->src.f[i].file = res->src.f[i].file
					   ? kfc_xstrdup(res->src.f[i].file)
					   : NULL;
	}
	p->src.nr = res->src.nr;
	p->seconds = res->seconds;
	p->created = res->created;
	p->occurrence = res->occurrence;
	p->stack_id = res->stack_id ? kfc_xstrdup(res->stack_id) : NULL;
	kfc_result_verdict(p, res);
}

static void release_point(struct kfc_point *p)
{
	free(p->cls);
	free(p->err_path);
	free(p->stack_id);
	free(p->replay);
	kfc_stack_release(&p->stack);
	kfc_srcstack_release(&p->src);
}

static int write_json(const struct merge *m)
{
	struct kfc_sweep_id id = m->header.id;
	struct kfc_buf b = {0};
	FILE *f = fopen(m->json_path, "w");
	size_t i;
	int ret = 0;

	if (!f) {
		kfc_warn("--json %s: %s", m->json_path, strerror(errno));
		return -1;
	}
	id.shard_i = id.shard_n = 0; /* the whole sweep now */
	kfc_results_header(&b, &id);
	for (i = 0; i < m->nr; i++) {
		kfc_buf_puts(&b, m->pts[i].raw);
		kfc_buf_puts(&b, "\n");
	}
	if (fwrite(b.s, 1, b.len, f) != b.len)
		ret = -1;
	if (fclose(f))
		ret = -1;
	if (ret)
		kfc_warn("--json %s: cannot write: %s", m->json_path,
			 strerror(errno));
	kfc_buf_release(&b);
	return ret;
}

static int merge_option(int c, const char *arg, struct merge *m)
{
	switch (c) {
	case OPT_JSON:
		m->json_path = arg;
		return 0;
	case OPT_JUNIT:
		m->junit_path = arg;
		return 0;
	case 'h':
		printf("%s", merge_help);
		return 1;
	}
	fprintf(stderr, "Try 'kfault merge --help'.\n");
	return -1;
}

int kfc_cmd_merge(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", required_argument, NULL, OPT_JSON},
		{"junit", required_argument, NULL, OPT_JUNIT},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct kfc_point *pts = NULL;
	struct merge m = {0};
	long missing = 0, i;
	FILE *junit = NULL;
	char *label;
	int c, ret = KFC_EXIT_USAGE;
	size_t k, bad = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		int r = merge_option(c, optarg, &m);

		if (r)
			return r > 0 ? KFC_EXIT_OK : KFC_EXIT_USAGE;
	}
	if (optind == argc) {
		kfc_usage_error("merge", "which files? (the --json files of "
					 "the shards)");
		return KFC_EXIT_USAGE;
	}
	for (c = optind; c < argc; c++)
		if (read_shard(&m, argv[c]))
			goto out;
	if (m.junit_path && !(junit = fopen(m.junit_path, "w"))) {
		kfc_warn("--junit %s: %s", m.junit_path, strerror(errno));
		goto out;
	}
	qsort(m.pts, m.nr, sizeof(*m.pts), by_point);
	pts = kfc_xcalloc(m.nr + 1, sizeof(*pts));
	for (k = 0; k < m.nr; k++) {
		to_point(&pts[k], &m.pts[k]);
		bad += pts[k].v->outcome != KFC_ok;
	}
	label = kfc_xasprintf("%s mode, %ld shards merged", m.header.id.mode,
			      m.header.id.shard_n);
	kfc_table_print(stdout, pts, m.nr, label, NULL);
	free(label);
	for (i = 1; i <= m.header.id.shard_n; i++)
		if (!m.shards[i])
			fprintf(stderr,
				"kfault merge: shard %ld/%ld is missing\n", i,
				m.header.id.shard_n);
	missing = m.header.id.points - (long)m.nr;
	if (missing)
		fprintf(stderr,
			"kfault merge: %ld of the sweep's %ld points have no "
			"result (a shard missing or cut short): not a verdict "
			"on the whole sweep\n",
			missing, m.header.id.points);
	ret = bad || missing ? KFC_EXIT_FOUND : KFC_EXIT_OK;
	if (m.json_path && write_json(&m))
		ret = KFC_EXIT_USAGE;
	if (junit) {
		if (kfc_junit_write(junit, pts, m.nr, m.header.id.argv) < 0) {
			kfc_warn("--junit %s: cannot write: %s", m.junit_path,
				 strerror(errno));
			ret = KFC_EXIT_USAGE;
		}
		junit = NULL;
	}
out:
	if (junit)
		fclose(junit);
	for (k = 0; pts && k < m.nr; k++)
		release_point(&pts[k]);
	free(pts);
	for (k = 0; k < m.nr; k++)
		kfc_result_release(&m.pts[k]);
	free(m.pts);
	free(m.shards);
	kfc_result_release(&m.header);
	return ret;
}
