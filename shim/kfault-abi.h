/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The contract between libkfault.so (the shim, in the program under test)
 * and the kfault command (which starts that program and reads what it
 * left behind).  Both sides compile this header; neither spells any of
 * these names or numbers on its own.
 *
 * What crosses the process boundary, and nothing else:
 *  - the environment the command sets for the program (KFAULT_ENV_*);
 *  - the exit status the shim uses when it refuses a spec;
 *  - the JSON report the shim writes (doc/report-format.md is its prose;
 *    the keys below are its vocabulary, KFAULT_REPORT_VERSION its version).
 *
 * A change of meaning of any key, or a key removed, bumps
 * KFAULT_REPORT_VERSION; the reader refuses a report of any other
 * version.  Adding a key is compatible only if readers may ignore it.
 */
#ifndef KFAULT_ABI_H
#define KFAULT_ABI_H

/* ---- environment --------------------------------------------------- */

/* The spec text itself. */
#define KFAULT_ENV_SPEC "KFAULT"
/* A file holding the spec (comments allowed); exclusive with KFAULT. */
#define KFAULT_ENV_SPEC_FILE "KFAULT_SPEC"
/*
 * Where to write the report: any path, passed apart from the spec text so
 * that no character in it (',', ';', '#') can change the spec's meaning.
 * Exclusive with report= in the spec.
 */
#define KFAULT_ENV_REPORT "KFAULT_REPORT"
/* The command's override of where libkfault.so is. */
#define KFAULT_ENV_LIB "KFAULT_LIB"
/*
 * The fork server's points file (fork_points= in the spec), passed apart
 * from the spec text as KFAULT_REPORT is.  Exclusive with fork_points=.
 */
#define KFAULT_ENV_FORK_POINTS "KFAULT_FORK_POINTS"

/* ---- exit statuses ------------------------------------------------- */

/* The shim refused the spec: the program never reached main. */
#define KFAULT_EXIT_SPEC 125
/* What a shell says when it could not run the program at all. */
#define KFAULT_EXIT_NOEXEC 127

/* ---- the fork server ----------------------------------------------- */

/*
 * The points file, which the command writes and the shim reads before
 * main (kfault-spec(7), fork_points=), one item a line:
 *
 *   kfault-fork-points 1
 *   server PID          serve only in the process whose parent is PID
 *   timeout MS          a point's run, its prefix included
 *   dir PATH            a point's files: PATH/point-ID.out, .err, .json
 *   log PATH            where the server says what became of each point
 *   nth ID N PERSIST    point ID: the rule's Nth call (PERSIST 1: and
 *                       every call after it)
 *   stack ID J SID K    point ID: the Kth call of stack id SID (hex) in
 *                       the thread created Jth
 *
 * The log: first, from the process that serves (before main), and then
 * one line a point the server reached, appended as it ends:
 *
 *   serve PID -
 *   fork ID STATUS TIMED_OUT MICROSECONDS
 *                       forked; STATUS as waitpid() gives it, TIMED_OUT
 *                       1 when its time ran out; the time counts the
 *                       prefix the server ran (its waits left out)
 *   exec ID WHY         not forked (KFAULT_FORK_WHY_*): run it anew
 */
#define KFAULT_FORK_MAGIC "kfault-fork-points 1"
#define KFAULT_FORK_POINT "point-" /* DIR/point-ID.out, .err, .json */
/* Why a point was not forked. */
#define KFAULT_FORK_WHY_THREADS "threads" /* other threads were alive */
#define KFAULT_FORK_WHY_FORK "fork" /* fork() failed */
#define KFAULT_FORK_WHY_LOST "lost" /* its status was lost (reaped?) */
#define KFAULT_FORK_WHY_FILES "files" /* its files could not be made */

/* ---- the report ---------------------------------------------------- */

#define KFAULT_REPORT_VERSION 2

/* Top level */
#define KFR_VERSION "kfault_report"
#define KFR_PID "pid"
#define KFR_PPID "ppid"
#define KFR_FORKED "forked"
#define KFR_SPEC "spec"
#define KFR_SPEC_SOURCE "spec_source"
#define KFR_SEED "seed"
#define KFR_THREADS "threads"
#define KFR_EXIT "exit"
#define KFR_RULES "rules"
#define KFR_SITES_COLLECTED "sites_collected"
#define KFR_SITES "sites"
#define KFR_FAULTS_TOTAL "faults_total"
#define KFR_DELAYS_TOTAL "delays_total"
#define KFR_FAULTS "faults"
#define KFR_DELAYS "delays"
#define KFR_CALLS_DROPPED "calls_dropped"
#define KFR_CALLS "calls"
#define KFR_STACKS_DROPPED "stacks_dropped"
#define KFR_STACKS "stacks"
#define KFR_LEAKS "leaks"
#define KFR_REPORTS "reports"
#define KFR_REPORTS_TOTAL "reports_total"
#define KFR_SCHED "sched"

/* sched: the controlled scheduler (sched= in the spec), or null */
#define KFR_SCHED_POLICY "policy"
#define KFR_SCHED_DEPTH "depth"
#define KFR_SCHED_STEPS "steps"
#define KFR_SCHED_THREADS "threads"
#define KFR_SCHED_WATCHDOG "watchdog"
#define KFR_SCHED_EXACT "exact"
#define KFR_SCHED_EXACT_STEPS "exact_steps"
#define KFR_SCHED_SWITCHES "switches"
#define KFR_SCHED_PREEMPTIONS "preemptions"
#define KFR_SCHED_LIST "list"
#define KFR_SCHED_LOG "log"
/* sched.log[]: a step of the run */
#define KFR_LOG_STEP "step"
#define KFR_LOG_THREAD "thread"
#define KFR_LOG_OP "op"
#define KFR_LOG_PREEMPTED "preempted"
#define KFR_LOG_NEXT "next"
#define KFR_LOG_CALLER "caller"

/* exit: how the process ended */
#define KFR_EXIT_HOW "how"
#define KFR_EXIT_STATUS "status"
#define KFR_EXIT_SIGNAL "signal"
#define KFR_EXIT_SIGNAL_NAME "signal_name"
/* values of exit.how */
#define KFR_HOW_EXIT "exit"
#define KFR_HOW_SIGNAL "signal"
#define KFR_HOW_SANITIZER "sanitizer"

/* rules[] */
#define KFR_RULE_INDEX "rule"
#define KFR_RULE_TEXT "text"
#define KFR_RULE_TYPE "type"
#define KFR_RULE_CLASSES "classes"
#define KFR_RULE_ELIGIBLE "eligible"
#define KFR_RULE_INJECTED "injected"
/* values of rules[].type */
#define KFR_TYPE_FAULT "fault"
#define KFR_TYPE_DELAY "delay"

/* faults[] and delays[]: records */
#define KFR_REC_RULE "rule"
#define KFR_REC_CLASS "class"
#define KFR_REC_CALL "call"
#define KFR_REC_THREAD "thread"
#define KFR_REC_CREATED "created"
#define KFR_REC_TID "tid"
#define KFR_REC_SIZE "size"
#define KFR_REC_GFP "gfp"
#define KFR_REC_NS "ns"
#define KFR_REC_CALLER "caller"
#define KFR_REC_BACKTRACE "backtrace"

/* frames */
#define KFR_FRAME_ADDR "addr"
#define KFR_FRAME_FUNCTION "function"
#define KFR_FRAME_OFFSET "offset"
#define KFR_FRAME_OBJECT "object"
#define KFR_FRAME_OBJECT_OFFSET "object_offset"

/* leaks */
#define KFR_LEAKS_CHECKED "checked"
#define KFR_LEAKS_WAITED "waited_for_rcu"
#define KFR_LEAKS_OBJECTS "objects"
#define KFR_LEAKS_BYTES "bytes"
#define KFR_LEAKS_SITES_DROPPED "sites_dropped"
#define KFR_LEAKS_SITES "sites"
/* leaks.sites[] */
#define KFR_LEAK_OBJECTS "objects"
#define KFR_LEAK_BYTES "bytes"
#define KFR_LEAK_CALLER "caller"
#define KFR_LEAK_BACKTRACE "backtrace"

/* calls[] (record=1): each call names its stack in stacks[] */
#define KFR_CALL_N "n"
#define KFR_CALL_RULE "rule"
#define KFR_CALL_CLASS "class"
#define KFR_CALL_STACK "stack"
#define KFR_CALL_THREAD "thread"
#define KFR_CALL_CREATED "created"

/* stacks[] (record=1): each distinct stack once */
#define KFR_STACK_ID "id"
#define KFR_STACK_BACKTRACE "backtrace"

/* reports: kstub's report kinds (KSTUB_REPORT_KINDS) name their keys */

#endif /* KFAULT_ABI_H */
