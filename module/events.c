// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - the kernel events that must leave EL2 clean, each a few lines
 * calling into cpu.c and round.c:
 *   CPU hotplug  teardown on the dying CPU, install on the CPU coming online
 *   reboot       restart, halt, power-off and kexec (which runs the reboot
 *                notifiers, then takes the secondaries down through hotplug):
 *                the last teardown, after which nothing installs again
 *   CPU PM       a CPU back from a power-down (cpuidle) has the stub again:
 *                re-install on CPU_PM_EXIT (and CPU_PM_ENTER_FAILED)
 *   syscore      the boot CPU back from system suspend: re-install (the
 *                secondaries come back through hotplug)
 * kdump runs no notifier: the resident code's HVC_SOFT_RESTART covers it.
 * KVM claiming EL2 needs no notifier either: the resident code hands EL2
 * over on KVM's HVC_RESET_VECTORS and counts it (el2r_cpu_fold()).
 */
#include <linux/cpu.h>
#include <linux/cpu_pm.h>
#include <linux/cpuhotplug.h>
#include <linux/irqflags.h>
#include <linux/mutex.h>
#include <linux/reboot.h>

#include "compat.h"
#include "el2reset.h"

static enum cpuhp_state el2r_hp_state;

/*
 * Install or tear down on this CPU (IRQs off), name a failure, count a real
 * change under @ev. Never fails its caller: a CPU whose install failed stays
 * usable with the stub at EL2, and kexec BUG()s on a failed cpuhp teardown.
 */
static void el2r_event_this_cpu(bool install, enum el2r_event ev)
{
	unsigned int cpu = smp_processor_id();
	int ret = el2r_this_cpu(install, ev);

	if (ret < 0)
		pr_err_ratelimited("CPU%u: %s (%s) failed: %d\n", cpu,
				   install ? "install" : "teardown",
				   el2r_event_name(ev), ret);
	else if (ret)
		el2r_count_event(cpu, install, ev);
}

/* Runs on @cpu (cpuhp thread), under the hotplug write lock. */
static int el2r_cpu_online(unsigned int cpu)
{
	unsigned long flags;

	if (!el2r_resident_wanted())
		return 0;
	if (!el2r_boot_mode_still_el2()) {
		el2r_cpu_mark_no_el2(cpu);
		return 0;
	}
	local_irq_save(flags);
	el2r_event_this_cpu(true, EL2R_EV_HOTPLUG);
	local_irq_restore(flags);
	return 0;
}

/* Runs on the dying @cpu. */
static int el2r_cpu_offline(unsigned int cpu)
{
	unsigned long flags;

	local_irq_save(flags);
	el2r_event_this_cpu(false, EL2R_EV_HOTPLUG);
	if (el2r_testing())
		el2r_test_hooks->offline();
	local_irq_restore(flags);
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

/*
 * The last teardown: every online CPU back at the stub, and the going-down
 * latch set, so that no install (sysfs, a CPU coming online, CPU PM) puts
 * el2reset back between here and the restart or kexec.
 */
static const struct el2r_round el2r_reboot_round = {
	.install = false, .counted = true, .final = true, .ev = EL2R_EV_REBOOT,
};

void el2r_reboot_teardown(const char *why)
{
	int ret;

	el2r_rounds_lock();
	ret = el2r_round(&el2r_reboot_round);
	el2r_rounds_unlock();
	pr_info("%s: EL2 %s on all %u online CPUs\n", why,
		ret ? "teardown FAILED" : "handed back to the hyp-stub",
		num_online_cpus());
}

static int el2r_reboot(struct notifier_block *nb, unsigned long action,
		       void *data)
{
	el2r_reboot_teardown(el2r_reboot_name(action, data));
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

/*
 * Re-install after a power-down; IRQs are off, we run on that CPU. Not on a
 * CPU that is not active: one going offline (its teardown may already have
 * run; cpuidle can still power it down on its way out) or one coming
 * online (the hotplug callback installs it).
 */
static void el2r_resume_this_cpu(void)
{
	if (el2r_resident_wanted() && cpu_active(smp_processor_id()))
		el2r_event_this_cpu(true, EL2R_EV_PM);
}

static int el2r_cpu_pm(struct notifier_block *nb, unsigned long action,
		       void *unused)
{
	if (action == CPU_PM_EXIT || action == CPU_PM_ENTER_FAILED)
		el2r_resume_this_cpu();
	return NOTIFY_OK;
}

static struct notifier_block el2r_cpu_pm_nb = {
	.notifier_call = el2r_cpu_pm,
};

EL2R_SYSCORE(el2r_syscore, el2r_resume_this_cpu);

/* The registered syscore resume callback, for the test knob (testing.c). */
void el2r_syscore_resume_call(void)
{
	el2r_call_syscore_resume(&el2r_syscore);
}

int el2r_pm_init(void)
{
	int ret = cpu_pm_register_notifier(&el2r_cpu_pm_nb);

	if (!ret)
		el2r_register_syscore(&el2r_syscore);
	return ret;
}

void el2r_pm_exit(void)
{
	el2r_unregister_syscore(&el2r_syscore);
	cpu_pm_unregister_notifier(&el2r_cpu_pm_nb);
}

int el2r_reboot_init(void)
{
	return register_reboot_notifier(&el2r_reboot_nb);
}

void el2r_reboot_exit(void)
{
	unregister_reboot_notifier(&el2r_reboot_nb);
}
