/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tvm_trace.h - what the tracer's EL1 and EL2 halves share: the registers
 * it counts, its call, and one CPU's data area.
 */
#ifndef TVM_TRACE_H
#define TVM_TRACE_H

/*
 * The EL1 registers HCR_EL2.TVM traps writes to (Arm ARM D19.2.51, the
 * Armv8.0 set, then those of later features where the CPU has them), in
 * the order of tvm_trace_el2.S's tables.
 */
#define TVM_SCTLR	0
#define TVM_TTBR0	1
#define TVM_TTBR1	2
#define TVM_TCR		3
#define TVM_AFSR0	4
#define TVM_AFSR1	5
#define TVM_ESR		6
#define TVM_FAR		7
#define TVM_MAIR	8
#define TVM_AMAIR	9
#define TVM_CONTEXTIDR	10
#define TVM_SCTLR2	11	/* FEAT_SCTLR2 */
#define TVM_TCR2	12	/* FEAT_TCR2 */
#define TVM_PIRE0	13	/* FEAT_S1PIE */
#define TVM_PIR		14	/* FEAT_S1PIE */
#define TVM_NR		15

/*
 * The tracer's one call, an SMCCC 1.1 fast call in the vendor-specific
 * hypervisor range (ARM_SMCCC_OWNER_VENDOR_HYP): x0 = 0 and x1 = HCR_EL2,
 * x2 = the traps this CPU took, as EL2 sees them.
 */
#define TVM_TRACE_HVC_STATUS	0xc6000e70

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* One CPU's data area, written at EL2, read by EL1 */
struct tvm_trace_pcpu {
	u64 count[TVM_NR];	/* writes trapped and performed, by register */
	u64 last[TVM_NR];	/* the last value written */
	u64 traps;		/* every trap taken */
	u64 declined;		/* traps not ours (a read, another register) */
	u64 starts, stops;	/* start and stop entries run */
};

/* tvm_trace_el2.S: the EL2 code el2reset copies, and its entry points */
extern char tvm_el2_start[], tvm_el2_end[];
extern char tvm_el2_on[], tvm_el2_off[], tvm_el2_hvc[], tvm_el2_trap[];
#endif

#endif /* TVM_TRACE_H */
