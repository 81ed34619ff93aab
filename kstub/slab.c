// SPDX-License-Identifier: GPL-2.0-only
/*
 * The slab allocators on malloc: kmalloc, kvmalloc, vmalloc, kmem_cache.
 *
 * Every object carries a small header in front of it (struct kstub_obj):
 * its size, the leak-table slot of its allocation site, what allocated it
 * and a magic word that depends on the object's address.  The header lets
 * kfree() find the site to credit, check that the right free function is
 * used, and, in builds without AddressSanitizer, report a free of a
 * pointer kstub did not hand out or a double free instead of corrupting
 * the heap.  In ASan builds the header is poisoned while the object is
 * live (so underflows are caught) and a bad pointer is passed on to free()
 * for ASan to report with its own stacks.
 *
 * Slab objects are poisoned as SLUB debugging (slub_debug=P) poisons
 * them, so that a read of memory nobody wrote fails visibly in every
 * build: a new object that is neither zeroed nor constructed is filled
 * with POISON_INUSE, a freed one with POISON_FREE and a final POISON_END
 * (except in ASan builds, where ASan's quarantine does better).  What
 * the kernel serves from the page allocator (vmalloc, kmalloc beyond
 * KMALLOC_MAX_CACHE_SIZE) is not poisoned, as there.
 *
 * Fault and event sites: see <linux/slab.h>.  The caller recorded and
 * reported is always the return address of the public entry point.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "leak-table.h"
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kstub/report.h>

#ifdef KSTUB_ASAN
#include <sanitizer/asan_interface.h>
#define KSTUB_NO_ASAN __attribute__((no_sanitize("address")))
#else
#define KSTUB_NO_ASAN
#endif

/*
 * For reading the header of what may be a freed object: ASan would report
 * the read (the header is poisoned), TSan too (heap-use-after-free) where
 * the point is to report the double free ourselves.
 */
#if defined(KSTUB_ASAN)
#define KSTUB_NO_SAN_HDR __attribute__((no_sanitize("address")))
#elif defined(KSTUB_TSAN)
#define KSTUB_NO_SAN_HDR __attribute__((no_sanitize("thread")))
#else
#define KSTUB_NO_SAN_HDR
#endif

/* Which allocator an object came from, hence which free function fits. */
enum kstub_obj_kind {
	OBJ_KMALLOC = 1,
	OBJ_CACHE, /* kmem_cache_alloc(): hdr->cache */
	OBJ_KVMALLOC, /* kvmalloc() above PAGE_SIZE: may have been vmalloc()ed */
	OBJ_VMALLOC,
};

struct kstub_obj {
	size_t size; /* what the caller asked for (krealloc may change it) */
	size_t cap; /* usable bytes after the header */
	struct kmem_cache *cache;
	unsigned short slot; /* leak-table slot of the allocation site */
	unsigned char kind;
	unsigned char align_order; /* the object is 1 << align_order aligned */
	unsigned int magic; /* live: obj_magic(object); freed: ~that */
};

/* The values of the kernel's <linux/poison.h>. */
#define POISON_INUSE 0x5a /* not yet initialised */
#define POISON_FREE 0x6b /* freed */
#define POISON_END 0xa5 /* the last byte of a freed object */

/* malloc()'s alignment, which the least aligned object keeps. */
#define KSTUB_OBJ_ALIGN 16
_Static_assert(sizeof(struct kstub_obj) % KSTUB_OBJ_ALIGN == 0,
	       "objects after the header keep malloc's alignment");

struct kmem_cache {
	const char *name;
	unsigned int object_size;
	unsigned int align; /* a power of two; > KSTUB_OBJ_ALIGN: memalign */
	slab_flags_t flags;
	void (*ctor)(void *);
	long live; /* objects allocated and not freed (atomic) */
};

static unsigned int obj_magic(const void *p)
{
	return 0x6b737462u ^ (unsigned int)((uintptr_t)p >> 4);
}

static struct kstub_obj *obj_hdr(const void *p)
{
	return (struct kstub_obj *)p - 1;
}

/* Bytes between the start of the malloc()ed block and the object. */
static size_t obj_offset(size_t align)
{
	return ALIGN(sizeof(struct kstub_obj), align);
}

/*
 * The alignment SLUB gives a kmalloc() of @size: that of its size class
 * (8, 16, 32, 64, 96, 128, 192, 256 ... 8192 bytes; power-of-two classes
 * are naturally aligned, 96 and 192 byte objects sit at multiples of
 * their size), a page beyond, where the page allocator serves it.
 */
static size_t kmalloc_align(size_t size)
{
	size_t class = kmalloc_size_roundup(size);

	if (class > KMALLOC_MAX_CACHE_SIZE)
		return PAGE_SIZE;
	return max_t(size_t, class & -class, KSTUB_OBJ_ALIGN);
}

/* In ASan builds all that precedes the object in its block is poisoned. */
static void hdr_poison(void *base, struct kstub_obj *h)
{
#ifdef KSTUB_ASAN
	ASAN_POISON_MEMORY_REGION(base, (char *)(h + 1) - (char *)base);
#endif
}

/* In ASan builds the bytes [size, cap) of a shrunk object are poisoned. */
static void tail_poison(void *p, size_t size, size_t cap, bool poison)
{
#ifdef KSTUB_ASAN
	if (poison)
		ASAN_POISON_MEMORY_REGION((char *)p + size, cap - size);
	else
		ASAN_UNPOISON_MEMORY_REGION((char *)p + size, cap - size);
#endif
}

/* A sysconf() value, read once; racing first readers store the same. */
static long sysconf_once(long *cache, int name)
{
	long v = __atomic_load_n(cache, __ATOMIC_RELAXED);

	if (unlikely(!v)) {
		v = sysconf(name);
		__atomic_store_n(cache, v, __ATOMIC_RELAXED);
	}
	return v;
}

/*
 * Can the header in front of @p be read without faulting?  It can when it
 * lies in @p's page; otherwise ask whether the page before is mapped.
 */
static bool hdr_readable(const void *p)
{
	static long page_size;
	uintptr_t a = (uintptr_t)p;
	uintptr_t page = sysconf_once(&page_size, _SC_PAGESIZE);
	unsigned char vec;

	if (unlikely(a < page || a % KSTUB_OBJ_ALIGN))
		return false;
	/* page is a power of two */
	if (likely((a & (page - 1)) >= sizeof(struct kstub_obj)))
		return true;
	return mincore((void *)((a - page) & ~(page - 1)), 1, &vec) == 0;
}

enum obj_state { OBJ_LIVE, OBJ_FREED, OBJ_FOREIGN };

/*
 * The header may be freed memory: read it unchecked.  A live object's
 * header is copied to @copy unless that is NULL.
 */
static KSTUB_NO_SAN_HDR enum obj_state obj_state(const void *p,
						 struct kstub_obj *copy)
{
	const struct kstub_obj *h = obj_hdr(p);
	unsigned int magic;

	if (!hdr_readable(p))
		return OBJ_FOREIGN;
	magic = h->magic;
	if (likely(magic == obj_magic(p))) {
		if (copy)
			*copy = *h;
		return OBJ_LIVE;
	}
	if (magic == ~obj_magic(p))
		return OBJ_FREED;
	return OBJ_FOREIGN;
}

/*
 * The header of a live object, or NULL after reporting a bad free by @fn.
 * In ASan builds a bad pointer goes to free() so that ASan reports it.
 */
static struct kstub_obj *obj_get(const void *p, const char *fn,
				 const void *caller)
{
	enum obj_state state = obj_state(p, NULL);

	if (likely(state == OBJ_LIVE))
		return obj_hdr(p);
#ifdef KSTUB_ASAN
	free(state == OBJ_FOREIGN ? (void *)p : (void *)obj_hdr(p));
#endif
	if (state == OBJ_FREED)
		kstub_report(KSTUB_REPORT_bad_free, caller,
			     "%s(%p): double free", fn, p);
	else
		kstub_report(KSTUB_REPORT_bad_free, caller,
			     "%s(%p): not allocated by kstub (or not the start "
			     "of an object)",
			     fn, p);
	return NULL;
}

/* Run the checks of might_alloc(): a blocking allocation may sleep. */
static void slab_might_sleep(const char *fn, gfp_t gfp, const void *caller)
{
	if (gfpflags_allow_blocking(gfp))
		kstub_might_sleep_at(fn, 0, caller);
}

struct alloc_req {
	const char *fn; /* the public entry point, for messages */
	enum kstub_site_class cls;
	enum kstub_obj_kind kind;
	struct kmem_cache *cache;
	const void *caller;
};

/* How the kernel would align the object @r asks for. */
static size_t obj_align(const struct alloc_req *r, size_t size)
{
	if (r->cache)
		return max_t(size_t, r->cache->align, KSTUB_OBJ_ALIGN);
	if (r->kind != OBJ_KMALLOC)
		return PAGE_SIZE; /* vmalloc()ed: pages */
	return kmalloc_align(size);
}

/*
 * Does SLUB poison this object?  Slab objects without a constructor
 * (whose state must survive between uses) are; page-allocator memory is
 * not.
 */
static bool obj_poisoned(enum kstub_obj_kind kind,
			 const struct kmem_cache *cache, size_t size)
{
	if (kind != OBJ_KMALLOC && kind != OBJ_CACHE)
		return false;
	return size <= KMALLOC_MAX_CACHE_SIZE && !(cache && cache->ctor);
}

#ifndef PAGE_ALLOC_COSTLY_ORDER
#define PAGE_ALLOC_COSTLY_ORDER 3
#endif

/* kstub_set_too_small_to_fail(); -1: not read from the environment yet */
static int too_small_to_fail = -1;

void kstub_set_too_small_to_fail(bool on)
{
	__atomic_store_n(&too_small_to_fail, on, __ATOMIC_RELAXED);
}

/*
 * Would the page allocator retry this request until it succeeds (see
 * <kstub/hook.h>), and is that rule on?  vmalloc() is left out: it can
 * fail for other reasons than pages.
 */
static bool slab_too_small_to_fail(const struct alloc_req *r, size_t size,
				   gfp_t gfp)
{
	int on = __atomic_load_n(&too_small_to_fail, __ATOMIC_RELAXED);
	const char *env;

	if (unlikely(on < 0)) {
		env = getenv("KSTUB_TOO_SMALL_TO_FAIL");
		on = env && !strcmp(env, "1");
		__atomic_store_n(&too_small_to_fail, on, __ATOMIC_RELAXED);
	}
	if (!on || (r->kind != OBJ_KMALLOC && r->kind != OBJ_CACHE))
		return false;
	return gfpflags_allow_blocking(gfp) &&
	       !(gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)) &&
	       size <= PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER;
}

/* Report the site, then allocate; NULL when the hook fails it. */
static void *obj_alloc(const struct alloc_req *r, size_t size, gfp_t gfp)
{
	size_t align = obj_align(r, size);
	size_t off = obj_offset(align);
	gfp_t site_gfp = gfp;
	struct kstub_obj *h;
	void *base, *p;

	slab_might_sleep(r->fn, gfp, r->caller);
	if (slab_too_small_to_fail(r, size, gfp))
		site_gfp |= __GFP_NOFAIL;
	if (kstub_site(r->cls, r->caller, NULL, size, site_gfp) &&
	    !(site_gfp & __GFP_NOFAIL)) {
		if (!(gfp & __GFP_NOWARN))
			kstub_alloc_fail_warn(r->fn, size, gfp, r->caller);
		return NULL;
	}
	if (align > KSTUB_OBJ_ALIGN) {
		if (posix_memalign(&base, align, off + size))
			base = NULL;
	} else {
		base = malloc(off + size);
	}
	if (!base) {
		if (gfp & __GFP_NOFAIL) {
			kstub_report(KSTUB_REPORT_bug, r->caller,
				     "%s: out of memory for a __GFP_NOFAIL "
				     "request of %zu bytes",
				     r->fn, size);
			abort();
		}
		if (!(gfp & __GFP_NOWARN))
			kstub_alloc_fail_warn(r->fn, size, gfp, r->caller);
		return NULL;
	}
	p = (char *)base + off;
	h = obj_hdr(p);
	h->size = size;
	h->cap = size;
	h->cache = r->cache;
	h->kind = r->kind;
	h->align_order = ilog2(align);
	h->slot = kstub_leak_alloc(r->caller, size);
	h->magic = obj_magic(p);
	hdr_poison(base, h);
	if (r->cache) {
		__atomic_add_fetch(&r->cache->live, 1, __ATOMIC_RELAXED);
		if (r->cache->ctor)
			r->cache->ctor(p);
	}
	if (gfp & __GFP_ZERO)
		memset(p, 0, size);
	else if (obj_poisoned(r->kind, r->cache, size))
		memset(p, POISON_INUSE, size);
	return p;
}

/* Credit the site and give the memory back. */
static KSTUB_NO_ASAN void obj_release(void *p, struct kstub_obj *h)
{
	struct kmem_cache *s = h->kind == OBJ_CACHE ? h->cache : NULL;
	void *base = (char *)p - obj_offset((size_t)1 << h->align_order);

	kstub_leak_free(h->slot, h->size);
	if (s)
		__atomic_sub_fetch(&s->live, 1, __ATOMIC_RELAXED);
	h->magic = ~obj_magic(p);
#ifdef KSTUB_ASAN
	ASAN_UNPOISON_MEMORY_REGION(base, (char *)p - (char *)base);
#else
	if (h->size && obj_poisoned(h->kind, s, h->size)) {
		memset(p, POISON_FREE, h->size - 1);
		((unsigned char *)p)[h->size - 1] = POISON_END;
	}
#endif
	free(base);
}

static const char *const obj_kind_name[] = {
	[OBJ_KMALLOC] = "kmalloc()",
	[OBJ_CACHE] = "kmem_cache_alloc()",
	[OBJ_KVMALLOC] = "kvmalloc()",
	[OBJ_VMALLOC] = "vmalloc()",
};

/*
 * The common free path: report the site, check the pointer and that @fn
 * may free what it was given (@kinds: mask of 1 << kind), then free.  A
 * mismatch is reported and the object freed anyway, so one report does
 * not turn into a cascade.
 */
static KSTUB_NO_ASAN void obj_free(const void *p, const char *fn,
				   unsigned int kinds, const void *caller)
{
	struct kstub_obj *h;

	kstub_site(KSTUB_SITE_free, caller, p, 0, 0);
	h = obj_get(p, fn, caller);
	if (!h)
		return;
	if (!(kinds & (1u << h->kind)))
		kstub_report(KSTUB_REPORT_bad_free, caller,
			     "%s(%p) of memory from %s%s", fn, p,
			     obj_kind_name[h->kind],
			     h->kind == OBJ_KVMALLOC ? ": use kvfree()" : "");
	obj_release((void *)p, h);
}

#define FREE_KFREE ((1u << OBJ_KMALLOC) | (1u << OBJ_CACHE))
#define FREE_VFREE ((1u << OBJ_VMALLOC) | (1u << OBJ_KVMALLOC))
#define FREE_KVFREE (FREE_KFREE | FREE_VFREE)

/* ---- kmalloc ----------------------------------------------------------- */

static void *do_kmalloc(const char *fn, size_t size, gfp_t gfp,
			const void *caller)
{
	static bool warned;
	struct alloc_req r = {
		.fn = fn,
		.cls = KSTUB_SITE_slab,
		.kind = OBJ_KMALLOC,
		.caller = caller,
	};

	/* As the kernel: no allocation at all, so no fault site either. */
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	/* The page allocator's WARN_ON_ONCE_GFP(order > MAX_ORDER, gfp). */
	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		if (!(gfp & __GFP_NOWARN) &&
		    !__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
			kstub_report(KSTUB_REPORT_warn, caller,
				     "%s: %zu bytes is more than "
				     "KMALLOC_MAX_SIZE (order > MAX_ORDER)",
				     fn, size);
		return NULL;
	}
	return obj_alloc(&r, size, gfp);
}

void *kstub_kmalloc_caller(size_t size, unsigned int gfp, const void *caller)
{
	return do_kmalloc("kmalloc", size, gfp, caller);
}

void *kmalloc(size_t size, gfp_t flags)
{
	return do_kmalloc("kmalloc", size, flags, KSTUB_CALLER());
}

void *kzalloc(size_t size, gfp_t flags)
{
	return do_kmalloc("kzalloc", size, flags | __GFP_ZERO, KSTUB_CALLER());
}

void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return do_kmalloc("kmalloc_node", size, flags, KSTUB_CALLER());
}

void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return do_kmalloc("kzalloc_node", size, flags | __GFP_ZERO,
			  KSTUB_CALLER());
}

void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller)
{
	return do_kmalloc("kmalloc_track_caller", size, flags,
			  (const void *)caller);
}

static void *do_kmalloc_array(const char *fn, size_t n, size_t size, gfp_t gfp,
			      const void *caller)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_kmalloc(fn, bytes, gfp, caller);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	return do_kmalloc_array("kmalloc_array", n, size, flags,
				KSTUB_CALLER());
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return do_kmalloc_array("kcalloc", n, size, flags | __GFP_ZERO,
				KSTUB_CALLER());
}

void *kmalloc_array_node(size_t n, size_t size, gfp_t flags, int node)
{
	return do_kmalloc_array("kmalloc_array_node", n, size, flags,
				KSTUB_CALLER());
}

void *kcalloc_node(size_t n, size_t size, gfp_t flags, int node)
{
	return do_kmalloc_array("kcalloc_node", n, size, flags | __GFP_ZERO,
				KSTUB_CALLER());
}

static KSTUB_NO_ASAN void *do_krealloc(const void *p, size_t new_size,
				       gfp_t flags, const void *caller)
{
	struct kstub_obj *h;
	void *ret;

	if (unlikely(!new_size)) {
		if (!ZERO_OR_NULL_PTR(p))
			obj_free(p, "krealloc", FREE_KVFREE, caller);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return do_kmalloc("krealloc", new_size, flags, caller);
	h = obj_get(p, "krealloc", caller);
	if (!h)
		return NULL;
	/* Fits: the same object, as the kernel keeps it within ksize(). */
	if (new_size <= h->cap) {
		kstub_leak_resize(h->slot, h->size, new_size);
		if (new_size > h->size) {
			tail_poison((void *)p, h->size, new_size, false);
			if (flags & __GFP_ZERO)
				memset((char *)p + h->size, 0,
				       new_size - h->size);
		} else {
			tail_poison((void *)p, new_size, h->size, true);
		}
		h->size = new_size;
		return (void *)p;
	}
	ret = do_kmalloc("krealloc", new_size, flags, caller);
	if (!ret)
		return NULL;
	memcpy(ret, p, h->size);
	obj_free(p, "krealloc", FREE_KVFREE, caller);
	return ret;
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	return do_krealloc(p, new_size, flags, KSTUB_CALLER());
}

void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return do_krealloc(p, bytes, flags, KSTUB_CALLER());
}

void kstub_kfree_caller(const void *p, const void *caller)
{
	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	obj_free(p, "kfree", FREE_KFREE, caller);
}

void kfree(const void *objp)
{
	kstub_kfree_caller(objp, KSTUB_CALLER());
}

void kfree_sensitive(const void *objp)
{
	struct kstub_obj h;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	if (obj_state(objp, &h) == OBJ_LIVE)
		memzero_explicit((void *)objp, h.size);
	obj_free(objp, "kfree_sensitive", FREE_KFREE, KSTUB_CALLER());
}

size_t ksize(const void *objp)
{
	struct kstub_obj h;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	if (obj_state(objp, &h) != OBJ_LIVE) {
		kstub_report(KSTUB_REPORT_warn, KSTUB_CALLER(),
			     "ksize(%p): not a live kstub object", objp);
		return 0;
	}
	return h.size;
}

/* The kmalloc size classes of SLUB: 8, 16, 32, 64, 96, 128, 192, 256... */
size_t kmalloc_size_roundup(size_t size)
{
	if (size <= 8)
		return size ? 8 : 0;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return size > KMALLOC_MAX_SIZE ? size
					       : PAGE_SIZE << get_order(size);
	if (size > 64 && size <= 96)
		return 96;
	if (size > 128 && size <= 192)
		return 192;
	return roundup_pow_of_two(size);
}

/* ---- kvmalloc and vmalloc ---------------------------------------------- */

static void *do_kvmalloc(const char *fn, size_t size, gfp_t gfp,
			 const void *caller)
{
	static bool warned;
	bool blocking = gfpflags_allow_blocking(gfp);
	struct alloc_req r = {
		.fn = fn,
		.cls = KSTUB_SITE_vmalloc,
		/* only a blocking request may fall back to vmalloc */
		.kind = size > PAGE_SIZE && blocking ? OBJ_KVMALLOC
						     : OBJ_KMALLOC,
		.caller = caller,
	};

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	/* too big for kmalloc, which it tries quietly, and no fallback */
	if (unlikely(size > KMALLOC_MAX_SIZE && !blocking))
		return NULL;
	if (unlikely(size > INT_MAX)) {
		if (!(gfp & __GFP_NOWARN) &&
		    !__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
			kstub_report(KSTUB_REPORT_warn, caller,
				     "%s: %zu bytes is more than INT_MAX", fn,
				     size);
		return NULL;
	}
	return obj_alloc(&r, size, gfp);
}

void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	return do_kvmalloc("kvmalloc_node", size, flags, KSTUB_CALLER());
}

void *kvmalloc(size_t size, gfp_t flags)
{
	return do_kvmalloc("kvmalloc", size, flags, KSTUB_CALLER());
}

void *kvzalloc(size_t size, gfp_t flags)
{
	return do_kvmalloc("kvzalloc", size, flags | __GFP_ZERO,
			   KSTUB_CALLER());
}

void *kvzalloc_node(size_t size, gfp_t flags, int node)
{
	return do_kvmalloc("kvzalloc_node", size, flags | __GFP_ZERO,
			   KSTUB_CALLER());
}

void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_kvmalloc("kvmalloc_array", bytes, flags, KSTUB_CALLER());
}

void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_kvmalloc("kvcalloc", bytes, flags | __GFP_ZERO,
			   KSTUB_CALLER());
}

/* 6.7's kvrealloc: a new object of @newsize, @oldsize bytes copied over. */
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	const void *caller = KSTUB_CALLER();
	void *newp;

	if (oldsize >= newsize)
		return (void *)p;
	newp = do_kvmalloc("kvrealloc", newsize, flags, caller);
	if (!newp)
		return NULL;
	memcpy(newp, p, oldsize);
	if (!ZERO_OR_NULL_PTR(p))
		obj_free(p, "kvrealloc", FREE_KVFREE, caller);
	return newp;
}

/*
 * vfree() may sleep, except in interrupt context (an RCU callback here),
 * where the kernel defers the work instead.
 */
static void vfree_might_sleep(const char *fn, const void *caller)
{
	if (!kstub_current()->softirq_depth)
		kstub_might_sleep_at(fn, 0, caller);
}

void kvfree(const void *addr)
{
	const void *caller = KSTUB_CALLER();

	if (unlikely(ZERO_OR_NULL_PTR(addr)))
		return;
	/* kvmalloc() memory above a page is taken as vmalloc()ed */
	if (is_vmalloc_addr(addr))
		vfree_might_sleep("kvfree", caller);
	obj_free(addr, "kvfree", FREE_KVFREE, caller);
}

void kvfree_sensitive(const void *addr, size_t len)
{
	if (unlikely(ZERO_OR_NULL_PTR(addr)))
		return;
	memzero_explicit((void *)addr, len);
	obj_free(addr, "kvfree_sensitive", FREE_KVFREE, KSTUB_CALLER());
}

static void *do_vmalloc(const char *fn, size_t size, gfp_t gfp,
			const void *caller)
{
	struct alloc_req r = {
		.fn = fn,
		.cls = KSTUB_SITE_vmalloc,
		.kind = OBJ_VMALLOC,
		.caller = caller,
	};

	static long total_pages;

	/* __vmalloc_node_range() refuses these with warn_alloc() */
	if (unlikely(!size || size >> PAGE_SHIFT >
				      (unsigned long)sysconf_once(
					      &total_pages, _SC_PHYS_PAGES))) {
		if (!(gfp & __GFP_NOWARN))
			printk(KERN_WARNING "%s: vmalloc error: size %zu, "
					    "exceeds total pages\n",
			       fn, size);
		return NULL;
	}
	return obj_alloc(&r, size, gfp);
}

void *vmalloc(unsigned long size)
{
	return do_vmalloc("vmalloc", size, GFP_KERNEL, KSTUB_CALLER());
}

void *vzalloc(unsigned long size)
{
	return do_vmalloc("vzalloc", size, GFP_KERNEL | __GFP_ZERO,
			  KSTUB_CALLER());
}

void *vmalloc_node(unsigned long size, int node)
{
	return do_vmalloc("vmalloc_node", size, GFP_KERNEL, KSTUB_CALLER());
}

void *vzalloc_node(unsigned long size, int node)
{
	return do_vmalloc("vzalloc_node", size, GFP_KERNEL | __GFP_ZERO,
			  KSTUB_CALLER());
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return do_vmalloc("__vmalloc", size, gfp_mask, KSTUB_CALLER());
}

void *vmalloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_vmalloc("vmalloc_array", bytes, GFP_KERNEL, KSTUB_CALLER());
}

void *vcalloc(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_vmalloc("vcalloc", bytes, GFP_KERNEL | __GFP_ZERO,
			  KSTUB_CALLER());
}

void vfree(const void *addr)
{
	const void *caller = KSTUB_CALLER();

	vfree_might_sleep("vfree", caller);
	if (!addr)
		return;
	obj_free(addr, "vfree", FREE_VFREE, caller);
}

bool is_vmalloc_addr(const void *x)
{
	struct kstub_obj h;

	if (ZERO_OR_NULL_PTR(x) || obj_state(x, &h) != OBJ_LIVE)
		return false;
	return h.kind == OBJ_VMALLOC || h.kind == OBJ_KVMALLOC;
}

/* ---- kmem_cache -------------------------------------------------------- */

static struct kmem_cache *
do_kmem_cache_create(const char *name, unsigned int size, unsigned int align,
		     slab_flags_t flags, void (*ctor)(void *),
		     const void *caller)
{
	gfp_t gfp = GFP_KERNEL | __GFP_ZERO;
	struct kmem_cache *s;

	/* SLAB_PANIC: the kernel panics on failure, so never fail it. */
	if (flags & SLAB_PANIC)
		gfp |= __GFP_NOFAIL;
	s = do_kmalloc("kmem_cache_create", sizeof(*s), gfp | __GFP_NOWARN,
		       caller);
	if (!s)
		goto err;
	/* Not a second fault site: the cache is one allocation to its user. */
	s->name = strdup(name);
	if (!s->name) {
		kstub_kfree_caller(s, caller);
		goto err;
	}
	s->object_size = size;
	/* at least SLUB's alignment: a cache line for SLAB_HWCACHE_ALIGN */
	s->align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	if (flags & SLAB_HWCACHE_ALIGN)
		s->align = max(s->align, 64u);
	s->align = roundup_pow_of_two(s->align);
	s->flags = flags;
	s->ctor = ctor;
	return s;
err:
	printk(KERN_WARNING "kmem_cache_create(%s) failed with error %d\n",
	       name, -ENOMEM);
	return NULL;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	return do_kmem_cache_create(name, size, align, flags, ctor,
				    KSTUB_CALLER());
}

struct kmem_cache *
kmem_cache_create_usercopy(const char *name, unsigned int size,
			   unsigned int align, slab_flags_t flags,
			   unsigned int useroffset, unsigned int usersize,
			   void (*ctor)(void *))
{
	return do_kmem_cache_create(name, size, align, flags, ctor,
				    KSTUB_CALLER());
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	const void *caller = KSTUB_CALLER();
	char sym[128];
	long live;

	if (!s)
		return;
	kstub_might_sleep_at("kmem_cache_destroy", 0, caller);
	live = __atomic_load_n(&s->live, __ATOMIC_ACQUIRE);
	if (live) {
		/* The kernel's WARN; the cache stays, with its objects. */
		kstub_report(KSTUB_REPORT_warn, caller,
			     "kmem_cache_destroy %s: Slab cache still has "
			     "objects when called from %s (%ld objects)",
			     s->name, kstub_symbolize(caller, sym, sizeof(sym)),
			     live);
		return;
	}
	free((void *)s->name);
	obj_free(s, "kmem_cache_destroy", FREE_KFREE, caller);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	return 0;
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

static void *do_kmem_cache_alloc(const char *fn, struct kmem_cache *s,
				 gfp_t gfp, const void *caller)
{
	struct alloc_req r = {
		.fn = fn,
		.cls = KSTUB_SITE_slab,
		.kind = OBJ_CACHE,
		.cache = s,
		.caller = caller,
	};

	return obj_alloc(&r, s->object_size, gfp);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return do_kmem_cache_alloc("kmem_cache_alloc", s, flags,
				   KSTUB_CALLER());
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return do_kmem_cache_alloc("kmem_cache_zalloc", s, flags | __GFP_ZERO,
				   KSTUB_CALLER());
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
{
	return do_kmem_cache_alloc("kmem_cache_alloc_node", s, flags,
				   KSTUB_CALLER());
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	const void *caller = KSTUB_CALLER();
	struct kstub_obj h;

	if (unlikely(!objp))
		return;
	/* The kernel's cache_from_obj() check; the object is freed anyway. */
	if (obj_state(objp, &h) == OBJ_LIVE &&
	    (h.kind != OBJ_CACHE || h.cache != s))
		kstub_report(KSTUB_REPORT_warn, caller,
			     "cache_from_obj: Wrong slab cache. %s but object "
			     "is from %s",
			     s->name,
			     h.kind == OBJ_CACHE ? h.cache->name
						 : obj_kind_name[h.kind]);
	obj_free(objp, "kmem_cache_free", FREE_KVFREE, caller);
}
