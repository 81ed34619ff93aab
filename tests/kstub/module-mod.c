// SPDX-License-Identifier: GPL-2.0-only
/* A loadable module for module.c: its init fails while asked to. */
#define MODULE
#define KBUILD_MODNAME "demo"
#include "config.h"

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>

int demo_state;
int demo_fail_init;

static int __init demo_init(void)
{
	if (demo_fail_init)
		return -ENOMEM;
	demo_state = 1;
	return 0;
}

static void __exit demo_exit(void)
{
	demo_state = 2;
}

module_init(demo_init);
module_exit(demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kstub's module test");
