// SPDX-License-Identifier: GPL-2.0
/*
 * kvmclient [-i IPA_BITS] [-w SECONDS] - the smallest KVM user: one VM, one
 * vCPU, a few
 * instructions of guest code that exit through an MMIO write and then a PSCI
 * SYSTEM_OFF HVC. Last line "kvmclient: OK" if the VM ran and exited exactly
 * as expected, else a FAIL line and a non-zero exit status (also when the
 * guest makes no exit within 5 s: then with its PC and ESR_EL1). With -w
 * the VM stays alive SECONDS between the two exits (KVM holds EL2 on every
 * CPU while a VM exists), announced by a line "kvmclient: holding"; SIGUSR1
 * ends the wait early.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <signal.h>
#include <unistd.h>

static void on_alarm(int sig)
{
	(void)sig;
}

#define GUEST_RAM	0x0ULL
#define GUEST_ENTRY	0x800ULL
#define GUEST_MMIO	0x10000ULL
#define CORE_REG(x)	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
			 (offsetof(struct kvm_regs, x) / sizeof(uint32_t)))

/*
 * Guest memory at IPA 0: exception vectors (VBAR_EL1 resets to 0) that
 * report ESR_EL1/ELR_EL1 through an MMIO write to 0x20000, and at 0x800 the
 * test: an MMIO write of 0x42 to GUEST_MMIO, then PSCI SYSTEM_OFF.
 *
 * The labels are local to the asm below, so the assembler turns references
 * to them into references to .rodata plus an offset. They must not go
 * through the GOT (the default for an extern array under Debian's -fPIE
 * default): GNU ld makes one GOT entry per symbol and drops the offset, so
 * guest_end would read as guest_start, the copy would be empty and the
 * guest would execute zeros. Hidden visibility gives a PC-relative address.
 */
#define GUEST_LOCAL	__attribute__((visibility("hidden")))
extern const char guest_start[] GUEST_LOCAL, guest_end[] GUEST_LOCAL;
asm(".pushsection .rodata\n"
    ".balign 4096\n"
    "guest_start:\n"
    "	.org	guest_start + 0x200\n"
    "	mrs	x5, esr_el1\n"
    "	mrs	x6, elr_el1\n"
    "	mov	x7, #0x20000\n"
    "	str	x5, [x7]\n"
    "	str	x6, [x7]\n"
    "2:	b	2b\n"
    "	.org	guest_start + 0x800\n"
    "	mov	x1, #0x10000\n"
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

int main(int argc, char **argv)
{
	struct kvm_userspace_memory_region mem = { 0 };
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg;
	struct kvm_run *run;
	uint64_t pc = GUEST_ENTRY;
	int kvm, vm, vcpu, size, opt, ipa_bits = 0, hold = 0;
	void *ram;

	setvbuf(stdout, NULL, _IONBF, 0);
	while ((opt = getopt(argc, argv, "i:w:")) != -1) {
		if (opt == 'i')
			ipa_bits = atoi(optarg);
		else if (opt == 'w')
			hold = atoi(optarg);
		else
			return 2;
	}
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return fail("open /dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM,
		   ipa_bits ? KVM_VM_TYPE_ARM_IPA_SIZE(ipa_bits) : 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");
	ram = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (ram == MAP_FAILED)
		return fail("mmap");
	if (guest_end - guest_start <= (long)GUEST_ENTRY) {
		errno = EINVAL;
		return fail("guest image shorter than its entry point");
	}
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

	printf("kvmclient: VM and vCPU ready, running\n");
	signal(SIGALRM, on_alarm);
	alarm(5);
	if (ioctl(vcpu, KVM_RUN, 0)) {
		uint64_t v = 0, esr = 0;

		if (errno != EINTR)
			return fail("KVM_RUN 1");
		/* No exit in 5 s: say where the guest is, for the log */
		reg.id = CORE_REG(regs.pc);
		reg.addr = (uintptr_t)&v;
		if (ioctl(vcpu, KVM_GET_ONE_REG, &reg))
			return fail("KVM_GET_ONE_REG pc");
		reg.id = ARM64_SYS_REG(3, 0, 5, 2, 0);	/* ESR_EL1 */
		reg.addr = (uintptr_t)&esr;
		if (ioctl(vcpu, KVM_GET_ONE_REG, &reg))
			return fail("KVM_GET_ONE_REG ESR_EL1");
		printf("kvmclient: FAIL no exit in 5 s: guest pc %#llx, ESR_EL1 %#llx\n",
		       (unsigned long long)v, (unsigned long long)esr);
		return 1;
	}
	alarm(0);
	if (run->exit_reason != KVM_EXIT_MMIO || !run->mmio.is_write ||
	    run->mmio.phys_addr != GUEST_MMIO || run->mmio.len != 8 ||
	    run->mmio.data[0] != 0x42) {
		printf("kvmclient: FAIL first exit: reason %u addr %#llx data %#llx\n",
		       run->exit_reason,
		       (unsigned long long)run->mmio.phys_addr,
		       *(unsigned long long *)run->mmio.data);
		return 1;
	}
	printf("kvmclient: exit 1: MMIO write of 0x42 to %#llx\n", GUEST_MMIO);
	if (hold) {
		/* SIGUSR1 ends the wait early */
		signal(SIGUSR1, on_alarm);
		printf("kvmclient: holding the VM for %d s\n", hold);
		sleep(hold);
	}
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
