// SPDX-License-Identifier: GPL-2.0
/*
 * decide.c - pure logic with no kernel dependency: who owns EL2 given the
 * facts gathered at load time, and the instruction decoding used to find
 * __boot_cpu_mode. Also compiled on the host by tests/unit/.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <asm/virt.h>
#else
#include "host_shim.h"
#endif
#include "el2reset.h"

enum el2r_verdict el2r_decide(const struct el2r_facts *f)
{
	/* CurrentEL is EL2: the kernel is the EL2 owner (VHE). */
	if (f->in_hyp_mode)
		return EL2R_VHE;
	/* Without the boot mode nothing proves an HVC is safe. */
	if (!f->boot_mode_known)
		return EL2R_UNKNOWN;
	/*
	 * pKVM first: once it is initialised, CPUs brought up later enter at
	 * EL1, so the boot mode looks mismatched.
	 */
	if (f->kvm_mode == EL2R_KVM_PROTECTED)
		return EL2R_PKVM;
	if (f->boot_mode[0] != f->boot_mode[1])
		return EL2R_MISMATCH;
	if (f->boot_mode[0] != BOOT_CPU_MODE_EL2 || !f->el2_implemented)
		return EL2R_NO_EL2;
	/*
	 * hVHE (6.6+, arm64_sw.hvhe=1): the stub keeps HCR_EL2.E2H set and
	 * EL2's translation regime has the two-range VHE layout, which
	 * el2reset does not program. Refused before any HVC; the EL2 init
	 * call checks E2H again itself.
	 */
	if (f->hvhe)
		return EL2R_HVHE;
	/* KVM may claim EL2 later; coexisting is a policy (kvm_coexist) */
	if (f->kvm_initialised && !f->kvm_coexist)
		return EL2R_KVM;
	/* Once probed: someone else answered at EL2 */
	if (f->el2_answer == EL2R_ANSWER_OTHER)
		return f->kvm_initialised ? EL2R_KVM : EL2R_UNKNOWN;
	return EL2R_STUB;
}

/*
 * Every verdict in one table: its name (sysfs "verdict"), its errno (one
 * distinct errno per refusal, so scripts can tell them apart) and what the
 * refusal line tells the user to do. User-visible strings stay on one line
 * each (kernel coding style: grep-able), past 80 columns. README's refusal
 * table is checked against this one (tests/static_checks.py).
 */
static const struct el2r_verdict_info {
	const char *name;
	int err;
	const char *advice;
} el2r_verdicts[] = {
	[EL2R_STUB] = { "stub", 0, "" },
	[EL2R_NO_EL2] = { "no-el2", -ENODEV,
		"no EL2: the CPUs entered the kernel at EL1 (firmware or a hypervisor keeps EL2); boot the kernel at EL2" },
	[EL2R_VHE] = { "vhe", -EOPNOTSUPP,
		"VHE: the kernel itself runs at EL2; boot with id_aa64mmfr1.vh=0 kvm-arm.mode=none" },
	[EL2R_PKVM] = { "pkvm", -EPERM,
		"pKVM: protected KVM owns EL2; boot with kvm-arm.mode=none" },
	[EL2R_KVM] = { "kvm", -EBUSY,
		"KVM holds EL2 (kvm.enable_virt_at_load=1, the 6.12+ default; a running VM, or kvm_coexist=0); boot with kvm-arm.mode=none or kvm.enable_virt_at_load=0" },
	[EL2R_MISMATCH] = { "mismatch", -EXDEV,
		"CPUs booted in mismatched modes (some at EL1, some at EL2); fix the boot loader so every CPU enters at EL2" },
	[EL2R_HVHE] = { "hvhe", -EPROTONOSUPPORT,
		"hVHE: the hyp-stub runs EL2 with HCR_EL2.E2H=1, whose translation regime el2reset does not program; boot with arm64_sw.hvhe=0 (or kvm-arm.mode=none)" },
	[EL2R_UNKNOWN] = { "unknown", -ENXIO,
		"unknown EL2 owner: __boot_cpu_mode not found (no HVC is safe) or EL2 answered neither as the stub nor as KVM; report this kernel version" },
};

static const struct el2r_verdict_info *el2r_verdict_info(enum el2r_verdict v)
{
	if ((unsigned int)v >= ARRAY_SIZE(el2r_verdicts))
		v = EL2R_UNKNOWN;
	return &el2r_verdicts[v];
}

const char *el2r_verdict_name(enum el2r_verdict v)
{
	return el2r_verdict_info(v)->name;
}

int el2r_verdict_errno(enum el2r_verdict v)
{
	return el2r_verdict_info(v)->err;
}

const char *el2r_verdict_advice(enum el2r_verdict v)
{
	return el2r_verdict_info(v)->advice;
}

/*
 * A64 encodings (Arm ARM C6.2): the HINT space (NOP, BTI, PACIASP...),
 * ADRP and ADD (immediate, 64-bit, no shift), and their fields.
 */
#define EL2R_INSN_HINT_MASK	0xfffff01f	/* 1101 0101 0000 0011 0010 xxxx xxx1 1111 */
#define EL2R_INSN_HINT		0xd503201f
#define EL2R_INSN_ADRP_MASK	0x9f000000	/* 1 immlo 10000 immhi Rd */
#define EL2R_INSN_ADRP		0x90000000
#define EL2R_INSN_ADD_MASK	0xffc00000	/* 1 0 0 100010 0 imm12 Rn Rd */
#define EL2R_INSN_ADD		0x91000000
#define EL2R_INSN_REG_MASK	0x1f
#define EL2R_INSN_RD(i)		((i) & EL2R_INSN_REG_MASK)
#define EL2R_INSN_RN(i)		(((i) >> 5) & EL2R_INSN_REG_MASK)
#define EL2R_ADRP_IMMLO(i)	(((i) >> 29) & 0x3)
#define EL2R_ADRP_IMMHI(i)	(((i) >> 5) & 0x7ffff)
#define EL2R_ADD_IMM12(i)	(((i) >> 10) & 0xfff)

bool el2r_insn_is_hint(u32 insn)
{
	return (insn & EL2R_INSN_HINT_MASK) == EL2R_INSN_HINT;
}

static s64 sign_extend(u64 v, int bits)
{
	return (s64)(v << (64 - bits)) >> (64 - bits);
}

/*
 * Decode "adr_l xN, sym" as the kernel emits it: ADRP xN, sym; ADD xN, xN,
 * :lo12:sym. Returns false unless both encodings are exactly that.
 */
bool el2r_decode_adr_l(u64 pc, u32 insn0, u32 insn1, u64 *target)
{
	u32 rd = EL2R_INSN_RD(insn0);
	s64 page_off;

	if ((insn0 & EL2R_INSN_ADRP_MASK) != EL2R_INSN_ADRP)
		return false;
	if ((insn1 & EL2R_INSN_ADD_MASK) != EL2R_INSN_ADD)
		return false;
	if (EL2R_INSN_RD(insn1) != rd || EL2R_INSN_RN(insn1) != rd)
		return false;

	/* ADRP's immediate counts 4 KiB pages: immhi:immlo, 21 bits signed */
	page_off = sign_extend(((u64)EL2R_ADRP_IMMHI(insn0) << 2 |
				EL2R_ADRP_IMMLO(insn0)) << 12, 33);
	*target = (pc & ~0xfffULL) + page_off + EL2R_ADD_IMM12(insn1);
	return true;
}
