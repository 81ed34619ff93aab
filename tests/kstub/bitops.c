// SPDX-License-Identifier: GPL-2.0-only
/* Bit operations, searches and bitmaps. */
#include "config.h"

#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>

#include "harness.h"

#define NBITS 200

static DECLARE_BITMAP(shared, 128);

static void *setter(void *arg, int i)
{
	int b;

	for (b = i; b < 128; b += 4)
		set_bit(b, shared);
	return NULL;
}

int main(void)
{
	DECLARE_BITMAP(map, NBITS);
	unsigned long bit, seen = 0, sum = 0;

	plan(20);
	is_int(BITS_TO_LONGS(NBITS), 4, "BITS_TO_LONGS");
	is_int(BIT(5), 32, "BIT");
	bitmap_zero(map, NBITS);
	ok(bitmap_empty(map, NBITS), "bitmap_zero empties");
	is_int(find_first_bit(map, NBITS), NBITS, "find_first_bit on empty");
	set_bit(3, map);
	__set_bit(64, map);
	set_bit(199, map);
	ok(test_bit(3, map) && test_bit(64, map) && test_bit(199, map),
	   "set bits test true");
	ok(!test_bit(4, map), "others false");
	is_int(bitmap_weight(map, NBITS), 3, "bitmap_weight");
	is_int(find_first_bit(map, NBITS), 3, "find_first_bit");
	is_int(find_next_bit(map, NBITS, 4), 64, "find_next_bit");
	is_int(find_next_bit(map, 199, 65), 199, "find_next_bit stops at size");
	is_int(find_first_zero_bit(map, NBITS), 0, "find_first_zero_bit");
	for_each_set_bit(bit, map, NBITS) {
		seen++;
		sum += bit;
	}
	ok(seen == 3 && sum == 3 + 64 + 199, "for_each_set_bit visits each");
	ok(test_and_set_bit(3, map), "test_and_set_bit on a set bit");
	ok(!test_and_set_bit(4, map), "test_and_set_bit on a clear bit");
	ok(test_and_clear_bit(4, map) && !test_bit(4, map),
	   "test_and_clear_bit");
	clear_bit(3, map);
	__clear_bit(64, map);
	is_int(find_first_bit(map, NBITS), 199, "clear_bit/__clear_bit");
	bitmap_fill(map, NBITS);
	is_int(find_first_zero_bit(map, NBITS), NBITS, "bitmap_fill fills");
	is_int(bitmap_weight(map, 130), 130, "weight of a partial word");
	run_threads(4, setter, NULL);
	ok(bitmap_full(shared, 128), "concurrent set_bit loses nothing");
	{
		DECLARE_BITMAP(copy, 128);

		bitmap_copy(copy, shared, 128);
		ok(bitmap_equal(copy, shared, 128), "bitmap_copy");
	}
	return exit_status();
}
