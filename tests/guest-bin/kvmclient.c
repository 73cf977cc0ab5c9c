// SPDX-License-Identifier: GPL-2.0
/*
 * kvmclient - the smallest KVM user: one VM, one vCPU, a few instructions of
 * guest code that exit through an MMIO write and then a PSCI SYSTEM_OFF HVC.
 * Prints one line per step; exit status 0 only if the VM ran and exited
 * exactly as expected.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUEST_RAM	0x80000000ULL
#define GUEST_MMIO	0x1000ULL
#define CORE_REG(x)	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
			 (offsetof(struct kvm_regs, x) / sizeof(uint32_t)))

/* Guest code: MMIO write of 0x42 to 0x1000, then PSCI SYSTEM_OFF. */
extern const char guest_start[], guest_end[];
asm(".pushsection .rodata\n"
    ".balign 4\n"
    "guest_start:\n"
    "	mov	x1, #0x1000\n"
    "	mov	x2, #0x42\n"
    "	str	x2, [x1]\n"
    "	movz	x0, #0x0008\n"
    "	movk	x0, #0x8400, lsl #16\n"	/* PSCI_0_2_FN_SYSTEM_OFF */
    "	hvc	#0\n"
    "1:	b	1b\n"
    "guest_end:\n"
    ".popsection\n");

static int fail(const char *what)
{
	printf("kvmclient: FAIL %s: %s\n", what, strerror(errno));
	return 1;
}

int main(void)
{
	struct kvm_userspace_memory_region mem = { 0 };
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg;
	struct kvm_run *run;
	uint64_t pc = GUEST_RAM;
	int kvm, vm, vcpu, size;
	void *ram;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return fail("open /dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");
	ram = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		return fail("mmap");
	memcpy(ram, guest_start, guest_end - guest_start);
	mem.guest_phys_addr = GUEST_RAM;
	mem.memory_size = 0x10000;
	mem.userspace_addr = (uintptr_t)ram;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mem))
		return fail("KVM_SET_USER_MEMORY_REGION");
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		return fail("KVM_CREATE_VCPU");
	if (ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init))
		return fail("KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= 1 << KVM_ARM_VCPU_PSCI_0_2;
	if (ioctl(vcpu, KVM_ARM_VCPU_INIT, &init))
		return fail("KVM_ARM_VCPU_INIT");
	reg.id = CORE_REG(regs.pc);
	reg.addr = (uintptr_t)&pc;
	if (ioctl(vcpu, KVM_SET_ONE_REG, &reg))
		return fail("KVM_SET_ONE_REG pc");
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return fail("mmap kvm_run");

	if (ioctl(vcpu, KVM_RUN, 0))
		return fail("KVM_RUN 1");
	if (run->exit_reason != KVM_EXIT_MMIO || !run->mmio.is_write ||
	    run->mmio.phys_addr != GUEST_MMIO || run->mmio.len != 8 ||
	    run->mmio.data[0] != 0x42) {
		printf("kvmclient: FAIL first exit: reason %u\n",
		       run->exit_reason);
		return 1;
	}
	printf("kvmclient: exit 1: MMIO write of 0x42 to 0x1000\n");
	if (ioctl(vcpu, KVM_RUN, 0))
		return fail("KVM_RUN 2");
	if (run->exit_reason != KVM_EXIT_SYSTEM_EVENT ||
	    run->system_event.type != KVM_SYSTEM_EVENT_SHUTDOWN) {
		printf("kvmclient: FAIL second exit: reason %u\n",
		       run->exit_reason);
		return 1;
	}
	printf("kvmclient: exit 2: PSCI SYSTEM_OFF\n");
	printf("kvmclient: OK\n");
	return 0;
}
