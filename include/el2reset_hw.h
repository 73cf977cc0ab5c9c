/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2reset_hw.h - names of the architectural fields el2reset programs or
 * reads (Arm ARM, DDI 0487), so no C or assembly line builds a system
 * register value out of raw shifts. Included by the module's C and assembly
 * and by the host unit tests, hence no kernel header here: the kernel's own
 * <asm/sysreg.h> names differ between the kernel versions el2reset builds
 * for (6.1 has no generated sysreg fields for several of these).
 */
#ifndef EL2RESET_HW_H
#define EL2RESET_HW_H

#ifdef __ASSEMBLY__
#define EL2R_BIT(n)		(1 << (n))
#define EL2R_FIELD_VAL(v, f)	((v) << f##_SHIFT)
#else
#define EL2R_BIT(n)		(1ULL << (n))
#define EL2R_FIELD_VAL(v, f)	((unsigned long long)(v) << f##_SHIFT)
/* The 4-bit ID register field @f of @reg (ID_AA64*, CTR_EL0 fields) */
#define EL2R_FIELD_GET(reg, f)	(((reg) >> f##_SHIFT) & 0xf)
#endif

/* SCTLR_EL2, E2H == 0 layout (D19.2.118) */
#define EL2R_SCTLR_M_BIT		0	/* stage-1 MMU enable */
#define EL2R_SCTLR_C_BIT		2	/* data cacheability */
#define EL2R_SCTLR_I_BIT		12	/* instruction cacheability */
#define EL2R_SCTLR_EOS_BIT		11	/* ERET synchronizes (FEAT_ExS) */
#define EL2R_SCTLR_EIS_BIT		22	/* entry synchronizes (FEAT_ExS) */
/*
 * RES1 of the E2H == 0 layout: SA0 4, CP15BEN 5, nTWI 16, nTWE 18, SPAN 23,
 * nTLSMD 28, LSMAOE 29 (fields of the E2H == 1 layout only), plus EOS and
 * EIS, which are RES1 without FEAT_ExS and el2reset wants set with it.
 */
#define EL2R_SCTLR_EL2_E2H0_RES1	(EL2R_BIT(4) | EL2R_BIT(5) |	\
					 EL2R_BIT(EL2R_SCTLR_EOS_BIT) |	\
					 EL2R_BIT(16) | EL2R_BIT(18) |	\
					 EL2R_BIT(EL2R_SCTLR_EIS_BIT) |	\
					 EL2R_BIT(23) | EL2R_BIT(28) |	\
					 EL2R_BIT(29))

/* HCR_EL2 (D19.2.48) */
#define EL2R_HCR_IMO_BIT		4	/* physical IRQs to EL2 */
#define EL2R_HCR_TWI_BIT		13	/* trap WFI at EL1 and EL0 */
#define EL2R_HCR_E2H_BIT		34	/* EL2 host: the VHE layout */

/* ESR_EL2 (D19.2.41): the exception class; only an HVC64 is a call */
#define EL2R_ESR_EC_SHIFT		26
#define EL2R_ESR_EC_WIDTH		6
#define EL2R_ESR_EC_HVC64		0x16	/* HVC from AArch64: a call */
#ifndef __ASSEMBLY__
#define EL2R_ESR_EC(esr)	(((esr) >> EL2R_ESR_EC_SHIFT) & \
				 ((1ULL << EL2R_ESR_EC_WIDTH) - 1))
#endif

/* TCR_EL2, E2H == 0 layout (D19.2.139) */
#define EL2R_TCR_T0SZ_SHIFT		0	/* input size = 64 - T0SZ */
#define EL2R_TCR_IRGN0_SHIFT		8	/* inner cacheability of walks */
#define EL2R_TCR_ORGN0_SHIFT		10	/* outer cacheability of walks */
#define EL2R_TCR_SH0_SHIFT		12	/* shareability of walks */
#define EL2R_TCR_TG0_SHIFT		14	/* granule */
#define EL2R_TCR_PS_SHIFT		16	/* physical address size */
#define EL2R_TCR_RES1			(EL2R_BIT(23) | EL2R_BIT(31))
#define EL2R_TCR_RGN_WBWA		1	/* Write-Back Write-Allocate */
#define EL2R_SH_INNER			3	/* Inner Shareable (SH0, SH[1:0]) */
#define EL2R_TCR_TG0_4K			0
#define EL2R_TCR_PS_48			5	/* PS encoding of 48 bits */

/* Stage-1 VMSAv8-64 descriptors, 4 KiB granule (D8.3) */
#define EL2R_DESC_VALID			EL2R_BIT(0)
#define EL2R_DESC_TABLE			EL2R_BIT(1)	/* levels 0-2 */
#define EL2R_DESC_PAGE			EL2R_BIT(1)	/* level 3 */
#define EL2R_DESC_ATTRINDX_SHIFT	2		/* MAIR index */
#define EL2R_DESC_AP_RES1		EL2R_BIT(6)	/* AP[1]: RES1 at EL2 */
#define EL2R_DESC_AP_RO			EL2R_BIT(7)	/* AP[2]: read-only */
#define EL2R_DESC_SH_SHIFT		8		/* shareability */
#define EL2R_DESC_AF			EL2R_BIT(10)	/* access flag */
#define EL2R_DESC_XN			EL2R_BIT(54)	/* XN, one-range regime */
#define EL2R_DESC_ADDR_MASK		0x0000fffffffff000ULL	/* OA [47:12] */
#define EL2R_PT_SHIFT			12		/* 4 KiB tables and pages */
#define EL2R_PT_INDEX_BITS		9		/* 512 entries a table */

/* CTR_EL0 (D19.2.34) */
#define EL2R_CTR_DMINLINE_SHIFT		16	/* log2 words, smallest D line */

/* ID_AA64MMFR0_EL1 (D19.2.64) */
#define EL2R_MMFR0_PARANGE_SHIFT	0	/* physical address size */
#define EL2R_MMFR0_TGRAN4_SHIFT		28	/* signed: 0b1111 = none */
#define EL2R_MMFR0_TGRAN4_NI		0xf

/*
 * Registers of newer architecture versions, by encoding (op0, op1, CRn,
 * CRm, op2): the assemblers of the older kernels do not know their names.
 */
#define EL2R_ID_AA64MMFR3_EL1		S3_0_C0_C7_3
#define EL2R_TCR2_EL2			S3_4_C2_C0_3	/* FEAT_TCR2 */
#define EL2R_SCTLR2_EL2			S3_4_C1_C0_3	/* FEAT_SCTLR2 */
#define EL2R_PIR_EL2			S3_4_C10_C2_3	/* FEAT_S1PIE */
#define EL2R_POR_EL2			S3_4_C10_C2_4	/* FEAT_S1POE */
#define EL2R_GCSCR_EL2			S3_4_C2_C5_0	/* FEAT_GCS */

/* TCR2_EL2 (D19.2.140) */
#define EL2R_TCR2_PIE_BIT		1	/* permissions from PIR_EL2 */

/* ID_AA64MMFR3_EL1 (D19.2.66): 4-bit fields, 0 = not implemented */
#define EL2R_MMFR3_TCRX_SHIFT		0	/* FEAT_TCR2 */
#define EL2R_MMFR3_SCTLRX_SHIFT		4	/* FEAT_SCTLR2 */
#define EL2R_MMFR3_S1PIE_SHIFT		8	/* FEAT_S1PIE */
#define EL2R_MMFR3_S1POE_SHIFT		16	/* FEAT_S1POE */

/* ID_AA64PFR0_EL1 (D19.2.67) */
#define EL2R_PFR0_EL2_SHIFT		8	/* 0: EL2 not implemented */
#define EL2R_PFR0_GIC_SHIFT		24	/* 0: no GIC system registers */

/* ICC_SRE_EL2 (GICv3 12.2.16) */
#define EL2R_ICC_SRE_EL2_SRE_BIT	0	/* system-register interface */

#endif /* EL2RESET_HW_H */
