/* SPDX-License-Identifier: GPL-2.0-only */
/* Halves and bytes of integers. */
#ifndef _KSTUB_LINUX_WORDPART_H
#define _KSTUB_LINUX_WORDPART_H

#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n)&0xffffffff))
#define upper_16_bits(n) ((u16)((n) >> 16))
#define lower_16_bits(n) ((u16)((n)&0xffff))
#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define REPEAT_BYTE_U32(x) lower_32_bits(REPEAT_BYTE(x))
#define ALIGN_DOWN_TO_WORD(x) ((x) & ~(sizeof(long) - 1))

#endif
