// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - in-kernel timing of a teardown round and an install round
 * against a null on_each_cpu() round trip, in the same boot, so a benchmark
 * can report ratios (absolute times under emulation mean little).
 *
 *   /sys/kernel/el2reset/bench/run		(0200) N: run N iterations
 *   /sys/kernel/el2reset/bench/<what>_<p>_ns	median and p99 in ns of
 *						null_ipi, reset, install
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/kobject.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>

#include "el2reset.h"

#define EL2R_BENCH_MAX	10000
#define EL2R_BENCH_CHUNK	64	/* rounds per hold of the locks */

enum { B_NULL, B_RESET, B_INSTALL, B_NR };

static u64 el2r_bench_p50[B_NR], el2r_bench_p99[B_NR];
static unsigned int el2r_bench_iters;

static void el2r_nop(void *unused)
{
}

static int el2r_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static int el2r_bench_run(unsigned int iters)
{
	u64 *t[B_NR];
	unsigned int i, k;
	int ret = 0;

	for (k = 0; k < B_NR; k++)
		t[k] = kvmalloc_array(iters, sizeof(u64), GFP_KERNEL);
	if (!t[B_NULL] || !t[B_RESET] || !t[B_INSTALL]) {
		ret = -ENOMEM;
		goto out;
	}
	/*
	 * In chunks: CPU hotplug and the other users of el2r_lock wait for at
	 * most EL2R_BENCH_CHUNK rounds, never for the whole run.
	 */
	for (i = 0; i < iters && !ret; ) {
		unsigned int end = min(iters, i + EL2R_BENCH_CHUNK);

		cpus_read_lock();
		mutex_lock(&el2r_lock);
		if (!el2r_want_resident)
			ret = -EAGAIN;		/* install first */
		for (; i < end && !ret; i++) {
			u64 t0 = ktime_get_ns(), t1, t2, t3;

			on_each_cpu(el2r_nop, NULL, 1);
			t1 = ktime_get_ns();
			/* EL2R_NR_EVENTS: rounds that are not counted */
			ret = el2r_teardown_all(EL2R_NR_EVENTS);
			t2 = ktime_get_ns();
			ret = ret ?: el2r_install_all(EL2R_NR_EVENTS);
			t3 = ktime_get_ns();
			t[B_NULL][i] = t1 - t0;
			t[B_RESET][i] = t2 - t1;
			t[B_INSTALL][i] = t3 - t2;
		}
		mutex_unlock(&el2r_lock);
		cpus_read_unlock();
		cond_resched();
	}
	if (!ret) {
		for (k = 0; k < B_NR; k++) {
			sort(t[k], iters, sizeof(u64), el2r_cmp_u64, NULL);
			el2r_bench_p50[k] = t[k][iters / 2];
			el2r_bench_p99[k] = t[k][(iters * 99) / 100];
		}
		el2r_bench_iters = iters;
	}
out:
	for (k = 0; k < B_NR; k++)
		kvfree(t[k]);
	return ret;
}

static ssize_t run_store(struct kobject *kobj, struct kobj_attribute *attr,
			 const char *buf, size_t count)
{
	unsigned int iters;
	int ret = kstrtouint(buf, 10, &iters);

	if (ret || !iters || iters > EL2R_BENCH_MAX)
		return -EINVAL;
	ret = el2r_bench_run(iters);
	return ret ?: count;
}

static struct kobj_attribute run_attr = __ATTR_WO(run);

static ssize_t iterations_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(el2r_bench_iters));
}

static struct kobj_attribute iterations_attr = __ATTR_RO(iterations);

#define EL2R_BENCH_ATTR(_name, _arr, _k)				\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%llu\n", READ_ONCE(_arr[_k]));		\
}									\
									\
static struct kobj_attribute _name##_attr = __ATTR_RO(_name)

EL2R_BENCH_ATTR(null_ipi_p50_ns, el2r_bench_p50, B_NULL);
EL2R_BENCH_ATTR(null_ipi_p99_ns, el2r_bench_p99, B_NULL);
EL2R_BENCH_ATTR(reset_p50_ns, el2r_bench_p50, B_RESET);
EL2R_BENCH_ATTR(reset_p99_ns, el2r_bench_p99, B_RESET);
EL2R_BENCH_ATTR(install_p50_ns, el2r_bench_p50, B_INSTALL);
EL2R_BENCH_ATTR(install_p99_ns, el2r_bench_p99, B_INSTALL);

static struct attribute *el2r_bench_attrs[] = {
	&run_attr.attr,
	&iterations_attr.attr,
	&null_ipi_p50_ns_attr.attr,
	&null_ipi_p99_ns_attr.attr,
	&reset_p50_ns_attr.attr,
	&reset_p99_ns_attr.attr,
	&install_p50_ns_attr.attr,
	&install_p99_ns_attr.attr,
	NULL,
};

const struct attribute_group el2r_bench_group = {
	.name = "bench",
	.attrs = el2r_bench_attrs,
};
