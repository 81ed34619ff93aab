// SPDX-License-Identifier: GPL-2.0-only
/*
 * A sweep's results file (--json, --resume): JSON lines, the first a
 * header that says which sweep wrote the file (the program's path and a
 * hash of its content, its arguments, the spec, the mode), then one line
 * per point as it ends.  --resume takes points only from a file whose
 * header matches the sweep, so the results of one program are never
 * taken for another's; a line cut short by a kill, a NUL byte or a
 * repeated point is dropped, never read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The header's version: a change of its keys' meaning bumps it. */
#define KFC_RESULTS_VERSION 1

/* ---- the program's identity ----------------------------------------------- */

void kfc_program_id(const char *prog, char **path, char **id)
{
	unsigned long long h = 0xcbf29ce484222325ULL; /* FNV-1a, 64 bits */
	unsigned char chunk[65536];
	ssize_t n, i;
	int fd;

	*path = kfc_which(prog);
	*id = NULL;
	fd = *path ? open(*path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		for (i = 0; i < n; i++)
			h = (h ^ chunk[i]) * 0x100000001b3ULL;
	}
	*id = kfc_xasprintf("fnv1a64:%016llx", h);
out:
	close(fd);
}

/* ---- writing ---------------------------------------------------------------- */

void kfc_results_header(struct kfc_buf *b, const struct kfc_sweep_id *id)
{
	size_t i;

	kfc_buf_printf(
		b, "{\"kfault_sweep\":%d,\"program\":", KFC_RESULTS_VERSION);
	kfc_json_quote(b, id->program ? id->program : "");
	kfc_buf_puts(b, ",\"program_hash\":");
	kfc_json_quote(b, id->program_hash ? id->program_hash : "");
	kfc_buf_puts(b, ",\"argv\":[");
	for (i = 0; id->argv[i]; i++) {
		if (i)
			kfc_buf_puts(b, ",");
		kfc_json_quote(b, id->argv[i]);
	}
	kfc_buf_puts(b, "],\"spec\":");
	kfc_json_quote(b, id->spec);
	kfc_buf_puts(b, ",\"mode\":");
	kfc_json_quote(b, id->mode);
	kfc_buf_printf(b, ",\"keep_failing\":%s",
		       id->keep_failing ? "true" : "false");
	if (id->shard_n)
		kfc_buf_printf(b, ",\"shard\":[%ld,%ld]", id->shard_i,
			       id->shard_n);
	if (id->points)
		kfc_buf_printf(b, ",\"points\":%ld", id->points);
	if (id->runs)
		kfc_buf_printf(b, ",\"runs\":\"%s\"", id->runs);
	kfc_buf_puts(b, "}\n");
}

static void json_stack(struct kfc_buf *b, const char *name,
		       const struct kfc_stack *s)
{
	char fn[256];
	size_t i;

	kfc_buf_printf(b, ",\"%s\":[", name);
	for (i = 0; i < s->nr; i++) {
		if (i)
			kfc_buf_puts(b, ",");
		kfc_json_quote(b, kfc_frame_func(s->frames[i], fn, sizeof(fn)));
	}
	kfc_buf_puts(b, "]");
}

/* The stack in source terms: function, file, line, inlined. */
static void json_frames(struct kfc_buf *b, const struct kfc_srcstack *src)
{
	size_t i;

	kfc_buf_puts(b, ",\"frames\":[");
	for (i = 0; i < src->nr; i++) {
		const struct kfc_srcframe *f = &src->f[i];

		kfc_buf_puts(b, i ? ",{\"function\":" : "{\"function\":");
		kfc_json_quote(b, f->func);
		kfc_buf_puts(b, ",\"file\":");
		if (f->file)
			kfc_json_quote(b, f->file);
		else
			kfc_buf_puts(b, "null");
		kfc_buf_printf(b, ",\"line\":%d,\"inlined\":%s}", f->line,
			       f->inlined ? "true" : "false");
	}
	kfc_buf_puts(b, "]");
}

void kfc_results_point(struct kfc_buf *b, const struct kfc_point *p)
{
	kfc_buf_printf(b, "{\"point\":%ld,\"nth\":%ld,\"persist\":%s,", p->id,
		       p->nth, p->persist ? "true" : "false");
	kfc_buf_puts(b, "\"outcome\":");
	kfc_json_quote(b, kfc_outcome_name(p->v->outcome));
	kfc_buf_puts(b, ",\"detail\":");
	kfc_json_quote(b, p->v->detail);
	kfc_buf_puts(b, ",\"title\":");
	kfc_json_quote(b, p->v->title);
	kfc_buf_printf(b, ",\"exit\":%d,\"signal\":%d,\"class\":", p->v->exit,
		       p->v->signal);
	kfc_json_quote(b, p->cls);
	kfc_buf_puts(b, ",\"site\":");
	kfc_json_quote(b, p->stack.nr ? p->stack.frames[0] : "");
	json_stack(b, "stack", &p->stack);
	json_frames(b, &p->src);
	if (p->fault_stack.nr)
		json_stack(b, "fault_stack", &p->fault_stack);
	if (p->stack_id) {
		kfc_buf_printf(b, ",\"created\":%ld,\"occurrence\":%ld,",
			       p->created, p->occurrence);
		kfc_buf_puts(b, "\"stack_id\":");
		kfc_json_quote(b, p->stack_id);
	}
	if (p->started) {
		kfc_buf_printf(b, ",\"schedules\":%ld", p->finished);
		if (p->replay) {
			kfc_buf_printf(b,
				       ",\"seed\":%llu,\"replay\":", p->seed);
			kfc_json_quote(b, p->replay);
		}
	}
	if (p->done && !p->started) {
		kfc_buf_printf(b, ",\"run\":\"%s\"",
			       p->forked ? "fork" : "exec");
		if (p->anew_why) {
			kfc_buf_puts(b, ",\"run_why\":");
			kfc_json_quote(b, p->anew_why);
		}
	}
	kfc_buf_puts(b, ",\"stderr\":");
	kfc_json_quote(b, p->err_path ? p->err_path : "");
	kfc_buf_printf(b, ",\"seconds\":%.3f}\n", p->seconds);
}

/* ---- reading ---------------------------------------------------------------- */

static bool whole_number(const struct kfc_json *j, long min, long max,
			 long *out)
{
	long v;

	return j && j->type == KFC_JSON_NUMBER &&
	       kfc_json_whole(j, min, max, out ? out : &v);
}

static int parse_header(const struct kfc_json *j, struct kfc_result *res)
{
	const struct kfc_json *argv = kfc_json_get(j, "argv");
	const struct kfc_json *keep = kfc_json_get(j, "keep_failing");
	const struct kfc_json *shard = kfc_json_get(j, "shard");
	const struct kfc_json *points = kfc_json_get(j, "points");
	const char *keys[] = {"program", "program_hash", "spec", "mode"};
	char **dst[] = {&res->id.program, &res->id.program_hash, &res->id.spec,
			&res->id.mode};
	size_t i;

	if (!whole_number(kfc_json_get(j, "kfault_sweep"), KFC_RESULTS_VERSION,
			  KFC_RESULTS_VERSION, NULL)) {
		res->why = "a header of another version";
		return KFC_LINE_BROKEN;
	}
	if (!argv || argv->type != KFC_JSON_ARRAY || !argv->nr || !keep ||
	    keep->type != KFC_JSON_BOOL)
		goto err_bad;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *s = kfc_json_str(kfc_json_get(j, keys[i]));

		if (!s)
			goto err_bad;
		*dst[i] = kfc_xstrdup(s);
	}
	res->id.keep_failing = keep->num != 0;
	/* absent from the files of a kfault that did not write them */
	if (shard &&
	    (shard->type != KFC_JSON_ARRAY || shard->nr != 2 ||
	     !whole_number(shard->items[1], 1, 1L << 30, &res->id.shard_n) ||
	     !whole_number(shard->items[0], 1, res->id.shard_n,
			   &res->id.shard_i)))
		goto err_bad;
	if (points && !whole_number(points, 0, 1L << 40, &res->id.points))
		goto err_bad;
	res->id.argv = kfc_xcalloc(argv->nr + 1, sizeof(char *));
	for (i = 0; i < argv->nr; i++) {
		const char *s = kfc_json_str(argv->items[i]);

		if (!s)
			goto err_bad;
		res->id.argv[i] = kfc_xstrdup(s);
	}
	return KFC_LINE_HEADER;

err_bad:
	res->why = "a header without its keys";
	return KFC_LINE_BROKEN;
}

/* What kfault merge shows of a point: its class, stack and time. */
static void parse_where(const struct kfc_json *j, struct kfc_result *res)
{
	const struct kfc_json *stack = kfc_json_get(j, "stack");
	const struct kfc_json *frames = kfc_json_get(j, "frames");
	const struct kfc_json *secs = kfc_json_get(j, "seconds");
	const char *cls = kfc_json_str(kfc_json_get(j, "class"));
	size_t i;

	res->cls = kfc_xstrdup(cls ? cls : "?");
	if (secs && secs->type == KFC_JSON_NUMBER && secs->num >= 0)
		res->seconds = secs->num;
	if (stack && stack->type == KFC_JSON_ARRAY) {
		res->stack = kfc_xcalloc(stack->nr + 1, sizeof(char *));
		for (i = 0; i < stack->nr; i++)
			if (kfc_json_str(stack->items[i]))
				res->stack[res->nr_stack++] = kfc_xstrdup(
					kfc_json_str(stack->items[i]));
	}
	if (!frames || frames->type != KFC_JSON_ARRAY)
		return;
	res->src.f = kfc_xcalloc(frames->nr + 1, sizeof(*res->src.f));
	for (i = 0; i < frames->nr; i++) {
		const struct kfc_json *f = frames->items[i];
		const char *func = kfc_json_str(kfc_json_get(f, "function"));
		const char *file = kfc_json_str(kfc_json_get(f, "file"));
		const struct kfc_json *inl = kfc_json_get(f, "inlined");
		struct kfc_srcframe *sf;
		long line = 0;

		if (!func)
			continue;
		sf = &res->src.f[res->src.nr++];
		sf->func = kfc_xstrdup(func);
		sf->file = file ? kfc_xstrdup(file) : NULL;
		if (whole_number(kfc_json_get(f, "line"), 0, INT_MAX, &line))
			sf->line = (int)line;
		sf->inlined = inl && inl->type == KFC_JSON_BOOL && inl->num;
	}
}

static int parse_point(const struct kfc_json *j, struct kfc_result *res)
{
	const struct kfc_json *persist = kfc_json_get(j, "persist");
	const char *outcome = kfc_json_str(kfc_json_get(j, "outcome"));
	const char *detail = kfc_json_str(kfc_json_get(j, "detail"));
	/* absent from the lines of a kfault without titles */
	const char *title = kfc_json_str(kfc_json_get(j, "title"));
	const char *err = kfc_json_str(kfc_json_get(j, "stderr"));
	const struct kfc_json *exit = kfc_json_get(j, "exit");
	const struct kfc_json *sig = kfc_json_get(j, "signal");
	long ex, sn;

	res->why = "a point without its keys";
	if (!whole_number(kfc_json_get(j, "point"), 1, 1L << 40, &res->point) ||
	    !whole_number(kfc_json_get(j, "nth"), 1, 1L << 40, &res->nth) ||
	    !persist || persist->type != KFC_JSON_BOOL || !outcome || !detail ||
	    !err || !whole_number(exit, -1, 255, &ex) ||
	    !whole_number(sig, 0, 128, &sn))
		return KFC_LINE_BROKEN;
	res->outcome = kfc_outcome_parse(outcome);
	if (res->outcome < 0) {
		res->why = "an outcome this kfault does not know";
		return KFC_LINE_BROKEN;
	}
	res->persist = persist->num != 0;
	res->exit = (int)ex;
	res->signal = (int)sn;
	res->detail = kfc_xstrdup(detail);
	res->title = kfc_xstrdup(title ? title : "");
	res->err_path = kfc_xstrdup(err);
	/* a point of one thread: which call it is, and where */
	if (kfc_json_str(kfc_json_get(j, "stack_id"))) {
		if (!whole_number(kfc_json_get(j, "created"), 1, 64,
				  &res->created) ||
		    !whole_number(kfc_json_get(j, "occurrence"), 1, 1L << 40,
				  &res->occurrence))
			return KFC_LINE_BROKEN;
		res->stack_id =
			kfc_xstrdup(kfc_json_str(kfc_json_get(j, "stack_id")));
	}
	/* sweep --race */
	whole_number(kfc_json_get(j, "schedules"), 0, 1L << 40,
		     &res->schedules);
	/* absent from the lines of a kfault without fork servers */
	res->forked = kfc_json_str(kfc_json_get(j, "run")) &&
		      !strcmp(kfc_json_str(kfc_json_get(j, "run")), "fork");
	parse_where(j, res);
	if (kfc_json_str(kfc_json_get(j, "replay")))
		res->replay =
			kfc_xstrdup(kfc_json_str(kfc_json_get(j, "replay")));
	res->why = NULL;
	return KFC_LINE_POINT;
}

int kfc_result_parse(const char *line, size_t len, struct kfc_result *res)
{
	struct kfc_json *j;
	int type;

	memset(res, 0, sizeof(*res));
	if (memchr(line, '\0', len)) {
		res->why = "a NUL byte";
		return res->type = KFC_LINE_BROKEN;
	}
	j = kfc_json_parse(line, len, &res->why);
	if (!j) {
		if (!res->why)
			res->why = "not JSON";
		return res->type = KFC_LINE_BROKEN;
	}
	if (j->type != KFC_JSON_OBJECT) {
		res->why = "not a JSON object";
		type = KFC_LINE_BROKEN;
	} else if (kfc_json_get(j, "kfault_sweep")) {
		type = parse_header(j, res);
	} else {
		type = parse_point(j, res);
	}
	kfc_json_free(j);
	if (type == KFC_LINE_BROKEN) {
		const char *why = res->why;

		kfc_result_release(res);
		res->why = why;
	}
	return res->type = type;
}

void kfc_sweep_id_release(struct kfc_sweep_id *id)
{
	size_t i;

	for (i = 0; id->argv && id->argv[i]; i++)
		free(id->argv[i]);
	free(id->argv);
	free(id->program);
	free(id->program_hash);
	free(id->spec);
	free(id->mode);
	memset(id, 0, sizeof(*id));
}

void kfc_result_release(struct kfc_result *res)
{
	size_t i;

	kfc_sweep_id_release(&res->id);
	free(res->detail);
	free(res->title);
	free(res->err_path);
	free(res->stack_id);
	free(res->replay);
	free(res->cls);
	for (i = 0; i < res->nr_stack; i++)
		free(res->stack[i]);
	free(res->stack);
	kfc_srcstack_release(&res->src);
	free(res->raw);
	memset(res, 0, sizeof(*res));
}

/* "the argv", "'a b'" vs "'a c'": the first key of @b that differs. */
bool kfc_results_id_differs(const struct kfc_sweep_id *a,
			    const struct kfc_sweep_id *b, struct kfc_buf *why)
{
	struct kfc_buf x = {0}, y = {0};
	size_t i;

	kfc_buf_add(&x, "", 0);
	kfc_buf_add(&y, "", 0);
	for (i = 0; a->argv[i]; i++) {
		kfc_buf_puts(&x, i ? " " : "");
		kfc_shell_quote(&x, a->argv[i]);
	}
	for (i = 0; b->argv[i]; i++) {
		kfc_buf_puts(&y, i ? " " : "");
		kfc_shell_quote(&y, b->argv[i]);
	}
	if (strcmp(x.s, y.s))
		kfc_buf_printf(why, "the command: '%s' there, '%s' here", x.s,
			       y.s);
	else if (strcmp(a->program_hash, b->program_hash ?: ""))
		kfc_buf_printf(why,
			       "the program's content: %s (%s) there, %s "
			       "(%s) here",
			       a->program_hash, a->program,
			       b->program_hash ?: "unreadable",
			       b->program ?: "not found");
	else if (strcmp(a->spec, b->spec))
		kfc_buf_printf(why, "the spec: '%s' there, '%s' here", a->spec,
			       b->spec);
	else if (strcmp(a->mode, b->mode))
		kfc_buf_printf(why, "the mode: %s there, %s here", a->mode,
			       b->mode);
	else if (a->keep_failing != b->keep_failing)
		kfc_buf_printf(why, "--keep-failing: %s there, %s here",
			       a->keep_failing ? "given" : "not given",
			       b->keep_failing ? "given" : "not given");
	else if (a->points && b->points && a->points != b->points)
		kfc_buf_printf(why,
			       "the points: %ld there, %ld here (the "
			       "program's calls changed)",
			       a->points, b->points);
	kfc_buf_release(&x);
	kfc_buf_release(&y);
	return why->len > 0;
}

bool kfc_result_is_point(const struct kfc_result *res,
			 const struct kfc_point *p)
{
	const struct kfc_result key = {
		.point = p->id,
		.nth = p->nth,
		.persist = p->persist,
		.stack_id = p->stack_id,
		.created = p->created,
		.occurrence = p->occurrence,
	};

	return kfc_result_same_point(&key, res);
}

void kfc_result_verdict(struct kfc_point *p, const struct kfc_result *res)
{
	p->done = true;
	struct kfc_verdict v = {
		.outcome = res->outcome,
		.exit = res->exit,
		.signal = res->signal,
	};

	snprintf(v.detail, sizeof(v.detail), "%s", res->detail);
	snprintf(v.title, sizeof(v.title), "%s", res->title);
	p->v = kfc_verdict_keep(&v);
	free(p->err_path);
	p->err_path = kfc_xstrdup(res->err_path);
	p->started = p->finished = res->schedules;
	p->forked = res->forked;
	free(p->replay);
	p->replay = res->replay ? kfc_xstrdup(res->replay) : NULL;
}

bool kfc_result_same_point(const struct kfc_result *a,
			   const struct kfc_result *b)
{
	if (a->point != b->point || a->persist != b->persist)
		return false;
	if (a->stack_id || b->stack_id)
		return a->stack_id && b->stack_id &&
		       !strcmp(a->stack_id, b->stack_id) &&
		       a->created == b->created &&
		       a->occurrence == b->occurrence;
	return a->nth == b->nth;
}

static void broken(struct kfc_results *rs, size_t lineno, const char *why)
{
	if (!rs->broken++) {
		rs->first_broken = lineno;
		rs->first_why = why;
	}
}

/* Take one whole line; -1 when its header is another sweep's. */
static int take_line(struct kfc_results *rs, const char *line, size_t n,
		     size_t lineno, const struct kfc_sweep_id *id,
		     const char *path)
{
	struct kfc_buf why = {0};
	struct kfc_result res;
	size_t i;

	switch (kfc_result_parse(line, n, &res)) {
	case KFC_LINE_BROKEN:
		broken(rs, lineno, res.why);
		return 0;
	case KFC_LINE_HEADER:
		if (kfc_results_id_differs(&res.id, id, &why)) {
			kfc_warn("--resume %s was written by another sweep: "
				 "%s; resume it with that sweep, or start a "
				 "new file",
				 path, why.s);
			kfc_buf_release(&why);
			kfc_result_release(&res);
			return -1;
		}
		if (rs->header)
			rs->dups++; /* shards' files, concatenated */
		rs->header = true;
		kfc_result_release(&res);
		return 0;
	}
	for (i = 0; i < rs->nr; i++) {
		if (kfc_result_same_point(&rs->pts[i], &res)) {
			rs->dups++;
			kfc_result_release(&res);
			return 0;
		}
	}
	res.raw = kfc_xasprintf("%.*s", (int)n, line);
	rs->pts = kfc_xrealloc(rs->pts, (rs->nr + 1) * sizeof(*rs->pts));
	rs->pts[rs->nr++] = res;
	return 0;
}

int kfc_results_parse(struct kfc_results *rs, const char *text, size_t len,
		      const struct kfc_sweep_id *id, const char *path)
{
	const char *p, *nl, *end = text + len;
	size_t lineno = 0;

	memset(rs, 0, sizeof(*rs));
	for (p = text; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		lineno++;
		if (!nl) {
			/* killed while the line was written */
			broken(rs, lineno, "cut short");
			break;
		}
		if (take_line(rs, p, nl - p, lineno, id, path) < 0)
			goto err_free;
	}
	if (!rs->header && rs->nr) {
		kfc_warn("--resume %s has no header line: it was not written "
			 "by this kfault's sweep --json, which says what it "
			 "swept; start a new file",
			 path);
		goto err_free;
	}
	return 0;

err_free:
	kfc_results_release(rs);
	return -1;
}

int kfc_results_read(struct kfc_results *rs, const char *path,
		     const struct kfc_sweep_id *id)
{
	size_t len;
	char *text = kfc_read_file(path, &len);
	int ret;

	memset(rs, 0, sizeof(*rs));
	if (!text) {
		if (errno == ENOENT)
			return 0;
		kfc_warn("--resume %s: %s", path, strerror(errno));
		return -1;
	}
	ret = kfc_results_parse(rs, text, len, id, path);
	free(text);
	return ret;
}

void kfc_results_release(struct kfc_results *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		kfc_result_release(&rs->pts[i]);
	free(rs->pts);
	memset(rs, 0, sizeof(*rs));
}
