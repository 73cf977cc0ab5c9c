/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - the kernel-version differences el2reset meets, in one place.
 *
 * Syscore: 6.1 has register_syscore_ops(struct syscore_ops *) with
 * argument-less callbacks; Debian 6.12.117 has register_syscore(struct
 * syscore *) whose ops take a data pointer. Kbuild detects which one the
 * headers declare (EL2R_SYSCORE_DATA).
 */
#ifndef EL2RESET_COMPAT_H
#define EL2RESET_COMPAT_H

#include <linux/compiler.h>
#include <linux/syscore_ops.h>

struct dentry;

#ifdef EL2R_SYSCORE_DATA
#define EL2R_SYSCORE(name, fn)						\
static void name##_resume(void *data) { fn(); }				\
									\
static const struct syscore_ops name##_ops = {				\
	.resume = name##_resume,					\
};									\
									\
static struct syscore name = { .ops = &name##_ops }

#define el2r_register_syscore(s)	register_syscore(s)
#define el2r_unregister_syscore(s)	unregister_syscore(s)
#define el2r_call_syscore_resume(s)	((s)->ops->resume((s)->data))
#else
#define EL2R_SYSCORE(name, fn)						\
static void name##_resume(void) { fn(); }				\
									\
static struct syscore_ops name = {					\
	.resume = name##_resume,					\
}

#define el2r_register_syscore(s)	register_syscore_ops(s)
#define el2r_unregister_syscore(s)	unregister_syscore_ops(s)
#define el2r_call_syscore_resume(s)	((s)->resume())
#endif

/*
 * hVHE (6.6+): the stub keeps HCR_EL2.E2H set when the kernel booted with
 * arm64_sw.hvhe=1. has_hvhe() reads the ARM64_KVM_HVHE capability, which
 * kernels without hVHE do not define.
 */
#include <asm/virt.h>
#ifdef ARM64_KVM_HVHE
#define el2r_has_hvhe()		has_hvhe()
#else
#define el2r_has_hvhe()		false
#endif

/*
 * Has KVM finished its init (and so may claim EL2 now or when a VM starts)?
 * 6.5+ answer is_kvm_arm_initialised(); before that, kvm_init() creates
 * kvm_debugfs_dir (exported GPL) only after kvm_arch_init() succeeded.
 * If neither can be found we assume it has. @sym finds a kernel symbol
 * (owner.c: kallsyms, then the export table).
 */
typedef bool (*el2r_bool_fn)(void);

static inline bool el2r_compat_kvm_initialised(void *(*sym)(const char *name))
{
	el2r_bool_fn initialised = sym("is_kvm_arm_initialised");
	struct dentry **dir;

	if (initialised)
		return initialised();
	dir = sym("kvm_debugfs_dir");
	return dir ? !!READ_ONCE(*dir) : true;
}

/*
 * Tracepoint strings: 6.10 dropped __assign_str()'s source argument (it
 * comes from the __string() field now). Kbuild detects which form the
 * headers have (EL2R_ASSIGN_STR_DST).
 */
#ifdef EL2R_ASSIGN_STR_DST
#define el2r_assign_str(dst, src)	__assign_str(dst)
#else
#define el2r_assign_str(dst, src)	__assign_str(dst, src)
#endif

#endif /* EL2RESET_COMPAT_H */
