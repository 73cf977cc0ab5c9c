// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of module/decide.c: the owner verdict and the decoding. */
#include <stdio.h>
#include "host_shim.h"
#include "el2reset.h"
#include "unit.h"


static struct el2r_facts stub(void)
{
	struct el2r_facts f = {
		.boot_mode_known = true,
		.boot_mode = { BOOT_CPU_MODE_EL2, BOOT_CPU_MODE_EL2 },
		.el2_implemented = true,
		.kvm_mode = EL2R_KVM_NONE,
	};
	return f;
}

static void test_verdicts(void)
{
	struct el2r_facts f = stub();

	ok(el2r_decide(&f) == EL2R_STUB, "stub: EL2 everywhere, KVM off");
	f.kvm_mode = EL2R_KVM_ABSENT;
	ok(el2r_decide(&f) == EL2R_STUB, "stub: kernel without KVM");
	f = stub(); f.in_hyp_mode = true;
	ok(el2r_decide(&f) == EL2R_VHE, "VHE wins over everything");
	f.boot_mode_known = false;
	ok(el2r_decide(&f) == EL2R_VHE, "VHE needs no boot mode");
	f = stub(); f.boot_mode_known = false;
	ok(el2r_decide(&f) == EL2R_UNKNOWN, "unknown boot mode: unknown");
	f = stub(); f.boot_mode[0] = f.boot_mode[1] = BOOT_CPU_MODE_EL1;
	ok(el2r_decide(&f) == EL2R_NO_EL2, "all CPUs at EL1: no EL2");
	f = stub(); f.el2_implemented = false;
	ok(el2r_decide(&f) == EL2R_NO_EL2, "EL2 not implemented: no EL2");
	f = stub(); f.hvhe = true;
	ok(el2r_decide(&f) == EL2R_HVHE, "E2H = 1 under the stub: hvhe");
	f.boot_mode[0] = f.boot_mode[1] = BOOT_CPU_MODE_EL1;
	ok(el2r_decide(&f) == EL2R_NO_EL2, "no EL2 before hvhe");
	f = stub(); f.boot_mode[0] = BOOT_CPU_MODE_EL1;
	ok(el2r_decide(&f) == EL2R_MISMATCH, "EL1 and EL2 CPUs: mismatch");
	f.kvm_mode = EL2R_KVM_PROTECTED;
	ok(el2r_decide(&f) == EL2R_PKVM, "pKVM before mismatch");
	f = stub(); f.kvm_mode = EL2R_KVM_DEFAULT; f.kvm_initialised = true;
	ok(el2r_decide(&f) == EL2R_KVM, "KVM initialised, no coexistence: kvm");
	f.kvm_coexist = true;
	ok(el2r_decide(&f) == EL2R_STUB, "KVM initialised, coexist: stub");
	f.el2_answer = EL2R_ANSWER_STUB;
	ok(el2r_decide(&f) == EL2R_STUB, "coexist, the stub answered: stub");
	f.el2_answer = EL2R_ANSWER_OTHER;
	ok(el2r_decide(&f) == EL2R_KVM, "coexist, KVM answered: kvm");
	f.kvm_initialised = false;
	ok(el2r_decide(&f) == EL2R_UNKNOWN, "no KVM, someone answered: unknown");
	f.el2_answer = EL2R_ANSWER_NONE;
	ok(el2r_decide(&f) == EL2R_STUB, "KVM enabled but not initialised: stub");
}

static void test_errnos(void)
{
	int seen[8], i, j, distinct = 1;

	for (i = 0; i <= EL2R_UNKNOWN; i++)
		seen[i] = el2r_verdict_errno(i);
	ok(seen[EL2R_STUB] == 0, "stub loads: errno 0");
	for (i = 1; i <= EL2R_UNKNOWN; i++)
		for (j = 1; j < i; j++)
			if (seen[i] == seen[j] || seen[i] >= 0)
				distinct = 0;
	ok(distinct, "every refusal has its own negative errno");
	for (i = 1; i <= EL2R_UNKNOWN; i++)
		if (!strstr(el2r_verdict_advice(i), "boot") &&
		    !strstr(el2r_verdict_advice(i), "report"))
			distinct = 0;
	ok(distinct, "every refusal says what to do next");
}

static void test_decode(void)
{
	u64 t = 0;
	/* adrp x1, <pc page + 0x1234000>; add x1, x1, #0x568 */
	u64 pc = 0xffff800008010abcULL;
	u32 imm = 0x1234;
	u32 adrp = 0x90000000 | ((imm & 3) << 29) | ((imm >> 2) << 5) | 1;
	u32 add = 0x91000000 | (0x568 << 10) | (1 << 5) | 1;

	ok(el2r_decode_adr_l(pc, adrp, add, &t) &&
	   t == 0xffff800008010000ULL + 0x1234000 + 0x568,
	   "adrp+add decodes forward");
	/* negative page offset: immhi all ones */
	adrp = 0x90000000 | (3u << 29) | (0x7ffffu << 5) | 1;	/* -1 page */
	ok(el2r_decode_adr_l(pc, adrp, add, &t) &&
	   t == 0xffff80000800f000ULL + 0x568, "adrp+add decodes backward");
	ok(!el2r_decode_adr_l(pc, 0xd503245f, add, &t), "BTI is not ADRP");
	ok(!el2r_decode_adr_l(pc, adrp, 0x91000000 | (2 << 5) | 1, &t),
	   "ADD of another register rejected");
	ok(!el2r_decode_adr_l(pc, adrp, add | (1 << 22), &t),
	   "shifted ADD rejected");
	ok(el2r_insn_is_hint(0xd503245f) && el2r_insn_is_hint(0xd503201f) &&
	   el2r_insn_is_hint(0xd503233f) && !el2r_insn_is_hint(adrp),
	   "BTI c, NOP and PACIASP are hints");
}

int main(void)
{
	test_verdicts();
	test_errnos();
	test_decode();
	return done();
}
