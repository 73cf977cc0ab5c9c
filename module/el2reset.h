/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2reset.h - what the C files of el2reset share.
 */
#ifndef EL2RESET_H
#define EL2RESET_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/types.h>
#endif

/* Who owns EL2 on this kernel, as decided at load time. */
enum el2r_verdict {
	EL2R_STUB,		/* the kernel's hyp-stub: el2reset may load */
	EL2R_NO_EL2,		/* CPUs entered the kernel at EL1 */
	EL2R_VHE,		/* the kernel itself runs at EL2 */
	EL2R_PKVM,		/* protected KVM owns EL2 */
	EL2R_KVM,		/* KVM holds EL2 now */
	EL2R_MISMATCH,		/* CPUs booted in different modes */
	EL2R_HVHE,		/* the stub runs with HCR_EL2.E2H = 1 (hVHE) */
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
	bool hvhe;		/* hVHE: EL2 runs with E2H = 1 under the stub */
	enum el2r_kvm_mode kvm_mode;
	bool kvm_initialised;	/* KVM finished its init (may claim EL2) */
	bool kvm_coexist;	/* policy: load next to an initialised KVM */
	enum {
		EL2R_ANSWER_NONE,	/* not probed (yet) */
		EL2R_ANSWER_STUB,	/* every CPU: HVC_STUB_ERR */
		EL2R_ANSWER_OTHER,	/* some CPU: someone else */
	} el2_answer;		/* the load-time status probe, once safe */
};

/* Pure logic (module/decide.c, also built into the host unit tests). */
enum el2r_verdict el2r_decide(const struct el2r_facts *f);
const char *el2r_verdict_name(enum el2r_verdict v);
int el2r_verdict_errno(enum el2r_verdict v);
const char *el2r_verdict_advice(enum el2r_verdict v);
bool el2r_insn_is_hint(u32 insn);
bool el2r_decode_adr_l(u64 pc, u32 insn0, u32 insn1, u64 *target);

/*
 * EL2 page tables (module/pgtable.c): 4 KiB granule, 48-bit input addresses
 * (T0SZ = 16, levels 0-3), tables from a pool of 4 KiB tables.
 */
#define EL2R_T0SZ		16
#define EL2R_VA_BITS		(64 - EL2R_T0SZ)
#define EL2R_PT_SIZE		4096ULL
#define EL2R_PT_POOL		4	/* L0-L3: the image in one 2 MiB block */
#define EL2R_PT_MAX		64	/* with payloads' pages elsewhere */
struct el2r_pt {
	u64 *virt[EL2R_PT_MAX];		/* the tables, as the CPU writes them */
	u64 pa[EL2R_PT_MAX];		/* their physical addresses */
	unsigned int used, nr;
	/* more tables (nr grows), 0; or none: NULL, or an error */
	int (*grow)(struct el2r_pt *pt);
};

void el2r_pt_init(struct el2r_pt *pt);
u64 el2r_pt_root(const struct el2r_pt *pt);
u64 el2r_pt_attrs(unsigned int attr_idx, bool writable, bool exec);
int el2r_pt_map(struct el2r_pt *pt, u64 pa, u64 size, u64 attrs);
u64 el2r_pt_walk(const struct el2r_pt *pt, u64 va, u64 *attrs);
u64 el2r_tcr(unsigned int parange);
unsigned int el2r_pa_bits(unsigned int parange);

#ifdef __KERNEL__
/* Result registers of one HVC. */
struct el2r_hvc_res {
	u64 a0, a1, a2, a3, a4, a5;
};

/* asm/el1_calls.S */
void el2r_hvc(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5,
	      struct el2r_hvc_res *res);

/* module/owner.c */
struct el2r_owner_info {
	struct el2r_facts facts;
	enum el2r_verdict verdict;
	phys_addr_t stub_vectors;	/* PA of __hyp_stub_vectors */
	phys_addr_t kvm_vectors;	/* PA of KVM's __kvm_hyp_init, or 0 */
};

extern struct el2r_owner_info el2r_owner;
int el2r_owner_check(struct el2r_owner_info *info);
bool el2r_boot_mode_still_el2(void);
u32 *el2r_boot_mode_record(void);
const char *el2r_probe_name(const struct el2r_hvc_res *res);

/*
 * What caused an install or a teardown (counted per CPU, traced), from the
 * one list in el2r_events.h.
 */
enum el2r_event {
#define EL2R_EVENT(id, name)	EL2R_EV_##id,
#include "el2r_events.h"
	EL2R_NR_EVENTS
};

/* asm/el2_image.S: the EL2 code as linked into the module */
extern char __el2r_image_start[], __el2r_image_end[];
extern char __el2r_test_start[], __el2r_vectors[];

/* asm/el1_calls.S */
void el2r_dcache_clean_poc(unsigned long start, unsigned long end,
			   unsigned long line);
void el2r_test_wfi(u64 x0, u64 x1);
void el2r_test_regs(u64 out[32], u64 hvc_x0);

/* module/image.c: the EL2 image */
struct el2r_pcpu;
struct el2r_params;
/* A range of pages EL2 maps besides the image (payloads, their stacks) */
struct el2r_region {
	u64 pa, size;
	bool exec;		/* read-only executable; else read-write XN */
};

int el2r_image_alloc(const struct el2r_owner_info *owner, bool test);
void el2r_image_free(void);
unsigned int el2r_image_pages(void);
u64 el2r_image_vectors(void);
u64 el2r_image_stub_vectors(void);
u64 el2r_image_slot_pa(unsigned int cpu);
struct el2r_pcpu *el2r_image_slot(unsigned int cpu);
struct el2r_params *el2r_image_params(void);
int el2r_image_remap(const struct el2r_region *regions, unsigned int nr);
/* The payloads as published (payload.c writes, cpu.c reads to report) */
unsigned int el2r_image_nr_payloads(void);
const char *el2r_image_payload_name(unsigned int slot);
u64 el2r_image_payload_code(unsigned int slot);
void el2r_image_name_payload(unsigned int slot, const char *name);

/* module/payload.c */
struct dentry;
void el2r_payloads_debugfs(struct dentry *root);
void el2r_payloads_exit(void);

/* module/cpu.c: one CPU's state (Documentation/design.rst) */
void el2r_cpus_init(const struct el2r_owner_info *owner);
enum el2r_cpu_state {
	EL2R_CPU_STUB,		/* the kernel's stub holds EL2 */
	EL2R_CPU_RESIDENT,	/* el2reset's EL2 code holds it */
	EL2R_CPU_KVM,		/* handed to KVM */
	EL2R_CPU_HANDED,	/* handed to kexec's or hibernation's vectors */
	EL2R_CPU_FAULTED,	/* EL2 reported an exception: the stub's again */
	EL2R_CPU_NO_EL2,	/* came online when EL2 was no longer certain */
	EL2R_CPU_UNKNOWN,	/* a teardown met an owner it does not know */
};

enum el2r_cpu_state el2r_cpu_state(unsigned int cpu);
bool el2r_cpu_left_alone(unsigned int cpu);
int el2r_cpu_last_err(unsigned int cpu);
bool el2r_cpus_off_image(void);
void el2r_cpu_fold(unsigned int cpu);
void el2r_cpu_mark_no_el2(unsigned int cpu);
void el2r_cpus_forget_faults(void);
void el2r_reclaim_this_cpu(void);
void el2r_call(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5,
	       struct el2r_hvc_res *r);
void el2r_probe_this_cpu(struct el2r_hvc_res *res);
int el2r_cpu_status(unsigned int cpu, struct el2r_hvc_res *res);
int el2r_install_this_cpu(void);
int el2r_teardown_this_cpu(void);
int el2r_this_cpu(bool install, enum el2r_event ev);
unsigned long el2r_hvcs_issued(void);
void el2r_count_event(unsigned int cpu, bool install, enum el2r_event ev);
unsigned long el2r_event_count(unsigned int cpu, bool install,
			       enum el2r_event ev);
const char *el2r_event_name(enum el2r_event ev);

/* module/round.c: every online CPU at once */
struct el2r_round {
	bool install;		/* install, or tear down */
	bool reclaim;		/* take back CPUs faulted or returned by KVM */
	bool counted;		/* count each CPU's change under ev */
	bool final;		/* the last teardown: nothing installs again */
	enum el2r_event ev;	/* what asked for it: log, trace, counts */
};

void el2r_rounds_lock(void);
void el2r_rounds_unlock(void);
int el2r_round(const struct el2r_round *r);
bool el2r_resident_wanted(void);
bool el2r_shutting_down(void);
ssize_t el2r_last_result_show(char *buf);

/* module/events.c */
int el2r_events_init_cpuslocked(void);
void el2r_events_exit_cpuslocked(void);
int el2r_pm_init(void);
void el2r_pm_exit(void);
int el2r_reboot_init(void);
void el2r_reboot_exit(void);
void el2r_reboot_teardown(const char *why);
void el2r_syscore_resume_call(void);

/* module/stats.c: the debugfs directory */
struct dentry;
/* A write-only debugfs file that takes one unsigned number. */
struct el2r_knob {
	const char *name;
	int (*write)(unsigned int val);
};

void el2r_debugfs_knob(const struct el2r_knob *knob, struct dentry *dir);
struct dentry *el2r_debugfs_init(void);
void el2r_debugfs_exit(void);

/*
 * The test hooks: what testing.c does where the product's paths let it,
 * set once at load with test_knobs=1 (el2r_test_hooks, in cpu.c, the
 * lowest file that needs them); NULL, and never looked into, otherwise.
 */
struct el2r_test_hooks {
	/* before any HVC of an install or teardown on @cpu: an error, or 0 */
	int (*fail)(unsigned int cpu, bool install);
	/* on a dying CPU, right after its hotplug teardown */
	void (*offline)(void);
	bool no_reboot_notifier;	/* register none (as on kdump) */
	bool no_hvhe_precheck;		/* leave hVHE to EL2's init call */
};

extern const struct el2r_test_hooks *el2r_test_hooks;

static inline bool el2r_testing(void)
{
	return unlikely(!!READ_ONCE(el2r_test_hooks));
}

/* module/testing.c: only for the tests, only with test_knobs=1 */
void el2r_testing_init(void);
void el2r_testing_debugfs(struct dentry *root);
void el2r_testing_exit(void);

/* module/bench.c */
enum el2r_bench_what {
	EL2R_BENCH_NULL_IPI,
	EL2R_BENCH_NULL_HVC,
	EL2R_BENCH_STUB_HVC,
	EL2R_BENCH_RESET,
	EL2R_BENCH_INSTALL,
	EL2R_BENCH_NR
};

/* Calls per CPU per round, in hundredths (bench/<what>_calls) */
enum el2r_bench_calls {
	EL2R_CALLS_RESET,	/* HVCs el2reset issued, reset round */
	EL2R_CALLS_RESET_EL2,	/* the same, as EL2 counted them (NR_CALLS) */
	EL2R_CALLS_INSTALL,	/* HVCs el2reset issued, install round */
	EL2R_CALLS_NR
};

#define EL2R_BENCH_MAX	10000
int el2r_bench_run(unsigned int iters);
unsigned int el2r_bench_calls(unsigned int what);
unsigned int el2r_bench_iterations(void);
u64 el2r_bench_ns(unsigned int what, bool p99);

/* module/sysfs.c */
int el2r_sysfs_init(void);
void el2r_sysfs_exit(void);
#endif

#endif /* EL2RESET_H */
