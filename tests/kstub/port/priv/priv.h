/* SPDX-License-Identifier: GPL-2.0-only */
/* needs-more.c's private header */
#define PRIV_SEED 7
