// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c - /sys/kernel/el2reset/: one value per file.
 *
 *   stub_vectors	physical address of the kernel's __hyp_stub_vectors
 *   verdict		who owned EL2 when the module was loaded ("stub")
 *   cpuN/owner		who answers an HVC on CPU N right now:
 *			stub, el2reset, other or offline
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sysfs.h>

#include "el2reset.h"

static struct kobject *el2r_kobj;
static struct kobject **el2r_cpu_kobj;

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

static struct attribute *el2r_attrs[] = {
	&stub_vectors_attr.attr,
	&verdict_attr.attr,
	NULL,
};

static const struct attribute_group el2r_group = {
	.attrs = el2r_attrs,
};

static void el2r_probe_fn(void *res)
{
	el2r_probe_this_cpu(res);
}

static ssize_t owner_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct el2r_hvc_res res = { 0 };
	unsigned int cpu;

	if (kstrtouint(kobject_name(kobj) + 3, 10, &cpu))
		return -EINVAL;
	/* smp_call_function_single() fails on an offline CPU */
	if (smp_call_function_single(cpu, el2r_probe_fn, &res, 1))
		return sysfs_emit(buf, "offline\n");
	return sysfs_emit(buf, "%s\n", el2r_probe_name(&res));
}
static struct kobj_attribute owner_attr = __ATTR_RO(owner);

static struct attribute *el2r_cpu_attrs[] = {
	&owner_attr.attr,
	NULL,
};

static const struct attribute_group el2r_cpu_group = {
	.attrs = el2r_cpu_attrs,
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
		if (!el2r_cpu_kobj[cpu])
			goto err;
		ret = sysfs_create_group(el2r_cpu_kobj[cpu], &el2r_cpu_group);
		if (ret)
			goto err;
		ret = -ENOMEM;
	}
	return 0;
err:
	el2r_sysfs_exit();
	return ret;
}
