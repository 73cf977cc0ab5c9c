/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tvm_trace_el2.S - the tracer's EL2 half, an el2reset payload
 * (Documentation/payloads.rst): position independent, no stack used, no
 * kernel symbol, no EL1 address. el2reset copies [tvm_el2_start,
 * tvm_el2_end) as linked and calls the four entries below, each an AAPCS64
 * function: x0 = the interrupted registers (struct el2r_payload_regs),
 * x1 = this CPU's struct tvm_trace_pcpu, x2 = the CPU's number.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>

#include "tvm_trace.h"
#include "tvm-asm-offsets.h"

#define HCR_TVM_BIT	26	/* HCR_EL2.TVM: trap EL1's VM control writes */
#define ESR_EC_SHIFT	26
#define ESR_EC_SYS64	0x18	/* MSR, MRS or system instruction */
/* ISS of EC 0x18 (Arm ARM D24.2.x): Direction, CRm, Rt, CRn, Op1, Op2, Op0 */
#define ISS_DIR_READ_BIT	0
#define ISS_RT_SHIFT		5
#define ISS_SYSREG_MASK		0x3ffc1e	/* Op0 Op2 Op1 CRn CRm */
#define SYSREG(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))

	.pushsection	".el2r_tvm.text", "ax"
	.align	3
SYM_INNER_LABEL(tvm_el2_start, SYM_L_GLOBAL)

/*
 * HCR_EL2 = \reg, as the kernel's msr_hcr_el2 writes it (DSB before, for
 * Ampere's erratum AC04_CPU_23) and in effect before EL1 runs again (ISB).
 */
.macro	tvm_msr_hcr	reg
	dsb	nsh
	msr	hcr_el2, \reg
	isb
.endm

/* Count one at [x1 + \off] */
.macro	tvm_count	off
	ldr	x9, [x1, #\off]
	add	x9, x9, #1
	str	x9, [x1, #\off]
.endm

/* start: trap EL1's writes to its translation controls from now on */
SYM_CODE_START(tvm_el2_on)
	mrs	x9, hcr_el2
	orr	x9, x9, #(1 << HCR_TVM_BIT)
	tvm_msr_hcr	x9
	tvm_count	PCPU_STARTS
	mov	x0, xzr
	ret
SYM_CODE_END(tvm_el2_on)

/*
 * stop: no more traps (el2reset gives the stub its own HCR_EL2 back after
 * this anyway; a payload still leaves what it changed as it found it)
 */
SYM_CODE_START(tvm_el2_off)
	mrs	x9, hcr_el2
	bic	x9, x9, #(1 << HCR_TVM_BIT)
	tvm_msr_hcr	x9
	tvm_count	PCPU_STOPS
	ret
SYM_CODE_END(tvm_el2_off)

/* TVM_TRACE_HVC_STATUS: x0 = 0, x1 = HCR_EL2, x2 = traps taken here */
SYM_CODE_START(tvm_el2_hvc)
	mrs	x9, hcr_el2
	ldr	x10, [x1, #PCPU_TRAPS]
	stp	xzr, x9, [x0, #REGS_X0]
	str	x10, [x0, #REGS_X0 + 16]
	ret
SYM_CODE_END(tvm_el2_hvc)

/*
 * trap: an MSR to one of the registers TVM traps. Find it (tvm_regs), do
 * the write EL1 asked for with EL1's value (Rt; 31 is XZR), count it,
 * keep the value, and step over the MSR (always 4 bytes: AArch64). The
 * write is the same instruction EL1 would have run; whatever EL1 does
 * after it (its ISB, its TLBI) it still does. Anything else is declined.
 */
SYM_CODE_START(tvm_el2_trap)
	tvm_count	PCPU_TRAPS
	ldr	x9, [x0, #REGS_ESR]
	ubfx	x10, x9, #ESR_EC_SHIFT, #6
	cmp	x10, #ESR_EC_SYS64
	b.ne	.Ldecline
	tbnz	x9, #ISS_DIR_READ_BIT, .Ldecline
	ubfx	x10, x9, #ISS_RT_SHIFT, #5
	mov	x11, xzr
	cmp	x10, #31
	b.eq	1f
	ldr	x11, [x0, x10, lsl #3]		// regs->x[Rt]
1:	mov_q	x10, ISS_SYSREG_MASK
	and	x9, x9, x10
	adr	x12, tvm_regs
	mov	x13, xzr
2:	ldr	w10, [x12, x13, lsl #2]
	cmp	w9, w10
	b.eq	3f
	add	x13, x13, #1
	cmp	x13, #TVM_NR
	b.lo	2b
	b	.Ldecline
3:	add	x10, x1, #PCPU_COUNT
	ldr	x9, [x10, x13, lsl #3]
	add	x9, x9, #1
	str	x9, [x10, x13, lsl #3]
	add	x10, x1, #PCPU_LAST
	str	x11, [x10, x13, lsl #3]
	adr	x12, tvm_writes
	add	x12, x12, x13, lsl #3
	br	x12
.Lwritten:
	ldr	x9, [x0, #REGS_ELR]
	add	x9, x9, #4
	str	x9, [x0, #REGS_ELR]
	mov	x0, xzr
	ret
.Ldecline:
	tvm_count	PCPU_DECLINED
	mov	x0, #1
	ret
SYM_CODE_END(tvm_el2_trap)

/* The trapped writes, two instructions each, in TVM_* order */
	.align	3
SYM_CODE_START_LOCAL(tvm_writes)
	msr	sctlr_el1, x11
	b	.Lwritten
	msr	ttbr0_el1, x11
	b	.Lwritten
	msr	ttbr1_el1, x11
	b	.Lwritten
	msr	tcr_el1, x11
	b	.Lwritten
	msr	afsr0_el1, x11
	b	.Lwritten
	msr	afsr1_el1, x11
	b	.Lwritten
	msr	esr_el1, x11
	b	.Lwritten
	msr	far_el1, x11
	b	.Lwritten
	msr	mair_el1, x11
	b	.Lwritten
	msr	amair_el1, x11
	b	.Lwritten
	msr	contextidr_el1, x11
	b	.Lwritten
	msr	S3_0_C1_C0_3, x11		// SCTLR2_EL1
	b	.Lwritten
	msr	S3_0_C2_C0_3, x11		// TCR2_EL1
	b	.Lwritten
	msr	S3_0_C10_C2_2, x11		// PIRE0_EL1
	b	.Lwritten
	msr	S3_0_C10_C2_3, x11		// PIR_EL1
	b	.Lwritten
SYM_CODE_END(tvm_writes)

/* Their encodings as ESR_EL2.ISS gives them, in the same order */
	.align	2
tvm_regs:
	.long	SYSREG(3, 0, 1, 0, 0)		// SCTLR_EL1
	.long	SYSREG(3, 0, 2, 0, 0)		// TTBR0_EL1
	.long	SYSREG(3, 0, 2, 0, 1)		// TTBR1_EL1
	.long	SYSREG(3, 0, 2, 0, 2)		// TCR_EL1
	.long	SYSREG(3, 0, 5, 1, 0)		// AFSR0_EL1
	.long	SYSREG(3, 0, 5, 1, 1)		// AFSR1_EL1
	.long	SYSREG(3, 0, 5, 2, 0)		// ESR_EL1
	.long	SYSREG(3, 0, 6, 0, 0)		// FAR_EL1
	.long	SYSREG(3, 0, 10, 2, 0)		// MAIR_EL1
	.long	SYSREG(3, 0, 10, 3, 0)		// AMAIR_EL1
	.long	SYSREG(3, 0, 13, 0, 1)		// CONTEXTIDR_EL1
	.long	SYSREG(3, 0, 1, 0, 3)		// SCTLR2_EL1
	.long	SYSREG(3, 0, 2, 0, 3)		// TCR2_EL1
	.long	SYSREG(3, 0, 10, 2, 2)		// PIRE0_EL1
	.long	SYSREG(3, 0, 10, 2, 3)		// PIR_EL1

SYM_INNER_LABEL(tvm_el2_end, SYM_L_GLOBAL)
	.popsection
