// SPDX-License-Identifier: GPL-2.0-only
/*
 * Output for reports and traces: a fixed buffer drained with write(2), no
 * stdio and no malloc, so the same code serves exit and a fatal signal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kfault.h"

bool kf_forked;

void kf_out_init(struct kfault_out *o, int fd)
{
	o->fd = fd;
	o->len = 0;
	o->failed = false;
	o->err = 0;
}

/*
 * Tell stderr that an output could not be written, so that whoever
 * reads it knows why the file is missing or short.  Signal-safe.
 */
void kf_output_failed(const char *what, const char *path, int err)
{
	struct kfault_out o;

	kf_out_init(&o, 2);
	kf_puts(&o, "kfault: cannot write the ");
	kf_puts(&o, what);
	kf_puts(&o, " to '");
	kf_puts(&o, path);
	kf_puts(&o, "': ");
	kf_puts(&o, strerrorname_np(err) ?: "error");
	kf_putc(&o, '\n');
	kf_flush(&o);
}

int kf_flush(struct kfault_out *o)
{
	size_t done = 0;

	while (done < o->len) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->failed = true;
			o->err = n < 0 ? errno : EIO;
			break;
		}
		done += n;
	}
	o->len = 0;
	return o->failed ? -1 : 0;
}

void kf_putc(struct kfault_out *o, char c)
{
	if (o->len == sizeof(o->buf))
		kf_flush(o);
	o->buf[o->len++] = c;
}

void kf_puts(struct kfault_out *o, const char *s)
{
	while (*s)
		kf_putc(o, *s++);
}

void kf_putu(struct kfault_out *o, unsigned long long v)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		kf_putc(o, d[--n]);
}

void kf_puti(struct kfault_out *o, long long v)
{
	if (v < 0) {
		kf_putc(o, '-');
		kf_putu(o, -(unsigned long long)v);
	} else {
		kf_putu(o, v);
	}
}

void kf_putx(struct kfault_out *o, unsigned long long v)
{
	char d[20];
	int n = 0;

	do {
		d[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	kf_puts(o, "0x");
	while (n)
		kf_putc(o, d[--n]);
}

/* A JSON string, quotes included. */
void kf_putjs(struct kfault_out *o, const char *s)
{
	kf_putc(o, '"');
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\') {
			kf_putc(o, '\\');
			kf_putc(o, c);
		} else if (c == '\n') {
			kf_puts(o, "\\n");
		} else if (c < 0x20) {
			kf_puts(o, "\\u00");
			kf_putc(o, "0123456789abcdef"[c >> 4]);
			kf_putc(o, "0123456789abcdef"[c & 15]);
		} else {
			kf_putc(o, c);
		}
	}
	kf_putc(o, '"');
}

/* @sep, then "key": */
void kf_putkey(struct kfault_out *o, const char *sep, const char *key)
{
	kf_puts(o, sep);
	kf_putc(o, '"');
	kf_puts(o, key);
	kf_puts(o, "\":");
}

void kf_putb(struct kfault_out *o, bool v)
{
	kf_puts(o, v ? "true" : "false");
}

/* Hex in a JSON string: no 64-bit value loses precision in a reader. */
void kf_putxs(struct kfault_out *o, unsigned long long v)
{
	kf_putc(o, '"');
	kf_putx(o, v);
	kf_putc(o, '"');
}

/* A frame object: see doc/report-format.md, "Frames". */
void kf_put_frame_json(struct kfault_out *o, uintptr_t addr)
{
	struct kfault_frame f;

	kfault_symbolize(addr, &f);
	kf_putkey(o, "{", KFR_FRAME_ADDR);
	kf_putxs(o, addr);
	kf_putkey(o, ",", KFR_FRAME_FUNCTION);
	if (f.func) {
		kf_putjs(o, f.func);
		kf_putkey(o, ",", KFR_FRAME_OFFSET);
		kf_putxs(o, f.func_off);
	} else {
		kf_puts(o, "null");
	}
	kf_putkey(o, ",", KFR_FRAME_OBJECT);
	if (f.object) {
		kf_putjs(o, f.object);
		kf_putkey(o, ",", KFR_FRAME_OBJECT_OFFSET);
		kf_putxs(o, f.object_off);
	} else {
		kf_puts(o, "null");
	}
	kf_putc(o, '}');
}

/* "func+0x1a (object+0x1234)" */
void kf_put_frame_text(struct kfault_out *o, uintptr_t addr)
{
	struct kfault_frame f;
	const char *base;

	kfault_symbolize(addr, &f);
	if (f.func) {
		kf_puts(o, f.func);
		kf_putc(o, '+');
		kf_putx(o, f.func_off);
	} else {
		kf_putx(o, addr);
	}
	if (f.object) {
		base = strrchr(f.object, '/');
		kf_puts(o, " (");
		kf_puts(o, base ? base + 1 : f.object);
		kf_putc(o, '+');
		kf_putx(o, f.object_off);
		kf_putc(o, ')');
	}
}

/*
 * Open an output file: "%p" in @path becomes the pid; in a forked child a
 * path without "%p" gets ".PID" appended so the parent's file survives.
 */
int kf_open_output(const char *path, char *resolved, size_t len)
{
	char buf[1024];
	struct kfault_out o = {.fd = -1};
	bool has_pid = false;
	const char *s;

	for (s = path; *s; s++) {
		if (s[0] == '%' && s[1] == 'p') {
			kf_putu(&o, getpid());
			has_pid = true;
			s++;
		} else {
			kf_putc(&o, *s);
		}
		if (o.len > sizeof(buf) - 32)
			break;
	}
	if (kf_forked && !has_pid) {
		kf_putc(&o, '.');
		kf_putu(&o, getpid());
	}
	memcpy(buf, o.buf, o.len);
	buf[o.len] = '\0';
	if (resolved && len) {
		strncpy(resolved, buf, len - 1);
		resolved[len - 1] = '\0';
	}
	/*
	 * Not O_TRUNC: what was there is written over, then cut to
	 * length (kf_output_started, kf_write_output).  A file truncated
	 * to nothing frees its block, which on a file system mounted with
	 * discard waits for the disk, and a sweep reuses its files.
	 */
	return open(buf, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
}

/*
 * Before main: the file becomes a newline (whitespace, which a reader
 * takes as "no report written": the process was killed or exec'd), one
 * byte that keeps the block the last report had.  Empty when even that
 * cannot be written (a full disk).
 */
void kf_output_started(int fd)
{
	struct stat st;

	/* a pipe, a terminal, /dev/null: nothing to keep */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		return;
	if (pwrite(fd, "\n", 1, 0) != 1 || ftruncate(fd, 1))
		(void)!ftruncate(fd, 0);
}

/*
 * Write a whole output file: @fn fills it.  Any failure (open, write,
 * close) is said on stderr and returns -1: a short file never passes
 * for a whole one in silence.  Called once per process (exits.c).
 */
int kf_write_output(const char *what, const char *path,
		    void (*fn)(struct kfault_out *o, const void *arg),
		    const void *arg)
{
	static struct kfault_out o;
	static char resolved[1024];
	int fd = kf_open_output(path, resolved, sizeof(resolved));
	struct stat st;

	if (fd < 0) {
		kf_output_failed(what, resolved, errno);
		return -1;
	}
	kf_out_init(&o, fd);
	fn(&o, arg);
	kf_flush(&o);
	/* cut what an earlier content left past ours; a failure: nothing */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode)) {
		off_t end = o.failed ? 0 : lseek(fd, 0, SEEK_CUR);

		if ((end < 0 || ftruncate(fd, end)) && !o.failed) {
			o.failed = true;
			o.err = errno;
		}
	}
	if (close(fd) && !o.failed) {
		o.failed = true;
		o.err = errno;
	}
	if (o.failed)
		kf_output_failed(what, resolved, o.err);
	return o.failed ? -1 : 0;
}
