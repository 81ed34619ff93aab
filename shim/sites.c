// SPDX-License-Identifier: GPL-2.0-only
/*
 * The site-class table of the shim and the kfault command: see sites.h.
 */
#include "config.h"

#include <string.h>

#include "sites.h"

#define KF_AFTER_BEFORE false
#define KF_AFTER_AFTER true
/* clang-format off */
#define KF_CLASS(name, kind, when, group, what)				\
	[KSTUB_SITE_##name] = {#name, #group, what,			\
			       KSTUB_##kind == KSTUB_FAULT, KF_AFTER_##when},
/* clang-format on */
const struct kfault_class kfault_classes[KSTUB_NR_SITE_CLASSES] = {
	KSTUB_SITE_CLASSES(KF_CLASS)};
#undef KF_CLASS

const char *kfault_class_name(unsigned int cls)
{
	return cls < KSTUB_NR_SITE_CLASSES ? kfault_classes[cls].name : "?";
}

int kfault_class_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++)
		if (!strcmp(kfault_classes[i].name, name))
			return i;
	return -1;
}

uint64_t kfault_fault_classes(void)
{
	uint64_t m = 0;
	unsigned int i;

	for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++)
		if (kfault_classes[i].fault)
			m |= UINT64_C(1) << i;
	return m;
}

const char *kfault_fault_class_list(char *list, size_t size)
{
	size_t len = 0, n;
	unsigned int i;

	for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++) {
		if (!kfault_classes[i].fault)
			continue;
		n = strlen(kfault_classes[i].name);
		if (len + n + 3 > size)
			break;
		if (len) {
			memcpy(list + len, ", ", 2);
			len += 2;
		}
		memcpy(list + len, kfault_classes[i].name, n);
		len += n;
	}
	list[len] = '\0';
	return list;
}
