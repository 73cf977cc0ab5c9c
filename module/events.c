// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - the kernel events that must leave EL2 clean, each a few lines
 * calling into el2.c:
 *   CPU hotplug  teardown on the dying CPU, install on the CPU coming online
 *   reboot       restart, halt, power-off and kexec (which runs the reboot
 *                notifiers, then takes the secondaries down through hotplug)
 * kdump runs no notifier: the resident code's HVC_SOFT_RESTART covers it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/irqflags.h>
#include <linux/mutex.h>
#include <linux/reboot.h>

#include "el2reset.h"

static enum cpuhp_state el2r_hp_state;

/* Runs on @cpu (cpuhp thread), under the hotplug write lock. */
static int el2r_cpu_online(unsigned int cpu)
{
	unsigned long flags;
	int ret;

	if (!READ_ONCE(el2r_want_resident))
		return 0;
	local_irq_save(flags);
	ret = el2r_install_this_cpu();
	local_irq_restore(flags);
	if (ret)	/* the CPU stays usable, with the stub at EL2 */
		pr_err("CPU%u: install (hotplug) failed: %d\n", cpu, ret);
	else
		el2r_count_event(cpu, true, EL2R_EV_HOTPLUG);
	return 0;
}

/* Runs on the dying @cpu. Never fails: kexec BUG()s on a failed teardown. */
static int el2r_cpu_offline(unsigned int cpu)
{
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = el2r_teardown_this_cpu();
	local_irq_restore(flags);
	if (ret)
		pr_err("CPU%u: teardown (hotplug) failed: %d\n", cpu, ret);
	else
		el2r_count_event(cpu, false, EL2R_EV_HOTPLUG);
	return 0;
}

static const char *el2r_reboot_name(unsigned long action, void *data)
{
	if (data)		/* kernel_kexec() passes "kexec reboot" */
		return data;
	switch (action) {
	case SYS_RESTART:	return "restart";
	case SYS_HALT:		return "halt";
	case SYS_POWER_OFF:	return "power-off";
	}
	return "reboot";
}

static int el2r_reboot(struct notifier_block *nb, unsigned long action,
		       void *data)
{
	int ret;

	cpus_read_lock();
	mutex_lock(&el2r_lock);
	ret = el2r_teardown_all(EL2R_EV_REBOOT);
	mutex_unlock(&el2r_lock);
	cpus_read_unlock();
	pr_info("%s: EL2 %s on all %u online CPUs\n",
		el2r_reboot_name(action, data),
		ret ? "teardown FAILED" : "handed back to the hyp-stub",
		num_online_cpus());
	return NOTIFY_DONE;
}

static struct notifier_block el2r_reboot_nb = {
	.notifier_call = el2r_reboot,
};

/* Called with cpus_read_lock() held, right after the load-time install. */
int el2r_events_init_cpuslocked(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls_cpuslocked(CPUHP_AP_ONLINE_DYN,
						   "el2reset:online",
						   el2r_cpu_online,
						   el2r_cpu_offline);
	if (ret < 0)
		return ret;
	el2r_hp_state = ret;
	return 0;
}

void el2r_events_exit_cpuslocked(void)
{
	if (el2r_hp_state)
		cpuhp_remove_state_nocalls_cpuslocked(el2r_hp_state);
	el2r_hp_state = 0;
}

int el2r_reboot_init(void)
{
	return register_reboot_notifier(&el2r_reboot_nb);
}

void el2r_reboot_exit(void)
{
	unregister_reboot_notifier(&el2r_reboot_nb);
}
