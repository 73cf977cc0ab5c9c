// SPDX-License-Identifier: GPL-2.0
/*
 * image.c - el2reset's EL2 image: allocate, map, publish, free.
 *
 * The image is two allocations of physically contiguous pages:
 *   image: the EL2 code's pages (asm/el2_image.S, copied to its start as
 *          linked: the vectors are at offset 0, so 2 KiB aligned), then its
 *          data, struct el2r_image_data: the el2r_params EL1 writes once
 *          here, and one el2r_pcpu slot per possible CPU;
 *   tables: the EL2 stage-1 page tables (pgtable.c), identity-mapping the
 *          image (code read-only and executable, data read-write and
 *          execute-never); one allocation for the image's own (L0-L3),
 *          a page more where payloads' pages need more (el2r_image_remap).
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

/* The code's pages: its room, in whole pages (el2reset_abi.h) */
#define EL2R_CODE_PAGES		ALIGN(EL2R_CODE_ROOM, PAGE_SIZE)

static struct {
	struct page *image;
	size_t image_size;	/* code pages + data: alloc_pages_exact() */
	struct page *tables;
	unsigned int tables_order;
	/* pages added for payloads' tables, freed at every remap */
	struct page *more[EL2R_PT_MAX];
	unsigned int nr_more;
	unsigned int pa_bits;
	size_t data_size;
	/* the registered payloads' names, kept for the reports (cpu.c) */
	char pl_name[EL2R_PL_SLOTS][32];
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
	return page_to_phys(img.image) + EL2R_CODE_PAGES +
	       offsetof(struct el2r_image_data, pcpu[cpu]);
}

/* @cpu's slot as EL1 sees it; NULL before the image exists */
struct el2r_pcpu *el2r_image_slot(unsigned int cpu)
{
	return img.data ? &img.data->pcpu[cpu] : NULL;
}

struct el2r_params *el2r_image_params(void)
{
	return &img.data->params;
}

unsigned int el2r_image_nr_payloads(void)
{
	return img.data ? READ_ONCE(img.data->params.nr_payloads) : 0;
}

const char *el2r_image_payload_name(unsigned int slot)
{
	return slot < EL2R_PL_SLOTS && img.pl_name[slot][0] ?
	       img.pl_name[slot] : "(gone)";
}

u64 el2r_image_payload_code(unsigned int slot)
{
	return slot < EL2R_PL_SLOTS && img.data ?
	       READ_ONCE(img.data->params.pl[slot].code) : 0;
}

/* Under the round lock, as the payload in @slot is published (or NULL) */
void el2r_image_name_payload(unsigned int slot, const char *name)
{
	strscpy(img.pl_name[slot], name ?: "", sizeof(img.pl_name[slot]));
}

unsigned int el2r_image_pages(void)
{
	return img.image ? (img.image_size >> PAGE_SHIFT) +
			   (1U << img.tables_order) + img.nr_more : 0;
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

/* The tables' pages beyond the image's own */
static void el2r_free_more(void)
{
	while (img.nr_more)
		__free_page(img.more[--img.nr_more]);
}

/*
 * pgtable.c wants another table: a page of them (4 KiB tables, one or more
 * a page), below the output size the tables describe, like the rest.
 */
static int el2r_grow(struct el2r_pt *pt)
{
	struct page *page;
	unsigned int i;

	if (img.nr_more == ARRAY_SIZE(img.more))
		return -ENOMEM;
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return -ENOMEM;
	if (page_to_phys(page) + PAGE_SIZE - 1 >= BIT_ULL(img.pa_bits)) {
		__free_page(page);
		return -ERANGE;
	}
	img.more[img.nr_more++] = page;
	for (i = 0; i < PAGE_SIZE / EL2R_PT_SIZE && pt->nr < EL2R_PT_MAX;
	     i++, pt->nr++) {
		pt->virt[pt->nr] = page_address(page) + i * EL2R_PT_SIZE;
		pt->pa[pt->nr] = page_to_phys(page) + i * EL2R_PT_SIZE;
	}
	return 0;
}

/* The pages as allocated, before any CPU could run them */
static void el2r_image_destroy(void)
{
	el2r_free_more();
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
	img.pt.grow = el2r_grow;
	el2r_pt_init(&img.pt);
	ret = el2r_pt_map(&img.pt, pa, EL2R_CODE_PAGES,
			  el2r_pt_attrs(MT_NORMAL, false, true));
	if (!ret)
		ret = el2r_pt_map(&img.pt, pa + EL2R_CODE_PAGES, data_size,
				  el2r_pt_attrs(MT_NORMAL, true, false));
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
	    EL2R_CODE_ROOM) {
		pr_err("refusing to load: the EL2 code is %td bytes, more than its %u\n",
		       __el2r_image_end - __el2r_image_start, EL2R_CODE_ROOM);
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
	img.image_size = EL2R_CODE_PAGES + data;
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
	img.pa_bits = pa_bits;
	img.data_size = data;
	if (!ret) {
		ret = el2r_image_map(data);
		if (ret)
			pr_err("refusing to load: cannot map the EL2 image: %d\n",
			       ret);
	}
	if (ret)
		goto err;

	/* The code as linked; the data: the params, zeroed slots */
	memcpy(va, __el2r_image_start, code);
	img.data = va + EL2R_CODE_PAGES;
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
			       (unsigned long)va + EL2R_CODE_PAGES);
	return 0;
err:
	el2r_image_destroy();
	return ret;
}

/* Code, data and every table to the point of coherency (see above) */
static void el2r_image_clean(void)
{
	unsigned int i;

	el2r_clean_to_poc(img.data, img.data_size);
	el2r_clean_to_poc(page_address(img.tables),
			  PAGE_SIZE << img.tables_order);
	for (i = 0; i < img.nr_more; i++)
		el2r_clean_to_poc(page_address(img.more[i]), PAGE_SIZE);
}

/*
 * The tables again: the image, then @regions (payloads' code, data and
 * stacks: payload.c), each identity-mapped; the params and the slots as
 * EL1 has just written them, and the tables, cleaned to the point of
 * coherency. Only while no CPU runs the image (payload.c: after a
 * teardown round, el2r_cpus_off_image()). On an error the image alone is
 * mapped, as at load.
 */
int el2r_image_remap(const struct el2r_region *regions, unsigned int nr)
{
	unsigned int i;
	int ret;

	el2r_free_more();
	ret = el2r_image_map(img.data_size);
	for (i = 0; !ret && i < nr; i++) {
		ret = el2r_check_pa(phys_to_page(regions[i].pa),
				    regions[i].size, img.pa_bits,
				    "payload pages");
		if (!ret)
			ret = el2r_pt_map(&img.pt, regions[i].pa,
					  regions[i].size,
					  el2r_pt_attrs(MT_NORMAL, !regions[i].exec,
							regions[i].exec));
	}
	if (ret) {
		el2r_free_more();
		WARN_ON(el2r_image_map(img.data_size));
	}
	/* the root table stays the first one: TTBR0_EL2 is unchanged */
	el2r_image_clean();
	return ret;
}

/* Only once no CPU can execute the image any more (main.c). */
void el2r_image_free(void)
{
	el2r_image_destroy();
}
