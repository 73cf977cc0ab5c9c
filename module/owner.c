// SPDX-License-Identifier: GPL-2.0
/*
 * owner.c - who owns EL2 on this kernel, decided without an unsafe HVC.
 *
 * The kernel records the mode each CPU entered it in, __boot_cpu_mode[2], but
 * neither exports it nor (Debian 6.1: CONFIG_KALLSYMS_ALL=n) lists it in
 * kallsyms, so is_hyp_mode_available() cannot be used from a module. We find
 * it this way, each step checked:
 *
 *  1. kallsyms_lookup_name() is not exported either; a kprobe registered on
 *     it reports its address (register_kprobe() is exported GPL).
 *  2. Where kallsyms holds data symbols (6.12), __boot_cpu_mode is looked up
 *     by name.
 *  3. Otherwise it is decoded from the one function that writes it,
 *     set_cpu_boot_mode_flag() in head.S, which starts with
 *     "adr_l x1, __boot_cpu_mode" (ADRP + ADD), after a BTI landing pad
 *     where the kernel has BTI. Every encoding is checked, and
 *     the text is read with copy_from_kernel_nofault().
 *  4. The two words read there must each be BOOT_CPU_MODE_EL1 or _EL2;
 *     anything else means we read the wrong thing and the verdict is
 *     "unknown": el2reset refuses without an HVC.
 *
 * Only when the boot mode says EL2 on every CPU, the kernel is not at EL2
 * itself (VHE), and neither pKVM nor KVM is in charge, does el2reset issue an
 * HVC at all: EL2R_HVC_STATUS, which the hyp-stub answers with HVC_STUB_ERR.
 */
#include <linux/arm-smccc.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/cpufeature.h>
#include <asm/kvm_host.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "compat.h"
#include "el2reset.h"
#include "el2reset_abi.h"
#include "el2reset_hw.h"

struct el2r_owner_info el2r_owner;

static unsigned long (*el2r_lookup)(const char *name);

static int el2r_find_kallsyms(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int ret;

	ret = register_kprobe(&kp);
	if (ret < 0)
		return ret;
	el2r_lookup = (unsigned long (*)(const char *))kp.addr;
	unregister_kprobe(&kp);
	return 0;
}

/* A kernel symbol by name: kallsyms first, then the GPL export table. */
static void *el2r_sym(const char *name)
{
	unsigned long addr = el2r_lookup ? el2r_lookup(name) : 0;

	/* vmlinux symbols hold no module reference: nothing to put */
	return addr ? (void *)addr : __symbol_get(name);
}

/* Where __boot_cpu_mode was found: read again for every late CPU. */
static u32 *el2r_boot_mode_at;

static bool el2r_read_boot_mode(const u32 *where, u32 mode[2])
{
	int i;

	if (!where || copy_from_kernel_nofault(mode, where, 2 * sizeof(u32)))
		return false;
	for (i = 0; i < 2; i++)
		if (mode[i] != BOOT_CPU_MODE_EL1 &&
		    mode[i] != BOOT_CPU_MODE_EL2)
			return false;
	return true;
}

static bool el2r_find_boot_mode(u32 mode[2])
{
	u32 *where = el2r_sym("__boot_cpu_mode");

	if (!where) {
		unsigned long fn = el2r_lookup ?
			el2r_lookup("set_cpu_boot_mode_flag") : 0;
		__le32 insn[4];
		u64 target;
		int n = 0;

		if (!fn || copy_from_kernel_nofault(insn, (void *)fn,
						    sizeof(insn)))
			return false;
		/* skip the BTI landing pad and other hints (NOP space) */
		while (n < 2 && el2r_insn_is_hint(le32_to_cpu(insn[n])))
			n++;
		if (!el2r_decode_adr_l(fn + 4 * n, le32_to_cpu(insn[n]),
				       le32_to_cpu(insn[n + 1]), &target))
			return false;
		where = (u32 *)target;
	}
	if (!el2r_read_boot_mode(where, mode))
		return false;
	el2r_boot_mode_at = where;
	return true;
}

/* Where the boot-mode record is, for the test knob boot_mode_el1 */
u32 *el2r_boot_mode_record(void)
{
	return el2r_boot_mode_at;
}

/*
 * A CPU that comes online after the load is not trusted to be at EL2
 * because the boot CPUs were: each CPU entering the kernel records its mode
 * in __boot_cpu_mode (head.S, set_cpu_boot_mode_flag: [0] is overwritten by
 * a CPU entering at EL1, [1] by one at EL2), so after it came up the record
 * still reads EL2/EL2 only if it entered at EL2 too. Never an HVC otherwise:
 * on a CPU without EL2 it is an undefined instruction.
 */
bool el2r_boot_mode_still_el2(void)
{
	u32 mode[2];

	return el2r_read_boot_mode(el2r_boot_mode_at, mode) &&
	       mode[0] == BOOT_CPU_MODE_EL2 && mode[1] == BOOT_CPU_MODE_EL2;
}

static enum el2r_kvm_mode el2r_kvm_mode(void)
{
	typeof(kvm_get_mode) *get_mode = el2r_sym("kvm_get_mode");

	if (!get_mode)
		return EL2R_KVM_ABSENT;
	switch (get_mode()) {
	case KVM_MODE_NONE:
		return EL2R_KVM_NONE;
	case KVM_MODE_PROTECTED:
		return EL2R_KVM_PROTECTED;
	default:
		return EL2R_KVM_DEFAULT;
	}
}

const char *el2r_probe_name(const struct el2r_hvc_res *res)
{
	if (res->a0 == (u64)SMCCC_RET_NOT_SUPPORTED &&
	    el2r_owner.facts.kvm_initialised)
		return "kvm";
	if (res->a0 == HVC_STUB_ERR)
		return "stub";
	if (res->a0 == EL2R_MAGIC)
		return "el2reset";
	if (res->a0 == EL2R_ERR_FAULT)
		return "faulted";
	return "other";
}

static DEFINE_PER_CPU(struct el2r_hvc_res, el2r_load_probe);

static void el2r_probe_ipi(void *unused)
{
	el2r_probe_this_cpu(this_cpu_ptr(&el2r_load_probe));
}

static bool kvm_coexist = true;
module_param(kvm_coexist, bool, 0444);
MODULE_PARM_DESC(kvm_coexist,
		 "Load next to an initialised KVM that leaves EL2 to the stub, yielding EL2 to it when a VM starts (default: true)");

int el2r_owner_check(struct el2r_owner_info *info)
{
	struct el2r_facts *f = &info->facts;
	void *stub;
	u64 pfr0;
	int cpu, ret = 0;

	memset(info, 0, sizeof(*info));
	if (el2r_find_kallsyms())
		pr_warn("kallsyms_lookup_name not found; using exports only\n");

	f->in_hyp_mode = is_kernel_in_hyp_mode();
	f->boot_mode_known = el2r_find_boot_mode(f->boot_mode);
	pfr0 = read_sanitised_ftr_reg(SYS_ID_AA64PFR0_EL1);
	f->el2_implemented = EL2R_FIELD_GET(pfr0, EL2R_PFR0_EL2);
	f->hvhe = !(el2r_testing() && el2r_test_hooks->no_hvhe_precheck) &&
		  el2r_has_hvhe();
	f->kvm_mode = el2r_kvm_mode();
	f->kvm_initialised = f->kvm_mode == EL2R_KVM_DEFAULT &&
			     el2r_compat_kvm_initialised(el2r_sym);
	f->kvm_coexist = kvm_coexist;
	info->verdict = el2r_decide(f);

	stub = el2r_sym("__hyp_stub_vectors");
	if (info->verdict == EL2R_STUB && !stub)
		info->verdict = EL2R_UNKNOWN;
	if (info->verdict != EL2R_STUB) {
		pr_err("refusing to load: %s\n",
		       el2r_verdict_advice(info->verdict));
		return el2r_verdict_errno(info->verdict);
	}
	info->stub_vectors = __pa_symbol(stub);
	/*
	 * Where KVM's HVC_SET_VECTORS points (kvm_get_idmap_vector(): nVHE's
	 * __kvm_hyp_init), to tell KVM's take-over from kexec's or
	 * hibernation's by what it installs rather than by what came before.
	 */
	stub = el2r_sym("__kvm_nvhe___kvm_hyp_init");
	info->kvm_vectors = stub ? __pa_symbol(stub) : 0;

	/*
	 * Safe now: EL2 exists on every CPU and nothing but the stub (which
	 * answers HVC_STUB_ERR) or KVM (SMCCC_RET_NOT_SUPPORTED) can be there.
	 */
	cpus_read_lock();
	on_each_cpu(el2r_probe_ipi, NULL, 1);
	f->el2_answer = EL2R_ANSWER_STUB;
	for_each_online_cpu(cpu) {
		struct el2r_hvc_res *res = per_cpu_ptr(&el2r_load_probe, cpu);

		if (res->a0 != HVC_STUB_ERR) {
			pr_debug("CPU%d: EL2 answered %#llx\n", cpu, res->a0);
			f->el2_answer = EL2R_ANSWER_OTHER;
		}
	}
	info->verdict = el2r_decide(f);
	if (info->verdict != EL2R_STUB) {
		pr_err("refusing to load: %s\n",
		       el2r_verdict_advice(info->verdict));
		ret = el2r_verdict_errno(info->verdict);
	} else if (f->kvm_initialised) {
		pr_info("KVM is initialised but leaves EL2 to the stub: el2reset yields EL2 to it when a VM starts\n");
	}
	cpus_read_unlock();
	return ret;
}
