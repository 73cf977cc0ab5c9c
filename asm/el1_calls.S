/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el1_calls.S - the EL1 side of el2reset's calls into EL2.
 *
 * Arguments are already where EL2 wants them when the HVC is taken: the EL2
 * code never shuffles its own calls' registers.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>

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
