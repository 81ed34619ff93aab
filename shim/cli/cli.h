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

/* Exit statuses of the command itself. */
#define KFAULT_EXIT_OK 0
#define KFAULT_EXIT_FOUND 1
#define KFAULT_EXIT_USAGE 2

/* ---- util.c: memory, strings, files ---------------------------------- */

void *kf_xmalloc(size_t size);
void *kf_xcalloc(size_t n, size_t size);
void *kf_xrealloc(void *p, size_t size);
char *kf_xstrdup(const char *s);
char *kf_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kf_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
void kf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Read a whole file; NULL (errno set) when it cannot be read. */
char *kf_read_file(const char *path, size_t *len);
int kf_mkdir_p(const char *path);
double kf_now(void);

/* A growable string. */
struct kf_buf {
	char *s;
	size_t len;
	size_t cap;
};
void kf_buf_add(struct kf_buf *b, const char *s, size_t n);
void kf_buf_puts(struct kf_buf *b, const char *s);
void kf_buf_printf(struct kf_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kf_buf_release(struct kf_buf *b);

/* ---- json.c: a small reader for the shim's report and our own lines --- */

enum kf_json_type {
	KF_JSON_NULL,
	KF_JSON_BOOL,
	KF_JSON_NUMBER,
	KF_JSON_STRING,
	KF_JSON_ARRAY,
	KF_JSON_OBJECT,
};

struct kf_json {
	enum kf_json_type type;
	double num; /* NUMBER, BOOL */
	char *str; /* STRING; the key when a member of an object */
	char *key;
	struct kf_json **items; /* ARRAY elements or OBJECT members */
	size_t nr;
};

/* Parse @len bytes; NULL on a syntax error (with *@err set). */
struct kf_json *kf_json_parse(const char *text, size_t len, const char **err);
struct kf_json *kf_json_parse_file(const char *path);
void kf_json_free(struct kf_json *j);
/* Member @key of an object, or NULL. */
struct kf_json *kf_json_get(const struct kf_json *obj, const char *key);
/* The first member of @obj among the NULL-terminated @keys. */
struct kf_json *kf_json_get_any(const struct kf_json *obj,
				const char *const *keys);
long kf_json_long(const struct kf_json *j, long def);
const char *kf_json_str(const struct kf_json *j);
/* Write @s as a JSON string literal (quotes included). */
void kf_json_quote(struct kf_buf *b, const char *s);
void kf_json_fquote(FILE *f, const char *s);

/* ---- lib.c: finding libkfault.so --------------------------------------- */

/* Path of libkfault.so to preload, or NULL with a message printed. */
const char *kf_find_lib(void);

/* ---- proc.c: starting, timing out and reaping programs ----------------- */

struct kf_proc {
	pid_t pid;
	double start;
	double deadline; /* SIGTERM then; 0: no timeout */
	double kill_at; /* SIGKILL then, once terminated */
	bool timed_out;
	bool own_group; /* kill the group, not just the process */
	int status; /* as from waitpid */
	double elapsed;
	void *data; /* the caller's */
};

struct kf_launch {
	char *const *argv;
	const char *spec; /* KFAULT=; NULL leaves it unset */
	const char *lib; /* LD_PRELOAD'ed; NULL preloads nothing */
	const char *out_path; /* NULL inherits stdout */
	const char *err_path; /* NULL inherits stderr */
	double timeout; /* seconds; 0 for none */
	bool foreground; /* keep our process group, stdin and tty */
};

/*
 * The process pool.  At most @slots programs run at once; kf_pool_wait()
 * returns the next one to end (after a timeout it is killed with its
 * process group), or NULL when a SIGINT/SIGTERM/SIGHUP arrived, after
 * which kf_pool_interrupted() is true.  Signals are blocked for the whole
 * command between kf_pool_init() and kf_pool_release() so that none is
 * lost.
 */
struct kf_pool {
	struct kf_proc *procs;
	int slots;
	int running;
	int interrupted; /* the signal number, or 0 */
	void (*tick)(void *arg); /* called about every 200 ms while waiting */
	void *tick_arg;
};

void kf_pool_init(struct kf_pool *pool, int slots);
void kf_pool_release(struct kf_pool *pool);
/* Start a program in a free slot; -1 with a message when fork fails. */
int kf_pool_start(struct kf_pool *pool, const struct kf_launch *l, void *data);
/* Copy the next ended program to @done; false when interrupted or idle. */
bool kf_pool_wait(struct kf_pool *pool, struct kf_proc *done);
/* Kill every running program and reap it. */
void kf_pool_kill_all(struct kf_pool *pool);
static inline bool kf_pool_full(const struct kf_pool *pool)
{
	return pool->running >= pool->slots;
}

/* ---- report.c: what the shim's JSON report says ------------------------ */

struct kf_stack {
	char **frames; /* "func+0x1c" as printed */
	size_t nr;
	/* the innermost frame's binary and offset in it, when known */
	char *site_obj;
	unsigned long site_off;
};

struct kf_call {
	long n; /* eligible call number, from 1 */
	char *cls;
	struct kf_stack stack;
	char *stack_id;
};

struct kf_report {
	bool present;
	bool sanitizer_stop; /* a sanitizer ended the process */
	int fatal_signal; /* the fatal signal the shim saw, 0 if none */
	long warns; /* WARN and BUG-class reports */
	long bugs;
	long leak_objects;
	long leak_bytes;
	long faults; /* faults injected */
	struct kf_stack fault_stack; /* the first injected fault's */
	char *fault_cls;
	long sites_total; /* calls seen over FAULT classes */
	long eligible; /* eligible calls of the first rule; -1: unknown */
	struct kf_call *calls; /* record=1 */
	size_t nr_calls;
	bool has_calls;
	long calls_dropped; /* eligible calls the shim could not record */
};

int kf_report_load(struct kf_report *r, const char *path);
void kf_report_release(struct kf_report *r);
void kf_stack_release(struct kf_stack *s);
void kf_stack_copy(struct kf_stack *dst, const struct kf_stack *src);
/* "func+0x1c" -> "func" in @out. */
const char *kf_frame_func(const char *frame, char *out, size_t size);
/* Same functions, innermost first? */
bool kf_stack_same(const struct kf_stack *a, const struct kf_stack *b);

/* ---- classify.c -------------------------------------------------------- */

#define KF_OUTCOMES(X) \
	X(ok)          \
	X(leak)        \
	X(crash)       \
	X(sanitizer)   \
	X(warn)        \
	X(hang)        \
	X(exit)        \
	X(nondeterministic)

#define KF_OUTCOME_ENUM(name) KF_##name,
enum kf_outcome { KF_OUTCOMES(KF_OUTCOME_ENUM) KF_NR_OUTCOMES };
#undef KF_OUTCOME_ENUM

const char *kf_outcome_name(enum kf_outcome o);
int kf_outcome_parse(const char *name);

/* What the command expects of a run that handled its fault well. */
struct kf_expect {
	int *ok_exits;
	size_t nr_ok_exits;
};

bool kf_expect_exit_ok(const struct kf_expect *e, int status);
void kf_expect_default(struct kf_expect *e, int status);

struct kf_verdict {
	enum kf_outcome outcome;
	int exit; /* -1 when signalled */
	int signal; /* 0 when exited */
	char detail[256];
};

/*
 * Classify one ended run: @p its process, @stderr_path its captured
 * stderr (NULL when not captured), @r its report (may be absent).
 * @expected_stack, when set, is where the fault should have hit.
 */
void kf_classify(struct kf_verdict *v, const struct kf_proc *p,
		 const char *stderr_path, const struct kf_report *r,
		 const struct kf_expect *e,
		 const struct kf_stack *expected_stack);

/* ---- opts.c: options every command shares ------------------------------ */

struct kf_opts {
	struct kf_buf spec; /* built from --spec and the flags */
	const char *results; /* directory of per-run files */
	double timeout;
	int jobs;
	struct kf_expect expect;
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
int kf_opts_parse(struct kf_opts *o, int argc, char **argv,
		  const struct option *own, const char *own_short,
		  int (*extra)(int c, const char *arg, void *ctx), void *ctx,
		  const char *cmd);
void kf_opts_release(struct kf_opts *o);
/* Append "key=value" to @spec. */
void kf_spec_add(struct kf_buf *spec, const char *key, const char *value);
int kf_parse_double(const char *s, double *out);
int kf_parse_long(const char *s, long *out);
void kf_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The shared options' help text. */
extern const char kf_common_help[];

/* ---- sweep.c, table.c, junit.c: fault points ---------------------------- */

struct kf_point {
	long id; /* 1-based, stable for a given counting run */
	long nth; /* the eligible call to fail */
	bool persist; /* keep failing every call after it too */
	char *cls;
	struct kf_stack stack; /* where the counting run saw call nth */
	char *site_line; /* "file:line" of the call site, or NULL */
	/* the result, once done */
	bool done;
	bool resumed;
	struct kf_verdict v;
	double seconds;
	char *err_path;
	struct kf_stack fault_stack; /* where the fault really hit */
};

void kf_table_print(FILE *f, struct kf_point *pts, size_t n, const char *mode);
int kf_junit_write(const char *path, const struct kf_point *pts, size_t n,
		   char *const *argv);
/* Fill in site_line of every point from PROG's debug info, if any. */
void kf_resolve_lines(struct kf_point *pts, size_t n, const char *prog);

/* ---- the commands ---------------------------------------------------- */

int kf_cmd_run(int argc, char **argv);
int kf_cmd_sweep(int argc, char **argv);
int kf_cmd_race(int argc, char **argv);
int kf_cmd_replay(int argc, char **argv);

/* run.c: "USER,RULE_EXTRA;GLOBALS", leaving out empty parts. */
char *kf_spec_compose(const char *user, const char *rule_extra,
		      const char *globals);
void kf_print_stack(FILE *f, const char *indent, const struct kf_stack *s);

/* Write "PROG ARGS" quoted for a POSIX shell. */
void kf_shell_quote(struct kf_buf *b, const char *arg);

#endif /* KFAULT_CLI_H */
