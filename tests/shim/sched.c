// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs for the controlled scheduler's tests (sched= in the spec):
 * shim-sched MODE [ARGS].  Every mode does a fixed amount of work; none
 * measures time.  Shared variables the threads touch between sites are
 * read and written with relaxed atomics (a load, then a store: an
 * increment that loses updates when two threads run at once), so that
 * ThreadSanitizer has nothing to say unless a mode plants a data race.
 *
 *   serial T N K  T threads, N steps each; a step is an RCU read-side
 *                 section (two sites) in which the thread writes its id,
 *                 spins K iterations checking that the id is still its
 *                 own, and increments a shared counter.  Prints the
 *                 overlaps seen (two threads between the same sites),
 *                 the counter (T*N when no update was lost) and the log
 *                 of ids, one per step, in the order the steps ran.
 *   locks T N     T threads contend N times for a mutex, a spinlock, an
 *                 rw_semaphore (as writer and reader) and a mutex taken
 *                 with trylock, and each completes a completion the main
 *                 thread waits for; one thread waits for grace periods
 *                 while the others read; the last ends with pthread_exit.
 *                 Prints the counters (T*N each).
 *   overlap       the serial check's negative control: thread 1 completes
 *                 a completion thread 2 waits for, writes its id and spins
 *                 without a site until thread 2 (once it has seen that
 *                 id) has written its own: the two are between sites at
 *                 once, with or without a scheduler.  Prints the overlaps
 *                 (1).
 *   pipe          thread 1 reads a pipe thread 2 writes once it has seen
 *                 thread 1 about to read; no site between.  Prints "read".
 *   order W L     W workers; the last one created takes L steps before its
 *                 mark, the others 2; the first mark wins.  Prints the
 *                 winner; exits 1 when it is the last worker (the
 *                 ordering bug: it needed to run first, a depth-1 bug).
 *   datarace N    two threads increment a plain int N times each, between
 *                 sites, with no lock: a data race ThreadSanitizer sees.
 *   datarace-locked N   the same under a mutex: no race.
 *   fork          two threads contend for a mutex; then fork: the child
 *                 does the same, and both exit 0.
 *   services T N  kstub's own threads at work: T threads, N times each,
 *                 queue an item on a workqueue (the system one and one of
 *                 their own, in turn) and flush it, then free an object
 *                 with call_rcu() and another with kfree_rcu(); the main
 *                 thread then arms a timer and waits for its function,
 *                 stops it, flushes and destroys the workqueue and waits
 *                 for the callbacks (rcu_barrier).  Prints the callbacks,
 *                 items and timer functions that ran (T*N, T*N, 1).
 *   services-wait T N   the same, but the main thread waits for the timer
 *                 function with wait_event(), a wait kstub does not
 *                 report: the blocking the scheduler cannot see.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#define MAX_THREADS 16
#define MAX_LOG 100000

#define LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)

static long nthreads = 2, nsteps = 100, nspin = 1000;

/* ---- serial ------------------------------------------------------------ */

static long owner, overlaps, counter, log_len;
static char step_log[MAX_LOG];

static void *serial_worker(void *arg)
{
	long id = (long)arg, i, k;

	for (i = 0; i < nsteps; i++) {
		bool seen = false;

		rcu_read_lock();
		STORE(&owner, id);
		for (k = 0; k < nspin; k++) {
			if (LOAD(&owner) != id)
				seen = true;
		}
		STORE(&counter, LOAD(&counter) + 1);
		if (LOAD(&owner) != id)
			seen = true;
		if (seen)
			STORE(&overlaps, LOAD(&overlaps) + 1);
		k = LOAD(&log_len);
		if (k < MAX_LOG - 1) {
			STORE(&step_log[k], (char)('0' + id % 10));
			STORE(&log_len, k + 1);
		}
		rcu_read_unlock();
	}
	return NULL;
}

static void run_threads(void *(*fn)(void *))
{
	pthread_t t[MAX_THREADS];
	long i;

	for (i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, fn, (void *)(i + 1))) {
			perror("pthread_create");
			exit(2);
		}
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
}

static int serial(void)
{
	run_threads(serial_worker);
	printf("overlaps %ld\ncounter %ld\nlog %.*s\n", LOAD(&overlaps),
	       LOAD(&counter), (int)LOAD(&log_len), step_log);
	return 0;
}

/* ---- locks -------------------------------------------------------------- */

static DEFINE_MUTEX(lk_mutex);
static DEFINE_MUTEX(lk_trymutex);
static DEFINE_SPINLOCK(lk_spin);
static DECLARE_RWSEM(lk_rwsem);
static struct completion lk_done[MAX_THREADS];
static long lk_m, lk_s, lk_w, lk_r, lk_t;
static int lk_sync_calls;

static void *locks_worker(void *arg)
{
	long id = (long)arg, i;

	for (i = 0; i < nsteps; i++) {
		mutex_lock(&lk_mutex);
		STORE(&lk_m, LOAD(&lk_m) + 1);
		mutex_unlock(&lk_mutex);

		spin_lock(&lk_spin);
		STORE(&lk_s, LOAD(&lk_s) + 1);
		spin_unlock(&lk_spin);

		down_write(&lk_rwsem);
		STORE(&lk_w, LOAD(&lk_w) + 1);
		up_write(&lk_rwsem);

		down_read(&lk_rwsem);
		__atomic_add_fetch(&lk_r, 1, __ATOMIC_RELAXED);
		up_read(&lk_rwsem);

		/* waits for the lock under the scheduler: then never fails */
		while (!mutex_trylock(&lk_trymutex))
			;
		STORE(&lk_t, LOAD(&lk_t) + 1);
		mutex_unlock(&lk_trymutex);

		if (id == 1) {
			synchronize_rcu();
			lk_sync_calls++;
		} else {
			rcu_read_lock();
			rcu_read_unlock();
		}
	}
	complete(&lk_done[id - 1]);
	/* the last one ends through pthread_exit: its end hands over too */
	if (id == nthreads)
		pthread_exit(NULL);
	return NULL;
}

static int locks(void)
{
	pthread_t t[MAX_THREADS];
	long i;

	for (i = 0; i < nthreads; i++)
		init_completion(&lk_done[i]);
	for (i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, locks_worker, (void *)(i + 1));
	for (i = 0; i < nthreads; i++)
		wait_for_completion(&lk_done[i]);
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	printf("mutex %ld spin %ld write %ld read %ld trylock %ld sync %d\n",
	       lk_m, lk_s, lk_w, lk_r, lk_t, lk_sync_calls);
	return 0;
}

/* ---- overlap: the negative control ---------------------------------------- */

static DECLARE_COMPLETION(ov_started);
static long ov_written;

static void *overlap_first(void *arg)
{
	long k;

	(void)arg;
	complete(&ov_started);
	STORE(&owner, 1L);
	/* no site here: only the watchdog lets thread 2 run */
	for (k = 0; k < 4000000000L && !LOAD(&ov_written); k++)
		;
	if (LOAD(&owner) != 1)
		STORE(&overlaps, LOAD(&overlaps) + 1);
	rcu_read_lock();
	rcu_read_unlock();
	return NULL;
}

static void *overlap_second(void *arg)
{
	long k;

	(void)arg;
	wait_for_completion(&ov_started);
	for (k = 0; k < 4000000000L && LOAD(&owner) != 1; k++)
		;
	STORE(&owner, 2L);
	STORE(&ov_written, 1L);
	rcu_read_lock();
	rcu_read_unlock();
	return NULL;
}

static int overlap(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, overlap_first, NULL);
	pthread_create(&b, NULL, overlap_second, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("overlaps %ld\n", LOAD(&overlaps));
	return 0;
}

/* ---- pipe: blocking outside kstub --------------------------------------- */

static int pipe_fd[2];
static long pipe_reading;

static void *pipe_reader(void *arg)
{
	char c = 0;

	(void)arg;
	rcu_read_lock();
	rcu_read_unlock();
	STORE(&pipe_reading, 1L);
	if (read(pipe_fd[0], &c, 1) != 1)
		return (void *)1;
	rcu_read_lock();
	rcu_read_unlock();
	return c == 'x' ? NULL : (void *)1;
}

static void *pipe_writer(void *arg)
{
	long k;

	(void)arg;
	rcu_read_lock();
	rcu_read_unlock();
	for (k = 0; k < 4000000000L && !LOAD(&pipe_reading); k++)
		;
	if (write(pipe_fd[1], "x", 1) != 1)
		return (void *)1;
	rcu_read_lock();
	rcu_read_unlock();
	return NULL;
}

static int pipe_mode(void)
{
	void *r1, *r2;
	pthread_t a, b;

	if (pipe(pipe_fd)) {
		perror("pipe");
		return 2;
	}
	pthread_create(&a, NULL, pipe_reader, NULL);
	pthread_create(&b, NULL, pipe_writer, NULL);
	pthread_join(a, &r1);
	pthread_join(b, &r2);
	printf(r1 || r2 ? "failed\n" : "read\n");
	return 0;
}

/* ---- order: a depth-1 ordering bug -------------------------------------- */

static long order_first, order_long = 40;

static void *order_worker(void *arg)
{
	long id = (long)arg, i, n = id == nthreads ? order_long : 2;

	for (i = 0; i < n; i++) {
		rcu_read_lock();
		rcu_read_unlock();
	}
	rcu_read_lock();
	if (!LOAD(&order_first))
		STORE(&order_first, id);
	rcu_read_unlock();
	return NULL;
}

static int order(void)
{
	run_threads(order_worker);
	printf("first %ld\n", LOAD(&order_first));
	return LOAD(&order_first) == nthreads ? 1 : 0;
}

/* ---- datarace ----------------------------------------------------------- */

static int racy;
static bool race_locked;
static DEFINE_MUTEX(race_mutex);

static void *race_worker(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < nsteps; i++) {
		if (race_locked)
			mutex_lock(&race_mutex);
		else
			rcu_read_lock();
		racy++;
		if (race_locked)
			mutex_unlock(&race_mutex);
		else
			rcu_read_unlock();
	}
	return NULL;
}

static int datarace(bool locked)
{
	race_locked = locked;
	nthreads = 2;
	run_threads(race_worker);
	printf("racy %d\n", racy);
	return 0;
}

/* ---- fork --------------------------------------------------------------- */

static void *fork_worker(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < nsteps; i++) {
		mutex_lock(&lk_mutex);
		STORE(&lk_m, LOAD(&lk_m) + 1);
		mutex_unlock(&lk_mutex);
	}
	return NULL;
}

static int fork_mode(void)
{
	int status = 0;
	pid_t pid;

	run_threads(fork_worker);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (!pid) {
		run_threads(fork_worker);
		printf("child %ld\n", LOAD(&lk_m));
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 1;
	printf("parent %ld\n", LOAD(&lk_m));
	return 0;
}

/* ---- services ----------------------------------------------------------- */

struct svc_obj {
	struct rcu_head rcu;
	struct work_struct work;
};

static long svc_rcu, svc_work, svc_timer;
static struct workqueue_struct *svc_wq;
static struct timer_list svc_tm;
static struct completion svc_tm_done;
static DECLARE_WAIT_QUEUE_HEAD(svc_waitq);

/* On the RCU callback thread alone. */
static void svc_rcu_cb(struct rcu_head *rcu)
{
	STORE(&svc_rcu, LOAD(&svc_rcu) + 1);
	kfree(container_of(rcu, struct svc_obj, rcu));
}

/* On any worker: the scheduler runs one at a time. */
static void svc_work_fn(struct work_struct *work)
{
	STORE(&svc_work, LOAD(&svc_work) + 1);
}

static void svc_timer_fn(struct timer_list *t)
{
	STORE(&svc_timer, LOAD(&svc_timer) + 1);
	complete(&svc_tm_done);
	wake_up(&svc_waitq);
}

static void *svc_worker(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < nsteps; i++) {
		struct svc_obj *a = kzalloc(sizeof(*a), GFP_KERNEL);
		struct svc_obj *b = kzalloc(sizeof(*b), GFP_KERNEL);

		if (!a || !b)
			exit(3);
		INIT_WORK(&a->work, svc_work_fn);
		queue_work(i % 2 ? svc_wq : system_wq, &a->work);
		flush_work(&a->work);
		call_rcu(&a->rcu, svc_rcu_cb);
		kfree_rcu(b, rcu);
	}
	return NULL;
}

static int services(bool unreported)
{
	svc_wq = alloc_workqueue("svc", 0, 2);
	if (!svc_wq)
		return 3;
	run_threads(svc_worker);
	init_completion(&svc_tm_done);
	timer_setup(&svc_tm, svc_timer_fn, 0);
	mod_timer(&svc_tm, jiffies + 2);
	if (unreported)
		wait_event(svc_waitq, LOAD(&svc_timer));
	else
		wait_for_completion(&svc_tm_done);
	timer_delete_sync(&svc_tm);
	flush_workqueue(svc_wq);
	destroy_workqueue(svc_wq);
	rcu_barrier();
	printf("rcu %ld work %ld timer %ld\n", LOAD(&svc_rcu), LOAD(&svc_work),
	       LOAD(&svc_timer));
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	bool race =
		!strcmp(mode, "datarace") || !strcmp(mode, "datarace-locked");

	/* MODE [T [N [K]]]; datarace N */
	if (argc > 2 && !race)
		nthreads = atol(argv[2]);
	if (argc > 2 && race)
		nsteps = atol(argv[2]);
	if (argc > 3)
		nsteps = order_long = atol(argv[3]);
	if (argc > 4)
		nspin = atol(argv[4]);
	if (nthreads < 1 || nthreads > MAX_THREADS || nsteps < 0) {
		fprintf(stderr, "shim-sched: 1 to %d threads\n", MAX_THREADS);
		return 2;
	}
	if (!strcmp(mode, "serial"))
		return serial();
	if (!strcmp(mode, "locks"))
		return locks();
	if (!strcmp(mode, "overlap"))
		return overlap();
	if (!strcmp(mode, "pipe"))
		return pipe_mode();
	if (!strcmp(mode, "order"))
		return order();
	if (race)
		return datarace(!strcmp(mode, "datarace-locked"));
	if (!strcmp(mode, "fork"))
		return fork_mode();
	if (!strcmp(mode, "services") || !strcmp(mode, "services-wait"))
		return services(!strcmp(mode, "services-wait"));
	fprintf(stderr, "usage: shim-sched serial|locks|overlap|pipe|order|"
			"datarace|datarace-locked|fork|services|services-wait "
			"[ARGS]\n");
	return 2;
}
