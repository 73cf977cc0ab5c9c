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

#define EL2R_DESC_VALID		BIT_ULL(0)
#define EL2R_DESC_TABLE		BIT_ULL(1)	/* levels 0-2: next table */
#define EL2R_DESC_PAGE		BIT_ULL(1)	/* level 3: page */
#define EL2R_DESC_ADDR_MASK	0x0000fffffffff000ULL	/* bits [47:12] */

static unsigned int idx(u64 va, int level)
{
	return (va >> (12 + 9 * (3 - level))) & 511;
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
 * shareable like the kernel's own mappings. AP[1] is RES1 in the EL2
 * (single privilege level) regime; AP[2] makes the page read-only; XN
 * (bit 54) forbids execution.
 */
u64 el2r_pt_attrs(unsigned int attr_idx, bool writable, bool exec)
{
	u64 a = ((u64)attr_idx << 2) | (1ULL << 6) | (3ULL << 8) | (1ULL << 10);

	if (!writable)
		a |= 1ULL << 7;
	if (!exec)
		a |= 1ULL << 54;
	return a;
}

/* Identity-map [pa, pa + size) with 4 KiB pages. */
int el2r_pt_map(struct el2r_pt *pt, u64 pa, u64 size, u64 attrs)
{
	u64 va, end = pa + size;

	if ((pa | size) & (EL2R_PT_SIZE - 1) || end > (1ULL << 48) || end < pa)
		return -EINVAL;
	for (va = pa; va < end; va += EL2R_PT_SIZE) {
		u64 *table = pt->virt[0];
		int level;

		for (level = 0; level < 3; level++) {
			u64 *desc = &table[idx(va, level)];

			if (!(*desc & EL2R_DESC_VALID)) {
				if (pt->used == pt->nr)
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

	if (va >> 48)
		return ~0ULL;
	for (level = 0; level <= 3 && table; level++) {
		desc = table[idx(va, level)];
		if ((desc & 3) != 3)
			return ~0ULL;
		if (level < 3)
			table = table_of(pt, desc & EL2R_DESC_ADDR_MASK);
	}
	if (!table)
		return ~0ULL;
	if (attrs)
		*attrs = desc & ~EL2R_DESC_ADDR_MASK & ~3ULL;
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
	u64 ps = parange > 5 ? 5 : parange;

	return EL2R_T0SZ | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) |
	       (0ULL << 14) | (ps << 16) | (1ULL << 23) | (1ULL << 31);
}
