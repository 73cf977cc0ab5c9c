// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - el2reset module entry and exit.
 *
 * Load: decide who owns EL2 (refuse unless it is the hyp-stub), then sysfs.
 * Unload: the exact reverse.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/module.h>

#include "el2reset.h"

static int __init el2r_init(void)
{
	int ret;

	ret = el2r_owner_check(&el2r_owner);
	if (ret)
		return ret;
	ret = el2r_sysfs_init();
	if (ret)
		return ret;
	pr_info("loaded: the hyp-stub holds EL2 on all %u online CPUs, stub vectors at %pa\n",
		num_online_cpus(), &el2r_owner.stub_vectors);
	return 0;
}

static void __exit el2r_exit(void)
{
	el2r_sysfs_exit();
	pr_info("unloaded\n");
}

module_init(el2r_init);
module_exit(el2r_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("el2reset developers");
MODULE_DESCRIPTION("Owns EL2 safely while loaded and always hands it back clean");
MODULE_VERSION(EL2R_VERSION);
