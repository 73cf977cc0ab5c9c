# SPDX-License-Identifier: GPL-2.0
# KVM coexistence. el2r.kvm=coexist: el2reset loads next to an initialised
# KVM that leaves the stub at EL2 (6.1; 6.12 with kvm.enable_virt_at_load=0),
# a VM runs with el2reset resident and takes EL2 over cleanly, sysfs shows
# the CPUs as yielded, reset/rmmod/kexec still work, KVM in the next kernel;
# loaded with install=0, the CPUs read "kvm" while a VM runs.
# el2r.kvm=refused: el2reset is refused (KVM holds EL2), KVM is unaffected.
# kvm_ran WHAT: run kvmclient; KVM created a VM and entered the guest
kvm_ran() {
	out=$(kvmclient)
	echo "$out"
	check "$1" sh -c "echo '$out' | tail -n 1 | grep -qE '^kvmclient: (OK|ENTERED)\$'"
}

stage=$(arg el2r.stage || echo 1)
mode=$(arg el2r.kvm)
ncpu=$(nproc)
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
	kvm_ran "a VM runs with el2reset resident"
	equal "every CPU yielded to KVM" "$(owners)" "yielded:$ncpu"
	every_cpu "EL2 counted KVM's hand-over (HVC_RESET_VECTORS)" el2/reset_vectors '[ "$v" -ge 1 ]'
	every_cpu "one KVM teardown counted per CPU" teardowns/kvm '[ "$v" = 1 ]'
	kvm_ran "a second VM runs"
	echo 1 > $S/install
	equal "install skips yielded CPUs and succeeds" "$?" 0
	equal "CPUs stay yielded" "$(owners)" "yielded:$ncpu"
	echo 1 > $S/reset
	equal "reset with yielded CPUs succeeds" "$?" 0
	# KVM's own hand-back (HVC_RESET_VECTORS, hyp-init.S) leaves its
	# TTBR0_EL2 behind: the stub, not a clean "handed"
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
	kvmclient > /tmp/kvm.out 2>&1 &
	i=0
	while ! grep -q 'VM and vCPU ready' /tmp/kvm.out && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	equal "while a VM runs, every CPU answers as KVM" "$(owners)" "kvm:$ncpu"
	wait
	cat /tmp/kvm.out
	check "that VM ran" sh -c "tail -n 1 /tmp/kvm.out | grep -qE '^kvmclient: (OK|ENTERED)\$'"
	rmmod el2reset
	equal "rmmod after that VM" "$?" 0
	check "no oops" dmesg_clean
	kexec_into "$(cat /proc/cmdline) el2r.stage=2"
fi
