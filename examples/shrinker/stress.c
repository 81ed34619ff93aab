// SPDX-License-Identifier: GPL-2.0-only
/*
 * shrinker-stress: many threads register, scan and free shrinkers at once.
 *
 * Each thread runs a random mix (from its own seeded PRNG) of: mount and
 * umount of super_block-like objects with their own shrinker (case c),
 * adding objects to them, to the global cache (case a) and to a module's
 * cache (case b), loading and unloading that module, global and per-memcg
 * shrink_slab(), creating and destroying memcgs, and reading and writing
 * the shrinkers' debugfs files.  It checks as it goes (deferred counts in
 * bounds; the demo caches WARN on a callback after shrinker_free() or on
 * miscounted objects) and at the end (every object freed, no WARN or other
 * kstub report, no leak after the RCU callbacks ran).
 *
 * --iterations N makes each thread do N operations instead of running for
 * --seconds: a fixed amount of work, the same on a fast or a busy machine
 * (with --threads 1, the same calls in the same order every run).
 *
 * Exit status: 0 clean, 1 an invariant failed (printed), 2 usage, 3 the
 * setup failed (an allocation failed at boot: a handled error, for
 * `kfault sweep --ok-exit 3`).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/memcontrol.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/shrinker.h>
#include <kstub/debugfs.h>
#include <kstub/leak.h>
#include <kstub/memcg.h>
#include <kstub/report.h>

#include "kstub_glue.h"
#include "users/demo_lru.h"

struct stress_opts {
	int threads;
	double seconds;
	long iterations; /* operations per thread; 0: run for seconds */
	int memcgs; /* live memcgs at most, besides the root */
	int nodes;
	int sbs; /* super_block slots */
	int objects; /* objects per super_block at most */
	unsigned long seed;
	const char *plant; /* negative controls: "leak", "warn" */
	bool verbose;
};

static struct stress_opts opt = {
	.threads = 4,
	.seconds = 2,
	.memcgs = 8,
	.nodes = 2,
	.sbs = 16,
	.objects = 256,
	.seed = 1,
};

/* One mount point: the lock serializes mount, umount and adding. */
struct sb_slot {
	struct mutex lock;
	struct demo_super_block *sb;
	long objects;
};

/* A memcg the stress created; the two-level tree keeps rmdir simple. */
struct memcg_slot {
	struct mem_cgroup *memcg;
	int parent; /* index of the parent slot, -1 for the root */
	int children;
};

static struct sb_slot *sb_slots;
static struct memcg_slot *memcg_slots;
static DEFINE_MUTEX(memcg_slots_lock);
static int nr_memcgs;

static atomic_long_t failures;
static atomic_long_t stat_ops[16];
static struct timespec deadline;

enum stress_op {
	OP_MOUNT,
	OP_UMOUNT,
	OP_SB_ADD,
	OP_SHARED_ADD,
	OP_SHRINK_GLOBAL,
	OP_SHRINK_MEMCG,
	OP_MEMCG_CREATE,
	OP_MEMCG_DESTROY,
	OP_MODULE,
	OP_DEBUGFS_COUNT,
	OP_DEBUGFS_SCAN,
	NR_STRESS_OPS,
};

static const char *const op_names[NR_STRESS_OPS] = {
	"mount",  "umount",	  "sb-add",	  "shared-add",
	"shrink", "shrink-memcg", "memcg-create", "memcg-destroy",
	"module", "debugfs-read", "debugfs-scan",
};

/* Weights of the operations a thread picks from. */
static const int op_weight[NR_STRESS_OPS] = {
	[OP_MOUNT] = 8,		[OP_UMOUNT] = 5,	 [OP_SB_ADD] = 25,
	[OP_SHARED_ADD] = 10,	[OP_SHRINK_GLOBAL] = 15, [OP_SHRINK_MEMCG] = 15,
	[OP_MEMCG_CREATE] = 3,	[OP_MEMCG_DESTROY] = 3,	 [OP_MODULE] = 2,
	[OP_DEBUGFS_COUNT] = 8, [OP_DEBUGFS_SCAN] = 4,
};

#define fail(fmt, ...)                                              \
	do {                                                        \
		fprintf(stderr, "shrinker-stress: FAIL: " fmt "\n", \
			##__VA_ARGS__);                             \
		atomic_long_inc(&failures);                         \
	} while (0)

/* xorshift64*: small, seedable, one per thread. */
static unsigned long rnd_next(unsigned long *state)
{
	unsigned long x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DUL;
}

static unsigned long rnd(unsigned long *state, unsigned long n)
{
	return n ? (rnd_next(state) >> 11) % n : 0;
}

static bool time_is_up(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline.tv_sec ||
	       (now.tv_sec == deadline.tv_sec &&
		now.tv_nsec >= deadline.tv_nsec);
}

/* A memcg to charge or reclaim, with a reference; NULL: the root. */
static struct mem_cgroup *memcg_pick(unsigned long *rs)
{
	struct mem_cgroup *memcg = NULL;
	int i;

	mutex_lock(&memcg_slots_lock);
	i = rnd(rs, opt.memcgs + 1);
	if (i < opt.memcgs && memcg_slots[i].memcg) {
		memcg = memcg_slots[i].memcg;
		css_get(&memcg->css);
	}
	mutex_unlock(&memcg_slots_lock);
	return memcg;
}

static void memcg_unpick(struct mem_cgroup *memcg)
{
	if (memcg)
		css_put(&memcg->css);
}

static void memcg_create(unsigned long *rs)
{
	struct mem_cgroup *parent = root_mem_cgroup, *memcg;
	int i = rnd(rs, opt.memcgs), p = -1;

	mutex_lock(&memcg_slots_lock);
	if (memcg_slots[i].memcg)
		goto out;
	/* Half of them one level down, under a first-level memcg. */
	p = rnd(rs, opt.memcgs);
	if (p == i || !memcg_slots[p].memcg || memcg_slots[p].parent >= 0 ||
	    rnd(rs, 2))
		p = -1;
	else
		parent = memcg_slots[p].memcg;

	memcg = kstub_memcg_create(parent);
	if (IS_ERR_OR_NULL(memcg))
		goto out;
	memcg_slots[i].memcg = memcg;
	memcg_slots[i].parent = p;
	memcg_slots[i].children = 0;
	if (p >= 0)
		memcg_slots[p].children++;
	nr_memcgs++;
out:
	mutex_unlock(&memcg_slots_lock);
}

/* Remove slot @i's memcg; called with memcg_slots_lock held. */
static struct mem_cgroup *memcg_slot_take(int i)
{
	struct mem_cgroup *memcg = memcg_slots[i].memcg;

	if (!memcg || memcg_slots[i].children)
		return NULL;
	if (memcg_slots[i].parent >= 0)
		memcg_slots[memcg_slots[i].parent].children--;
	memcg_slots[i].memcg = NULL;
	nr_memcgs--;
	return memcg;
}

static void memcg_offline(struct mem_cgroup *memcg)
{
	int err = memcg ? kstub_memcg_offline(memcg) : 0;

	if (err)
		fail("kstub_memcg_offline(memcg %lu): %d",
		     mem_cgroup_ino(memcg), err);
}

static void memcg_destroy(unsigned long *rs)
{
	/* Under the lock, so that a parent never goes before its child. */
	mutex_lock(&memcg_slots_lock);
	memcg_offline(memcg_slot_take(rnd(rs, opt.memcgs)));
	mutex_unlock(&memcg_slots_lock);
}

/*
 * Bounds of a plain shrinker's deferred counts: never negative, and each
 * of the at most opt.threads passes in flight adds at most twice the
 * cache (which a slot caps at opt.objects).
 */
static void check_nr_deferred(struct demo_super_block *sb)
{
	struct shrinker *shrinker = sb->s_shrink;
	long bound = 2L * opt.objects * opt.threads;
	int nid, nr = 1;

	if (shrinker->flags & SHRINKER_MEMCG_AWARE)
		return;
	if (shrinker->flags & SHRINKER_NUMA_AWARE)
		nr = nr_node_ids;
	for (nid = 0; nid < nr; nid++) {
		long v = atomic_long_read(&shrinker->nr_deferred[nid]);

		if (v < 0 || v > bound)
			fail("%s: nr_deferred[%d] = %ld, outside [0, %ld]",
			     shrinker->name, nid, v, bound);
	}
}

static void sb_mount(struct sb_slot *slot, unsigned long *rs)
{
	static const unsigned int flags[] = {
		0,
		SHRINKER_NUMA_AWARE,
		SHRINKER_MEMCG_AWARE,
		SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE,
	};
	static const long batches[] = {0, 16, 128};

	slot->sb = demo_mount(flags[rnd(rs, 4)], batches[rnd(rs, 3)],
			      rnd(rs, 2) ? DEFAULT_SEEKS : 0, rnd(rs, 8) == 0);
	slot->objects = 0;
}

static void sb_umount(struct sb_slot *slot)
{
	check_nr_deferred(slot->sb);
	demo_umount(slot->sb);
	slot->sb = NULL;
}

static void sb_add(struct sb_slot *slot, unsigned long *rs)
{
	struct mem_cgroup *memcg = memcg_pick(rs);
	int nid = rnd(rs, nr_node_ids);
	int n = 1 + rnd(rs, 16);

	/* The cap is loose: shrinkers free concurrently without the lock. */
	if (demo_lru_objects(&slot->sb->s_dentry_lru) +
		    demo_lru_objects(&slot->sb->s_inode_lru) + n >
	    opt.objects)
		n = 0;
	while (n-- > 0)
		demo_sb_add(slot->sb, nid, memcg);
	memcg_unpick(memcg);
}

static void op_sb(enum stress_op op, unsigned long *rs)
{
	struct sb_slot *slot = &sb_slots[rnd(rs, opt.sbs)];

	mutex_lock(&slot->lock);
	if (op == OP_MOUNT && !slot->sb)
		sb_mount(slot, rs);
	else if (op == OP_UMOUNT && slot->sb)
		sb_umount(slot);
	else if (op == OP_SB_ADD && slot->sb)
		sb_add(slot, rs);
	mutex_unlock(&slot->lock);
}

static void op_shared_add(unsigned long *rs)
{
	struct mem_cgroup *memcg = memcg_pick(rs);
	int nid = rnd(rs, nr_node_ids);
	int i, n = 1 + rnd(rs, 8);

	for (i = 0; i < n; i++) {
		if (rnd(rs, 2))
			global_cache_add(nid, memcg);
		else
			demo_module_add(nid, memcg);
	}
	memcg_unpick(memcg);
}

static void op_shrink_memcg(unsigned long *rs)
{
	int nid = rnd(rs, nr_node_ids), priority = rnd(rs, 13);
	struct mem_cgroup *memcg;

	/* As shrink_node() does: every memcg of the tree, root first. */
	memcg = mem_cgroup_iter(NULL, NULL, NULL);
	do {
		shrink_slab(GFP_KERNEL, nid, memcg, priority);
	} while ((memcg = mem_cgroup_iter(NULL, memcg, NULL)) != NULL);
}

/* The debugfs directory of slot's shrinker, if it has one. */
static bool sb_debugfs_path(unsigned long *rs, const char *file, char *path,
			    size_t len)
{
	struct sb_slot *slot = &sb_slots[rnd(rs, opt.sbs)];
	bool found = false;

	mutex_lock(&slot->lock);
	if (slot->sb && slot->sb->s_shrink->debugfs_entry) {
		snprintf(path, len, "shrinker/%s-%d/%s",
			 slot->sb->s_shrink->name,
			 slot->sb->s_shrink->debugfs_id, file);
		found = true;
	}
	mutex_unlock(&slot->lock);
	return found;
}

static void op_debugfs(enum stress_op op, unsigned long *rs)
{
	char path[128], buf[512];
	ssize_t ret;

	if (!sb_debugfs_path(rs, op == OP_DEBUGFS_COUNT ? "count" : "scan",
			     path, sizeof(path)))
		return;

	/* The sb may be unmounted meanwhile: -ENOENT is fine, a crash not. */
	if (op == OP_DEBUGFS_COUNT) {
		ret = kstub_debugfs_read(path, buf, sizeof(buf));
	} else {
		struct mem_cgroup *memcg = memcg_pick(rs);
		int len;

		len = snprintf(buf, sizeof(buf), "%lu %lu %lu",
			       memcg ? mem_cgroup_ino(memcg) : 0UL,
			       rnd(rs, nr_node_ids), 1 + rnd(rs, 64));
		ret = kstub_debugfs_write(path, buf, len);
		memcg_unpick(memcg);
	}
	/* -EIO: removed while the file was open, as debugfs' proxy says. */
	/* -ENOMEM: an allocation failed (fault injection) and was handled. */
	if (ret < 0 && ret != -ENOENT && ret != -EINVAL && ret != -EIO &&
	    ret != -ENOMEM)
		fail("debugfs %s: %zd", path, ret);
}

static void run_op(enum stress_op op, unsigned long *rs)
{
	switch (op) {
	case OP_MOUNT:
	case OP_UMOUNT:
	case OP_SB_ADD:
		op_sb(op, rs);
		break;
	case OP_SHARED_ADD:
		op_shared_add(rs);
		break;
	case OP_SHRINK_GLOBAL:
		shrink_slab(GFP_KERNEL, rnd(rs, nr_node_ids), root_mem_cgroup,
			    rnd(rs, 13));
		break;
	case OP_SHRINK_MEMCG:
		op_shrink_memcg(rs);
		break;
	case OP_MEMCG_CREATE:
		memcg_create(rs);
		break;
	case OP_MEMCG_DESTROY:
		memcg_destroy(rs);
		break;
	case OP_MODULE:
		if (rnd(rs, 2))
			demo_module_load();
		else
			demo_module_unload();
		break;
	case OP_DEBUGFS_COUNT:
	case OP_DEBUGFS_SCAN:
		op_debugfs(op, rs);
		break;
	default:
		break;
	}
	atomic_long_inc(&stat_ops[op]);
}

static enum stress_op pick_op(unsigned long *rs)
{
	int i, r, total = 0;

	for (i = 0; i < NR_STRESS_OPS; i++)
		total += op_weight[i];
	r = rnd(rs, total);
	for (i = 0; i < NR_STRESS_OPS; i++) {
		r -= op_weight[i];
		if (r < 0)
			break;
	}
	return i;
}

static void *stress_thread(void *arg)
{
	unsigned long rs =
		opt.seed * 0x9E3779B97F4A7C15UL + (unsigned long)arg + 1;

	long i;

	rnd_next(&rs);
	if (opt.iterations) {
		for (i = 0; i < opt.iterations; i++)
			run_op(pick_op(&rs), &rs);
	} else {
		while (!time_is_up())
			run_op(pick_op(&rs), &rs);
	}
	return NULL;
}

/* Undo everything the threads left behind. */
static void teardown(void)
{
	int i, left;

	for (i = 0; i < opt.sbs; i++) {
		mutex_lock(&sb_slots[i].lock);
		if (sb_slots[i].sb)
			sb_umount(&sb_slots[i]);
		mutex_unlock(&sb_slots[i].lock);
	}
	demo_module_unload();
	global_cache_exit();

	/* Children before parents. */
	do {
		left = 0;
		for (i = 0; i < opt.memcgs; i++) {
			mutex_lock(&memcg_slots_lock);
			memcg_offline(memcg_slot_take(i));
			left += !!memcg_slots[i].memcg;
			mutex_unlock(&memcg_slots_lock);
		}
	} while (left);
	/* Releases the root's shrinker_info. */
	shrinker_glue_exit();
}

static void plant_bug(void)
{
	if (!opt.plant)
		return;
	if (!strcmp(opt.plant, "leak"))
		kmalloc(64, GFP_KERNEL);
	else if (!strcmp(opt.plant, "warn"))
		WARN(1, "shrinker-stress: planted WARN (--plant warn)");
}

static int final_checks(void)
{
	long allocated = atomic_long_read(&demo_objs_allocated);
	long freed = atomic_long_read(&demo_objs_freed);
	unsigned long leaked, reports;
	int i;

	if (allocated != freed)
		fail("objects: %ld allocated, %ld freed", allocated, freed);

	leaked = kstub_leak_check(stderr);
	if (leaked)
		fail("%lu objects leaked", leaked);

	reports = kstub_report_total();
	if (reports) {
		for (i = 0; i < KSTUB_NR_REPORT_KINDS; i++)
			if (kstub_report_count(i))
				fail("%lu %s reports", kstub_report_count(i),
				     kstub_report_name(i));
	}

	if (opt.verbose || atomic_long_read(&failures)) {
		fprintf(stderr, "shrinker-stress: %ld objects allocated;",
			allocated);
		for (i = 0; i < NR_STRESS_OPS; i++)
			fprintf(stderr, " %s %ld", op_names[i],
				atomic_long_read(&stat_ops[i]));
		fprintf(stderr, "\n");
	}
	return atomic_long_read(&failures) ? 1 : 0;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: shrinker-stress [--threads N] [--seconds S | "
		     "--iterations N]\n"
		     "       [--memcgs M] [--nodes K] [--sbs N] [--objects N] "
		     "[--seed X]\n"
		     "       [--plant leak|warn] [--verbose]\n");
}

static int parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"threads", required_argument, NULL, 't'},
		{"seconds", required_argument, NULL, 's'},
		{"iterations", required_argument, NULL, 'i'},
		{"memcgs", required_argument, NULL, 'm'},
		{"nodes", required_argument, NULL, 'n'},
		{"sbs", required_argument, NULL, 'b'},
		{"objects", required_argument, NULL, 'o'},
		{"seed", required_argument, NULL, 'S'},
		{"plant", required_argument, NULL, 'p'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "t:s:i:m:n:b:o:S:p:vh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 't':
			opt.threads = atoi(optarg);
			break;
		case 's':
			opt.seconds = atof(optarg);
			break;
		case 'i':
			opt.iterations = atol(optarg);
			if (opt.iterations < 1)
				opt.iterations = -1;
			break;
		case 'm':
			opt.memcgs = atoi(optarg);
			break;
		case 'n':
			opt.nodes = atoi(optarg);
			break;
		case 'b':
			opt.sbs = atoi(optarg);
			break;
		case 'o':
			opt.objects = atoi(optarg);
			break;
		case 'S':
			opt.seed = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			opt.plant = optarg;
			break;
		case 'v':
			opt.verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc || opt.threads < 1 || opt.seconds < 0 ||
	    opt.iterations < 0 || opt.memcgs < 1 || opt.nodes < 1 ||
	    opt.sbs < 1 || opt.objects < 1 ||
	    (opt.plant && strcmp(opt.plant, "leak") &&
	     strcmp(opt.plant, "warn"))) {
		usage(stderr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t *tids;
	long i;

	if (parse_args(argc, argv))
		return 2;
	if (kstub_set_nr_nodes(opt.nodes)) {
		fprintf(stderr, "shrinker-stress: bad node count %d\n",
			opt.nodes);
		return 2;
	}
	if (shrinker_glue_init()) {
		fprintf(stderr, "shrinker-stress: setup failed\n");
		return 3;
	}

	sb_slots = calloc(opt.sbs, sizeof(*sb_slots));
	memcg_slots = calloc(opt.memcgs, sizeof(*memcg_slots));
	tids = calloc(opt.threads, sizeof(*tids));
	if (!sb_slots || !memcg_slots || !tids) {
		fprintf(stderr, "shrinker-stress: out of memory\n");
		return 1;
	}
	for (i = 0; i < opt.sbs; i++)
		mutex_init(&sb_slots[i].lock);

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += (time_t)opt.seconds;
	deadline.tv_nsec += (long)((opt.seconds - (time_t)opt.seconds) * 1e9);
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}

	plant_bug();
	for (i = 0; i < opt.threads; i++)
		if (pthread_create(&tids[i], NULL, stress_thread, (void *)i)) {
			fprintf(stderr, "shrinker-stress: pthread_create\n");
			return 1;
		}
	for (i = 0; i < opt.threads; i++)
		pthread_join(tids[i], NULL);

	teardown();
	i = final_checks();
	free(tids);
	free(memcg_slots);
	free(sb_slots);
	if (!i && opt.iterations)
		printf("shrinker-stress: ok (%d threads, %ld iterations each, "
		       "seed %lu)\n",
		       opt.threads, opt.iterations, opt.seed);
	else if (!i)
		printf("shrinker-stress: ok (%d threads, %gs, seed %lu)\n",
		       opt.threads, opt.seconds, opt.seed);
	return i;
}
