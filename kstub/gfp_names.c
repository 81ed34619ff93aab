// SPDX-License-Identifier: GPL-2.0-only
/*
 * GFP flags by name, as the kernel's %pGg prints them (its table is
 * gfpflag_names in mm/debug.c): for %pGg and the allocation-failure
 * warning.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/sprintf.h>
#include <kstub/report.h>

static const struct {
	gfp_t mask;
	const char *name;
} gfp_names[] = {
	/* Combinations first, widest first, as the kernel prints them */
	{GFP_TRANSHUGE, "GFP_TRANSHUGE"},
	{GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT"},
	{GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE"},
	{GFP_HIGHUSER, "GFP_HIGHUSER"},
	{GFP_USER, "GFP_USER"},
	{GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT"},
	{GFP_KERNEL, "GFP_KERNEL"},
	{GFP_NOFS, "GFP_NOFS"},
	{GFP_ATOMIC, "GFP_ATOMIC"},
	{GFP_NOIO, "GFP_NOIO"},
	{GFP_NOWAIT, "GFP_NOWAIT"},
	{GFP_DMA, "GFP_DMA"},
	{__GFP_HIGHMEM, "__GFP_HIGHMEM"},
	{GFP_DMA32, "GFP_DMA32"},
	{__GFP_HIGH, "__GFP_HIGH"},
	{__GFP_IO, "__GFP_IO"},
	{__GFP_FS, "__GFP_FS"},
	{__GFP_NOWARN, "__GFP_NOWARN"},
	{__GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL"},
	{__GFP_NOFAIL, "__GFP_NOFAIL"},
	{__GFP_NORETRY, "__GFP_NORETRY"},
	{__GFP_COMP, "__GFP_COMP"},
	{__GFP_ZERO, "__GFP_ZERO"},
	{__GFP_NOMEMALLOC, "__GFP_NOMEMALLOC"},
	{__GFP_MEMALLOC, "__GFP_MEMALLOC"},
	{__GFP_HARDWALL, "__GFP_HARDWALL"},
	{__GFP_THISNODE, "__GFP_THISNODE"},
	{__GFP_RECLAIMABLE, "__GFP_RECLAIMABLE"},
	{__GFP_MOVABLE, "__GFP_MOVABLE"},
	{__GFP_ACCOUNT, "__GFP_ACCOUNT"},
	{__GFP_WRITE, "__GFP_WRITE"},
	{__GFP_RECLAIM, "__GFP_RECLAIM"},
	{__GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM"},
	{__GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM"},
	{__GFP_ZEROTAGS, "__GFP_ZEROTAGS"},
	{__GFP_NOLOCKDEP, "__GFP_NOLOCKDEP"},
};

const char *kstub_gfp_name(unsigned int gfp, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask)
			continue;
		gfp &= ~gfp_names[i].mask;
		used += scnprintf(buf + used, len - used, "%s%s",
				  used ? "|" : "", gfp_names[i].name);
	}
	if (gfp)
		used += scnprintf(buf + used, len - used, "%s%#x",
				  used ? "|" : "", gfp);
	if (!used)
		scnprintf(buf, len, "none");
	return buf;
}
