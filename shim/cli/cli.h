/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kfault command: shared declarations of its parts.
 *
 * The command is single-threaded.  It starts programs with libkfault.so
 * preloaded and a spec in their environment, waits for them with a
 * timeout, and reads what they left behind: exit status, captured stderr
 * and the shim's JSON report.  Nothing here runs inside the program under
 * test.
 */
#ifndef KFAULT_CLI_H
#define KFAULT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The contract with libkfault.so: environment, exit statuses, report. */
#include "../kfault-abi.h"

/* Exit statuses of the command itself. */
#define KFC_EXIT_OK 0
#define KFC_EXIT_FOUND 1
#define KFC_EXIT_USAGE 2

/* ---- util.c: memory, strings, files ---------------------------------- */

void *kfc_xmalloc(size_t size);
void *kfc_xcalloc(size_t n, size_t size);
void *kfc_xrealloc(void *p, size_t size);
char *kfc_xstrdup(const char *s);
char *kfc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kfc_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
void kfc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Read a whole file; NULL (errno set) when it cannot be read.  Never for
 * a program's captured output, which can be of any size.
 */
char *kfc_read_file(const char *path, size_t *len);
/* Its first @max bytes (NUL-terminated, *@len set), the same way. */
char *kfc_read_head(const char *path, size_t max, size_t *len);
/* The first and the last @each bytes of a file, "..." between. */
char *kfc_read_ends(const char *path, size_t each);
/*
 * Copy the file at @path to @f: whole, or its first @head and last @tail
 * bytes with a line that says how much is left out and where it is.
 * Memory does not grow with the file.  0, or -1 (errno set).
 */
int kfc_show_file(FILE *f, const char *path, size_t head, size_t tail);
int kfc_mkdir_p(const char *path);
/* Where execvp() finds @prog (malloc'd), or NULL. */
char *kfc_which(const char *prog);
/*
 * Make @path the results directory, or check it is one: a directory, not
 * a symlink, owned by us, writable by nobody else (whoever can write in
 * it can plant a symlink where we will write).  0, or -1 with a message.
 */
int kfc_results_dir(const char *path);
/*
 * Create a run's file anew: what was at @path is removed (a symlink too,
 * never followed), then the file is created exclusively.  The fd, or -1
 * with a message.
 */
int kfc_create_run_file(const char *path);
/*
 * Remove what an earlier run left at @path, before the run that will
 * write it: 0 when gone (or never there), -1 with a message.
 */
int kfc_remove_stale(const char *path);
/* write(2) all of @s; -1 (errno set) when not. */
int kfc_write_all(int fd, const char *s, size_t len);
double kfc_now(void);

/* A growable string. */
struct kfc_buf {
	char *s;
	size_t len;
	size_t cap;
};
void kfc_buf_add(struct kfc_buf *b, const char *s, size_t n);
void kfc_buf_puts(struct kfc_buf *b, const char *s);
void kfc_buf_printf(struct kfc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kfc_buf_release(struct kfc_buf *b);

/* FNV-1a over @s, from @h (start: KFC_HASH_START). */
#define KFC_HASH_START 0xcbf29ce484222325ULL
size_t kfc_hash_str(size_t h, const char *s);
size_t kfc_hash_word(size_t h, size_t v);

/*
 * A set of pointers by open addressing, kept at most half full: @hash
 * of an element or a key (the same for equal ones), @same an element and
 * a key.  Elements are the caller's; release frees the table only.
 */
struct kfc_set {
	void **slots; /* NULL: free */
	size_t size, used;
	size_t (*hash)(const void *key);
	bool (*same)(const void *elem, const void *key);
};
/*
 * The element equal to @key, or when there is none, @make(@key, @arg)'s,
 * which joins the set.
 */
void *kfc_set_get(struct kfc_set *s, const void *key,
		  void *(*make)(const void *key, void *arg), void *arg);
void kfc_set_release(struct kfc_set *s);

/*
 * Strings kept once each (object paths, function names repeat over a
 * report's thousands of frames): they live until the pool is released.
 */
struct kfc_strings {
	struct kfc_set set;
	char *chunk; /* the newest chunk: the next free byte ... */
	size_t left; /* ... and how many bytes follow it */
	void *chunks; /* every chunk, each starting with the previous */
	size_t chunk_size; /* the next chunk's, doubling */
};
/* @s as kept in @sp. */
const char *kfc_strings_add(struct kfc_strings *sp, const char *s);
void kfc_strings_release(struct kfc_strings *sp);

/* ---- json.c: a small reader for the shim's report and our own lines --- */

enum kfc_json_type {
	KFC_JSON_NULL,
	KFC_JSON_BOOL,
	KFC_JSON_NUMBER,
	KFC_JSON_STRING,
	KFC_JSON_ARRAY,
	KFC_JSON_OBJECT,
};

struct kfc_json {
	enum kfc_json_type type;
	double num; /* NUMBER, BOOL */
	char *str; /* STRING; the key when a member of an object */
	char *key;
	struct kfc_json **items; /* ARRAY elements or OBJECT members */
	size_t nr;
};

/* Parse @len bytes; NULL on a syntax error (with *@err set). */
struct kfc_json *kfc_json_parse(const char *text, size_t len, const char **err);
/*
 * Reading a big document an element at a time: the elements of the
 * top-level object's arrays named in @keys (the first member of each
 * name) are handed to @each as they are read, then freed.  Those arrays
 * stay in the tree, empty, their num the count of elements.
 */
#define KFC_JSON_STREAM_KEYS 64
struct kfc_json_stream {
	const char *const *keys; /* NULL-terminated, at most the above */
	void (*each)(const char *key, const struct kfc_json *item, void *ctx);
	void *ctx;
	bool blank; /* set by the parse: the text was only white space */
};
/* kfc_json_parse, streaming the arrays @st names (NULL: none). */
struct kfc_json *kfc_json_parse_each(const char *text, size_t len,
				     struct kfc_json_stream *st,
				     const char **err);
/*
 * The same, reading all of @fd through a buffer of @size bytes: on a
 * read error NULL too, *@err "read error" and errno set.
 */
struct kfc_json *kfc_json_read(int fd, size_t size, struct kfc_json_stream *st,
			       const char **err);
void kfc_json_free(struct kfc_json *j);
/* Member @key of an object, or NULL. */
struct kfc_json *kfc_json_get(const struct kfc_json *obj, const char *key);
/* A whole number in [@min, @max] (a bool is 0 or 1): true, in *@out. */
bool kfc_json_whole(const struct kfc_json *j, long min, long max, long *out);
/* A whole number that fits a long, or @def. */
long kfc_json_long(const struct kfc_json *j, long def);
const char *kfc_json_str(const struct kfc_json *j);
/* Building and printing (numbers print as they were read). */
struct kfc_json *kfc_json_new(enum kfc_json_type type);
struct kfc_json *kfc_json_new_string(const char *s);
void kfc_json_add(struct kfc_json *obj, const char *key, struct kfc_json *val);
int kfc_json_print(FILE *f, const struct kfc_json *j);
/* Write @s as a JSON string literal (quotes included). */
void kfc_json_quote(struct kfc_buf *b, const char *s);
void kfc_json_fquote(FILE *f, const char *s);

/* ---- lib.c: finding libkfault.so --------------------------------------- */

/* Path of libkfault.so to preload, or NULL with a message printed. */
const char *kfc_find_lib(void);

/* ---- proc.c: starting, timing out and reaping programs ----------------- */

struct kfc_proc {
	pid_t pid;
	double start;
	double deadline; /* SIGTERM then; 0: no timeout */
	double kill_at; /* SIGKILL then, once terminated */
	bool timed_out;
	bool own_group; /* kill the group, not just the process */
	int status; /* as from waitpid */
	double elapsed;
	void *data; /* the caller's */
	char *report; /* its KFAULT_REPORT, which marks what it leaves
			 behind; the pool's (NULL in kfc_pool_wait's copy) */
};

/* Seconds between SIGABRT and SIGKILL of a program that overran. */
#define KFC_KILL_GRACE 2.0

struct kfc_launch {
	char *const *argv;
	const char *spec; /* KFAULT=; NULL leaves it unset */
	const char *report; /* KFAULT_REPORT=, apart from the spec text so
			       that no character of the path can change
			       the spec; NULL: none */
	const char *lib; /* LD_PRELOAD'ed; NULL preloads nothing */
	const char *out_path; /* NULL inherits stdout */
	const char *err_path; /* NULL inherits stderr */
	double timeout; /* seconds; 0 for none */
	bool foreground; /* keep our process group, stdin and tty */
	const char *fork_points; /* KFAULT_FORK_POINTS=: a fork server */
	/* out_fd and err_fd instead of the paths: the caller's, kept open */
	bool have_fds;
	int out_fd, err_fd;
};

/*
 * The process pool.  At most @slots programs run at once; kfc_pool_wait()
 * returns the next one to end (after a timeout it is killed with its
 * process group), or NULL when a SIGINT/SIGTERM/SIGHUP arrived, after
 * which kfc_pool_interrupted() is true.  When a program ends, its process
 * group and every process it left behind are killed and reaped: the
 * command is a child subreaper from kfc_pool_init() on, and each program
 * dies with it (PR_SET_PDEATHSIG).  Signals are blocked for the whole
 * command between kfc_pool_init() and kfc_pool_release() so that none is
 * lost.
 */
struct kfc_pool {
	struct kfc_proc *procs;
	int slots;
	int running;
	int interrupted; /* the signal number, or 0 */
	void (*tick)(void *arg); /* called about every 200 ms while waiting */
	void *tick_arg;
};

void kfc_pool_init(struct kfc_pool *pool, int slots);
void kfc_pool_release(struct kfc_pool *pool);
/* Start a program in a free slot; -1 with a message when fork fails. */
int kfc_pool_start(struct kfc_pool *pool, const struct kfc_launch *l,
		   void *data);
/* Copy the next ended program to @done; false when interrupted or idle. */
bool kfc_pool_wait(struct kfc_pool *pool, struct kfc_proc *done);
/* Kill every running program and reap it. */
void kfc_pool_kill_all(struct kfc_pool *pool);
/* The running program started with @data: its deadline is @deadline now. */
void kfc_pool_set_deadline(struct kfc_pool *pool, const void *data,
			   double deadline);
static inline bool kfc_pool_full(const struct kfc_pool *pool)
{
	return pool->running >= pool->slots;
}

/* ---- report.c: what the shim's JSON report says ------------------------ */

struct kfc_srcstack;

struct kfc_stack {
	const char **frames; /* "func+0x1c" as printed */
	size_t nr;
	/* each frame's binary (NULL: unknown) and offset in it */
	const char **objs;
	unsigned long *offs;
	/*
	 * A report's (and its copies' by assignment): all of it is the
	 * report's, which must outlive them; kfc_stack_release forgets it.
	 */
	bool shared;
};

struct kfc_call {
	long n; /* eligible call number, from 1 */
	const char *cls;
	long stack; /* index in the report's stacks; -1: none */
	long created; /* the thread's creation order (1: main); 0: unknown */
};

/* Why a run left no report (kfc_report.none). */
enum kfc_no_report {
	KFC_REPORT_READ, /* there is one (or it was refused) */
	KFC_REPORT_MISSING, /* no file: the shim never started (not a kstub
			       program) or the spec was refused */
	KFC_REPORT_EMPTY, /* created before main, never written: killed, or
			     replaced by exec */
	KFC_REPORT_UNREAD, /* the file could not be read (errno in .err) */
};

struct kfc_report {
	bool present; /* read; all below is zero when not */
	char *refused; /* a report this kfault cannot read: why; or NULL */
	char *path; /* where it was looked for */
	enum kfc_no_report none; /* when neither present nor refused */
	int err; /* KFC_REPORT_UNREAD: the errno */
	bool sanitizer_stop; /* a sanitizer ended the process */
	int fatal_signal; /* the fatal signal the shim saw, 0 if none */
	long warns; /* WARN and BUG-class reports */
	long bugs;
	long leak_objects;
	long leak_bytes;
	long faults; /* faults injected */
	struct kfc_stack fault_stack; /* the first injected fault's */
	char *fault_cls;
	struct kfc_stack leak_stack; /* the first leak site's allocation */
	long sites_total; /* calls seen over FAULT classes */
	long eligible; /* eligible calls of the first rule; -1: unknown */
	struct kfc_call *calls; /* record=1 */
	size_t nr_calls;
	bool has_calls;
	long calls_dropped; /* eligible calls the shim could not record */
	struct kfc_stack *stacks; /* record=1: each distinct stack once */
	const char **stack_ids; /* each one's id ("0x..."), for stack_id= */
	size_t nr_stacks;
	long stacks_dropped; /* distinct stacks the shim could not keep */
	bool sched; /* the run had the shim's scheduler (sched=) */
	bool sched_exact; /* ... and every hand-over was at a stop */
	long sched_steps, sched_exact_steps, sched_watchdog;
	long sched_switches, sched_preemptions; /* off the default order */
	char *sched_list; /* sched_record=1: "tT@S/..."; else NULL */
	struct kfc_sched_step *sched_log; /* sched_log=N: the last steps */
	size_t nr_sched_log;
	/* the strings of its stacks, calls and stack ids, each kept once */
	struct kfc_strings strings;
};

/* A step of a scheduled run (the report's sched.log). */
struct kfc_sched_step {
	long step;
	long thread; /* 1: the main thread, then in creation order */
	char *op; /* what it was about to do: a site class, pthread_join... */
	bool preempted; /* another ran next, though this one could go on */
	long next; /* the thread that ran after this step; 0: none */
	struct kfc_stack caller; /* one frame, or none */
};
/* Call @c's stack, or NULL. */
const struct kfc_stack *kfc_call_stack(const struct kfc_report *r,
				       const struct kfc_call *c);

/*
 * Read the report at @path: 0 when read; -1 when there is none (no file,
 * or an empty one: @r->none says which) or when it is refused
 * (@r->refused says why).
 */
int kfc_report_load(struct kfc_report *r, const char *path);
/* The same on @len bytes of @text (no NUL needed); @path names it. */
int kfc_report_load_buffer(struct kfc_report *r, const char *text, size_t len,
			   const char *path);
void kfc_report_release(struct kfc_report *r);
void kfc_stack_release(struct kfc_stack *s);
void kfc_stack_copy(struct kfc_stack *dst, const struct kfc_stack *src);
/*
 * A report's stack (or a copy by assignment): where its source frames are
 * kept, for every copy to resolve once (kfc_point_resolve); NULL for a
 * stack of one's own.  Released with the report.
 */
struct kfc_srcstack *kfc_stack_src(const struct kfc_stack *s);
/* "func+0x1c" -> "func" in @out. */
const char *kfc_frame_func(const char *frame, char *out, size_t size);
/* Same functions, innermost first? */
bool kfc_stack_same(const struct kfc_stack *a, const struct kfc_stack *b);

/* ---- classify.c -------------------------------------------------------- */

#define KFC_OUTCOMES(X)     \
	X(ok)               \
	X(leak)             \
	X(crash)            \
	X(sanitizer)        \
	X(warn)             \
	X(hang)             \
	X(exit)             \
	X(nondeterministic) \
	X(unreadable)       \
	X(noreport)

#define KFC_OUTCOME_ENUM(name) KFC_##name,
enum kfc_outcome { KFC_OUTCOMES(KFC_OUTCOME_ENUM) KFC_NR_OUTCOMES };
#undef KFC_OUTCOME_ENUM

const char *kfc_outcome_name(enum kfc_outcome o);
int kfc_outcome_parse(const char *name);

/* What the command expects of a run that handled its fault well. */
struct kfc_expect {
	int *ok_exits;
	size_t nr_ok_exits;
};

bool kfc_expect_exit_ok(const struct kfc_expect *e, int status);
void kfc_expect_default(struct kfc_expect *e, int status);

struct kfc_verdict {
	enum kfc_outcome outcome;
	int exit; /* -1 when signalled */
	int signal; /* 0 when exited */
	char detail[256];
	char title[160]; /* "KASAN: use-after-free Read in f"; "" when ok */
};

/*
 * Classify one ended run: @p its process, @stderr_path its captured
 * stderr (NULL when not captured), @r its report (may be absent).
 * @expected_stack, when set, is where the fault should have hit.
 */
void kfc_classify(struct kfc_verdict *v, const struct kfc_proc *p,
		  const char *stderr_path, const struct kfc_report *r,
		  const struct kfc_expect *e,
		  const struct kfc_stack *expected_stack);
/*
 * @v kept once for the command's life, and the same pointer for the same
 * verdict: a sweep's points share theirs (10,000 ok points, one verdict).
 */
const struct kfc_verdict *kfc_verdict_keep(const struct kfc_verdict *v);
extern const struct kfc_verdict kfc_verdict_none; /* not judged yet */

/* ---- title.c: one line that names the bug ------------------------------ */

/*
 * Set @v->title, "" for ok: in the kernel's words (syzkaller's titles),
 * from the sanitizer's or kstub's report in @err (the run's stderr, NULL
 * when not captured) and the shim's report @r; @fault is where the fault
 * was planned, named when nothing says where the bug itself is.
 */
void kfc_title(struct kfc_verdict *v, const char *err,
	       const struct kfc_report *r, const struct kfc_stack *fault);
/*
 * Is a frame (@func, and @where: its source file or object, either may
 * be NULL) kstub's, the shim's, libc's or a sanitizer runtime's?
 */
bool kfc_frame_is_runtime(const char *func, const char *where);

/*
 * The run's report file was never created, and neither a refused spec
 * nor a signal explains it: the shim, which creates it before main in
 * every kstub program, never ran.  Then, and only then, the program is
 * probably not built against libkstub.
 */
bool kfc_not_kstub(const struct kfc_verdict *v, const struct kfc_report *r);
/*
 * The shim refused the spec (its message is in the run's stderr) or PROG
 * could not be started: a usage error, never something PROG did.
 */
bool kfc_never_ran(const struct kfc_verdict *v);
#define KFC_NOT_KSTUB_HINT "is %s built against libkstub?"

/* ---- opts.c: options every command shares ------------------------------ */

struct kfc_opts {
	struct kfc_buf spec; /* built from --spec and the flags */
	const char *results; /* directory of per-run files */
	double timeout;
	int jobs;
	struct kfc_expect expect;
	bool quiet;
	const char *fault_knobs; /* a --fail-nth-like flag was given */
	char **argv; /* PROG ARGS */
};

/*
 * Parse the shared options.  @extra handles a command's own: it returns
 * 1 when it took the option (and its argument), 0 when it does not know
 * it, -1 on a bad value (after printing why).
 */
struct option;
int kfc_opts_parse(struct kfc_opts *o, int argc, char **argv,
		   const struct option *own, const char *own_short,
		   int (*extra)(int c, const char *arg, void *ctx), void *ctx,
		   const char *cmd);
void kfc_opts_release(struct kfc_opts *o);
/* Append "key=value" to @spec. */
void kfc_spec_add(struct kfc_buf *spec, const char *key, const char *value);
/*
 * A whole decimal number, unsigned (no sign, space, hex, nan or inf):
 * 0, -1 when @s is not one, -ERANGE when it does not fit.  A double must
 * be finite; the caller checks the bounds.
 */
int kfc_parse_double(const char *s, double *out);
int kfc_parse_long(const char *s, long *out);
int kfc_parse_ull(const char *s, unsigned long long *out);
void kfc_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The shared options' help text. */
extern const char kfc_common_help[];

/* ---- debuginfo.c: source locations (libdw) ---------------------------- */

struct kfc_srcloc {
	char *func; /* NULL when unknown */
	char *file; /* as the compiler recorded it; NULL when unknown */
	int line; /* 0 when unknown */
};

/*
 * The locations of @offset (from @object's load base; a return address
 * when @return_address, so the call before it is looked up): up to @max,
 * an inlined call's innermost first, the function it is in last.
 * Returns how many; 0 when the object or its debug info cannot say.
 */
int kfc_debuginfo_lookup(const char *object, unsigned long offset,
			 bool return_address, struct kfc_srcloc *locs, int max);
/*
 * Lines for the objects whose DWARF is in a separate debug file too
 * (default: their symbols' names only; see debuginfo.c).
 */
extern bool kfc_debuginfo_all_lines;
void kfc_srcloc_release(struct kfc_srcloc *locs, int n);
void kfc_debuginfo_release(void);

/* ---- source.c: a stack's frames as function (file:line) --------------- */

struct kfc_srcframe {
	const char *func; /* the function, by its source name */
	const char *file; /* as the compiler recorded it; NULL when unknown */
	int line; /* 0 when unknown */
	bool inlined; /* an inlined call: the next frame holds it */
};

struct kfc_srcstack {
	struct kfc_srcframe *f; /* innermost first, inlined calls expanded */
	size_t nr;
	/* from kfc_source_resolve: its strings live till kfc_source_release */
	bool kept;
	/* a copy of a report stack's (kfc_stack_src): release forgets it */
	bool lent;
};

/*
 * The frames of return address @off in @obj (an inlined call's innermost
 * first, kstub's inline API left out), looked up once and kept: none
 * when there is no debug information.
 */
const struct kfc_srcstack *kfc_source_lookup(const char *obj,
					     unsigned long off);
/* Is @path one of kstub's sources or headers (installed or not)? */
bool kfc_kstub_file(const char *path);
/* Resolve every frame of @s that names its object (debuginfo.c). */
void kfc_source_resolve(struct kfc_srcstack *out, const struct kfc_stack *s);
void kfc_srcstack_release(struct kfc_srcstack *s);
/* Forget the lookups kept (and debuginfo.c's objects stay open). */
void kfc_source_release(void);
/* "file.c:12" (the file's base name), or NULL when unknown; malloc'ed. */
char *kfc_srcframe_where(const struct kfc_srcframe *f);
/* "func (file.c:12)", or "func"; malloc'ed. */
char *kfc_srcframe_text(const struct kfc_srcframe *f);

/* ---- minimize.c: a schedule's switches, and ddmin over them ------------ */

/* At @step, thread @thread ran: off the scheduler's default order. */
struct kfc_switch {
	long step;
	long thread;
};

/* "tT@S/tT@S/..." (steps going up; "" is none): 0, or -1 when not. */
int kfc_switches_parse(const char *text, struct kfc_switch **out, size_t *nr);
/* The same text from @n switches, appended to @b. */
void kfc_switches_format(struct kfc_buf *b, const struct kfc_switch *v,
			 size_t n);

struct kfc_ddmin {
	/* true when the run with these @n switches fails as the first did */
	bool (*fails)(const struct kfc_switch *set, size_t n, void *ctx);
	void *ctx;
	long tests; /* runs made */
};

/*
 * Shrink @cur (@n switches that fail) to a 1-minimal subset that fails:
 * no single switch of it can go.  Returns its size; @cur holds it.
 */
size_t kfc_ddmin(struct kfc_ddmin *d, struct kfc_switch *cur, size_t n);

/* ---- story.c: a scheduled run in source terms ------------------------- */

/* @r's sched.log as a story ending in @ending (the failure), to @f. */
void kfc_story_print(FILE *f, const struct kfc_report *r, const char *ending);

/* ---- slots.c: the files of a sweep's runs of their own ----------------- */

/* @nr slots of files in @dir (kept, not copied). */
struct kfc_slots *kfc_slots_new(const char *dir, int nr);
/* A free slot's number, taken; -1 when all are busy. */
int kfc_slot_take(struct kfc_slots *ss);
void kfc_slot_put(struct kfc_slots *ss, int k);
/* DIR/slot-K.EXT, malloc'ed. */
char *kfc_slot_path(const struct kfc_slots *ss, int k, const char *ext);
/*
 * Slot @k ready for a run: its report a line that is no report, its
 * stdout and stderr rewound, and @l told to use them.  0, or -1 (said).
 */
int kfc_slot_prepare(struct kfc_slots *ss, int k, struct kfc_launch *l);
/*
 * Its run ended: stdout and stderr cut where the run's writes ended; a
 * report no run wrote over removed (no report: the shim never started).
 */
void kfc_slot_ended(struct kfc_slots *ss, int k);
/* Slot @k's files become DIR/NAME.*; the slot makes new ones. */
int kfc_slot_keep(struct kfc_slots *ss, int k, const char *name);
/*
 * A run whose files are not kept: DIR/NAME.* go, an earlier sweep's, so
 * that none passes for this run's.
 */
void kfc_slot_unkept(const struct kfc_slots *ss, const char *name);
/* Every slot's files removed, and @ss freed. */
void kfc_slots_free(struct kfc_slots *ss);

/* ---- sweep.c, table.c, junit.c: fault points ---------------------------- */

struct kfc_point {
	long id; /* 1-based, stable for a given counting run */
	long nth; /* the eligible call to fail */
	bool persist; /* keep failing every call after it too */
	char *cls;
	struct kfc_stack stack; /* where the counting run saw call nth */
	struct kfc_srcstack src; /* the same, in source terms */
	/* the result, once done */
	bool done;
	bool resumed;
	const struct kfc_verdict *v; /* kfc_verdict_keep()'s; until done,
					kfc_verdict_none */
	double seconds;
	char *err_path;
	struct kfc_stack fault_stack; /* where the fault really hit */
	/*
	 * A point of one thread: the @occurrence-th call of the stack
	 * @stack_id in the thread created @created-th (1: main), the same
	 * call in every run.  @stack_id NULL: call @nth, process-wide.
	 */
	long created;
	long occurrence;
	char *stack_id;
	/* sweep --race: its schedules */
	long started, finished; /* schedules started, ended */
	double t0; /* when its first schedule started */
	unsigned long long seed; /* the first failing schedule's */
	char *replay; /* the command that reruns it */
	/* how its run was made: a fork server's child, or a run of its own */
	bool forked;
	const char *anew_why; /* a fork server's point run anew: why */
	struct kfc_fork_server *server; /* waiting for this fork server */
	bool running; /* a run of its own is under way */
};
/* @p's CALL: "12" (process-wide), or "t2#1" (thread 2's first). */
void kfc_point_call(char *buf, size_t size, const struct kfc_point *p);

/* @runs: how the points ran, a line of its own; NULL: not said. */
void kfc_table_print(FILE *f, struct kfc_point *pts, size_t n, const char *mode,
		     const char *runs);
/* @p's stack as "func (file.c:12) < func (file.c:40) < main (...)". */
void kfc_point_stack_text(struct kfc_buf *b, const struct kfc_point *p);
/* Fill in @p->src from @p->stack, once. */
void kfc_point_resolve(struct kfc_point *p);
/* Write the JUnit file to @f and close it: 0, or -1 with errno set. */
int kfc_junit_write(FILE *f, const struct kfc_point *pts, size_t n,
		    char *const *argv);
/* ---- forks.c: a sweep's fork servers ---------------------------------- */

/* What a fork server's log said of a point. */
struct kfc_fork_result {
	struct kfc_point *p;
	bool forked; /* false: run it anew, @why says why */
	const char *why;
	int status; /* as waitpid() gives it */
	bool timed_out;
	double elapsed; /* seconds, its prefix included */
};

struct kfc_fork_server;
/*
 * A server for @pts (the points file and an empty log, in @dir, an
 * absolute path): NULL, with a message, when they cannot be written.
 * @timeout: each point's, in seconds.
 */
struct kfc_fork_server *kfc_fork_server_new(const char *dir, int index,
					    struct kfc_point **pts, size_t nr,
					    double timeout);
/* Its points file: KFAULT_FORK_POINTS of its run. */
const char *kfc_fork_server_points(const struct kfc_fork_server *s);
/*
 * Call @fn for each point the log has said something of since the last
 * call; once the server has @ended, for every point left too (run anew).
 */
void kfc_fork_server_read(struct kfc_fork_server *s, bool ended,
			  void (*fn)(void *arg,
				     const struct kfc_fork_result *r),
			  void *arg);
void kfc_fork_server_release(struct kfc_fork_server *s);

/* ---- results.c: a sweep's --json file -------------------------------------- */

/* What a results file was written for: its header line. */
struct kfc_sweep_id {
	char **argv; /* PROG ARGS, NULL-terminated */
	char *program; /* where PROG was found */
	char *program_hash; /* "fnv1a64:..." of its content; NULL: unread */
	char *spec; /* the user's spec, before the sweep's keys */
	char *mode; /* "stack" or "nth" */
	bool keep_failing;
	long shard_i, shard_n; /* --shard I/N; 0: the whole sweep */
	long points; /* the sweep's points, all shards; 0: not said */
	const char *runs; /* "fork" or "exec": how the sweep runs its points
			     (not compared: both give the same verdicts) */
};

/* Where execvp() finds @prog and a hash of its content (NULLs if not). */
void kfc_program_id(const char *prog, char **path, char **hash);
void kfc_sweep_id_release(struct kfc_sweep_id *id);
/* The header line, and a point's line (each with its newline). */
void kfc_results_header(struct kfc_buf *b, const struct kfc_sweep_id *id);
void kfc_results_point(struct kfc_buf *b, const struct kfc_point *p);

enum { KFC_LINE_BROKEN, KFC_LINE_HEADER, KFC_LINE_POINT };

/* One line of a results file, parsed. */
struct kfc_result {
	int type; /* KFC_LINE_* */
	const char *why; /* BROKEN: what is wrong with it */
	struct kfc_sweep_id id; /* HEADER */
	long point, nth; /* POINT */
	bool persist;
	int outcome;
	int exit, signal;
	char *detail;
	char *title; /* "" when the line has none */
	char *err_path;
	long created, occurrence; /* a point of one thread; else 0 */
	char *stack_id; /* NULL: a process-wide point */
	long schedules; /* sweep --race: schedules run */
	char *replay; /* sweep --race, a point not ok: its replay line */
	bool forked; /* "run": "fork" */
	char *cls; /* "class" */
	char **stack; /* "stack": function names, innermost first */
	size_t nr_stack;
	struct kfc_srcstack src; /* "frames" */
	double seconds;
	char *raw; /* the line as read (kfc_results_parse only) */
};

/* Parse @len bytes (no newline); returns res->type.  Pure: no output. */
int kfc_result_parse(const char *line, size_t len, struct kfc_result *res);
void kfc_result_release(struct kfc_result *res);
/*
 * Is @b another sweep than @a?  Then the first key that differs, both
 * ways, is in @why ("the spec: 'x' there, 'y' here").  The shard is not
 * compared: the shards of one sweep are that sweep.
 */
bool kfc_results_id_differs(const struct kfc_sweep_id *a,
			    const struct kfc_sweep_id *b, struct kfc_buf *why);
/* The same point of the same sweep (a repeated line)? */
bool kfc_result_same_point(const struct kfc_result *a,
			   const struct kfc_result *b);
/* Is @res the result of point @p (the same call, not only the same id)? */
bool kfc_result_is_point(const struct kfc_result *res,
			 const struct kfc_point *p);
/* @p is done with @res's verdict, stderr path, schedules and replay line. */
void kfc_result_verdict(struct kfc_point *p, const struct kfc_result *res);

/* A results file, read for --resume. */
struct kfc_results {
	struct kfc_result *pts; /* each point once, in file order */
	size_t nr;
	bool header; /* one matching header, at least */
	size_t broken; /* lines dropped: cut short, NUL, not JSON, ... */
	size_t first_broken; /* the first such line's number */
	const char *first_why;
	size_t dups; /* repeated points and headers, dropped */
};

/*
 * Read @path for a sweep that is @id: 0 (a missing file is an empty
 * one), or -1 with a message when it cannot be read, its header is
 * another sweep's, or it has points without a header.
 */
int kfc_results_read(struct kfc_results *rs, const char *path,
		     const struct kfc_sweep_id *id);
/* The same on @len bytes of text; @path names it in messages. */
int kfc_results_parse(struct kfc_results *rs, const char *text, size_t len,
		      const struct kfc_sweep_id *id, const char *path);
void kfc_results_release(struct kfc_results *rs);

/* ---- coverage.c: error paths a sweep exercised (gcov) ----------------- */

struct kfc_coverage;
/* Reset the .gcda counters below @dir, before the clean run. */
struct kfc_coverage *kfc_coverage_start(const char *dir);
/* Read the clean run's counts, and reset them for the points. */
void kfc_coverage_clean_done(struct kfc_coverage *c);
/* Read the points' counts; print the error-path summary; HTML in @html. */
int kfc_coverage_finish(struct kfc_coverage *c, FILE *f, const char *html);
void kfc_coverage_release(struct kfc_coverage *c);

/* ---- elf.c: what a program's ELF file says ------------------------------ */

/*
 * Does the ELF file at @path name one of @names (NULL-terminated) in its
 * symbol tables (.symtab, .dynsym)?  1 or 0; -1 when it is not a 64-bit
 * ELF file (a script, say) or cannot be read.
 */
int kfc_elf_names(const char *path, const char *const *names);

/* ---- the commands ---------------------------------------------------- */

int kfc_cmd_run(int argc, char **argv);
int kfc_cmd_sweep(int argc, char **argv);
int kfc_cmd_race(int argc, char **argv);
int kfc_cmd_replay(int argc, char **argv);
int kfc_cmd_symbolize(int argc, char **argv);
int kfc_cmd_merge(int argc, char **argv);

/* run.c: "USER,RULE_EXTRA;GLOBALS", leaving out empty parts. */
char *kfc_spec_compose(const char *user, const char *rule_extra,
		       const char *globals);

/*
 * race.c: the kfault replay command that reruns seed @seed of @spec (the
 * whole spec but the seed), to be pasted into a shell.
 */
void kfc_replay_line(struct kfc_buf *b, unsigned long long seed, bool no_delay,
		     const char *spec, double timeout,
		     const struct kfc_expect *expect, char *const *argv);

/*
 * race.c: a delay that opens a use-after-free or a data race shows
 * nothing unless something looks: ASan or TSan in the program.  Say so
 * when @prog is an ELF file built with neither (of a script, nothing can
 * be said).
 */
void kfc_warn_unsanitized(const char *cmd, const char *prog);

/* Write "PROG ARGS" quoted for a POSIX shell. */
void kfc_shell_quote(struct kfc_buf *b, const char *arg);

#endif /* KFAULT_CLI_H */
