// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs.c - /sys/kernel/debug/el2reset/: the statistics of stats.c, and
 * with the module parameter test_knobs=1 the test-only knobs that drive
 * the kernel's own power-management paths on a CPU that QEMU cannot really
 * power down:
 *
 *   pm_cycle		write a CPU number: on that CPU, lose EL2 the way a
 *			power-down does (the stub back, el2reset's MMU off),
 *			then run the kernel's CPU PM notifier chain
 *			(cpu_pm_enter(), cpu_pm_exit()) as cpuidle does
 *			around a state that loses context
 *   syscore_resume	write "1": the same loss on the boot CPU, then the
 *			resume callback el2reset registered with syscore (the
 *			kernel's syscore_resume() is not exported, and would
 *			run every driver's resume)
 *   el2_fault		write a CPU number: el2reset's EL2 code on that CPU
 *			takes a data abort at EL2 (EL2R_HVC_TEST_FAULT), which
 *			must come back as a report, never a hang
 *   wfi_trap0		write a CPU number: a test call sets HCR_EL2.TWI on that
 *   wfi_trap1		CPU (EL2R_HVC_TEST_TRAP), then a WFI at EL1 with x0 = 0
 *			(HVC_SET_VECTORS's number) or x0 = 1
 *			(HVC_SOFT_RESTART's), x1 = 0: EL2 must take the trap
 *			as a fault, never as a call (answers 0 once the CPU
 *			is marked faulted)
 *   pie_left		write a CPU number: el2reset's EL2 code there hands EL2
 *			back to the stub but leaves TCR2_EL2.PIE = 1 and a
 *			PIR_EL2 that allows nothing (EL2R_HVC_TEST_PIE; ENODEV
 *			without FEAT_S1PIE): the next install must still work
 *   pm_on_offline	write 1: a CPU going offline runs the CPU PM chain
 *			(enter, exit) after el2reset's hotplug teardown, as
 *			cpuidle may on its way out; 0: no more
 *   boot_mode_el1	write 1: __boot_cpu_mode says what it says once a CPU
 *			entered the kernel at EL1 (QEMU cannot start one so);
 *			0: put it back. CPUs onlined meanwhile must be left
 *			alone.
 *
 * and two module parameters, writable at run time, that need test_knobs=1
 * to do anything (a failure of the load-time install can only be asked for
 * before the debugfs files exist); they, and test_knobs itself, are
 * el2.c's, where el2r_this_cpu() honours them:
 *
 *   test_fail_install	a CPU number: every install on that CPU fails
 *			(-EIO) before any HVC, as a CPU whose EL2 refused
 *			would; -1: none
 *   test_fail_teardown	the same for every teardown: that CPU keeps
 *			el2reset's EL2 code, so an unload must leak the image
 */
#include <linux/cpumask.h>
#include <linux/cpu_pm.h>
#include <linux/debugfs.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/workqueue.h>

#include "el2reset.h"
#include "el2reset_abi.h"

static struct dentry *el2r_debugfs;

/*
 * Both run on the target CPU in process context (work_on_cpu), with IRQs
 * off as cpuidle and syscore run these paths: never inside an IPI, where
 * the GIC's CPU_PM_EXIT would reset the active priority of the IPI itself.
 * el2r_teardown_this_cpu() here is the power-down's loss of EL2, not a
 * teardown el2reset counts.
 */
static long el2r_cpu_pm_fn(void *unused)
{
	unsigned long flags;
	long ret;

	local_irq_save(flags);
	ret = el2r_teardown_this_cpu();
	if (ret >= 0)
		ret = cpu_pm_enter() ?: cpu_pm_exit();
	local_irq_restore(flags);
	return ret;
}

static long el2r_syscore_fn(void *unused)
{
	unsigned long flags;
	long ret;

	local_irq_save(flags);
	ret = el2r_teardown_this_cpu();
	if (ret >= 0) {
		el2r_syscore_resume_call();
		ret = 0;
	}
	local_irq_restore(flags);
	return ret;
}

static int el2r_pm_cycle(unsigned int cpu, long (*fn)(void *))
{
	long ret = -EINVAL;

	el2r_rounds_lock();
	if (cpu < nr_cpu_ids && cpu_online(cpu))
		ret = work_on_cpu(cpu, fn, NULL);
	el2r_rounds_unlock();
	return ret;
}

/* In an IPI on the target CPU, IRQs off, like every other el2reset call. */
static void el2r_fault_ipi(void *ret)
{
	struct el2r_hvc_res r;

	el2r_call(EL2R_HVC_TEST_FAULT, 0, 0, 0, 0, 0, &r);
	*(int *)ret = r.a0 == EL2R_ERR_FAULT ? 0 : -EAGAIN;
}

static int el2r_knob_el2_fault(unsigned int cpu)
{
	int ret = -EINVAL;

	el2r_rounds_lock();
	/* only where el2reset is resident: never into KVM or a faulted CPU */
	if (cpu < nr_cpu_ids && cpu_online(cpu) && !el2r_cpu_yielded(cpu) &&
	    !el2r_cpu_faulted(cpu) && READ_ONCE(el2r_want_resident))
		smp_call_function_single(cpu, el2r_fault_ipi, &ret, 1);
	el2r_rounds_unlock();
	return ret;
}

struct el2r_trap_arg {
	u64 x0;
	int ret;
};

/*
 * In an IPI on the target CPU, IRQs off: nothing else runs between the
 * trap being set and the WFI.
 */
static void el2r_trap_ipi(void *arg)
{
	struct el2r_trap_arg *a = arg;
	struct el2r_hvc_res r;

	el2r_call(EL2R_HVC_TEST_TRAP, 0, 0, 0, 0, 0, &r);
	if (r.a0) {
		a->ret = -EIO;
		return;
	}
	el2r_test_wfi(a->x0, 0);
	a->ret = el2r_cpu_faulted(smp_processor_id()) ? 0 : -EAGAIN;
}

static int el2r_wfi_trap(unsigned int cpu, u64 x0)
{
	struct el2r_trap_arg a = { .x0 = x0, .ret = -EINVAL };

	el2r_rounds_lock();
	if (cpu < nr_cpu_ids && cpu_online(cpu) && !el2r_cpu_yielded(cpu) &&
	    !el2r_cpu_faulted(cpu) && READ_ONCE(el2r_want_resident))
		smp_call_function_single(cpu, el2r_trap_ipi, &a, 1);
	el2r_rounds_unlock();
	return a.ret;
}

static int el2r_knob_wfi_trap0(unsigned int cpu)
{
	return el2r_wfi_trap(cpu, HVC_SET_VECTORS);
}

static int el2r_knob_wfi_trap1(unsigned int cpu)
{
	return el2r_wfi_trap(cpu, HVC_SOFT_RESTART);
}

static void el2r_pie_ipi(void *ret)
{
	struct el2r_hvc_res r;

	el2r_call(EL2R_HVC_TEST_PIE, el2r_owner.stub_vectors, 0, 0, 0, 0, &r);
	*(int *)ret = !r.a0 ? 0 : r.a0 == EL2R_ERR_NO_FEATURE ? -ENODEV : -EIO;
}

static int el2r_knob_pie_left(unsigned int cpu)
{
	int ret = -EINVAL;

	el2r_rounds_lock();
	if (cpu < nr_cpu_ids && cpu_online(cpu) && !el2r_cpu_left_alone(cpu) &&
	    READ_ONCE(el2r_want_resident))
		smp_call_function_single(cpu, el2r_pie_ipi, &ret, 1);
	el2r_rounds_unlock();
	return ret;
}

static int el2r_knob_pm_cycle(unsigned int cpu)
{
	return el2r_pm_cycle(cpu, el2r_cpu_pm_fn);
}

static int el2r_knob_syscore_resume(unsigned int one)
{
	return one == 1 ? el2r_pm_cycle(0, el2r_syscore_fn) : -EINVAL;
}

static int el2r_knob_pm_on_offline(unsigned int on)
{
	if (on > 1)
		return -EINVAL;
	el2r_events_test_pm_on_offline(on);
	return 0;
}

static int el2r_knob_boot_mode_el1(unsigned int el1)
{
	return el1 > 1 ? -EINVAL : el2r_test_boot_mode_el1(el1);
}

static const struct el2r_knob el2r_knobs[] = {
	{ "pm_cycle", el2r_knob_pm_cycle },
	{ "syscore_resume", el2r_knob_syscore_resume },
	{ "el2_fault", el2r_knob_el2_fault },
	{ "wfi_trap0", el2r_knob_wfi_trap0 },
	{ "wfi_trap1", el2r_knob_wfi_trap1 },
	{ "pie_left", el2r_knob_pie_left },
	{ "boot_mode_el1", el2r_knob_boot_mode_el1 },
	{ "pm_on_offline", el2r_knob_pm_on_offline },
};

void el2r_debugfs_init(void)
{
	unsigned int i;

	el2r_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	el2r_stats_init(el2r_debugfs);
	if (!el2r_test_knobs())
		return;
	for (i = 0; i < ARRAY_SIZE(el2r_knobs); i++)
		el2r_debugfs_knob(&el2r_knobs[i], el2r_debugfs);
}

void el2r_debugfs_exit(void)
{
	debugfs_remove_recursive(el2r_debugfs);
	el2r_debugfs = NULL;
	if (el2r_test_knobs())
		el2r_test_boot_mode_el1(false);	/* never leave it changed */
}
