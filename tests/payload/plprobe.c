// SPDX-License-Identifier: GPL-2.0
/*
 * plprobe.c - the tests' payload module (never shipped): el2reset's
 * payload API's answers, and a payload that takes exceptions at EL2 on
 * request (tests/guest/payload.sh).
 *
 *   answers=1	register variants and print "plprobe: answer NAME RET"
 *		for each (the defined answers of el2reset_payload.h), then
 *		unregister them; the module stays loaded, registering none
 *   otherwise	register the probe payload (calls PP_HVC_*), and in
 *		/sys/kernel/debug/el2r_plprobe/:
 *		  call    write "CPU FID X1": that HVC on that CPU
 *		  result  its x0-x3, and the CPU
 *		  data    per CPU: running, starts, stops, calls
 */
#include <linux/arm-smccc.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

#include "el2reset_payload.h"
#include "plprobe.h"

static bool answers;
module_param(answers, bool, 0444);

#define PP(n, first, last) {						\
	.name = n, .owner = THIS_MODULE, .hvc_first = first,		\
	.hvc_last = last, .data_size = sizeof(struct pp_pcpu),		\
	.stack_size = 1024, .trap = EL2R_PAYLOAD_NO_ENTRY }

static struct el2r_payload pp = PP("plprobe", PP_HVC_BASE, PP_HVC_LAST);
static struct el2r_payload pp_variants[] = {
	PP("collide-payload", PP_HVC_BASE + 2, PP_HVC_BASE + 0x10),
	PP("collide-el2reset", 0x656c3200, 0x656c3210),
	PP("collide-stub", 0, 1),
	PP("bad-stack", PP_HVC_BASE + 0x20, PP_HVC_BASE + 0x20),
	PP("bad-entry", PP_HVC_BASE + 0x21, PP_HVC_BASE + 0x21),
	PP("collide-trap", PP_HVC_BASE + 0x22, PP_HVC_BASE + 0x22),
	PP("fill-1", PP_HVC_BASE + 0x23, PP_HVC_BASE + 0x23),
	PP("fill-2", PP_HVC_BASE + 0x24, PP_HVC_BASE + 0x24),
	PP("fill-3", PP_HVC_BASE + 0x25, PP_HVC_BASE + 0x25),
};

static void pp_fill(struct el2r_payload *p)
{
	p->code = pp_el2_start;
	p->code_size = pp_el2_end - pp_el2_start;
	p->start = pp_el2_on - pp_el2_start;
	p->stop = pp_el2_off - pp_el2_start;
	p->hvc = pp_el2_hvc - pp_el2_start;
}

static int pp_answer(const char *name, struct el2r_payload *p)
{
	int ret = el2r_payload_register(p);

	pr_info("answer %s %d\n", name, ret);
	return ret;
}

/* Each defined answer once; the payload's own slot check at the end */
static void pp_answers(void)
{
	struct el2r_payload *v = pp_variants;
	unsigned int i;

	pp_fill(&pp);
	for (i = 0; i < ARRAY_SIZE(pp_variants); i++)
		pp_fill(&v[i]);
	v[3].stack_size = 100;
	v[4].start = v[4].code_size + 4;
	v[5].trap_ec = BIT_ULL(0x18);	/* tvm_trace's, loaded first */
	v[5].trap = v[5].hvc;
	pp_answer("register", &pp);
	pp_answer("twice", &pp);
	for (i = 0; i < 6; i++)
		pp_answer(v[i].name, &v[i]);
	/* tvm_trace and plprobe hold two slots: two more, then no room */
	pp_answer("fill-1", &v[6]);
	pp_answer("fill-2", &v[7]);
	pp_answer("no-room", &v[8]);
	el2r_payload_unregister(&v[7]);
	el2r_payload_unregister(&v[6]);
	el2r_payload_unregister(&pp);
	pr_info("answers done\n");
}

static u64 pp_args[3], pp_res[4];
static int pp_cpu;

static void pp_call_fn(void *unused)
{
	struct arm_smccc_res r;

	arm_smccc_1_1_hvc(pp_args[1], pp_args[2], &r);
	pp_res[0] = r.a0;
	pp_res[1] = r.a1;
	pp_res[2] = r.a2;
	pp_res[3] = r.a3;
}

static ssize_t pp_call_write(struct file *f, const char __user *ubuf,
			     size_t len, loff_t *off)
{
	char buf[80];
	unsigned long long cpu, fid, x1;

	if (len >= sizeof(buf) || copy_from_user(buf, ubuf, len))
		return -EINVAL;
	buf[len] = 0;
	if (sscanf(buf, "%llu %llx %llx", &cpu, &fid, &x1) != 3 ||
	    cpu >= nr_cpu_ids)
		return -EINVAL;
	pp_cpu = cpu;
	pp_args[1] = fid;
	pp_args[2] = x1;
	memset(pp_res, 0, sizeof(pp_res));
	if (smp_call_function_single(cpu, pp_call_fn, NULL, 1))
		return -ENXIO;
	return len;
}

static const struct file_operations pp_call_fops = {
	.owner = THIS_MODULE,
	.write = pp_call_write,
};

static int pp_result_show(struct seq_file *m, void *v)
{
	seq_printf(m, "cpu%d x0=%#llx x1=%#llx x2=%#llx x3=%#llx\n", pp_cpu,
		   pp_res[0], pp_res[1], pp_res[2], pp_res[3]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pp_result);

static int pp_data_show(struct seq_file *m, void *v)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		const struct pp_pcpu *d = el2r_payload_data(&pp, cpu);

		seq_printf(m, "cpu%u running=%d starts=%llu stops=%llu calls=%llu\n",
			   cpu, el2r_payload_running(&pp, cpu),
			   READ_ONCE(d->starts), READ_ONCE(d->stops),
			   READ_ONCE(d->calls));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pp_data);

static struct dentry *pp_dir;

static int __init pp_init(void)
{
	int ret;

	if (answers) {
		pp_answers();
		return 0;
	}
	pp_fill(&pp);
	ret = el2r_payload_register(&pp);
	if (ret)
		return ret;
	pp_dir = debugfs_create_dir("el2r_plprobe", NULL);
	debugfs_create_file("call", 0200, pp_dir, NULL, &pp_call_fops);
	debugfs_create_file("result", 0400, pp_dir, NULL, &pp_result_fops);
	debugfs_create_file("data", 0400, pp_dir, NULL, &pp_data_fops);
	return 0;
}

static void __exit pp_exit(void)
{
	if (answers)
		return;
	debugfs_remove_recursive(pp_dir);
	el2r_payload_unregister(&pp);
}

module_init(pp_init);
module_exit(pp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("el2reset's tests' payload");
