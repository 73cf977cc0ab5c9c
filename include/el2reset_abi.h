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
 * x1 = physical address of this CPU's el2r_pcpu slot (becomes TPIDR_EL2).
 * Everything else comes from the image's el2r_params (TTBR0_EL2, TCR_EL2,
 * MAIR_EL2, the EL2R_INIT_* flags), which EL1 wrote before any CPU ran the
 * image. First saves the stub's state in the slot (its stub_* words),
 * which every hand-over then restores.
 * Returns 0; EL2R_ERR_MMU_ON if the EL2 MMU was already on (not the state
 * the stub keeps); EL2R_ERR_E2H if HCR_EL2.E2H is set (hVHE: TCR_EL2 and
 * the descriptors would have the other layout). Nothing changes then.
 */
#define EL2R_HVC_INIT		(EL2R_HVC_BASE + 1)

/*
 * EL2R_HVC_RESET - tear down: EL2 MMU and D-cache off, translations dropped,
 * the stub's state back as EL2R_HVC_INIT found it, VBAR_EL2 = x1 (the
 * physical address of the kernel's __hyp_stub_vectors).
 * Returns 0 with the stub in place.
 */
#define EL2R_HVC_RESET		(EL2R_HVC_BASE + 2)

/*
 * The test calls, EL2R_HVC_TEST_*, exist only in an image loaded with
 * test_knobs=1 (EL2R_INIT_TEST_BIT): otherwise their code is not copied to
 * EL2 and they answer HVC_STUB_ERR, as any unknown call.
 *
 * EL2R_HVC_TEST_FAULT - tests only (issued from the debugfs test knobs):
 * a load from an address el2reset's tables do not map, to prove that
 * an exception taken at EL2 is recovered (see EL2R_ERR_FAULT). With the MMU
 * off it returns 0: nothing is unmapped then.
 */
#define EL2R_HVC_TEST_FAULT	(EL2R_HVC_BASE + 3)
#define EL2R_TEST_FAULT_VA	0x0		/* never mapped: no page 0 */

/*
 * EL2R_HVC_TEST_TRAP - tests only (debugfs wfi_trap0/wfi_trap1, regs_wfi,
 * regs_irq): set, as firmware or an earlier EL2 owner might have left it,
 * x1 = EL2R_TEST_TRAP_TWI: HCR_EL2.TWI, so that this CPU's next WFI at EL1
 * is trapped to EL2; x1 = EL2R_TEST_TRAP_IMO: HCR_EL2.IMO, so that its next
 * physical IRQ is taken to EL2. Returns 0.
 */
#define EL2R_HVC_TEST_TRAP	(EL2R_HVC_BASE + 4)
#define EL2R_TEST_TRAP_TWI	0
#define EL2R_TEST_TRAP_IMO	1

/*
 * What the test helper el2r_test_regs (asm/el1_calls.S) puts in xn around
 * a trapped or interrupted instruction or a call (EL2R_TEST_SENTINEL + n),
 * and in NZCV: what no exception from EL1 that is not a call may change,
 * and no SMCCC 1.1 call in x4-x17.
 */
#define EL2R_TEST_SENTINEL	0x5e5e000000000000
#define EL2R_TEST_NZCV		0xa0000000	/* N and C set */
#define EL2R_NZCV_MASK		0xf0000000

/*
 * EL2R_HVC_TEST_PIE - tests only (debugfs pie_left): hand EL2 back to the
 * stub as EL2R_HVC_RESET does, but leave TCR2_EL2.PIE = 1 and PIR_EL2 = 0
 * (no access through any permission index) behind, as firmware or a VHE
 * kernel before a kexec might. x1 = the stub's vectors. Returns 0;
 * EL2R_ERR_NO_FEATURE, and nothing done, without FEAT_S1PIE.
 */
#define EL2R_HVC_TEST_PIE	(EL2R_HVC_BASE + 5)

/*
 * EL2R_HVC_PAYLOAD_START - right after EL2R_HVC_INIT, where payloads are
 * registered (el2r_params.pl[], Documentation/payloads.rst): run each
 * one's start entry on this CPU, in slot order, and from then on route
 * its HVCs and traps to it. Returns 0; the first payload's non-zero
 * answer in x0 with its slot in x1 (the others are not started: the
 * caller then issues EL2R_HVC_RESET, which stops those that did);
 * EL2R_ERR_FAULT if a start took an exception (the stub is back).
 */
#define EL2R_HVC_PAYLOAD_START	(EL2R_HVC_BASE + 6)

/*
 * A payload's calls may use any function ID but these: the stub ABI's
 * (below HVC_STUB_HCALL_NR), HVC_STUB_ERR, HVC_GET_ICH_VTR_EL2 and
 * el2reset's own [EL2R_HVC_BASE, EL2R_HVC_BASE + EL2R_HVC_SPAN).
 */
#define EL2R_HVC_SPAN		0x100

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

/* "el2reset" as a little-endian string: the resident code's signature. */
#define EL2R_MAGIC		0x7465736572326c65

/*
 * EL2R_INIT_* flags (el2r_params.init_flags): which optional EL2 registers
 * the running kernel itself uses, so that their state is saved and
 * restored, and whether the test calls are there. TCR2_EL2 and SCTLR2_EL2
 * are taken care of wherever the CPU implements them (they shape the EL2
 * regime el2reset turns on); GCSCR_EL2 only where the kernel knows and
 * enables FEAT_GCS (its id_aa64pfr1.gcs override honoured): firmware gives
 * EL2 access to it only then (booting.rst, SCR_EL3.GCSEn).
 */
#define EL2R_INIT_GCS_BIT	0
#define EL2R_INIT_TEST_BIT	1	/* test_knobs=1: the test calls answer */

/* Bits of the slot's features word, set by EL2R_HVC_INIT */
#define EL2R_FEAT_TCR2_BIT	0	/* TCR2_EL2 saved, written, restored */
#define EL2R_FEAT_SCTLR2_BIT	1	/* SCTLR2_EL2 likewise */
#define EL2R_FEAT_GCS_BIT	2	/* GCSCR_EL2 likewise */

/*
 * The kinds of exception from EL1 that are not calls (el2r_pcpu.trap_kind):
 * a trapped instruction (synchronous, ESR_EL2 valid), or an IRQ, FIQ or
 * SError routed to EL2 by a control someone left set in HCR_EL2.
 */
#define EL2R_TRAP_SYNC		0
#define EL2R_TRAP_IRQ		1
#define EL2R_TRAP_FIQ		2
#define EL2R_TRAP_SERROR	3
#define EL2R_TRAP_PAYLOAD	4	/* an exception at EL2 in a payload */

/* What a payload entry is running for (el2r_pcpu.pl_ctx, bits 8-15) */
#define EL2R_PL_START		1
#define EL2R_PL_STOP		2
#define EL2R_PL_HVC		3
#define EL2R_PL_TRAP		4
#define EL2R_PL_CTX_SLOT_MASK	0xff	/* bits 0-7: the payload's slot + 1 */
#define EL2R_PL_CTX_KIND_SHIFT	8
#define EL2R_PL_SLOTS		4	/* = EL2R_PAYLOAD_MAX */

/*
 * The code's room: the image's first EL2R_CODE_ROOM bytes, rounded up to
 * whole pages (two 4 KiB pages, one 16 or 64 KiB page); its data follow
 * (EL2R_DATA_OFFSET, asm-offsets).
 */
#define EL2R_CODE_ROOM		8192

#ifndef __ASSEMBLY__
#include <linux/types.h>

#include "el2reset_payload.h"

/*
 * One payload as EL2 finds it (el2r_params.pl[]): EL2 addresses (VA ==
 * PA), 0 for an entry it does not have; code == 0: a free slot.
 */
struct el2r_pl_desc {
	u64 code;		/* its code's first byte */
	u64 start, stop, hvc, trap;	/* entry points */
	u64 hvc_first, hvc_last;	/* inclusive; first > last: none */
	u64 trap_ec;		/* BIT(ESR_EL2.EC) it handles */
	u64 data;		/* CPU 0's data area */
	u64 data_stride;	/* + cpu * this: that CPU's */
};

/*
 * What el2reset keeps for one CPU while a payload entry runs, at the top
 * of that CPU's EL2 stack (the stack grows down from it, to an unmapped
 * guard page): the interrupted registers (the payload's view), and where
 * el2reset's own code goes on after a stop (link).
 */
struct el2r_frame {
	struct el2r_payload_regs regs;
	u64 link;
} __aligned(16);

/*
 * The loader->EL2 contract: the image's data, mapped read-write and
 * execute-never right after its code, at EL2 VA == PA == VBAR_EL2 +
 * EL2R_DATA_OFFSET while el2reset's vectors are live. The offsets the EL2
 * code uses are generated from these structs by kbuild
 * (module/asm-offsets.c -> el2r-asm-offsets.h), never numbered by hand.
 *
 * el2r_params: written by EL1 once, before any CPU runs the image, and
 * cleaned to the point of coherency with it; read-only for EL2, with its
 * MMU on or off.
 */
struct el2r_params {
	u64 stub_vectors;	/* PA of the kernel's __hyp_stub_vectors */
	u64 ttbr0;		/* TTBR0_EL2: el2reset's tables */
	u64 tcr;		/* TCR_EL2 */
	u64 mair;		/* MAIR_EL2 */
	u64 init_flags;		/* EL2R_INIT_* */
	/*
	 * Payloads (Documentation/payloads.rst): how many slots of pl[] are
	 * used, and each CPU's stack: its frame's address (el2r_pcpu.frame)
	 * is the stack's top, stack_size below it.
	 */
	u64 nr_payloads;
	u64 stack_size;
	struct el2r_pl_desc pl[EL2R_PL_SLOTS];
} __aligned(64);

/*
 * el2r_pcpu: one CPU's slot, written by EL2 with its MMU on, read by EL1.
 * EL2 reads the stub_* words and the spill back with its MMU off, at the
 * end of a hand-over, after cleaning the slot to the point of coherency.
 * EL1 writes it only where EL2 cannot (trap_elr, cleared while the stub
 * holds EL2 on that CPU).
 */
struct el2r_pcpu {
	/* counted by EL2 */
	u64 nr_calls;		/* every HVC handled with the MMU on */
	u64 nr_init;		/* EL2R_HVC_INIT */
	u64 nr_reset;		/* EL2R_HVC_RESET */
	u64 nr_soft_restart;	/* HVC_SOFT_RESTART (kexec, kdump) */
	u64 nr_handover;	/* HVC_SET_VECTORS (KVM, kexec, hibernate) */
	u64 nr_reset_vectors;	/* HVC_RESET_VECTORS (KVM) */
	/*
	 * An exception from EL1 that was not an HVC64 (a trapped instruction,
	 * or an IRQ, FIQ or SError routed to EL2), taken while el2reset's MMU
	 * was on: its kind (EL2R_TRAP_*), ESR_EL2 and ELR_EL2, ELR last. EL2
	 * handed EL2 back to the stub then.
	 */
	u64 trap_kind;
	u64 trap_esr;
	u64 trap_elr;		/* non-zero: trapped */
	u64 last_vectors;	/* x1 of the last HVC_SET_VECTORS */
	/*
	 * The stub's EL2 state, read by EL2R_HVC_INIT before it changed
	 * anything and written back, whole, by every hand-over: el2reset
	 * gives EL2 back exactly as the kernel's stub had it on this CPU
	 * (HCR_EL2 with whatever the kernel set, HCR_ATA on 7.2+; SCTLR_EL2
	 * with its EIS/EOS...).
	 */
	u64 stub_hcr;
	u64 stub_sctlr;
	u64 stub_tcr;
	u64 stub_mair;
	u64 stub_ttbr0;
	u64 stub_tpidr;
	u64 stub_tcr2;
	u64 stub_sctlr2;
	u64 stub_gcscr;
	u64 features;		/* EL2R_FEAT_*: which optional ones */
	/*
	 * EL1's registers an exception from EL1 borrows while EL2 hands over,
	 * moved in pairs by STP/LDP (x9 and x10, x14 and x15, x16 and x17):
	 * each pair 16-byte aligned, which also Device memory (the MMU off)
	 * requires of them.
	 */
	u64 spill_x9, spill_x10;
	u64 spill_x14, spill_x15;
	u64 spill_x16, spill_x17;
	/*
	 * Payloads. frame and cpu: written by EL1 while no CPU runs the
	 * image (0: no payload registered). pl_active: bit n = slot n's
	 * start ran here and its stop has not; pl_ctx: which entry runs now
	 * (EL2R_PL_*, 0: none), for el2r_fault; pl_fault and pl_fault_far:
	 * the pl_ctx and FAR_EL2 of a payload's exception (trap_kind
	 * EL2R_TRAP_PAYLOAD, trap_esr, trap_elr as for EL1's).
	 */
	u64 frame;
	u64 cpu;
	u64 pl_active;
	u64 pl_ctx;
	u64 pl_fault;
	u64 pl_fault_far;
} __aligned(64);

/* The data page(s): the params, then one slot per possible CPU */
struct el2r_image_data {
	struct el2r_params params;
	struct el2r_pcpu pcpu[];
};
#endif

#endif /* EL2RESET_ABI_H */
