// SPDX-License-Identifier: GPL-2.0
/*
 * cpu.c - one CPU's life with el2reset: its state, its calls into EL2,
 * install and teardown on it, and its counters.
 *
 * Each possible CPU has one struct el2r_cpu. Its state (enum
 * el2r_cpu_state, the transitions in Documentation/design.rst, "One
 * CPU's state") is what EL1 knows of who holds that CPU's EL2. It changes:
 *  - on the CPU itself, IRQs off, by an install or a teardown
 *    (el2r_install_this_cpu(), el2r_teardown_this_cpu()) or a call that
 *    comes back EL2R_ERR_FAULT (el2r_call());
 *  - where EL2's slot says more than the state does (a hand-over to KVM,
 *    kexec or hibernation the resident code obeyed, an exception from EL1
 *    it took): at the defined points that fold the slot in,
 *    el2r_cpu_fold(), on any CPU. A fold only ever leaves RESIDENT, by
 *    cmpxchg, so it cannot undo what the CPU itself did meanwhile;
 *  - under the round lock, for an explicit install (el2r_cpus_forget(),
 *    el2r_reclaim_this_cpu()) or a CPU that came online without EL2.
 * Everything else only reads it (el2r_cpu_state(), el2r_cpu_left_alone()).
 */
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "el2reset.h"
#include "el2reset_abi.h"
#include "el2reset_hw.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

struct el2r_cpu {
	int state;			/* enum el2r_cpu_state */
	/*
	 * The slot's nr_handover + nr_reset_vectors, and nr_reset_vectors
	 * alone, when el2reset last installed here: more means EL2 was
	 * handed over since.
	 */
	u64 handover_base;
	u64 reset_vectors_base;
	int last_err;			/* of the last install or teardown */
	unsigned long nr_hvcs;		/* HVCs el2reset issued here */
	unsigned long installs[EL2R_NR_EVENTS];
	unsigned long teardowns[EL2R_NR_EVENTS];
};

static DEFINE_PER_CPU(struct el2r_cpu, el2r_cpus);
static atomic_t el2r_nr_no_el2;

const struct el2r_test_hooks *el2r_test_hooks __read_mostly;

/* What the owner check found that the CPUs' transitions depend on */
static struct {
	u64 kvm_vectors;	/* KVM's HVC_SET_VECTORS target, or 0 */
	bool kvm_initialised;	/* at load: KVM may claim EL2 (coexistence) */
} el2r_kvm;

void el2r_cpus_init(const struct el2r_owner_info *owner)
{
	el2r_kvm.kvm_vectors = owner->kvm_vectors;
	el2r_kvm.kvm_initialised = owner->facts.kvm_initialised;
}

static struct el2r_cpu *el2r_cpu(unsigned int cpu)
{
	return per_cpu_ptr(&el2r_cpus, cpu);
}

enum el2r_cpu_state el2r_cpu_state(unsigned int cpu)
{
	/*
	 * Acquire, pairing with the release of el2r_cpu_set(): a reader that
	 * sees RESIDENT sees the hand-over base written before it.
	 */
	return smp_load_acquire(&el2r_cpu(cpu)->state);
}

static void el2r_cpu_set(unsigned int cpu, enum el2r_cpu_state s)
{
	/* Release: what was written for this state, before the state */
	smp_store_release(&el2r_cpu(cpu)->state, s);
}

/*
 * No HVC may be issued on @cpu: its EL2 went to someone else, el2reset's
 * EL2 code reported an exception there, or the CPU may have no EL2.
 */
bool el2r_cpu_left_alone(unsigned int cpu)
{
	switch (el2r_cpu_state(cpu)) {
	case EL2R_CPU_KVM:
	case EL2R_CPU_HANDED:
	case EL2R_CPU_FAULTED:
	case EL2R_CPU_NO_EL2:
		return true;
	default:
		return false;
	}
}

int el2r_cpu_last_err(unsigned int cpu)
{
	return READ_ONCE(el2r_cpu(cpu)->last_err);
}

/*
 * Can el2reset's EL2 code still run on some CPU? A CPU whose teardown did
 * not go through (RESIDENT, UNKNOWN) may still have its vectors live.
 * Online or not: a CPU's offline teardown can fail too.
 */
bool el2r_cpus_off_image(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		enum el2r_cpu_state s = el2r_cpu_state(cpu);

		if (s == EL2R_CPU_RESIDENT || s == EL2R_CPU_UNKNOWN)
			return false;
	}
	return true;
}

/* HVCs el2reset issued on every CPU (the benchmark's calls per round) */
unsigned long el2r_hvcs_issued(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(el2r_cpu(cpu)->nr_hvcs);
	return n;
}

static bool el2r_payload_faulted(unsigned int cpu);

static const char *el2r_fault_kind(u64 kind)
{
	static const char * const names[] = {
		[EL2R_FAULT_SYNC] = "synchronous",
		[EL2R_FAULT_IRQ] = "IRQ",
		[EL2R_FAULT_FIQ] = "FIQ",
		[EL2R_FAULT_SERROR] = "SError",
	};

	return kind < ARRAY_SIZE(names) ? names[kind] : "unknown";
}

/*
 * Every HVC el2reset issues goes through here, on the CPU it is for, with
 * IRQs off. An exception taken at EL2 while our vectors are live comes back
 * as EL2R_ERR_FAULT, the stub already back in place (asm/el2_image.S,
 * el2r_fault): FAULTED, reported once, with what to do.
 */
void el2r_call(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5,
	       struct el2r_hvc_res *r)
{
	unsigned int cpu = smp_processor_id();
	struct el2r_cpu *c = el2r_cpu(cpu);

	WRITE_ONCE(c->nr_hvcs, c->nr_hvcs + 1);
	el2r_hvc(x0, x1, x2, x3, x4, x5, r);
	if (r->a0 != EL2R_ERR_FAULT)
		return;
	if (xchg(&c->state, EL2R_CPU_FAULTED) == EL2R_CPU_FAULTED)
		return;
	if (el2r_payload_faulted(cpu))
		return;
	pr_err("CPU%u: EL2 took a %s exception in call %#llx: ESR_EL2=%#llx FAR_EL2=%#llx ELR_EL2=%#llx; the hyp-stub is back at EL2 on this CPU and el2reset leaves it alone; please report this, then write 1 to /sys/kernel/el2reset/install to retry\n",
	       cpu, el2r_fault_kind(r->a4), x0, r->a1, r->a2, r->a3);
}

/*
 * The status call: who is at EL2 on this CPU (el2reset's answer, the
 * stub's HVC_STUB_ERR, KVM's SMCCC_RET_NOT_SUPPORTED). Only ever called
 * once the load-time verdict says an HVC is safe.
 */
void el2r_probe_this_cpu(struct el2r_hvc_res *res)
{
	el2r_call(EL2R_HVC_STATUS, 0, 0, 0, 0, 0, res);
}

static void el2r_probe_fn(void *res)
{
	el2r_probe_this_cpu(res);
}

/* Status of @cpu, read from EL2 by an IPI; non-zero if it is offline. */
int el2r_cpu_status(unsigned int cpu, struct el2r_hvc_res *res)
{
	memset(res, 0, sizeof(*res));
	/* smp_call_function_single() fails on an offline CPU */
	return smp_call_function_single(cpu, el2r_probe_fn, res, 1);
}

/* Counted per CPU and event; a round that is not counted never calls it */
void el2r_count_event(unsigned int cpu, bool install, enum el2r_event ev)
{
	struct el2r_cpu *c = el2r_cpu(cpu);

	if (install)
		WRITE_ONCE(c->installs[ev], c->installs[ev] + 1);
	else
		WRITE_ONCE(c->teardowns[ev], c->teardowns[ev] + 1);
}

unsigned long el2r_event_count(unsigned int cpu, bool install,
			       enum el2r_event ev)
{
	struct el2r_cpu *c = el2r_cpu(cpu);

	return install ? READ_ONCE(c->installs[ev]) : READ_ONCE(c->teardowns[ev]);
}

/* In enum order: the same list expanded twice */
static const char * const el2r_event_names[EL2R_NR_EVENTS] = {
#define EL2R_EVENT(id, name)	name,
#include "el2r_events.h"
};

const char *el2r_event_name(enum el2r_event ev)
{
	return ev < EL2R_NR_EVENTS ? el2r_event_names[ev] : "?";
}

/*
 * A payload's entry took an exception at EL2 on @cpu (asm/el2_image.S,
 * el2r_pl_fault: trap_kind EL2R_TRAP_PAYLOAD, ELR last): report it once
 * (the slot's trap_elr is cleared only by an explicit install). True if
 * that is what the slot says.
 */
static bool el2r_payload_faulted(unsigned int cpu)
{
	static const char * const what[] = {
		[EL2R_PL_START] = "start", [EL2R_PL_STOP] = "stop",
		[EL2R_PL_HVC] = "hvc", [EL2R_PL_TRAP] = "trap",
	};
	const struct el2r_pcpu *slot = el2r_image_slot(cpu);
	u64 elr = READ_ONCE(slot->trap_elr), ctx, kind;
	unsigned int pl;

	if (!elr)
		return false;
	smp_rmb();		/* EL2 wrote ELR last: el2r_pl_fault */
	if (READ_ONCE(slot->trap_kind) != EL2R_TRAP_PAYLOAD)
		return false;
	ctx = READ_ONCE(slot->pl_fault);
	pl = (ctx & EL2R_PL_CTX_SLOT_MASK) - 1;
	kind = ctx >> EL2R_PL_CTX_KIND_SHIFT;
	pr_err("CPU%u: payload %s took an exception at EL2 in its %s entry: ESR_EL2=%#llx (EC %#llx) FAR_EL2=%#llx ELR_EL2=%#llx (code + %#llx); the hyp-stub is back at EL2 on this CPU and el2reset leaves it alone; write 1 to /sys/kernel/el2reset/install to retry\n",
	       cpu, el2r_image_payload_name(pl),
	       kind < ARRAY_SIZE(what) && what[kind] ? what[kind] : "?",
	       READ_ONCE(slot->trap_esr), EL2R_ESR_EC(READ_ONCE(slot->trap_esr)),
	       READ_ONCE(slot->pl_fault_far), elr,
	       elr - el2r_image_payload_code(pl));
	return true;
}

/* The fold ------------------------------------------------------------- */

static u64 el2r_handovers(const struct el2r_pcpu *slot)
{
	return READ_ONCE(slot->nr_handover) + READ_ONCE(slot->nr_reset_vectors);
}

/* What the slot has counted so far is the past: on this CPU, IRQs off */
static void el2r_set_handover_base(unsigned int cpu)
{
	const struct el2r_pcpu *slot = el2r_image_slot(cpu);
	struct el2r_cpu *c = el2r_cpu(cpu);

	WRITE_ONCE(c->reset_vectors_base, READ_ONCE(slot->nr_reset_vectors));
	WRITE_ONCE(c->handover_base, el2r_handovers(slot));
}

/*
 * Did the CPU hand EL2 to KVM? Only KVM sends HVC_RESET_VECTORS, and KVM's
 * HVC_SET_VECTORS installs its __kvm_hyp_init: either seen since our
 * install says KVM. Asked of what happened since the install, not of the
 * counters' totals: KVM's HVC_RESET_VECTORS may have gone to the stub
 * before el2reset took the CPU back, and only its HVC_SET_VECTORS to us.
 */
static bool el2r_yield_is_kvm(const struct el2r_cpu *c,
			      const struct el2r_pcpu *slot)
{
	u64 kvm = el2r_kvm.kvm_vectors;

	return READ_ONCE(slot->nr_reset_vectors) !=
	       READ_ONCE(c->reset_vectors_base) ||
	       (kvm && READ_ONCE(slot->last_vectors) == kvm);
}

/* RESIDENT -> @to, once, logged; false if the CPU was no longer RESIDENT */
static bool el2r_cpu_leave_resident(unsigned int cpu, enum el2r_cpu_state to)
{
	return cmpxchg(&el2r_cpu(cpu)->state, EL2R_CPU_RESIDENT, to) ==
	       EL2R_CPU_RESIDENT;
}

static void el2r_report_trap(unsigned int cpu, const struct el2r_pcpu *slot,
			     u64 elr)
{
	static const char * const kinds[] = {
		[EL2R_TRAP_SYNC] =
			"a synchronous exception from EL1 that is not an HVC",
		[EL2R_TRAP_IRQ] = "an IRQ from EL1",
		[EL2R_TRAP_FIQ] = "an FIQ from EL1",
		[EL2R_TRAP_SERROR] = "an SError from EL1",
	};
	u64 esr = READ_ONCE(slot->trap_esr), kind = READ_ONCE(slot->trap_kind);
	char syn[64];

	/* ESR_EL2 says nothing of an IRQ or FIQ: only of the others */
	if (kind == EL2R_TRAP_IRQ || kind == EL2R_TRAP_FIQ)
		snprintf(syn, sizeof(syn), "ELR_EL2=%#llx", elr);
	else
		snprintf(syn, sizeof(syn), "ESR_EL2=%#llx (EC %#llx) ELR_EL2=%#llx",
			 esr, EL2R_ESR_EC(esr), elr);
	pr_err("CPU%u: EL2 took %s: %s, a trap or routing control left set at EL2; the hyp-stub is back at EL2 on this CPU, as the kernel had it, and el2reset leaves it alone; please report this, then write 1 to /sys/kernel/el2reset/install to retry\n",
	       cpu, kind < ARRAY_SIZE(kinds) ? kinds[kind] :
	       "an exception from EL1", syn);
}

/*
 * Fold what EL2's slot says of @cpu into its state, needing no HVC: the
 * resident code records an exception from EL1 that was not a call
 * (asm/el2_image.S, el2r_el1: kind, ESR_EL2, then ELR_EL2) and counts every
 * HVC_RESET_VECTORS (KVM sends it before it claims EL2) and
 * HVC_SET_VECTORS (KVM, kexec, hibernation) it obeys, handing EL2 over
 * each time. Called where the state must be current: at the start of
 * every install and teardown on the CPU, and before a reader reports it
 * (sysfs owner, debugfs). Each change is logged once.
 */
void el2r_cpu_fold(unsigned int cpu)
{
	const struct el2r_pcpu *slot = el2r_image_slot(cpu);
	struct el2r_cpu *c = el2r_cpu(cpu);
	u64 elr;
	bool kvm;

	if (!slot || el2r_cpu_state(cpu) != EL2R_CPU_RESIDENT)
		return;
	elr = READ_ONCE(slot->trap_elr);
	if (elr) {
		smp_rmb();		/* EL2 wrote ELR last: el2r_el1 */
		if (el2r_cpu_leave_resident(cpu, EL2R_CPU_FAULTED) &&
		    !el2r_payload_faulted(cpu))
			el2r_report_trap(cpu, slot, elr);
		return;
	}
	if (el2r_handovers(slot) == READ_ONCE(c->handover_base))
		return;
	kvm = el2r_yield_is_kvm(c, slot);
	if (!el2r_cpu_leave_resident(cpu, kvm ? EL2R_CPU_KVM :
				     EL2R_CPU_HANDED))
		return;
	el2r_count_event(cpu, false, EL2R_EV_KVM);
	pr_info("CPU%u: EL2 yielded to %s\n", cpu, kvm ? "KVM" :
		"the caller of HVC_SET_VECTORS (kexec or hibernation)");
}

/* Transitions under the round lock ------------------------------------- */

void el2r_cpu_mark_no_el2(unsigned int cpu)
{
	if (xchg(&el2r_cpu(cpu)->state, EL2R_CPU_NO_EL2) == EL2R_CPU_NO_EL2)
		return;
	pr_warn("CPU%u came online after a CPU entered the kernel at EL1 (__boot_cpu_mode is no longer EL2 on every CPU): no HVC on it, el2reset leaves it alone (%d such CPUs)\n",
		cpu, atomic_inc_return(&el2r_nr_no_el2));
}

/*
 * An explicit install is the one way back for a CPU that faulted, online
 * or not: its EL2 is the stub's, and EL2 no longer writes its slot.
 */
void el2r_cpus_forget_faults(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		el2r_cpu_fold(cpu);
		if (el2r_cpu_state(cpu) != EL2R_CPU_FAULTED)
			continue;
		WRITE_ONCE(el2r_image_slot(cpu)->trap_elr, 0);
		el2r_cpu_set(cpu, EL2R_CPU_STUB);
	}
}

/*
 * KVM gives EL2 back to the stub when it disables itself - its last VM
 * destroyed (6.1; 6.12+ with kvm.enable_virt_at_load=0): cpu_hyp_reset()
 * sends HVC_RESET_VECTORS to KVM's own EL2 code. An explicit install takes
 * such a CPU back: the status call is asked on this CPU, and only if the
 * stub answers it (HVC_STUB_ERR) is the CPU the stub's again; KVM's EL2
 * code answers SMCCC_RET_NOT_SUPPORTED (nVHE's host HVC handler and
 * __kvm_hyp_init alike) and the CPU stays KVM's. Only CPUs yielded to KVM
 * are asked: KVM is the one owner known to answer an unknown call
 * harmlessly.
 *
 * No race with KVM: EL2 on this CPU changes only by an HVC issued on this
 * CPU, and none runs between this answer and the install that follows it
 * in the same IPI (IRQs off). KVM's own calls may come before or after it
 * (6.1: from an IPI of its own) or around it (6.12+: from a hotplug
 * callback with IRQs on). After its HVC_RESET_VECTORS the stub answers and
 * el2reset installs; KVM's next HVC_SET_VECTORS then reaches el2reset's
 * code, which obeys and counts it (folded: KVM's again). After that call,
 * __kvm_hyp_init answers SMCCC_RET_NOT_SUPPORTED: left alone.
 */
void el2r_reclaim_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	struct el2r_hvc_res r;

	if (el2r_cpu_state(cpu) != EL2R_CPU_KVM || !el2r_kvm.kvm_initialised)
		return;
	el2r_probe_this_cpu(&r);
	if (r.a0 != HVC_STUB_ERR)
		return;
	el2r_cpu_set(cpu, EL2R_CPU_STUB);
	pr_info("CPU%u: KVM gave EL2 back to the stub; taking it back\n", cpu);
}

/* Install and teardown on this CPU ------------------------------------- */

/*
 * Someone else than the stub or el2reset answered on this CPU: KVM, if it
 * is initialised (it claimed EL2 while we were not resident here).
 */
static int el2r_other_owner(unsigned int cpu)
{
	if (!el2r_kvm.kvm_initialised) {
		el2r_cpu_set(cpu, EL2R_CPU_UNKNOWN);
		return -EBUSY;
	}
	if (xchg(&el2r_cpu(cpu)->state, EL2R_CPU_KVM) != EL2R_CPU_KVM) {
		el2r_count_event(cpu, false, EL2R_EV_KVM);
		pr_info("CPU%u: EL2 yielded to KVM\n", cpu);
	}
	return 0;
}

/*
 * Install on this CPU. IRQs off (IPI, cpuhp or CPU PM callback on this CPU).
 * Returns 1 if installed now, 0 if nothing to do (already resident, or EL2
 * yielded to KVM), or an error.
 *
 * The status call stays first here: the first call that changes anything,
 * HVC_SET_VECTORS, is one every owner acts on -- el2reset's resident code
 * would obey it as a hand-over (counted as a yield), the stub installs the
 * vectors -- so who is there must be known before it. Asking with
 * EL2R_HVC_INIT instead would save nothing: from the stub it is then
 * INIT (refused), SET_VECTORS, INIT, three calls as now.
 */
int el2r_install_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	u64 stub = el2r_image_stub_vectors();
	struct el2r_hvc_res r;

	el2r_cpu_fold(cpu);
	if (el2r_cpu_left_alone(cpu))
		return 0;
	el2r_probe_this_cpu(&r);
	if (r.a0 == EL2R_MAGIC) {
		el2r_cpu_set(cpu, EL2R_CPU_RESIDENT);	/* already */
		return 0;
	}
	if (r.a0 == EL2R_ERR_FAULT)
		return -EFAULT;
	if (r.a0 != HVC_STUB_ERR)
		return el2r_other_owner(cpu);	/* never touch it */
	el2r_cpu_set(cpu, EL2R_CPU_STUB);
	el2r_call(HVC_SET_VECTORS, el2r_image_vectors(), 0, 0, 0, 0, &r);
	if (r.a0)
		return -EIO;
	el2r_call(EL2R_HVC_INIT, el2r_image_slot_pa(cpu), 0, 0, 0, 0, &r);
	switch (r.a0) {
	case 0:
		break;
	case EL2R_ERR_FAULT:			/* reported, the stub is back */
		return -EFAULT;
	case EL2R_ERR_E2H:			/* refused: nothing changed */
		el2r_call(EL2R_HVC_RESET, stub, 0, 0, 0, 0, &r);
		return -EPROTONOSUPPORT;
	default:
		el2r_call(EL2R_HVC_RESET, stub, 0, 0, 0, 0, &r);
		return -EIO;
	}
	/* Only our EL2R_HVC_INIT answers 0, and only with the MMU on. */
	if (el2r_image_nr_payloads()) {
		el2r_call(EL2R_HVC_PAYLOAD_START, 0, 0, 0, 0, 0, &r);
		if (r.a0 == EL2R_ERR_FAULT)	/* reported, the stub is back */
			return -EFAULT;
		if (r.a0) {
			int err = IS_ERR_VALUE(r.a0) ? (int)r.a0 : -EIO;

			pr_err("CPU%u: payload %s refused to start: %d\n", cpu,
			       el2r_image_payload_name(r.a1), err);
			el2r_call(EL2R_HVC_RESET, stub, 0, 0, 0, 0, &r);
			return err;
		}
	}
	el2r_set_handover_base(cpu);
	el2r_cpu_set(cpu, EL2R_CPU_RESIDENT);
	return 1;
}

/*
 * Tear down on this CPU: back to the kernel's stub. Returns 1 if torn down
 * now, 0 if nothing to do (already the stub, or EL2 is KVM's), or an error.
 *
 * One HVC, the reset call itself, with no status call first: its own
 * answer says who was there, and no other owner el2reset can meet acts on
 * it. Its number is above HVC_STUB_HCALL_NR and has bit 31 clear, so
 *  - the hyp-stub (hyp-stub.S elx_sync, read in 6.1; 6.12 and 7.3 answer
 *    the status call, same range, alike in every test) matches none of
 *    its calls and answers HVC_STUB_ERR, nothing else done;
 *  - KVM's nVHE host handler (hyp/nvhe/host.S __host_hvc sends it past
 *    the stub calls; hyp-main.c handle_host_hcall) finds no host call at
 *    id - KVM_HOST_SMCCC_ID(0) and answers SMCCC_RET_NOT_SUPPORTED,
 *    nothing else done (pKVM and VHE KVM are refused at load);
 *  - el2reset's EL2 code tears down and answers 0.
 * A CPU where KVM claimed EL2 from us is known without an HVC (the fold).
 */
int el2r_teardown_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	struct el2r_hvc_res r;

	el2r_cpu_fold(cpu);
	if (el2r_cpu_left_alone(cpu))
		return 0;
	el2r_call(EL2R_HVC_RESET, el2r_image_stub_vectors(), 0, 0, 0, 0, &r);
	switch (r.a0) {
	case 0:					/* ours: the stub is back */
		/* a payload's stop that took an exception: reported */
		el2r_cpu_set(cpu, el2r_payload_faulted(cpu) ?
			     EL2R_CPU_FAULTED : EL2R_CPU_STUB);
		return 1;
	case EL2R_ERR_FAULT:			/* reported; torn down */
		return 1;
	case HVC_STUB_ERR:			/* the stub already */
		el2r_cpu_set(cpu, EL2R_CPU_STUB);
		return 0;
	default:
		return el2r_other_owner(cpu);
	}
}

/*
 * Install or tear down on this CPU (IRQs off), for @ev; traced (el2r_cpu),
 * its result kept as the CPU's last error. The one entry point of the IPI
 * rounds, hotplug and CPU PM.
 */
int el2r_this_cpu(bool install, enum el2r_event ev)
{
	unsigned int cpu = smp_processor_id();
	u64 t0 = ktime_get_ns();
	int ret = el2r_testing() ? el2r_test_hooks->fail(cpu, install) : 0;

	if (!ret)
		ret = install ? el2r_install_this_cpu() :
				el2r_teardown_this_cpu();
	WRITE_ONCE(el2r_cpu(cpu)->last_err, min(ret, 0));
	trace_el2r_cpu(cpu, install, ev, ret, ktime_get_ns() - t0);
	return ret;
}
