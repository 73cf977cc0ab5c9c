// SPDX-License-Identifier: GPL-2.0
/*
 * testing.c - everything el2reset has only for its tests, in one place: the
 * test-only module parameters, the hooks the product's paths call only
 * where el2r_testing() (a static key, set by test_knobs=1 at load) says so,
 * and the test knobs, created in /sys/kernel/debug/el2reset/ only with
 * test_knobs=1. With the default parameters none of it runs, and the EL2
 * image holds no test call (image.c). The knobs:
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
 *   regs_wfi		write a CPU number: HCR_EL2.TWI set there, then a WFI
 *			with a sentinel in every register and NZCV; the trap
 *			must change none of them (-EBADE, each named on the
 *			console) and leave the CPU faulted (-EAGAIN if not)
 *   regs_irq		the same with HCR_EL2.IMO: the IRQ that wakes the WFI
 *			is taken to EL2
 *   ich_vtr		write a CPU number: HVC_GET_ICH_VTR_EL2 (7.x kernels;
 *			ENODEV elsewhere) to whoever holds EL2 there, el2reset
 *			or the stub, its answer on the console; 0 when x0 = 0
 *			and x4-x30 and NZCV are kept
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
 *   going_down	write 1: the reboot notifier's teardown, which latches
 *			that the system is going down, with the system
 *			staying up: every install must be refused from then on
 *
 * The module parameters, which need test_knobs=1 to do anything:
 *
 *   test_fail_install	a CPU number: every install on that CPU fails
 *			(-EIO) before any HVC, as a CPU whose EL2 refused
 *			would; -1: none. Writable at run time (a failure of
 *			the load-time install can only be asked for before the
 *			debugfs files exist)
 *   test_fail_teardown	the same for every teardown: that CPU keeps
 *			el2reset's EL2 code, so the image must never be freed
 *   reboot_notifier=0	no reboot notifier: the resident code hands EL2
 *			over by itself, as on kdump
 *   hvhe_precheck=0	no hVHE check before the first HVC: EL2's own
 *			init call must refuse E2H=1
 */
#include <linux/cpumask.h>
#include <linux/cpu_pm.h>
#include <linux/debugfs.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/workqueue.h>
#include <asm/virt.h>

#include "el2reset.h"
#include "el2reset_abi.h"

static bool test_knobs;
module_param(test_knobs, bool, 0444);
MODULE_PARM_DESC(test_knobs,
		 "Tests only: load the EL2 test calls and create the test knobs in debugfs; the other test_* and test-only parameters need it (default: false)");

static int test_fail_install = -1;
module_param(test_fail_install, int, 0600);
MODULE_PARM_DESC(test_fail_install,
		 "Tests only, with test_knobs=1: every install on this CPU fails with -EIO before any HVC (default: -1, none)");

static int test_fail_teardown = -1;
module_param(test_fail_teardown, int, 0600);
MODULE_PARM_DESC(test_fail_teardown,
		 "Tests only, with test_knobs=1: every teardown on this CPU fails with -EIO before any HVC (default: -1, none)");

static bool reboot_notifier = true;
module_param(reboot_notifier, bool, 0444);
MODULE_PARM_DESC(reboot_notifier,
		 "Tests only, with test_knobs=1: false registers no reboot notifier, to test that the resident code hands EL2 over by itself, as on kdump (default: true)");

static bool hvhe_precheck = true;
module_param(hvhe_precheck, bool, 0444);
MODULE_PARM_DESC(hvhe_precheck,
		 "Tests only, with test_knobs=1: false skips the hVHE check made before any HVC, to test that EL2's own init call refuses E2H=1 (default: true)");

/* test knob pm_on_offline: the CPU PM chain on a dying CPU */
static bool el2r_pm_on_offline;

static struct dentry *el2r_test_dir;

/*
 * In el2r_this_cpu(), on @cpu with IRQs off, before any HVC: -EIO if the
 * test_fail_install/test_fail_teardown parameter names @cpu, else 0.
 */
static int el2r_test_fail(unsigned int cpu, bool install)
{
	int fail = install ? READ_ONCE(test_fail_install) :
			     READ_ONCE(test_fail_teardown);

	return fail >= 0 && fail == cpu ? -EIO : 0;
}

/*
 * In the hotplug teardown, on the dying CPU with IRQs off, right after
 * el2reset's teardown (knob pm_on_offline): the CPU PM chain, as cpuidle
 * may run it on the CPU's way out; it must not install el2reset again on
 * a CPU that is going away.
 */
static void el2r_test_offline(void)
{
	if (READ_ONCE(el2r_pm_on_offline) && !cpu_pm_enter())
		cpu_pm_exit();
}

static struct el2r_test_hooks el2r_hooks = {
	.fail = el2r_test_fail,
	.offline = el2r_test_offline,
};

/*
 * First thing at load, test_knobs=1 only: the hooks in place before the
 * owner check (hvhe_precheck), the image (its test calls) and the rounds.
 */
void el2r_testing_init(void)
{
	if (!test_knobs)
		return;
	el2r_hooks.no_reboot_notifier = !reboot_notifier;
	el2r_hooks.no_hvhe_precheck = !hvhe_precheck;
	WRITE_ONCE(el2r_test_hooks, &el2r_hooks);
}

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

/*
 * Every knob's precondition, under the round lock: @cpu is online and an
 * HVC may be issued there (its state folded first: not KVM's, not handed
 * over, not faulted, not without EL2); @resident: el2reset's code holds it.
 */
static bool el2r_knob_cpu_ok(unsigned int cpu, bool resident)
{
	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return false;
	el2r_cpu_fold(cpu);
	if (el2r_cpu_left_alone(cpu))
		return false;
	return !resident || el2r_cpu_state(cpu) == EL2R_CPU_RESIDENT;
}

static bool el2r_faulted(unsigned int cpu)
{
	el2r_cpu_fold(cpu);
	return el2r_cpu_state(cpu) == EL2R_CPU_FAULTED;
}

/* In an IPI on the target CPU, IRQs off, like every other el2reset call. */
static void el2r_fault_ipi(void *ret)
{
	struct el2r_hvc_res r;

	el2r_call(EL2R_HVC_TEST_FAULT, 0, 0, 0, 0, 0, &r);
	*(int *)ret = r.a0 == EL2R_ERR_FAULT ? 0 : -EAGAIN;
}

/*
 * @fn(@arg) in an IPI on @cpu, IRQs off like every other el2reset call, and
 * only where el2reset is resident: never into KVM or a faulted CPU. @fn
 * leaves its result in @arg, which keeps -EINVAL where it did not run.
 */
static void el2r_knob_ipi(unsigned int cpu, smp_call_func_t fn, void *arg)
{
	el2r_rounds_lock();
	if (el2r_knob_cpu_ok(cpu, true))
		smp_call_function_single(cpu, fn, arg, 1);
	el2r_rounds_unlock();
}

/* @fn(@arg) on @cpu in process context (work_on_cpu), if the knob may */
static int el2r_knob_on_cpu(unsigned int cpu, bool resident,
			    long (*fn)(void *), void *arg)
{
	long ret = -EINVAL;

	el2r_rounds_lock();
	if (el2r_knob_cpu_ok(cpu, resident))
		ret = work_on_cpu(cpu, fn, arg);
	el2r_rounds_unlock();
	return ret;
}

static int el2r_knob_el2_fault(unsigned int cpu)
{
	int ret = -EINVAL;

	el2r_knob_ipi(cpu, el2r_fault_ipi, &ret);
	return ret;
}

/*
 * How often a test WFI is tried before the knob gives up (-EAGAIN).
 * HCR_EL2.TWI traps a WFI only when it would wait (Arm ARM, HCR_EL2.TWI;
 * QEMU's helper_wfi alike): with an interrupt pending -- masked by
 * PSTATE.I, not gone -- it completes at once, untrapped. Each try runs
 * with IRQs off, and the pending interrupt is let in between tries;
 * preemption stays off, so no other task's WFI runs here meanwhile.
 */
#define EL2R_WFI_TRIES	100

static void el2r_let_irqs_in(unsigned long *flags)
{
	local_irq_restore(*flags);
	local_irq_save(*flags);
}

/*
 * On the target CPU in process context: HCR_EL2.TWI set by the test call,
 * then a WFI at EL1 with x0 = *@x0, x1 = 0, until one is trapped.
 */
static long el2r_trap_fn(void *x0)
{
	unsigned int cpu = smp_processor_id(), tries;
	struct el2r_hvc_res r;
	unsigned long flags;

	preempt_disable();
	local_irq_save(flags);
	el2r_call(EL2R_HVC_TEST_TRAP, EL2R_TEST_TRAP_TWI, 0, 0, 0, 0, &r);
	for (tries = 0; !r.a0 && tries < EL2R_WFI_TRIES && !el2r_faulted(cpu);
	     tries++) {
		el2r_test_wfi(*(u64 *)x0, 0);
		el2r_let_irqs_in(&flags);
	}
	local_irq_restore(flags);
	preempt_enable();
	return r.a0 ? -EIO : el2r_faulted(cpu) ? 0 : -EAGAIN;
}

static int el2r_wfi_trap(unsigned int cpu, u64 x0)
{
	return el2r_knob_on_cpu(cpu, true, el2r_trap_fn, &x0);
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

	el2r_call(EL2R_HVC_TEST_PIE, el2r_image_stub_vectors(), 0, 0, 0, 0, &r);
	*(int *)ret = !r.a0 ? 0 : r.a0 == EL2R_ERR_NO_FEATURE ? -ENODEV : -EIO;
}

static int el2r_knob_pie_left(unsigned int cpu)
{
	int ret = -EINVAL;

	el2r_knob_ipi(cpu, el2r_pie_ipi, &ret);
	return ret;
}

/*
 * @out as el2r_test_regs() left it: 0 if x@from-x30 (but x18) and NZCV
 * still hold the sentinels, else -EBADE with each register that changed
 * named on the console.
 */
static int el2r_test_regs_check(unsigned int cpu, const char *what,
				const u64 *out, unsigned int from)
{
	unsigned int n;
	int ret = 0;

	for (n = from; n <= 30; n++) {
		u64 was = (u64)EL2R_TEST_SENTINEL + n;

		if (n == 18 || out[n] == was)
			continue;
		pr_err("test: CPU%u: %s changed x%u to %#llx (was %#llx)\n",
		       cpu, what, n, out[n], was);
		ret = -EBADE;
	}
	if ((out[31] & EL2R_NZCV_MASK) != EL2R_TEST_NZCV) {
		pr_err("test: CPU%u: %s changed NZCV to %#llx (was %#x)\n",
		       cpu, what, out[31] & EL2R_NZCV_MASK, EL2R_TEST_NZCV);
		ret = -EBADE;
	}
	return ret;
}

/*
 * On the target CPU in process context, IRQs off: leave HCR_EL2.TWI or
 * .IMO set (EL2R_HVC_TEST_TRAP), then a WFI with sentinels in every
 * register. The WFI itself traps (TWI), or the IRQ that wakes it is taken
 * to EL2 (IMO: routed there, PSTATE.I of EL1 does not mask it). Either is
 * an exception from EL1 that is not a call: it must change no register,
 * and leave the CPU marked faulted, back at the stub.
 */
static long el2r_regs_fn(void *trap)
{
	unsigned int cpu = smp_processor_id(), tries;
	u64 out[32];
	struct el2r_hvc_res r;
	unsigned long flags;
	long ret;

	preempt_disable();
	local_irq_save(flags);
	el2r_call(EL2R_HVC_TEST_TRAP, (unsigned long)trap, 0, 0, 0, 0, &r);
	ret = r.a0 ? -EIO : 0;
	for (tries = 0; !ret && tries < EL2R_WFI_TRIES && !el2r_faulted(cpu);
	     tries++) {
		el2r_test_regs(out, ~0ULL);
		ret = el2r_test_regs_check(cpu, trap ? "an IRQ taken to EL2" :
					   "a WFI trapped to EL2", out, 0);
		el2r_let_irqs_in(&flags);
	}
	local_irq_restore(flags);
	preempt_enable();
	if (!ret && !el2r_faulted(cpu))
		ret = -EAGAIN;
	return ret;
}

static int el2r_knob_pm_cycle(unsigned int cpu)
{
	return el2r_knob_on_cpu(cpu, false, el2r_cpu_pm_fn, NULL);
}

static int el2r_knob_regs_wfi(unsigned int cpu)
{
	return el2r_knob_on_cpu(cpu, true, el2r_regs_fn,
				(void *)EL2R_TEST_TRAP_TWI);
}

static int el2r_knob_regs_irq(unsigned int cpu)
{
	return el2r_knob_on_cpu(cpu, true, el2r_regs_fn,
				(void *)EL2R_TEST_TRAP_IMO);
}

/*
 * HVC_GET_ICH_VTR_EL2 (7.x's fifth stub call) to whoever holds EL2 on the
 * CPU, el2reset or the stub, with sentinels around it: its answer on the
 * console, and 0 if it is x0 = 0 with x4-x30 and NZCV kept (SMCCC 1.1).
 */
static long el2r_ich_vtr_fn(void *unused)
{
#ifdef HVC_GET_ICH_VTR_EL2
	unsigned int cpu = smp_processor_id();
	u64 out[32];
	unsigned long flags;

	local_irq_save(flags);
	el2r_test_regs(out, HVC_GET_ICH_VTR_EL2);
	local_irq_restore(flags);
	pr_info("test: CPU%u: HVC_GET_ICH_VTR_EL2 to %s: x0=%#llx x1=%#llx\n",
		cpu, el2r_knob_cpu_ok(cpu, true) ? "el2reset" : "the stub",
		out[0], out[1]);
	if (out[0])
		return -EIO;
	return el2r_test_regs_check(cpu, "HVC_GET_ICH_VTR_EL2", out, 4);
#else
	return -ENODEV;
#endif
}

static int el2r_knob_ich_vtr(unsigned int cpu)
{
	return el2r_knob_on_cpu(cpu, false, el2r_ich_vtr_fn, NULL);
}

static int el2r_knob_syscore_resume(unsigned int one)
{
	return one == 1 ? el2r_knob_on_cpu(0, false, el2r_syscore_fn, NULL) :
			  -EINVAL;
}

static int el2r_knob_pm_on_offline(unsigned int on)
{
	if (on > 1)
		return -EINVAL;
	WRITE_ONCE(el2r_pm_on_offline, on);
	return 0;
}

/*
 * boot_mode_el1: make __boot_cpu_mode say what it says once a CPU entered
 * the kernel at EL1 (its [0] overwritten), or put it back.
 */
static int el2r_knob_boot_mode_el1(unsigned int el1)
{
	static u32 saved;
	u32 *mode = el2r_boot_mode_record();

	if (el1 > 1)
		return -EINVAL;
	if (!mode)
		return -ENODEV;
	if (el1 && READ_ONCE(mode[0]) != BOOT_CPU_MODE_EL1) {
		saved = READ_ONCE(mode[0]);
		WRITE_ONCE(mode[0], BOOT_CPU_MODE_EL1);
	} else if (!el1 && saved) {
		WRITE_ONCE(mode[0], saved);
		saved = 0;
	}
	return 0;
}

/* going_down: the reboot notifier's teardown, the system staying up */
static int el2r_knob_going_down(unsigned int one)
{
	if (one != 1)
		return -EINVAL;
	el2r_reboot_teardown("test");
	return 0;
}

static const struct el2r_knob el2r_knobs[] = {
	{ "pm_cycle", el2r_knob_pm_cycle },
	{ "syscore_resume", el2r_knob_syscore_resume },
	{ "el2_fault", el2r_knob_el2_fault },
	{ "wfi_trap0", el2r_knob_wfi_trap0 },
	{ "wfi_trap1", el2r_knob_wfi_trap1 },
	{ "pie_left", el2r_knob_pie_left },
	{ "regs_wfi", el2r_knob_regs_wfi },
	{ "regs_irq", el2r_knob_regs_irq },
	{ "ich_vtr", el2r_knob_ich_vtr },
	{ "boot_mode_el1", el2r_knob_boot_mode_el1 },
	{ "pm_on_offline", el2r_knob_pm_on_offline },
	{ "going_down", el2r_knob_going_down },
};

void el2r_testing_debugfs(struct dentry *root)
{
	unsigned int i;

	if (!el2r_testing())
		return;
	el2r_test_dir = root;
	for (i = 0; i < ARRAY_SIZE(el2r_knobs); i++)
		el2r_debugfs_knob(&el2r_knobs[i], root);
}

void el2r_testing_exit(void)
{
	if (el2r_test_dir)
		el2r_knob_boot_mode_el1(0);	/* never leave it changed */
	el2r_test_dir = NULL;
}
