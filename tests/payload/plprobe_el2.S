/* SPDX-License-Identifier: GPL-2.0 */
/*
 * plprobe_el2.S - the tests' payload at EL2: counts its entries, answers
 * its calls, and takes exceptions on request (a load from VA 0, which
 * el2reset's tables never map; a stack overflow into the guard page).
 */
#include <linux/linkage.h>
#include <asm/assembler.h>

#include "plprobe.h"
#include "pp-asm-offsets.h"

	.pushsection	".el2r_pp.text", "ax"
	.align	3
SYM_INNER_LABEL(pp_el2_start, SYM_L_GLOBAL)

.macro	pp_count	off
	ldr	x9, [x1, #\off]
	add	x9, x9, #1
	str	x9, [x1, #\off]
.endm

SYM_CODE_START(pp_el2_on)
	ldr	x9, [x1, #PP_FAIL_START]
	cbnz	x9, pp_fault
	pp_count	PP_STARTS
	mov	x0, xzr
	ret
SYM_CODE_END(pp_el2_on)

SYM_CODE_START(pp_el2_off)
	pp_count	PP_STOPS
	ldr	x9, [x1, #PP_FAIL_STOP]
	cbnz	x9, pp_fault
	ret
SYM_CODE_END(pp_el2_off)

SYM_CODE_START(pp_el2_hvc)
	pp_count	PP_CALLS
	ldr	x9, [x0, #REGS_X0]
	mov_q	x10, PP_HVC_BASE
	sub	x9, x9, x10
	cmp	x9, #1
	b.eq	pp_fault
	cmp	x9, #2
	b.eq	1f
	cmp	x9, #3
	b.eq	2f
	cmp	x9, #4
	b.eq	pp_overflow
	cmp	x9, #5
	b.eq	3f
	cmp	x9, #6
	b.eq	4f
	/* echo: x0 = 0, x1 = x1 + 1, x2 = this CPU, x3 = CurrentEL */
	ldr	x10, [x0, #REGS_X0 + 8]
	add	x10, x10, #1
	mrs	x11, CurrentEL
	stp	xzr, x10, [x0, #REGS_X0]
	stp	x2, x11, [x0, #REGS_X0 + 16]
	ret
1:	ldr	x10, [x0, #REGS_X0 + 8]
	str	x10, [x1, #PP_FAIL_STOP]
	str	xzr, [x0, #REGS_X0]
	ret
2:	ldr	x10, [x0, #REGS_X0 + 8]
	str	x10, [x1, #PP_FAIL_START]
	str	xzr, [x0, #REGS_X0]
	ret
	/*
	 * A word deep in this CPU's stack, which nothing here uses otherwise:
	 * it stays until another CPU's overflow reaches it (no guard page)
	 */
3:	ldr	x10, [x0, #REGS_X0 + 8]
	sub	x11, sp, #PP_CANARY_DEPTH
	str	x10, [x11]
	str	xzr, [x0, #REGS_X0]
	ret
4:	sub	x11, sp, #PP_CANARY_DEPTH
	ldr	x10, [x11]
	stp	xzr, x10, [x0, #REGS_X0]
	ret
SYM_CODE_END(pp_el2_hvc)

SYM_CODE_START_LOCAL(pp_fault)
	mov	x9, xzr
	ldr	x9, [x9]
	ret
SYM_CODE_END(pp_fault)

/* Push until the stack runs into its guard page */
SYM_CODE_START_LOCAL(pp_overflow)
1:	stp	x0, x1, [sp, #-16]!
	b	1b
SYM_CODE_END(pp_overflow)

SYM_INNER_LABEL(pp_el2_end, SYM_L_GLOBAL)
	.popsection
