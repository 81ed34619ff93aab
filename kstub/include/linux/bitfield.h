/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fields of registers and packed words described by a mask:
 * FIELD_PREP(mask, val) shifts @val into place, FIELD_GET(mask, reg)
 * extracts it, FIELD_FIT() says whether it fits, FIELD_MAX() is its
 * largest value.  @mask must be a constant (contiguous) mask.
 */
#ifndef _KSTUB_LINUX_BITFIELD_H
#define _KSTUB_LINUX_BITFIELD_H

#include <linux/build_bug.h>
#include <linux/bits.h>
#include <linux/types.h>

#define __bf_shf(x) (__builtin_ffsll(x) - 1)

#define __BF_FIELD_CHECK(_mask, _reg, _val, _pfx)                            \
	do {                                                                 \
		BUILD_BUG_ON_MSG(!__builtin_constant_p(_mask),               \
				 _pfx "mask is not constant");               \
		BUILD_BUG_ON_MSG((_mask) == 0, _pfx "mask is zero");         \
		BUILD_BUG_ON_MSG(__builtin_constant_p(_val)                  \
					 ? ~((_mask) >> __bf_shf(_mask)) &   \
						   (0 + (_val))              \
					 : 0,                                \
				 _pfx "value too large for the field");      \
		BUILD_BUG_ON_MSG(                                            \
			((_mask) + (1ULL << __bf_shf(_mask))) &              \
				(((_mask) + (1ULL << __bf_shf(_mask))) - 1), \
			_pfx "mask is not contiguous");                      \
	} while (0)

#define FIELD_MAX(_mask) ((typeof(_mask))((_mask) >> __bf_shf(_mask)))
#define FIELD_FIT(_mask, _val) \
	(!((((typeof(_mask))(_val)) << __bf_shf(_mask)) & ~(_mask)))
#define FIELD_PREP(_mask, _val)                                       \
	({                                                            \
		__BF_FIELD_CHECK(_mask, 0ULL, _val, "FIELD_PREP: ");  \
		((typeof(_mask))(_val) << __bf_shf(_mask)) & (_mask); \
	})
#define FIELD_PREP_CONST(_mask, _val) \
	((typeof(_mask))(((_val) << __bf_shf(_mask)) & (_mask)))
#define FIELD_GET(_mask, _reg)                                          \
	({                                                              \
		__BF_FIELD_CHECK(_mask, _reg, 0U, "FIELD_GET: ");       \
		(typeof(_mask))(((_reg) & (_mask)) >> __bf_shf(_mask)); \
	})
#define FIELD_MODIFY(_mask, _reg_p, _val)                           \
	({                                                          \
		typeof(_reg_p) __r = (_reg_p);                      \
		*__r = (*__r & ~(_mask)) | FIELD_PREP(_mask, _val); \
	})

/* u32_encode_bits(v, field) and friends: the same, typed by width. */
#define __KSTUB_BF_TYPE(type)                                               \
	static __always_inline type type##_encode_bits(type v, type field)  \
	{                                                                   \
		return (v << __bf_shf(field)) & field;                      \
	}                                                                   \
	static __always_inline type type##_get_bits(type v, type field)     \
	{                                                                   \
		return (v & field) >> __bf_shf(field);                      \
	}                                                                   \
	static __always_inline type type##_replace_bits(type old, type val, \
							type field)         \
	{                                                                   \
		return (old & ~field) | type##_encode_bits(val, field);     \
	}
__KSTUB_BF_TYPE(u8)
__KSTUB_BF_TYPE(u16)
__KSTUB_BF_TYPE(u32)
__KSTUB_BF_TYPE(u64)
#undef __KSTUB_BF_TYPE

#endif
