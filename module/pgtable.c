// SPDX-License-Identifier: GPL-2.0
/*
 * pgtable.c - el2reset's EL2 stage-1 page tables, pure logic: 4 KiB granule,
 * 48-bit input addresses (T0SZ = 16, levels 0-3), identity mapping of the few
 * pages EL2 needs. Tables come from a pool the caller allocated; nothing here
 * allocates, so the same code runs in the host unit tests.
 */
#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include "host_shim.h"
#endif
#include "el2reset.h"
#include "el2reset_hw.h"

/* The index of @va in a table of @level (0-3). */
static unsigned int idx(u64 va, int level)
{
	return (va >> (EL2R_PT_SHIFT + EL2R_PT_INDEX_BITS * (3 - level))) &
	       ((1U << EL2R_PT_INDEX_BITS) - 1);
}

static u64 *table_of(const struct el2r_pt *pt, u64 pa)
{
	unsigned int i;

	for (i = 0; i < pt->used; i++)
		if (pt->pa[i] == pa)
			return pt->virt[i];
	return NULL;
}

void el2r_pt_init(struct el2r_pt *pt)
{
	pt->used = 1;			/* virt[0] is the level-0 table */
	memset(pt->virt[0], 0, EL2R_PT_SIZE);
}

u64 el2r_pt_root(const struct el2r_pt *pt)
{
	return pt->pa[0];
}

/*
 * Leaf attributes for Normal memory with MAIR index @attr_idx, inner
 * shareable like the kernel's own mappings, access flag set (no access-flag
 * fault at EL2). AP[1] is RES1 in the EL2 (single privilege level) regime;
 * AP[2] makes the page read-only; XN forbids execution.
 */
u64 el2r_pt_attrs(unsigned int attr_idx, bool writable, bool exec)
{
	u64 a = EL2R_FIELD_VAL(attr_idx, EL2R_DESC_ATTRINDX) |
		EL2R_DESC_AP_RES1 |
		EL2R_FIELD_VAL(EL2R_SH_INNER, EL2R_DESC_SH) |
		EL2R_DESC_AF;

	if (!writable)
		a |= EL2R_DESC_AP_RO;
	if (!exec)
		a |= EL2R_DESC_XN;
	return a;
}

/* Identity-map [pa, pa + size) with 4 KiB pages. */
int el2r_pt_map(struct el2r_pt *pt, u64 pa, u64 size, u64 attrs)
{
	u64 va, end = pa + size;

	if ((pa | size) & (EL2R_PT_SIZE - 1) || end > BIT_ULL(EL2R_VA_BITS) ||
	    end < pa)
		return -EINVAL;
	for (va = pa; va < end; va += EL2R_PT_SIZE) {
		u64 *table = pt->virt[0];
		int level;

		for (level = 0; level < 3; level++) {
			u64 *desc = &table[idx(va, level)];

			if (!(*desc & EL2R_DESC_VALID)) {
				if (pt->used == pt->nr &&
				    (!pt->grow || pt->grow(pt) ||
				     pt->used == pt->nr))
					return -ENOMEM;
				memset(pt->virt[pt->used], 0, EL2R_PT_SIZE);
				*desc = pt->pa[pt->used] | EL2R_DESC_TABLE |
					EL2R_DESC_VALID;
				pt->used++;
			}
			table = table_of(pt, *desc & EL2R_DESC_ADDR_MASK);
			if (!table)
				return -EFAULT;
		}
		if (table[idx(va, 3)] & EL2R_DESC_VALID)
			return -EEXIST;
		table[idx(va, 3)] = va | attrs | EL2R_DESC_PAGE |
				    EL2R_DESC_VALID;
	}
	return 0;
}

/* What the table walker would find for @va: the PA, or -1. */
u64 el2r_pt_walk(const struct el2r_pt *pt, u64 va, u64 *attrs)
{
	u64 *table = pt->virt[0], desc = 0;
	int level;

	if (va >> EL2R_VA_BITS)
		return ~0ULL;
	for (level = 0; level <= 3 && table; level++) {
		desc = table[idx(va, level)];
		/* levels 0-2: a table; level 3: a page (same bits) */
		if ((desc & (EL2R_DESC_VALID | EL2R_DESC_TABLE)) !=
		    (EL2R_DESC_VALID | EL2R_DESC_TABLE))
			return ~0ULL;
		if (level < 3)
			table = table_of(pt, desc & EL2R_DESC_ADDR_MASK);
	}
	if (!table)
		return ~0ULL;
	if (attrs)
		*attrs = desc & ~EL2R_DESC_ADDR_MASK &
			 ~(EL2R_DESC_VALID | EL2R_DESC_PAGE);
	return (desc & EL2R_DESC_ADDR_MASK) | (va & (EL2R_PT_SIZE - 1));
}

/*
 * The output address size of the tables we build: ID_AA64MMFR0_EL1.PARange
 * (32, 36, 40, 42, 44, 48, 52 bits), capped at the 48 bits a 4 KiB-granule
 * descriptor without FEAT_LPA2 can hold (and el2r_tcr() programs).
 */
unsigned int el2r_pa_bits(unsigned int parange)
{
	static const u8 bits[] = { 32, 36, 40, 42, 44, 48 };

	return parange < sizeof(bits) ? bits[parange] : 48;
}

/*
 * TCR_EL2 (E2H == 0 layout): T0SZ for 48 bits, table walks Inner/Outer
 * Write-Back Write-Allocate and Inner Shareable like the kernel's, 4 KiB
 * granule, PS from ID_AA64MMFR0_EL1.PARange capped at 48 bits, RES1 bits.
 */
u64 el2r_tcr(unsigned int parange)
{
	u64 ps = parange > EL2R_TCR_PS_48 ? EL2R_TCR_PS_48 : parange;

	return EL2R_FIELD_VAL(EL2R_T0SZ, EL2R_TCR_T0SZ) |
	       EL2R_FIELD_VAL(EL2R_TCR_RGN_WBWA, EL2R_TCR_IRGN0) |
	       EL2R_FIELD_VAL(EL2R_TCR_RGN_WBWA, EL2R_TCR_ORGN0) |
	       EL2R_FIELD_VAL(EL2R_SH_INNER, EL2R_TCR_SH0) |
	       EL2R_FIELD_VAL(EL2R_TCR_TG0_4K, EL2R_TCR_TG0) |
	       EL2R_FIELD_VAL(ps, EL2R_TCR_PS) | EL2R_TCR_RES1;
}
