# SPDX-License-Identifier: GPL-2.0
# A real VMM beside el2reset: Debian's qemu-system-aarch64 -accel kvm (the
# arm64 binary and its libraries, scripts/fetch-vmm) boots this same Debian
# kernel as a guest with a tiny initramfs (tests/guest/vmm-guest-init) that
# prints one line and waits. el2reset is resident before the VM, yielded
# while it runs, and taken back by an install once KVM has given EL2 back;
# the oracle reads EL2 after each step.
plan 20
ncpu=$(nproc)
VMM_LOG=/tmp/vmm.log
el2_boot_ok "kernel"
kvm_ok "kernel"
finsmod $KO
equal "insmod loads next to an initialised KVM" "$?" 0
resident_ok "before the VM"
oracle resident
# The guest's console: its output to $VMM_LOG, its input from a FIFO
# (held open here on fd 3) that ends its wait.
mkfifo /tmp/vmm.in
exec 3<>/tmp/vmm.in
qemu-system-aarch64 -M virt,gic-version=3 -accel kvm -cpu host -smp 1 \
	-m 256 -nodefaults -no-user-config -display none -monitor none \
	-serial stdio -net none -no-reboot -kernel /boot/Image \
	-initrd /boot/guest.cpio.gz \
	-append "console=ttyAMA0 panic=-1 quiet rdinit=/init" \
	<&3 >$VMM_LOG 2>&1 &
vmm=$!
i=0
while ! grep -q "EL2R-GUEST:" $VMM_LOG && kill -0 $vmm 2>/dev/null &&
		[ $i -lt 400 ]; do
	sleep 1
	i=$((i + 1))
done
echo "vmm guest console: $(grep "EL2R-GUEST:" $VMM_LOG)"
check "the guest's kernel reached its init under KVM ($i s)" grep -q "EL2R-GUEST: Debian kernel $(uname -r) up under KVM" $VMM_LOG
equal "every CPU yielded to KVM while the VM runs" "$(owners)" "yielded:$ncpu"
oracle kvm
echo 1 > $S/install
equal "install while the VM runs succeeds" "$?" 0
equal "install leaves the CPUs KVM holds yielded" "$(owners)" "yielded:$ncpu"
oracle kvm
echo go >&3
wait $vmm
equal "the VMM exits 0 after the guest's poweroff" "$?" 0
exec 3>&-
# the last VM is gone: KVM gave EL2 back to the stub (its TTBR0_EL2 left
# behind: the stub, not a clean "handed")
oracle stub
echo 1 > $S/install
equal "install after the VM succeeds" "$?" 0
resident_ok "install takes back every CPU KVM gave back"
oracle resident
out=$(kvmclient)
echo "$out"
check "a second VM runs afterwards" sh -c "echo '$out' | tail -n 1 | grep -qx 'kvmclient: OK'"
# KVM wrote its own EL2 state (VTCR_EL2, TTBR0_EL2, ...) around its VMs,
# which the stub keeps: the boot's baseline no longer describes EL2, so the
# hand-over is judged as "stub" (the stub's vectors, the MMU off), as
# oracle-hook.sh does under KVM
end_unloaded stub
