/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2reset_abi.h - the contract between el2reset's C side (EL1) and its EL2
 * code. Included by both C and assembly.
 *
 * Calls follow the kernel's hyp-stub ABI (Documentation/virt/kvm/arm/
 * hyp-abi.rst): call number in x0, arguments in x1-x4, result in x0. The
 * stub-ABI numbers themselves (HVC_SET_VECTORS, HVC_SOFT_RESTART,
 * HVC_RESET_VECTORS, HVC_STUB_ERR) come from the kernel's <asm/virt.h>, so
 * el2reset always speaks the ABI of the kernel it was built for.
 *
 * el2reset's own call numbers sit far above HVC_STUB_HCALL_NR and have bit 31
 * clear, so they are neither stub calls nor SMCCC fast calls: the hyp-stub
 * answers them with HVC_STUB_ERR and KVM's nVHE host handler with
 * SMCCC_RET_NOT_SUPPORTED, nothing else done, which is what lets the status
 * call double as a safe "who is there?" probe once EL2 is known to exist,
 * and the reset call go out alone (design.rst, "One HVC per CPU per
 * reset").
 */
#ifndef EL2RESET_ABI_H
#define EL2RESET_ABI_H

#include <asm/virt.h>

#define EL2R_HVC_BASE		0x656c3200	/* "el2", 0 */

/*
 * EL2R_HVC_STATUS - who is at EL2, and in what state.
 * Returns: x0 = EL2R_MAGIC, x1 = SCTLR_EL2, x2 = VBAR_EL2, x3 = TTBR0_EL2,
 *          x4 = this CPU's el2r_pcpu slot (TPIDR_EL2), 0 with the MMU off,
 *          x5 = number of HVCs this CPU's resident code has handled.
 */
#define EL2R_HVC_STATUS		(EL2R_HVC_BASE + 0)

/*
 * EL2R_HVC_INIT - turn on el2reset's EL2 translation regime on this CPU.
 * Issued right after HVC_SET_VECTORS installed el2reset's vectors.
 * x1 = TTBR0_EL2, x2 = TCR_EL2, x3 = MAIR_EL2,
 * x4 = physical address of this CPU's el2r_pcpu slot (becomes TPIDR_EL2).
 * Returns 0; EL2R_ERR_MMU_ON if the EL2 MMU was already on (not the state
 * the stub keeps); EL2R_ERR_E2H if HCR_EL2.E2H is set (hVHE: TCR_EL2 and
 * the descriptors would have the other layout). Nothing changes then.
 */
#define EL2R_HVC_INIT		(EL2R_HVC_BASE + 1)

/*
 * EL2R_HVC_RESET - tear down: EL2 MMU and D-cache off, translations dropped,
 * VBAR_EL2 = x1 (the physical address of the kernel's __hyp_stub_vectors).
 * Returns 0 with the stub in place.
 */
#define EL2R_HVC_RESET		(EL2R_HVC_BASE + 2)

/*
 * EL2R_HVC_TEST_FAULT - tests only (issued from the test_knobs debugfs
 * file): a load from an address el2reset's tables do not map, to prove that
 * an exception taken at EL2 is recovered (see EL2R_ERR_FAULT). With the MMU
 * off it returns 0: nothing is unmapped then.
 */
#define EL2R_HVC_TEST_FAULT	(EL2R_HVC_BASE + 3)
#define EL2R_TEST_FAULT_VA	0x0		/* never mapped: no page 0 */

/*
 * EL2R_HVC_TEST_TRAP - tests only (debugfs wfi_trap0/wfi_trap1): set
 * HCR_EL2.TWI, as firmware or an earlier EL2 owner might have left it, so
 * that this CPU's next WFI at EL1 is trapped to EL2. Returns 0.
 */
#define EL2R_HVC_TEST_TRAP	(EL2R_HVC_BASE + 4)

/*
 * EL2R_HVC_TEST_PIE - tests only (debugfs pie_left): hand EL2 back to the
 * stub as EL2R_HVC_RESET does, but leave TCR2_EL2.PIE = 1 and PIR_EL2 = 0
 * (no access through any permission index) behind, as firmware or a VHE
 * kernel before a kexec might. x1 = the stub's vectors. Returns 0;
 * EL2R_ERR_NO_FEATURE, and nothing done, without FEAT_S1PIE.
 */
#define EL2R_HVC_TEST_PIE	(EL2R_HVC_BASE + 5)

/*
 * Errors of el2reset's own calls. EL2R_ERR_FAULT: an exception was taken at
 * EL2 while el2reset's vectors were live. The EL2 code then turned its MMU
 * off, put the kernel's stub vectors back and returned to the HVC caller
 * with x1 = ESR_EL2, x2 = FAR_EL2, x3 = ELR_EL2 of the exception and
 * x4 = which vector took it (EL2R_FAULT_*).
 */
#define EL2R_ERR_FAULT		(EL2R_HVC_BASE + 0xf0)
#define EL2R_ERR_E2H		(EL2R_HVC_BASE + 0xf1)
#define EL2R_ERR_MMU_ON		(EL2R_HVC_BASE + 0xf2)
#define EL2R_ERR_NO_FEATURE	(EL2R_HVC_BASE + 0xf3)

#define EL2R_FAULT_SYNC		0	/* vector offsets 0x000/0x200 */
#define EL2R_FAULT_IRQ		1
#define EL2R_FAULT_FIQ		2
#define EL2R_FAULT_SERROR	3
#define EL2R_FAULT_LOWER	4	/* from EL1: not an HVC */

/* "el2reset" as a little-endian string: the resident code's signature. */
#define EL2R_MAGIC		0x7465736572326c65

/* Per-CPU slot (struct el2r_pcpu), written by EL2, read by EL1. */
#define EL2R_PCPU_NR_CALLS	0	/* every HVC handled with the MMU on */
#define EL2R_PCPU_NR_INIT	8	/* EL2R_HVC_INIT */
#define EL2R_PCPU_NR_RESET	16	/* EL2R_HVC_RESET */
#define EL2R_PCPU_NR_SOFT_RESTART 24	/* HVC_SOFT_RESTART (kexec, kdump) */
#define EL2R_PCPU_NR_HANDOVER	32	/* HVC_SET_VECTORS (kexec, hibernate) */
#define EL2R_PCPU_NR_RESET_VECTORS 40	/* HVC_RESET_VECTORS (KVM) */
/*
 * A synchronous exception from EL1 that was not an HVC64 (a trapped
 * instruction), taken while el2reset's MMU was on: ESR_EL2 and ELR_EL2 of
 * it, ELR last. EL2 handed EL2 back to the stub then; EL1 clears them at an
 * explicit install.
 */
#define EL2R_PCPU_TRAP_ESR	48
#define EL2R_PCPU_TRAP_ELR	56	/* non-zero: trapped (a kernel VA) */
#define EL2R_PCPU_SIZE		64	/* one cache line's worth */

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct el2r_pcpu {
	u64 nr_calls;
	u64 nr_init;
	u64 nr_reset;
	u64 nr_soft_restart;
	u64 nr_handover;
	u64 nr_reset_vectors;
	u64 trap_esr;
	u64 trap_elr;
};
#endif

#endif /* EL2RESET_ABI_H */
