// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small helpers of the kfault command: allocation that dies on failure,
 * messages, growable strings, file reads of a bounded size or whole.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void kfc_vwarn(const char *fmt, va_list ap)
{
	fputs("kfault: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void kfc_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kfc_vwarn(fmt, ap);
	va_end(ap);
	exit(KFC_EXIT_USAGE);
}

void kfc_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kfc_vwarn(fmt, ap);
	va_end(ap);
}

void *kfc_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		kfc_die("out of memory");
	return p;
}

void *kfc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		kfc_die("out of memory");
	return p;
}

void *kfc_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		kfc_die("out of memory");
	return p;
}

char *kfc_xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		kfc_die("out of memory");
	return p;
}

static char *kfc_vxasprintf(const char *fmt, va_list ap, int *len)
{
	char *s;
	int n = vasprintf(&s, fmt, ap);

	if (n < 0)
		kfc_die("out of memory");
	if (len)
		*len = n;
	return s;
}

char *kfc_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = kfc_vxasprintf(fmt, ap, NULL);
	va_end(ap);
	return s;
}

char *kfc_read_head(const char *path, size_t max, size_t *len)
{
	struct kfc_buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	kfc_buf_add(&b, "", 0);
	while (b.len < max) {
		size_t want = max - b.len;

		n = read(fd, chunk,
			 want < sizeof(chunk) ? want : sizeof(chunk));
		if (!n)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			kfc_buf_release(&b);
			return NULL;
		}
		kfc_buf_add(&b, chunk, n);
	}
	close(fd);
	if (len)
		*len = b.len;
	return b.s;
}

char *kfc_read_ends(const char *path, size_t each)
{
	char *head = kfc_read_head(path, 2 * each, NULL), *text;
	struct kfc_buf b = {0};
	struct stat st;
	ssize_t n;
	int fd;

	if (!head || stat(path, &st) || (size_t)st.st_size <= 2 * each)
		return head;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	head[each] = '\0';
	kfc_buf_puts(&b, head);
	kfc_buf_puts(&b, "\n...\n");
	free(head);
	text = kfc_xmalloc(each + 1);
	n = fd < 0 ? -1
		   : pread(fd, text, each, (off_t)((size_t)st.st_size - each));
	if (n > 0)
		kfc_buf_add(&b, text, n);
	free(text);
	if (fd >= 0)
		close(fd);
	return b.s;
}

char *kfc_read_file(const char *path, size_t *len)
{
	return kfc_read_head(path, SIZE_MAX, len);
}

/* Copy up to @n bytes from @fd to @f (all of it when @n is SIZE_MAX). */
static int copy_fd(FILE *f, int fd, size_t n)
{
	char chunk[65536];
	ssize_t r;

	while (n) {
		r = read(fd, chunk, n < sizeof(chunk) ? n : sizeof(chunk));
		if (!r)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (fwrite(chunk, 1, r, f) != (size_t)r)
			return -1;
		n -= n == SIZE_MAX ? 0 : (size_t)r;
	}
	return 0;
}

int kfc_show_file(FILE *f, const char *path, size_t head, size_t tail)
{
	struct stat st;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size <= head || (size_t)st.st_size - head <= tail) {
		ret = copy_fd(f, fd, SIZE_MAX);
		goto out;
	}
	ret = copy_fd(f, fd, head);
	if (!ret) {
		fprintf(f,
			"\n[... %zu bytes left out: all of it is in %s ...]\n",
			(size_t)st.st_size - head - tail, path);
		if (lseek(fd, st.st_size - (off_t)tail, SEEK_SET) < 0)
			ret = -1;
	}
	if (!ret)
		ret = copy_fd(f, fd, tail);
out:
	close(fd);
	return ret;
}

char *kfc_which(const char *prog)
{
	const char *path = getenv("PATH"), *p, *colon;

	if (strchr(prog, '/'))
		return kfc_xstrdup(prog);
	for (p = path && *path ? path : "/usr/bin:/bin"; p; p = colon) {
		char *full;
		size_t n;

		colon = strchr(p, ':');
		n = colon ? (size_t)(colon - p) : strlen(p);
		full = kfc_xasprintf("%.*s%s%s", (int)n, p, n ? "/" : "", prog);
		if (!access(full, X_OK))
			return full;
		free(full);
		if (colon)
			colon++;
	}
	return NULL;
}

int kfc_remove_stale(const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT) {
		kfc_warn("cannot remove %s, left by an earlier run: %s", path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int kfc_write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= n;
	}
	return 0;
}

int kfc_mkdir_p(const char *path)
{
	char *p = kfc_xstrdup(path);
	char *slash = p;
	int ret = 0;

	while (ret == 0 && slash) {
		slash = strchr(slash + 1, '/');
		if (slash)
			*slash = '\0';
		if (*p && mkdir(p, 0755) < 0 && errno != EEXIST)
			ret = -1;
		if (slash)
			*slash = '/';
	}
	free(p);
	return ret;
}

int kfc_results_dir(const char *path)
{
	struct stat st;
	int fd;

	if (kfc_mkdir_p(path) < 0) {
		kfc_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	/* Not through a symlink: it could point anywhere. */
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		kfc_warn("results directory %s: %s%s", path, strerror(errno),
			 errno == ELOOP || errno == ENOTDIR
				 ? " (a symlink or not a directory)"
				 : "");
		goto err_close;
	}
	if (st.st_uid != geteuid()) {
		kfc_warn("results directory %s belongs to uid %u, not to you "
			 "(uid %u): its owner could plant symlinks in it; give "
			 "-o a directory of your own",
			 path, (unsigned int)st.st_uid,
			 (unsigned int)geteuid());
		goto err_close;
	}
	if ((st.st_mode & S_IWOTH) ||
	    ((st.st_mode & S_IWGRP) && st.st_gid != getegid())) {
		kfc_warn("results directory %s is writable by others (mode "
			 "%04o): they could plant symlinks in it; chmod go-w "
			 "it, or give -o another directory",
			 path, (unsigned int)(st.st_mode & 07777));
		goto err_close;
	}
	close(fd);
	return 0;

err_close:
	if (fd >= 0)
		close(fd);
	return -1;
}

int kfc_create_run_file(const char *path)
{
	int fd;

	if (kfc_remove_stale(path))
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0)
		kfc_warn("cannot create %s: %s", path, strerror(errno));
	return fd;
}

double kfc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void kfc_buf_add(struct kfc_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = kfc_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void kfc_buf_puts(struct kfc_buf *b, const char *s)
{
	kfc_buf_add(b, s, strlen(s));
}

void kfc_buf_printf(struct kfc_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	s = kfc_vxasprintf(fmt, ap, &n);
	va_end(ap);
	kfc_buf_add(b, s, n);
	free(s);
}

void kfc_buf_release(struct kfc_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Chunks of kept strings: 1 KiB first, doubling up to this. */
#define KFC_STRINGS_CHUNK_MAX 65536

size_t kfc_hash_str(size_t h, const char *s)
{
	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

size_t kfc_hash_word(size_t h, size_t v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

static void **set_slot(const struct kfc_set *s, const void *key)
{
	size_t i = s->hash(key) & (s->size - 1);

	while (s->slots[i] && !s->same(s->slots[i], key))
		i = (i + 1) & (s->size - 1);
	return &s->slots[i];
}

void *kfc_set_get(struct kfc_set *s, const void *key,
		  void *(*make)(const void *key, void *arg), void *arg)
{
	void **slot;

	if (2 * (s->used + 1) > s->size) {
		void **old = s->slots;
		size_t n = s->size, i;

		s->size = n ? 2 * n : 64;
		s->slots = kfc_xcalloc(s->size, sizeof(*s->slots));
		for (i = 0; i < n; i++)
			if (old[i])
				*set_slot(s, old[i]) = old[i];
		free(old);
	}
	slot = set_slot(s, key);
	if (!*slot) {
		*slot = make(key, arg);
		s->used++;
	}
	return *slot;
}

void kfc_set_release(struct kfc_set *s)
{
	free(s->slots);
	s->slots = NULL;
	s->size = s->used = 0;
}

static size_t strings_hash(const void *s)
{
	return kfc_hash_str(KFC_HASH_START, s);
}

static bool strings_same(const void *a, const void *b)
{
	return !strcmp(a, b);
}

/* @n bytes from the pool's chunks. */
static char *strings_alloc(struct kfc_strings *sp, size_t n)
{
	char *p;

	if (n > sp->left) {
		size_t size;
		void **chunk;

		if (sp->chunk_size < 1024)
			sp->chunk_size = 1024;
		else if (sp->chunk_size < KFC_STRINGS_CHUNK_MAX)
			sp->chunk_size *= 2;
		size = n > sp->chunk_size ? n : sp->chunk_size;
		chunk = kfc_xmalloc(sizeof(void *) + size);
		chunk[0] = sp->chunks;
		sp->chunks = chunk;
		sp->chunk = (char *)(chunk + 1);
		sp->left = size;
	}
	p = sp->chunk;
	sp->chunk += n;
	sp->left -= n;
	return p;
}

static void *strings_copy(const void *s, void *sp)
{
	size_t n = strlen(s) + 1;

	return memcpy(strings_alloc(sp, n), s, n);
}

const char *kfc_strings_add(struct kfc_strings *sp, const char *s)
{
	sp->set.hash = strings_hash;
	sp->set.same = strings_same;
	return kfc_set_get(&sp->set, s, strings_copy, sp);
}

void kfc_strings_release(struct kfc_strings *sp)
{
	void **chunk = sp->chunks, **prev;

	for (; chunk; chunk = prev) {
		prev = chunk[0];
		free(chunk);
	}
	kfc_set_release(&sp->set);
	memset(sp, 0, sizeof(*sp));
}

void kfc_shell_quote(struct kfc_buf *b, const char *arg)
{
	const char *p;

	if (*arg && strspn(arg, "abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				"-_./=:,+%@") == strlen(arg)) {
		kfc_buf_puts(b, arg);
		return;
	}
	kfc_buf_puts(b, "'");
	for (p = arg; *p; p++) {
		if (*p == '\'')
			kfc_buf_puts(b, "'\\''");
		else
			kfc_buf_add(b, p, 1);
	}
	kfc_buf_puts(b, "'");
}
