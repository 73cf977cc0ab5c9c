/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2_image.S - el2reset's EL2 code: the resident vectors and the reset
 * trampoline, in one page.
 *
 * module/el2.c copies [__el2r_image_start, __el2r_image_end) to the start of
 * a page it allocates and maps at EL2 with virtual address == physical
 * address (the idmap page). Everything here is position independent, runs
 * with or without the EL2 MMU (the addresses are the same either way), uses
 * no stack and only registers the hyp-stub ABI lets EL2 clobber: x0-x4 the
 * call, x9-x10 scratch, x14-x17 what a fault needs to return to the caller
 * (el2r_fault). Never x18 (the kernel's shadow call stack pointer).
 *
 * The calls (x0 = number, x1-x4 = arguments, x0 = result):
 *   HVC_SET_VECTORS	hand EL2 to the caller: tear down, VBAR_EL2 = x1
 *   HVC_SOFT_RESTART	tear down, then branch to x1 at EL2 with x0-x2 = x2-x4
 *   HVC_RESET_VECTORS	tear down, VBAR_EL2 = the kernel's stub vectors
 *   EL2R_HVC_STATUS	report (see el2reset_abi.h)
 *   EL2R_HVC_INIT	turn on el2reset's EL2 MMU
 *   EL2R_HVC_RESET	tear down, VBAR_EL2 = x1
 *   EL2R_HVC_TEST_FAULT	tests only: take a data abort at EL2
 *   EL2R_HVC_TEST_TRAP	tests only: set HCR_EL2.TWI (WFI at EL1 traps)
 *   EL2R_HVC_TEST_PIE	tests only: hand over, TCR2_EL2.PIE = 1 left behind
 *   anything else	HVC_STUB_ERR, as the hyp-stub answers (this includes
 *			HVC_FINALISE_EL2, which the stub refuses too once the
 *			EL2 MMU is on)
 *
 * The first three are the kernel's own hyp-stub ABI (hyp-abi.rst): the kernel
 * sends them to whatever vectors are live, kexec and kdump without any
 * notifier running first, so the resident code honours them exactly as the
 * stub would, after handing EL2 back clean.
 *
 * No exception taken at EL2 is a hang: every vector but the HVC one goes to
 * el2r_fault, which hands EL2 back to the stub and returns to the HVC's
 * caller with EL2R_ERR_FAULT and the exception's syndrome.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>
#include <asm/insn-def.h>
#include <asm/kvm_arm.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "el2reset_abi.h"
#include "el2reset_hw.h"

	.pushsection	".el2reset.idmap.text", "ax"

/*
 * \label: a vector's target for an exception el2reset never expects at EL2,
 * reporting kind \kind (EL2R_FAULT_*) in x17, as hyp-stub.S's
 * invalid_vector does for its own.
 */
.macro	el2r_fault_entry	label, kind
SYM_CODE_START_LOCAL(\label)
	mov	x17, #\kind
	b	el2r_fault
SYM_CODE_END(\label)
.endm

/*
 * \reg = this CPU's el2r_pcpu slot, or 0 while our MMU is off: TPIDR_EL2 may
 * then hold anything a previous EL2 owner left there, and a store through
 * it with the MMU off would hit physical memory we do not own.
 */
.macro	el2r_slot	reg
	mrs	\reg, sctlr_el2
	tbz	\reg, #EL2R_SCTLR_M_BIT, .Lslot\@
	mrs	\reg, tpidr_el2
	b	.Lslotdone\@
.Lslot\@:
	mov	\reg, xzr
.Lslotdone\@:
.endm

/* Add one to this CPU's counter at \field (only with our MMU on). */
.macro	el2r_count	field
	el2r_slot	x9
	cbz	x9, .Lnocount\@
	ldr	x10, [x9, #\field]
	add	x10, x10, #1
	str	x10, [x9, #\field]
.Lnocount\@:
.endm

/*
 * HCR_EL2 = \reg as the kernel's msr_hcr_el2 (7.x sysreg.h) writes it:
 * Ampere's erratum AC04_CPU_23 wants a DSB before and an ISB right after.
 * Both are harmless elsewhere, and the ISB also puts the new value in
 * effect before anything that follows.
 */
.macro	el2r_msr_hcr	reg
	dsb	nsh
	msr	hcr_el2, \reg
	isb
.endm

/*
 * The one way out of el2reset's regime, for every hand-over (as hyp-init.S's
 * reset: label is for KVM): the MMU and caches off, our translations
 * dropped, TTBR0_EL2 cleared, HCR_EL2 as the stub expects. The caller then
 * installs the next vectors and ends with an ISB and the ERET. Clobbers
 * \tmp; no memory access but the fetch of these instructions.
 */
.macro	el2r_mmu_off_tail	tmp
	mov_q	\tmp, INIT_SCTLR_EL2_MMU_OFF	// M, C, I, WXN... clear
	pre_disable_mmu_workaround
	msr	sctlr_el2, \tmp
	/* The MMU and D-cache are off for everything that follows. */
	isb
	/*
	 * Now, and only now, drop our translations: turning the MMU off does
	 * not empty the TLB, and our page tables are about to be freed, so
	 * no later owner that enables its MMU without a TLBI of its own may
	 * hit them. Before the switch this would have been refilled at once.
	 */
	tlbi	alle2
	/* The TLBI is complete before anything else happens on this PE. */
	dsb	nsh
	msr	ttbr0_el2, xzr			// nothing walks freed tables
	/*
	 * HCR_EL2 as the kernel's init_el2 leaves it for its stub (and as the
	 * next kernel's head.S writes it anyway): HCR_HOST_NVHE_FLAGS, no
	 * trap bit. A trap bit left set would send the trapped EL1
	 * instruction to the stub, which takes any exception for a call.
	 * Not with E2H set: that is hVHE's stub (HCR_HOST_NVHE_FLAGS | E2H,
	 * el2_setup.h's init_el2_hcr), where EL2R_HVC_INIT refused to run,
	 * so nothing of ours is there to undo.
	 */
	mrs	\tmp, hcr_el2
	tbnz	\tmp, #EL2R_HCR_E2H_BIT, .Lhcr_kept\@
	mov_q	\tmp, HCR_HOST_NVHE_FLAGS
	el2r_msr_hcr	\tmp
.Lhcr_kept\@:
.endm

	/* VBAR_EL2 needs 2 KiB alignment: the vectors open the image. */
	.align	11
SYM_INNER_LABEL(__el2r_image_start, SYM_L_GLOBAL)
SYM_CODE_START(__el2r_vectors)
	ventry	el2r_sync_el2t			// Synchronous EL2t
	ventry	el2r_irq_el2t			// IRQ EL2t
	ventry	el2r_fiq_el2t			// FIQ EL2t
	ventry	el2r_error_el2t			// Error EL2t

	ventry	el2r_sync_el2h			// Synchronous EL2h
	ventry	el2r_irq_el2h			// IRQ EL2h
	ventry	el2r_fiq_el2h			// FIQ EL2h
	ventry	el2r_error_el2h			// Error EL2h

	ventry	el2r_sync			// Synchronous 64-bit EL1
	ventry	el2r_lower			// IRQ 64-bit EL1
	ventry	el2r_lower			// FIQ 64-bit EL1
	ventry	el2r_lower			// Error 64-bit EL1

	ventry	el2r_lower			// Synchronous 32-bit EL1
	ventry	el2r_lower			// IRQ 32-bit EL1
	ventry	el2r_lower			// FIQ 32-bit EL1
	ventry	el2r_lower			// Error 32-bit EL1
SYM_CODE_END(__el2r_vectors)

	el2r_fault_entry	el2r_sync_el2t, EL2R_FAULT_SYNC
	el2r_fault_entry	el2r_irq_el2t, EL2R_FAULT_IRQ
	el2r_fault_entry	el2r_fiq_el2t, EL2R_FAULT_FIQ
	el2r_fault_entry	el2r_error_el2t, EL2R_FAULT_SERROR
	el2r_fault_entry	el2r_sync_el2h, EL2R_FAULT_SYNC
	el2r_fault_entry	el2r_irq_el2h, EL2R_FAULT_IRQ
	el2r_fault_entry	el2r_fiq_el2h, EL2R_FAULT_FIQ
	el2r_fault_entry	el2r_error_el2h, EL2R_FAULT_SERROR

/*
 * An IRQ, FIQ or SError from EL1 (HCR_EL2's IMO/FMO/AMO are clear: none is
 * routed here unless someone left them set), or anything from AArch32 EL1
 * (the kernel has none): reported like a fault at EL2, with the
 * interrupted EL1 context as the place to return to. Its x0-x4, x9, x10
 * and x14-x17 are lost then: an error the kernel can see is still better
 * than a CPU parked at EL2 without a word.
 */
SYM_CODE_START_LOCAL(el2r_lower)
	mrs	x15, elr_el2
	mrs	x16, spsr_el2
	mov	x14, xzr
	mov	x17, #EL2R_FAULT_LOWER
	b	el2r_fault
SYM_CODE_END(el2r_lower)

/*
 * A synchronous exception from EL1 that is not an HVC64: an instruction
 * trapped by a control someone left set. Not a call, and no caller waits
 * for an answer: the registers are the interrupted code's, and none is
 * changed (EL1's x9 is in SP_EL2 since el2r_sync, its x10 waits in
 * TPIDR_EL2, which the hand-over clears anyway). Record ESR_EL2 and
 * ELR_EL2 in this CPU's slot (EL1 then sees the CPU faulted, reports it
 * once and issues no more HVCs there), hand EL2 back to the stub with
 * HCR_EL2 as the kernel set it, and return to the trapped instruction,
 * which then runs untrapped. A WFI or WFE is stepped over instead: it
 * may complete at any time (Arm ARM, "Wait for Interrupt", "Wait for
 * Event"), and a caller with interrupts masked could otherwise wait long.
 * Nothing here can fault: the slot is mapped read-write, and with the MMU
 * off (our vectors live, INIT not yet done: never with EL1 code running
 * between) there is no slot and nothing is recorded.
 */
SYM_CODE_START_LOCAL(el2r_trap)
	mrs	x9, tpidr_el2			// the slot, while the MMU is on
	msr	tpidr_el2, x10
	mrs	x10, sctlr_el2
	tbz	x10, #EL2R_SCTLR_M_BIT, 1f
	mrs	x10, esr_el2
	str	x10, [x9, #EL2R_PCPU_TRAP_ESR]
	/* ESR before ELR for any observer: EL1 reads ELR first */
	dmb	ishst
	mrs	x10, elr_el2
	str	x10, [x9, #EL2R_PCPU_TRAP_ELR]
1:	mrs	x10, esr_el2
	ubfx	x10, x10, #EL2R_ESR_EC_SHIFT, #EL2R_ESR_EC_WIDTH
	cmp	x10, #EL2R_ESR_EC_WFX
	b.ne	2f
	mrs	x10, elr_el2
	add	x10, x10, #AARCH64_INSN_SIZE
	msr	elr_el2, x10
2:	el2r_mmu_off_tail	x9
	ldr	x9, __el2r_stub_vectors
	msr	vbar_el2, x9
	mov	x9, sp				// EL1's x9 and x10 back
	mrs	x10, tpidr_el2
	msr	tpidr_el2, xzr
	/* As el2r_hand_over: everything above in effect before the return */
	isb
	eret
SYM_CODE_END(el2r_trap)

/*
 * A synchronous exception from AArch64 EL1. Only an HVC64 is a call
 * (ESR_EL2.EC): a trap bit left set in HCR_EL2 (TWI, TSC, TVM...) by
 * firmware or an earlier EL2 owner also lands here, and taken for a call
 * x0 = 0 would install x1 as VBAR_EL2 and x0 = 1 jump to x1 at EL2. The
 * kernel's hyp-stub does exactly that -- its el1_sync dispatches on x0
 * without looking at ESR_EL2 -- which is why a hand-over here also leaves
 * HCR_EL2 as the kernel's init_el2 sets it (el2r_mmu_off_tail). EL1's x9
 * waits in SP_EL2 while we look: nothing at EL2 uses a stack (the stub
 * has none; KVM and a kexec'd kernel set SP_EL2 before using it), and a
 * trap must not change the interrupted code's registers.
 * Then the calls, dispatched on x0.
 */
SYM_CODE_START_LOCAL(el2r_sync)
	mov	sp, x9
	mrs	x9, esr_el2
	ubfx	x9, x9, #EL2R_ESR_EC_SHIFT, #EL2R_ESR_EC_WIDTH
	cmp	x9, #EL2R_ESR_EC_HVC64
	b.ne	el2r_trap
	/*
	 * Where this HVC returns to, before anything here can fault: an
	 * exception taken at EL2 overwrites ELR_EL2 and SPSR_EL2, and
	 * el2r_fault returns through these. x14 = 0: no fault being handled.
	 */
	mrs	x15, elr_el2
	mrs	x16, spsr_el2
	mov	x14, xzr
	el2r_count	EL2R_PCPU_NR_CALLS
	cmp	x0, #HVC_SET_VECTORS
	b.eq	el2r_set_vectors
	cmp	x0, #HVC_SOFT_RESTART
	b.eq	el2r_soft_restart
	cmp	x0, #HVC_RESET_VECTORS
	b.eq	el2r_reset_vectors
	mov_q	x9, EL2R_HVC_STATUS
	cmp	x0, x9
	b.eq	el2r_status
	mov_q	x9, EL2R_HVC_INIT
	cmp	x0, x9
	b.eq	el2r_init
	mov_q	x9, EL2R_HVC_RESET
	cmp	x0, x9
	b.eq	el2r_reset
	mov_q	x9, EL2R_HVC_TEST_FAULT
	cmp	x0, x9
	b.eq	el2r_test_fault
	mov_q	x9, EL2R_HVC_TEST_TRAP
	cmp	x0, x9
	b.eq	el2r_test_trap
	mov_q	x9, EL2R_HVC_TEST_PIE
	cmp	x0, x9
	b.eq	el2r_test_pie
	mov_q	x0, HVC_STUB_ERR
	eret
SYM_CODE_END(el2r_sync)

SYM_CODE_START_LOCAL(el2r_status)
	mov_q	x0, EL2R_MAGIC
	mrs	x1, sctlr_el2
	mrs	x2, vbar_el2
	mrs	x3, ttbr0_el2
	el2r_slot	x4
	mov	x5, xzr
	cbz	x4, 1f
	ldr	x5, [x4, #EL2R_PCPU_NR_CALLS]
1:	eret
SYM_CODE_END(el2r_status)

/*
 * x1 = TTBR0_EL2, x2 = TCR_EL2, x3 = MAIR_EL2, x4 = this CPU's slot.
 * We run from the idmap page, so the instruction after the one that turns
 * the MMU on is fetched from the same address, now translated to itself.
 */
SYM_CODE_START_LOCAL(el2r_init)
	mrs	x9, sctlr_el2
	mov_q	x0, EL2R_ERR_MMU_ON
	tbnz	x9, #EL2R_SCTLR_M_BIT, 9f	// not ours to redo
	/*
	 * HCR_EL2.E2H = 1 (hVHE): TCR_EL2 and the descriptors have the
	 * EL1-like two-range layout there, and the values we were given are
	 * for the E2H = 0 one. Refuse rather than enable a regime programmed
	 * wrongly (its IPS would read as a 32-bit output size).
	 */
	mrs	x9, hcr_el2
	mov_q	x0, EL2R_ERR_E2H
	tbnz	x9, #EL2R_HCR_E2H_BIT, 9f
	/*
	 * Every register that shapes the EL2 stage-1 regime (E2H = 0) is
	 * written here, whatever an earlier EL2 owner left in it: the
	 * complete values of MAIR_EL2, TCR_EL2, TTBR0_EL2 and, below, of
	 * SCTLR_EL2; and, where this CPU implements them (its own ID
	 * registers, as el2_setup.h reads them; ID_AA64MMFR3_EL1 is in the
	 * ID space that reads as zero before it was allocated):
	 *  - TCR2_EL2 (FEAT_TCR2) = 0: no permission indirection (PIE), no
	 *    overlays (POE), no AIE/D128 etc. -- access and execute rights
	 *    come from our descriptors' AP/XN bits alone, and PIR_EL2
	 *    (FEAT_S1PIE) and POR_EL2 (FEAT_S1POE) are not used, so they
	 *    need no value of ours;
	 *  - SCTLR2_EL2 (FEAT_SCTLR2) = 0: none of its extensions;
	 *  - GCSCR_EL2 (FEAT_GCS) = 0: no guarded control stack checks at
	 *    EL2.
	 * Each left at 0 at teardown, the "feature off" value that software
	 * not knowing the register (the stub, an older kernel or KVM that
	 * turns its EL2 MMU on next) works under. Firmware gives EL2 access
	 * to them where implemented (booting.rst: SCR_EL3.TCR2En,
	 * SCTLR2En, GCSEn).
	 */
	msr	mair_el2, x3
	msr	tcr_el2, x2
	msr	ttbr0_el2, x1
	mrs	x9, EL2R_ID_AA64MMFR3_EL1
	ubfx	x10, x9, #EL2R_MMFR3_TCRX_SHIFT, #4
	cbz	x10, 1f
	msr	EL2R_TCR2_EL2, xzr
1:	ubfx	x10, x9, #EL2R_MMFR3_SCTLRX_SHIFT, #4
	cbz	x10, 2f
	msr	EL2R_SCTLR2_EL2, xzr
2:	mrs	x9, id_aa64pfr1_el1
	ubfx	x10, x9, #EL2R_PFR1_GCS_SHIFT, #4
	cbz	x10, 3f
	msr	EL2R_GCSCR_EL2, xzr
3:
	/*
	 * All of the above in effect before the TLBI below (which must not
	 * let walks under the old regime refill the TLB) and before the MMU
	 * goes on: direct writes to system registers take effect only after
	 * a context synchronization event (Arm ARM D19.1.2).
	 */
	isb
	/*
	 * With TTBR0_EL2 switched, drop whatever the EL2 TLB still holds from
	 * an earlier EL2 regime (firmware, KVM, a previous el2reset): this is
	 * the one point where a TLBI has the effect we need. EL2 has no ASID,
	 * so only ALLE2 covers it. Local: each CPU does its own.
	 */
	tlbi	alle2
	/*
	 * The idmap page may have held other code at this PA: no stale line
	 * may be fetched once the I-cache is on.
	 */
	ic	iallu
	/* Complete the TLBI and the IC on this PE... */
	dsb	nsh
	/* ...and have the next instructions fetched after them. */
	isb
	/*
	 * SCTLR_EL2 is written whole: every bit INIT_SCTLR_EL2_MMU_ON leaves
	 * out is 0 -- no BTI (BT), no MTE tag checks (ATA, TCF), no pointer
	 * authentication (EnIA, EnIB, EnDA, EnDB): this code uses none of
	 * them. Plus EIS and EOS, as KVM's 7.x value has them: exception
	 * entry and ERET are context synchronization events (FEAT_ExS), and
	 * the rest of the E2H = 0 layout's RES1 bits, which 7.x's generated
	 * SCTLR_EL2_RES1 (0) no longer sets.
	 */
	mov_q	x9, INIT_SCTLR_EL2_MMU_ON | EL2R_SCTLR_EL2_E2H0_RES1
	msr	sctlr_el2, x9
	/* MMU, D-cache and I-cache on for everything that follows. */
	isb
	msr	tpidr_el2, x4
	el2r_count	EL2R_PCPU_NR_INIT
	mov	x0, xzr
9:	eret
SYM_CODE_END(el2r_init)

/* EL2R_HVC_RESET: x1 = the kernel's stub vectors, passed by the caller. */
SYM_CODE_START_LOCAL(el2r_reset)
	el2r_count	EL2R_PCPU_NR_RESET
	b	el2r_hand_over_x1
SYM_CODE_END(el2r_reset)

/*
 * The stub's HVC_SET_VECTORS installs the caller's vectors (x1). While
 * resident we first put EL2 in the state the stub keeps it in (MMU off),
 * then do the same.
 */
SYM_CODE_START_LOCAL(el2r_set_vectors)
	el2r_count	EL2R_PCPU_NR_HANDOVER
	b	el2r_hand_over_x1
SYM_CODE_END(el2r_set_vectors)

/* The kernel hands EL2 back to its stub (KVM does before claiming it). */
SYM_CODE_START_LOCAL(el2r_reset_vectors)
	el2r_count	EL2R_PCPU_NR_RESET_VECTORS
	ldr	x1, __el2r_stub_vectors
	b	el2r_hand_over_x1
SYM_CODE_END(el2r_reset_vectors)

/*
 * HVC_SOFT_RESTART (cpu_soft_restart(): kexec, kdump): x1 = entry at EL2,
 * x2-x4 = its arguments. Hand EL2 back to the stub, then enter x1 at EL2h
 * with all exceptions masked and x0-x2 = x2-x4, as the stub does. This
 * argument shuffle is the kernel's ABI; el2reset's own calls never shuffle.
 */
SYM_CODE_START_LOCAL(el2r_soft_restart)
	el2r_count	EL2R_PCPU_NR_SOFT_RESTART
	msr	elr_el2, x1
	mov	x9, #(PSR_F_BIT | PSR_I_BIT | PSR_A_BIT | PSR_D_BIT | PSR_MODE_EL2h)
	msr	spsr_el2, x9
	mov	x0, x2
	mov	x1, x3
	mov	x2, x4
	ldr	x10, __el2r_stub_vectors
	b	el2r_hand_over
SYM_CODE_END(el2r_soft_restart)

/*
 * The hand-over shared by every call that hands EL2 on: _x1 with the
 * vectors in x1 and 0 as the result; el2r_hand_over itself with the
 * vectors in x10 and x0-x4, ELR_EL2 and SPSR_EL2 already what the caller
 * must get. el2r_mmu_off_tail, then the vectors, then back. Clobbers x9.
 */
SYM_CODE_START_LOCAL(el2r_hand_over_x1)
	mov	x10, x1
	mov	x0, xzr
SYM_INNER_LABEL(el2r_hand_over, SYM_L_LOCAL)
	msr	tpidr_el2, xzr			// no counting with the MMU off
	el2r_mmu_off_tail	x9
	msr	vbar_el2, x10
	/*
	 * The new TTBR0_EL2, HCR_EL2 and VBAR_EL2 in effect before the
	 * return. ERET alone synchronizes only while SCTLR_EL2.EOS is 1, and
	 * the EOS bit of INIT_SCTLR_EL2_MMU_OFF differs by kernel: 6.x builds
	 * it from SCTLR_EL2_RES1 with bit 11 set, 7.x from the generated RES1
	 * mask, which is 0. On a CPU with FEAT_ExS the ERET below is then not
	 * a context synchronization event (hyp-stub.S relies on it anyway).
	 */
	isb
	eret
SYM_CODE_END(el2r_hand_over_x1)

/*
 * EL2R_HVC_TEST_FAULT: a load through an address our tables never map. With
 * the MMU on it is a translation fault at EL2 (el2r_fault); with it off
 * there is nothing to prove and it answers 0.
 */
SYM_CODE_START_LOCAL(el2r_test_fault)
	mrs	x9, sctlr_el2
	mov	x0, xzr
	tbz	x9, #EL2R_SCTLR_M_BIT, 1f
	mov	x9, #EL2R_TEST_FAULT_VA
	ldr	x9, [x9]
1:	eret
SYM_CODE_END(el2r_test_fault)

/*
 * EL2R_HVC_TEST_TRAP: leave a trap bit set, as firmware or an earlier EL2
 * owner might, so that the next WFI at EL1 is taken to EL2.
 */
SYM_CODE_START_LOCAL(el2r_test_trap)
	mrs	x9, hcr_el2
	orr	x9, x9, #EL2R_BIT(EL2R_HCR_TWI_BIT)
	el2r_msr_hcr	x9	/* in effect before EL1 runs again */
	mov	x0, xzr
	eret
SYM_CODE_END(el2r_test_trap)

/*
 * EL2R_HVC_TEST_PIE: hand EL2 back to the stub (x1) as a reset does, then
 * leave TCR2_EL2.PIE = 1 and PIR_EL2 = 0 behind: with that, the next EL2
 * MMU to go on without writing TCR2_EL2 takes every permission from
 * PIR_EL2 -- no access, not even to fetch its vectors.
 */
SYM_CODE_START_LOCAL(el2r_test_pie)
	mrs	x9, EL2R_ID_AA64MMFR3_EL1
	ubfx	x9, x9, #EL2R_MMFR3_S1PIE_SHIFT, #4
	mov_q	x0, EL2R_ERR_NO_FEATURE
	cbz	x9, 1f
	msr	tpidr_el2, xzr
	el2r_mmu_off_tail	x9
	msr	EL2R_PIR_EL2, xzr
	mov	x9, #EL2R_BIT(EL2R_TCR2_PIE_BIT)
	msr	EL2R_TCR2_EL2, x9
	msr	vbar_el2, x1
	isb
	mov	x0, xzr
1:	eret
SYM_CODE_END(el2r_test_pie)

/*
 * An exception taken at EL2 (or an unexpected one from EL1) while our
 * vectors are live, kind in x17. Nothing may hang here: report it, give EL2
 * back to the stub as it was before el2reset, and return to whoever issued
 * the HVC (x15/x16, saved by el2r_sync) with EL2R_ERR_FAULT, x1 = ESR_EL2,
 * x2 = FAR_EL2, x3 = ELR_EL2, x4 = kind. The registers are read first: the
 * hand-over cannot fault (no memory access), so a second exception here
 * would mean broken hardware; x14 marks the first one and a second parks
 * the CPU rather than loop.
 */
SYM_CODE_START_LOCAL(el2r_fault)
	cbnz	x14, el2r_double_fault
	mov	x14, #1
	mrs	x1, esr_el2
	mrs	x2, far_el2
	mrs	x3, elr_el2
	mov	x4, x17
	msr	elr_el2, x15
	msr	spsr_el2, x16
	mov_q	x0, EL2R_ERR_FAULT
	ldr	x10, __el2r_stub_vectors
	b	el2r_hand_over
SYM_CODE_END(el2r_fault)

SYM_CODE_START_LOCAL(el2r_double_fault)
	wfe
	b	el2r_double_fault
SYM_CODE_END(el2r_double_fault)

/*
 * Physical address of the kernel's __hyp_stub_vectors, written by module/el2.c
 * into the copy before any CPU runs it. Read-only at EL2.
 */
	.align	3
SYM_DATA_START(__el2r_stub_vectors)
	.quad	0
SYM_DATA_END(__el2r_stub_vectors)
SYM_INNER_LABEL(__el2r_image_end, SYM_L_GLOBAL)

	/* module/el2.c refuses to load an image larger than 4 KiB. */
	.popsection
