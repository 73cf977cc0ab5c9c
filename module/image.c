// SPDX-License-Identifier: GPL-2.0
/*
 * image.c - el2reset's EL2 image: allocate, map, publish, free.
 *
 * The image is two allocations of physically contiguous pages:
 *   image: one page of EL2 code (asm/el2_image.S, copied to its start as
 *          linked: the vectors are at offset 0, so 2 KiB aligned), then its
 *          data, struct el2r_image_data: the el2r_params EL1 writes once
 *          here, and one el2r_pcpu slot per possible CPU;
 *   tables: the EL2 stage-1 page tables (pgtable.c), identity-mapping the
 *          image (code read-only and executable, data read-write and
 *          execute-never).
 * Everything EL2 touches is in the image, at EL2 VA == PA; the page tables
 * are reached only by the table walker.
 *
 * Freed only by el2r_image_free(), which main.c calls only once every CPU
 * is known to be off the image (el2r_cpus_off_image()).
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/cacheflush.h>
#include <asm/cpufeature.h>
#include <asm/memory.h>
#include <asm/sysreg.h>

#include "el2reset.h"
#include "el2reset_abi.h"
#include "el2reset_hw.h"

static struct {
	struct page *image;
	size_t image_size;	/* code page + data: alloc_pages_exact() */
	struct page *tables;
	unsigned int tables_order;
	struct el2r_pt pt;
	struct el2r_image_data *data;	/* EL1's view of the data */
} img;

/* The EL2 address of a label of the linked EL2 code, in the copy */
static u64 el2r_el2_va(const void *sym)
{
	return page_to_phys(img.image) + ((const char *)sym - __el2r_image_start);
}

u64 el2r_image_vectors(void)
{
	return el2r_el2_va(__el2r_vectors);
}

u64 el2r_image_stub_vectors(void)
{
	return img.data->params.stub_vectors;
}

u64 el2r_image_slot_pa(unsigned int cpu)
{
	return page_to_phys(img.image) + PAGE_SIZE +
	       offsetof(struct el2r_image_data, pcpu[cpu]);
}

/* @cpu's slot as EL1 sees it; NULL before the image exists */
struct el2r_pcpu *el2r_image_slot(unsigned int cpu)
{
	return img.data ? &img.data->pcpu[cpu] : NULL;
}

unsigned int el2r_image_pages(void)
{
	return img.image ? (img.image_size >> PAGE_SHIFT) +
			   (1U << img.tables_order) : 0;
}

static void el2r_clean_to_poc(void *start, size_t size)
{
	u64 ctr = read_sanitised_ftr_reg(SYS_CTR_EL0);

	/* CTR_EL0.DminLine: log2 of the smallest D-cache line in words */
	el2r_dcache_clean_poc((unsigned long)start, (unsigned long)start + size,
			      4UL << EL2R_FIELD_GET(ctr, EL2R_CTR_DMINLINE));
}

/*
 * Every page EL2 reaches - through the tables (image, slots) or as a table
 * the walker reads - must lie below the output size the tables and TCR_EL2
 * describe, and below what the CPU implements (PARange).
 */
static int el2r_check_pa(struct page *pages, size_t size,
			 unsigned int pa_bits, const char *what)
{
	u64 last = page_to_phys(pages) + size - 1;

	if (last < BIT_ULL(pa_bits) && last < BIT_ULL(EL2R_VA_BITS))
		return 0;
	pr_err("refusing to load: the EL2 %s end at %#llx, above the %u-bit physical addresses el2reset's EL2 tables can reach (ID_AA64MMFR0_EL1.PARange, 4 KiB granule)\n",
	       what, last, pa_bits);
	return -ERANGE;
}

/*
 * EL2R_INIT_* flags. GCSCR_EL2 is saved, cleared and restored only where
 * this kernel knows FEAT_GCS and has it on (the sanitised capability, so
 * the id_aa64pfr1.gcs override counts): firmware gives EL2 access to
 * GCSCR_EL2 only where the kernel's booting.rst asks for it, and a kernel
 * that does not know GCS never touches the register either.
 */
static u64 el2r_init_flags(bool test)
{
	u64 flags = test ? BIT_ULL(EL2R_INIT_TEST_BIT) : 0;

#ifdef ARM64_HAS_GCS
	if (cpus_have_cap(ARM64_HAS_GCS))
		flags |= BIT_ULL(EL2R_INIT_GCS_BIT);
#endif
	return flags;
}

/* The pages as allocated, before any CPU could run them */
static void el2r_image_destroy(void)
{
	if (img.image)
		free_pages_exact(page_address(img.image), img.image_size);
	if (img.tables)
		__free_pages(img.tables, img.tables_order);
	memset(&img, 0, sizeof(img));
}

static int el2r_image_map(size_t data_size)
{
	u64 *tables = page_address(img.tables);
	phys_addr_t pa = page_to_phys(img.image);
	unsigned int i;
	int ret;

	for (i = 0; i < EL2R_PT_POOL; i++) {
		img.pt.virt[i] = tables + i * (EL2R_PT_SIZE / sizeof(u64));
		img.pt.pa[i] = page_to_phys(img.tables) + i * EL2R_PT_SIZE;
	}
	img.pt.nr = EL2R_PT_POOL;
	el2r_pt_init(&img.pt);
	ret = el2r_pt_map(&img.pt, pa, PAGE_SIZE,
			  el2r_pt_attrs(MT_NORMAL, false, true));
	if (!ret)
		ret = el2r_pt_map(&img.pt, pa + PAGE_SIZE, data_size,
				  el2r_pt_attrs(MT_NORMAL, true, false));
	if (ret)
		pr_err("refusing to load: cannot map the EL2 image at %pa: %d\n",
		       &pa, ret);
	return ret;
}

/*
 * Allocate, fill and map the image; @test: with the test calls
 * (test_knobs=1). Once this returns 0, el2r_image_vectors() may be given
 * to HVC_SET_VECTORS on any CPU.
 */
int el2r_image_alloc(const struct el2r_owner_info *owner, bool test)
{
	size_t code = (test ? __el2r_image_end : __el2r_test_start) -
		      __el2r_image_start;
	size_t data = PAGE_ALIGN(struct_size(img.data, pcpu, nr_cpu_ids));
	u64 mmfr0 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR0_EL1);
	unsigned int parange = EL2R_FIELD_GET(mmfr0, EL2R_MMFR0_PARANGE);
	unsigned int pa_bits = el2r_pa_bits(parange);
	struct el2r_params *p;
	void *va;
	int ret;

	if (__el2r_image_end - __el2r_image_start >
	    min_t(size_t, PAGE_SIZE, EL2R_PT_SIZE)) {
		pr_err("refusing to load: the EL2 code is %td bytes, more than one page\n",
		       __el2r_image_end - __el2r_image_start);
		return -E2BIG;
	}
	/* TGran4 is a signed field: 0b1111 (-1) means no 4 KiB granule */
	if (EL2R_FIELD_GET(mmfr0, EL2R_MMFR0_TGRAN4) == EL2R_MMFR0_TGRAN4_NI) {
		pr_err("refusing to load: this CPU has no 4 KiB translation granule (ID_AA64MMFR0_EL1.TGran4), the one el2reset's EL2 tables use\n");
		return -ENOEXEC;
	}
	/*
	 * Exactly the pages EL2 maps (past 64 CPUs a power-of-two allocation
	 * would hold pages nothing uses), physically contiguous.
	 */
	img.image_size = PAGE_SIZE + data;
	va = alloc_pages_exact(img.image_size, GFP_KERNEL | __GFP_ZERO);
	img.image = va ? virt_to_page(va) : NULL;
	/*
	 * L0-L3 for an image that sits in one 2 MiB block: alloc_pages_exact()
	 * trims a block aligned to its power-of-two size, at most 2 MiB here.
	 */
	img.tables_order = get_order(EL2R_PT_POOL * EL2R_PT_SIZE);
	img.tables = alloc_pages(GFP_KERNEL | __GFP_ZERO, img.tables_order);
	ret = -ENOMEM;
	if (!img.image || !img.tables) {
		pr_err("refusing to load: no memory for the EL2 image\n");
		goto err;
	}
	ret = el2r_check_pa(img.image, img.image_size, pa_bits,
			    "code and per-CPU slots");
	if (!ret)
		ret = el2r_check_pa(img.tables, PAGE_SIZE << img.tables_order,
				    pa_bits, "page tables");
	if (!ret)
		ret = el2r_image_map(data);
	if (ret)
		goto err;

	/* The code as linked; the data: the params, zeroed slots */
	memcpy(va, __el2r_image_start, code);
	img.data = va + PAGE_SIZE;
	p = &img.data->params;
	p->stub_vectors = owner->stub_vectors;
	p->ttbr0 = el2r_pt_root(&img.pt);
	p->tcr = el2r_tcr(parange);
	/* Same memory attributes as the kernel's own mappings of these pages */
	p->mair = read_sysreg(mair_el1);
	p->init_flags = el2r_init_flags(test);

	/*
	 * EL2 first runs this code with its MMU off: its data accesses are
	 * then Device-nGnRnE and its fetches Normal Non-cacheable (Arm ARM
	 * D8.2.10), so neither sees a line still dirty in a cache:
	 * push code, data and tables to the point of coherency, and make
	 * sure no I-cache holds older contents of these addresses.
	 */
	el2r_clean_to_poc(va, img.image_size);
	el2r_clean_to_poc(page_address(img.tables),
			  PAGE_SIZE << img.tables_order);
	caches_clean_inval_pou((unsigned long)va,
			       (unsigned long)va + PAGE_SIZE);
	return 0;
err:
	el2r_image_destroy();
	return ret;
}

/* Only once no CPU can execute the image any more (main.c). */
void el2r_image_free(void)
{
	el2r_image_destroy();
}
