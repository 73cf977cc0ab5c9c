// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c - /sys/kernel/el2reset/, one value per file (Documentation in
 * Documentation/ABI/testing/sysfs-kernel-el2reset of this project):
 *
 *   reset		(0200) "1": tear EL2 down on every online CPU
 *   install		(0200) "1": install the resident code on every CPU
 *   resident		1 while el2reset wants EL2 (installed), else 0
 *   last_result	"ok", or the CPUs that failed the last round
 *   stub_vectors	physical address of the kernel's __hyp_stub_vectors
 *   verdict		who owned EL2 at load ("stub")
 *   el2_pages		pages of EL2 memory (code, per-CPU slots, tables)
 *   cpuN/owner		who answers an HVC on CPU N now: el2reset, stub,
 *			kvm, other, offline, yielded (handed to KVM; not
 *			probed), faulted (EL2 reported an exception; not
 *			probed until an install) or no-el2 (came online
 *			when the boot-mode record no longer said EL2)
 *   cpuN/sctlr_el2, vbar_el2, ttbr0_el2, el2_calls
 *			read back from EL2 by the status call ("-" unless
 *			el2reset is resident there)
 *   cpuN/el2/{inits,resets,soft_restarts,handovers,reset_vectors}
 *			counted by the EL2 code itself
 *   bench/		timing of reset/install rounds (module/bench.c)
 *   cpuN/installs/<event>, cpuN/teardowns/<event>
 *			per event: load unload sysfs hotplug reboot pm kvm
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "el2reset.h"
#include "el2reset_abi.h"

static struct kobject *el2r_kobj;
static struct kobject **el2r_cpu_kobj;

/* Top level ------------------------------------------------------------- */

/* "1" (with an optional newline) and nothing else. */
static int el2r_parse_one(const char *buf)
{
	return sysfs_streq(buf, "1") ? 0 : -EINVAL;
}

static ssize_t el2r_round_store(const char *buf, size_t count, bool install)
{
	int ret = el2r_parse_one(buf);

	if (ret)
		return ret;
	cpus_read_lock();
	mutex_lock(&el2r_lock);
	ret = install ? el2r_install_all(EL2R_EV_SYSFS) :
			el2r_teardown_all(EL2R_EV_SYSFS);
	mutex_unlock(&el2r_lock);
	cpus_read_unlock();
	return ret ?: count;
}

static ssize_t reset_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	return el2r_round_store(buf, count, false);
}

static struct kobj_attribute reset_attr = __ATTR_WO(reset);

static ssize_t install_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	return el2r_round_store(buf, count, true);
}

static struct kobj_attribute install_attr = __ATTR_WO(install);

static ssize_t resident_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(el2r_want_resident));
}

static struct kobj_attribute resident_attr = __ATTR_RO(resident);

static ssize_t last_result_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	ssize_t n;

	mutex_lock(&el2r_lock);
	n = sysfs_emit(buf, "%s\n", el2r_last_result);
	mutex_unlock(&el2r_lock);
	return n;
}

static struct kobj_attribute last_result_attr = __ATTR_RO(last_result);

static ssize_t stub_vectors_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", (u64)el2r_owner.stub_vectors);
}

static struct kobj_attribute stub_vectors_attr = __ATTR_RO(stub_vectors);

static ssize_t verdict_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", el2r_verdict_name(el2r_owner.verdict));
}

static struct kobj_attribute verdict_attr = __ATTR_RO(verdict);

static ssize_t el2_pages_show(struct kobject *kobj,
			      struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", el2r_image_pages());
}

static struct kobj_attribute el2_pages_attr = __ATTR_RO(el2_pages);

static struct attribute *el2r_attrs[] = {
	&reset_attr.attr,
	&install_attr.attr,
	&resident_attr.attr,
	&last_result_attr.attr,
	&stub_vectors_attr.attr,
	&verdict_attr.attr,
	&el2_pages_attr.attr,
	NULL,
};

static const struct attribute_group el2r_group = {
	.attrs = el2r_attrs,
};

/* Per CPU ---------------------------------------------------------------- */

/* The CPU a cpuN directory (or a subdirectory of it) stands for. */
static int el2r_kobj_cpu(struct kobject *kobj, unsigned int *cpu)
{
	if (strncmp(kobject_name(kobj), "cpu", 3))
		kobj = kobj->parent;
	return kstrtouint(kobject_name(kobj) + 3, 10, cpu);
}

static void el2r_probe_fn(void *res)
{
	el2r_probe_this_cpu(res);
}

/* Status of @cpu, read from EL2; non-zero if it is offline. */
static int el2r_cpu_status(unsigned int cpu, struct el2r_hvc_res *res)
{
	memset(res, 0, sizeof(*res));
	/* smp_call_function_single() fails on an offline CPU */
	return smp_call_function_single(cpu, el2r_probe_fn, res, 1);
}

static ssize_t owner_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct el2r_hvc_res res;
	unsigned int cpu;

	if (el2r_kobj_cpu(kobj, &cpu))
		return -EINVAL;
	if (el2r_cpu_yielded(cpu))	/* KVM's: no HVC */
		return sysfs_emit(buf, "yielded\n");
	if (el2r_cpu_faulted(cpu))	/* EL2 reported an exception: no HVC */
		return sysfs_emit(buf, "faulted\n");
	if (el2r_cpu_no_el2(cpu))	/* came online, maybe at EL1: no HVC */
		return sysfs_emit(buf, "no-el2\n");
	if (el2r_cpu_status(cpu, &res))
		return sysfs_emit(buf, "offline\n");
	return sysfs_emit(buf, "%s\n", el2r_probe_name(&res));
}

static struct kobj_attribute owner_attr = __ATTR_RO(owner);

/* One register of the status call (x1..x5 = @reg 1..5); "-" if not ours */
static ssize_t el2r_status_reg(struct kobject *kobj, char *buf, int reg)
{
	struct el2r_hvc_res res;
	unsigned int cpu;

	if (el2r_kobj_cpu(kobj, &cpu) || el2r_cpu_left_alone(cpu) ||
	    el2r_cpu_status(cpu, &res) || res.a0 != EL2R_MAGIC)
		return sysfs_emit(buf, "-\n");
	switch (reg) {
	case 1:
		return sysfs_emit(buf, "%#llx\n", res.a1);
	case 2:
		return sysfs_emit(buf, "%#llx\n", res.a2);
	case 3:
		return sysfs_emit(buf, "%#llx\n", res.a3);
	default:
		return sysfs_emit(buf, "%llu\n", res.a5);
	}
}

#define EL2R_STATUS_ATTR(_name, _reg)					\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	return el2r_status_reg(kobj, buf, _reg);			\
}									\
static struct kobj_attribute _name##_attr = __ATTR_RO(_name)

EL2R_STATUS_ATTR(sctlr_el2, 1);
EL2R_STATUS_ATTR(vbar_el2, 2);
EL2R_STATUS_ATTR(ttbr0_el2, 3);
EL2R_STATUS_ATTR(el2_calls, 5);

static struct attribute *el2r_cpu_attrs[] = {
	&owner_attr.attr,
	&sctlr_el2_attr.attr,
	&vbar_el2_attr.attr,
	&ttbr0_el2_attr.attr,
	&el2_calls_attr.attr,
	NULL,
};

static const struct attribute_group el2r_cpu_group = {
	.attrs = el2r_cpu_attrs,
};

/* cpuN/el2/: the EL2 code's own counters, from this CPU's slot */
struct el2r_slot_attr {
	struct kobj_attribute attr;
	size_t offset;
};

static ssize_t el2r_slot_show(struct kobject *kobj,
			      struct kobj_attribute *attr, char *buf)
{
	struct el2r_slot_attr *a = container_of(attr, struct el2r_slot_attr,
						attr);
	const struct el2r_pcpu *slot;
	unsigned int cpu;

	if (el2r_kobj_cpu(kobj, &cpu))
		return -EINVAL;
	slot = el2r_slot(cpu);
	if (!slot)
		return -ENODEV;
	return sysfs_emit(buf, "%llu\n",
			  READ_ONCE(*(const u64 *)((const char *)slot +
						   a->offset)));
}

#define EL2R_SLOT_ATTR(_name, _field)					\
static struct el2r_slot_attr slot_##_name = {				\
	.attr = __ATTR(_name, 0444, el2r_slot_show, NULL),		\
	.offset = offsetof(struct el2r_pcpu, _field),			\
}

EL2R_SLOT_ATTR(inits, nr_init);
EL2R_SLOT_ATTR(resets, nr_reset);
EL2R_SLOT_ATTR(soft_restarts, nr_soft_restart);
EL2R_SLOT_ATTR(handovers, nr_handover);
EL2R_SLOT_ATTR(reset_vectors, nr_reset_vectors);

static struct attribute *el2r_slot_attrs[] = {
	&slot_inits.attr.attr,
	&slot_resets.attr.attr,
	&slot_soft_restarts.attr.attr,
	&slot_handovers.attr.attr,
	&slot_reset_vectors.attr.attr,
	NULL,
};

static const struct attribute_group el2r_slot_group = {
	.name = "el2",
	.attrs = el2r_slot_attrs,
};

/* cpuN/installs/<event>, cpuN/teardowns/<event> */
struct el2r_event_attr {
	struct kobj_attribute attr;
	enum el2r_event ev;
	bool install;
};

static ssize_t el2r_event_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	struct el2r_event_attr *a = container_of(attr, struct el2r_event_attr,
						 attr);
	unsigned int cpu;

	if (el2r_kobj_cpu(kobj, &cpu))
		return -EINVAL;
	el2r_cpu_yielded(cpu);		/* a yield not yet seen is counted */
	return sysfs_emit(buf, "%lu\n",
			  el2r_event_count(cpu, a->install, a->ev));
}

#define EL2R_EVENT_ATTR(_kind, _install, _name, _ev)			\
static struct el2r_event_attr _kind##_##_name = {			\
	.attr = __ATTR(_name, 0444, el2r_event_show, NULL),		\
	.ev = _ev,							\
	.install = _install,						\
}

#define EL2R_EVENT_GROUP(_kind, _install)				\
EL2R_EVENT_ATTR(_kind, _install, load, EL2R_EV_LOAD);			\
EL2R_EVENT_ATTR(_kind, _install, unload, EL2R_EV_UNLOAD);		\
EL2R_EVENT_ATTR(_kind, _install, sysfs, EL2R_EV_SYSFS);			\
EL2R_EVENT_ATTR(_kind, _install, hotplug, EL2R_EV_HOTPLUG);		\
EL2R_EVENT_ATTR(_kind, _install, reboot, EL2R_EV_REBOOT);		\
EL2R_EVENT_ATTR(_kind, _install, pm, EL2R_EV_PM);			\
EL2R_EVENT_ATTR(_kind, _install, kvm, EL2R_EV_KVM);			\
static struct attribute *el2r_##_kind##_attrs[] = {			\
	&_kind##_load.attr.attr,					\
	&_kind##_unload.attr.attr,					\
	&_kind##_sysfs.attr.attr,					\
	&_kind##_hotplug.attr.attr,					\
	&_kind##_reboot.attr.attr,					\
	&_kind##_pm.attr.attr,						\
	&_kind##_kvm.attr.attr,						\
	NULL,								\
};									\
static const struct attribute_group el2r_##_kind##_group = {		\
	.name = #_kind,							\
	.attrs = el2r_##_kind##_attrs,					\
}

EL2R_EVENT_GROUP(installs, true);
EL2R_EVENT_GROUP(teardowns, false);

static const struct attribute_group *el2r_cpu_groups[] = {
	&el2r_cpu_group,
	&el2r_slot_group,
	&el2r_installs_group,
	&el2r_teardowns_group,
	NULL,
};

void el2r_sysfs_exit(void)
{
	unsigned int cpu;

	if (el2r_cpu_kobj) {
		for_each_possible_cpu(cpu)
			kobject_put(el2r_cpu_kobj[cpu]);
		kfree(el2r_cpu_kobj);
		el2r_cpu_kobj = NULL;
	}
	kobject_put(el2r_kobj);
	el2r_kobj = NULL;
}

int el2r_sysfs_init(void)
{
	unsigned int cpu;
	int ret;

	el2r_kobj = kobject_create_and_add("el2reset", kernel_kobj);
	if (!el2r_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(el2r_kobj, &el2r_group);
	if (!ret)
		ret = sysfs_create_group(el2r_kobj, &el2r_bench_group);
	if (ret)
		goto err;

	ret = -ENOMEM;
	el2r_cpu_kobj = kcalloc(nr_cpu_ids, sizeof(*el2r_cpu_kobj),
				GFP_KERNEL);
	if (!el2r_cpu_kobj)
		goto err;
	for_each_possible_cpu(cpu) {
		char name[16];

		snprintf(name, sizeof(name), "cpu%u", cpu);
		el2r_cpu_kobj[cpu] = kobject_create_and_add(name, el2r_kobj);
		if (!el2r_cpu_kobj[cpu]) {
			ret = -ENOMEM;
			goto err;
		}
		ret = sysfs_create_groups(el2r_cpu_kobj[cpu], el2r_cpu_groups);
		if (ret)
			goto err;
	}
	return 0;
err:
	el2r_sysfs_exit();
	return ret;
}
