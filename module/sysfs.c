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
 *   verdict		obsolete (Documentation/ABI/obsolete): always "stub",
 *			the one verdict el2reset loads with
 *   cpuN/owner		who answers an HVC on CPU N now: el2reset, stub,
 *			kvm, other, offline, yielded (handed to KVM; not
 *			probed until an install), faulted (EL2 reported an
 *			exception; not probed until an install) or no-el2
 *			(came online when the boot-mode record no longer
 *			said EL2)
 *
 * Counters, EL2 registers and the benchmark are debug information, in
 * debugfs (stats.c); events are tracepoints (trace.h).
 */
#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "el2reset.h"
#include "el2reset_abi.h"

static struct kobject *el2r_kobj;

/* Top level ------------------------------------------------------------- */

/* "1" (with an optional newline) and nothing else. */
static int el2r_parse_one(const char *buf)
{
	return sysfs_streq(buf, "1") ? 0 : -EINVAL;
}

/* An explicit install also takes back CPUs that faulted or KVM returned */
static const struct el2r_round el2r_sysfs_install = {
	.install = true, .reclaim = true, .counted = true, .ev = EL2R_EV_SYSFS,
};

static const struct el2r_round el2r_sysfs_reset = {
	.install = false, .counted = true, .ev = EL2R_EV_SYSFS,
};

static ssize_t el2r_round_store(const char *buf, size_t count,
				const struct el2r_round *r)
{
	int ret = el2r_parse_one(buf);

	if (ret)
		return ret;
	el2r_rounds_lock();
	ret = el2r_round(r);
	el2r_rounds_unlock();
	return ret ?: count;
}

static ssize_t reset_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	return el2r_round_store(buf, count, &el2r_sysfs_reset);
}

static struct kobj_attribute reset_attr = __ATTR_WO(reset);

static ssize_t install_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	return el2r_round_store(buf, count, &el2r_sysfs_install);
}

static struct kobj_attribute install_attr = __ATTR_WO(install);

static ssize_t resident_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", el2r_resident_wanted());
}

static struct kobj_attribute resident_attr = __ATTR_RO(resident);

static ssize_t last_result_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return el2r_last_result_show(buf);
}

static struct kobj_attribute last_result_attr = __ATTR_RO(last_result);

static ssize_t stub_vectors_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", (u64)el2r_owner.stub_vectors);
}

static struct kobj_attribute stub_vectors_attr = __ATTR_RO(stub_vectors);

/*
 * Obsolete: el2reset loads only when the verdict is "stub", so the file can
 * say nothing else. Kept, as the kernel keeps an obsolete ABI, until
 * Documentation/ABI/obsolete/sysfs-kernel-el2reset-verdict says it goes.
 */
static ssize_t verdict_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	pr_warn_once("%s reads the obsolete /sys/kernel/el2reset/verdict (always \"stub\"): see /sys/kernel/el2reset/cpuN/owner\n",
		     current->comm);
	return sysfs_emit(buf, "%s\n", el2r_verdict_name(el2r_owner.verdict));
}

static struct kobj_attribute verdict_attr = __ATTR_RO(verdict);

static struct attribute *el2r_attrs[] = {
	&reset_attr.attr,
	&install_attr.attr,
	&resident_attr.attr,
	&last_result_attr.attr,
	&stub_vectors_attr.attr,
	&verdict_attr.attr,
	NULL,
};

static const struct attribute_group el2r_group = {
	.attrs = el2r_attrs,
};

/* Per CPU ---------------------------------------------------------------- */

/* /sys/kernel/el2reset/cpuN: one object per possible CPU */
struct el2r_cpu_obj {
	struct kobject kobj;
	unsigned int cpu;
};

static struct el2r_cpu_obj **el2r_cpu_objs;

static unsigned int el2r_obj_cpu(struct kobject *kobj)
{
	return container_of(kobj, struct el2r_cpu_obj, kobj)->cpu;
}

static ssize_t owner_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	unsigned int cpu = el2r_obj_cpu(kobj);
	struct el2r_hvc_res res;

	el2r_cpu_fold(cpu);
	switch (el2r_cpu_state(cpu)) {
	case EL2R_CPU_KVM:		/* KVM's: no HVC */
	case EL2R_CPU_HANDED:
		return sysfs_emit(buf, "yielded\n");
	case EL2R_CPU_FAULTED:		/* EL2 reported an exception: no HVC */
		return sysfs_emit(buf, "faulted\n");
	case EL2R_CPU_NO_EL2:		/* came online, maybe at EL1: no HVC */
		return sysfs_emit(buf, "no-el2\n");
	default:
		break;
	}
	if (el2r_cpu_status(cpu, &res))
		return sysfs_emit(buf, "offline\n");
	return sysfs_emit(buf, "%s\n", el2r_probe_name(&res));
}

static struct kobj_attribute owner_attr = __ATTR_RO(owner);

static struct attribute *el2r_cpu_attrs[] = {
	&owner_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(el2r_cpu);

static void el2r_cpu_obj_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct el2r_cpu_obj, kobj));
}

static const struct kobj_type el2r_cpu_ktype = {
	.release = el2r_cpu_obj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = el2r_cpu_groups,
};

void el2r_sysfs_exit(void)
{
	unsigned int cpu;

	if (el2r_cpu_objs) {
		for_each_possible_cpu(cpu)
			if (el2r_cpu_objs[cpu])
				kobject_put(&el2r_cpu_objs[cpu]->kobj);
		kfree(el2r_cpu_objs);
		el2r_cpu_objs = NULL;
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
	if (ret)
		goto err;

	ret = -ENOMEM;
	el2r_cpu_objs = kcalloc(nr_cpu_ids, sizeof(*el2r_cpu_objs),
				GFP_KERNEL);
	if (!el2r_cpu_objs)
		goto err;
	for_each_possible_cpu(cpu) {
		struct el2r_cpu_obj *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

		if (!obj) {
			ret = -ENOMEM;
			goto err;
		}
		obj->cpu = cpu;
		el2r_cpu_objs[cpu] = obj;
		/* from here on, kobject_put() frees obj, also on failure */
		ret = kobject_init_and_add(&obj->kobj, &el2r_cpu_ktype,
					   el2r_kobj, "cpu%u", cpu);
		if (ret)
			goto err;
	}
	return 0;
err:
	el2r_sysfs_exit();
	return ret;
}
