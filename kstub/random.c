// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_random_*() (<linux/random.h>): splitmix64 over one atomic counter,
 * so every draw is one fetch-add and the sequence is the seed's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/random.h>

#include "internal.h"

static u64 rnd_state;
static u64 rnd_seed;
static pthread_once_t rnd_once = PTHREAD_ONCE_INIT;

#define RND_GAMMA 0x9e3779b97f4a7c15ULL

/* seed=N inside a KFAULT spec ("slab:p=0.1,seed=7" and the like) */
static bool rnd_seed_from_spec(const char *spec, u64 *seed)
{
	const char *p;

	for (p = spec; p && (p = strstr(p, "seed=")); p += 5) {
		if (p == spec || strchr(",: ;", p[-1])) {
			*seed = strtoull(p + 5, NULL, 0);
			return true;
		}
	}
	return false;
}

static void rnd_init(void)
{
	const char *s = getenv("KSTUB_SEED");
	struct timespec ts;

	if (s && *s) {
		rnd_seed = strtoull(s, NULL, 0);
	} else if (!rnd_seed_from_spec(getenv("KFAULT"), &rnd_seed)) {
		clock_gettime(CLOCK_REALTIME, &ts);
		rnd_seed = (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
		fprintf(stderr,
			"kstub: random seed %llu (set KSTUB_SEED=%llu "
			"to replay)\n",
			(unsigned long long)rnd_seed,
			(unsigned long long)rnd_seed);
	}
	__atomic_store_n(&rnd_state, rnd_seed, __ATOMIC_RELAXED);
}

u64 kstub_random_seed(void)
{
	kstub_pthread(pthread_once, &rnd_once, rnd_init);
	return rnd_seed;
}

u64 get_random_u64(void)
{
	u64 z;

	kstub_pthread(pthread_once, &rnd_once, rnd_init);
	z = __atomic_add_fetch(&rnd_state, RND_GAMMA, __ATOMIC_RELAXED);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

u32 get_random_u32(void)
{
	return get_random_u64() >> 32;
}

u16 get_random_u16(void)
{
	return get_random_u64() >> 48;
}

u8 get_random_u8(void)
{
	return get_random_u64() >> 56;
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;
	u64 r;

	while (len) {
		size_t n = min(len, sizeof(r));

		r = get_random_u64();
		memcpy(p, &r, n);
		p += n;
		len -= n;
	}
}

u32 __get_random_u32_below(u32 ceil)
{
	u64 mult;
	u32 threshold;

	if (!ceil)
		return 0;
	/* Lemire's multiply-and-reject: uniform without division per draw */
	mult = (u64)get_random_u32() * ceil;
	if ((u32)mult < ceil) {
		threshold = -ceil % ceil;
		while ((u32)mult < threshold)
			mult = (u64)get_random_u32() * ceil;
	}
	return mult >> 32;
}
