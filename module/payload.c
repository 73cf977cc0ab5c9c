// SPDX-License-Identifier: GPL-2.0
/*
 * payload.c - other modules' EL2 code through el2reset
 * (include/el2reset_payload.h, Documentation/payloads.rst): registering and
 * unregistering, their EL2 pages, and el2reset's per-CPU EL2 stacks they
 * run on.
 *
 * Every change goes one way, under the round lock and the CPU hotplug lock:
 * a teardown round (each running payload's stop, on every CPU where
 * el2reset is resident), the pages and tables changed while no CPU runs
 * the image, an install round (each payload's start). Nothing EL2 reads
 * changes while a CPU could read it.
 *
 * The pages, each physically contiguous, identity-mapped at EL2:
 *   code	a copy of the payload's code, read-only and executable at EL2
 *		(and only there: EL1 reaches it through the linear map,
 *		execute-never);
 *   data	one area per possible CPU, read-write, execute-never;
 *   stacks	el2reset's, shared by the payloads (one entry runs at a time on
 *		a CPU): per possible CPU an unmapped guard page, then the
 *		stack, then its frame (struct el2r_frame) at the top, so that
 *		an overflow is a translation fault at EL2, recovered, never a
 *		write into another CPU's stack.
 */
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/cacheflush.h>

#include "el2reset.h"
#include "el2reset_abi.h"
#include "el2reset_hw.h"

/* The registered payloads, by slot (el2r_params.pl[]); under the round lock */
static struct el2r_payload *el2r_pls[EL2R_PL_SLOTS];

static struct {
	void *va;		/* CPU 0's guard page */
	size_t alloc, stride, stack;
} el2r_stacks;

#define EL2R_FRAME_SIZE	ALIGN(sizeof(struct el2r_frame), 16)

static const struct el2r_round el2r_pl_down_round = {
	.install = false, .counted = true, .ev = EL2R_EV_PAYLOAD,
};

static const struct el2r_round el2r_pl_up_round = {
	.install = true, .counted = true, .ev = EL2R_EV_PAYLOAD,
};

static unsigned int el2r_payloads_nr(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < EL2R_PL_SLOTS; i++)
		n += !!READ_ONCE(el2r_pls[i]);
	return n;
}

void *el2r_payload_data(const struct el2r_payload *pl, unsigned int cpu)
{
	if (WARN_ON_ONCE(!pl->data || cpu >= nr_cpu_ids))
		return NULL;
	return pl->data + cpu * pl->data_stride;
}
EXPORT_SYMBOL_GPL(el2r_payload_data);

bool el2r_payload_running(const struct el2r_payload *pl, unsigned int cpu)
{
	const struct el2r_pcpu *slot = el2r_image_slot(cpu);

	if (cpu >= nr_cpu_ids || READ_ONCE(el2r_pls[pl->index]) != pl)
		return false;
	el2r_cpu_fold(cpu);
	return el2r_cpu_state(cpu) == EL2R_CPU_RESIDENT &&
	       (READ_ONCE(slot->pl_active) & BIT_ULL(pl->index));
}
EXPORT_SYMBOL_GPL(el2r_payload_running);

/* Bad input: one line naming the field, nothing changed */
static int el2r_pl_check(const struct el2r_payload *pl)
{
	const u32 entries[] = { pl->start, pl->stop, pl->hvc, pl->trap };
	const char *bad = NULL;
	unsigned int i;

	if (!pl->name || !pl->code || !pl->code_size ||
	    pl->code_size > EL2R_PAYLOAD_CODE_MAX)
		bad = "name, code or code_size";
	for (i = 0; !bad && i < ARRAY_SIZE(entries); i++)
		if (entries[i] != EL2R_PAYLOAD_NO_ENTRY &&
		    (entries[i] >= pl->code_size || entries[i] % 4))
			bad = "an entry point outside the code or misaligned";
	if (!bad && pl->hvc_first > pl->hvc_last)
		bad = "hvc_first above hvc_last";
	if (!bad && (pl->hvc_first || pl->hvc_last) &&
	    pl->hvc == EL2R_PAYLOAD_NO_ENTRY)
		bad = "an HVC range without an hvc entry";
	if (!bad && pl->trap_ec && pl->trap == EL2R_PAYLOAD_NO_ENTRY)
		bad = "trap_ec without a trap entry";
	if (!bad && (pl->trap_ec & BIT_ULL(EL2R_ESR_EC_HVC64)))
		bad = "trap_ec with HVC64 (calls are routed by hvc_first/last)";
	if (!bad && pl->data_size > EL2R_PAYLOAD_DATA_MAX)
		bad = "data_size";
	if (!bad && (pl->stack_size < EL2R_PAYLOAD_STACK_MIN ||
		     pl->stack_size > EL2R_PAYLOAD_STACK_MAX ||
		     pl->stack_size % 16))
		bad = "stack_size";
	if (!bad)
		return 0;
	pr_err("payload %s refused: %s\n", pl->name ?: "(no name)", bad);
	return -EINVAL;
}

static bool el2r_ranges_meet(u64 a0, u64 a1, u64 b0, u64 b1)
{
	return a0 <= b1 && b0 <= a1;
}

/* Function IDs or exception classes someone else answers */
static const char *el2r_pl_collides(const struct el2r_payload *pl)
{
	u64 f = pl->hvc_first, l = pl->hvc_last;
	unsigned int i;

	if (f || l) {
		if (el2r_ranges_meet(f, l, 0, HVC_STUB_HCALL_NR - 1) ||
		    el2r_ranges_meet(f, l, HVC_STUB_ERR, HVC_STUB_ERR))
			return "the kernel's hyp-stub ABI";
#ifdef HVC_GET_ICH_VTR_EL2
		if (el2r_ranges_meet(f, l, HVC_GET_ICH_VTR_EL2,
				     HVC_GET_ICH_VTR_EL2))
			return "the kernel's hyp-stub ABI";
#endif
		if (el2r_ranges_meet(f, l, EL2R_HVC_BASE,
				     EL2R_HVC_BASE + EL2R_HVC_SPAN - 1))
			return "el2reset's own calls";
	}
	for (i = 0; i < EL2R_PL_SLOTS; i++) {
		const struct el2r_payload *o = el2r_pls[i];

		if (!o)
			continue;
		if ((f || l) && (o->hvc_first || o->hvc_last) &&
		    el2r_ranges_meet(f, l, o->hvc_first, o->hvc_last))
			return o->name;
		if (pl->trap_ec & o->trap_ec)
			return o->name;
	}
	return NULL;
}

static void el2r_pl_free(struct el2r_payload *pl)
{
	if (pl->code_pages)
		free_pages_exact(page_address(pl->code_pages), pl->code_alloc);
	if (pl->data)
		free_pages_exact(pl->data, pl->data_alloc);
	pl->code_pages = NULL;
	pl->data = NULL;
}

/* Its code copied as linked, its data areas zeroed */
static int el2r_pl_alloc(struct el2r_payload *pl)
{
	void *code;

	pl->code_alloc = PAGE_ALIGN(pl->code_size);
	code = alloc_pages_exact(pl->code_alloc, GFP_KERNEL | __GFP_ZERO);
	pl->data_stride = ALIGN(max_t(size_t, pl->data_size, 1), 64);
	pl->data_alloc = PAGE_ALIGN(pl->data_stride * nr_cpu_ids);
	pl->data = alloc_pages_exact(pl->data_alloc, GFP_KERNEL | __GFP_ZERO);
	pl->code_pages = code ? virt_to_page(code) : NULL;
	if (!code || !pl->data) {
		el2r_pl_free(pl);
		pr_err("payload %s refused: no memory for its EL2 pages\n",
		       pl->name);
		return -ENOMEM;
	}
	memcpy(code, pl->code, pl->code_size);
	/*
	 * EL2 fetches it through its own cacheable mapping: the copy to the
	 * point of unification, no stale line of these addresses in an
	 * I-cache (each CPU's EL2R_HVC_INIT also invalidates its own, as it
	 * must run before any payload entry there).
	 */
	caches_clean_inval_pou((unsigned long)code,
			       (unsigned long)code + pl->code_alloc);
	return 0;
}

static void el2r_stacks_free(void)
{
	if (el2r_stacks.va)
		free_pages_exact(el2r_stacks.va, el2r_stacks.alloc);
	memset(&el2r_stacks, 0, sizeof(el2r_stacks));
}

/* Per possible CPU: guard page, stack, frame; the deepest stack asked for */
static int el2r_stacks_alloc(void)
{
	size_t stack = 0;
	unsigned int i;

	for (i = 0; i < EL2R_PL_SLOTS; i++)
		if (el2r_pls[i])
			stack = max(stack, el2r_pls[i]->stack_size);
	if (stack == el2r_stacks.stack)
		return 0;
	el2r_stacks_free();
	if (!stack)
		return 0;
	el2r_stacks.stride = PAGE_SIZE + PAGE_ALIGN(stack + EL2R_FRAME_SIZE);
	el2r_stacks.alloc = el2r_stacks.stride * nr_cpu_ids;
	el2r_stacks.va = alloc_pages_exact(el2r_stacks.alloc,
					   GFP_KERNEL | __GFP_ZERO);
	if (!el2r_stacks.va) {
		pr_err("no memory for the payloads' EL2 stacks (%zu bytes)\n",
		       el2r_stacks.alloc);
		memset(&el2r_stacks, 0, sizeof(el2r_stacks));
		return -ENOMEM;
	}
	el2r_stacks.stack = stack;
	return 0;
}

static u64 el2r_entry(const struct el2r_payload *pl, u32 off)
{
	return off == EL2R_PAYLOAD_NO_ENTRY ? 0 :
	       page_to_phys(pl->code_pages) + off;
}

/*
 * What EL2 reads of the payloads, as el2r_pls[] says now: the params'
 * descriptors, each slot's frame, the tables. Only while no CPU runs the
 * image.
 */
static int el2r_pl_publish(void)
{
	struct el2r_params *p = el2r_image_params();
	struct el2r_region *r;
	unsigned int i, cpu, n = 0;
	int ret;

	ret = el2r_stacks_alloc();
	if (ret)
		return ret;
	r = kcalloc(2 * EL2R_PL_SLOTS + nr_cpu_ids, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	memset(p->pl, 0, sizeof(p->pl));
	p->nr_payloads = 0;
	for (i = 0; i < EL2R_PL_SLOTS; i++) {
		struct el2r_payload *pl = el2r_pls[i];
		struct el2r_pl_desc *d = &p->pl[i];

		el2r_image_name_payload(i, pl ? pl->name : NULL);
		if (!pl)
			continue;
		p->nr_payloads++;
		d->code = page_to_phys(pl->code_pages);
		d->start = el2r_entry(pl, pl->start);
		d->stop = el2r_entry(pl, pl->stop);
		d->hvc = el2r_entry(pl, pl->hvc);
		d->trap = el2r_entry(pl, pl->trap);
		d->hvc_first = pl->hvc_first;
		d->hvc_last = pl->hvc_last;
		if (!pl->hvc_first && !pl->hvc_last)
			d->hvc_first = 1;	/* first > last: none */
		d->trap_ec = pl->trap_ec;
		d->data = virt_to_phys(pl->data);
		d->data_stride = pl->data_stride;
		r[n++] = (struct el2r_region){ d->code, pl->code_alloc, true };
		r[n++] = (struct el2r_region){ d->data, pl->data_alloc, false };
	}
	p->stack_size = el2r_stacks.stack;
	for_each_possible_cpu(cpu) {
		struct el2r_pcpu *slot = el2r_image_slot(cpu);
		u64 area = el2r_stacks.va ? virt_to_phys(el2r_stacks.va) +
			   cpu * el2r_stacks.stride : 0;

		slot->cpu = cpu;
		slot->frame = area ? area + el2r_stacks.stride -
			      EL2R_FRAME_SIZE : 0;
		if (area)
			r[n++] = (struct el2r_region){ area + PAGE_SIZE,
				el2r_stacks.stride - PAGE_SIZE, false };
	}
	ret = el2r_image_remap(r, n);
	kfree(r);
	return ret;
}

/* Under the round lock: is el2reset's EL2 code off every CPU? */
static int el2r_pl_quiesce(bool resident)
{
	if (resident)
		el2r_round(&el2r_pl_down_round);
	if (el2r_cpus_off_image())
		return 0;
	pr_err("payloads unchanged: some CPU's EL2 could not be taken back from el2reset's code (see the lines above)\n");
	return -EBUSY;
}

int el2r_payload_register(struct el2r_payload *pl)
{
	const char *who;
	bool resident;
	int slot, ret;

	ret = el2r_pl_check(pl);
	if (ret)
		return ret;
	el2r_rounds_lock();
	resident = el2r_resident_wanted();
	for (slot = 0; slot < EL2R_PL_SLOTS && el2r_pls[slot] != pl; slot++)
		;
	if (slot < EL2R_PL_SLOTS) {
		ret = -EEXIST;
		goto out;
	}
	who = el2r_pl_collides(pl);
	if (who) {
		pr_err("payload %s refused: its HVC range or trap classes meet %s's\n",
		       pl->name, who);
		ret = -EADDRINUSE;
		goto out;
	}
	for (slot = 0; slot < EL2R_PL_SLOTS && el2r_pls[slot]; slot++)
		;
	if (slot == EL2R_PL_SLOTS) {
		ret = -ENOSPC;
		goto out;
	}
	if (el2r_shutting_down()) {
		ret = -ESHUTDOWN;
		goto out;
	}
	ret = el2r_pl_alloc(pl);
	if (ret)
		goto out;
	ret = el2r_pl_quiesce(resident);
	if (ret)
		goto undo;
	pl->index = slot;
	WRITE_ONCE(el2r_pls[slot], pl);
	ret = el2r_pl_publish();
	if (!ret && resident)
		ret = el2r_round(&el2r_pl_up_round);	/* all or nothing */
	if (!ret) {
		pr_info("payload %s registered (slot %d, %zu code bytes at %pa)\n",
			pl->name, slot, pl->code_size,
			&(phys_addr_t){ page_to_phys(pl->code_pages) });
		goto out;
	}
	pr_err("payload %s refused: %d\n", pl->name, ret);
	WRITE_ONCE(el2r_pls[slot], NULL);
	WARN_ON(el2r_pl_publish() && el2r_payloads_nr());
undo:
	if (resident && el2r_round(&el2r_pl_up_round))
		pr_err("the install without payload %s failed too: the hyp-stub holds EL2\n",
		       pl->name);
	el2r_pl_free(pl);
out:
	el2r_rounds_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(el2r_payload_register);

void el2r_payload_unregister(struct el2r_payload *pl)
{
	bool resident;
	int slot;

	el2r_rounds_lock();
	resident = el2r_resident_wanted() && !el2r_shutting_down();
	for (slot = 0; slot < EL2R_PL_SLOTS && el2r_pls[slot] != pl; slot++)
		;
	if (WARN_ON(slot == EL2R_PL_SLOTS))
		goto out;
	if (el2r_pl_quiesce(resident)) {
		/*
		 * EL2 may still run its code on some CPU: its pages stay
		 * (el2reset's copies; the module may go).
		 */
		pr_crit("payload %s unregistered with EL2 not handed back on every CPU; its EL2 pages leaked\n",
			pl->name);
		WRITE_ONCE(el2r_pls[slot], NULL);
		goto out;
	}
	WRITE_ONCE(el2r_pls[slot], NULL);
	if (el2r_pl_publish())
		pr_err("payload %s: the tables without it could not be rebuilt\n",
		       pl->name);
	el2r_pl_free(pl);
	pr_info("payload %s unregistered\n", pl->name);
	if (resident && el2r_round(&el2r_pl_up_round))
		pr_err("the install after payload %s failed: the hyp-stub holds EL2\n",
		       pl->name);
out:
	el2r_rounds_unlock();
}
EXPORT_SYMBOL_GPL(el2r_payload_unregister);

/*
 * debugfs payloads: one line per registered payload, as EL2 has it:
 *	slotN NAME code=PA+SIZE hvc=FIRST-LAST trap_ec=MASK running=CPUS
 * (hvc=none without a range; CPUS a cpulist, "" for none)
 */
static int el2r_pl_show(struct seq_file *m, void *v)
{
	const struct el2r_params *p = el2r_image_params();
	cpumask_var_t running;
	unsigned int i, cpu;

	if (!zalloc_cpumask_var(&running, GFP_KERNEL))
		return -ENOMEM;
	el2r_rounds_lock();
	for (i = 0; i < EL2R_PL_SLOTS; i++) {
		const struct el2r_payload *pl = el2r_pls[i];

		if (!pl)
			continue;
		cpumask_clear(running);
		for_each_possible_cpu(cpu)
			if (el2r_payload_running(pl, cpu))
				cpumask_set_cpu(cpu, running);
		seq_printf(m, "slot%u %s code=%#llx+%zu ", i, pl->name,
			   p->pl[i].code, pl->code_size);
		if (pl->hvc_first || pl->hvc_last)
			seq_printf(m, "hvc=%#x-%#x", pl->hvc_first, pl->hvc_last);
		else
			seq_puts(m, "hvc=none");
		seq_printf(m, " trap_ec=%#llx running=%*pbl\n", pl->trap_ec,
			   cpumask_pr_args(running));
	}
	el2r_rounds_unlock();
	free_cpumask_var(running);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(el2r_pl);

void el2r_payloads_debugfs(struct dentry *root)
{
	debugfs_create_file("payloads", 0400, root, NULL, &el2r_pl_fops);
}

/*
 * el2reset's unload, every CPU off the image: a payload module links
 * against el2reset, so none is left registered unless one went away
 * without unregistering: its struct went with it, and its pages (el2reset's
 * copies) are left as they are.
 */
void el2r_payloads_exit(void)
{
	if (el2r_payloads_nr())
		pr_warn("a payload's module went without unregistering it: its EL2 pages leak\n");
	el2r_stacks_free();
}
