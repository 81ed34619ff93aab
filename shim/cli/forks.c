// SPDX-License-Identifier: GPL-2.0-only
/*
 * A sweep's fork servers (kfault-spec(7), fork_points=): each is one run
 * of PROG that forks some of the points where their calls are made, so
 * that a point costs the rest of a run rather than a whole one.  Here:
 * the points file a server reads before main, and its log, read as it
 * grows, which says of each point it reached whether it was forked (with
 * the wait status, the time limit's verdict and the time) or must be run
 * anew.  A point the server never reached (it ended first, or made fewer
 * calls) is run anew too.  The files a forked point leaves are those a
 * run of its own leaves, at the same paths: the sweep judges both alike.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct kfc_fork_server {
	char *points_path, *log_path;
	struct kfc_point **pts; /* its points, in the order it meets them */
	size_t nr;
	bool *ended; /* each point: the log said what became of it */
	bool served; /* a process said it serves */
	int log_fd;
	struct kfc_buf partial; /* the log's last line, not yet whole */
};

/* The nth points first, by call; then the stack points by key and count. */
static int point_order(const void *a, const void *b)
{
	const struct kfc_point *p = *(struct kfc_point *const *)a;
	const struct kfc_point *q = *(struct kfc_point *const *)b;
	int c;

	if (!p->stack_id != !q->stack_id)
		return p->stack_id ? 1 : -1;
	if (!p->stack_id)
		return p->nth < q->nth	 ? -1
		       : p->nth > q->nth ? 1
					 : (int)p->persist - (int)q->persist;
	if (p->created != q->created)
		return p->created < q->created ? -1 : 1;
	c = strcmp(p->stack_id, q->stack_id);
	if (c)
		return c;
	return p->occurrence < q->occurrence ? -1
					     : p->occurrence > q->occurrence;
}

static int write_points(const struct kfc_fork_server *s, const char *dir,
			double timeout)
{
	struct kfc_buf b = {0};
	size_t i;
	int fd, ret = -1;

	kfc_buf_printf(&b,
		       KFAULT_FORK_MAGIC "\nserver %ld\ntimeout %lld\n"
					 "dir %s\nlog %s\n",
		       (long)getpid(), (long long)(timeout * 1000), dir,
		       s->log_path);
	for (i = 0; i < s->nr; i++) {
		const struct kfc_point *p = s->pts[i];

		if (p->stack_id)
			kfc_buf_printf(&b, "stack %ld %ld %s %ld\n", p->id,
				       p->created, p->stack_id, p->occurrence);
		else
			kfc_buf_printf(&b, "nth %ld %ld %d\n", p->id, p->nth,
				       p->persist);
	}
	fd = kfc_create_run_file(s->points_path);
	if (fd < 0)
		goto out;
	if (kfc_write_all(fd, b.s, b.len) || close(fd)) {
		kfc_warn("cannot write %s: %s", s->points_path,
			 strerror(errno));
		goto out;
	}
	ret = 0;
out:
	kfc_buf_release(&b);
	return ret;
}

struct kfc_fork_server *kfc_fork_server_new(const char *dir, int index,
					    struct kfc_point **pts, size_t nr,
					    double timeout)
{
	struct kfc_fork_server *s = kfc_xcalloc(1, sizeof(*s));

	s->points_path = kfc_xasprintf("%s/fork-%d.points", dir, index);
	s->log_path = kfc_xasprintf("%s/fork-%d.log", dir, index);
	s->pts = kfc_xcalloc(nr, sizeof(*s->pts));
	memcpy(s->pts, pts, nr * sizeof(*pts));
	s->nr = nr;
	s->ended = kfc_xcalloc(nr, sizeof(*s->ended));
	qsort(s->pts, nr, sizeof(*s->pts), point_order);
	s->log_fd = -1;
	if (write_points(s, dir, timeout))
		goto err;
	/* the server appends; we read from the start */
	s->log_fd = kfc_create_run_file(s->log_path);
	if (s->log_fd < 0)
		goto err;
	close(s->log_fd);
	s->log_fd = open(s->log_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (s->log_fd < 0) {
		kfc_warn("cannot read %s: %s", s->log_path, strerror(errno));
		goto err;
	}
	return s;
err:
	kfc_fork_server_release(s);
	return NULL;
}

const char *kfc_fork_server_points(const struct kfc_fork_server *s)
{
	return s->points_path;
}

void kfc_fork_server_release(struct kfc_fork_server *s)
{
	if (!s)
		return;
	if (s->log_fd >= 0)
		close(s->log_fd);
	kfc_buf_release(&s->partial);
	free(s->points_path);
	free(s->log_path);
	free(s->pts);
	free(s->ended);
	free(s);
}

/* The index of point @id in @s, or -1. */
static long find_point(const struct kfc_fork_server *s, long id)
{
	size_t i;

	/* lines come in the order of s->pts, mostly: look from there */
	for (i = 0; i < s->nr; i++)
		if (s->pts[i]->id == id)
			return (long)i;
	return -1;
}

/* One whole line of the log; false when it is not one (said once). */
static bool take_line(struct kfc_fork_server *s, const char *line,
		      struct kfc_fork_result *r)
{
	char what[8], why[32];
	long id, status, timed_out, i;
	unsigned long long us;

	memset(r, 0, sizeof(*r));
	if (!strncmp(line, "serve ", 6)) {
		s->served = true;
		return false;
	}
	if (sscanf(line, "fork %ld %ld %ld %llu", &id, &status, &timed_out,
		   &us) == 4) {
		r->forked = true;
		r->status = (int)status;
		r->timed_out = timed_out != 0;
		r->elapsed = us / 1e6;
	} else if (sscanf(line, "%7s %ld %31s", what, &id, why) != 3 ||
		   strcmp(what, "exec")) {
		return false;
	} else if (!strcmp(why, KFAULT_FORK_WHY_THREADS)) {
		r->why = "other threads ran at the call";
	} else if (!strcmp(why, KFAULT_FORK_WHY_FILES)) {
		r->why = "the fork server could not make its files";
	} else if (!strcmp(why, KFAULT_FORK_WHY_LOST)) {
		r->why = "the fork server lost its status";
	} else {
		r->why = "fork() failed";
	}
	i = find_point(s, id);
	if (i < 0 || s->ended[i])
		return false;
	s->ended[i] = true;
	r->p = s->pts[i];
	return true;
}

void kfc_fork_server_read(struct kfc_fork_server *s, bool ended,
			  void (*fn)(void *arg,
				     const struct kfc_fork_result *r),
			  void *arg)
{
	struct kfc_fork_result r;
	char buf[4096], *nl, *line;
	size_t i, done = 0;
	ssize_t n;

	for (;;) {
		n = read(s->log_fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		kfc_buf_add(&s->partial, buf, (size_t)n);
	}
	line = s->partial.s;
	while (line && (nl = memchr(line, '\n', s->partial.len - done))) {
		*nl = '\0';
		if (take_line(s, line, &r))
			fn(arg, &r);
		done += nl + 1 - line;
		line = nl + 1;
	}
	if (done) {
		memmove(s->partial.s, s->partial.s + done,
			s->partial.len - done);
		s->partial.len -= done;
		s->partial.s[s->partial.len] = '\0';
	}
	if (!ended)
		return;
	/* The rest, and a last line cut short, were never forked. */
	for (i = 0; i < s->nr; i++) {
		if (s->ended[i])
			continue;
		s->ended[i] = true;
		memset(&r, 0, sizeof(r));
		r.p = s->pts[i];
		r.why = s->served ? "the fork server did not reach the call"
				  : "no fork server ran: not a kstub program, "
				    "or not one kfault started itself";
		fn(arg, &r);
	}
}
