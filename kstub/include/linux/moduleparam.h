/* SPDX-License-Identifier: GPL-2.0-only */
/* Module parameters keep their compiled-in defaults in kstub. */
#ifndef _KSTUB_LINUX_MODULEPARAM_H
#define _KSTUB_LINUX_MODULEPARAM_H

#define module_param(name, type, perm)
#define module_param_named(name, value, type, perm)
#define MODULE_PARM_DESC(name, desc)
#define core_param(name, var, type, perm)

#endif
