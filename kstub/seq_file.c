// SPDX-License-Identifier: GPL-2.0-only
/*
 * seq_file: the whole text is generated into m->buf at the first read (or
 * a read at position 0) and served from there; see <linux/seq_file.h>.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define KSTUB_SEQ_MIN_SIZE PAGE_SIZE

int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *m;

	WARN_ON(file->private_data);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->op = op;
	m->file = file;
	file->private_data = m;
	return 0;
}

int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kvfree(m->buf);
	kfree(m);
	return 0;
}

/*
 * Runs the iteration once into a buffer of m->size bytes.  Returns 0, a
 * negative error from ->show or ->start, or 1 when the buffer overflowed.
 */
static int kstub_seq_fill(struct seq_file *m)
{
	loff_t pos = 0;
	void *p;
	int ret = 0;
	size_t before;

	m->count = 0;
	m->index = 0;
	p = m->op->start(m, &pos);
	while (p && !IS_ERR(p)) {
		before = m->count;
		ret = m->op->show(m, p);
		if (ret < 0)
			break;
		if (ret == SEQ_SKIP)
			m->count = before;
		ret = 0;
		if (seq_has_overflowed(m)) {
			ret = 1;
			break;
		}
		p = m->op->next(m, p, &pos);
		m->index = pos;
	}
	if (IS_ERR(p))
		ret = PTR_ERR(p);
	m->op->stop(m, p);
	return ret;
}

static int kstub_seq_generate(struct seq_file *m)
{
	size_t size = m->size ? m->size : KSTUB_SEQ_MIN_SIZE;
	int ret;

	for (;;) {
		if (!m->buf) {
			m->buf = kvmalloc(size, GFP_KERNEL);
			if (!m->buf)
				return -ENOMEM;
			m->size = size;
		}
		ret = kstub_seq_fill(m);
		if (ret <= 0)
			break;
		kvfree(m->buf);
		m->buf = NULL;
		size = m->size * 2;
	}
	m->generated = !ret;
	return ret;
}

ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	int ret;

	if (!m->generated || *ppos == 0) {
		ret = kstub_seq_generate(m);
		if (ret)
			return ret;
	}
	return simple_read_from_buffer(buf, size, ppos, m->buf, m->count);
}

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

static void *kstub_single_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *kstub_single_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void kstub_single_stop(struct seq_file *m, void *v)
{
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL);
	int ret;

	if (!op)
		return -ENOMEM;
	op->start = kstub_single_start;
	op->next = kstub_single_next;
	op->stop = kstub_single_stop;
	op->show = show;
	ret = seq_open(file, op);
	if (ret) {
		kfree(op);
		return ret;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}

int single_open_size(struct file *file, int (*show)(struct seq_file *, void *),
		     void *data, size_t size)
{
	int ret = single_open(file, show, data);

	if (!ret)
		((struct seq_file *)file->private_data)->size = size;
	return ret;
}

int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op =
		((struct seq_file *)file->private_data)->op;
	int ret = seq_release(inode, file);

	kfree(op);
	return ret;
}

void *__seq_open_private(struct file *file, const struct seq_operations *op,
			 int psize)
{
	void *private = kzalloc(psize, GFP_KERNEL);

	if (!private)
		return NULL;
	if (seq_open(file, op)) {
		kfree(private);
		return NULL;
	}
	((struct seq_file *)file->private_data)->private = private;
	return private;
}

int seq_open_private(struct file *file, const struct seq_operations *op,
		     int psize)
{
	return __seq_open_private(file, op, psize) ? 0 : -ENOMEM;
}

int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->private);
	m->private = NULL;
	return seq_release(inode, file);
}

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	int len;

	if (m->count < m->size) {
		len = vsnprintf(m->buf + m->count, m->size - m->count, fmt,
				args);
		if (m->count + len < m->size) {
			m->count += len;
			return;
		}
	}
	m->count = m->size;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
		return;
	}
	m->count = m->size;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}
