// SPDX-License-Identifier: GPL-2.0-only
/*
 * The default hook.  A preloaded library replaces kstub_hook by
 * interposition; see <kstub/hook.h>.  The site table is <kstub/sites.h>.
 */
#include "config.h"

#include <kstub/hook.h>

bool kstub_hook(const struct kstub_site *site)
{
	(void)site;
	return false;
}

int kstub_hook_abi_version(void)
{
	return KSTUB_HOOK_ABI_VERSION;
}
