/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2reset_payload.h - the API another module uses to run its own code at
 * EL2 through el2reset (Documentation/payloads.rst), with el2reset's
 * guarantee: EL2 handed back clean, on every CPU, on every event.
 *
 * A payload is position-independent EL2 code (no absolute address, no
 * kernel call, no EL1 address: el2reset copies it, as linked, into pages
 * it owns and maps executable at EL2 only) with up to four entry points,
 * each an AAPCS64 function that el2reset calls on its own EL2 stack with
 *	x0 = struct el2r_payload_regs *regs	(EL2 address)
 *	x1 = this CPU's data area		(EL2 address)
 *	x2 = this CPU's number
 * and every general-purpose register of the interrupted code saved in
 * *regs (restored from it afterwards):
 *	start	on each CPU where el2reset installs (load, a CPU coming online
 *		or back from a power-down, sysfs install, the registration
 *		itself); returns 0, or a negative errno: the install fails
 *		on that CPU.
 *	stop	on each CPU at every teardown, before el2reset turns its EL2
 *		MMU off: sysfs reset, CPU offline, reboot, kexec, kdump's soft
 *		restart, a hand-over to KVM, unregistering, el2reset's unload,
 *		an exception el2reset did not expect. Its return value is
 *		ignored; el2reset then gives EL2 back to the kernel's stub
 *		exactly as the stub had it (HCR_EL2 included), whatever the
 *		payload left.
 *	hvc	an HVC64 from EL1 whose function ID (x0) lies in
 *		[hvc_first, hvc_last]: arguments in regs->x[0..17], results
 *		written there, as in SMCCC.
 *	trap	a synchronous exception from AArch64 EL1 whose ESR_EL2.EC bit
 *		is set in trap_ec (a trap the payload's start enabled, e.g.
 *		HCR_EL2.TVM); returns 0 once handled (EL1 resumes at
 *		regs->elr: advance it past an emulated instruction), non-zero
 *		to decline it (el2reset then hands EL2 back and reports).
 * An exception taken at EL2 while a payload entry runs is recovered: that
 * CPU goes back to the stub, el2reset reports it and leaves the CPU alone
 * ("faulted") until an explicit install; the interrupted EL1 code goes on.
 */
#ifndef EL2RESET_PAYLOAD_H
#define EL2RESET_PAYLOAD_H

#include <linux/list.h>
#include <linux/types.h>

struct module;

/* What a payload's entry sees of the code EL2 interrupted */
struct el2r_payload_regs {
	u64 x[31];		/* x0-x30 */
	u64 elr;		/* ELR_EL2: where EL1 resumes */
	u64 spsr;		/* SPSR_EL2 */
	u64 esr;		/* ESR_EL2 of the exception */
	u64 far;		/* FAR_EL2 of the exception */
};

/* An entry point the payload does not have */
#define EL2R_PAYLOAD_NO_ENTRY	(~0U)

#define EL2R_PAYLOAD_MAX	4	/* registered at once */
#define EL2R_PAYLOAD_CODE_MAX	(64 * 1024)
#define EL2R_PAYLOAD_DATA_MAX	(64 * 1024)	/* per CPU */
#define EL2R_PAYLOAD_STACK_MIN	512
#define EL2R_PAYLOAD_STACK_MAX	(64 * 1024)

struct el2r_payload {
	/* Filled by the payload module */
	const char *name;
	struct module *owner;		/* THIS_MODULE */
	const void *code;		/* its EL2 code, as linked */
	size_t code_size;
	/* offsets of the entry points in code, or EL2R_PAYLOAD_NO_ENTRY */
	u32 start, stop, hvc, trap;
	u32 hvc_first, hvc_last;	/* served function IDs; none: 0, 0 */
	u64 trap_ec;			/* BIT(EC) for each ESR_EL2.EC */
	size_t data_size;		/* per-CPU data area, zeroed */
	size_t stack_size;		/* per-CPU EL2 stack */

	/* el2reset's own, zero at registration */
	struct list_head node;
	unsigned int index;
	struct page *code_pages;
	size_t code_alloc;
	void *data;			/* CPU 0's area (EL1 address) */
	size_t data_stride, data_alloc;
};

/*
 * Register @pl: every CPU where el2reset is resident tears down (stop of
 * the payloads already there), then installs again with @pl (start),
 * under the CPU hotplug lock. 0, or:
 *   -EINVAL	    a field out of range (the dmesg line names it)
 *   -EEXIST	    @pl is registered already
 *   -EADDRINUSE    its HVC range holds a stub-ABI, el2reset or another
 *		    payload's function ID, or its trap_ec another payload's
 *   -ENOSPC	    EL2R_PAYLOAD_MAX payloads are registered
 *   -ESHUTDOWN     the system is going down (reboot, kexec)
 *   -ENOMEM	    no memory for its pages
 *   -EBUSY	    some CPU's EL2 could not be taken back from el2reset's
 *		    code (its teardown failed): nothing changed
 *   the error of the install (its start's errno, -EFAULT if it took an
 *   exception at EL2): then @pl is not registered and every CPU is back
 *   as it was.
 * A CPU whose EL2 KVM holds, or that is offline, gets @pl when el2reset
 * installs there next (KVM giving EL2 back and sysfs install, the CPU
 * coming online). While el2reset is not resident (install=0, after a
 * sysfs reset) @pl is registered and starts with the next install.
 */
int el2r_payload_register(struct el2r_payload *pl);

/*
 * Stop @pl on every CPU (a teardown, then an install without it where
 * el2reset was resident) and free its EL2 pages. Call it before the
 * module that holds @pl's code goes away; el2reset cannot be unloaded
 * while a payload module that links against it is loaded.
 */
void el2r_payload_unregister(struct el2r_payload *pl);

/*
 * @cpu's data area, as EL1 sees it (the EL2 writes of a running payload
 * are coherent with it: both are cacheable, inner shareable).
 */
void *el2r_payload_data(const struct el2r_payload *pl, unsigned int cpu);

/* Is @pl running at EL2 on @cpu now (started, and not stopped since)? */
bool el2r_payload_running(const struct el2r_payload *pl, unsigned int cpu);

#endif /* EL2RESET_PAYLOAD_H */
