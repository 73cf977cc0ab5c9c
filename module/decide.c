// SPDX-License-Identifier: GPL-2.0
/*
 * decide.c - pure logic with no kernel dependency: who owns EL2 given the
 * facts gathered at load time, and the instruction decoding used to find
 * __boot_cpu_mode. Also compiled on the host by tests/unit/.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
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

const char *el2r_verdict_name(enum el2r_verdict v)
{
	switch (v) {
	case EL2R_STUB:
		return "stub";
	case EL2R_NO_EL2:
		return "no-el2";
	case EL2R_VHE:
		return "vhe";
	case EL2R_PKVM:
		return "pkvm";
	case EL2R_KVM:
		return "kvm";
	case EL2R_MISMATCH:
		return "mismatch";
	case EL2R_HVHE:
		return "hvhe";
	case EL2R_UNKNOWN:
		break;
	}
	return "unknown";
}

/* One distinct errno per refusal, so scripts can tell them apart. */
int el2r_verdict_errno(enum el2r_verdict v)
{
	switch (v) {
	case EL2R_STUB:
		return 0;
	case EL2R_NO_EL2:
		return -ENODEV;
	case EL2R_VHE:
		return -EOPNOTSUPP;
	case EL2R_PKVM:
		return -EPERM;
	case EL2R_KVM:
		return -EBUSY;
	case EL2R_MISMATCH:
		return -EXDEV;
	case EL2R_HVHE:
		return -EPROTONOSUPPORT;
	case EL2R_UNKNOWN:
		break;
	}
	return -ENXIO;
}

/*
 * What the refusal line tells the user to do. User-visible strings stay on
 * one line each (kernel coding style: grep-able), past 80 columns.
 */
const char *el2r_verdict_advice(enum el2r_verdict v)
{
	switch (v) {
	case EL2R_STUB:
		return "";
	case EL2R_NO_EL2:
		return "no EL2: the CPUs entered the kernel at EL1 (firmware or a hypervisor keeps EL2); boot the kernel at EL2";
	case EL2R_VHE:
		return "VHE: the kernel itself runs at EL2; boot with id_aa64mmfr1.vh=0 kvm-arm.mode=none";
	case EL2R_PKVM:
		return "pKVM: protected KVM owns EL2; boot with kvm-arm.mode=none";
	case EL2R_KVM:
		return "KVM holds EL2 (kvm.enable_virt_at_load=1, the 6.12+ default; a running VM, or kvm_coexist=0); boot with kvm-arm.mode=none or kvm.enable_virt_at_load=0";
	case EL2R_MISMATCH:
		return "CPUs booted in mismatched modes (some at EL1, some at EL2); fix the boot loader so every CPU enters at EL2";
	case EL2R_HVHE:
		return "hVHE: the hyp-stub runs EL2 with HCR_EL2.E2H=1, whose translation regime el2reset does not program; boot with arm64_sw.hvhe=0 (or kvm-arm.mode=none)";
	case EL2R_UNKNOWN:
		break;
	}
	return "unknown EL2 owner: __boot_cpu_mode not found (no HVC is safe) or EL2 answered neither as the stub nor as KVM; report this kernel version";
}

/* HINT space (NOP, BTI, PACIASP...): 1101 0101 0000 0011 0010 xxxx xxx1 1111 */
bool el2r_insn_is_hint(u32 insn)
{
	return (insn & 0xfffff01f) == 0xd503201f;
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
	u32 rd = insn0 & 0x1f;
	u64 immlo = (insn0 >> 29) & 0x3, immhi = (insn0 >> 5) & 0x7ffff;
	s64 page_off;

	/* ADRP: 1 immlo 10000 immhi Rd */
	if ((insn0 & 0x9f000000) != 0x90000000)
		return false;
	/* ADD (immediate), 64-bit, no shift: 1 0 0 100010 0 imm12 Rn Rd */
	if ((insn1 & 0xffc00000) != 0x91000000)
		return false;
	if ((insn1 & 0x1f) != rd || ((insn1 >> 5) & 0x1f) != rd)
		return false;

	page_off = sign_extend((immhi << 2 | immlo) << 12, 33);
	*target = (pc & ~0xfffULL) + page_off + ((insn1 >> 10) & 0xfff);
	return true;
}
