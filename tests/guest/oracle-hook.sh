# SPDX-License-Identifier: GPL-2.0
# el2reset-selftest's EL2RESET_SELFTEST_HOOK in the emulated machines
# ("sh oracle-hook.sh"): at each point where the self-test says what EL2
# holds (POINT STATE [cpuN=STATE]...), the gdbstub oracle reads EL2 of every
# vCPU from outside and judges STATE (Documentation/test-harness.rst,
# "Oracle requests"); at "kexec" it arms a breakpoint at machine_kexec().
# The request goes to the host on the channel (lib.sh's fds 8 and 9,
# which the self-test passes on).
# This boot initialises KVM (kvm.enable_virt_at_load=0): KVM writes its own
# EL2 state (VTCR_EL2, TTBR0_EL2, TPIDR_EL2...) on CPUs coming online and
# around its VMs, so the stub's control set changes under the kernel, not
# under el2reset, and the boot's baseline no longer describes it. Here a
# hand-over is judged as "stub" (the stub's vectors, the MMU off); the
# whole control set is compared in every other case.
point=$1
shift
req=$(echo "$*" | sed 's/handed/stub/g')
if [ "$point" = kexec ]; then
	req="$req break=$(awk '$3 == "machine_kexec" { print $1; exit }' /proc/kallsyms)"
fi
echo "EL2R-ORACLE: $req" >&8
read -r reply <&9
echo "# oracle at $point ($req): $reply"
