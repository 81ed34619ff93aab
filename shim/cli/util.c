// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small helpers of the kfault command: allocation that dies on failure,
 * messages, growable strings, whole-file reads.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void kf_vwarn(const char *fmt, va_list ap)
{
	fputs("kfault: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void kf_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kf_vwarn(fmt, ap);
	va_end(ap);
	exit(KFAULT_EXIT_USAGE);
}

void kf_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kf_vwarn(fmt, ap);
	va_end(ap);
}

void *kf_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		kf_die("out of memory");
	return p;
}

void *kf_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		kf_die("out of memory");
	return p;
}

void *kf_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		kf_die("out of memory");
	return p;
}

char *kf_xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		kf_die("out of memory");
	return p;
}

static char *kf_vxasprintf(const char *fmt, va_list ap, int *len)
{
	char *s;
	int n = vasprintf(&s, fmt, ap);

	if (n < 0)
		kf_die("out of memory");
	if (len)
		*len = n;
	return s;
}

char *kf_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = kf_vxasprintf(fmt, ap, NULL);
	va_end(ap);
	return s;
}

char *kf_read_file(const char *path, size_t *len)
{
	struct kf_buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	kf_buf_add(&b, "", 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			kf_buf_release(&b);
			return NULL;
		}
		kf_buf_add(&b, chunk, n);
	}
	close(fd);
	if (len)
		*len = b.len;
	return b.s;
}

int kf_mkdir_p(const char *path)
{
	char *p = kf_xstrdup(path);
	char *slash = p;
	int ret = 0;

	while (ret == 0 && slash) {
		slash = strchr(slash + 1, '/');
		if (slash)
			*slash = '\0';
		if (*p && mkdir(p, 0777) < 0 && errno != EEXIST)
			ret = -1;
		if (slash)
			*slash = '/';
	}
	free(p);
	return ret;
}

double kf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void kf_buf_add(struct kf_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = kf_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void kf_buf_puts(struct kf_buf *b, const char *s)
{
	kf_buf_add(b, s, strlen(s));
}

void kf_buf_printf(struct kf_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	s = kf_vxasprintf(fmt, ap, &n);
	va_end(ap);
	kf_buf_add(b, s, n);
	free(s);
}

void kf_buf_release(struct kf_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void kf_shell_quote(struct kf_buf *b, const char *arg)
{
	const char *p;

	if (*arg && strspn(arg, "abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				"-_./=:,+%@") == strlen(arg)) {
		kf_buf_puts(b, arg);
		return;
	}
	kf_buf_puts(b, "'");
	for (p = arg; *p; p++) {
		if (*p == '\'')
			kf_buf_puts(b, "'\\''");
		else
			kf_buf_add(b, p, 1);
	}
	kf_buf_puts(b, "'");
}
