/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Declarations shared between kstub's own .c files; never installed.
 * Each subsystem adds its section.
 */
#ifndef KSTUB_INTERNAL_H
#define KSTUB_INTERNAL_H

#include <kstub/hook.h>

/* Report a site to the hook; true means "fail it" (FAULT classes only). */
static inline bool kstub_site(enum kstub_site_class cls, const void *caller,
			      const void *obj, size_t size, unsigned int gfp)
{
	struct kstub_site s = {
		.cls = cls,
		.caller = caller,
		.obj = obj,
		.size = size,
		.gfp = gfp,
	};

	return kstub_hook(&s);
}

#define KSTUB_CALLER() ((const void *)__builtin_return_address(0))

#endif /* KSTUB_INTERNAL_H */
