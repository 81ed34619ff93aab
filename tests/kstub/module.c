// SPDX-License-Identifier: GPL-2.0-only
/*
 * Initcalls run by level, once, only when kstub_do_initcalls() is called;
 * a failing one is counted.  A -DMODULE module is loaded and unloaded by
 * name, and a failed init leaves it unloaded.
 */
#include "config.h"

#include <string.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>

#include "tap.h"

extern int demo_state, demo_fail_init;
static char order[8];

static void ran(char c)
{
	order[strlen(order)] = c;
}

static int __init late(void)
{
	ran('L');
	return 0;
}

static int __init core(void)
{
	ran('C');
	return 0;
}

static int __init device(void)
{
	ran('D');
	return -EINVAL;
}

static void __exit device_exit(void)
{
}

late_initcall(late);
core_initcall(core);
module_init(device);
module_exit(device_exit);

int main(void)
{
	plan(10);
	ok(!order[0], "nothing runs before kstub_do_initcalls");
	is_int(kstub_do_initcalls(), 1, "one initcall failed");
	ok(!strcmp(order, "CDL"), "by level: core, device, late (%s)", order);
	is_int(kstub_do_initcalls(), 0, "a second call runs nothing");

	demo_fail_init = 1;
	is_int(kstub_module_load("demo"), -ENOMEM, "init's error is returned");
	demo_fail_init = 0;
	is_int(kstub_module_load("demo"), 0, "load");
	is_int(kstub_module_load("demo"), -EEXIST, "load twice");
	ok(demo_state == 1, "init ran");
	is_int(kstub_module_unload("demo"), 0, "unload");
	ok(demo_state == 2 && kstub_module_unload("demo") == -ENOENT &&
		   kstub_module_load("none") == -ENOENT,
	   "exit ran; unloading again and unknown names: -ENOENT");
	return exit_status();
}
