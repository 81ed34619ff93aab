// SPDX-License-Identifier: GPL-2.0-only
/* The kstrto* family; see <linux/kstrtox.h> for the rules. */
#include "config.h"

#include <string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>

/* Skips a "0x"/"0" prefix as @base allows; returns the effective base. */
static unsigned int kstub_parse_base(const char **sp, unsigned int base)
{
	const char *s = *sp;
	bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

	if (base == 0) {
		if (hex_prefix)
			base = 16;
		else if (s[0] == '0')
			base = 8;
		else
			base = 10;
	}
	if (base == 16 && hex_prefix)
		*sp = s + 2;
	return base;
}

static int kstub_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/*
 * Accumulates digits from @s; returns the number of digits consumed, with
 * *overflow set if the value does not fit in 64 bits.
 */
static size_t kstub_parse_digits(const char *s, unsigned int base,
				 unsigned long long *res, bool *overflow)
{
	unsigned long long v = 0;
	size_t n = 0;
	int d;

	*overflow = false;
	while ((d = kstub_digit(s[n])) < (int)base) {
		if (__builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, (unsigned int)d, &v))
			*overflow = true;
		n++;
	}
	*res = v;
	return n;
}

static int kstub_strtoull(const char *s, unsigned int base,
			  unsigned long long *res)
{
	unsigned long long v;
	bool overflow;
	size_t n;

	if (base == 1 || base > 36)
		return -EINVAL;
	base = kstub_parse_base(&s, base);
	n = kstub_parse_digits(s, base, &v, &overflow);
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return kstub_strtoull(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int ret;

	if (s[0] == '-') {
		ret = kstub_strtoull(s + 1, base, &v);
		if (ret)
			return ret;
		if (v > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)(0 - v);
		return 0;
	}
	ret = kstrtoull(s, base, &v);
	if (ret)
		return ret;
	if (v > LLONG_MAX)
		return -ERANGE;
	*res = (long long)v;
	return 0;
}

/* One narrowing wrapper per type, over the 64-bit parsers. */
#define KSTUB_KSTRTO_UNSIGNED(name, type, maxval)             \
	int name(const char *s, unsigned int base, type *res) \
	{                                                     \
		unsigned long long v;                         \
		int ret = kstrtoull(s, base, &v);             \
                                                              \
		if (ret)                                      \
			return ret;                           \
		if (v > (maxval))                             \
			return -ERANGE;                       \
		*res = (type)v;                               \
		return 0;                                     \
	}
#define KSTUB_KSTRTO_SIGNED(name, type, minval, maxval)       \
	int name(const char *s, unsigned int base, type *res) \
	{                                                     \
		long long v;                                  \
		int ret = kstrtoll(s, base, &v);              \
                                                              \
		if (ret)                                      \
			return ret;                           \
		if (v < (minval) || v > (maxval))             \
			return -ERANGE;                       \
		*res = (type)v;                               \
		return 0;                                     \
	}

KSTUB_KSTRTO_UNSIGNED(kstrtoul, unsigned long, ULONG_MAX)
KSTUB_KSTRTO_UNSIGNED(kstrtouint, unsigned int, UINT_MAX)
KSTUB_KSTRTO_UNSIGNED(kstrtou16, u16, U16_MAX)
KSTUB_KSTRTO_UNSIGNED(kstrtou8, u8, U8_MAX)
KSTUB_KSTRTO_SIGNED(kstrtol, long, LONG_MIN, LONG_MAX)
KSTUB_KSTRTO_SIGNED(kstrtoint, int, INT_MIN, INT_MAX)
KSTUB_KSTRTO_SIGNED(kstrtos16, s16, SHRT_MIN, SHRT_MAX)
KSTUB_KSTRTO_SIGNED(kstrtos8, s8, SCHAR_MIN, SCHAR_MAX)

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'e':
	case 'E':
	case 'y':
	case 'Y':
	case 't':
	case 'T':
	case '1':
		*res = true;
		return 0;
	case 'd':
	case 'D':
	case 'n':
	case 'N':
	case 'f':
	case 'F':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* Copies a user buffer into a terminated string, as the kernel's do. */
static int kstub_copy_number(char *buf, size_t len, const char __user *s,
			     size_t count)
{
	count = min(count, len - 1);
	memcpy(buf, (const char *)s, count);
	buf[count] = '\0';
	return 0;
}

#define KSTUB_KSTRTO_FROM_USER(name, parser, type)                      \
	int name(const char __user *s, size_t count, unsigned int base, \
		 type *res)                                             \
	{                                                               \
		char buf[1 + sizeof(unsigned long long) * 8 + 1 + 1];   \
                                                                        \
		kstub_copy_number(buf, sizeof(buf), s, count);          \
		return parser(buf, base, res);                          \
	}

KSTUB_KSTRTO_FROM_USER(kstrtoull_from_user, kstrtoull, unsigned long long)
KSTUB_KSTRTO_FROM_USER(kstrtoll_from_user, kstrtoll, long long)
KSTUB_KSTRTO_FROM_USER(kstrtoul_from_user, kstrtoul, unsigned long)
KSTUB_KSTRTO_FROM_USER(kstrtol_from_user, kstrtol, long)
KSTUB_KSTRTO_FROM_USER(kstrtouint_from_user, kstrtouint, unsigned int)
KSTUB_KSTRTO_FROM_USER(kstrtoint_from_user, kstrtoint, int)

int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
	char buf[4];

	kstub_copy_number(buf, sizeof(buf), s, count);
	return kstrtobool(buf, res);
}

unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base)
{
	unsigned long long v;
	bool overflow;

	base = kstub_parse_base(&cp, base);
	cp += kstub_parse_digits(cp, base, &v, &overflow);
	if (endp)
		*endp = (char *)cp;
	return v;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}
