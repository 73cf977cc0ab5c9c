/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2_image.S - el2reset's EL2 code: the resident vectors and the reset
 * trampoline, in at most EL2R_CODE_ROOM bytes.
 *
 * module/image.c copies [__el2r_image_start, __el2r_image_end) to the start of
 * a page it allocates and maps at EL2 with virtual address == physical
 * address (the idmap page). Everything here is position independent, runs
 * with or without the EL2 MMU (the addresses are the same either way) and
 * uses no stack.
 *
 * Registers. A call may clobber what its caller lets it: the hyp-stub ABI's
 * callers (C functions, and el2reset's el2r_hvc) x0-x17, of which the calls
 * use x0-x4, x9, x10 and x14-x17; HVC_GET_ICH_VTR_EL2, an SMCCC 1.1 call,
 * x0-x3 only. Never x18 (the kernel's shadow call stack pointer). An
 * exception from EL1 that is not a call (a trapped instruction, an IRQ,
 * FIQ or SError routed here) changes no register of the interrupted code:
 * what it borrows waits in SP_EL2 and in this CPU's slot.
 *
 * The calls (x0 = number, x1-x4 = arguments, x0 = result):
 *   HVC_SET_VECTORS	hand EL2 to the caller: tear down, VBAR_EL2 = x1
 *   HVC_SOFT_RESTART	tear down, then branch to x1 at EL2 with x0-x2 = x2-x4
 *   HVC_RESET_VECTORS	tear down, VBAR_EL2 = the kernel's stub vectors
 *   HVC_GET_ICH_VTR_EL2	x0 = 0, x1 = ICH_VTR_EL2, as the 7.x stub answers
 *   EL2R_HVC_STATUS	report (see el2reset_abi.h)
 *   EL2R_HVC_INIT	save the stub's state, turn on el2reset's EL2 MMU
 *   EL2R_HVC_RESET	tear down, VBAR_EL2 = x1
 *   EL2R_HVC_TEST_*	tests only, and only in an image loaded with
 *			test_knobs=1 (el2r_test_call)
 *   anything else	HVC_STUB_ERR, as the hyp-stub answers (this includes
 *			HVC_FINALISE_EL2, which the stub refuses too once the
 *			EL2 MMU is on)
 *
 * The first four are the kernel's own hyp-stub ABI (hyp-abi.rst): the
 * kernel sends them to whatever vectors are live, kexec and kdump without
 * any notifier running first, so the resident code honours them exactly as
 * the stub would, after handing EL2 back clean.
 *
 * "Tear down" is one sequence for every way out (el2r_hand_over): the EL2
 * MMU and caches off, el2reset's translations invalidated, and every EL2
 * register el2reset changed given back the value the stub had on this CPU
 * when EL2R_HVC_INIT ran (saved in the slot): HCR_EL2, SCTLR_EL2, TCR_EL2,
 * MAIR_EL2, TTBR0_EL2, TPIDR_EL2 and, where used, TCR2_EL2, SCTLR2_EL2 and
 * GCSCR_EL2. Never a constant from a header: the stub's HCR_EL2 has HCR_ATA
 * on 7.2+ kernels with MTE, its SCTLR_EL2 differs between kernel versions.
 *
 * No exception taken at EL2 is a hang: every vector but the HVC one goes to
 * el2r_fault, which hands EL2 back to the stub and returns to the HVC's
 * caller with EL2R_ERR_FAULT and the exception's syndrome.
 *
 * What EL1 tells this code is in the image's data (el2reset_abi.h,
 * struct el2r_image_data), EL2R_DATA_OFFSET after the vectors: el2r_params, which
 * EL1 wrote before any CPU ran the image, then the per-CPU slots. The code
 * itself is copied as linked, never patched. Its last part, the test calls
 * (__el2r_test_start to the end), is copied only for test_knobs=1.
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
#include "el2r-asm-offsets.h"

	.pushsection	".el2reset.idmap.text", "ax"

/*
 * What x14 says while EL2 handles something, for el2r_fault: where an
 * exception taken at EL2 returns to. Every path sets it (with x15 = ELR_EL2
 * and x16 = SPSR_EL2 to return to) before its first instruction that can
 * take an exception; HVC_GET_ICH_VTR_EL2 has no such instruction.
 */
#define EL2R_CTX_CALL		0	/* a call: report to its caller */
#define EL2R_CTX_HANDING_OVER	1	/* el2r_fault's own hand-over */
#define EL2R_CTX_EL1		2	/* an exception from EL1, not a call */

/*
 * \reg = the address of the image's el2r_params, with the MMU on or off
 * (EL2 VA == PA): el2reset's vectors open the image, and VBAR_EL2 points
 * at them whenever this code runs -- it is reached only through them.
 */
.macro	el2r_params	reg
	mrs	\reg, vbar_el2
	add	\reg, \reg, #EL2R_DATA_OFFSET
.endm

/*
 * \reg = the physical address of the kernel's __hyp_stub_vectors. With the
 * MMU off, a Device read of what EL1 cleaned to the point of coherency
 * before any CPU ran the image, and never wrote again.
 */
.macro	el2r_stub_vectors	reg
	el2r_params	\reg
	ldr	\reg, [\reg, #EL2R_PARAMS_STUB_VECTORS]
.endm

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
 * \label: a vector's target for an exception from EL1 that is not a call,
 * of kind \kind (EL2R_TRAP_*). EL1's x9 waits in SP_EL2 (nothing at EL2
 * uses a stack: the stub has none, KVM and a kexec'd kernel set SP_EL2
 * before they use it), its x10 in the slot. With the MMU off (our vectors
 * live, EL2R_HVC_INIT not yet done) there is no slot and nothing of ours
 * to undo: just the stub's vectors back.
 */
.macro	el2r_el1_entry	label, kind
SYM_CODE_START_LOCAL(\label)
	mov	sp, x9
	mrs	x9, sctlr_el2
	tbz	x9, #EL2R_SCTLR_M_BIT, el2r_el1_mmu_off
	mrs	x9, tpidr_el2
	str	x10, [x9, #EL2R_PCPU_SPILL_X10]
	mov	x10, #\kind
	b	el2r_el1
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
 * The stub's value of the optional register \reg, saved at \off in the slot
 * (x17), back in \reg if feature bit \feat says it was saved. Clobbers x9.
 */
.macro	el2r_restore_opt	reg, off, feat
	ldr	x9, [x17, #EL2R_PCPU_FEATURES]
	tbz	x9, #\feat, .Lnoopt\@
	ldr	x9, [x17, #\off]
	msr	\reg, x9
.Lnoopt\@:
.endm

/*
 * The one way out of el2reset's regime, for every hand-over (as hyp-init.S's
 * reset: label is for KVM), up to the new vectors: the stub's state back,
 * whole, as EL2R_HVC_INIT saved it in the slot, the MMU and caches off, our
 * translations dropped. With the MMU off (EL2R_HVC_INIT not done, or it
 * refused) nothing was changed and nothing is done. Leaves x17 = the slot's
 * physical address (0: none); clobbers x9 and x16. An exception taken in
 * here would mean broken hardware (no access can fault: the slot is mapped
 * read-write, the optional registers are the ones INIT could access):
 * x14 says so to el2r_fault, which then parks the CPU rather than loop.
 */
.macro	el2r_restore_stub
	mov	x14, #EL2R_CTX_HANDING_OVER
	mov	x17, xzr
	mrs	x9, sctlr_el2
	tbz	x9, #EL2R_SCTLR_M_BIT, .Lrestored\@
	mrs	x17, tpidr_el2
	/*
	 * Before anything of ours changes, the payloads running here stop
	 * (el2r_pl_stop_all), in our regime, on our stack; every register
	 * of the hand-over in progress is given back.
	 */
	ldr	x9, [x17, #EL2R_PCPU_PL_ACTIVE]
	cbz	x9, .Lnopl\@
	ldr	x9, [x17, #EL2R_PCPU_FRAME]
	str	x30, [x9, #EL2R_FRAME_X0 + 8 * 30]
	bl	el2r_pl_stop_all
.Lnopl\@:
	/*
	 * First, with our MMU still on, what does not shape our own
	 * translation regime: HCR_EL2 (trap and routing controls for EL1
	 * and EL0, the stub's HCR_ATA, API, APK...), SCTLR2_EL2, GCSCR_EL2.
	 */
	ldr	x9, [x17, #EL2R_PCPU_STUB_HCR]
	el2r_msr_hcr	x9
	el2r_restore_opt	EL2R_SCTLR2_EL2, EL2R_PCPU_STUB_SCTLR2, EL2R_FEAT_SCTLR2_BIT
	el2r_restore_opt	EL2R_GCSCR_EL2, EL2R_PCPU_STUB_GCSCR, EL2R_FEAT_GCS_BIT
	/*
	 * The rest is read back with the MMU off: Device-nGnRnE accesses that
	 * bypass the caches (Arm ARM D8.2.10). Clean the slot to the point of
	 * coherency first, line by line (CTR_EL0.DminLine, the smallest D-cache
	 * line: log2 of its words), so that memory holds what was written
	 * through the cacheable mapping (the saved state, and the EL1
	 * registers el2r_el1 borrowed).
	 */
	mrs	x9, ctr_el0
	ubfx	x9, x9, #EL2R_CTR_DMINLINE_SHIFT, #4
	mov	x16, #4
	lsl	x9, x16, x9			// the line size in bytes
	dc	civac, x17			// all of it, with lines >= the slot
	add	x16, x17, #EL2R_PCPU_SIZE
.Lclean\@:
	sub	x16, x16, x9
	dc	civac, x16
	cmp	x16, x17
	b.hi	.Lclean\@
	/* The cleans complete before the loads below, made with the MMU off */
	dsb	sy
	ldr	x9, [x17, #EL2R_PCPU_STUB_SCTLR]	// M clear: checked by INIT
	pre_disable_mmu_workaround
	msr	sctlr_el2, x9
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
	ldr	x9, [x17, #EL2R_PCPU_STUB_TCR]
	msr	tcr_el2, x9
	ldr	x9, [x17, #EL2R_PCPU_STUB_MAIR]
	msr	mair_el2, x9
	ldr	x9, [x17, #EL2R_PCPU_STUB_TTBR0]
	msr	ttbr0_el2, x9			// not our tables: they go away
	el2r_restore_opt	EL2R_TCR2_EL2, EL2R_PCPU_STUB_TCR2, EL2R_FEAT_TCR2_BIT
	ldr	x9, [x17, #EL2R_PCPU_STUB_TPIDR]
	msr	tpidr_el2, x9
.Lrestored\@:
.endm

/*
 * The frame at x9 (struct el2r_frame) gets, or gives back, x0-x8 and
 * x10-x29: x9 is its base, x30 and the system registers each path's own.
 */
.macro	el2r_frame_regs	op, pair
	\pair	x0, x1, [x9, #EL2R_FRAME_X0 + 8 * 0]
	\pair	x2, x3, [x9, #EL2R_FRAME_X0 + 8 * 2]
	\pair	x4, x5, [x9, #EL2R_FRAME_X0 + 8 * 4]
	\pair	x6, x7, [x9, #EL2R_FRAME_X0 + 8 * 6]
	\op	x8, [x9, #EL2R_FRAME_X0 + 8 * 8]
	\op	x10, [x9, #EL2R_FRAME_X0 + 8 * 10]
	\pair	x11, x12, [x9, #EL2R_FRAME_X0 + 8 * 11]
	\pair	x13, x14, [x9, #EL2R_FRAME_X0 + 8 * 13]
	\pair	x15, x16, [x9, #EL2R_FRAME_X0 + 8 * 15]
	\pair	x17, x18, [x9, #EL2R_FRAME_X0 + 8 * 17]
	\pair	x19, x20, [x9, #EL2R_FRAME_X0 + 8 * 19]
	\pair	x21, x22, [x9, #EL2R_FRAME_X0 + 8 * 21]
	\pair	x23, x24, [x9, #EL2R_FRAME_X0 + 8 * 23]
	\pair	x25, x26, [x9, #EL2R_FRAME_X0 + 8 * 25]
	\pair	x27, x28, [x9, #EL2R_FRAME_X0 + 8 * 27]
	\op	x29, [x9, #EL2R_FRAME_X0 + 8 * 29]
.endm

/*
 * Back to whoever EL2 interrupted with the frame at x9, whole: ELR_EL2,
 * SPSR_EL2, x30, x0-x8, x10-x29, then x9. Leaves SP_EL2 alone.
 */
.macro	el2r_frame_load
	ldp	x0, x1, [x9, #EL2R_FRAME_ELR]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldr	x30, [x9, #EL2R_FRAME_X0 + 8 * 30]
	el2r_frame_regs	ldr, ldp
	ldr	x9, [x9, #EL2R_FRAME_X0 + 8 * 9]
.endm

/*
 * Call the entry x24 of the payload in slot x22 (its el2r_pl_desc at x23)
 * for \kind (EL2R_PL_*), as an AAPCS64 function: x0 = the frame (the
 * payload's struct el2r_payload_regs), x1 = this CPU's data area, x2 = this
 * CPU's number, SP = the top of this CPU's EL2 stack, which lies just
 * below the frame. x19 = the frame, x20 = the slot, x21 = the params;
 * x19-x29 are the payload's to keep (AAPCS64). pl_ctx says, while it
 * runs, what el2r_fault must recover from. Returns with its x0.
 */
.macro	el2r_pl_invoke	kind
	add	x9, x22, #1
	orr	x9, x9, #(\kind << EL2R_PL_CTX_KIND_SHIFT)
	str	x9, [x20, #EL2R_PCPU_PL_CTX]
	mov	sp, x19
	mov	x0, x19
	ldr	x1, [x23, #EL2R_PL_DATA]
	ldr	x9, [x23, #EL2R_PL_DATA_STRIDE]
	ldr	x2, [x20, #EL2R_PCPU_CPU]
	madd	x1, x9, x2, x1
	blr	x24
	str	xzr, [x20, #EL2R_PCPU_PL_CTX]
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
	ventry	el2r_irq_el1			// IRQ 64-bit EL1
	ventry	el2r_fiq_el1			// FIQ 64-bit EL1
	ventry	el2r_error_el1			// Error 64-bit EL1

	/*
	 * AArch32 EL1: the kernel has none (an AArch32 task is EL0 under an
	 * AArch64 EL1, whose exceptions use the 64-bit vectors above).
	 */
	ventry	el2r_trap_el1			// Synchronous 32-bit EL1
	ventry	el2r_irq_el1			// IRQ 32-bit EL1
	ventry	el2r_fiq_el1			// FIQ 32-bit EL1
	ventry	el2r_error_el1			// Error 32-bit EL1
SYM_CODE_END(__el2r_vectors)

	el2r_fault_entry	el2r_sync_el2t, EL2R_FAULT_SYNC
	el2r_fault_entry	el2r_irq_el2t, EL2R_FAULT_IRQ
	el2r_fault_entry	el2r_fiq_el2t, EL2R_FAULT_FIQ
	el2r_fault_entry	el2r_error_el2t, EL2R_FAULT_SERROR
	el2r_fault_entry	el2r_sync_el2h, EL2R_FAULT_SYNC
	el2r_fault_entry	el2r_irq_el2h, EL2R_FAULT_IRQ
	el2r_fault_entry	el2r_fiq_el2h, EL2R_FAULT_FIQ
	el2r_fault_entry	el2r_error_el2h, EL2R_FAULT_SERROR

	el2r_el1_entry		el2r_trap_el1, EL2R_TRAP_SYNC
	el2r_el1_entry		el2r_irq_el1, EL2R_TRAP_IRQ
	el2r_el1_entry		el2r_fiq_el1, EL2R_TRAP_FIQ
	el2r_el1_entry		el2r_error_el1, EL2R_TRAP_SERROR

/*
 * An exception from EL1 that is not a call (el2r_el1_entry): a trapped
 * instruction (a trap bit left set in HCR_EL2 by firmware or an earlier
 * EL2 owner, or the test call's HCR_EL2.TWI), or an IRQ, FIQ or SError
 * routed to EL2 (IMO, FMO, AMO left set). No caller waits for an answer
 * and no register of the interrupted code may change. x9 = the slot,
 * x10 = the kind; EL1's x9 in SP_EL2, its x10 in the slot.
 *
 * Record the kind, ESR_EL2 and ELR_EL2 in the slot (EL1 then sees the CPU
 * faulted, reports it once and issues no more HVCs there), hand EL2 back
 * to the stub exactly as it had it, and return to the interrupted
 * instruction with every register as it was. A trapped instruction then
 * runs untrapped, under the stub's HCR_EL2: nothing is stepped over, so
 * ELR_EL2 and SPSR_EL2 (PSTATE.BTYPE, SS, the T32 IT state) need no
 * adjustment whatever the instruction's length or state; an interrupt is
 * taken where the stub's HCR_EL2 routes it.
 */
SYM_CODE_START_LOCAL(el2r_el1)
	stp	x16, x17, [x9, #EL2R_PCPU_SPILL_X16]
	mov	x17, x9
	mov	x9, sp
	str	x9, [x17, #EL2R_PCPU_SPILL_X9]
	stp	x14, x15, [x17, #EL2R_PCPU_SPILL_X14]
	/* a fault from here on returns to the interrupted code: el2r_fault */
	mrs	x15, elr_el2
	mrs	x16, spsr_el2
	mov	x14, #EL2R_CTX_EL1
	str	x10, [x17, #EL2R_PCPU_TRAP_KIND]
	mrs	x9, esr_el2
	str	x9, [x17, #EL2R_PCPU_TRAP_ESR]
	/* kind and ESR before ELR for any observer: EL1 reads ELR first */
	dmb	ishst
	str	x15, [x17, #EL2R_PCPU_TRAP_ELR]
SYM_INNER_LABEL(el2r_el1_out, SYM_L_LOCAL)
	el2r_restore_stub
	el2r_stub_vectors	x9
	msr	vbar_el2, x9
	/*
	 * EL1's registers back from the slot, read with the MMU off: memory
	 * holds them since el2r_restore_stub cleaned the slot to the PoC.
	 */
	ldp	x9, x10, [x17, #EL2R_PCPU_SPILL_X9]
	ldp	x14, x15, [x17, #EL2R_PCPU_SPILL_X14]
	ldp	x16, x17, [x17, #EL2R_PCPU_SPILL_X16]
	/* As el2r_hand_over: everything above in effect before the return */
	isb
	eret
SYM_CODE_END(el2r_el1)

/*
 * el2r_el1_entry with the MMU off: no slot, nothing of ours to undo, only
 * x9 borrowed (in SP_EL2). The stub's vectors back, and return.
 */
SYM_CODE_START_LOCAL(el2r_el1_mmu_off)
	el2r_stub_vectors	x9
	msr	vbar_el2, x9
	mov	x9, sp
	isb
	eret
SYM_CODE_END(el2r_el1_mmu_off)

/*
 * A synchronous exception from AArch64 EL1. Only an HVC64 is a call
 * (ESR_EL2.EC): a trap bit left set in HCR_EL2 (TWI, TSC, TVM...) by
 * firmware or an earlier EL2 owner also lands here, and taken for a call
 * x0 = 0 would install x1 as VBAR_EL2 and x0 = 1 jump to x1 at EL2. The
 * kernel's hyp-stub does exactly that -- its el1_sync dispatches on x0
 * without looking at ESR_EL2 -- which is why a hand-over also gives
 * HCR_EL2 back as the stub had it. EL1's x9 waits in SP_EL2 while we look.
 * Then the calls, dispatched on x0.
 */
SYM_CODE_START_LOCAL(el2r_sync)
	mov	sp, x9
	mrs	x9, esr_el2
	ubfx	x9, x9, #EL2R_ESR_EC_SHIFT, #EL2R_ESR_EC_WIDTH
	cmp	x9, #EL2R_ESR_EC_HVC64
	b.ne	el2r_trap
#ifdef HVC_GET_ICH_VTR_EL2
	/* An SMCCC 1.1 call: x4-x17 stay as they are (arm_smccc_1_1_hvc) */
	cmp	x0, #HVC_GET_ICH_VTR_EL2
	b.eq	el2r_get_ich_vtr
#endif
	/*
	 * A payload's call: where one runs (our MMU on, a bit in pl_active),
	 * any HVC that is neither the stub ABI's nor el2reset's own goes to
	 * el2r_pl_el1 with every register as EL1 made the call (SMCCC:
	 * x0-x17 are the payload's), x9 alone used to look.
	 */
	mrs	x9, sctlr_el2
	tbz	x9, #EL2R_SCTLR_M_BIT, 1f
	mrs	x9, tpidr_el2
	ldr	x9, [x9, #EL2R_PCPU_PL_ACTIVE]
	cbz	x9, 1f
	cmp	x0, #HVC_STUB_HCALL_NR
	b.lo	1f
	lsr	x9, x0, #8			// in el2reset's 256 calls?
	sub	x9, x9, #(EL2R_HVC_BASE >> 20), lsl #12
	cmp	x9, #((EL2R_HVC_BASE >> 8) & 0xfff)
	b.ne	el2r_pl_el1
1:
	/*
	 * Where this HVC returns to, before anything here can fault: an
	 * exception taken at EL2 overwrites ELR_EL2 and SPSR_EL2, and
	 * el2r_fault returns through these.
	 */
	mrs	x15, elr_el2
	mrs	x16, spsr_el2
	mov	x14, #EL2R_CTX_CALL
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
	mov_q	x9, EL2R_HVC_PAYLOAD_START
	cmp	x0, x9
	b.eq	el2r_pl_start_call
	/* The test calls, only where the image was loaded for tests */
	el2r_params	x9
	ldr	x9, [x9, #EL2R_PARAMS_INIT_FLAGS]
	tbnz	x9, #EL2R_INIT_TEST_BIT, el2r_test_call
SYM_INNER_LABEL(el2r_unknown, SYM_L_LOCAL)
	mov_q	x0, HVC_STUB_ERR
	eret
SYM_CODE_END(el2r_sync)

/* Not an HVC64: el2r_el1 with EL1's x9 already in SP_EL2 */
SYM_CODE_START_LOCAL(el2r_trap)
	mrs	x9, sctlr_el2
	tbz	x9, #EL2R_SCTLR_M_BIT, el2r_el1_mmu_off
	mrs	x9, tpidr_el2
	ldr	x9, [x9, #EL2R_PCPU_PL_ACTIVE]
	cbnz	x9, el2r_pl_el1			// a payload's trap, maybe
SYM_INNER_LABEL(el2r_trap_unclaimed, SYM_L_LOCAL)
	mrs	x9, tpidr_el2
	str	x10, [x9, #EL2R_PCPU_SPILL_X10]
	mov	x10, #EL2R_TRAP_SYNC
	b	el2r_el1
SYM_CODE_END(el2r_trap)

#ifdef HVC_GET_ICH_VTR_EL2
/*
 * HVC_GET_ICH_VTR_EL2 (7.x: the kernel asks, on each CPU, whether it can
 * trap ICV_DIR_EL1): x0 = 0, x1 = ICH_VTR_EL2, as the stub answers. Only
 * x0, x1 and EL1's x9 (back from SP_EL2) are touched. ICH_VTR_EL2 exists
 * only with the GIC's system-register interface enabled for EL2
 * (ID_AA64PFR0_EL1.GIC, ICC_SRE_EL2.SRE); without it the answer is
 * HVC_STUB_ERR instead of an UNDEFINED access, so nothing here can fault.
 */
SYM_CODE_START_LOCAL(el2r_get_ich_vtr)
	mov_q	x0, HVC_STUB_ERR
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #EL2R_PFR0_GIC_SHIFT, #4
	cbz	x9, 1f
	mrs_s	x9, SYS_ICC_SRE_EL2
	tbz	x9, #EL2R_ICC_SRE_EL2_SRE_BIT, 1f
	mrs_s	x1, SYS_ICH_VTR_EL2
	mov	x0, xzr
1:	mov	x9, sp
	eret
SYM_CODE_END(el2r_get_ich_vtr)
#endif

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
 * x1 = this CPU's slot. el2reset's own call: its caller (el2r_hvc, a C
 * function) lets it clobber x0-x17. The rest is in el2r_params, read here
 * with the MMU off: x1 = TTBR0_EL2, x2 = TCR_EL2, x3 = MAIR_EL2,
 * x4 = the slot, x5 = EL2R_INIT_* flags.
 * We run from the idmap page, so the instruction after the one that turns
 * the MMU on is fetched from the same address, now translated to itself.
 */
SYM_CODE_START_LOCAL(el2r_init)
	mov	x4, x1
	el2r_params	x9
	ldr	x1, [x9, #EL2R_PARAMS_TTBR0]
	ldr	x2, [x9, #EL2R_PARAMS_TCR]
	ldr	x3, [x9, #EL2R_PARAMS_MAIR]
	ldr	x5, [x9, #EL2R_PARAMS_INIT_FLAGS]
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
	 * The stub's state, read before anything changes (so a fault in here
	 * leaves nothing to undo), kept in registers until the MMU is on: a
	 * store with the MMU off would go around the caches, under lines EL1
	 * may still hold for the slot. x6 = SCTLR_EL2, x7 = TCR_EL2,
	 * x8 = MAIR_EL2, x11 = TTBR0_EL2, x12 = TCR2_EL2, x13 = SCTLR2_EL2,
	 * x17 = GCSCR_EL2, x10 = the features word: which of the optional
	 * ones this CPU implements (its own ID registers, as el2_setup.h reads
	 * them; ID_AA64MMFR3_EL1 is in the ID space that reads as zero before
	 * it was allocated) and, for GCSCR_EL2, the kernel uses (x5).
	 */
	mrs	x6, sctlr_el2
	mrs	x7, tcr_el2
	mrs	x8, mair_el2
	mrs	x11, ttbr0_el2
	mov	x10, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x17, xzr
	mrs	x9, EL2R_ID_AA64MMFR3_EL1
	ubfx	x0, x9, #EL2R_MMFR3_TCRX_SHIFT, #4
	cbz	x0, 1f
	orr	x10, x10, #EL2R_BIT(EL2R_FEAT_TCR2_BIT)
	mrs	x12, EL2R_TCR2_EL2
1:	ubfx	x0, x9, #EL2R_MMFR3_SCTLRX_SHIFT, #4
	cbz	x0, 2f
	orr	x10, x10, #EL2R_BIT(EL2R_FEAT_SCTLR2_BIT)
	mrs	x13, EL2R_SCTLR2_EL2
2:	tbz	x5, #EL2R_INIT_GCS_BIT, 3f
	orr	x10, x10, #EL2R_BIT(EL2R_FEAT_GCS_BIT)
	mrs	x17, EL2R_GCSCR_EL2
3:
	/*
	 * Every register that shapes the EL2 stage-1 regime (E2H = 0) is
	 * written here, whatever an earlier EL2 owner left in it: the
	 * complete values of MAIR_EL2, TCR_EL2, TTBR0_EL2 and, below, of
	 * SCTLR_EL2; and, where saved above:
	 *  - TCR2_EL2 (FEAT_TCR2) = 0: no permission indirection (PIE), no
	 *    overlays (POE), no AIE/D128 etc. -- access and execute rights
	 *    come from our descriptors' AP/XN bits alone, and PIR_EL2
	 *    (FEAT_S1PIE) and POR_EL2 (FEAT_S1POE) are not used, so they
	 *    need no value of ours;
	 *  - SCTLR2_EL2 (FEAT_SCTLR2) = 0: none of its extensions;
	 *  - GCSCR_EL2 (FEAT_GCS) = 0: no guarded control stack checks at
	 *    EL2.
	 * Every hand-over writes back what was read above.
	 */
	tbz	x10, #EL2R_FEAT_TCR2_BIT, 4f
	msr	EL2R_TCR2_EL2, xzr
4:	tbz	x10, #EL2R_FEAT_SCTLR2_BIT, 5f
	msr	EL2R_SCTLR2_EL2, xzr
5:	tbz	x10, #EL2R_FEAT_GCS_BIT, 6f
	msr	EL2R_GCSCR_EL2, xzr
6:	msr	mair_el2, x3
	msr	tcr_el2, x2
	msr	ttbr0_el2, x1
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
	/* Now the slot is ours, cacheable like EL1's view of it: save. */
	str	x6, [x4, #EL2R_PCPU_STUB_SCTLR]
	str	x7, [x4, #EL2R_PCPU_STUB_TCR]
	str	x8, [x4, #EL2R_PCPU_STUB_MAIR]
	str	x11, [x4, #EL2R_PCPU_STUB_TTBR0]
	str	x12, [x4, #EL2R_PCPU_STUB_TCR2]
	str	x13, [x4, #EL2R_PCPU_STUB_SCTLR2]
	str	x17, [x4, #EL2R_PCPU_STUB_GCSCR]
	str	x10, [x4, #EL2R_PCPU_FEATURES]
	mrs	x9, hcr_el2
	str	x9, [x4, #EL2R_PCPU_STUB_HCR]
	mrs	x9, tpidr_el2
	str	x9, [x4, #EL2R_PCPU_STUB_TPIDR]
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
 * resident we first give EL2 back as the stub had it, then do the same.
 * Whose vectors they were is kept for EL1 (KVM's __kvm_hyp_init, kexec's
 * or hibernation's copy of the stub).
 */
SYM_CODE_START_LOCAL(el2r_set_vectors)
	el2r_count	EL2R_PCPU_NR_HANDOVER
	el2r_slot	x9
	cbz	x9, el2r_hand_over_x1
	str	x1, [x9, #EL2R_PCPU_LAST_VECTORS]
	b	el2r_hand_over_x1
SYM_CODE_END(el2r_set_vectors)

/* The kernel hands EL2 back to its stub (KVM does before claiming it). */
SYM_CODE_START_LOCAL(el2r_reset_vectors)
	el2r_count	EL2R_PCPU_NR_RESET_VECTORS
	el2r_stub_vectors	x1
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
	el2r_stub_vectors	x10
	b	el2r_hand_over
SYM_CODE_END(el2r_soft_restart)

/*
 * The hand-over shared by every call that hands EL2 on: _x1 with the
 * vectors in x1 and 0 as the result; el2r_hand_over itself with the
 * vectors in x10 and x0-x4, ELR_EL2 and SPSR_EL2 already what the caller
 * must get. el2r_restore_stub, then the vectors, then back. Clobbers x9,
 * x14, x16 and x17.
 */
SYM_CODE_START_LOCAL(el2r_hand_over_x1)
	mov	x10, x1
	mov	x0, xzr
SYM_INNER_LABEL(el2r_hand_over, SYM_L_LOCAL)
	el2r_restore_stub
	msr	vbar_el2, x10
	/*
	 * The restored registers and VBAR_EL2 in effect before the return.
	 * ERET alone synchronizes only while SCTLR_EL2.EOS is 1, and the stub
	 * may run with EOS clear (7.x's INIT_SCTLR_EL2_MMU_OFF is built from a
	 * generated RES1 mask of 0): on a CPU with FEAT_ExS the ERET below is
	 * then not a context synchronization event (hyp-stub.S relies on it
	 * anyway).
	 */
	isb
	eret
SYM_CODE_END(el2r_hand_over_x1)

/*
 * An exception taken at EL2 while our vectors are live, kind in x17.
 * Nothing may hang here: x14 says what EL2 was doing.
 *  - EL2R_CTX_CALL: report it to the caller -- give EL2 back to the stub
 *    as it had it and return to whoever issued the HVC (x15/x16, saved by
 *    el2r_sync) with EL2R_ERR_FAULT, x1 = ESR_EL2, x2 = FAR_EL2,
 *    x3 = ELR_EL2, x4 = kind;
 *  - EL2R_CTX_EL1: the same hand-over for an exception from EL1 that was
 *    not a call, back to the interrupted code (x15/x16) with all its
 *    registers (el2r_el1_out); the slot already says the CPU trapped;
 *  - EL2R_CTX_HANDING_OVER: an exception inside the hand-over itself, which
 *    makes no access that can fault: broken hardware. The CPU parks
 *    rather than loop.
 */
SYM_CODE_START_LOCAL(el2r_fault)
	/*
	 * In a payload's entry (pl_ctx, only ever set with our MMU on): what
	 * it was running for says how to recover, not x14, which its code
	 * may have used. x9 is free on every path that can reach here.
	 */
	mrs	x9, sctlr_el2
	tbz	x9, #EL2R_SCTLR_M_BIT, 1f
	mrs	x9, tpidr_el2
	ldr	x9, [x9, #EL2R_PCPU_PL_CTX]
	cbnz	x9, el2r_pl_fault
1:	cmp	x14, #EL2R_CTX_HANDING_OVER
	b.eq	el2r_double_fault
	cmp	x14, #EL2R_CTX_EL1
	b.ne	1f
	msr	elr_el2, x15
	msr	spsr_el2, x16
	b	el2r_el1_out
1:	mrs	x1, esr_el2
	mrs	x2, far_el2
	mrs	x3, elr_el2
	mov	x4, x17
	msr	elr_el2, x15
	msr	spsr_el2, x16
	mov_q	x0, EL2R_ERR_FAULT
	el2r_stub_vectors	x10
	b	el2r_hand_over
SYM_CODE_END(el2r_fault)

SYM_CODE_START_LOCAL(el2r_double_fault)
	wfe
	b	el2r_double_fault
SYM_CODE_END(el2r_double_fault)

/*
 * Payloads (Documentation/payloads.rst): other modules' EL2 code, run in
 * el2reset's regime, on el2reset's per-CPU EL2 stack, each entry an
 * AAPCS64 function called with the interrupted registers in this CPU's
 * frame (el2r_pl_invoke). Nothing here runs with our MMU off: pl_active
 * is set only by el2r_pl_start, after EL2R_HVC_INIT, and every hand-over
 * clears it (el2r_pl_stop_all) before turning the MMU off.
 */

/*
 * EL2R_HVC_PAYLOAD_START from el2reset's EL1 code: only with our MMU on
 * and a frame to run in (EL1 wrote one before this CPU installed).
 */
SYM_CODE_START_LOCAL(el2r_pl_start_call)
	el2r_slot	x9
	cbz	x9, el2r_unknown
	ldr	x9, [x9, #EL2R_PCPU_FRAME]
	cbz	x9, el2r_unknown
	b	el2r_pl_el1
SYM_CODE_END(el2r_pl_start_call)

/*
 * An HVC or a trap from EL1 for the payloads, or EL2R_HVC_PAYLOAD_START.
 * EL1's x9 waits in SP_EL2, every other register is as EL1 had it: all go
 * into this CPU's frame, with ELR_EL2, SPSR_EL2, ESR_EL2 and FAR_EL2.
 */
SYM_CODE_START_LOCAL(el2r_pl_el1)
	mrs	x9, tpidr_el2
	ldr	x9, [x9, #EL2R_PCPU_FRAME]
	el2r_frame_regs	str, stp
	str	x30, [x9, #EL2R_FRAME_X0 + 8 * 30]
	mov	x0, sp
	str	x0, [x9, #EL2R_FRAME_X0 + 8 * 9]
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x0, x1, [x9, #EL2R_FRAME_ELR]
	mrs	x0, esr_el2
	mrs	x1, far_el2
	stp	x0, x1, [x9, #EL2R_FRAME_ESR]
	mov	x19, x9
	mrs	x20, tpidr_el2
	el2r_params	x21
	ubfx	x25, x0, #EL2R_ESR_EC_SHIFT, #EL2R_ESR_EC_WIDTH
	ldr	x26, [x19, #EL2R_FRAME_X0]	// an HVC's function ID
	ldr	x27, [x20, #EL2R_PCPU_PL_ACTIVE]
	mov	x22, xzr			// slot
	add	x23, x21, #EL2R_PARAMS_PL	// its el2r_pl_desc
	cmp	x25, #EL2R_ESR_EC_HVC64
	b.ne	el2r_pl_trap
	mov_q	x9, EL2R_HVC_PAYLOAD_START
	cmp	x26, x9
	b.eq	el2r_pl_start
	el2r_count	EL2R_PCPU_NR_CALLS
	/* The running payload whose range holds the call */
1:	lsr	x9, x27, x22
	tbz	x9, #0, 2f
	ldr	x9, [x23, #EL2R_PL_HVC_FIRST]
	cmp	x26, x9
	b.lo	2f
	ldr	x9, [x23, #EL2R_PL_HVC_LAST]
	cmp	x26, x9
	b.hi	2f
	ldr	x24, [x23, #EL2R_PL_HVC_ENTRY]
	cbz	x24, 2f
	el2r_pl_invoke	EL2R_PL_HVC
	b	el2r_pl_return
2:	add	x22, x22, #1
	add	x23, x23, #EL2R_PL_DESC_SIZE
	cmp	x22, #EL2R_PL_SLOTS
	b.lo	1b
	/* Nobody's: unknown, as the stub answers it */
	mov_q	x9, HVC_STUB_ERR
	str	x9, [x19, #EL2R_FRAME_X0]
SYM_INNER_LABEL(el2r_pl_return, SYM_L_LOCAL)
	/*
	 * Back to EL1 with the frame (a call's results, a trap's advanced
	 * ELR). Our SCTLR_EL2 has EOS: this ERET is a context
	 * synchronization event, so what a payload wrote to a system
	 * register is in effect for EL1's next instruction.
	 */
	mov	x9, x19
	el2r_frame_load
	eret
SYM_CODE_END(el2r_pl_el1)

/*
 * A synchronous exception from EL1 that is not an HVC64, x25 = its EC: the
 * first running payload that handles that class gets it; one that answers
 * 0 handled it. Declined, or nobody's: el2reset's own handling of an
 * unexpected trap (el2r_trap_unclaimed), with EL1's registers as they were.
 */
SYM_CODE_START_LOCAL(el2r_pl_trap)
1:	lsr	x9, x27, x22
	tbz	x9, #0, 2f
	ldr	x9, [x23, #EL2R_PL_TRAP_EC]
	lsr	x9, x9, x25
	tbz	x9, #0, 2f
	ldr	x24, [x23, #EL2R_PL_TRAP_ENTRY]
	cbz	x24, 2f
	el2r_pl_invoke	EL2R_PL_TRAP
	cbz	x0, el2r_pl_return
	b	3f
2:	add	x22, x22, #1
	add	x23, x23, #EL2R_PL_DESC_SIZE
	cmp	x22, #EL2R_PL_SLOTS
	b.lo	1b
3:	mov	x9, x19
	el2r_frame_load
	mov	sp, x9				// EL1's x9, as el2r_trap had it
	b	el2r_trap_unclaimed
SYM_CODE_END(el2r_pl_trap)

/*
 * EL2R_HVC_PAYLOAD_START: each registered payload's start, in slot order;
 * a payload without one starts as it is. x0 = 0, or the first non-zero
 * answer with x1 = its slot (those after it not started).
 */
SYM_CODE_START_LOCAL(el2r_pl_start)
1:	ldr	x9, [x23, #EL2R_PL_CODE]
	cbz	x9, 3f				// a free slot
	ldr	x24, [x23, #EL2R_PL_START_ENTRY]
	cbz	x24, 2f
	el2r_pl_invoke	EL2R_PL_START
	cbz	x0, 2f
	stp	x0, x22, [x19, #EL2R_FRAME_X0]
	b	el2r_pl_return
2:	mov	x9, #1
	lsl	x9, x9, x22
	ldr	x10, [x20, #EL2R_PCPU_PL_ACTIVE]
	orr	x10, x10, x9
	str	x10, [x20, #EL2R_PCPU_PL_ACTIVE]
3:	add	x22, x22, #1
	add	x23, x23, #EL2R_PL_DESC_SIZE
	cmp	x22, #EL2R_PL_SLOTS
	b.lo	1b
	str	xzr, [x19, #EL2R_FRAME_X0]
	b	el2r_pl_return
SYM_CODE_END(el2r_pl_start)

/*
 * The payloads' stops, last slot first, from el2r_restore_stub (any
 * hand-over: reset, HVC_SET_VECTORS, HVC_RESET_VECTORS, HVC_SOFT_RESTART,
 * an exception el2reset did not expect) with our MMU still on: x9 = the
 * frame, the hand-over's x30 in it, x30 = where it goes on. Each one's
 * bit goes before its stop runs: a stop that takes an exception is not
 * run again (el2r_pl_fault comes back to el2r_pl_stop_next). Every
 * register of the hand-over in progress is given back, ELR_EL2 and
 * SPSR_EL2 included.
 */
SYM_CODE_START_LOCAL(el2r_pl_stop_all)
	str	x30, [x9, #EL2R_FRAME_LINK]
	el2r_frame_regs	str, stp
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x0, x1, [x9, #EL2R_FRAME_ELR]
SYM_INNER_LABEL(el2r_pl_stop_next, SYM_L_LOCAL)
	mrs	x20, tpidr_el2
	ldr	x19, [x20, #EL2R_PCPU_FRAME]
	el2r_params	x21
	ldr	x9, [x20, #EL2R_PCPU_PL_ACTIVE]
	cbz	x9, 1f
	clz	x10, x9
	mov	x22, #63
	sub	x22, x22, x10			// the highest running slot
	mov	x10, #1
	lsl	x10, x10, x22
	bic	x9, x9, x10
	str	x9, [x20, #EL2R_PCPU_PL_ACTIVE]
	mov	x10, #EL2R_PL_DESC_SIZE
	madd	x23, x22, x10, x21
	add	x23, x23, #EL2R_PARAMS_PL
	ldr	x24, [x23, #EL2R_PL_STOP_ENTRY]
	cbz	x24, el2r_pl_stop_next
	el2r_pl_invoke	EL2R_PL_STOP
	b	el2r_pl_stop_next
	/* all back but x9, which the hand-over lets us use: the link */
1:	mov	x9, x19
	ldp	x0, x1, [x9, #EL2R_FRAME_ELR]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldr	x30, [x9, #EL2R_FRAME_X0 + 8 * 30]
	el2r_frame_regs	ldr, ldp
	ldr	x9, [x9, #EL2R_FRAME_LINK]
	br	x9
SYM_CODE_END(el2r_pl_stop_all)

/*
 * An exception at EL2 in a payload's entry, x9 = pl_ctx (its slot + 1 and
 * what it ran for), x17 = the kind (EL2R_FAULT_*). Recorded for EL1 as
 * an exception el2reset did not expect (trap_kind EL2R_TRAP_PAYLOAD,
 * ESR_EL2, ELR_EL2 last; pl_fault, FAR_EL2), and that payload no longer
 * runs on this CPU. Then:
 *  - in its stop: the other stops, and the hand-over that called them,
 *    go on (el2r_pl_stop_next; the frame still holds the hand-over's
 *    registers);
 *  - in its start, an HVC or a trap it handled: EL2 goes back to the stub
 *    as for any exception from EL1 el2reset did not expect (el2r_el1_out,
 *    which stops the other payloads first), and the interrupted code
 *    resumes with the frame's registers: a call's x0-x3 then say
 *    EL2R_ERR_FAULT, ESR_EL2, FAR_EL2 and ELR_EL2, as for el2reset's own
 *    calls (x4-x17 as they were: SMCCC 1.1 callers keep values there);
 *    a trapped instruction runs again, untrapped.
 */
SYM_CODE_START_LOCAL(el2r_pl_fault)
	mrs	x20, tpidr_el2
	str	xzr, [x20, #EL2R_PCPU_PL_CTX]
	str	x9, [x20, #EL2R_PCPU_PL_FAULT]
	and	x22, x9, #EL2R_PL_CTX_SLOT_MASK
	sub	x22, x22, #1
	mov	x10, #1
	lsl	x10, x10, x22
	ldr	x11, [x20, #EL2R_PCPU_PL_ACTIVE]
	bic	x11, x11, x10
	str	x11, [x20, #EL2R_PCPU_PL_ACTIVE]
	mov	x10, #EL2R_TRAP_PAYLOAD
	str	x10, [x20, #EL2R_PCPU_TRAP_KIND]
	mrs	x1, esr_el2
	str	x1, [x20, #EL2R_PCPU_TRAP_ESR]
	mrs	x2, far_el2
	str	x2, [x20, #EL2R_PCPU_PL_FAULT_FAR]
	/* kind and ESR before ELR for any observer: EL1 reads ELR first */
	dmb	ishst
	mrs	x3, elr_el2
	str	x3, [x20, #EL2R_PCPU_TRAP_ELR]
	lsr	x9, x9, #EL2R_PL_CTX_KIND_SHIFT
	cmp	x9, #EL2R_PL_STOP
	b.eq	el2r_pl_stop_next
	ldr	x19, [x20, #EL2R_PCPU_FRAME]
	cmp	x9, #EL2R_PL_TRAP
	b.eq	1f
	mov_q	x0, EL2R_ERR_FAULT
	stp	x0, x1, [x19, #EL2R_FRAME_X0 + 8 * 0]
	stp	x2, x3, [x19, #EL2R_FRAME_X0 + 8 * 2]
	/* what el2r_el1_out takes from the slot: x9, x10, x14-x17 */
1:	ldr	x0, [x19, #EL2R_FRAME_X0 + 8 * 9]
	ldr	x1, [x19, #EL2R_FRAME_X0 + 8 * 10]
	stp	x0, x1, [x20, #EL2R_PCPU_SPILL_X9]
	ldp	x0, x1, [x19, #EL2R_FRAME_X0 + 8 * 14]
	stp	x0, x1, [x20, #EL2R_PCPU_SPILL_X14]
	ldp	x0, x1, [x19, #EL2R_FRAME_X0 + 8 * 16]
	stp	x0, x1, [x20, #EL2R_PCPU_SPILL_X16]
	mov	x9, x19
	el2r_frame_load
	b	el2r_el1_out
SYM_CODE_END(el2r_pl_fault)

/*
 * The test calls. module/image.c copies what follows to EL2 only for
 * test_knobs=1, and only then does el2r_sync branch here: the image a user
 * loads holds no code that injects a fault or leaves a trap at EL2.
 */
SYM_INNER_LABEL(__el2r_test_start, SYM_L_GLOBAL)
SYM_CODE_START_LOCAL(el2r_test_call)
	mov_q	x9, EL2R_HVC_TEST_FAULT
	cmp	x0, x9
	b.eq	el2r_test_fault
	mov_q	x9, EL2R_HVC_TEST_TRAP
	cmp	x0, x9
	b.eq	el2r_test_trap
	mov_q	x9, EL2R_HVC_TEST_PIE
	cmp	x0, x9
	b.eq	el2r_test_pie
	b	el2r_unknown
SYM_CODE_END(el2r_test_call)

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
 * EL2R_HVC_TEST_TRAP: leave a trap or routing bit set, as firmware or an
 * earlier EL2 owner might: x1 = EL2R_TEST_TRAP_TWI, the next WFI at EL1 is
 * taken to EL2; EL2R_TEST_TRAP_IMO, the next physical IRQ is.
 */
SYM_CODE_START_LOCAL(el2r_test_trap)
	mrs	x9, hcr_el2
	cmp	x1, #EL2R_TEST_TRAP_IMO
	b.eq	1f
	orr	x9, x9, #EL2R_BIT(EL2R_HCR_TWI_BIT)
	b	2f
1:	orr	x9, x9, #EL2R_BIT(EL2R_HCR_IMO_BIT)
2:	el2r_msr_hcr	x9	/* in effect before EL1 runs again */
	mov	x0, xzr
	eret
SYM_CODE_END(el2r_test_trap)

/*
 * EL2R_HVC_TEST_PIE: hand EL2 back to the stub (x1) as a reset does, but
 * with TCR2_EL2.PIE = 1 and PIR_EL2 = 0 left behind: with that, the next
 * EL2 MMU to go on without writing TCR2_EL2 takes every permission from
 * PIR_EL2 -- no access, not even to fetch its vectors. PIR_EL2 is written
 * now (unused while our TCR2_EL2.PIE is 0), TCR2_EL2 by the hand-over,
 * from the slot's saved stub value, which this call replaces.
 */
SYM_CODE_START_LOCAL(el2r_test_pie)
	mrs	x9, EL2R_ID_AA64MMFR3_EL1
	ubfx	x9, x9, #EL2R_MMFR3_S1PIE_SHIFT, #4
	mov_q	x0, EL2R_ERR_NO_FEATURE
	cbz	x9, 1f
	el2r_slot	x9
	cbz	x9, 1f				// not resident: nothing to do
	msr	EL2R_PIR_EL2, xzr
	mov	x10, #EL2R_BIT(EL2R_TCR2_PIE_BIT)
	str	x10, [x9, #EL2R_PCPU_STUB_TCR2]
	ldr	x10, [x9, #EL2R_PCPU_FEATURES]	// S1PIE implies FEAT_TCR2
	orr	x10, x10, #EL2R_BIT(EL2R_FEAT_TCR2_BIT)
	str	x10, [x9, #EL2R_PCPU_FEATURES]
	b	el2r_hand_over_x1
1:	eret
SYM_CODE_END(el2r_test_pie)

SYM_INNER_LABEL(__el2r_image_end, SYM_L_GLOBAL)

	/* module/image.c refuses to load code larger than EL2R_CODE_ROOM. */
	.popsection
