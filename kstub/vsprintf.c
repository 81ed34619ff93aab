// SPDX-License-Identifier: GPL-2.0-only
/*
 * vsnprintf with the kernel's %p extensions, for printk, WARN, the reports
 * and the kasprintf/scnprintf family: kernel code passes them formats such
 * as "%pS" and expects a symbol, not a pointer followed by an "S".
 *
 * Standard conversions are handed to libc one at a time.  After %p the
 * kernel takes every following letter or digit as the extension, and so
 * does this: %pS (function+0xoff), %pB (the same for a return address),
 * %ps (function), %pe (an error pointer as -ENOMEM), %pGg (gfp_t * as
 * GFP_KERNEL|__GFP_ZERO), %px and %pK (the raw address); any other
 * extension prints the raw address.
 * Plain %p prints the raw address (nothing here is secret).  Field width
 * and the '-' flag apply to extensions; %n writes nothing.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "internal.h"
#include <linux/err.h>
#include <linux/errno.h>
#include <kstub/report.h>

struct vbuf {
	char *buf;
	size_t size;
	size_t len; /* what would have been written */
};

static void vbuf_put(struct vbuf *b, const char *s, size_t n)
{
	if (b->len < b->size) {
		size_t room = b->size - b->len - 1;

		memcpy(b->buf + b->len, s, n < room ? n : room);
	}
	b->len += n;
}

static __attribute__((format(printf, 2, 3))) void vbuf_fmt(struct vbuf *b,
							   const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		vbuf_put(b, tmp, n);
		return;
	}
	/* longer than tmp: format again straight into the buffer */
	va_start(ap, fmt);
	if (b->len < b->size)
		vsnprintf(b->buf + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	b->len += n;
}

/* The kernel's own error codes, which libc does not name */
static const char *errname(int err)
{
	switch (err) {
	case ERESTARTSYS:
		return "ERESTARTSYS";
	case ERESTARTNOINTR:
		return "ERESTARTNOINTR";
	case ENOTSUPP:
		return "ENOTSUPP";
	}
	return strerrorname_np(err);
}

/* One %p extension @ext (its letters) for @ptr, into @out. */
static void pointer_ext(char *out, size_t len, const char *ext, size_t n,
			const void *ptr)
{
	char sym[256];

	switch (ext[0]) {
	case 'S':
		kstub_symbolize_at(ptr, out, len, 0);
		return;
	case 'B':
		/* a return address: look up the call before it */
		kstub_symbolize_at(ptr, out, len, 1);
		return;
	case 's': {
		char *plus;

		kstub_symbolize_at(ptr, sym, sizeof(sym), 0);
		plus = strchr(sym, '+');
		if (plus)
			*plus = '\0';
		snprintf(out, len, "%s", sym);
		return;
	}
	case 'e':
		if (IS_ERR(ptr) && errname(-PTR_ERR(ptr))) {
			snprintf(out, len, "-%s", errname(-PTR_ERR(ptr)));
			return;
		}
		break;
	case 'G':
		if (n > 1 && ext[1] == 'g' && ptr) {
			kstub_gfp_name(*(const unsigned int *)ptr, out, len);
			return;
		}
		break;
	}
	snprintf(out, len, "%#lx", (unsigned long)(uintptr_t)ptr);
}

/* A conversion specification, as parsed. */
struct spec {
	char text[48]; /* "%" flags width precision length conversion */
	char length[3];
	char conv;
	int width; /* -1: none */
	bool left;
};

/* Parse the spec at @fmt (after '%'), taking '*' from @ap. */
static const char *parse_spec(const char *fmt, struct spec *s, va_list *ap)
{
	char flags[8] = "", *end;
	int prec = -1, i = 0, n;

	s->width = -1;
	s->left = false;
	while (*fmt && strchr("-+ #0'", *fmt)) {
		s->left |= *fmt == '-';
		if (i < (int)sizeof(flags) - 1)
			flags[i++] = *fmt;
		fmt++;
	}
	if (*fmt == '*') {
		s->width = va_arg(*ap, int);
		fmt++;
	} else if (isdigit((unsigned char)*fmt)) {
		s->width = (int)strtol(fmt, &end, 10);
		fmt = end;
	}
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			prec = va_arg(*ap, int);
			fmt++;
		} else {
			prec = (int)strtol(fmt, &end, 10);
			fmt = end;
		}
	}
	memset(s->length, 0, sizeof(s->length));
	for (i = 0; i < 2 && *fmt && strchr("hlLqjzZt", *fmt); i++)
		s->length[i] = *fmt++;
	s->conv = *fmt;
	/* rebuilt with the width and precision as numbers */
	n = snprintf(s->text, sizeof(s->text), "%%%s", flags);
	if (s->width >= 0)
		n += snprintf(s->text + n, sizeof(s->text) - n, "%d", s->width);
	if (prec >= 0)
		n += snprintf(s->text + n, sizeof(s->text) - n, ".%d", prec);
	snprintf(s->text + n, sizeof(s->text) - n, "%s%c", s->length, s->conv);
	return *fmt ? fmt + 1 : fmt;
}

static bool len_is(const struct spec *s, const char *l)
{
	return !strcmp(s->length, l);
}

/* Format one standard conversion, taking its argument from @ap. */
static void convert(struct vbuf *b, const struct spec *s, va_list *ap)
{
	switch (s->conv) {
	case 'd':
	case 'i':
		if (len_is(s, "l"))
			vbuf_fmt(b, s->text, va_arg(*ap, long));
		else if (len_is(s, "ll") || len_is(s, "q") || len_is(s, "L"))
			vbuf_fmt(b, s->text, va_arg(*ap, long long));
		else if (len_is(s, "j"))
			vbuf_fmt(b, s->text, va_arg(*ap, intmax_t));
		else if (len_is(s, "z") || len_is(s, "Z"))
			vbuf_fmt(b, s->text, va_arg(*ap, ssize_t));
		else if (len_is(s, "t"))
			vbuf_fmt(b, s->text, va_arg(*ap, ptrdiff_t));
		else
			vbuf_fmt(b, s->text, va_arg(*ap, int));
		return;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		if (len_is(s, "l"))
			vbuf_fmt(b, s->text, va_arg(*ap, unsigned long));
		else if (len_is(s, "ll") || len_is(s, "q") || len_is(s, "L"))
			vbuf_fmt(b, s->text, va_arg(*ap, unsigned long long));
		else if (len_is(s, "j"))
			vbuf_fmt(b, s->text, va_arg(*ap, uintmax_t));
		else if (len_is(s, "z") || len_is(s, "Z"))
			vbuf_fmt(b, s->text, va_arg(*ap, size_t));
		else if (len_is(s, "t"))
			vbuf_fmt(b, s->text, va_arg(*ap, ptrdiff_t));
		else
			vbuf_fmt(b, s->text, va_arg(*ap, unsigned int));
		return;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (len_is(s, "L"))
			vbuf_fmt(b, s->text, va_arg(*ap, long double));
		else
			vbuf_fmt(b, s->text, va_arg(*ap, double));
		return;
	case 'c':
		vbuf_fmt(b, s->text, va_arg(*ap, int));
		return;
	case 's':
		vbuf_fmt(b, s->text, va_arg(*ap, const char *));
		return;
	case 'n':
		(void)va_arg(*ap, void *);
		return;
	default:
		/* not a conversion: print it as written */
		vbuf_put(b, s->text, strlen(s->text));
	}
}

int kstub_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct vbuf b = {buf, size, 0};
	struct spec s;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		const char *pct = strchrnul(fmt, '%');

		vbuf_put(&b, fmt, pct - fmt);
		if (!*pct)
			break;
		if (pct[1] == '%') {
			vbuf_put(&b, "%", 1);
			fmt = pct + 2;
			continue;
		}
		fmt = parse_spec(pct + 1, &s, &ap);
		if (s.conv == 'p') {
			const char *ext = fmt;
			char out[256];

			while (isalnum((unsigned char)*fmt))
				fmt++;
			pointer_ext(out, sizeof(out), ext, fmt - ext,
				    va_arg(ap, void *));
			vbuf_fmt(&b, s.left ? "%-*s" : "%*s", s.width, out);
			continue;
		}
		if (!s.conv)
			break;
		convert(&b, &s, &ap);
	}
	va_end(ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return (int)b.len;
}
