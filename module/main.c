// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - el2reset module entry and exit.
 *
 * Load: owner check -> EL2 image -> CPU PM and syscore -> install on every
 * CPU + hotplug state (under the hotplug lock, so no CPU slips between) ->
 * reboot notifier -> sysfs, debugfs. Unload: the exact reverse. Whichever
 * way the image goes, it goes through el2r_release_image(): freed only
 * once every CPU is known to be off it.
 */
#include <linux/cpumask.h>
#include <linux/module.h>

#include "el2reset.h"

static bool install = true;
module_param(install, bool, 0444);
MODULE_PARM_DESC(install,
		 "Install the EL2 resident code on every CPU at load (default: true)");

static const struct el2r_round el2r_load_round = {
	.install = true, .counted = true, .ev = EL2R_EV_LOAD,
};

/* Taking back a load that failed after its install: not counted */
static const struct el2r_round el2r_load_undo_round = {
	.install = false, .ev = EL2R_EV_LOAD,
};

static const struct el2r_round el2r_unload_round = {
	.install = false, .counted = true, .ev = EL2R_EV_UNLOAD,
};

/*
 * The one rule for the image's pages, on every path that gives them up
 * (a load that failed, an unload): free them only when every CPU is known
 * to be back at the stub or with an owner el2reset handed EL2 to; if any
 * CPU's teardown did not go through, its VBAR_EL2 may still point into
 * them, and the next HVC there (kexec's) would run freed memory: leak.
 */
static bool el2r_release_image(const char *what)
{
	if (!el2r_cpus_off_image()) {
		pr_crit("%s with EL2 not handed back on every CPU; EL2 pages leaked\n",
			what);
		return false;
	}
	el2r_image_free();
	return true;
}

/* Always, but where a test asks for none (as on kdump, where none runs) */
static bool el2r_reboot_notifier(void)
{
	return !(el2r_testing() && el2r_test_hooks->no_reboot_notifier);
}

static const char *el2r_install_advice(int ret)
{
	return ret == -EPROTONOSUPPORT ?
	       "EL2 runs with HCR_EL2.E2H=1 (hVHE): boot with arm64_sw.hvhe=0" :
	       "see the lines above";
}

static int __init el2r_init(void)
{
	struct dentry *root;
	int ret;

	el2r_testing_init();
	ret = el2r_owner_check(&el2r_owner);
	if (ret)
		return ret;
	el2r_cpus_init(&el2r_owner);
	ret = el2r_image_alloc(&el2r_owner, el2r_testing());
	if (ret)
		return ret;
	/*
	 * CPU PM and syscore first: a CPU that powers down while the install
	 * round runs must come back owned, not silently at the stub. Their
	 * callbacks install only once the install round says el2reset wants
	 * to be resident.
	 */
	ret = el2r_pm_init();
	if (ret)
		goto err_image;

	el2r_rounds_lock();
	/* a failed install round has taken back what it installed */
	ret = install ? el2r_round(&el2r_load_round) : 0;
	if (!ret) {
		ret = el2r_events_init_cpuslocked();
		if (ret)
			el2r_round(&el2r_load_undo_round);
	}
	el2r_rounds_unlock();
	if (ret) {
		pr_err("refusing to load: the install failed on some CPU (%d, %s)\n",
		       ret, el2r_install_advice(ret));
		goto err_pm;
	}

	ret = el2r_reboot_notifier() ? el2r_reboot_init() : 0;
	if (ret)
		goto err_events;
	ret = el2r_sysfs_init();
	if (ret)
		goto err_reboot;
	root = el2r_debugfs_init();
	el2r_payloads_debugfs(root);
	el2r_testing_debugfs(root);
	pr_info("loaded: %s on all %u online CPUs, stub vectors at %pa, %u EL2 pages\n",
		install ? "resident at EL2" : "the hyp-stub holds EL2",
		num_online_cpus(), &el2r_owner.stub_vectors,
		el2r_image_pages());
	return 0;

err_reboot:
	if (el2r_reboot_notifier())
		el2r_reboot_exit();
err_events:
	el2r_rounds_lock();
	el2r_round(&el2r_load_undo_round);
	el2r_events_exit_cpuslocked();
	el2r_rounds_unlock();
err_pm:
	el2r_pm_exit();
err_image:
	el2r_release_image("load failed");
	return ret;
}

static void __exit el2r_exit(void)
{
	el2r_debugfs_exit();
	el2r_testing_exit();
	el2r_sysfs_exit();
	if (el2r_reboot_notifier())
		el2r_reboot_exit();
	el2r_rounds_lock();
	el2r_round(&el2r_unload_round);
	el2r_events_exit_cpuslocked();
	el2r_rounds_unlock();
	el2r_pm_exit();
	el2r_payloads_exit();
	if (el2r_release_image("unloaded"))
		pr_info("unloaded: EL2 handed back to the hyp-stub on all %u online CPUs\n",
			num_online_cpus());
}

module_init(el2r_init);
module_exit(el2r_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("el2reset developers");
MODULE_DESCRIPTION("Owns EL2 safely while loaded and always hands it back clean");
MODULE_VERSION(EL2R_VERSION);
