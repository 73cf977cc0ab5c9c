// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of module/pgtable.c: EL2 page-table construction. */
#include <stdio.h>
#include <stdlib.h>
#include "host_shim.h"
#include "el2reset.h"
#include "el2reset_hw.h"
#include "unit.h"


static void pool(struct el2r_pt *pt, unsigned int nr)
{
	unsigned int i;

	pt->nr = nr;
	pt->grow = NULL;
	for (i = 0; i < nr; i++) {
		pt->virt[i] = aligned_alloc(4096, 4096);
		pt->pa[i] = 0x880000000ULL + i * 4096;	/* tables elsewhere */
	}
	el2r_pt_init(pt);
}

int main(void)
{
	struct el2r_pt pt;
	u64 a, text = el2r_pt_attrs(0, false, true);
	u64 data = el2r_pt_attrs(0, true, false);
	u64 base = 0x41234000ULL;

	pool(&pt, 4);
	ok(el2r_pt_map(&pt, base, 0x1000, text) == 0, "map the code page");
	ok(el2r_pt_map(&pt, base + 0x1000, 0x1000, data) == 0, "map the slots");
	ok(pt.used == 4, "one table per level: 4 tables");
	ok(el2r_pt_root(&pt) == 0x880000000ULL, "TTBR0 is the level-0 table");
	ok(el2r_pt_walk(&pt, base + 0x123, &a) == base + 0x123 && a == text,
	   "code page: identity, read-only executable");
	ok(el2r_pt_walk(&pt, base + 0x1ff8, &a) == base + 0x1ff8 && a == data,
	   "slot page: identity, read-write execute-never");
	ok(el2r_pt_walk(&pt, base + 0x2000, NULL) == ~0ULL,
	   "the next page is not mapped");
	ok(el2r_pt_walk(&pt, base - 0x1000, NULL) == ~0ULL,
	   "the previous page is not mapped");
	ok(el2r_pt_walk(&pt, 0x880000000ULL, NULL) == ~0ULL,
	   "the page tables themselves are not mapped");
	ok((text & (1ULL << 7)) && !(text & (1ULL << 54)) &&
	   !(data & (1ULL << 7)) && (data & (1ULL << 54)) &&
	   (text & (1ULL << 10)) && ((text >> 8) & 3) == 3 &&
	   (text & (1ULL << 6)),
	   "AP[2] RO / XN / AF / inner shareable / AP[1] RES1 bits");
	ok(el2r_pt_map(&pt, base, 0x1000, text) == -EEXIST,
	   "mapping a page twice is refused");
	ok(el2r_pt_map(&pt, base + 0x10, 0x1000, text) == -EINVAL,
	   "a misaligned address is refused");
	ok(el2r_pt_map(&pt, 1ULL << 48, 0x1000, text) == -EINVAL,
	   "an address beyond 48 bits is refused");
	ok(el2r_pt_map(&pt, 0x41400000ULL, 0x1000, text) == -ENOMEM,
	   "another 2 MiB block needs a table the pool does not have");

	pool(&pt, EL2R_PT_POOL);
	ok(EL2R_PT_POOL == 4 &&
	   el2r_pt_map(&pt, 0x411fe000ULL, 0x4000, data) == -ENOMEM &&
	   pt.used == 4,
	   "a range across 2 MiB would take a fifth table: the pool has 4 (image.c keeps the image in one 2 MiB block)");

	a = el2r_tcr(2);
	ok((a & 0x3f) == 16 && ((a >> 8) & 3) == 1 && ((a >> 10) & 3) == 1 &&
	   ((a >> 12) & 3) == 3 && ((a >> 14) & 3) == 0 &&
	   ((a >> 16) & 7) == 2 && (a & (1ULL << 23)) && (a & (1ULL << 31)),
	   "TCR_EL2: T0SZ 16, WBWA walks, inner shareable, 4K, PS, RES1");
	ok(((el2r_tcr(6) >> 16) & 7) == 5, "PS capped at 48 bits");
	ok(el2r_pa_bits(0) == 32 && el2r_pa_bits(2) == 40 &&
	   el2r_pa_bits(5) == 48, "PARange 0, 2, 5: 32, 40, 48 bits");
	ok(el2r_pa_bits(6) == 48 && el2r_pa_bits(15) == 48,
	   "PARange 52 bits (or unknown): capped at 48 for 4 KiB descriptors");

	/*
	 * The named fields of el2reset_hw.h, against the bit positions of
	 * the Arm ARM written out here independently (the checks above do the
	 * same for the values the code builds from them).
	 */
	ok(EL2R_DESC_AP_RO == 1ULL << 7 && EL2R_DESC_XN == 1ULL << 54 &&
	   EL2R_DESC_AF == 1ULL << 10 && EL2R_DESC_AP_RES1 == 1ULL << 6 &&
	   EL2R_DESC_SH_SHIFT == 8 && EL2R_DESC_ATTRINDX_SHIFT == 2,
	   "descriptor fields: AP[2] 7, XN 54, AF 10, AP[1] 6, SH 8, AttrIndx 2");
	ok(EL2R_TCR_IRGN0_SHIFT == 8 && EL2R_TCR_ORGN0_SHIFT == 10 &&
	   EL2R_TCR_SH0_SHIFT == 12 && EL2R_TCR_TG0_SHIFT == 14 &&
	   EL2R_TCR_PS_SHIFT == 16 && EL2R_SCTLR_M_BIT == 0 &&
	   EL2R_SCTLR_C_BIT == 2 && EL2R_SCTLR_I_BIT == 12 &&
	   EL2R_HCR_E2H_BIT == 34,
	   "TCR_EL2, SCTLR_EL2 and HCR_EL2 fields where the Arm ARM puts them");
	ok(EL2R_FIELD_GET(0x0000000000f10000ULL, EL2R_CTR_DMINLINE) == 1 &&
	   EL2R_FIELD_GET(0xf0000005ULL, EL2R_MMFR0_TGRAN4) ==
	   EL2R_MMFR0_TGRAN4_NI &&
	   EL2R_FIELD_GET(0xf0000005ULL, EL2R_MMFR0_PARANGE) == 5 &&
	   EL2R_FIELD_GET(0x1100ULL, EL2R_PFR0_EL2) == 1,
	   "ID register fields: CTR DminLine, MMFR0 TGran4/PARange, PFR0 EL2");
	ok(EL2R_ESR_EC(0x5a000000ULL) == 0x16 && EL2R_ESR_EC_HVC64 == 0x16 &&
	   EL2R_ESR_EC(0x07e00000ULL) == 0x01 &&
	   EL2R_HCR_TWI_BIT == 13,
	   "ESR_EL2.EC [31:26]: HVC64 0x16, WFx 0x01; HCR_EL2.TWI 13");
	ok(EL2R_SCTLR_EOS_BIT == 11 && EL2R_SCTLR_EIS_BIT == 22 &&
	   EL2R_SCTLR_EL2_E2H0_RES1 == 0x30c50830ULL,
	   "SCTLR_EL2 EOS 11, EIS 22; E2H=0 RES1 set = 6.x's SCTLR_EL2_RES1");
	ok(EL2R_MMFR3_TCRX_SHIFT == 0 && EL2R_MMFR3_SCTLRX_SHIFT == 4 &&
	   EL2R_MMFR3_S1PIE_SHIFT == 8 && EL2R_MMFR3_S1POE_SHIFT == 16 &&
	   EL2R_TCR2_PIE_BIT == 1,
	   "MMFR3 TCRX/SCTLRX/S1PIE/S1POE, TCR2_EL2.PIE");
	ok(EL2R_HCR_IMO_BIT == 4 && EL2R_PFR0_GIC_SHIFT == 24 &&
	   EL2R_ICC_SRE_EL2_SRE_BIT == 0,
	   "HCR_EL2.IMO 4, PFR0 GIC [27:24], ICC_SRE_EL2.SRE 0");
	return done();
}
