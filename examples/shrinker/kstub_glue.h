/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot of the shrinker example on kstub: call shrinker_glue_init() once,
 * before creating memcgs or shrinkers (after kstub_set_nr_nodes(), if
 * any).  Returns 0 or -errno.
 */
#ifndef _SHRINKER_KSTUB_GLUE_H
#define _SHRINKER_KSTUB_GLUE_H

int shrinker_glue_init(void);
/*
 * After the last memcg and shrinker are gone: frees what the memcgs still
 * alive (the root) hold for the shrinker code, so a leak check sees zero.
 */
void shrinker_glue_exit(void);

#endif
