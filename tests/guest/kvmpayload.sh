# SPDX-License-Identifier: GPL-2.0
# A payload and KVM (kvm.enable_virt_at_load=0: KVM initialised, the stub
# at EL2 until a VM starts). The example tracer runs on every CPU; a VM
# takes EL2 (KVM's HVC_RESET_VECTORS/HVC_SET_VECTORS reach el2reset's
# code, which stops the tracer first on each CPU); the tracer unregisters
# and registers again while KVM holds every CPU (0, running nowhere);
# after the last VM an install starts it everywhere again.
plan 15
ncpu=$(nproc)
last=$((ncpu - 1))
# tvm_sum NAME: NAME= of the tracer's counts, over every CPU
tvm_sum() {
	sed -n "s/^cpu[0-9]* .* $1=\([0-9]*\).*/\1/p; s/^cpu[0-9]* $1=\([0-9]*\).*/\1/p" $TVM/counts |
		awk '{ s += $1 } END { print s + 0 }'
}
finsmod $KO
equal "el2reset loads next to an initialised KVM" "$?" 0
insmod $TVM_KO
equal "the tracer registers" "$?" 0
oracle payload running
vm_hold 60 /tmp/vm1
check "a VM runs with the tracer at EL2 (MMIO exit)" grep -q "exit 1: MMIO" /tmp/vm1
equal "every CPU yielded to KVM" "$(owners)" "yielded:$ncpu"
equal "the tracer runs nowhere" "$(tvm_sum running)" 0
equal "its stop ran on every CPU at the hand-over to KVM" \
	"$(tvm_sum stops)" "$(tvm_sum starts)"
oracle kvm
rmmod el2r_tvm_trace
equal "it unregisters while KVM holds every CPU" "$?" 0
insmod $TVM_KO
equal "it registers while KVM holds every CPU" "$?" 0
equal "... and runs nowhere yet" "$(tvm_sum running)" 0
oracle kvm
kill -USR1 "$vm_pid" 2>/dev/null
wait "$vm_pid"
check "the VM ends with its PSCI SYSTEM_OFF (OK)" sh -c "tail -n 1 /tmp/vm1 | grep -qx 'kvmclient: OK'"
oracle stub
echo 1 > $S/install
equal "install after the last VM" "$?" 0
equal "the tracer runs on every CPU again" "$(tvm_sum running)" "$ncpu"
oracle payload running
rmmod el2r_tvm_trace
equal "the tracer unregisters" "$?" 0
# KVM's own hand-back left its TTBR0_EL2: the stub, not the baseline
end_unloaded stub
