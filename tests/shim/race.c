// SPDX-License-Identifier: GPL-2.0-only
/*
 * A planted race for the delay test: each thread reads the counter before
 * taking the mutex and writes it back inside, so an update is lost when
 * the other thread gets in between.  The window is only the mutex_lock()
 * call; a delay at that site widens it.  Prints the lost updates.
 * Accesses are READ_ONCE/WRITE_ONCE: a logic race, not a data race.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <linux/compiler.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(lock);
static long counter;
static int iterations = 2000;

static void *worker(void *arg)
{
	int i;

	for (i = 0; i < iterations; i++) {
		long v = READ_ONCE(counter);

		mutex_lock(&lock);
		WRITE_ONCE(counter, v + 1);
		mutex_unlock(&lock);
		/*
		 * Time outside the window, long against the window itself
		 * even under TSan (where mutex_lock costs ~0.5us), so that
		 * without delays the windows rarely meet.
		 */
		usleep(100);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[2];
	int i;

	if (argc > 1)
		iterations = atoi(argv[1]);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%ld\n", 2L * iterations - READ_ONCE(counter));
	return 0;
}
