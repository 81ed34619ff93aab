#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B8: expand_one_shrinker_info() does not zero the new pointer array, and
# the unwind of a failed unit allocation walks its garbage.  kstub fills
# a new object that is not zeroed with 0x5a (slub_debug=P's POISON_INUSE),
# ASan with 0xbe: the garbage is the same in every run of every build.
. "$top_srcdir/tests/repro/lib.sh"
plan 2
ok "memcg-info-b8: the sweep catches the wild free" \
	sweep_says " [0-9]* ok [0-9]* \(warn\|crash\|sanitizer\)" \
	shrinker_alloc memcg-info-b8
ok "memcg-info: the same sweep is clean" \
	sweep_says "points (stack mode): [0-9]* ok$" shrinker_alloc memcg-info
done_testing
