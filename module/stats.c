// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - el2reset's debugfs directory, /sys/kernel/debug/el2reset/:
 * what a developer looks at, not an ABI (the stable interface is sysfs,
 * Documentation/ABI/testing/sysfs-kernel-el2reset; events are tracepoints).
 *
 *   cpuN/sctlr_el2, vbar_el2,	read back at EL2 on CPU N by the status
 *   ttbr0_el2, el2_calls	call; "-" where el2reset is not resident
 *   cpuN/el2/<counter>		counted by the EL2 code itself: inits,
 *				resets, soft_restarts, handovers,
 *				reset_vectors
 *   cpuN/id_regs		the ID registers that decide what EL2 has,
 *				read on CPU N (el2reset-selftest --report)
 *   cpuN/last_error		0, or the errno of CPU N's last install or
 *				teardown
 *   cpuN/installs/<event>	install and teardown rounds per event (load,
 *   cpuN/teardowns/<event>	unload, sysfs, hotplug, reboot, pm, kvm)
 *   el2_pages			pages of memory EL2 uses
 *   bench/run			(0200) N: time N rounds (bench.c)
 *   bench/iterations, bench/<what>_<p50|p99>_ns
 *   bench/reset_calls,		HVCs per CPU per round of the last run: reset
 *   reset_el2_calls,		(issued; as EL2 counted them), install
 *   install_calls
 *
 * With test_knobs=1, testing.c adds its knobs to the same directory.
 *
 * Each file's inode carries what it shows (EL2R_DBG()): one show function.
 * The write-only knobs (bench/run here, the test knobs of testing.c) share
 * one file type, el2r_debugfs_knob().
 */
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/stddef.h>

#include <asm/cputype.h>
#include <asm/sysreg.h>

#include "el2reset.h"
#include "el2reset_abi.h"

enum el2r_dbg_kind { K_REG, K_SLOT, K_INSTALLS, K_TEARDOWNS, K_PAGES,
		     K_BENCH_NS, K_BENCH_ITERS, K_BENCH_CALLS, K_ID_REGS,
		     K_LAST_ERR };

/* i_private of a file: CPU, kind, index in the kind's table */
#define EL2R_DBG(cpu, kind, idx)					\
	((void *)(((unsigned long)(cpu) << 16) | ((kind) << 8) | (idx)))
#define EL2R_DBG_CPU(v)		((unsigned long)(v) >> 16)
#define EL2R_DBG_KIND(v)	(((unsigned long)(v) >> 8) & 0xff)
#define EL2R_DBG_IDX(v)		((unsigned long)(v) & 0xff)

/*
 * The status call's registers: x1 SCTLR_EL2, x2 VBAR_EL2, x3 TTBR0_EL2,
 * x5 the number of HVCs EL2 handled there
 */
static const struct {
	const char *name;
	int reg;
} el2r_dbg_regs[] = {
	{ "sctlr_el2", 1 }, { "vbar_el2", 2 }, { "ttbr0_el2", 3 },
	{ "el2_calls", 5 },
};

static const struct {
	const char *name;
	size_t offset;
} el2r_dbg_slot[] = {
	{ "inits", offsetof(struct el2r_pcpu, nr_init) },
	{ "resets", offsetof(struct el2r_pcpu, nr_reset) },
	{ "soft_restarts", offsetof(struct el2r_pcpu, nr_soft_restart) },
	{ "handovers", offsetof(struct el2r_pcpu, nr_handover) },
	{ "reset_vectors", offsetof(struct el2r_pcpu, nr_reset_vectors) },
};

static const char * const el2r_dbg_calls[EL2R_CALLS_NR] = {
	[EL2R_CALLS_RESET] = "reset_calls",
	[EL2R_CALLS_RESET_EL2] = "reset_el2_calls",
	[EL2R_CALLS_INSTALL] = "install_calls",
};

static const char * const el2r_dbg_bench[EL2R_BENCH_NR] = {
	[EL2R_BENCH_NULL_IPI] = "null_ipi",
	[EL2R_BENCH_NULL_HVC] = "null_hvc",
	[EL2R_BENCH_STUB_HVC] = "stub_hvc",
	[EL2R_BENCH_RESET] = "reset",
	[EL2R_BENCH_INSTALL] = "install",
};

/*
 * cpuN/id_regs: MIDR_EL1 and the ID registers that say what EL2 has (EL2
 * implemented, granules, PA size, VHE, E2H0...), as CPU N reads them at
 * EL1, for a bug report. ID_AA64MMFR3/4_EL1 by encoding: older kernels do
 * not name them, and an unallocated register of the ID space (op0 3, op1 0,
 * CRn 0, CRm 1-7) reads as zero, so a CPU without them answers 0.
 */
#define EL2R_SYS_ID_AA64MMFR3_EL1	sys_reg(3, 0, 0, 7, 3)
#define EL2R_SYS_ID_AA64MMFR4_EL1	sys_reg(3, 0, 0, 7, 4)

static const char * const el2r_id_names[] = {
	"MIDR_EL1", "ID_AA64PFR0_EL1", "ID_AA64MMFR0_EL1", "ID_AA64MMFR1_EL1",
	"ID_AA64MMFR2_EL1", "ID_AA64MMFR3_EL1", "ID_AA64MMFR4_EL1",
};

static void el2r_read_id_regs(void *arg)
{
	u64 *v = arg;

	v[0] = read_cpuid_id();
	v[1] = read_sysreg_s(SYS_ID_AA64PFR0_EL1);
	v[2] = read_sysreg_s(SYS_ID_AA64MMFR0_EL1);
	v[3] = read_sysreg_s(SYS_ID_AA64MMFR1_EL1);
	v[4] = read_sysreg_s(SYS_ID_AA64MMFR2_EL1);
	v[5] = read_sysreg_s(EL2R_SYS_ID_AA64MMFR3_EL1);
	v[6] = read_sysreg_s(EL2R_SYS_ID_AA64MMFR4_EL1);
}

static int el2r_dbg_id_regs(struct seq_file *m, unsigned int cpu)
{
	u64 v[ARRAY_SIZE(el2r_id_names)];
	unsigned int i;
	int ret;

	ret = smp_call_function_single(cpu, el2r_read_id_regs, v, 1);
	if (ret)
		return ret;	/* -ENXIO: the CPU is offline */
	for (i = 0; i < ARRAY_SIZE(el2r_id_names); i++)
		seq_printf(m, "%s=%#018llx\n", el2r_id_names[i], v[i]);
	return 0;
}

static void el2r_dbg_reg(struct seq_file *m, unsigned int cpu, int reg)
{
	struct el2r_hvc_res res;

	el2r_cpu_fold(cpu);
	if (el2r_cpu_left_alone(cpu) || el2r_cpu_status(cpu, &res) ||
	    res.a0 != EL2R_MAGIC) {
		seq_puts(m, "-\n");
		return;
	}
	if (reg == 5)
		seq_printf(m, "%llu\n", res.a5);
	else
		seq_printf(m, "%#llx\n", reg == 1 ? res.a1 :
			   reg == 2 ? res.a2 : res.a3);
}

static int el2r_dbg_show(struct seq_file *m, void *unused)
{
	unsigned int cpu = EL2R_DBG_CPU(m->private);
	unsigned int idx = EL2R_DBG_IDX(m->private);
	const struct el2r_pcpu *slot;
	bool install;

	switch (EL2R_DBG_KIND(m->private)) {
	case K_REG:
		el2r_dbg_reg(m, cpu, el2r_dbg_regs[idx].reg);
		break;
	case K_SLOT:
		slot = el2r_image_slot(cpu);
		if (!slot)
			return -ENODEV;
		seq_printf(m, "%llu\n",
			   READ_ONCE(*(const u64 *)((const char *)slot +
						    el2r_dbg_slot[idx].offset)));
		break;
	case K_INSTALLS:
	case K_TEARDOWNS:
		install = EL2R_DBG_KIND(m->private) == K_INSTALLS;
		el2r_cpu_fold(cpu);	/* a yield not yet seen is counted */
		seq_printf(m, "%lu\n", el2r_event_count(cpu, install, idx));
		break;
	case K_PAGES:
		seq_printf(m, "%u\n", el2r_image_pages());
		break;
	case K_BENCH_NS:
		seq_printf(m, "%llu\n", el2r_bench_ns(idx >> 1, idx & 1));
		break;
	case K_BENCH_ITERS:
		seq_printf(m, "%u\n", el2r_bench_iterations());
		break;
	case K_BENCH_CALLS:
		seq_printf(m, "%u.%02u\n", el2r_bench_calls(idx) / 100,
			   el2r_bench_calls(idx) % 100);
		break;
	case K_ID_REGS:
		return el2r_dbg_id_regs(m, cpu);
	case K_LAST_ERR:
		seq_printf(m, "%d\n", el2r_cpu_last_err(cpu));
		break;
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(el2r_dbg);

static ssize_t el2r_knob_write(struct file *f, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	const struct el2r_knob *knob = f->private_data;
	unsigned int val;
	int ret = kstrtouint_from_user(ubuf, count, 10, &val);

	if (!ret)
		ret = knob->write(val);
	return ret ?: count;
}

static const struct file_operations el2r_knob_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = el2r_knob_write,
	.llseek = noop_llseek,
};

void el2r_debugfs_knob(const struct el2r_knob *knob, struct dentry *dir)
{
	debugfs_create_file(knob->name, 0200, dir, (void *)knob,
			    &el2r_knob_fops);
}

/* bench/run: N runs N iterations of every kind of round */
static int el2r_bench_knob_write(unsigned int iters)
{
	if (!iters || iters > EL2R_BENCH_MAX)
		return -EINVAL;
	return el2r_bench_run(iters);
}

static const struct el2r_knob el2r_bench_knob = {
	"run", el2r_bench_knob_write
};

static void el2r_dbg_file(const char *name, struct dentry *dir, void *what)
{
	debugfs_create_file(name, 0444, dir, what, &el2r_dbg_fops);
}

static void el2r_dbg_cpu(struct dentry *root, unsigned int cpu)
{
	struct dentry *dir, *el2, *ins, *tds;
	char name[16];
	unsigned int i;

	snprintf(name, sizeof(name), "cpu%u", cpu);
	dir = debugfs_create_dir(name, root);
	for (i = 0; i < ARRAY_SIZE(el2r_dbg_regs); i++)
		el2r_dbg_file(el2r_dbg_regs[i].name, dir,
			      EL2R_DBG(cpu, K_REG, i));
	el2r_dbg_file("id_regs", dir, EL2R_DBG(cpu, K_ID_REGS, 0));
	el2r_dbg_file("last_error", dir, EL2R_DBG(cpu, K_LAST_ERR, 0));
	el2 = debugfs_create_dir("el2", dir);
	for (i = 0; i < ARRAY_SIZE(el2r_dbg_slot); i++)
		el2r_dbg_file(el2r_dbg_slot[i].name, el2,
			      EL2R_DBG(cpu, K_SLOT, i));
	ins = debugfs_create_dir("installs", dir);
	tds = debugfs_create_dir("teardowns", dir);
	for (i = 0; i < EL2R_NR_EVENTS; i++) {
		if (i == EL2R_EV_BENCH)		/* its rounds are not counted */
			continue;
		el2r_dbg_file(el2r_event_name(i), ins,
			      EL2R_DBG(cpu, K_INSTALLS, i));
		el2r_dbg_file(el2r_event_name(i), tds,
			      EL2R_DBG(cpu, K_TEARDOWNS, i));
	}
}

static struct dentry *el2r_debugfs;

/* The statistics and benchmark files; returns the directory */
struct dentry *el2r_debugfs_init(void)
{
	struct dentry *root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	struct dentry *bench;
	unsigned int cpu, w;
	char name[32];

	for_each_possible_cpu(cpu)
		el2r_dbg_cpu(root, cpu);
	el2r_dbg_file("el2_pages", root, EL2R_DBG(0, K_PAGES, 0));
	bench = debugfs_create_dir("bench", root);
	el2r_debugfs_knob(&el2r_bench_knob, bench);
	el2r_dbg_file("iterations", bench, EL2R_DBG(0, K_BENCH_ITERS, 0));
	for (w = 0; w < EL2R_CALLS_NR; w++)
		el2r_dbg_file(el2r_dbg_calls[w], bench,
			      EL2R_DBG(0, K_BENCH_CALLS, w));
	for (w = 0; w < EL2R_BENCH_NR; w++) {
		snprintf(name, sizeof(name), "%s_p50_ns", el2r_dbg_bench[w]);
		el2r_dbg_file(name, bench, EL2R_DBG(0, K_BENCH_NS, w << 1));
		snprintf(name, sizeof(name), "%s_p99_ns", el2r_dbg_bench[w]);
		el2r_dbg_file(name, bench,
			      EL2R_DBG(0, K_BENCH_NS, w << 1 | 1));
	}
	el2r_debugfs = root;
	return root;
}

void el2r_debugfs_exit(void)
{
	debugfs_remove_recursive(el2r_debugfs);
	el2r_debugfs = NULL;
}
