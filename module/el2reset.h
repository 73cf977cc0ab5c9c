/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2reset.h - what the C files of el2reset share.
 */
#ifndef EL2RESET_H
#define EL2RESET_H

#ifdef __KERNEL__
#include <linux/types.h>
#endif

/* Who owns EL2 on this kernel, as decided at load time. */
enum el2r_verdict {
	EL2R_STUB,		/* the kernel's hyp-stub: el2reset may load */
	EL2R_NO_EL2,		/* CPUs entered the kernel at EL1 */
	EL2R_VHE,		/* the kernel itself runs at EL2 */
	EL2R_PKVM,		/* protected KVM owns EL2 */
	EL2R_KVM,		/* KVM is initialised and claims EL2 */
	EL2R_MISMATCH,		/* CPUs booted in different modes */
	EL2R_UNKNOWN,		/* cannot tell: no HVC is safe */
};

enum el2r_kvm_mode {
	EL2R_KVM_ABSENT,	/* kernel built without KVM */
	EL2R_KVM_NONE,		/* kvm-arm.mode=none */
	EL2R_KVM_DEFAULT,	/* nVHE or VHE KVM */
	EL2R_KVM_PROTECTED,	/* kvm-arm.mode=protected */
};

/* The facts the verdict is made of; gathered without any HVC. */
struct el2r_facts {
	bool in_hyp_mode;	/* CurrentEL == EL2 */
	bool boot_mode_known;	/* __boot_cpu_mode was found and sane */
	u32 boot_mode[2];	/* __boot_cpu_mode[0], [1] */
	bool el2_implemented;	/* ID_AA64PFR0_EL1.EL2 != 0 */
	enum el2r_kvm_mode kvm_mode;
	bool kvm_initialised;	/* KVM finished its init (may claim EL2) */
};

/* Pure logic (module/decide.c, also built into the host unit tests). */
enum el2r_verdict el2r_decide(const struct el2r_facts *f);
const char *el2r_verdict_name(enum el2r_verdict v);
int el2r_verdict_errno(enum el2r_verdict v);
const char *el2r_verdict_advice(enum el2r_verdict v);
bool el2r_insn_is_hint(u32 insn);
bool el2r_decode_adr_l(u64 pc, u32 insn0, u32 insn1, u64 *target);

#ifdef __KERNEL__
/* Result registers of one HVC. */
struct el2r_hvc_res {
	u64 a0, a1, a2, a3, a4, a5;
};

/* asm/el1_calls.S */
void el2r_hvc(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4,
	      struct el2r_hvc_res *res);

/* module/owner.c */
struct el2r_owner_info {
	struct el2r_facts facts;
	enum el2r_verdict verdict;
	phys_addr_t stub_vectors;	/* PA of __hyp_stub_vectors */
};
int el2r_owner_check(struct el2r_owner_info *info);
const char *el2r_probe_name(const struct el2r_hvc_res *res);
void el2r_probe_this_cpu(struct el2r_hvc_res *res);

/* module/sysfs.c */
int el2r_sysfs_init(void);
void el2r_sysfs_exit(void);

extern struct el2r_owner_info el2r_owner;
#endif

#endif /* EL2RESET_H */
