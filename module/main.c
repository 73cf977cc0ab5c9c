// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - el2reset module entry and exit.
 *
 * Load: owner check -> EL2 image -> CPU PM and syscore -> install on every
 * CPU + hotplug state (under the hotplug lock, so no CPU slips between) ->
 * reboot notifier -> sysfs, debugfs. Unload: the exact reverse; the image
 * is freed only once every CPU is back at the stub.
 */
#include <linux/cpumask.h>
#include <linux/module.h>

#include "el2reset.h"

static bool install = true;
module_param(install, bool, 0444);
MODULE_PARM_DESC(install,
		 "Install the EL2 resident code on every CPU at load (default: true)");

static bool reboot_notifier = true;
module_param(reboot_notifier, bool, 0444);
MODULE_PARM_DESC(reboot_notifier,
		 "Tear EL2 down from a reboot notifier (default: true; false only to test that the resident code hands EL2 over by itself, as on kdump)");

static int __init el2r_init(void)
{
	int ret;

	ret = el2r_owner_check(&el2r_owner);
	if (ret)
		return ret;
	ret = el2r_image_alloc(&el2r_owner);
	if (ret)
		return ret;
	/*
	 * CPU PM and syscore first: a CPU that powers down while the install
	 * round runs must come back owned, not silently at the stub. Their
	 * callbacks install only once el2r_want_resident is set.
	 */
	ret = el2r_pm_init();
	if (ret)
		goto err_image;

	el2r_rounds_lock();
	ret = install ? el2r_install_all(EL2R_EV_LOAD) : 0;
	if (!ret)
		ret = el2r_events_init_cpuslocked();
	if (ret)
		el2r_teardown_all(EL2R_EV_LOAD);
	el2r_rounds_unlock();
	if (ret) {
		pr_err("refusing to load: the install failed on some CPU (%d, %s); EL2 is back with the hyp-stub on every CPU\n",
		       ret, ret == -EPROTONOSUPPORT ?
		       "EL2 runs with HCR_EL2.E2H=1 (hVHE): boot with arm64_sw.hvhe=0" :
		       "see the lines above");
		goto err_pm;
	}

	ret = reboot_notifier ? el2r_reboot_init() : 0;
	if (ret)
		goto err_events;
	ret = el2r_sysfs_init();
	if (ret)
		goto err_reboot;
	el2r_debugfs_init();
	pr_info("loaded: %s on all %u online CPUs, stub vectors at %pa, %u EL2 pages\n",
		install ? "resident at EL2" : "the hyp-stub holds EL2",
		num_online_cpus(), &el2r_owner.stub_vectors,
		el2r_image_pages());
	return 0;

err_reboot:
	if (reboot_notifier)
		el2r_reboot_exit();
err_events:
	el2r_rounds_lock();
	el2r_teardown_all(EL2R_EV_LOAD);
	el2r_events_exit_cpuslocked();
	el2r_rounds_unlock();
err_pm:
	el2r_pm_exit();
err_image:
	el2r_image_free();
	return ret;
}

static void __exit el2r_exit(void)
{
	int ret;

	el2r_debugfs_exit();
	el2r_sysfs_exit();
	if (reboot_notifier)
		el2r_reboot_exit();
	el2r_rounds_lock();
	ret = el2r_teardown_all(EL2R_EV_UNLOAD);
	el2r_events_exit_cpuslocked();
	el2r_rounds_unlock();
	el2r_pm_exit();
	if (ret) {
		/* A CPU may still run the image: leaking it is the safe choice */
		pr_crit("unloaded with EL2 not handed back on every CPU; EL2 pages leaked\n");
		return;
	}
	el2r_image_free();
	pr_info("unloaded: EL2 handed back to the hyp-stub on all %u online CPUs\n",
		num_online_cpus());
}

module_init(el2r_init);
module_exit(el2r_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("el2reset developers");
MODULE_DESCRIPTION("Owns EL2 safely while loaded and always hands it back clean");
MODULE_VERSION(EL2R_VERSION);
