// SPDX-License-Identifier: GPL-2.0-only
/*
 * The default hook and the site table as data.  A preloaded library
 * replaces kstub_hook by interposition; see <kstub/hook.h>.
 */
#include "config.h"

#include <kstub/hook.h>

/* clang-format off */
#define KSTUB_SITE_INFO(name, kind, group, what)                              \
	[KSTUB_SITE_##name] = { #name, #group, what, KSTUB_##kind },
const struct kstub_site_info kstub_site_info[KSTUB_NR_SITE_CLASSES] = {
	KSTUB_SITE_CLASSES(KSTUB_SITE_INFO)
};
#undef KSTUB_SITE_INFO
/* clang-format on */

bool kstub_hook(const struct kstub_site *site)
{
	(void)site;
	return false;
}

int kstub_hook_abi_version(void)
{
	return KSTUB_HOOK_ABI_VERSION;
}
