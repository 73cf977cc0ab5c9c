// SPDX-License-Identifier: GPL-2.0
/*
 * el2.c - el2reset's EL2 image and its life on each CPU.
 *
 * The image is two allocations of physically contiguous pages:
 *   image: one page of EL2 code (asm/el2_image.S, copied to its start: the
 *          vectors are at offset 0, so 2 KiB aligned), then the per-CPU
 *          el2r_pcpu slots (EL2R_PCPU_SIZE bytes per possible CPU);
 *   tables: the EL2 stage-1 page tables, identity-mapping the image (code
 *          read-only and executable, slots read-write and execute-never).
 * Everything EL2 touches is in the image, at EL2 VA == PA; the page tables
 * are reached only by the table walker.
 *
 * One lock (el2r_lock) under the CPU hotplug lock serialises every round of
 * installs or teardowns; the CPU hotplug callbacks run under the hotplug
 * write lock, so they exclude the rounds without taking el2r_lock.
 */
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/cacheflush.h>
#include <asm/cpufeature.h>
#include <asm/memory.h>
#include <asm/sysreg.h>

#include "el2reset.h"
#include "el2reset_abi.h"
#include "el2reset_hw.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

static_assert(sizeof(struct el2r_pcpu) == EL2R_PCPU_SIZE);
static_assert(offsetof(struct el2r_pcpu, nr_calls) == EL2R_PCPU_NR_CALLS);
static_assert(offsetof(struct el2r_pcpu, nr_init) == EL2R_PCPU_NR_INIT);
static_assert(offsetof(struct el2r_pcpu, nr_reset) == EL2R_PCPU_NR_RESET);
static_assert(offsetof(struct el2r_pcpu, nr_soft_restart) ==
	      EL2R_PCPU_NR_SOFT_RESTART);
static_assert(offsetof(struct el2r_pcpu, nr_handover) ==
	      EL2R_PCPU_NR_HANDOVER);
static_assert(offsetof(struct el2r_pcpu, nr_reset_vectors) ==
	      EL2R_PCPU_NR_RESET_VECTORS);
static_assert(offsetof(struct el2r_pcpu, trap_esr) == EL2R_PCPU_TRAP_ESR);
static_assert(offsetof(struct el2r_pcpu, trap_elr) == EL2R_PCPU_TRAP_ELR);
static_assert(offsetof(struct el2r_pcpu, stub_hcr) == EL2R_PCPU_STUB_HCR);
static_assert(offsetof(struct el2r_pcpu, stub_sctlr) == EL2R_PCPU_STUB_SCTLR);
static_assert(offsetof(struct el2r_pcpu, stub_tcr) == EL2R_PCPU_STUB_TCR);
static_assert(offsetof(struct el2r_pcpu, stub_mair) == EL2R_PCPU_STUB_MAIR);
static_assert(offsetof(struct el2r_pcpu, stub_ttbr0) == EL2R_PCPU_STUB_TTBR0);
static_assert(offsetof(struct el2r_pcpu, stub_tpidr) == EL2R_PCPU_STUB_TPIDR);
static_assert(offsetof(struct el2r_pcpu, stub_tcr2) == EL2R_PCPU_STUB_TCR2);
static_assert(offsetof(struct el2r_pcpu, stub_sctlr2) ==
	      EL2R_PCPU_STUB_SCTLR2);
static_assert(offsetof(struct el2r_pcpu, stub_gcscr) == EL2R_PCPU_STUB_GCSCR);
static_assert(offsetof(struct el2r_pcpu, features) == EL2R_PCPU_FEATURES);
static_assert(offsetof(struct el2r_pcpu, trap_kind) == EL2R_PCPU_TRAP_KIND);
static_assert(offsetof(struct el2r_pcpu, last_vectors) ==
	      EL2R_PCPU_LAST_VECTORS);
static_assert(offsetof(struct el2r_pcpu, spill) == EL2R_PCPU_SPILL_X9);
static_assert(offsetof(struct el2r_pcpu, spill[5]) == EL2R_PCPU_SPILL_X17);
/* el2r_el1 moves them in pairs (STP/LDP): adjacent, 16-byte aligned */
static_assert(IS_ALIGNED(EL2R_PCPU_SPILL_X9, 16) &&
	      IS_ALIGNED(EL2R_PCPU_SPILL_X14, 16) &&
	      IS_ALIGNED(EL2R_PCPU_SPILL_X16, 16) &&
	      IS_ALIGNED(EL2R_PCPU_SIZE, 16));
static_assert(offsetof(struct el2r_pcpu, spill[1]) == EL2R_PCPU_SPILL_X10);
static_assert(offsetof(struct el2r_pcpu, spill[2]) == EL2R_PCPU_SPILL_X14);
static_assert(offsetof(struct el2r_pcpu, spill[3]) == EL2R_PCPU_SPILL_X15);
static_assert(offsetof(struct el2r_pcpu, spill[4]) == EL2R_PCPU_SPILL_X16);

/* Serialises install/teardown rounds and el2r_want_resident's writers. */
DEFINE_MUTEX(el2r_lock);
bool el2r_want_resident;

static struct {
	struct page *image;
	size_t image_size;	/* code page + slots: alloc_pages_exact() */
	struct page *tables;
	unsigned int tables_order;
	struct el2r_pt pt;
	u64 tcr, mair;
	phys_addr_t stub_vectors;
	u64 init_flags;		/* EL2R_INIT_*: x5 of EL2R_HVC_INIT */
	phys_addr_t kvm_vectors;	/* KVM's HVC_SET_VECTORS target, or 0 */
	bool kvm_initialised;	/* at load: KVM may claim EL2 (coexistence) */
} img;

struct el2r_cpu_stats {
	unsigned long installs[EL2R_NR_EVENTS];
	unsigned long teardowns[EL2R_NR_EVENTS];
};

static DEFINE_PER_CPU(struct el2r_cpu_stats, el2r_stats);
static DEFINE_PER_CPU(int, el2r_ipi_ret);
/*
 * slot->nr_handover + nr_reset_vectors when we last installed; more means
 * someone took EL2 over.
 */
static DEFINE_PER_CPU(u64, el2r_handover_base);
/* slot->nr_reset_vectors when we last installed */
static DEFINE_PER_CPU(u64, el2r_reset_vectors_base);
/*
 * EL2 belongs to someone else on this CPU: EL2R_YIELD_KVM, or
 * EL2R_YIELD_OTHER (HVC_SET_VECTORS by kexec or hibernation). Sticky until
 * the module is reloaded, except that an explicit install takes a CPU
 * yielded to KVM back once the stub answers there again
 * (el2r_reclaim_this_cpu()).
 */
enum { EL2R_YIELD_NONE, EL2R_YIELD_KVM, EL2R_YIELD_OTHER };
static DEFINE_PER_CPU(int, el2r_yielded);
/*
 * Set when the EL2 code reported an exception on this CPU (it is back at
 * the stub then); no HVC is issued there again until an explicit install
 * (sysfs) clears it.
 */
static DEFINE_PER_CPU(bool, el2r_faulted);
/*
 * A CPU that came online while the boot-mode record no longer said EL2 on
 * every CPU (el2r_boot_mode_still_el2()): it may have no EL2, so never an
 * HVC on it.
 */
static DEFINE_PER_CPU(bool, el2r_no_el2);
static atomic_t el2r_nr_no_el2;

/*
 * The one translation from a kernel address inside the linked EL2 code to
 * the address EL2 uses for it in the copy (EL2 VA == PA in the idmap page).
 */
static u64 el2r_el2_va(const void *sym)
{
	return page_to_phys(img.image) + ((const char *)sym - __el2r_image_start);
}

/* The same place in the copy, as the kernel writes it. */
static void *el2r_copy_of(const void *sym)
{
	return page_address(img.image) + ((const char *)sym - __el2r_image_start);
}

static u64 el2r_slot_pa(unsigned int cpu)
{
	return page_to_phys(img.image) + PAGE_SIZE + cpu * EL2R_PCPU_SIZE;
}

static struct el2r_pcpu *el2r_slot_rw(unsigned int cpu)
{
	if (!img.image)
		return NULL;
	return page_address(img.image) + PAGE_SIZE + cpu * EL2R_PCPU_SIZE;
}

const struct el2r_pcpu *el2r_slot(unsigned int cpu)
{
	return el2r_slot_rw(cpu);
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
 * EL2R_HVC_INIT's flags: GCSCR_EL2 is saved, cleared and restored only where
 * this kernel knows FEAT_GCS and has it on (the sanitised capability, so
 * the id_aa64pfr1.gcs override counts): firmware gives EL2 access to
 * GCSCR_EL2 only where the kernel's booting.rst asks for it, and a kernel
 * that does not know GCS never touches the register either.
 */
static u64 el2r_init_flags(void)
{
	u64 flags = 0;

#ifdef ARM64_HAS_GCS
	if (cpus_have_cap(ARM64_HAS_GCS))
		flags |= BIT_ULL(EL2R_INIT_GCS_BIT);
#endif
	return flags;
}

int el2r_image_alloc(const struct el2r_owner_info *owner)
{
	phys_addr_t stub_vectors = owner->stub_vectors;
	size_t code = __el2r_image_end - __el2r_image_start;
	size_t slots = PAGE_ALIGN(nr_cpu_ids * EL2R_PCPU_SIZE);
	u64 mmfr0 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR0_EL1);
	unsigned int i, parange = EL2R_FIELD_GET(mmfr0, EL2R_MMFR0_PARANGE);
	unsigned int pa_bits = el2r_pa_bits(parange);
	u64 *tables;
	void *va;
	int ret;

	if (code > min_t(size_t, PAGE_SIZE, EL2R_PT_SIZE)) {
		pr_err("refusing to load: the EL2 code is %zu bytes, more than one page\n",
		       code);
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
	img.image_size = PAGE_SIZE + slots;
	va = alloc_pages_exact(img.image_size, GFP_KERNEL | __GFP_ZERO);
	img.image = va ? virt_to_page(va) : NULL;
	/*
	 * L0-L3 for an image that sits in one 2 MiB block: alloc_pages_exact()
	 * trims a block aligned to its power-of-two size, at most 2 MiB here.
	 */
	img.tables_order = get_order(4 * EL2R_PT_SIZE);
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
	if (ret)
		goto err;

	memcpy(page_address(img.image), __el2r_image_start, code);
	*(u64 *)el2r_copy_of(__el2r_stub_vectors) = stub_vectors;
	img.stub_vectors = stub_vectors;
	img.kvm_initialised = owner->facts.kvm_initialised;
	img.init_flags = el2r_init_flags();
	img.kvm_vectors = owner->kvm_vectors;

	tables = page_address(img.tables);
	img.pt.nr = min_t(unsigned int, EL2R_PT_POOL,
			  (PAGE_SIZE << img.tables_order) / EL2R_PT_SIZE);
	for (i = 0; i < img.pt.nr; i++) {
		img.pt.virt[i] = tables + i * (EL2R_PT_SIZE / sizeof(u64));
		img.pt.pa[i] = page_to_phys(img.tables) + i * EL2R_PT_SIZE;
	}
	el2r_pt_init(&img.pt);
	ret = el2r_pt_map(&img.pt, page_to_phys(img.image), PAGE_SIZE,
			  el2r_pt_attrs(MT_NORMAL, false, true));
	if (!ret)
		ret = el2r_pt_map(&img.pt, page_to_phys(img.image) + PAGE_SIZE,
				  slots, el2r_pt_attrs(MT_NORMAL, true, false));
	if (ret) {
		pr_err("refusing to load: cannot map the EL2 image at %pa: %d\n",
		       &(phys_addr_t){ page_to_phys(img.image) }, ret);
		goto err;
	}
	/* Same memory attributes as the kernel's own mappings of these pages */
	img.mair = read_sysreg(mair_el1);
	img.tcr = el2r_tcr(parange);

	/*
	 * EL2 first runs this code with its MMU off: its data accesses are
	 * then Device-nGnRnE and its fetches Normal Non-cacheable (Arm ARM
	 * D8.2.10), so neither sees a line still dirty in a cache:
	 * push code, slots and tables to the point of coherency, and make
	 * sure no I-cache holds older contents of these addresses.
	 */
	el2r_clean_to_poc(page_address(img.image), img.image_size);
	el2r_clean_to_poc(tables, PAGE_SIZE << img.tables_order);
	caches_clean_inval_pou((unsigned long)page_address(img.image),
			       (unsigned long)page_address(img.image) + PAGE_SIZE);
	return 0;
err:
	el2r_image_free();
	return ret;
}

/* Only once no CPU can execute the image any more. */
void el2r_image_free(void)
{
	if (img.image)
		free_pages_exact(page_address(img.image), img.image_size);
	if (img.tables)
		__free_pages(img.tables, img.tables_order);
	img.image = NULL;
	img.tables = NULL;
}

static const char *el2r_fault_kind(u64 kind)
{
	static const char * const names[] = {
		[EL2R_FAULT_SYNC] = "synchronous",
		[EL2R_FAULT_IRQ] = "IRQ",
		[EL2R_FAULT_FIQ] = "FIQ",
		[EL2R_FAULT_SERROR] = "SError",
	};

	return kind < ARRAY_SIZE(names) ? names[kind] : "unknown";
}

/* HVCs el2reset issued on each CPU (the benchmark's calls per round) */
static DEFINE_PER_CPU(unsigned long, el2r_nr_hvcs);

unsigned long el2r_hvcs_issued(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(*per_cpu_ptr(&el2r_nr_hvcs, cpu));
	return n;
}

/*
 * Every HVC el2reset issues goes through here. An exception taken at EL2
 * while our vectors are live comes back as EL2R_ERR_FAULT, the stub already
 * back in place (asm/el2_image.S, el2r_fault): report it once, with what to
 * do, and leave that CPU alone from now on.
 */
void el2r_call(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5,
	       struct el2r_hvc_res *r)
{
	unsigned int cpu = smp_processor_id();

	this_cpu_inc(el2r_nr_hvcs);
	el2r_hvc(x0, x1, x2, x3, x4, x5, r);
	if (r->a0 != EL2R_ERR_FAULT)
		return;
	this_cpu_write(el2r_faulted, true);
	pr_err("CPU%u: EL2 took a %s exception in call %#llx: ESR_EL2=%#llx FAR_EL2=%#llx ELR_EL2=%#llx; the hyp-stub is back at EL2 on this CPU and el2reset leaves it alone; please report this, then write 1 to /sys/kernel/el2reset/install to retry\n",
	       cpu, el2r_fault_kind(r->a4), x0, r->a1, r->a2, r->a3);
}

/*
 * An exception from EL1 that was not an HVC -- a trapped instruction, or an
 * IRQ, FIQ or SError routed to EL2 -- which the EL2 code took as a fault
 * (asm/el2_image.S, el2r_el1): it recorded its kind, ESR_EL2 and ELR_EL2
 * in the slot, handed EL2 back to the stub and returned to the interrupted
 * code, which knows nothing of it. Seen here, without an HVC, and reported
 * once.
 */
static bool el2r_trapped(unsigned int cpu)
{
	static const char * const kinds[] = {
		[EL2R_TRAP_SYNC] =
			"a synchronous exception from EL1 that is not an HVC",
		[EL2R_TRAP_IRQ] = "an IRQ from EL1",
		[EL2R_TRAP_FIQ] = "an FIQ from EL1",
		[EL2R_TRAP_SERROR] = "an SError from EL1",
	};
	const struct el2r_pcpu *slot = el2r_slot(cpu);
	u64 elr = slot ? READ_ONCE(slot->trap_elr) : 0, esr, kind;
	char syn[64];

	if (!elr)
		return false;
	if (xchg(per_cpu_ptr(&el2r_faulted, cpu), true))
		return true;
	smp_rmb();			/* EL2 wrote ESR first: el2r_el1 */
	esr = READ_ONCE(slot->trap_esr);
	kind = READ_ONCE(slot->trap_kind);
	/* ESR_EL2 says nothing of an IRQ or FIQ: only of the others */
	if (kind == EL2R_TRAP_IRQ || kind == EL2R_TRAP_FIQ)
		snprintf(syn, sizeof(syn), "ELR_EL2=%#llx", elr);
	else
		snprintf(syn, sizeof(syn), "ESR_EL2=%#llx (EC %#llx) ELR_EL2=%#llx",
			 esr, EL2R_ESR_EC(esr), elr);
	pr_err("CPU%u: EL2 took %s: %s, a trap or routing control left set at EL2; the hyp-stub is back at EL2 on this CPU, as the kernel had it, and el2reset leaves it alone; please report this, then write 1 to /sys/kernel/el2reset/install to retry\n",
	       cpu, kind < ARRAY_SIZE(kinds) ? kinds[kind] :
	       "an exception from EL1", syn);
	return true;
}

bool el2r_cpu_faulted(unsigned int cpu)
{
	return READ_ONCE(*per_cpu_ptr(&el2r_faulted, cpu)) ||
	       el2r_trapped(cpu);
}

void el2r_mark_no_el2(unsigned int cpu)
{
	if (xchg(per_cpu_ptr(&el2r_no_el2, cpu), true))
		return;
	pr_warn("CPU%u came online after a CPU entered the kernel at EL1 (__boot_cpu_mode is no longer EL2 on every CPU): no HVC on it, el2reset leaves it alone (%d such CPUs)\n",
		cpu, atomic_inc_return(&el2r_nr_no_el2));
}

bool el2r_cpu_no_el2(unsigned int cpu)
{
	return READ_ONCE(*per_cpu_ptr(&el2r_no_el2, cpu));
}

/*
 * No HVC may be issued on @cpu: EL2 was yielded to someone else, el2reset's
 * EL2 code reported an exception there, or the CPU may have no EL2.
 */
bool el2r_cpu_left_alone(unsigned int cpu)
{
	return el2r_cpu_yielded(cpu) || el2r_cpu_faulted(cpu) ||
	       el2r_cpu_no_el2(cpu);
}

static u64 el2r_handovers(const struct el2r_pcpu *slot)
{
	return READ_ONCE(slot->nr_handover) + READ_ONCE(slot->nr_reset_vectors);
}

/* What the slot has counted so far is the past: on this CPU, IRQs off */
static void el2r_set_handover_base(unsigned int cpu)
{
	const struct el2r_pcpu *slot = el2r_slot(cpu);

	WRITE_ONCE(*this_cpu_ptr(&el2r_reset_vectors_base),
		   READ_ONCE(slot->nr_reset_vectors));
	WRITE_ONCE(*this_cpu_ptr(&el2r_handover_base), el2r_handovers(slot));
}

/* @kvm: EL2 went to KVM; @who: to whom, for the log */
static void el2r_mark_yielded(unsigned int cpu, bool kvm, const char *who)
{
	if (!xchg(per_cpu_ptr(&el2r_yielded, cpu),
		  kvm ? EL2R_YIELD_KVM : EL2R_YIELD_OTHER)) {
		el2r_count_event(cpu, false, EL2R_EV_KVM);
		pr_info("CPU%u: EL2 yielded to %s\n", cpu, who);
	}
}

/*
 * Did @slot's CPU hand EL2 to KVM? Only KVM sends HVC_RESET_VECTORS, and
 * KVM's HVC_SET_VECTORS installs its __kvm_hyp_init: either seen since our
 * install says KVM. Asked of what happened since the install, not of the
 * counters' totals: KVM's HVC_RESET_VECTORS may have gone to the stub
 * before el2reset took the CPU back, and only its HVC_SET_VECTORS to us.
 */
static bool el2r_yield_is_kvm(unsigned int cpu, const struct el2r_pcpu *slot)
{
	u64 last = READ_ONCE(slot->last_vectors);

	return READ_ONCE(slot->nr_reset_vectors) !=
	       READ_ONCE(*per_cpu_ptr(&el2r_reset_vectors_base, cpu)) ||
	       (img.kvm_vectors && last == img.kvm_vectors);
}

/*
 * Has CPU @cpu handed EL2 over to someone else? The resident code counts
 * every HVC_RESET_VECTORS (KVM sends it before it claims EL2) and
 * HVC_SET_VECTORS (KVM, kexec, hibernation) it obeys, so this needs no HVC:
 * once yielded, el2reset calls EL2 on that CPU again only to ask whether
 * KVM gave it back (el2r_reclaim_this_cpu(), on an explicit install).
 */
bool el2r_cpu_yielded(unsigned int cpu)
{
	const struct el2r_pcpu *slot = el2r_slot(cpu);
	bool kvm;

	/* pairs with the release in el2r_reclaim_this_cpu(): the base first */
	if (smp_load_acquire(per_cpu_ptr(&el2r_yielded, cpu)))
		return true;
	if (!slot || el2r_handovers(slot) ==
		     READ_ONCE(*per_cpu_ptr(&el2r_handover_base, cpu)))
		return false;
	kvm = el2r_yield_is_kvm(cpu, slot);
	el2r_mark_yielded(cpu, kvm, kvm ? "KVM" :
			  "the caller of HVC_SET_VECTORS (kexec or hibernation)");
	return true;
}

/*
 * Someone else than the stub or el2reset answered on this CPU: KVM, if it
 * is initialised (it claimed EL2 while we were not resident here).
 */
static int el2r_other_owner(unsigned int cpu)
{
	if (!img.kvm_initialised)
		return -EBUSY;
	el2r_mark_yielded(cpu, true, "KVM");
	return 0;
}

/*
 * The status call: who is at EL2 on this CPU (el2reset's answer, the
 * stub's HVC_STUB_ERR, KVM's SMCCC_RET_NOT_SUPPORTED). Only ever called
 * once the load-time verdict says an HVC is safe.
 */
void el2r_probe_this_cpu(struct el2r_hvc_res *res)
{
	el2r_call(EL2R_HVC_STATUS, 0, 0, 0, 0, 0, res);
}

/*
 * Who is at EL2 on this CPU, asked before an install or a teardown: false,
 * without an HVC, on a CPU el2reset leaves alone (KVM's now, back at the
 * stub after a fault, or no EL2); else true with the status call's answer
 * in @r.
 */
static bool el2r_ask_this_cpu(unsigned int cpu, struct el2r_hvc_res *r)
{
	if (el2r_cpu_left_alone(cpu))
		return false;
	el2r_probe_this_cpu(r);
	return true;
}

/*
 * Install on this CPU. IRQs off (IPI, cpuhp or CPU PM callback on this CPU).
 * Returns 1 if installed now, 0 if nothing to do (already resident, or EL2
 * yielded to KVM), or an error.
 *
 * The status call stays first here: the first call that changes anything,
 * HVC_SET_VECTORS, is one every owner acts on -- el2reset's resident code
 * would obey it as a hand-over (counted as a yield), the stub installs the
 * vectors -- so who is there must be known before it. Asking with
 * EL2R_HVC_INIT instead would save nothing: from the stub it is then
 * INIT (refused), SET_VECTORS, INIT, three calls as now.
 */
int el2r_install_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	struct el2r_hvc_res r;

	if (!el2r_ask_this_cpu(cpu, &r))
		return 0;
	if (r.a0 == EL2R_MAGIC)
		return 0;			/* already resident */
	if (r.a0 == EL2R_ERR_FAULT)
		return -EFAULT;
	if (r.a0 != HVC_STUB_ERR)
		return el2r_other_owner(cpu);	/* never touch it */
	el2r_call(HVC_SET_VECTORS, el2r_el2_va(__el2r_vectors), 0, 0, 0, 0, &r);
	if (r.a0)
		return -EIO;
	el2r_call(EL2R_HVC_INIT, el2r_pt_root(&img.pt), img.tcr, img.mair,
		  el2r_slot_pa(cpu), img.init_flags, &r);
	switch (r.a0) {
	case 0:
		break;
	case EL2R_ERR_FAULT:			/* reported, the stub is back */
		return -EFAULT;
	case EL2R_ERR_E2H:			/* refused: nothing changed */
		el2r_call(EL2R_HVC_RESET, img.stub_vectors, 0, 0, 0, 0, &r);
		return -EPROTONOSUPPORT;
	default:
		el2r_call(EL2R_HVC_RESET, img.stub_vectors, 0, 0, 0, 0, &r);
		return -EIO;
	}
	/* Only our EL2R_HVC_INIT answers 0, and only with the MMU on. */
	el2r_set_handover_base(cpu);
	return 1;
}

/*
 * Tear down on this CPU: back to the kernel's stub. Returns 1 if torn down
 * now, 0 if nothing to do (already the stub, or EL2 is KVM's), or an error.
 *
 * One HVC, the reset call itself, with no status call first: its own
 * answer says who was there, and no other owner el2reset can meet acts on
 * it. Its number is above HVC_STUB_HCALL_NR and has bit 31 clear, so
 *  - the hyp-stub (hyp-stub.S elx_sync, read in 6.1; 6.12 and 7.3 answer
 *    the status call, same range, alike in every test) matches none of
 *    its calls and answers HVC_STUB_ERR, nothing else done;
 *  - KVM's nVHE host handler (hyp/nvhe/host.S __host_hvc sends it past
 *    the stub calls; hyp-main.c handle_host_hcall) finds no host call at
 *    id - KVM_HOST_SMCCC_ID(0) and answers SMCCC_RET_NOT_SUPPORTED,
 *    nothing else done (pKVM and VHE KVM are refused at load);
 *  - el2reset's EL2 code tears down and answers 0.
 * A CPU where KVM claimed EL2 from us is known without an HVC (the
 * hand-over counters, el2r_cpu_left_alone()).
 */
int el2r_teardown_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	struct el2r_hvc_res r;

	if (el2r_cpu_left_alone(cpu))
		return 0;
	el2r_call(EL2R_HVC_RESET, img.stub_vectors, 0, 0, 0, 0, &r);
	switch (r.a0) {
	case 0:					/* ours: the stub is back */
	case EL2R_ERR_FAULT:			/* reported; torn down */
		return 1;
	case HVC_STUB_ERR:			/* the stub already */
		return 0;
	default:
		return el2r_other_owner(cpu);
	}
}

/* EL2R_NR_EVENTS: a round that is not counted (the benchmark's) */
void el2r_count_event(unsigned int cpu, bool install, enum el2r_event ev)
{
	struct el2r_cpu_stats *s = per_cpu_ptr(&el2r_stats, cpu);

	if (ev >= EL2R_NR_EVENTS)
		return;
	if (install)
		s->installs[ev]++;
	else
		s->teardowns[ev]++;
}

unsigned long el2r_event_count(unsigned int cpu, bool install,
			       enum el2r_event ev)
{
	struct el2r_cpu_stats *s = per_cpu_ptr(&el2r_stats, cpu);

	return install ? s->installs[ev] : s->teardowns[ev];
}

/*
 * The test-only switches, here where el2r_this_cpu() honours them (debugfs.c
 * creates its knobs when el2r_test_knobs() says so).
 */
static bool test_knobs;
module_param(test_knobs, bool, 0444);
MODULE_PARM_DESC(test_knobs,
		 "Create the test-only knobs in debugfs: PM paths, an EL2 fault, EL1 traps, a left TCR2_EL2.PIE, the boot-mode record (default: false)");

static int test_fail_install = -1;
module_param(test_fail_install, int, 0600);
MODULE_PARM_DESC(test_fail_install,
		 "Test only, with test_knobs=1: every install on this CPU fails with -EIO before any HVC (default: -1, none)");

static int test_fail_teardown = -1;
module_param(test_fail_teardown, int, 0600);
MODULE_PARM_DESC(test_fail_teardown,
		 "Test only, with test_knobs=1: every teardown on this CPU fails with -EIO before any HVC (default: -1, none)");

bool el2r_test_knobs(void)
{
	return test_knobs;
}

/*
 * In el2r_this_cpu(), on @cpu with IRQs off, before any HVC: -EIO if the
 * test_fail_install/test_fail_teardown parameter names @cpu (test_knobs
 * only), else 0.
 */
static int el2r_test_fail(unsigned int cpu, bool install)
{
	int fail = install ? READ_ONCE(test_fail_install) :
			     READ_ONCE(test_fail_teardown);

	return test_knobs && fail >= 0 && fail == cpu ? -EIO : 0;
}

/*
 * Install or tear down on this CPU (IRQs off), for @ev; traced (el2r_cpu).
 * The one entry point of the IPI rounds, hotplug and CPU PM.
 */
int el2r_this_cpu(bool install, enum el2r_event ev)
{
	u64 t0 = ktime_get_ns();
	int ret = el2r_test_fail(smp_processor_id(), install);	/* test only */

	if (!ret)
		ret = install ? el2r_install_this_cpu() :
				el2r_teardown_this_cpu();

	trace_el2r_cpu(smp_processor_id(), install, ev, ret,
		       ktime_get_ns() - t0);
	return ret;
}

struct el2r_round_arg {
	bool install;
	enum el2r_event ev;
};

/*
 * KVM gives EL2 back to the stub when it disables itself - its last VM
 * destroyed (6.1; 6.12+ with kvm.enable_virt_at_load=0): cpu_hyp_reset()
 * sends HVC_RESET_VECTORS to KVM's own EL2 code. An explicit install takes
 * such a CPU back: the status call is asked on this CPU, and only if the
 * stub answers it (HVC_STUB_ERR) is the yield forgotten; KVM's EL2 code
 * answers SMCCC_RET_NOT_SUPPORTED (nVHE's host HVC handler and
 * __kvm_hyp_init alike) and the CPU stays KVM's. Only CPUs yielded to KVM
 * are asked: KVM is the one owner known to answer an unknown call
 * harmlessly.
 *
 * No race with KVM: EL2 on this CPU changes only by an HVC issued on this
 * CPU, and none runs between this answer and the install that follows it
 * in the same IPI (IRQs off). KVM's own calls may come before or after it
 * (6.1: from an IPI of its own) or around it (6.12+: from a hotplug
 * callback with IRQs on). After its HVC_RESET_VECTORS the stub answers and
 * el2reset installs; KVM's next HVC_SET_VECTORS then reaches el2reset's
 * code, which obeys and counts it (yielded again). After that call,
 * __kvm_hyp_init answers SMCCC_RET_NOT_SUPPORTED: left alone.
 */
static void el2r_reclaim_this_cpu(unsigned int cpu)
{
	struct el2r_hvc_res r;

	if (this_cpu_read(el2r_yielded) != EL2R_YIELD_KVM ||
	    !img.kvm_initialised)
		return;
	el2r_probe_this_cpu(&r);
	if (r.a0 != HVC_STUB_ERR)
		return;
	/* the hand-overs counted so far are KVM's past ones */
	el2r_set_handover_base(cpu);
	/*
	 * Release: a reader on another CPU (sysfs owner, el2r_cpu_yielded())
	 * that sees the yield forgotten sees the new base too, or it would
	 * mark the CPU yielded again.
	 */
	smp_store_release(this_cpu_ptr(&el2r_yielded), EL2R_YIELD_NONE);
	pr_info("CPU%u: KVM gave EL2 back to the stub; taking it back\n", cpu);
}

static void el2r_round_ipi(void *arg)
{
	const struct el2r_round_arg *a = arg;

	if (a->install && a->ev == EL2R_EV_SYSFS)
		el2r_reclaim_this_cpu(smp_processor_id());
	this_cpu_write(el2r_ipi_ret, el2r_this_cpu(a->install, a->ev));
}

char el2r_last_result[128] = "none";

/*
 * One IPI round: every online CPU runs @install or teardown in parallel and
 * we wait for all. Each CPU reports its result; failures are named.
 */
static int el2r_round(bool install, enum el2r_event ev)
{
	const char *what = install ? "install" : "teardown";
	struct el2r_round_arg arg = { .install = install, .ev = ev };
	u64 t0 = ktime_get_ns();
	unsigned int cpu;
	int len = 0, ret = 0;

	lockdep_assert_held(&el2r_lock);

	on_each_cpu(el2r_round_ipi, &arg, 1);
	for_each_online_cpu(cpu) {
		int r = per_cpu(el2r_ipi_ret, cpu);

		if (r >= 0) {
			if (r)
				el2r_count_event(cpu, install, ev);
			continue;
		}
		pr_err("CPU%u: %s (%s) failed: %d\n", cpu, what,
		       el2r_event_name(ev), r);
		len += scnprintf(el2r_last_result + len,
				 sizeof(el2r_last_result) - len, "%scpu%u:%d",
				 len ? " " : "", cpu, r);
		ret = ret ?: r;
	}
	if (!ret)
		scnprintf(el2r_last_result, sizeof(el2r_last_result), "ok");
	trace_el2r_round(install, ev, num_online_cpus(), ret,
			 ktime_get_ns() - t0);
	return ret;
}

static void el2r_probe_fn(void *res)
{
	el2r_probe_this_cpu(res);
}

/* Status of @cpu, read from EL2 by an IPI; non-zero if it is offline. */
int el2r_cpu_status(unsigned int cpu, struct el2r_hvc_res *res)
{
	memset(res, 0, sizeof(*res));
	/* smp_call_function_single() fails on an offline CPU */
	return smp_call_function_single(cpu, el2r_probe_fn, res, 1);
}

/*
 * The locks of every round, in their one order: CPU hotplug (no CPU comes
 * or goes during a round), then el2reset's own (one round at a time).
 */
void el2r_rounds_lock(void)
{
	cpus_read_lock();
	mutex_lock(&el2r_lock);
}

void el2r_rounds_unlock(void)
{
	mutex_unlock(&el2r_lock);
	cpus_read_unlock();
}

/* Callers hold el2r_rounds_lock() (or run in a hotplug callback). */
int el2r_install_all(enum el2r_event ev)
{
	unsigned int cpu;
	int ret;

	/*
	 * An explicit install is the one way back for a CPU that faulted. Its
	 * EL2 is the stub's: EL2 no longer writes its slot.
	 */
	if (ev == EL2R_EV_SYSFS)
		for_each_possible_cpu(cpu) {
			if (!el2r_cpu_faulted(cpu))
				continue;
			WRITE_ONCE(el2r_slot_rw(cpu)->trap_elr, 0);
			WRITE_ONCE(*per_cpu_ptr(&el2r_faulted, cpu), false);
		}
	WRITE_ONCE(el2r_want_resident, true);
	ret = el2r_round(true, ev);
	if (ret) {
		char failed[sizeof(el2r_last_result)];
		char back[sizeof(el2r_last_result)] = "";

		/*
		 * All or nothing: take back the CPUs that did install.
		 * last_result names the CPUs whose install failed, then any
		 * whose roll-back failed; never the roll-back's "ok".
		 */
		strscpy(failed, el2r_last_result, sizeof(failed));
		WRITE_ONCE(el2r_want_resident, false);
		if (el2r_round(false, ev))
			strscpy(back, el2r_last_result, sizeof(back));
		scnprintf(el2r_last_result, sizeof(el2r_last_result), "%s%s%s",
			  failed, back[0] ? " " : "", back);
	}
	return ret;
}

int el2r_teardown_all(enum el2r_event ev)
{
	WRITE_ONCE(el2r_want_resident, false);
	return el2r_round(false, ev);
}

/* In enum order: the same list expanded twice */
static const char * const el2r_event_names[EL2R_NR_EVENTS] = {
#define EL2R_EVENT(id, name)	name,
#include "el2r_events.h"
};

/* The event's name; "bench" for the benchmark's uncounted rounds. */
const char *el2r_event_name(enum el2r_event ev)
{
	return ev < EL2R_NR_EVENTS ? el2r_event_names[ev] : "bench";
}
