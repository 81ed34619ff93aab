// SPDX-License-Identifier: GPL-2.0-only
/*
 * A sweep's run slots: the files its runs of their own write, one set
 * per -j slot (DIR/slot-K.{out,err,json}), made once and used by run
 * after run.  A run that is not ok takes its slot's files as its own
 * (kfc_slot_keep renames them), and the slot makes new ones.
 *
 * Nothing here makes a file per run or truncates one to nothing: on
 * ext4 a file made anew after many deletions costs an inode search among
 * the recently deleted ones, and a file truncated to nothing frees its
 * block, which on a file system mounted with discard waits for the disk.
 * So stdout and stderr stay open here, are rewound before a run (the
 * child writes over the last run's bytes through the same open file)
 * and cut after it where the child's writes ended (the offset they share
 * with us, or the file's end when the run made it longer: a stream it
 * opened anew, /dev/stderr, wrote past ours); the report gets a
 * line that is no report written over it (the shim writes over that
 * in turn, see shim/out.c), and a run that leaves the line is one that
 * never started.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

struct kfc_slot {
	bool busy;
	bool made; /* its three files are this sweep's, out and err open */
	int out, err;
	off_t out_len, err_len; /* where the last run's bytes end */
};

struct kfc_slots {
	const char *dir;
	struct kfc_slot *s;
	int nr;
};

static const char *const slot_exts[] = {"out", "err", "json"};
#define SLOT_EXTS (sizeof(slot_exts) / sizeof(slot_exts[0]))

/* What a slot's report holds until a run's shim writes over it. */
static const char slot_unwritten[] = "kfault: no run has started here\n";

struct kfc_slots *kfc_slots_new(const char *dir, int nr)
{
	struct kfc_slots *ss = kfc_xcalloc(1, sizeof(*ss));

	ss->dir = dir;
	ss->nr = nr;
	ss->s = kfc_xcalloc(nr, sizeof(*ss->s));
	return ss;
}

char *kfc_slot_path(const struct kfc_slots *ss, int k, const char *ext)
{
	return kfc_xasprintf("%s/slot-%d.%s", ss->dir, k, ext);
}

int kfc_slot_take(struct kfc_slots *ss)
{
	int k;

	for (k = 0; k < ss->nr; k++) {
		if (!ss->s[k].busy) {
			ss->s[k].busy = true;
			return k;
		}
	}
	return -1;
}

void kfc_slot_put(struct kfc_slots *ss, int k)
{
	ss->s[k].busy = false;
}

static void slot_close(struct kfc_slot *s)
{
	if (!s->made)
		return;
	close(s->out);
	close(s->err);
	s->made = false;
}

/* The report's line, over the last report; 0 or -1 (said). */
static int slot_report(const struct kfc_slot *s, const char *path)
{
	const size_t len = sizeof(slot_unwritten) - 1;
	int fd = s->made ? open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
	int ret;

	if (fd < 0)
		fd = kfc_create_run_file(path);
	if (fd < 0)
		return -1;
	ret = pwrite(fd, slot_unwritten, len, 0) == (ssize_t)len ? 0 : -1;
	if (!ret)
		ret = ftruncate(fd, len);
	close(fd);
	/* a full disk: no file says "missing" as well, and costs no space */
	return ret ? kfc_remove_stale(path) : 0;
}

int kfc_slot_prepare(struct kfc_slots *ss, int k, struct kfc_launch *l)
{
	struct kfc_slot *s = &ss->s[k];
	char *path[SLOT_EXTS];
	int ret = -1;
	size_t i;

	for (i = 0; i < SLOT_EXTS; i++)
		path[i] = kfc_slot_path(ss, k, slot_exts[i]);
	if (slot_report(s, path[2]))
		goto out;
	if (s->made &&
	    (lseek(s->out, 0, SEEK_SET) < 0 || lseek(s->err, 0, SEEK_SET) < 0))
		slot_close(s);
	if (!s->made) {
		s->out = kfc_create_run_file(path[0]);
		s->err = s->out >= 0 ? kfc_create_run_file(path[1]) : -1;
		if (s->err < 0) {
			if (s->out >= 0)
				close(s->out);
			goto out;
		}
		s->made = true;
		s->out_len = s->err_len = 0;
	}
	l->out_fd = s->out;
	l->err_fd = s->err;
	l->have_fds = true;
	ret = 0;
out:
	for (i = 0; i < SLOT_EXTS; i++)
		free(path[i]);
	return ret;
}

/*
 * @fd's file cut where the run's writes ended: at the offset, or at the
 * end when the run wrote past the last run's @len; @len then is that.
 */
static void slot_cut(int fd, off_t *len)
{
	off_t end = lseek(fd, 0, SEEK_CUR);
	struct stat st;

	if (end < 0 || fstat(fd, &st))
		return;
	if (st.st_size > *len && st.st_size > end)
		end = st.st_size;
	if (end < st.st_size)
		(void)!ftruncate(fd, end);
	*len = end;
}

void kfc_slot_ended(struct kfc_slots *ss, int k)
{
	struct kfc_slot *s = &ss->s[k];
	char buf[sizeof(slot_unwritten)], *path;
	ssize_t n;
	int fd;

	if (s->made) {
		slot_cut(s->out, &s->out_len);
		slot_cut(s->err, &s->err_len);
	}
	path = kfc_slot_path(ss, k, "json");
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf));
		close(fd);
		/* still the line: no shim ran, so no report is "missing" */
		if (n == sizeof(slot_unwritten) - 1 &&
		    !memcmp(buf, slot_unwritten, n))
			unlink(path);
	}
	free(path);
}

/* DIR/NAME.EXT, a run's own file, malloc'ed. */
static char *own_path(const struct kfc_slots *ss, const char *name,
		      const char *ext)
{
	return kfc_xasprintf("%s/%s.%s", ss->dir, name, ext);
}

int kfc_slot_keep(struct kfc_slots *ss, int k, const char *name)
{
	int ret = 0;
	size_t i;

	for (i = 0; i < SLOT_EXTS; i++) {
		char *from = kfc_slot_path(ss, k, slot_exts[i]);
		char *to = own_path(ss, name, slot_exts[i]);

		if (rename(from, to) < 0 && errno != ENOENT) {
			kfc_warn("cannot move %s to %s: %s", from, to,
				 strerror(errno));
			ret = -1;
		}
		free(from);
		free(to);
	}
	/* its files are gone: the next run makes new ones */
	slot_close(&ss->s[k]);
	return ret;
}

void kfc_slot_unkept(const struct kfc_slots *ss, const char *name)
{
	size_t i;

	for (i = 0; i < SLOT_EXTS; i++) {
		char *own = own_path(ss, name, slot_exts[i]);

		if (unlink(own) < 0 && errno != ENOENT)
			kfc_warn("cannot remove %s: %s", own, strerror(errno));
		free(own);
	}
}

void kfc_slots_free(struct kfc_slots *ss)
{
	int k;
	size_t i;

	if (!ss)
		return;
	for (k = 0; k < ss->nr; k++) {
		if (!ss->s[k].made)
			continue;
		slot_close(&ss->s[k]);
		for (i = 0; i < SLOT_EXTS; i++) {
			char *f = kfc_slot_path(ss, k, slot_exts[i]);

			unlink(f);
			free(f);
		}
	}
	free(ss->s);
	free(ss);
}
