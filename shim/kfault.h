/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libkfault internals: what each file of the shim offers the others.
 * Never installed.  doc/architecture.md draws the picture; in short, data
 * flows one way and no file calls a file above it:
 *
 *   init.c     the process: spec before main, arming, fork
 *   exits.c    the report on every way out: exit, _exit, signals, sanitizer
 *   inject.c   kstub_hook: the decision at each site
 *   delay.c    holding a thread back (yield, sleep, PCT)
 *   report.c   the report at exit (reads the stores below)
 *   trace.c    per-thread event buffers and the trace-event writer
 *   spawn.c    threads the program creates: numbered in creation order,
 *              started, ended and joined under the scheduler
 *   rules.c    a rule's filters, should_fail, and its run-time counters
 *   records.c  injected faults and delays, the call log
 *   threads.c  per-thread slots and PRNG streams, creation numbers
 *   sched.c    the controlled scheduler: one thread runs between sites
 *   spec.c     the spec language -> struct kfault_config (pure parsing)
 *   symbols.c, unwind.c, out.c, sites.c   leaves
 *
 * Concurrency contract:
 *  - struct kfault_config and its rules are written before main (parse,
 *    then kfault_rules_resolve()) and read-only once the hook is armed.
 *    Everything that changes while the program runs is in
 *    struct kfault_rule_state (rules.c) or struct kfault_thread, updated
 *    with __atomic builtins.
 *  - struct kfault_thread belongs to one thread; others (the reporter at
 *    exit, a forked child) read it with relaxed atomics.
 *  - Nothing here allocates with malloc on the hook path: buffers come from
 *    static arrays or mmap.
 *  - errno: a function that may change it (a system call, libunwind,
 *    output) restores it before returning, so the hook's decision path
 *    never has to touch it.
 */
#ifndef KFAULT_H
#define KFAULT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <string.h>
#include <time.h>

#include <kstub/hook.h>

#include "kfault-abi.h"
#include "sites.h"

#define KFAULT_MAX_RULES 16
#define KFAULT_MAX_FUNCS 8 /* names per stack=/caller= filter */
#define KFAULT_MAX_RANGES 32 /* address ranges per filter */
#define KFAULT_MAX_PCT 16 /* change points of a PCT schedule */
#define KFAULT_MAX_FRAMES 32 /* frames kept per backtrace */
#define KFAULT_MAX_THREADS 4096
#define KFAULT_SPEC_MAX 4096

#define KFAULT_TLS __attribute__((tls_model("initial-exec")))

#define kf_load(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define kf_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define kf_inc(p) __atomic_add_fetch((p), 1, __ATOMIC_RELAXED)

static inline uint64_t kfault_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- spec.c: the parsed spec ---------------------------------------- */

/* An address range [lo, hi) covering one function. */
struct kfault_range {
	uintptr_t lo, hi;
};

/*
 * A stack=/caller= filter: the parser keeps the names (and where they
 * were written, for messages); kfault_rules_resolve() turns them into
 * address ranges before the hook is armed.
 */
struct kfault_funcs {
	unsigned int nr_names;
	const char *name[KFAULT_MAX_FUNCS];
	unsigned int rule[KFAULT_MAX_FUNCS], item[KFAULT_MAX_FUNCS];
	unsigned int nr;
	struct kfault_range r[KFAULT_MAX_RANGES];
};

enum kfault_delay_mode {
	KFAULT_DELAY_NONE,
	KFAULT_DELAY_YIELD,
	KFAULT_DELAY_SLEEP,
	KFAULT_DELAY_PCT,
};

/* One rule as the spec says it: read-only once armed. */
struct kfault_rule {
	unsigned int index; /* 1-based, as in reports */
	char text[256]; /* the rule as written, for the report */
	uint64_t classes; /* bit per enum kstub_site_class */
	bool is_delay;

	/* fault_attr knobs (the kernel's meanings) */
	unsigned long fail_nth; /* 0: not set */
	bool per_thread;
	uint32_t ppm; /* probability in parts per million */
	unsigned long interval;
	long times_init; /* -1: no limit */
	long space_init;

	/* filters */
	struct kfault_funcs stack_in, stack_out, caller;
	unsigned int gfp_all, gfp_none;
	uint64_t threads; /* bit N-1: kfault thread N; 0: any */
	uint64_t created; /* bit J-1: the thread created J-th; 0: any */
	char thread_name[16]; /* "": any */
	unsigned int nr_stack_ids;
	uint64_t stack_ids[KFAULT_MAX_FUNCS]; /* stack_id=: the call's stack */
	bool slow_filters; /* caller=, stack= or stack_id= given */
	bool after_fault; /* the faulting thread, in its window */
	bool near_fault; /* other threads, while a window is open */
	bool fork; /* fork=1: the fork server's points are these calls */

	/* delays */
	enum kfault_delay_mode mode;
	uint64_t min_ns, max_ns;
	unsigned int pct_depth;
	unsigned long pct_steps;
	uint64_t pct_hold_ns;
};

/* sched=: who runs between two sites (sched.c) */
enum kfault_sched_policy {
	KFAULT_SCHED_NONE,
	KFAULT_SCHED_RANDOM, /* uniform among the enabled threads */
	KFAULT_SCHED_PCT, /* PCT: priorities and depth-1 change points */
	KFAULT_SCHED_LIST, /* the default order, and the listed switches */
};

/*
 * sched=list: at step @step, thread @thread runs (if it may).  Steps are
 * numbered from 1 as the scheduler's decisions are; threads as the
 * scheduler's: the main thread 1, then the others in creation order.
 */
struct kfault_switch {
	unsigned long step;
	unsigned int thread;
};

/*
 * "tT@S/tT@S/...", steps increasing (also separated by blanks or
 * newlines when @blanks): checked, and stored in @out (NULL: checked
 * only) up to @max.  The count, or -1 with a message in @err.
 */
long kfault_switches_parse(const char *s, bool blanks,
			   struct kfault_switch *out, unsigned long max,
			   char *err, size_t errlen);

struct kfault_config {
	char spec[KFAULT_SPEC_MAX]; /* the spec text, for the report */
	char names[KFAULT_SPEC_MAX]; /* the parser's copy: filter names */
	const char *spec_source; /* "KFAULT", "KFAULT_SPEC", NULL */
	uint64_t seed;
	bool seed_given;
	char report[512];
	char trace[512];
	char fork_points[512]; /* fork_points=: the fork server's points */
	int verbose;
	int leak_exitcode;
	unsigned long trace_events; /* per-thread trace buffer, events */
	bool record; /* record=1: every eligible call of fault rules */
	bool leak_stacks; /* leak_stacks=1: each leaked object's own stack */
	bool collect; /* count sites, keep allocation stacks (set at arming) */
	unsigned long fault_window; /* sites after a fault: its window */
	enum kfault_sched_policy sched;
	unsigned int sched_depth; /* pct:D */
	unsigned long sched_steps; /* PCT's change points: among these steps */
	uint64_t sched_watchdog_ns; /* CPU time without a site: stuck */
	const char *sched_list; /* sched=list:SWITCHES (in names[]), or "" */
	char sched_list_file[512]; /* sched=list:@FILE */
	bool sched_record; /* sched_record=1: the report lists the switches */
	unsigned long sched_log; /* sched_log=N: the report's last N steps */
	unsigned int nr_rules;
	struct kfault_rule rules[KFAULT_MAX_RULES];
	/* masks over classes, computed at parse time */
	uint64_t fault_mask, delay_mask;
};

extern struct kfault_config kf_cfg;

/*
 * Parse @text into @cfg (zeroed by the caller); @comments: '#' starts a
 * comment (spec files).  Pure: no file is created, no symbol looked up.
 * -1 with a message in @err.
 */
int kfault_spec_parse(const char *text, bool comments,
		      struct kfault_config *cfg, char *err, size_t errlen);
/*
 * After the paths from the environment are in: fork=1 and fork_points=
 * against each other and the rest of the spec.  -1 with a message.
 */
int kfault_spec_forks(struct kfault_config *cfg, char *err, size_t errlen);
/* The message of a problem with key @key of @cfg's spec, as the parser's. */
void kfault_spec_error(char *err, size_t errlen, const char *key,
		       unsigned int rule, unsigned int item, const char *fmt,
		       ...) __attribute__((format(printf, 6, 7)));

/* ---- symbols.c, unwind.c: code addresses ------------------------------ */

/* One frame, symbolized. */
struct kfault_frame {
	uintptr_t addr;
	const char *func; /* NULL when unknown */
	uintptr_t func_off;
	const char *object; /* NULL when unknown */
	uintptr_t object_off; /* addr relative to the object's load base */
};

/* ELF symbol tables of the loaded objects, no malloc */
int kfault_symbols_init(void);
void kfault_symbols_atfork_child(void);
unsigned int kfault_symbols_find(const char *name, struct kfault_range *r,
				 unsigned int max);
void kfault_symbolize(uintptr_t addr, struct kfault_frame *f);
uintptr_t kfault_object_offset(uintptr_t addr);
bool kfault_same_object(uintptr_t addr, uintptr_t other);
/* A code address rather than a small number (kfree_rcu's offset)? */
static inline bool kfault_is_code(const void *p)
{
	return (uintptr_t)p >= 4096;
}

unsigned int kfault_backtrace(uintptr_t *frames, unsigned int max,
			      const void *caller);
bool kfault_in_ranges(const struct kfault_funcs *fn, uintptr_t addr);
bool kfault_stack_has(const struct kfault_funcs *fn, const uintptr_t *frames,
		      unsigned int nr);
uint64_t kfault_stack_hash(const uintptr_t *frames, unsigned int nr);
void kfault_unwind_init(void);

/* ---- threads.c: per-thread state --------------------------------------- */

struct kfault_trace_event;

/* Per-thread state; a slot is never reused, so reports see dead threads. */
struct kfault_thread {
	unsigned int id; /* 1-based registration order */
	pid_t tid;
	char name[16]; /* the thread's own name (comm), when it has one */
	unsigned int created; /* creation order: 1 main, 2 the first created */
	uint64_t prng;
	unsigned long seen[KSTUB_NR_SITE_CLASSES];
	unsigned long nth[KFAULT_MAX_RULES]; /* per_thread fail_nth */
	unsigned long eligible[KFAULT_MAX_RULES]; /* fault rules' calls */
	struct kfault_trace_event *trace;
	unsigned long trace_len, trace_dropped;
	unsigned long steps; /* sites reached (any class the hook looks at) */
	unsigned long window_end; /* in a fault's window until this step */
};

int kfault_threads_init(void);
struct kfault_thread *kfault_self(void);
/*
 * The calling thread's creation number (1: the main thread, 0: unknown);
 * spawn.c sets it in a thread it started, before the thread runs, with
 * the kind of kstub's own thread it is (0: the program's): one kstub
 * started again takes the slot its kind had.
 */
unsigned int kfault_created_number(void);
void kfault_created_set(unsigned int n, unsigned int kind);
/* Read the calling thread's name again (it may have set one since). */
void kfault_thread_name(struct kfault_thread *t);
struct kfault_thread *kfault_thread_slot(unsigned int i);
unsigned int kfault_nr_threads(void);
unsigned int kfault_threads_seen(void);
void kfault_threads_atfork_child(void);
/* The thread's stream, derived from the seed and the thread's number. */
uint64_t kfault_random(struct kfault_thread *t);
/* Uniform in [0, n). */
uint64_t kfault_below(struct kfault_thread *t, uint64_t n);

/* ---- sched.c: one program thread at a time between sites -------------- */

/*
 * With sched= in the spec, exactly one of the threads the program made
 * with pthread_create (and the main thread) runs between two stops: a
 * kstub site, the start and the end of a thread, pthread_create and
 * pthread_join.  At each stop the running thread asks the policy which
 * enabled thread runs next, hands over and waits on a futex of its own.
 * The scheduler's state is behind its own futex lock; it adds no
 * happens-before edge a sanitizer sees.  A watchdog thread (not
 * scheduled) lets another thread go when the running one stays away from
 * the stops; the run is then "not exact".
 */
struct kfault_sched_thread;
struct kfault_out;

struct kfault_sched_stats {
	bool on;
	unsigned long steps; /* decisions taken */
	unsigned long watchdog; /* hand-overs the watchdog made */
	unsigned int threads; /* threads scheduled */
	bool exact; /* every hand-over was made at a stop */
	unsigned long exact_steps; /* steps before it was not (all if exact) */
	/* decisions off the default order (sched=list's), and of them the
	 * ones that passed over a thread that could have gone on */
	unsigned long switches, preemptions;
};

/*
 * After the parse: load sched=list's switches (inline, or the file) and
 * set up what sched_record= and sched_log= keep.  0, or -1 with @err.
 */
int kfault_sched_load(char *err, size_t errlen);
/* Before arming, on the main thread: it is the running thread. */
void kfault_sched_init(void);
/* sched_record=1: the switches of this run, as "tT@S/..." (report.c). */
void kfault_sched_put_switches(struct kfault_out *o);
/* sched_log=N: the last N steps, as a JSON array of objects (report.c). */
void kfault_sched_put_log(struct kfault_out *o);
/* The calling thread reached @site (the hook, before anything else). */
void kfault_sched_site(const struct kstub_site *site);
/*
 * The creator, before the real pthread_create (a stop: it first waits for
 * its children created late to arrive): a slot for its child; NULL when
 * the child is not scheduled.  @late: the child cannot wait at its birth
 * (a sanitizer's start function runs first, and its creator waits for
 * that), so it joins at its first stop.
 */
struct kfault_sched_thread *kfault_sched_spawn(bool late);
/* The creator, after it: @ok, the child's @id. */
void kfault_sched_spawned(struct kfault_sched_thread *s, bool ok, pthread_t id);
/* The child, first thing: wait for its turn (unless @s is late). */
void kfault_sched_start(struct kfault_sched_thread *s);
/* The child's start routine returned or it called pthread_exit. */
void kfault_sched_exit(void);
/*
 * pthread_join(@id) called from @caller, before the real one: wait until
 * @id has ended.
 */
void kfault_sched_join(pthread_t id, const void *caller);
/* Let every thread go, for good: the process is ending.  Signal-safe. */
void kfault_sched_stop(void);
void kfault_sched_atfork_child(void);
void kfault_sched_stats(struct kfault_sched_stats *st);
/* "random" or "pct" */
const char *kfault_sched_name(enum kfault_sched_policy p);

/* ---- records.c: what was injected, and where allocations came from ---- */

struct kfault_record {
	bool ready;
	bool delay;
	unsigned int rule;
	unsigned int cls;
	unsigned long call; /* the rule's eligible-call number */
	unsigned int thread;
	unsigned int created; /* the thread's creation order, 0: unknown */
	pid_t tid;
	size_t size;
	unsigned int gfp;
	uint64_t ns; /* delays: time held back */
	uintptr_t caller;
	unsigned int nr;
	uintptr_t frames[KFAULT_MAX_FRAMES];
};

/* record=1: each eligible call of a fault rule, and its stack */
struct kfault_call {
	unsigned long n; /* the rule's process-wide eligible number */
	unsigned short rule, cls;
	unsigned int thread, created; /* kfault number, creation order */
	unsigned int stack; /* the distinct stack's number; 0: none */
	bool ready;
};
struct kfault_stack {
	uint64_t id; /* hash of the frames' object offsets */
	unsigned int next; /* the next stack of its hash chain, 0: none */
	unsigned int nr;
	uintptr_t frames[KFAULT_MAX_FRAMES];
};

int kfault_records_init(void);
void kfault_records_atfork_child(void);
/* Fill @rec for an injected fault (ns == 0) or delay and keep it. */
void kfault_record_event(struct kfault_record *rec, unsigned int rule,
			 const struct kfault_thread *t,
			 const struct kstub_site *site, unsigned long call,
			 uint64_t ns, const uintptr_t *frames, unsigned int nr);
/* Is there room to keep a record of this kind (so, worth a backtrace)? */
bool kfault_record_wanted(bool delay);
/* How many records are kept at most (faults_total/delays_total count all). */
unsigned long kfault_records_max(void);
unsigned long kfault_records(const struct kfault_record **rec,
			     unsigned long *total_faults,
			     unsigned long *total_delays);
/* record=1 */
void kfault_record_call(unsigned int rule, const struct kfault_thread *t,
			const struct kstub_site *site, unsigned long n,
			const uintptr_t *frames, unsigned int nr);
/* Calls kept, and in *@dropped those that did not fit. */
unsigned long kfault_calls(unsigned long *dropped);
const struct kfault_call *kfault_call_at(unsigned long i); /* NULL: not yet */
/* Distinct stacks kept (numbered from 1), and those that did not fit. */
unsigned int kfault_nr_stacks(unsigned long *dropped);
const struct kfault_stack *kfault_stack_at(unsigned int n);

/* ---- rules.c: filters, should_fail, counters ---------------------------- */

/* What changes while the program runs: atomics, from any thread. */
struct kfault_rule_state {
	long times;
	long space;
	unsigned long nth_count;
	bool nth_done; /* the Nth call has come (process-wide) */
	unsigned long interval_count;
	unsigned long eligible;
	unsigned long injected;
	unsigned long pct_points[KFAULT_MAX_PCT]; /* sorted, from the seed */
};

/* Resolve stack=/caller= names to addresses; -1 with a message. */
int kfault_rules_resolve(struct kfault_config *cfg, char *err, size_t errlen);
/* Start the counters of every rule; plan PCT schedules from the seed. */
void kfault_rules_arm(const struct kfault_config *cfg);
void kfault_rules_atfork_child(void);
struct kfault_rule_state *kfault_rule_state(const struct kfault_rule *r);

/*
 * A fault's window: the thread a fault was injected on, for its next
 * fault_window sites (its unwind: the error path's unlocks, frees and RCU
 * calls).  Threads in a window, process-wide.
 */
extern unsigned int kfault_windows_open;
/* A fault was injected on @t: open (or extend) its window. */
void kfault_window_open(struct kfault_thread *t);
/* @t reached a site: count it, close its window at the end. */
static inline void kfault_window_step(struct kfault_thread *t)
{
	if (++t->steps == t->window_end) {
		t->window_end = 0;
		__atomic_sub_fetch(&kfault_windows_open, 1, __ATOMIC_RELAXED);
	}
}

/* The filters that cost nothing: class, thread, gfp, fault window. */
static inline bool kfault_rule_quick(const struct kfault_rule *r,
				     const struct kfault_thread *t,
				     const struct kstub_site *site)
{
	if (!(r->classes & (UINT64_C(1) << site->cls)))
		return false;
	if (r->after_fault && !t->window_end)
		return false;
	if (r->near_fault && (t->window_end || !kf_load(&kfault_windows_open)))
		return false;
	if (r->threads && (t->id > 64 || !(r->threads >> (t->id - 1) & 1)))
		return false;
	if (r->created && (!t->created || t->created > 64 ||
			   !(r->created >> (t->created - 1) & 1)))
		return false;
	if (r->thread_name[0] &&
	    strncmp(r->thread_name, t->name, sizeof(t->name)))
		return false;
	return (site->gfp & r->gfp_all) == r->gfp_all &&
	       !(site->gfp & r->gfp_none);
}
/* caller= and stack=; unwinds into @frames when needed (*nr == 0). */
bool kfault_rule_slow(const struct kfault_rule *r,
		      const struct kstub_site *site, uintptr_t *frames,
		      unsigned int *nr);
bool kfault_rule_eligible(const struct kfault_rule *r,
			  const struct kfault_thread *t,
			  const struct kstub_site *site, uintptr_t *frames,
			  unsigned int *nr);
/* The kernel's should_fail() for one eligible call; *@call its number. */
bool kfault_should_fail(const struct kfault_rule *r, struct kfault_thread *t,
			size_t size, unsigned long *call);
/* Should delay rule @r act on this eligible event? */
bool kfault_delay_chosen(const struct kfault_rule *r, struct kfault_thread *t);
/* Eligible calls a rule has seen, all threads together. */
unsigned long kfault_rule_calls(const struct kfault_rule *r);

/* ---- trace.c -------------------------------------------------------- */

enum kfault_trace_type {
	KFAULT_TRACE_SITE,
	KFAULT_TRACE_FAULT,
	KFAULT_TRACE_DELAY,
};
struct kfault_trace_event {
	uint64_t ts;
	uintptr_t obj;
	uintptr_t caller;
	uint32_t arg; /* size, or delay in us */
	uint16_t cls;
	uint16_t type;
};
void kfault_trace(struct kfault_thread *t, enum kfault_trace_type type,
		  const struct kstub_site *site, uint64_t ts, uint32_t arg);
void kfault_trace_start(void);
int kfault_trace_write(const char *path);

/* ---- out.c: buffered output with write(2), usable from a signal handler */

struct kfault_out {
	int fd;
	size_t len;
	bool failed;
	int err; /* errno of the first failed write */
	char buf[8192];
};
void kf_out_init(struct kfault_out *o, int fd);
void kf_puts(struct kfault_out *o, const char *s);
void kf_putc(struct kfault_out *o, char c);
void kf_putu(struct kfault_out *o, unsigned long long v);
void kf_puti(struct kfault_out *o, long long v);
void kf_putx(struct kfault_out *o, unsigned long long v);
void kf_putjs(struct kfault_out *o, const char *s);
void kf_putkey(struct kfault_out *o, const char *sep, const char *key);
void kf_putb(struct kfault_out *o, bool v);
void kf_putxs(struct kfault_out *o, unsigned long long v);
void kf_put_frame_json(struct kfault_out *o, uintptr_t addr);
void kf_put_frame_text(struct kfault_out *o, uintptr_t addr);
int kf_flush(struct kfault_out *o);
int kf_open_output(const char *path, char *resolved, size_t len);
void kf_output_started(int fd);
void kf_output_failed(const char *what, const char *path, int err);
int kf_write_output(const char *what, const char *path,
		    void (*fn)(struct kfault_out *o, const void *arg),
		    const void *arg);
extern bool kf_forked; /* this process is a forked child */

/* ---- report.c ------------------------------------------------------- */

enum kfault_exit_how {
	KFAULT_EXIT_NORMAL,
	KFAULT_EXIT_SIGNAL,
	KFAULT_EXIT_SANITIZER,
};
void kfault_report_init(void);
void kfault_report(enum kfault_exit_how how, int status, int sig);
unsigned long kfault_report_leaks(void);
/* verbose >= 1: one line per injected fault, as it happens. */
void kfault_note_fault(const struct kfault_record *rec);

/* ---- spawn.c: threads the program creates --------------------------- */

/* Number (and, under sched=, schedule) the threads created from now on. */
void kfault_spawn_arm(void);
/* Threads a sanitizer runtime started through pthread_create (TSan's). */
unsigned int kfault_runtime_threads(void);
void kfault_spawn_atfork_child(void);

/* ---- forks.c: the fork server (fork_points=, a rule with fork=1) ----- */

/*
 * Read the points file before main (when fork_points= is given): -1 with
 * a message.  The process serves only if its parent is the one the file
 * names (a program the point's run starts does not).
 */
int kfault_forks_init(char *err, size_t errlen);
/*
 * An eligible call of the fork=1 rule @r: fork the points the file names
 * at it, each while this is the only thread.  True in a point's child
 * (it fails this call, *@call its number); false in the server.
 */
bool kfault_fork_point(struct kfault_rule *r, struct kfault_thread *t,
		       const struct kstub_site *site, uintptr_t *frames,
		       unsigned int *nr, unsigned long *call);
/* In fork()'s child handler: is this child a point's run (the run goes on)? */
bool kfault_forks_point_child(void);

/* ---- exits.c ------------------------------------------------------- */

void kfault_exits_resolve(void);
int kfault_exits_install(void);
void kfault_exits_atfork_child(void);

/* ---- delay.c -------------------------------------------------------- */

void kfault_delay(struct kfault_thread *t, const struct kstub_site *site);

/* ---- inject.c: the hook ---------------------------------------------- */

void kfault_arm(uint64_t mask);
/* Stop injecting and observing: the report is being written. */
void kfault_disarm(void);

#endif /* KFAULT_H */
