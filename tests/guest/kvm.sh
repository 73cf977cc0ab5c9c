# SPDX-License-Identifier: GPL-2.0
# KVM coexistence. el2r.kvm=coexist: el2reset loads next to an initialised
# KVM that leaves the stub at EL2 (6.1; 6.12 with kvm.enable_virt_at_load=0),
# a VM runs with el2reset resident and takes EL2 over cleanly, sysfs shows
# the CPUs as yielded, reset/rmmod/kexec still work, KVM in the next kernel;
# loaded with install=0, the CPUs read "kvm" while a VM runs.
# el2r.kvm=refused: el2reset is refused (KVM holds EL2), KVM is unaffected.
# kvm_ran WHAT: run kvmclient; its guest made its MMIO exit and its PSCI
# SYSTEM_OFF, in that order
kvm_ran() {
	out=$(kvmclient)
	echo "$out"
	check "$1" sh -c "echo '$out' | tail -n 1 | grep -qx 'kvmclient: OK'"
}

stage=$(arg el2r.stage || echo 1)
mode=$(arg el2r.kvm)
ncpu=$(nproc)
if [ "$stage" = 2 ]; then
	plan 4
elif [ "$mode" = refused ]; then
	plan 6
else
	plan 38
fi
el2_boot_ok "kernel $stage"
kvm_ok "kernel $stage"
if [ "$stage" = 2 ]; then
	kvm_ran "kernel 2: a VM runs"
	check "kernel 2: no oops" dmesg_clean
elif [ "$mode" = refused ]; then
	out=$(finsmod $KO)
	check "insmod refused: $out" sh -c "echo '$out' | grep -q 'Device or resource busy'"
	check "refusal names the boot parameter" sh -c "dmesg | grep 'el2reset: refusing' | grep -q 'kvm-arm.mode=none'"
	kvm_ran "a VM runs, KVM unaffected"
	check "no oops" dmesg_clean
else
	finsmod $KO
	equal "insmod loads next to an initialised KVM" "$?" 0
	check "dmesg says KVM coexistence" dmesg_has "el2reset: KVM is initialised but leaves EL2 to the stub"
	resident_ok "before the VM"
	oracle resident
	# A VM that stays alive between its two exits: KVM holds EL2 on
	# every CPU as long as a VM exists.
	vm_hold 60 /tmp/vm1
	check "a VM runs with el2reset resident (MMIO exit)" grep -q "exit 1: MMIO" /tmp/vm1
	equal "every CPU yielded to KVM" "$(owners)" "yielded:$ncpu"
	every_cpu "EL2 counted KVM's hand-over (HVC_RESET_VECTORS)" el2/reset_vectors '[ "$v" -ge 1 ]'
	every_cpu "one KVM teardown counted per CPU" teardowns/kvm '[ "$v" = 1 ]'
	oracle kvm
	echo 1 > $S/install
	equal "install while a VM runs succeeds" "$?" 0
	equal "install leaves the CPUs KVM holds yielded" "$(owners)" "yielded:$ncpu"
	oracle kvm
	kill -USR1 "$vm_pid" 2>/dev/null
	wait "$vm_pid"
	check "the VM ends with its PSCI SYSTEM_OFF (OK)" sh -c "tail -n 1 /tmp/vm1 | grep -qx 'kvmclient: OK'"
	# The last VM is gone: KVM gave EL2 back to the stub (cpu_hyp_reset).
	# KVM's own hand-back (HVC_RESET_VECTORS, hyp-init.S) leaves its
	# TTBR0_EL2 behind: the stub, not a clean "handed".
	oracle stub
	equal "a CPU given back stays yielded until an install" "$(owners)" "yielded:$ncpu"
	echo 1 > $S/install
	equal "install after the last VM succeeds" "$?" 0
	resident_ok "install takes back every CPU KVM gave back"
	oracle resident
	every_cpu "the take-back is counted as an install" installs/sysfs '[ "$v" -ge 1 ]'
	kvm_ran "a second VM runs after the take-back"
	equal "every CPU yielded again" "$(owners)" "yielded:$ncpu"
	every_cpu "a second KVM teardown counted per CPU" teardowns/kvm '[ "$v" = 2 ]'
	echo 1 > $S/reset
	equal "reset with yielded CPUs succeeds" "$?" 0
	oracle stub
	rmmod el2reset
	equal "rmmod works" "$?" 0
	finsmod $KO
	equal "reload after the VMs are gone: resident again" "$(owners)" "el2reset:$ncpu"
	kvm_ran "a VM runs after the reload"
	echo 1 > $S/reset
	rmmod el2reset
	equal "rmmod works again" "$?" 0
	# owner "kvm": el2reset loaded but never installed, a VM starts and KVM
	# takes EL2 from the stub for the VM's lifetime; KVM answers the probe
	finsmod $KO install=0
	equal "reload with install=0" "$?" 0
	vm_hold 60 /tmp/vm2
	equal "while a VM runs, every CPU answers as KVM" "$(owners)" "kvm:$ncpu"
	kill -USR1 "$vm_pid" 2>/dev/null
	wait "$vm_pid"
	check "that VM ran (OK)" sh -c "tail -n 1 /tmp/vm2 | grep -qx 'kvmclient: OK'"
	rmmod el2reset
	equal "rmmod after that VM" "$?" 0
	finsmod $KO
	equal "reload before the kexec" "$?" 0
	# kexec while a VM exists and el2reset is loaded: KVM's reboot path
	# and el2reset's together; the next kernel must start at EL2
	vm_hold 600 /tmp/vm3
	equal "a VM holds EL2 before kexec" "$(owners)" "yielded:$ncpu"
	check "no oops" dmesg_clean
	kexec_into "$(cat /proc/cmdline) el2r.stage=2" stub
fi
