// SPDX-License-Identifier: GPL-2.0-only
/* kstrto*: the kernel's parsing rules, case by case. */
#include "config.h"

#include <string.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>

#include "tap.h"

struct ull_case {
	const char *s;
	unsigned int base;
	int ret;
	unsigned long long val;
};

static const struct ull_case ull_cases[] = {
	{"0", 10, 0, 0},
	{"42", 10, 0, 42},
	{"42\n", 10, 0, 42},
	{"42\n\n", 10, -EINVAL, 0},
	{"+42", 10, 0, 42},
	{"-42", 10, -EINVAL, 0},
	{" 42", 10, -EINVAL, 0},
	{"42 ", 10, -EINVAL, 0},
	{"", 10, -EINVAL, 0},
	{"\n", 10, -EINVAL, 0},
	{"0x1f", 0, 0, 31},
	{"0X1F", 16, 0, 31},
	{"1f", 16, 0, 31},
	{"0x", 16, -EINVAL, 0},
	{"017", 0, 0, 15},
	{"018", 0, -EINVAL, 0},
	{"12a", 10, -EINVAL, 0},
	{"18446744073709551615", 10, 0, 18446744073709551615ULL},
	{"18446744073709551616", 10, -ERANGE, 0},
	{"0xffffffffffffffff", 0, 0, 18446744073709551615ULL},
	{"0x10000000000000000", 0, -ERANGE, 0},
};

static void test_ull(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ull_cases); i++) {
		const struct ull_case *c = &ull_cases[i];
		unsigned long long v = 12345;
		int ret = kstrtoull(c->s, c->base, &v);

		ok(ret == c->ret && v == (ret ? 12345 : c->val),
		   "kstrtoull(\"%s\", %u) = %d, %llu", c->s, c->base, ret, v);
	}
}

static void test_narrow(void)
{
	unsigned int u;
	int i;
	long l;
	u8 b;
	bool flag;

	ok(!kstrtoint("-2147483648", 10, &i) && i == INT_MIN, "INT_MIN");
	is_int(kstrtoint("2147483648", 10, &i), -ERANGE, "INT_MAX + 1");
	is_int(kstrtoint("-2147483649", 10, &i), -ERANGE, "INT_MIN - 1");
	ok(!kstrtouint("4294967295\n", 0, &u) && u == UINT_MAX, "UINT_MAX");
	is_int(kstrtouint("4294967296", 0, &u), -ERANGE, "UINT_MAX + 1");
	is_int(kstrtouint("-1", 0, &u), -EINVAL, "unsigned refuses '-'");
	ok(!kstrtol("-0x10", 0, &l) && l == -16, "kstrtol(-0x10)");
	is_int(kstrtou8("256", 10, &b), -ERANGE, "u8 256");
	ok(!kstrtobool("Y", &flag) && flag, "Y");
	ok(!kstrtobool("0\n", &flag) && !flag, "0");
	ok(!kstrtobool("on", &flag) && flag, "on");
	ok(!kstrtobool("off", &flag) && !flag, "off");
	is_int(kstrtobool("o", &flag), -EINVAL, "o alone");
	is_int(kstrtobool("x", &flag), -EINVAL, "x");
	is_int(kstrtobool(NULL, &flag), -EINVAL, "NULL");
	ok(!kstrtoul_from_user("123\n", 4, 10, (unsigned long *)&l) && l == 123,
	   "kstrtoul_from_user stops at count");
	ok(!kstrtoint_from_user("77abc", 2, 10, &i) && i == 77,
	   "kstrtoint_from_user takes only count bytes");
}

int main(void)
{
	char *end;

	plan(ARRAY_SIZE(ull_cases) + 17 + 2);
	test_ull();
	test_narrow();
	ok(simple_strtoul("123abc", &end, 10) == 123 && !strcmp(end, "abc"),
	   "simple_strtoul stops at a non-digit");
	ok(simple_strtol("-0x20", NULL, 0) == -32, "simple_strtol");
	return exit_status();
}
