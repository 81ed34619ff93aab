// SPDX-License-Identifier: GPL-2.0-only
/*
 * seq_file: output bigger than the first buffer (it grows and the text is
 * whole), SEQ_SKIP, errors from ->show, small reads that resume where the
 * last stopped, lseek, and the fault site of the buffer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>

#include "harness.h"

#define RECORDS 1000

static int show_error;

static void *rec_start(struct seq_file *m, loff_t *pos)
{
	return *pos < RECORDS ? (void *)(long)(*pos + 1) : NULL;
}

static void *rec_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return rec_start(m, pos);
}

static void rec_stop(struct seq_file *m, void *v)
{
}

static int rec_show(struct seq_file *m, void *v)
{
	long n = (long)v;

	if (show_error)
		return show_error;
	if (n % 2 == 0) {
		seq_puts(m, "skipped\n");
		return SEQ_SKIP;
	}
	seq_printf(m, "record %04ld\n", n);
	return 0;
}

static const struct seq_operations rec_sops = {
	.start = rec_start,
	.next = rec_next,
	.stop = rec_stop,
	.show = rec_show,
};

static int rec_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &rec_sops);
}

static struct inode inode;
static struct file file;

static int open_file(void)
{
	file = (struct file){.f_inode = &inode, .f_mode = FMODE_READ};
	return rec_open(&inode, &file);
}

/* "record 0001\n" ... every odd record, 12 bytes each */
#define TEXT_LEN (RECORDS / 2 * 12)

int main(void)
{
	static char big[TEXT_LEN + 100];
	char small[8];
	unsigned long live;
	ssize_t n, total = 0;
	bool whole = true;

	plan(9);
	live = live_after_rcu();
	is_int(open_file(), 0, "seq_open");
	do {
		n = seq_read(&file, big + total, 100, &file.f_pos);
		total += n > 0 ? n : 0;
	} while (n > 0);
	is_int(total, TEXT_LEN, "all records, skipped ones left out");
	for (n = 0; n < RECORDS / 2 && whole; n++) {
		char want[16];

		snprintf(want, sizeof(want), "record %04ld\n", 2 * n + 1);
		whole = !memcmp(big + 12 * n, want, 12);
	}
	ok(whole, "the text survived the buffer growing");
	is_int(seq_lseek(&file, 12, SEEK_SET), 12, "lseek");
	n = seq_read(&file, small, 7, &file.f_pos);
	ok(n == 7 && !memcmp(small, "record ", 7), "read after lseek");
	seq_release(&inode, &file);

	show_error = -EINTR;
	open_file();
	is_int(seq_read(&file, small, 7, &file.f_pos), -EINTR,
	       "an error from ->show is returned");
	seq_release(&inode, &file);
	show_error = 0;

	open_file();
	fail_next(KSTUB_SITE_vmalloc, 1);
	is_int(seq_read(&file, small, 7, &file.f_pos), -ENOMEM,
	       "a failed buffer allocation: -ENOMEM");
	fail_next(KSTUB_SITE_vmalloc, 0);
	is_int(seq_read(&file, small, 7, &file.f_pos), 7, "then it reads");
	seq_release(&inode, &file);

	is_int(live_after_rcu(), live, "release freed everything");
	return exit_status();
}
