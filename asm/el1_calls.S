/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el1_calls.S - the EL1 side of el2reset's calls into EL2.
 *
 * Arguments are already where EL2 wants them when the HVC is taken: the EL2
 * code never shuffles its own calls' registers.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>

#include "el2reset_abi.h"

	.text

/*
 * void el2r_hvc(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5,
 *		 struct el2r_hvc_res *res)
 *
 * The hyp-stub ABI lets EL2 clobber the caller-saved registers, which the
 * AAPCS already allows a call to do; x6 (res) is kept on the stack.
 */
SYM_FUNC_START(el2r_hvc)
	str	x6, [sp, #-16]!
	hvc	#0
	/*
	 * What EL2 wrote before its ERET (VBAR_EL2 above all: the kernel's
	 * stub installs vectors with no ISB of its own) is in effect before
	 * this PE takes its next exception to EL2. The ERET synchronizes only
	 * while SCTLR_EL2.EOS is 1, and the stub runs with EOS clear on 7.x
	 * kernels (INIT_SCTLR_EL2_MMU_OFF from a RES1 mask of 0): with
	 * FEAT_ExS neither it nor the next HVC's entry would be a context
	 * synchronization event.
	 */
	isb
	ldr	x9, [sp], #16
	cbz	x9, 1f
	stp	x0, x1, [x9]
	stp	x2, x3, [x9, #16]
	stp	x4, x5, [x9, #32]
1:	ret
SYM_FUNC_END(el2r_hvc)

/*
 * void el2r_dcache_clean_poc(unsigned long start, unsigned long end,
 *			      unsigned long line)
 *
 * Clean (and invalidate) [start, end) to the point of coherency, so that
 * EL2 running with its MMU off - Device-nGnRnE data accesses and
 * Non-cacheable fetches, which bypass the caches - sees what EL1 wrote.
 * DC CIVAC rather than DC CVAC: correct on the CPUs whose errata make the
 * kernel upgrade cleans to clean+invalidate. @line is the
 * smallest D-cache line of the system (sanitised CTR_EL0.DminLine).
 */
SYM_FUNC_START(el2r_dcache_clean_poc)
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	civac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	/* The maintenance completes before anything EL2 does afterwards. */
	dsb	sy
	ret
SYM_FUNC_END(el2r_dcache_clean_poc)

/*
 * void el2r_test_wfi(u64 x0, u64 x1)
 *
 * Tests only (debugfs wfi_trap0/wfi_trap1): a WFI at EL1 with x0 and x1 as
 * given, the registers an EL2 that took every trap for a call would read
 * as a call number and its argument.
 */
SYM_FUNC_START(el2r_test_wfi)
	wfi
	ret
SYM_FUNC_END(el2r_test_wfi)

/* The test sentinels in x1-x17 and x19-x30, then NZCV (no flag set after) */
.macro	el2r_test_sentinels
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
	mov_q	x\n, EL2R_TEST_SENTINEL + \n
	.endr
	.irp	n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov_q	x\n, EL2R_TEST_SENTINEL + \n
	.endr
	mov_q	x17, EL2R_TEST_NZCV
	msr	nzcv, x17
	mov_q	x17, EL2R_TEST_SENTINEL + 17
.endm

/*
 * void el2r_test_regs(u64 out[32], u64 hvc_x0)
 *
 * Tests only (debugfs regs_wfi, regs_irq, ich_vtr): a sentinel in every
 * general-purpose register but x18 (the shadow call stack pointer, which
 * the kernel may need at any exception) -- EL2R_TEST_SENTINEL + n in xn --
 * and NZCV = EL2R_TEST_NZCV, then one instruction: a WFI (hvc_x0 == ~0,
 * x0 a sentinel too), else an HVC with x0 = hvc_x0. Then x0-x30 go to
 * out[0..30], NZCV to out[31]. Callers run it with IRQs masked.
 */
SYM_FUNC_START(el2r_test_regs)
	stp	x29, x30, [sp, #-112]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x0, [sp, #96]
	cmn	x1, #1
	b.eq	1f
	mov	x0, x1
	el2r_test_sentinels
	hvc	#0
	b	2f
1:	mov_q	x0, EL2R_TEST_SENTINEL
	el2r_test_sentinels
	wfi
2:	stp	x0, x1, [sp, #-16]!
	mrs	x0, nzcv
	ldr	x1, [sp, #16 + 96]
	str	x0, [x1, #8 * 31]
	stp	x2, x3, [x1, #8 * 2]
	stp	x4, x5, [x1, #8 * 4]
	stp	x6, x7, [x1, #8 * 6]
	stp	x8, x9, [x1, #8 * 8]
	stp	x10, x11, [x1, #8 * 10]
	stp	x12, x13, [x1, #8 * 12]
	stp	x14, x15, [x1, #8 * 14]
	stp	x16, x17, [x1, #8 * 16]
	stp	x18, x19, [x1, #8 * 18]
	stp	x20, x21, [x1, #8 * 20]
	stp	x22, x23, [x1, #8 * 22]
	stp	x24, x25, [x1, #8 * 24]
	stp	x26, x27, [x1, #8 * 26]
	stp	x28, x29, [x1, #8 * 28]
	str	x30, [x1, #8 * 30]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x1]
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #112
	ret
SYM_FUNC_END(el2r_test_regs)
