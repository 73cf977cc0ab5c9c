// SPDX-License-Identifier: GPL-2.0
/*
 * tvm_trace.c - an el2reset payload: a tracer of EL1's translation
 * controls. At EL2 (tvm_trace_el2.S) it sets HCR_EL2.TVM on every CPU,
 * performs each trapped write to SCTLR_EL1, TTBR0/1_EL1, TCR_EL1, MAIR_EL1
 * and the rest of TVM's set, and counts it per CPU with the last value;
 * here it registers with el2reset and shows the counts in debugfs:
 *
 *   /sys/kernel/debug/el2r_tvm_trace/counts   one line per possible CPU:
 *	cpuN running=0|1 sctlr=.. ttbr0=.. ttbr1=.. tcr=.. mair=.. other=..
 *	     declined=.. starts=.. stops=..
 *   /sys/kernel/debug/el2r_tvm_trace/last     the last value written, per
 *					     CPU and register
 *
 * el2reset hands EL2 back clean on every event while it runs (hotplug,
 * reboot, kexec, kdump, KVM, unload): this module only registers and
 * unregisters.
 */
#include <linux/arm-smccc.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include "el2reset_payload.h"
#include "tvm_trace.h"

#define ESR_EC_SYS64	0x18

static struct el2r_payload tvm_payload = {
	.name = "tvm_trace",
	.owner = THIS_MODULE,
	.hvc_first = TVM_TRACE_HVC_STATUS,
	.hvc_last = TVM_TRACE_HVC_STATUS,
	.trap_ec = BIT_ULL(ESR_EC_SYS64),
	.data_size = sizeof(struct tvm_trace_pcpu),
	.stack_size = 1024,
};

static struct dentry *tvm_dir;

static const char * const tvm_names[TVM_NR] = {
	[TVM_SCTLR] = "sctlr", [TVM_TTBR0] = "ttbr0", [TVM_TTBR1] = "ttbr1",
	[TVM_TCR] = "tcr", [TVM_AFSR0] = "afsr0", [TVM_AFSR1] = "afsr1",
	[TVM_ESR] = "esr", [TVM_FAR] = "far", [TVM_MAIR] = "mair",
	[TVM_AMAIR] = "amair", [TVM_CONTEXTIDR] = "contextidr",
	[TVM_SCTLR2] = "sctlr2", [TVM_TCR2] = "tcr2", [TVM_PIRE0] = "pire0",
	[TVM_PIR] = "pir",
};

static int tvm_counts_show(struct seq_file *m, void *v)
{
	unsigned int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct tvm_trace_pcpu *d =
			el2r_payload_data(&tvm_payload, cpu);

		seq_printf(m, "cpu%u running=%d", cpu,
			   el2r_payload_running(&tvm_payload, cpu));
		for (i = 0; i < TVM_NR; i++)
			seq_printf(m, " %s=%llu", tvm_names[i],
				   READ_ONCE(d->count[i]));
		seq_printf(m, " traps=%llu declined=%llu starts=%llu stops=%llu\n",
			   READ_ONCE(d->traps), READ_ONCE(d->declined),
			   READ_ONCE(d->starts), READ_ONCE(d->stops));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tvm_counts);

static int tvm_last_show(struct seq_file *m, void *v)
{
	unsigned int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct tvm_trace_pcpu *d =
			el2r_payload_data(&tvm_payload, cpu);

		seq_printf(m, "cpu%u", cpu);
		for (i = 0; i < TVM_NR; i++)
			seq_printf(m, " %s=%#llx", tvm_names[i],
				   READ_ONCE(d->last[i]));
		seq_putc(m, '\n');
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tvm_last);

/* The call, on this CPU: what EL2 says of HCR_EL2 and its traps */
static int tvm_status_show(struct seq_file *m, void *v)
{
	struct arm_smccc_res res;

	preempt_disable();
	arm_smccc_1_1_hvc(TVM_TRACE_HVC_STATUS, &res);
	seq_printf(m, "cpu%u x0=%#lx hcr_el2=%#lx traps=%lu\n",
		   smp_processor_id(), res.a0, res.a1, res.a2);
	preempt_enable();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tvm_status);

static u32 tvm_off(const char *sym)
{
	return sym - tvm_el2_start;
}

static int __init tvm_init(void)
{
	int ret;

	tvm_payload.code = tvm_el2_start;
	tvm_payload.code_size = tvm_el2_end - tvm_el2_start;
	tvm_payload.start = tvm_off(tvm_el2_on);
	tvm_payload.stop = tvm_off(tvm_el2_off);
	tvm_payload.hvc = tvm_off(tvm_el2_hvc);
	tvm_payload.trap = tvm_off(tvm_el2_trap);
	ret = el2r_payload_register(&tvm_payload);
	if (ret) {
		pr_err("el2reset refused the payload: %d\n", ret);
		return ret;
	}
	tvm_dir = debugfs_create_dir("el2r_tvm_trace", NULL);
	debugfs_create_file("counts", 0400, tvm_dir, NULL, &tvm_counts_fops);
	debugfs_create_file("last", 0400, tvm_dir, NULL, &tvm_last_fops);
	debugfs_create_file("status", 0400, tvm_dir, NULL, &tvm_status_fops);
	pr_info("tracing EL1's translation-control writes at EL2\n");
	return 0;
}

static void __exit tvm_exit(void)
{
	debugfs_remove_recursive(tvm_dir);
	el2r_payload_unregister(&tvm_payload);
}

module_init(tvm_init);
module_exit(tvm_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("el2reset example payload: traces EL1's translation-control writes at EL2");
