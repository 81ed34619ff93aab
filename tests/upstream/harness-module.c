// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs a kernel test module (lib/test_rhashtable.c, lib/test_xarray.c,
 * compiled with -DMODULE): boots (the built-in initcalls, such as the
 * xarray node cache), loads the module named by argv[1], whose init runs
 * its tests, unloads it, lets RCU callbacks finish and calls
 * harness_cleanup() if a harness file of the program defines one.
 *
 * Exit status: 0 when init returned 0; 3 when boot or init failed with
 * -ENOMEM, which under kfault means the failure was seen and reported
 * (kfault sweep --ok-exit 0,3); 1 otherwise.
 */
#include <stdio.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rcupdate.h>

#include "harness.h"

void __weak harness_cleanup(void)
{
}

int main(int argc, char **argv)
{
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s MODULE\n", argv[0]);
		return 2;
	}
	if (kstub_do_initcalls()) {
		harness_cleanup();
		return HARNESS_EXIT_NOMEM;
	}
	err = kstub_module_load(argv[1]);
	if (!err)
		kstub_module_unload(argv[1]);
	rcu_barrier();
	harness_cleanup();
	printf("%s: init returned %d\n", argv[1], err);
	if (!err)
		return 0;
	return err == -ENOMEM ? HARNESS_EXIT_NOMEM : 1;
}
