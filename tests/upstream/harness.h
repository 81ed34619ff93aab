/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the harnesses of make check-upstream share: the exit status that
 * says "an allocation failed and the code said so" (kfault sweep
 * --ok-exit), and the cleanup hook of harness-module.c.
 */
#ifndef KFAULT_UPSTREAM_HARNESS_H
#define KFAULT_UPSTREAM_HARNESS_H

#define HARNESS_EXIT_NOMEM 3

/* Runs after the module is unloaded and RCU callbacks have run. */
void harness_cleanup(void);

#endif
