// SPDX-License-Identifier: GPL-2.0
/*
 * asm-offsets.c - the layout of the loader->EL2 contract (el2reset_abi.h)
 * as the EL2 code reads it: kbuild compiles this to assembly and turns
 * its DEFINE()s into el2r-asm-offsets.h (Kbuild), as the kernel does for
 * hyp-init.S's kvm_nvhe_init_params. Never linked.
 */
#include <linux/align.h>
#include <linux/build_bug.h>
#include <linux/kbuild.h>
#include <linux/stddef.h>
#include <asm/page.h>

#include "el2reset_abi.h"

#define EL2R_SLOT(sym, field)	DEFINE(sym, offsetof(struct el2r_pcpu, field))
#define EL2R_PL(sym, field)	DEFINE(sym, offsetof(struct el2r_pl_desc, field))
#define EL2R_FRAME(sym, field)	DEFINE(sym, offsetof(struct el2r_frame, field))

/* The frame is moved in pairs (STP/LDP; Normal memory: any alignment) */
static_assert(offsetof(struct el2r_frame, regs.x) == 0 &&
	      offsetof(struct el2r_frame, regs.elr) == 8 * 31 &&
	      offsetof(struct el2r_frame, regs.spsr) ==
	      offsetof(struct el2r_frame, regs.elr) + 8 &&
	      offsetof(struct el2r_frame, regs.far) ==
	      offsetof(struct el2r_frame, regs.esr) + 8);
static_assert(EL2R_PL_SLOTS == EL2R_PAYLOAD_MAX);

/* el2r_el1 moves the spill in pairs (STP/LDP): adjacent, 16-byte aligned */
static_assert(IS_ALIGNED(offsetof(struct el2r_pcpu, spill_x9), 16) &&
	      IS_ALIGNED(offsetof(struct el2r_pcpu, spill_x14), 16) &&
	      IS_ALIGNED(offsetof(struct el2r_pcpu, spill_x16), 16) &&
	      IS_ALIGNED(sizeof(struct el2r_pcpu), 16));
static_assert(offsetof(struct el2r_pcpu, spill_x10) ==
	      offsetof(struct el2r_pcpu, spill_x9) + 8);
static_assert(offsetof(struct el2r_pcpu, spill_x15) ==
	      offsetof(struct el2r_pcpu, spill_x14) + 8);
static_assert(offsetof(struct el2r_pcpu, spill_x17) ==
	      offsetof(struct el2r_pcpu, spill_x16) + 8);

int main(void)
{
	/* the data, after the code's room */
	DEFINE(EL2R_DATA_OFFSET, ALIGN(EL2R_CODE_ROOM, PAGE_SIZE));
	DEFINE(EL2R_PARAMS_STUB_VECTORS,
	       offsetof(struct el2r_params, stub_vectors));
	DEFINE(EL2R_PARAMS_TTBR0, offsetof(struct el2r_params, ttbr0));
	DEFINE(EL2R_PARAMS_TCR, offsetof(struct el2r_params, tcr));
	DEFINE(EL2R_PARAMS_MAIR, offsetof(struct el2r_params, mair));
	DEFINE(EL2R_PARAMS_INIT_FLAGS,
	       offsetof(struct el2r_params, init_flags));
	DEFINE(EL2R_PARAMS_NR_PAYLOADS,
	       offsetof(struct el2r_params, nr_payloads));
	DEFINE(EL2R_PARAMS_STACK_SIZE,
	       offsetof(struct el2r_params, stack_size));
	DEFINE(EL2R_PARAMS_PL, offsetof(struct el2r_params, pl));
	BLANK();
	DEFINE(EL2R_PL_DESC_SIZE, sizeof(struct el2r_pl_desc));
	EL2R_PL(EL2R_PL_CODE, code);
	EL2R_PL(EL2R_PL_START_ENTRY, start);
	EL2R_PL(EL2R_PL_STOP_ENTRY, stop);
	EL2R_PL(EL2R_PL_HVC_ENTRY, hvc);
	EL2R_PL(EL2R_PL_TRAP_ENTRY, trap);
	EL2R_PL(EL2R_PL_HVC_FIRST, hvc_first);
	EL2R_PL(EL2R_PL_HVC_LAST, hvc_last);
	EL2R_PL(EL2R_PL_TRAP_EC, trap_ec);
	EL2R_PL(EL2R_PL_DATA, data);
	EL2R_PL(EL2R_PL_DATA_STRIDE, data_stride);
	BLANK();
	EL2R_FRAME(EL2R_FRAME_X0, regs.x);
	EL2R_FRAME(EL2R_FRAME_ELR, regs.elr);
	EL2R_FRAME(EL2R_FRAME_ESR, regs.esr);
	EL2R_FRAME(EL2R_FRAME_LINK, link);
	BLANK();
	DEFINE(EL2R_PCPU_SIZE, sizeof(struct el2r_pcpu));
	EL2R_SLOT(EL2R_PCPU_NR_CALLS, nr_calls);
	EL2R_SLOT(EL2R_PCPU_NR_INIT, nr_init);
	EL2R_SLOT(EL2R_PCPU_NR_RESET, nr_reset);
	EL2R_SLOT(EL2R_PCPU_NR_SOFT_RESTART, nr_soft_restart);
	EL2R_SLOT(EL2R_PCPU_NR_HANDOVER, nr_handover);
	EL2R_SLOT(EL2R_PCPU_NR_RESET_VECTORS, nr_reset_vectors);
	EL2R_SLOT(EL2R_PCPU_TRAP_KIND, trap_kind);
	EL2R_SLOT(EL2R_PCPU_TRAP_ESR, trap_esr);
	EL2R_SLOT(EL2R_PCPU_TRAP_ELR, trap_elr);
	EL2R_SLOT(EL2R_PCPU_LAST_VECTORS, last_vectors);
	EL2R_SLOT(EL2R_PCPU_STUB_HCR, stub_hcr);
	EL2R_SLOT(EL2R_PCPU_STUB_SCTLR, stub_sctlr);
	EL2R_SLOT(EL2R_PCPU_STUB_TCR, stub_tcr);
	EL2R_SLOT(EL2R_PCPU_STUB_MAIR, stub_mair);
	EL2R_SLOT(EL2R_PCPU_STUB_TTBR0, stub_ttbr0);
	EL2R_SLOT(EL2R_PCPU_STUB_TPIDR, stub_tpidr);
	EL2R_SLOT(EL2R_PCPU_STUB_TCR2, stub_tcr2);
	EL2R_SLOT(EL2R_PCPU_STUB_SCTLR2, stub_sctlr2);
	EL2R_SLOT(EL2R_PCPU_STUB_GCSCR, stub_gcscr);
	EL2R_SLOT(EL2R_PCPU_FEATURES, features);
	EL2R_SLOT(EL2R_PCPU_SPILL_X9, spill_x9);
	EL2R_SLOT(EL2R_PCPU_SPILL_X10, spill_x10);
	EL2R_SLOT(EL2R_PCPU_SPILL_X14, spill_x14);
	EL2R_SLOT(EL2R_PCPU_SPILL_X15, spill_x15);
	EL2R_SLOT(EL2R_PCPU_SPILL_X16, spill_x16);
	EL2R_SLOT(EL2R_PCPU_SPILL_X17, spill_x17);
	EL2R_SLOT(EL2R_PCPU_FRAME, frame);
	EL2R_SLOT(EL2R_PCPU_CPU, cpu);
	EL2R_SLOT(EL2R_PCPU_PL_ACTIVE, pl_active);
	EL2R_SLOT(EL2R_PCPU_PL_CTX, pl_ctx);
	EL2R_SLOT(EL2R_PCPU_PL_FAULT, pl_fault);
	EL2R_SLOT(EL2R_PCPU_PL_FAULT_FAR, pl_fault_far);
	return 0;
}
